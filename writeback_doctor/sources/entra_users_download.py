"""The Microsoft Entra admin center's Users > All users > Download users: a CSV of every user (UTF-8 with BOM).

https://learn.microsoft.com/en-us/entra/identity/users/users-bulk-download lists its columns (userPrincipalName,
displayName, surname, mail, givenName, objectId, userType, jobTitle, department, accountEnabled, ...); newer
downloads add ``directorySynced`` (and name ``objectId`` ``id``). It lists no licenses, so each user's license
stays for the Graph exports or the interview; it holds the filtered list when the admin filtered the page
("The download file will contain the filtered list of users"), so it never says that a user does not exist.
Guests and disabled accounts are no users in scope (``graph_users.out_of_scope``).
"""

from __future__ import annotations

from typing import Any

from writeback_doctor.sources.graph_users import out_of_scope
from writeback_doctor.sources.model import NOTE
from writeback_doctor.sources.values import as_items, boolean, field, text

KIND = "entra-admin-center-users-download"
DESCRIPTION = "Microsoft Entra admin center: Users > All users > Download users (CSV)"
_SYNCED = ("directorySynced", "onPremisesSyncEnabled", "dirSyncEnabled")


def recognise(data: Any) -> bool:
    """Rows with userPrincipalName, userType and accountEnabled beside displayName: the download's columns."""
    items = [item for _, item in as_items(data)]
    return bool(items) and all(isinstance(i, dict) and {"userPrincipalName", "userType", "accountEnabled", "displayName"} <= set(i)
                               for i in items)


def _synced(value: Any, where: str) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().lower() in ("yes", "no"):
        return value.strip().lower() == "yes"
    return boolean(value, where)


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """users[].name (and users[].source where a synced column says it); guests and disabled accounts left out."""
    claims: list[tuple[str, Any, str]] = []
    left_out: dict[str, list[str]] = {}
    column = next((c for c in _SYNCED if isinstance(data, list) and data and c in data[0]), None)
    seen: dict[str, str] = {}
    for where, row in as_items(data):
        name = text(field(row, "userPrincipalName", where), f"{where}.userPrincipalName")
        why = out_of_scope(row, name, where, row.get)
        if why:
            left_out.setdefault(why, []).append(name)
            continue
        key = f"users[{name}]"
        claims.append((f"{key}.name", name, f"{where}.userPrincipalName"))
        synced = _synced(row.get(column), f"{where}.{column}") if column else None
        if synced is not None:
            source = "synced" if synced else "cloud_only"
            claims.append((f"{key}.source", source, f"{where}.{column}"))
            seen.setdefault(f"tenant.has_{source}_users", f"{where}.{column}")
    claims += [(path, True, where) for path, where in sorted(seen.items())]
    claims += [(NOTE, f"{len(names)} account(s) left out, {why}: not users whose password writeback serves "
                      f"({', '.join(sorted(names)[:5])}{', ...' if len(names) > 5 else ''})", "$")
               for why, names in sorted(left_out.items())]
    claims.append((NOTE, "the Users download lists no licenses" + ("" if column else " and not whether a user is synced") +
                   ": give the Graph users and subscribedSkus exports (docs/collect.md), or answer the interview", "$"))
    return claims
