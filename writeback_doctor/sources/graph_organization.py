"""Graph ``GET /v1.0/organization``: whether the tenant synchronises users from on-premises AD.

https://learn.microsoft.com/en-us/graph/api/organization-get (onPremisesSyncEnabled: true =
synchronised; false = no longer; null = never).
"""

from __future__ import annotations

from typing import Any

from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.values import field, graph_value, odata_context

KIND = "graph-organization"
DESCRIPTION = "Graph GET /organization"


def recognise(data: Any) -> bool:
    """A Graph organization collection, or one organization entity."""
    if "#organization" in odata_context(data):
        return True
    items = graph_value(data) or []
    return bool(items) and all(isinstance(i, dict) and "verifiedDomains" in i and "tenantType" in i for i in items)


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """tenant.has_synced_users from ``onPremisesSyncEnabled`` (true only when it is true)."""
    items = graph_value(data)
    located = [(f"$.value[{i}]", item) for i, item in enumerate(items)] if items is not None else [("$", data)]
    if len(located) != 1:
        raise ExportError("$.value", f"expected exactly one organization, got {len(located)}")
    where, organization = located[0]
    value = field(organization, "onPremisesSyncEnabled", where)
    if value is not None and not isinstance(value, bool):
        raise ExportError(f"{where}.onPremisesSyncEnabled", f"expected true, false or null, got {value!r}")
    return [("tenant.has_synced_users", value is True, f"{where}.onPremisesSyncEnabled")]
