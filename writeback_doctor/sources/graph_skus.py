"""Graph ``GET /v1.0/subscribedSkus`` and ``Get-MgSubscribedSku | ConvertTo-Json``: licenses assigned in the
tenant, and which SKUs carry Entra ID P1/P2.

https://learn.microsoft.com/en-us/graph/api/subscribedsku-list (the response body: ``value`` array,
camelCase) and https://learn.microsoft.com/en-us/powershell/module/microsoft.graph.identity.directorymanagement/get-mgsubscribedsku
(the Graph PowerShell SDK: the same properties in PascalCase, an array of objects, or one object for one SKU).
Free and viral SKUs (Power BI (free), Power Automate Free, Teams Exploratory...) license no password reset:
they are not counted as licenses (https://learn.microsoft.com/en-us/entra/identity/users/licensing-service-plan-reference
names them).
"""

from __future__ import annotations

from typing import Any, Callable

from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.model import NOTE
from writeback_doctor.sources.values import as_items, field, graph_value, integer, odata_context, pascal, text

KIND = "graph-subscribedSkus"
DESCRIPTION = "Graph GET /subscribedSkus (or Get-MgSubscribedSku | ConvertTo-Json -Depth 5)"
PREMIUM_PLANS = ("AAD_PREMIUM", "AAD_PREMIUM_P2")
"""Service plans that make a SKU good for writeback (Entra ID P1, P2): P1/P2, EMS, Microsoft 365 E3/E5, Business Premium."""
ACTIVE = ("Enabled", "Warning")
"""capabilityStatus values of SKUs that still work (Warning is the grace period)."""
INACTIVE = ("Suspended", "Deleted", "LockedOut")
"""The other documented capabilityStatus values; any value beyond these is carried as unknown."""
FREE_SKUS = frozenset({
    "FLOW_FREE", "POWER_BI_STANDARD", "POWERAPPS_VIRAL", "POWERAPPS_DEV", "CCIBOTS_PRIVPREV_VIRAL",
    "TEAMS_EXPLORATORY", "TEAMS_FREE", "WINDOWS_STORE", "SMB_APPS", "STREAM", "RIGHTSMANAGEMENT_ADHOC",
    "MICROSOFT_BUSINESS_CENTER", "FORMS_PRO", "POWER_PAGES_VTRIAL_FOR_MAKERS", "DYN365_ENTERPRISE_VIRAL",
})
"""skuPartNumbers of free, viral and developer SKUs (licensing service plan reference); ``*_FREE`` and ``*_VIRAL`` too."""


def recognise(data: Any) -> bool:
    """A Graph collection of subscribedSku objects (or an empty one whose context says so), or the SDK's PascalCase objects."""
    objects = [item for _, item in as_items(data)]
    if objects and all(isinstance(i, dict) and "SkuId" in i and "ServicePlans" in i for i in objects):
        return True  # the SDK's objects (an array, one object, or 5.1's {"value": [...], "Count": n})
    items = graph_value(data)
    if items is None:
        return False
    if odata_context(data).endswith("#subscribedSkus"):
        return True
    return bool(items) and all(isinstance(i, dict) and "skuId" in i and "servicePlans" in i for i in items)


