"""PowerShell ``Get-ADDefaultDomainPasswordPolicy`` (ActiveDirectory module): the Minimum password age.

https://learn.microsoft.com/en-us/powershell/module/activedirectory/get-addefaultdomainpasswordpolicy ;
writeback of a just-changed password needs it at 0
(https://learn.microsoft.com/en-us/entra/identity/authentication/tutorial-enable-sspr-writeback).
MinPasswordAge is a TimeSpan: ConvertTo-Json writes an object (Ticks, Days, TotalDays, ...).
"""

from __future__ import annotations

from typing import Any

from writeback_doctor.sources.values import as_items, field, timespan_days

KIND = "powershell-Get-ADDefaultDomainPasswordPolicy"
DESCRIPTION = "PowerShell Get-ADDefaultDomainPasswordPolicy"


def recognise(data: Any) -> bool:
    """One object with MinPasswordAge beside another password-policy field, and no Precedence (a fine-grained policy has one)."""
    items = [item for _, item in as_items(data)]
    if len(items) != 1 or not isinstance(items[0], dict) or "Precedence" in items[0]:
        return False
    return "MinPasswordAge" in items[0] and any(
        k in items[0] for k in ("MaxPasswordAge", "PasswordHistoryCount", "ComplexityEnabled", "MinPasswordLength"))


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """password_policy.minimum_age_days (dropped with a note if the schema lacks that fact)."""
    where, item = as_items(data)[0]
    days = timespan_days(field(item, "MinPasswordAge", where), f"{where}.MinPasswordAge")
    return [("password_policy.minimum_age_days", int(days) if days == int(days) else round(days, 6), f"{where}.MinPasswordAge")]
