"""The Microsoft Entra admin center's audit log "Download" as CSV (Entra ID > Monitoring & health > Audit logs >
Download > CSV): one row per audit entry, the directoryAudit resource flattened into columns.

Microsoft Learn documents the download (https://learn.microsoft.com/en-us/entra/identity/monitoring-health/howto-download-logs:
CSV or JSON, up to 250,000 records, times in UTC) but not its column headers. The headers read here are those of
a real download quoted by a public parser of such files (github.com/adrianbiro/timesketch_parsters,
AzureCsvAuditLog2timesketch.py, from AuditLogs_2024-11-09.csv): ``Date (UTC)``, ``CorrelationId``, ``Service``,
``Category``, ``Activity``, ``Result``, ``ResultReason``, ``User Agent``, ``ActorType`` ... ``Target1Type``,
``Target1DisplayName``, ``Target1ObjectId``, ``Target1UserPrincipalName``, ``Target<n>ModifiedProperty<m>Name/
OldValue/NewValue`` and ``AdditionalDetail<n>Key/Value`` (n = 1..6). They are the Graph properties of
https://learn.microsoft.com/en-us/graph/api/resources/directoryaudit under the portal's column names. A download
made in another portal language has translated headers (a public parser lists Spanish ones); it is not
recognised here, and the JSON download (``audit_log``) reads the same entries in every language.

Recognised by its columns, never by the file name; the entries are those ``audit_log`` keeps (the password
activities), in the same vocabulary, so a CSV and a JSON download of the same log give the same facts.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from writeback_doctor.sources.audit_log import AGENTS, FACT, RESULTS, SSPR_SERVICE
from writeback_doctor.sources.symptom_text import failure_reason
from writeback_doctor.sources.values import as_items

KIND = "entra-admin-center-audit-log-csv"
DESCRIPTION = "Microsoft Entra admin center: Audit logs > Download (CSV)"
COLUMNS = ("Date (UTC)", "Service", "Category", "Activity", "Result", "ResultReason")
"""The columns every download has, whatever columns the view showed."""
DETAILS = 6
"""AdditionalDetail1Key .. AdditionalDetail6Key."""
TARGETS = 3
"""Target1 .. Target3."""
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def recognise(data: Any) -> bool:
    """Rows with the download's columns: Date (UTC), Service, Category, Activity, Result, ResultReason."""
    items = [item for _, item in as_items(data)]
    return bool(items) and all(isinstance(item, Mapping) and set(COLUMNS) <= set(item) for item in items)


def _cell(row: Mapping[str, Any], column: str) -> str | None:
    value = row.get(column)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _user(row: Mapping[str, Any]) -> str | None:
    """The first target's user principal name (the user whose password it is), else the actor's."""
    for n in range(1, TARGETS + 1):
        if (name := _cell(row, f"Target{n}UserPrincipalName")) is not None:
            return name
    return _cell(row, "ActorUserPrincipalName")


def _agent(row: Mapping[str, Any]) -> str | None:
    for n in range(1, DETAILS + 1):
        if (_cell(row, f"AdditionalDetail{n}Key") or "").lower() == "onpremisesagent":
            return AGENTS.get((_cell(row, f"AdditionalDetail{n}Value") or "").lower())
    return None


def entry(row: Mapping[str, Any]) -> dict[str, Any]:
    """One row as an audit entry (``audit_log.entries[]``); a time that is not ISO 8601 is left out."""
    reason = _cell(row, "ResultReason")
    time = _cell(row, "Date (UTC)")
    values = {"activity": _cell(row, "Activity"), "service": _cell(row, "Service"),
              "result": RESULTS.get((_cell(row, "Result") or "").lower()), "result_reason": reason,
              "failure_reason": failure_reason(reason), "on_premises_agent": _agent(row), "user": _user(row),
              "time": time if time is not None and _ISO.match(time) else None}
    return {key: value for key, value in values.items() if isinstance(value, str)}


def _password_activity(row: Mapping[str, Any]) -> bool:
    activity = _cell(row, "Activity")
    return activity is not None and ((_cell(row, "Service") or "").lower() == SSPR_SERVICE or "password" in activity.lower())


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """One claim: the password activities (as ``audit_log.extract``), oldest first; other rows are left out."""
    kept = [entry(row) for _, row in as_items(data) if isinstance(row, Mapping) and _password_activity(row)]
    kept.sort(key=lambda e: (e.get("time", ""), e["activity"], e.get("user", "")))
    return [(FACT, kept, "$")] if kept else []
