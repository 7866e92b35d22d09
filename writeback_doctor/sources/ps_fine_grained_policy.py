"""PowerShell ``Get-ADFineGrainedPasswordPolicy -Filter * | ConvertTo-Json`` (ActiveDirectory module).

https://learn.microsoft.com/en-us/powershell/module/activedirectory/get-adfinegrainedpasswordpolicy ;
a fine-grained password policy (PSO) overrides the domain's policy for the users and groups in
its ``AppliesTo``, so its MinPasswordAge is the one writeback meets for them
(https://learn.microsoft.com/en-us/entra/identity/authentication/tutorial-enable-sspr-writeback
asks for Minimum password age 0). One policy is written as an object, several as an array;
MinPasswordAge is a TimeSpan object, as in Get-ADDefaultDomainPasswordPolicy.

A policy applies only to the users and groups in its ``AppliesTo`` (expert review §8 L7): one with an empty
``AppliesTo`` applies to nobody and is left out. The fact is the Minimum password age a fine-grained policy
imposes on the users in scope: 0 when every policy that applies to anyone has 0 (or none applies to anyone).
When a policy with an age above 0 applies to some group, whether the users in scope are in it is not in this
export: the fact is left to ``Get-ADUserResultantPasswordPolicy -Identity <test user>`` (the collector's
testuser.json) or the interview, and a note names the policy and whom it applies to. An empty result proves
nothing (reading policies needs rights most accounts lack), so it gives no fact.
"""

from __future__ import annotations

from typing import Any

from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.model import NOTE
from writeback_doctor.sources.values import as_items, field, integer, text, timespan_days

KIND = "powershell-Get-ADFineGrainedPasswordPolicy"
DESCRIPTION = "PowerShell Get-ADFineGrainedPasswordPolicy -Filter *"
FACT = "password_policy.fine_grained_minimum_age_days"


def recognise(data: Any) -> bool:
    """Every item has MinPasswordAge, Precedence and AppliesTo: the fields only a fine-grained policy carries together."""
    items = [item for _, item in as_items(data)]
    return bool(items) and all(isinstance(i, dict) and {"MinPasswordAge", "Precedence", "AppliesTo"} <= set(i) for i in items)


def applies_to(value: Any, where: str) -> list[str]:
    """The distinguished names a policy applies to: an array (JSON), ``{a, b}`` (Format-List) or one name (CSV)."""
    if value is None or value == "" or value == "{}":
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [item for item in value if item]
    raise ExportError(where, f"expected the distinguished names the policy applies to, got {value!r}")


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """password_policy.fine_grained_minimum_age_days when the policies decide it for every user (see the module's docstring)."""
    applying: list[tuple[float, str, str, list[str]]] = []
    unused: list[str] = []
    for where, item in as_items(data):
        name = text(field(item, "Name", where), f"{where}.Name")
        integer(field(item, "Precedence", where), f"{where}.Precedence")
        days = timespan_days(field(item, "MinPasswordAge", where), f"{where}.MinPasswordAge")
        targets = applies_to(field(item, "AppliesTo", where), f"{where}.AppliesTo")
        if targets:
            applying.append((days, f"{where}.MinPasswordAge ({name})", name, targets))
        else:
            unused.append(name)
    claims: list[tuple[str, Any, str]] = []
    if unused:
        claims.append((NOTE, f"{len(unused)} polic(ies) apply to nobody (empty AppliesTo), left out: {', '.join(sorted(unused))}", "$"))
    above = [entry for entry in applying if entry[0] > 0]
    if not above:
        where = (f"$[*].MinPasswordAge (0 in every policy that applies to anyone: {', '.join(e[2] for e in applying)})"
                 if applying else "$[*].AppliesTo (no policy applies to anyone)")
        return claims + [(FACT, 0, where)]
    for days, location, name, targets in sorted(above, key=lambda e: (-e[0], e[2])):
        shown = ", ".join(targets[:3]) + (", ..." if len(targets) > 3 else "")
        claims.append((NOTE, f"{name} has Minimum password age {_days(days)} day(s) and applies to {shown}; whether the "
                             "users in scope are among them is not in this export: export Get-ADUserResultantPasswordPolicy "
                             "-Identity <test user> (connect-server.ps1 -TestUser) or answer "
                             "password_policy.fine_grained_minimum_age_days", location))
    return claims


def _days(days: float) -> int | float:
    return int(days) if days == int(days) else round(days, 6)
