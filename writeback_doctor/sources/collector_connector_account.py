"""The AD DS connector account as the connect-server collector writes it (``connectoraccount.json``).

One object per AD connector (``Get-ADSyncADConnectorAccount``): the account's name, domain, SID and
group SIDs (``tokenGroups``), its state from ``Get-ADUser`` (Enabled, LockedOut, PasswordExpired,
https://learn.microsoft.com/en-us/powershell/module/activedirectory/get-aduser ) and the access rules
of the domain root that name one of its SIDs (``ad_acl``). Several connectors (forests) must all hold
a right for it to be held.
"""

from __future__ import annotations

from typing import Any

from writeback_doctor.sources.ad_acl import WRITEBACK_RIGHTS, right_on_descendant_users
from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.model import NOTE
from writeback_doctor.sources.values import as_items, boolean, field, text

KIND = "collector-connector-account"
DESCRIPTION = "the AD DS connector account: state and rights on the domain root (connectoraccount.json)"


def recognise(data: Any) -> bool:
    """Every item has the account's name and the access rules read for it."""
    items = [item for _, item in as_items(data)]
    return bool(items) and all(isinstance(i, dict) and {"ADConnectorAccountName", "AccessRules", "Sid"} <= set(i) for i in items)


def _sids(item: dict[str, Any], where: str) -> set[str]:
    groups = item.get("GroupSids") or []
    groups = [groups] if isinstance(groups, str) else groups
    if not isinstance(groups, list) or not all(isinstance(g, str) for g in groups):
        raise ExportError(f"{where}.GroupSids", f"expected SIDs, got {groups!r}")
    return {text(item["Sid"], f"{where}.Sid").upper(), *(g.upper() for g in groups), "S-1-1-0", "S-1-5-11"}


def _rules(item: dict[str, Any], where: str) -> list[dict[str, Any]]:
    rules = item.get("AccessRules") or []
    rules = [rules] if isinstance(rules, dict) else rules
    if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
        raise ExportError(f"{where}.AccessRules", f"expected access rules, got {rules!r}")
    return rules


def _combined(values: list[bool | None]) -> bool | None:
    return False if False in values else True if values and all(v is True for v in values) else None


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """connector_account.enabled / locked_out / password_expired and the five writeback rights."""
    items = as_items(data)
    claims: list[tuple[str, Any, str]] = []
    states: dict[str, list[bool]] = {"Enabled": [], "LockedOut": [], "PasswordExpired": []}
    rights: dict[str, list[bool | None]] = {name: [] for name in WRITEBACK_RIGHTS}
    for where, item in items:
        name = text(field(item, "ADConnectorAccountName", where), f"{where}.ADConnectorAccountName")
        for state in states:
            if item.get(state) is not None:
                states[state].append(boolean(item[state], f"{where}.{state}"))
        sids, rules = _sids(item, where), _rules(item, where)
        claims.append(("~connector_account.sids", sorted(sids - {"S-1-1-0", "S-1-5-11"}), f"{where}.Sid, {where}.GroupSids"))
        for fact, (kind, guid) in WRITEBACK_RIGHTS.items():
            rights[fact].append(right_on_descendant_users(rules, sids, kind, guid))
        if any(value is None for value in (rights[f][-1] for f in rights)):
            claims.append((NOTE, f"some rights of {name} on the domain root could not be decided from its access rules "
                                 "(a Deny, a property set or a narrower scope): check them with dsacls", f"{where}.AccessRules"))
    location = "$" if len(items) == 1 else f"$[0..{len(items) - 1}]"
    if states["Enabled"]:
        claims.append(("connector_account.enabled", all(states["Enabled"]), f"{location}.Enabled"))
    if states["LockedOut"]:
        claims.append(("connector_account.locked_out", any(states["LockedOut"]), f"{location}.LockedOut"))
    if states["PasswordExpired"]:
        claims.append(("connector_account.password_expired", any(states["PasswordExpired"]), f"{location}.PasswordExpired"))
    for fact, values in rights.items():
        value = _combined(values)
        if value is not None:
            claims.append((f"connector_account.{fact}", value, f"{location}.AccessRules (the domain root's rules for its SIDs)"))
    return claims
