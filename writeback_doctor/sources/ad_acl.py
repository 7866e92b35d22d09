"""What an Active Directory access rule grants, read from the rules the connect-server collector writes.

The collector writes each rule of an object's ACL as ``Get-Acl`` gives it with SIDs
(``GetAccessRules($true, $true, [SecurityIdentifier])``): ``IdentityReference`` (a SID),
``ActiveDirectoryRights`` (the flags as text, e.g. ``"ReadProperty, WriteProperty"``),
``AccessControlType`` (Allow or Deny), ``ObjectType`` and ``InheritedObjectType`` (GUIDs, all
zeros for "any"), ``InheritanceType`` (None, All, Descendents, SelfAndChildren, Children):
https://learn.microsoft.com/en-us/dotnet/api/system.directoryservices.activedirectoryaccessrule .
The rights and their GUIDs are those Set-ADSyncPasswordWritebackPermissions grants
(https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/how-to-connect-configure-ad-ds-connector-account),
with the schema GUIDs of https://learn.microsoft.com/en-us/windows/win32/adschema/ .

A right is *granted* when an Allow rule for one of the account's SIDs gives it on user objects; it is
*missing* only when no rule of those SIDs could give it at all (no Allow of that kind of right, and no
GenericAll); any other case (a Deny, a property set, a rule scoped to another class) is left undecided,
so that an incomplete reading never becomes a false "missing".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

ANY = "00000000-0000-0000-0000-000000000000"
USER_CLASS = "bf967aba-0de6-11d0-a285-00aa003049e2"
WRITEBACK_RIGHTS = {
    # fact under connector_account -> (the kind of right, its GUID)
    "reset_password": ("ExtendedRight", "00299570-246d-11d0-a768-00aa006e0529"),
    "change_password": ("ExtendedRight", "ab721a53-1e2f-11d0-9819-00aa0040529b"),
    "unexpire_password": ("ExtendedRight", "ccc2dc7d-a6ad-4a7a-8846-c04e3cc53501"),
    "write_lockout_time": ("WriteProperty", "28630ebf-41d5-11d1-a9c1-0000f80367c1"),
    "write_pwd_last_set": ("WriteProperty", "bf967a0a-0de6-11d0-a285-00aa003049e2"),
}
REACHES_DESCENDANTS = {"all", "descendents", "descendants"}


def _flags(rule: Mapping[str, Any]) -> set[str]:
    rights = rule.get("ActiveDirectoryRights")
    return {flag.strip().lower() for flag in str(rights).split(",")} if rights is not None else set()


def _guid(rule: Mapping[str, Any], name: str) -> str:
    value = rule.get(name)
    return str(value).strip("{}").lower() if value else ANY


def right_on_descendant_users(rules: Iterable[Mapping[str, Any]], sids: set[str], kind: str, guid: str) -> bool | None:
    """Whether the rules of a domain root (or an OU) give one of ``sids`` this right on the user objects below it:
    True granted, False missing (nothing of that kind for those SIDs), None undecided (see the module's note)."""
    kind_flag = kind.lower()
    granted = denied = other = False
    for rule in rules:
        if not isinstance(rule, Mapping) or str(rule.get("IdentityReference", "")).upper() not in sids:
            continue
        flags = _flags(rule)
        if kind_flag not in flags and "genericall" not in flags:
            continue
        object_type, scope = _guid(rule, "ObjectType"), _guid(rule, "InheritedObjectType")
        exact = "genericall" in flags or object_type in (ANY, guid)
        if str(rule.get("AccessControlType", "")).lower() != "allow":
            denied = denied or exact   # a Deny for this right: its order against the Allows is not modelled
            continue
        reaches = str(rule.get("InheritanceType", "")).lower() in REACHES_DESCENDANTS and scope in (ANY, USER_CLASS)
        if exact and reaches:
            granted = True
        else:
            other = True               # a right of this kind, but for another property (set), class or scope
    if denied:
        return None
    if granted:
        return True
    return None if other else False


_ACE = re.compile(r"\(([^)]*)\)")
SDDL_ALIASES = {"WD": "S-1-1-0", "AU": "S-1-5-11", "BA": "S-1-5-32-544", "BU": "S-1-5-32-545", "SY": "S-1-5-18",
                "DA": "DOMAIN_ADMINS", "EA": "ENTERPRISE_ADMINS", "AN": "S-1-5-7", "NS": "S-1-5-20", "LS": "S-1-5-19"}
"""SDDL's two-letter trustees (https://learn.microsoft.com/en-us/windows/win32/secauthz/sid-strings); DA and EA
name domain groups whose SID depends on the domain, so they never match a SID here."""


def sddl_allows(sddl: str, sids: set[str]) -> bool | None:
    """Whether an SDDL string's DACL allows read control (RC, what RestrictRemoteSam asks for) to one of ``sids``;
    None when the text is not an SDDL this reads."""
    dacl = sddl.split("D:", 1)[1] if "D:" in sddl else None
    if dacl is None:
        return None
    allowed = False
    for ace in _ACE.findall(dacl):
        parts = ace.split(";")
        if len(parts) < 6:
            return None
        kind, rights, trustee = parts[0].upper(), parts[2].upper(), parts[5].upper()
        trustee = SDDL_ALIASES.get(trustee, trustee)
        if trustee in sids and ("RC" in rights or "GA" in rights or rights.startswith("0X")):
            if kind == "D":
                return False
            if kind == "A":
                allowed = True
    return allowed
