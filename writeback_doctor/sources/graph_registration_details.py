"""Microsoft Graph ``GET /reports/authenticationMethods/userRegistrationDetails`` (the tenant collector's
``registration.json``): who has registered for self-service password reset.

https://learn.microsoft.com/en-us/graph/api/authenticationmethodsroot-list-userregistrationdetails ; each
item's ``userPrincipalName`` and ``isSsprRegistered``
(https://learn.microsoft.com/en-us/graph/api/resources/userregistrationdetails ).
"""

from __future__ import annotations

from typing import Any

from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.values import boolean, graph_value, odata_context

KIND = "graph-userRegistrationDetails"
DESCRIPTION = "Microsoft Graph GET /reports/authenticationMethods/userRegistrationDetails (SSPR registration)"


def recognise(data: Any) -> bool:
    """A Graph collection whose context names userRegistrationDetails, or whose items carry isSsprRegistered."""
    items = graph_value(data)
    if items is None:
        return False
    if "userRegistrationDetails" in odata_context(data):
        return True
    return bool(items) and all(isinstance(i, dict) and "isSsprRegistered" in i and "userPrincipalName" in i for i in items)


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """users[<upn>].sspr_registered for every listed user."""
    claims: list[tuple[str, Any, str]] = []
    for index, item in enumerate(graph_value(data) or []):
        where = f"$.value[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("userPrincipalName"), str) or not item["userPrincipalName"]:
            raise ExportError(f"{where}.userPrincipalName", f"expected the user's UPN, got {item!r}")
        if "isSsprRegistered" in item:
            claims.append((f"users[{item['userPrincipalName']}].sspr_registered",
                           boolean(item["isSsprRegistered"], f"{where}.isSsprRegistered"), f"{where}.isSsprRegistered"))
    return claims
