"""Graph ``GET /v1.0/users?$select=userPrincipalName,onPremisesSyncEnabled,assignedLicenses`` (one page).

An export with no next page and no filter lists the whole directory: it says so
(``tenant.users_list_complete``), so that "no listed administrator" can mean "none exists".

https://learn.microsoft.com/en-us/graph/api/user-list ; assignedLicenses items are
``{skuId, disabledPlans}`` (https://learn.microsoft.com/en-us/graph/api/resources/assignedlicense).
The license tier needs the SKUs' service plans: ``links.py`` resolves it when a
subscribedSkus export is given too; a user with no license at all is ``none`` either way.
"""

from __future__ import annotations

from typing import Any

from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.values import field, graph_value, odata_context, text

KIND = "graph-users"
DESCRIPTION = "Graph GET /users?$select=userPrincipalName,onPremisesSyncEnabled,assignedLicenses"


def recognise(data: Any) -> bool:
    """A Graph collection of users (its context names ``#users``, or every item has a userPrincipalName), not the
    registration report (``graph_registration_details``), whose items name users too."""
    items = graph_value(data)
    if items is None:
        return False
    context = odata_context(data).split("#", 1)[-1]
    if context.startswith("users"):
        return True
    if "userRegistrationDetails" in context:
        return False
    return bool(items) and all(isinstance(i, dict) and "userPrincipalName" in i and "isSsprRegistered" not in i for i in items)


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """users[].name and source; license ``none`` for users without any, the assigned SKUs otherwise."""
    claims: list[tuple[str, Any, str]] = []
    kinds_seen: dict[str, str] = {}
    for index, user in enumerate(data["value"]):
        where = f"$.value[{index}]"
        name = text(field(user, "userPrincipalName", where), f"{where}.userPrincipalName")
        synced = field(user, "onPremisesSyncEnabled", where)
        if synced is not None and not isinstance(synced, bool):
            raise ExportError(f"{where}.onPremisesSyncEnabled", f"expected true, false or null, got {synced!r}")
        licenses = field(user, "assignedLicenses", where)
        if not isinstance(licenses, list):
            raise ExportError(f"{where}.assignedLicenses", f"expected an array, got {licenses!r}")
        assigned = []
        for l_index, license_ in enumerate(licenses):
            l_where = f"{where}.assignedLicenses[{l_index}]"
            sku = text(field(license_, "skuId", l_where), f"{l_where}.skuId")
            disabled = license_.get("disabledPlans", [])
            if not isinstance(disabled, list) or not all(isinstance(d, str) for d in disabled):
                raise ExportError(f"{l_where}.disabledPlans", f"expected an array of plan ids, got {disabled!r}")
            assigned.append({"skuId": sku, "disabledPlans": sorted(disabled)})
        key = f"users[{name}]"
        claims.append((f"{key}.name", name, f"{where}.userPrincipalName"))
        claims.append((f"{key}.source", "synced" if synced is True else "cloud_only", f"{where}.onPremisesSyncEnabled"))
        if assigned:
            claims.append((f"~{key}.assigned_licenses", assigned, f"{where}.assignedLicenses"))
        else:
            claims.append((f"{key}.license", "none", f"{where}.assignedLicenses"))
        kind = "synced" if synced is True else "cloud_only"
        kinds_seen.setdefault(f"tenant.has_{kind}_users", f"{where}.onPremisesSyncEnabled")
    # a page may be partial (@odata.nextLink, $filter): it proves that some user is synced/cloud-only, never that none is
    claims += [(path, True, where) for path, where in sorted(kinds_seen.items())]
    if _whole_directory(data):
        claims.append(("tenant.users_list_complete", True, "$"))
    return claims


def _whole_directory(data: dict[str, Any]) -> bool:
    """Whether the export lists every user: one last page (no ``@odata.nextLink``), no ``$filter`` or
    ``$search`` in what it says of its request, and no ``@odata.count`` above the users listed."""
    if "@odata.nextLink" in data:
        return False
    said = " ".join(str(data.get(key, "")) for key in ("@odata.context", "@odata.id", "@odata.deltaLink")).lower()
    if "filter" in said or "search" in said:
        return False
    count = data.get("@odata.count")
    return not (isinstance(count, int) and count > len(data["value"]))
