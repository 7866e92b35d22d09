"""The user who tests password reset, as the connect-server collector reads it with ``-TestUser`` (``testuser.json``).

``Get-ADUser`` with adminCount and the security descriptor (``AreAccessRulesProtected``: inheritance
disabled), and ``Get-ADUserResultantPasswordPolicy`` (the fine-grained policy that applies to the user,
null when the default domain policy does):
https://learn.microsoft.com/en-us/powershell/module/activedirectory/get-aduserresultantpasswordpolicy .
"""

from __future__ import annotations

from typing import Any

from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.model import NOTE
from writeback_doctor.sources.values import boolean, field, text

KIND = "collector-test-user"
DESCRIPTION = "the test user: adminCount, inheritance, resultant password policy (testuser.json, -TestUser)"


def recognise(data: Any) -> bool:
    """The collector's object: SamAccountName, InheritanceDisabled and ResultantPasswordPolicy among its fields."""
    return isinstance(data, dict) and {"SamAccountName", "InheritanceDisabled", "ResultantPasswordPolicy"} <= set(data)


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """users[<upn>].is_test_user and admin_count_protected; inheritance disabled on it; its fine-grained minimum age."""
    name = data.get("UserPrincipalName") or text(field(data, "SamAccountName", "$"), "$.SamAccountName")
    if not isinstance(name, str):
        raise ExportError("$.UserPrincipalName", f"expected the user's UPN, got {name!r}")
    key = f"users[{name}]"
    claims: list[tuple[str, Any, str]] = [(f"{key}.is_test_user", True, "$ (-TestUser)")]
    admin_count = data.get("AdminCount")
    if admin_count is not None and not (isinstance(admin_count, int) and not isinstance(admin_count, bool)):
        raise ExportError("$.AdminCount", f"expected a number or null, got {admin_count!r}")
    claims.append((f"{key}.admin_count_protected", admin_count == 1, f"$.AdminCount ({admin_count})"))
    if data.get("CannotChangePassword") is not None:
        claims.append((f"{key}.cannot_change_password", boolean(data["CannotChangePassword"], "$.CannotChangePassword"),
                       "$.CannotChangePassword"))
    if boolean(field(data, "InheritanceDisabled", "$"), "$.InheritanceDisabled"):
        claims.append(("connector_account.inheritance_disabled_on_users", True, "$.InheritanceDisabled (on the test user)"))
    policy = data.get("ResultantPasswordPolicy")
    if isinstance(policy, dict):
        days = policy.get("MinPasswordAgeDays")
        if isinstance(days, bool) or not isinstance(days, (int, float)) or days < 0:
            raise ExportError("$.ResultantPasswordPolicy.MinPasswordAgeDays", f"expected a number of days, got {days!r}")
        claims.append(("password_policy.fine_grained_minimum_age_days", days,
                       f"$.ResultantPasswordPolicy ({policy.get('Name')}, the policy that applies to the test user)"))
    elif policy is None:  # readable and empty: "none applies" is decided, not left open (issue X, undecidable ages)
        claims.append(("password_policy.fine_grained_minimum_age_days", 0,
                       "$.ResultantPasswordPolicy (null: no fine-grained policy applies to the test user; the domain's does)"))
    for state, words in (("LockedOut", "is locked out"), ("PasswordExpired", "has an expired password")):
        if data.get(state) is True:
            claims.append((NOTE, f"the test user {name} {words} in Active Directory", f"$.{state}"))
    return claims