def is_free(part_number: str | None) -> bool:
    """Whether a skuPartNumber names a free, viral or developer SKU, which licenses no password reset."""
    if not part_number:
        return False
    upper = part_number.upper()
    return upper in FREE_SKUS or upper.endswith(("_FREE", "_VIRAL"))


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """tenant.assigned_licenses (consumedUnits of active, non-free SKUs), tenant.premium_licenses_assigned, and each SKU's plans.

    The per-SKU observations (``~sku[<skuId>]``) let a users export resolve who holds what. A SKU whose
    capabilityStatus this tool does not know leaves the totals it could change unknown (with a note).
    """
    objects = [item for _, item in as_items(data)]
    graph = graph_value(data) is not None and not (objects and all(isinstance(i, dict) and "SkuId" in i for i in objects))
    name = (lambda n: n) if graph else pascal
    located = [(f"$.value[{i}]", sku) for i, sku in enumerate(data["value"])] if graph else as_items(data)
    total, premium, claims, notes = 0, 0, [], []
    total_known, premium_known = True, True
    for where, sku in located:
        status = text(field(sku, name("capabilityStatus"), where), f"{where}.{name('capabilityStatus')}")
        consumed = integer(field(sku, name("consumedUnits"), where), f"{where}.{name('consumedUnits')}")
        sku_id = text(field(sku, name("skuId"), where), f"{where}.{name('skuId')}")
        part = sku.get(name("skuPartNumber")) if isinstance(sku.get(name("skuPartNumber")), str) else None
        plans = field(sku, name("servicePlans"), where)
        if _cut(plans):  # ConvertTo-Json's default -Depth 2 wrote each plan as its type name
            premium_plans, known = _premium_by_part_number(part)
            if not known and consumed and status in ACTIVE and not is_free(part):
                premium_known = False
            notes.append((NOTE, f"the service plans of SKU {part or sku_id} were cut by ConvertTo-Json's -Depth 2 "
                                "(written as type names): " + ("whether it carries Entra ID P1/P2 is read from its "
                                "skuPartNumber" if known else "whether it carries Entra ID P1/P2 is unknown (export "
                                "again with -Depth 5)"), f"{where}.{name('servicePlans')}"))
        else:
            premium_plans = _premium_plans(plans, f"{where}.{name('servicePlans')}", name)
        active: bool | None = True if status in ACTIVE else False if status in INACTIVE else None
        free = is_free(part)
        if active is None:
            notes.append((NOTE, f"capabilityStatus {status!r} of SKU {part or sku_id} is not a documented value; "
                                "taken as unknown (whether its licenses work)", f"{where}.{name('capabilityStatus')}"))
            if consumed and not free:
                total_known = False
                premium_known = premium_known and not premium_plans
        elif active and not free:
            total += consumed
            if premium_plans:
                premium += consumed
        if free and consumed:
            notes.append((NOTE, f"SKU {part} is free: its {consumed} assigned license(s) license no password reset "
                                "and are not counted", f"{where}.{name('skuPartNumber')}"))
        claims.append((f"~sku[{sku_id}]", {"active": active, "premium_plans": sorted(premium_plans), "free": free}, where))
    facts = []
    if total_known:
        facts.append(("tenant.assigned_licenses", total,
                      f"$.value[*].{name('consumedUnits')} (capabilityStatus Enabled or Warning, free SKUs left out)"
                      if graph else f"$[*].{name('consumedUnits')} (CapabilityStatus Enabled or Warning, free SKUs left out)"))
    if premium_known:
        facts.append(("tenant.premium_licenses_assigned", premium,
                      f"{'$.value' if graph else '$'}[*].{name('consumedUnits')} "
                      "(SKUs with servicePlans AAD_PREMIUM or AAD_PREMIUM_P2)"))
    return facts + claims + notes


PREMIUM_SKUS = frozenset({
    "AAD_PREMIUM", "AAD_PREMIUM_P2", "AAD_PREMIUM_FACULTY", "EMS", "EMSPREMIUM", "EMS_GOV", "EMSPREMIUM_GOV",
    "SPE_E3", "SPE_E5", "SPE_E3_USGOV_DOD", "SPE_E3_USGOV_GCCHIGH", "SPE_E5_NOPSTNCONF", "SPE_F1", "M365_F1",
    "SPB", "M365EDU_A3_FACULTY", "M365EDU_A3_STUDENT", "M365EDU_A5_FACULTY", "M365EDU_A5_STUDENT",
    "IDENTITY_THREAT_PROTECTION", "Microsoft_365_E3_(no_Teams)", "Microsoft_365_E5_(no_Teams)",
})
"""skuPartNumbers whose service plans include AAD_PREMIUM or AAD_PREMIUM_P2, as the licensing service plan reference
lists them (https://learn.microsoft.com/en-us/entra/identity/users/licensing-service-plan-reference): used only when
ConvertTo-Json's depth cut the plans themselves."""
WITHOUT_PREMIUM = frozenset({"ENTERPRISEPACK", "STANDARDPACK", "ENTERPRISEPREMIUM", "O365_BUSINESS_PREMIUM",
                             "O365_BUSINESS_ESSENTIALS", "DESKLESSPACK", "EXCHANGESTANDARD", "EXCHANGEENTERPRISE"})
"""skuPartNumbers the same reference lists without Entra ID P1/P2 (Office 365 E1/E3/E5, Business Standard/Basic...)."""


def _cut(plans: Any) -> bool:
    return isinstance(plans, list) and bool(plans) and all(isinstance(p, str) for p in plans)


def _premium_by_part_number(part: str | None) -> tuple[list[str], bool]:
    """(premium plan marker, known) for a SKU whose plans were cut: from its skuPartNumber, when this tool knows it."""
    if part in PREMIUM_SKUS:
        return [f"{part} (by skuPartNumber)"], True
    if part in WITHOUT_PREMIUM or is_free(part):
        return [], True
    return [], False


def _premium_plans(plans: Any, where: str, name: Callable[[str], str]) -> list[str]:
    if not isinstance(plans, list):
        raise ExportError(where, f"expected an array, got {plans!r}")
    found = []
    for index, plan in enumerate(plans):
        p_where = f"{where}[{index}]"
        if isinstance(plan, str):
            raise ExportError(p_where, "a service plan was written as text: ConvertTo-Json cut the export at its "
                                       "default -Depth 2; export again with ConvertTo-Json -Depth 5")
        plan_name = text(field(plan, name("servicePlanName"), p_where), f"{p_where}.{name('servicePlanName')}")
        plan_id = text(field(plan, name("servicePlanId"), p_where), f"{p_where}.{name('servicePlanId')}")
        if plan_name in PREMIUM_PLANS:
            found.append(plan_id)
    return found
