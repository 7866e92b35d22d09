"""PowerShell ``Get-CimInstance Win32_ComputerSystem | Select-Object Name, Domain, PartOfDomain, DomainRole | ConvertTo-Json``
on the Connect server: is it a domain controller.

https://learn.microsoft.com/en-us/windows/win32/cimwin32prov/win32-computersystem (DomainRole: 0 Standalone
Workstation, 1 Member Workstation, 2 Standalone Server, 3 Member Server, 4 Backup Domain Controller,
5 Primary Domain Controller). Connect on a domain controller can meet SSPR_0029
(https://learn.microsoft.com/en-us/troubleshoot/entra/entra-id/user-prov-sync/password-writeback-error-code-sspr-0029).
The raw object (without Select-Object) is read too.
"""

from __future__ import annotations

from typing import Any

from writeback_doctor.sources.model import NOTE
from writeback_doctor.sources.values import as_items, field, known_enum

KIND = "powershell-Win32_ComputerSystem"
DESCRIPTION = "PowerShell Get-CimInstance Win32_ComputerSystem (DomainRole)"
DOMAIN_ROLES = {0: "StandaloneWorkstation", 1: "MemberWorkstation", 2: "StandaloneServer", 3: "MemberServer",
                4: "BackupDomainController", 5: "PrimaryDomainController"}
CONTROLLERS = ("BackupDomainController", "PrimaryDomainController")


def recognise(data: Any) -> bool:
    """One object with DomainRole beside PartOfDomain or Domain."""
    items = [item for _, item in as_items(data)]
    return len(items) == 1 and isinstance(items[0], dict) and "DomainRole" in items[0] and (
        "PartOfDomain" in items[0] or "Domain" in items[0])


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """server.is_domain_controller from DomainRole 4 or 5 (a role number this tool does not know: unknown, noted)."""
    where, item = as_items(data)[0]
    role, note = known_enum(field(item, "DomainRole", where), DOMAIN_ROLES, f"{where}.DomainRole")
    if role is None:
        return [(NOTE, note, f"{where}.DomainRole")]
    return [("server.is_domain_controller", role in CONTROLLERS, f"{where}.DomainRole ({role})")]
