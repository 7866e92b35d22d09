"""Graph ``GET /v1.0/users?$select=userPrincipalName,onPremisesSyncEnabled,assignedLicenses`` (one page).

An export with no next page and no filter lists the whole directory: it says so
(``tenant.users_list_complete``), so that "no listed administrator" can mean "none exists".

https://learn.microsoft.com/en-us/graph/api/user-list ; assignedLicenses items are
``{skuId, disabledPlans}`` (https://learn.microsoft.com/en-us/graph/api/resources/assignedlicense).
The license tier needs the SKUs' service plans: ``links.py`` resolves it when a
subscribedSkus export is given too; a user with no license at all is ``none`` either way.
"""

from __future__ import annotations

from typing import Any, Callable

from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.model import NOTE
from writeback_doctor.sources.values import as_items, boolean, field, graph_value, odata_context, pascal, text

KIND = "graph-users"
DESCRIPTION = "Graph GET /users?$select=userPrincipalName,onPremisesSyncEnabled,assignedLicenses"


def recognise(data: Any) -> bool:
    """A Graph collection of users (its context names ``#users``, or every item has a userPrincipalName), not the
    registration report (``graph_registration_details``), whose items name users too; or the Graph PowerShell SDK's
    ``Get-MgUser -Property ... | ConvertTo-Json`` objects (PascalCase)."""
    items = graph_value(data)
    if items is None:
        objects = [item for _, item in as_items(data)]
        return bool(objects) and all(isinstance(i, dict) and "UserPrincipalName" in i and "AssignedLicenses" in i
                                     and "OnPremisesSyncEnabled" in i for i in objects)
    context = odata_context(data).split("#", 1)[-1]
    if context.startswith("users"):
        return True
    if "userRegistrationDetails" in context:
        return False
    return bool(items) and all(isinstance(i, dict) and "userPrincipalName" in i and "isSsprRegistered" not in i for i in items)


def out_of_scope(user: Any, name: str, where: str, get: Callable[[str], Any]) -> str | None:
    """Why a listed account is no user whose password writeback serves (a B2B guest, a disabled account), or None.

    Guests (userType Guest, or ``#EXT#`` in the name) sign in with their home tenant's password; a disabled
    account resets nothing (https://learn.microsoft.com/en-us/graph/api/resources/user: userType, accountEnabled)."""
    kind = get("userType")
    if (isinstance(kind, str) and kind.lower() == "guest") or "#ext#" in name.lower():
        return "a B2B guest (userType Guest or #EXT#)"
    enabled = get("accountEnabled")
    if enabled is not None and boolean(enabled, f"{where}.accountEnabled") is False:
        return "a disabled account (accountEnabled false)"
    return None


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """users[].name and source; license ``none`` for users without any, the assigned SKUs otherwise. Guests and
    disabled accounts are no users in scope: left out, and counted in a note."""
    claims: list[tuple[str, Any, str]] = []
    kinds_seen: dict[str, str] = {}
    graph = graph_value(data) is not None
    located = [(f"$.value[{i}]", u) for i, u in enumerate(data["value"])] if graph else as_items(data)
    name_of: Callable[[str], str] = (lambda n: n) if graph else pascal
    left_out: dict[str, list[str]] = {}
    for where, user in located:
        def get(key: str, user: Any = user) -> Any:
            return user.get(name_of(key)) if isinstance(user, dict) else None
        name = text(field(user, name_of("userPrincipalName"), where), f"{where}.{name_of('userPrincipalName')}")
        why = out_of_scope(user, name, where, get)
        if why:
            left_out.setdefault(why, []).append(name)
            continue
        synced = field(user, name_of("onPremisesSyncEnabled"), where)
        if synced is not None and not isinstance(synced, bool):
            raise ExportError(f"{where}.{name_of('onPremisesSyncEnabled')}", f"expected true, false or null, got {synced!r}")
        licenses = field(user, name_of("assignedLicenses"), where)
        if isinstance(licenses, list) and licenses and all(isinstance(item, str) for item in licenses):
            # ConvertTo-Json's default -Depth 2 wrote each license as its type name: licensed, by what is unknown
            key = f"users[{name}]"
            claims.append((f"{key}.name", name, f"{where}.{name_of('userPrincipalName')}"))
            claims.append((f"{key}.source", "synced" if synced is True else "cloud_only",
                           f"{where}.{name_of('onPremisesSyncEnabled')}"))
            claims.append((NOTE, f"{name}: its {len(licenses)} license(s) were cut by ConvertTo-Json's -Depth 2; "
                                 "its license tier is unknown (export again with -Depth 5)", f"{where}.{name_of('assignedLicenses')}"))
            kind = "synced" if synced is True else "cloud_only"
            kinds_seen.setdefault(f"tenant.has_{kind}_users", f"{where}.{name_of('onPremisesSyncEnabled')}")
            continue
        if not isinstance(licenses, list):
            raise ExportError(f"{where}.assignedLicenses", f"expected an array, got {licenses!r}")
        assigned = []
        for l_index, license_ in enumerate(licenses):
            l_where = f"{where}.{name_of('assignedLicenses')}[{l_index}]"
            sku = text(field(license_, name_of("skuId"), l_where), f"{l_where}.{name_of('skuId')}")
            disabled = license_.get(name_of("disabledPlans"), []) if isinstance(license_, dict) else []
            if not isinstance(disabled, list) or not all(isinstance(d, str) for d in disabled):
                raise ExportError(f"{l_where}.disabledPlans", f"expected an array of plan ids, got {disabled!r}")
            assigned.append({"skuId": sku, "disabledPlans": sorted(disabled)})
        key = f"users[{name}]"
        claims.append((f"{key}.name", name, f"{where}.{name_of('userPrincipalName')}"))
        claims.append((f"{key}.source", "synced" if synced is True else "cloud_only",
                       f"{where}.{name_of('onPremisesSyncEnabled')}"))
        if assigned:
            claims.append((f"~{key}.assigned_licenses", assigned, f"{where}.{name_of('assignedLicenses')}"))
        else:
            claims.append((f"{key}.license", "none", f"{where}.{name_of('assignedLicenses')}"))
        kind = "synced" if synced is True else "cloud_only"
        kinds_seen.setdefault(f"tenant.has_{kind}_users", f"{where}.{name_of('onPremisesSyncEnabled')}")
    # a page may be partial (@odata.nextLink, $filter): it proves that some user is synced/cloud-only, never that none is
    claims += [(path, True, where) for path, where in sorted(kinds_seen.items())]
    claims += [(NOTE, f"{len(names)} account(s) left out, {why}: not users whose password writeback serves "
                      f"({', '.join(sorted(names)[:5])}{', ...' if len(names) > 5 else ''})", "$")
               for why, names in sorted(left_out.items())]
    if graph and _whole_directory(data):
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
