"""PowerShell ``Get-ADFineGrainedPasswordPolicy -Filter * | ConvertTo-Json`` (ActiveDirectory module).

https://learn.microsoft.com/en-us/powershell/module/activedirectory/get-adfinegrainedpasswordpolicy ;
a fine-grained password policy (PSO) overrides the domain's policy for the users and groups in
its ``AppliesTo``, so its MinPasswordAge is the one writeback meets for them
(https://learn.microsoft.com/en-us/entra/identity/authentication/tutorial-enable-sspr-writeback
asks for Minimum password age 0). One policy is written as an object, several as an array;
MinPasswordAge is a TimeSpan object, as in Get-ADDefaultDomainPasswordPolicy.

The fact is the largest MinPasswordAge among the policies listed. An empty result proves
nothing (reading PSOs needs rights most accounts lack), so it gives no fact.
"""

from __future__ import annotations

from typing import Any

from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.values import as_items, field, integer, text, timespan_days

KIND = "powershell-Get-ADFineGrainedPasswordPolicy"
DESCRIPTION = "PowerShell Get-ADFineGrainedPasswordPolicy -Filter *"
FACT = "password_policy.fine_grained_minimum_age_days"


def recognise(data: Any) -> bool:
    """Every item has MinPasswordAge, Precedence and AppliesTo: the fields only a fine-grained policy carries together."""
    items = [item for _, item in as_items(data)]
    return bool(items) and all(isinstance(i, dict) and {"MinPasswordAge", "Precedence", "AppliesTo"} <= set(i) for i in items)


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """password_policy.fine_grained_minimum_age_days: the largest MinPasswordAge, located at that policy."""
    largest: tuple[float, str] | None = None
    for where, item in as_items(data):
        text(field(item, "Name", where), f"{where}.Name")
        integer(field(item, "Precedence", where), f"{where}.Precedence")
        days = timespan_days(field(item, "MinPasswordAge", where), f"{where}.MinPasswordAge")
        if largest is None or days > largest[0]:
            largest = (days, f"{where}.MinPasswordAge ({item['Name']})")
    if largest is None:  # recognise() accepts only a non-empty list of policies
        raise ExportError("$", "no fine-grained password policy in the export")
    days, location = largest
    return [(FACT, int(days) if days == int(days) else round(days, 6), location)]
