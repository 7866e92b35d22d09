"""Facts that need two exports: users' license tiers (users + subscribedSkus) and the PDC emulator's reachability
(Get-ADDomain + a Test-NetConnection to that host).

Works on claims (see ``merge.Claim``): consumes the ``~`` observations, returns new
claims whose sources are both exports, and notes for observations nothing could use.
"""

from __future__ import annotations

import re
from typing import Iterable

from writeback_doctor.sources.model import Claim, canonical

LDAP_PORTS = (389, 636)
"""Writeback sets passwords over LDAP on the PDC emulator: a TCP test on 389 or 636 decides reachability."""
_USER_SKUS = re.compile(r"^~users\[(.+)\]\.assigned_licenses$")
_SKU = re.compile(r"^~sku\[(.+)\]$")
_TCP = re.compile(r"^~tcp\[(.+):(\d+)\]$", re.DOTALL)  # a host name may hold any character, a newline too


def link(claims: Iterable[Claim]) -> tuple[list[Claim], list[str]]:
    """New claims derived across exports, and notes about observations left unused."""
    claims = list(claims)
    derived, notes = _licenses(claims)
    more, more_notes = _pdc(claims)
    return derived + more + _namespace(claims) + _pre2000(claims), notes + more_notes


def _pre2000(claims: list[Claim]) -> list[Claim]:
    """ad.pre_windows_2000_access_hardened of a group no well-known member decided: not hardened when the connector
    account (or a group it is in) is a member -- the remedy of SSPR_0029 is in place (expert review §8 L5)."""
    groups = [c for c in claims if c.path == "~pre2000.members"]
    accounts = [c for c in claims if c.path == "~connector_account.sids"]
    derived = []
    for group in groups:
        members = set(group.value["sids"])
        holders = [a for a in accounts if members & set(a.value)]
        if holders:
            sources = tuple(sorted(set(group.sources + tuple(s for a in holders for s in a.sources))))
            derived.append(Claim("ad.pre_windows_2000_access_hardened", False, sources))
        else:
            derived.append(Claim("ad.pre_windows_2000_access_hardened", True, group.sources))
    return derived


def _namespace(claims: list[Claim]) -> list[Claim]:
    """network.servicebus_namespace: the host named by the newest 31019 heartbeat among every event export
    (a 31034 listener error only when no export has a heartbeat that names it)."""
    seen = [c for c in claims if c.path == "~servicebus_namespace"]
    if not seen:
        return []
    newest = max(seen, key=lambda c: (c.value.get("event") == 31019, c.value["time"], c.value["host"]))
    return [Claim("network.servicebus_namespace", newest.value["host"], newest.sources)]


def _licenses(claims: list[Claim]) -> tuple[list[Claim], list[str]]:
    skus: dict[str, list[Claim]] = {}
    for claim in claims:
        match = _SKU.match(claim.path)
        if match:
            skus.setdefault(match.group(1), []).append(claim)
    derived, unresolved = [], []
    for claim in claims:
        match = _USER_SKUS.match(claim.path)
        if not match:
            continue
        name, sources = match.group(1), list(claim.sources)
        tiers: list[str | None] = []
        for assigned in claim.value:
            known = skus.get(assigned["skuId"], [])
            values = {canonical(c.value) for c in known}
            if len(values) != 1:
                tiers.append(None)
                continue
            sku = known[0].value
            sources += [s for c in known for s in c.sources]
            if sku["active"] is None:
                tiers.append(None)  # a capabilityStatus this tool does not know: whether it licenses anything is unknown
            elif not sku["active"] or sku.get("free"):
                tiers.append("none")  # inactive, or a free SKU (Power BI free, Power Automate Free...): no reset license
            elif set(sku["premium_plans"]) - set(assigned["disabledPlans"]):
                tiers.append("premium")
            else:
                tiers.append("basic")
        best = "premium" if "premium" in tiers else None if None in tiers else "basic" if "basic" in tiers else "none"
        if best is None:
            unresolved.append(name)
        else:
            derived.append(Claim(f"users[{name}].license", best, tuple(sorted(set(sources)))))
    notes = []
    if unresolved:
        why = "give the Graph subscribedSkus export too" if not skus else (
            "some of their skuIds are not in the subscribedSkus export, "
            "or have a capabilityStatus this tool does not know")
        notes.append(f"license left unknown for {len(unresolved)} user(s) ({', '.join(sorted(unresolved))}): {why}")
    return derived, notes


def _pdc(claims: list[Claim]) -> tuple[list[Claim], list[str]]:
    pdcs = [c for c in claims if c.path == "~domain.pdc_emulator"]
    tests = [(m.group(1), int(m.group(2)), c) for c in claims for m in [_TCP.match(c.path)] if m]
    derived, used, notes = [], set(), []
    for pdc in pdcs:
        names = {pdc.value, pdc.value.split(".")[0]}
        for host, port, test in tests:
            if host in names and port in LDAP_PORTS:
                sources = tuple(sorted(set(pdc.sources + test.sources)))
                derived.append(Claim("connect.pdc_emulator_reachable", test.value, sources))
                used.add(test.path)
        if not any(host in names and port in LDAP_PORTS for host, port, _ in tests):
            notes.append(f"PDC emulator {pdc.value} ({pdc.sources[0].file}): add `Test-NetConnection -ComputerName "
                         f"{pdc.value} -Port 389` run on the Connect server to decide connect.pdc_emulator_reachable")
    for host, port, test in tests:
        if test.path not in used:
            notes.append(f"{test.sources[0].file}: {test.sources[0].location}: not used: {host}:{port} is neither "
                         f"passwordreset.microsoftonline.com:443, a *.servicebus.windows.net namespace on 443, "
                         f"nor the PDC emulator (from Get-ADDomain) on port 389/636")
    return derived, notes
