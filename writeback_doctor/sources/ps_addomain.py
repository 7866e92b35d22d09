"""PowerShell ``Get-ADDomain`` (ActiveDirectory module): which domain controller is the PDC emulator.

https://learn.microsoft.com/en-us/powershell/module/activedirectory/get-addomain . The name
alone decides no rule; ``links.py`` pairs it with a Test-NetConnection to that host.
"""

from __future__ import annotations

from typing import Any

from writeback_doctor.sources.model import NOTE
from writeback_doctor.sources.values import as_items, field, known_enum, text

KIND = "powershell-Get-ADDomain"
DESCRIPTION = "PowerShell Get-ADDomain"
DOMAIN_MODES = {0: "Windows2000Domain", 1: "Windows2003InterimDomain", 2: "Windows2003Domain", 3: "Windows2008Domain",
                4: "Windows2008R2Domain", 5: "Windows2012Domain", 6: "Windows2012R2Domain", 7: "Windows2016Domain",
                10: "Windows2025Domain"}
"""Microsoft.ActiveDirectory.Management.ADDomainMode, written as a number by 5.1 and by 7 without -EnumsAsStrings.
The numbers are the domain's msDS-Behavior-Version; Windows Server 2025 added level 10
(https://learn.microsoft.com/en-us/windows-server/identity/ad-ds/active-directory-functional-levels)."""


def recognise(data: Any) -> bool:
    """An ADDomain object: PDCEmulator beside DNSRoot or the other FSMO role holders."""
    items = [item for _, item in as_items(data)]
    return len(items) == 1 and isinstance(items[0], dict) and "PDCEmulator" in items[0] and (
        "DNSRoot" in items[0] or "RIDMaster" in items[0])


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """``~domain.pdc_emulator`` (lower-case FQDN); DomainMode is checked so a malformed export is caught
    (a level newer than this tool is noted, not refused)."""
    where, domain = as_items(data)[0]
    pdc = text(field(domain, "PDCEmulator", where), f"{where}.PDCEmulator").lower()
    claims: list[tuple[str, Any, str]] = [("~domain.pdc_emulator", pdc, f"{where}.PDCEmulator")]
    if "DomainMode" in domain and domain["DomainMode"] is not None:
        _, note = known_enum(domain["DomainMode"], DOMAIN_MODES, f"{where}.DomainMode")
        if note:
            claims.append((NOTE, note, f"{where}.DomainMode"))
    return claims
