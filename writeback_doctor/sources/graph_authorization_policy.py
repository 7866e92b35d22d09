"""Graph ``GET /v1.0/policies/authorizationPolicy``: may administrators use self-service password reset.

https://learn.microsoft.com/en-us/graph/api/resources/authorizationpolicy (allowedToUseSSPR:
"Indicates whether administrators of the tenant can use the Self-Service Password Reset").
"""

from __future__ import annotations

from typing import Any

from writeback_doctor.sources.values import boolean, field, odata_context

KIND = "graph-authorizationPolicy"
DESCRIPTION = "Graph GET /policies/authorizationPolicy"


def recognise(data: Any) -> bool:
    """The authorizationPolicy entity (its id is always ``authorizationPolicy``)."""
    if not isinstance(data, dict):
        return False
    return "#policies/authorizationPolicy" in odata_context(data) or (
        data.get("id") == "authorizationPolicy" and "defaultUserRolePermissions" in data)


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """sspr.enabled_for_admins from ``allowedToUseSSPR`` (dropped with a note if the schema lacks that fact)."""
    return [("sspr.enabled_for_admins", boolean(field(data, "allowedToUseSSPR", "$"), "$.allowedToUseSSPR"),
             "$.allowedToUseSSPR")]
