"""Microsoft Graph ``GET /domains`` (the tenant collector's ``domains.json``), or ``Get-MgDomain | ConvertTo-Json``.

Each domain's ``authenticationType`` is ``Managed`` or ``Federated``
(https://learn.microsoft.com/en-us/graph/api/resources/domain). The account given to the Connect wizard
must not be federated (troubleshoot-sspr-writeback, event 32009): when no domain of a complete list is
federated, no account of the tenant signs in through federation, so ``writeback_admin.federated`` is false.
When some domain is federated, whether the wizard's account is in it depends on its UPN suffix, which no
export names: the federated domains are named in a note and the fact is left to the engineer. A list cut
short (``@odata.nextLink``) proves nothing about the domains it does not show.
"""

from __future__ import annotations

from typing import Any, Callable

from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.model import NOTE
from writeback_doctor.sources.values import as_items, boolean, field, graph_value, odata_context, pascal, text

KIND = "graph-domains"
DESCRIPTION = "Microsoft Graph GET /domains (authenticationType Managed or Federated)"
_TYPES = {"managed": "Managed", "federated": "Federated"}


def recognise(data: Any) -> bool:
    """A Graph collection of domains (its context names ``#domains``, or every item has an id and an
    authenticationType), or the Graph PowerShell SDK's ``Get-MgDomain | ConvertTo-Json`` objects (PascalCase)."""
    items = graph_value(data) if _graph(data) else None
    if items is None:
        objects = [item for _, item in as_items(data)]
        return bool(objects) and all(isinstance(i, dict) and {"Id", "AuthenticationType", "IsVerified"} <= set(i)
                                     for i in objects)
    if odata_context(data).split("#", 1)[-1].startswith("domains"):
        return True
    return bool(items) and all(isinstance(i, dict) and {"id", "authenticationType"} <= set(i) for i in items)


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """writeback_admin.federated = false when no domain of the whole list is federated; else a note naming them."""
    graph = _graph(data)
    located = [(f"$.value[{i}]", d) for i, d in enumerate(data["value"])] if graph else as_items(data)
    name_of: Callable[[str], str] = (lambda n: n) if graph else pascal
    federated: list[str] = []
    for where, domain in located:
        name = text(field(domain, name_of("id"), where), f"{where}.{name_of('id')}")
        kind = field(domain, name_of("authenticationType"), where)
        if not isinstance(kind, str) or kind.lower() not in _TYPES:
            raise ExportError(f"{where}.{name_of('authenticationType')}", f"expected Managed or Federated, got {kind!r}")
        if name_of("isVerified") in domain:
            boolean(domain[name_of("isVerified")], f"{where}.{name_of('isVerified')}")
        if kind.lower() == "federated":
            federated.append(name)
    if not located:
        raise ExportError("$.value" if graph else "$", "no domain listed (every tenant has at least its initial domain)")
    if federated:
        return [(NOTE, f"federated domain(s): {', '.join(sorted(federated))}: the account given to the Connect wizard "
                       "must be managed (event 32009); whether it is depends on its UPN suffix, which no export names "
                       "(writeback_admin.federated: answer it, e.g. in diagnose interview)", "$")]
    if graph and "@odata.nextLink" in data:
        return [(NOTE, "the domain list is cut short (@odata.nextLink): whether any domain is federated is unknown", "$")]
    where = "$.value[*].authenticationType" if graph else "$[*].AuthenticationType"
    return [("writeback_admin.federated", False, f"{where} (every domain of the tenant is Managed)")]


def _graph(data: Any) -> bool:
    """A Graph response body, not Windows PowerShell 5.1's ``{value, Count}`` wrapper of an SDK array."""
    return graph_value(data) is not None and set(data) != {"value", "Count"}
