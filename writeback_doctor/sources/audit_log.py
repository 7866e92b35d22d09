"""The Microsoft Entra audit log's password activities: Graph ``GET /v1.0/auditLogs/directoryAudits``
(``{"@odata.context": ...#auditLogs/directoryAudits, "value": [...]}``), ``Get-MgAuditLogDirectoryAudit |
ConvertTo-Json`` (the same properties in PascalCase) and the admin center's "Download" as JSON (an array of
the same objects).

Shape: https://learn.microsoft.com/en-us/graph/api/resources/directoryaudit (activityDateTime,
activityDisplayName, loggedByService, result: success/failure/timeout, resultReason, initiatedBy,
targetResources, additionalDetails). Activities: https://learn.microsoft.com/en-us/entra/identity/authentication/howto-sspr-reporting
("Self-Service Password Management activity types"). The failure reason is derived from resultReason
(``symptom_text.failure_reason``): rules cannot search text. The admin center's CSV download is read by
``audit_log_csv``.
"""

from __future__ import annotations

from typing import Any, Mapping

from writeback_doctor.sources.symptom_text import failure_reason
from writeback_doctor.sources.values import as_items, odata_context

KIND = "graph-directoryAudits"
DESCRIPTION = "Graph GET /auditLogs/directoryAudits, Get-MgAuditLogDirectoryAudit | ConvertTo-Json, or the admin center's audit log download (JSON)"
FACT = "audit_log.entries"
SSPR_SERVICE = "self-service password management"
RESULTS = {"success": "success", "failure": "failure", "timeout": "timeout", "unknownfuturevalue": "unknownFutureValue"}
AGENTS = {"none": "none", "microsoft entra connect": "entra-connect", "cloudsync": "cloud-sync"}


def _get(item: Mapping[str, Any], name: str) -> Any:
    """A property by its Graph name, whatever its case (PowerShell writes PascalCase)."""
    lowered = name.lower()
    return next((value for key, value in item.items() if isinstance(key, str) and key.lower() == lowered), None)


def _records(data: Any) -> list[tuple[str, Any]]:
    if isinstance(data, Mapping) and isinstance(data.get("value"), list) and "directoryAudits" in odata_context(data):
        return [(f"$.value[{i}]", item) for i, item in enumerate(data["value"])]
    return as_items(data)


def _is_audit(item: Any) -> bool:
    return isinstance(item, Mapping) and isinstance(_get(item, "activityDisplayName"), str) \
        and _get(item, "loggedByService") is not None and _get(item, "result") is not None


def recognise(data: Any) -> bool:
    """A directoryAudits response, or a list of directoryAudit objects (activityDisplayName, loggedByService, result)."""
    if isinstance(data, Mapping) and "#auditLogs/directoryAudits" in odata_context(data):
        return True
    items = _records(data)
    return bool(items) and all(_is_audit(item) for _, item in items)


def _user(item: Mapping[str, Any]) -> str | None:
    for target in _get(item, "targetResources") or []:
        if isinstance(target, Mapping) and isinstance(_get(target, "userPrincipalName"), str):
            return str(_get(target, "userPrincipalName"))
    initiator = _get(item, "initiatedBy")
    user = _get(initiator, "user") if isinstance(initiator, Mapping) else None
    name = _get(user, "userPrincipalName") if isinstance(user, Mapping) else None
    return str(name) if isinstance(name, str) else None


def _agent(item: Mapping[str, Any]) -> str | None:
    for detail in _get(item, "additionalDetails") or []:
        if isinstance(detail, Mapping) and str(_get(detail, "key")).lower() == "onpremisesagent":
            return AGENTS.get(str(_get(detail, "value")).strip().lower())
    return None


def entry(item: Mapping[str, Any]) -> dict[str, Any]:
    """One audit entry in the fact vocabulary (``audit_log.entries[]``)."""
    found: dict[str, Any] = {"activity": str(_get(item, "activityDisplayName"))}
    reason = _get(item, "resultReason")
    values = {"id": _get(item, "id"), "service": _get(item, "loggedByService"),
              "result": RESULTS.get(str(_get(item, "result")).lower()),
              "result_reason": reason if isinstance(reason, str) and reason else None,
              "failure_reason": failure_reason(reason if isinstance(reason, str) else None),
              "on_premises_agent": _agent(item), "user": _user(item)}
    time = _get(item, "activityDateTime")
    if isinstance(time, str) and len(time) >= 16 and time[4] == "-" and "T" in time:
        values["time"] = time
    found.update({key: value for key, value in values.items() if isinstance(value, str)})
    return found


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """One claim: the password activities (those Self-service Password Management logged, and any activity
    naming a password), oldest first; other activities are left out."""
    kept = [entry(item) for _, item in _records(data) if _is_audit(item)
            and (str(_get(item, "loggedByService")).lower() == SSPR_SERVICE
                 or "password" in str(_get(item, "activityDisplayName")).lower())]
    kept.sort(key=lambda e: (e.get("time", ""), e["activity"], e.get("id", "")))
    return [(FACT, kept, "$")] if kept else []
