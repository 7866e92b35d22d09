"""Microsoft Graph ``GET /directoryRoles?$expand=members`` (the tenant collector's ``directoryroles.json``).

The activated directory roles with their direct members:
https://learn.microsoft.com/en-us/graph/api/directoryrole-list . A user member of any role is an
administrator (``users[<upn>].is_admin``); who is *not* one cannot be told from it (eligible PIM
assignments and roles through groups are not listed), so no user is claimed to be a non-administrator.
"""

from __future__ import annotations

from typing import Any

from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.values import graph_value, odata_context

KIND = "graph-directoryRoles"
DESCRIPTION = "Microsoft Graph GET /directoryRoles?$expand=members (administrators)"


def recognise(data: Any) -> bool:
    """A Graph collection whose context names ``#directoryRoles``."""
    return graph_value(data) is not None and odata_context(data).split("#", 1)[-1].startswith("directoryRoles")


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """users[<upn>].is_admin = true for every user member of an activated role."""
    claims: list[tuple[str, Any, str]] = []
    seen: set[str] = set()
    for index, role in enumerate(graph_value(data) or []):
        where = f"$.value[{index}]"
        if not isinstance(role, dict):
            raise ExportError(where, f"expected a directory role, got {role!r}")
        members = role.get("members")
        if members is None:
            raise ExportError(f"{where}.members", "missing field: ask with $expand=members")
        if not isinstance(members, list):
            raise ExportError(f"{where}.members", f"expected the role's members, got {members!r}")
        for position, member in enumerate(members):
            upn = member.get("userPrincipalName") if isinstance(member, dict) else None
            if isinstance(upn, str) and upn and upn.lower() not in seen:
                seen.add(upn.lower())
                claims.append((f"users[{upn}].is_admin", True,
                               f"{where}.members[{position}] (member of {role.get('displayName', 'a directory role')})"))
    return claims
