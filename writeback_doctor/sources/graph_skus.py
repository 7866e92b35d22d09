"""Graph ``GET /v1.0/subscribedSkus``: licenses assigned in the tenant, and which SKUs carry Entra ID P1/P2.

https://learn.microsoft.com/en-us/graph/api/subscribedsku-list
"""

from __future__ import annotations

from typing import Any

from .errors import ExportError
from .values import field, graph_value, integer, odata_context, text

KIND = "graph-subscribedSkus"
DESCRIPTION = "Graph GET /subscribedSkus"
PREMIUM_PLANS = ("AAD_PREMIUM", "AAD_PREMIUM_P2")
"""Service plans that make a SKU good for writeback (Entra ID P1, P2): P1/P2, EMS, Microsoft 365 E3/E5, Business Premium."""
ACTIVE = ("Enabled", "Warning")
"""capabilityStatus values of SKUs that still work (Warning is the grace period)."""


def recognise(data: Any) -> bool:
    """A Graph collection whose items are subscribedSku objects (or an empty one whose context says so)."""
    items = graph_value(data)
    if items is None:
        return False
    if odata_context(data).endswith("#subscribedSkus"):
        return True
    return bool(items) and all(isinstance(i, dict) and "skuId" in i and "servicePlans" in i for i in items)


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """tenant.assigned_licenses (consumedUnits of active SKUs), tenant.premium_licenses_assigned, and each SKU's plans.

    The per-SKU observations (``~sku[<skuId>]``) let a users export resolve who holds what.
    """
    total, premium, claims = 0, 0, []
    for index, sku in enumerate(data["value"]):
        where = f"$.value[{index}]"
        status = text(field(sku, "capabilityStatus", where), f"{where}.capabilityStatus")
        consumed = integer(field(sku, "consumedUnits", where), f"{where}.consumedUnits")
        sku_id = text(field(sku, "skuId", where), f"{where}.skuId")
        plans = field(sku, "servicePlans", where)
        if not isinstance(plans, list):
            raise ExportError(f"{where}.servicePlans", f"expected an array, got {plans!r}")
        premium_plans = []
        for p_index, plan in enumerate(plans):
            p_where = f"{where}.servicePlans[{p_index}]"
            name = text(field(plan, "servicePlanName", p_where), f"{p_where}.servicePlanName")
            plan_id = text(field(plan, "servicePlanId", p_where), f"{p_where}.servicePlanId")
            if name in PREMIUM_PLANS:
                premium_plans.append(plan_id)
        active = status in ACTIVE
        if active:
            total += consumed
            if premium_plans:
                premium += consumed
        claims.append((f"~sku[{sku_id}]", {"active": active, "premium_plans": sorted(premium_plans)}, where))
    return [("tenant.assigned_licenses", total, "$.value[*].consumedUnits (capabilityStatus Enabled or Warning)"),
            ("tenant.premium_licenses_assigned", premium,
             "$.value[*].consumedUnits (SKUs with servicePlans AAD_PREMIUM or AAD_PREMIUM_P2)")] + claims

