"""The members of the built-in group "Pre-Windows 2000 Compatible Access" (SID S-1-5-32-554).

What the connect-server collector writes (``{"Group": ..., "GroupSid": "S-1-5-32-554", "Members": [...]}``,
so that an empty group is still an answer), or by hand
``Get-ADGroupMember -Identity S-1-5-32-554 | Select-Object name, SID, objectClass, distinguishedName,
@{n='Group';e={'S-1-5-32-554'}} | ConvertTo-Json`` (the Group column names the group: a member list alone
does not say whose it is). https://learn.microsoft.com/en-us/powershell/module/activedirectory/get-adgroupmember ;
the well-known SIDs (S-1-5-32-554 the group, S-1-5-11 Authenticated Users):
https://learn.microsoft.com/en-us/windows-server/identity/ad-ds/manage/understand-security-identifiers .
Hardening the group (removing Authenticated Users) can refuse writeback's NetUserGetInfo call
(https://learn.microsoft.com/en-us/troubleshoot/entra/entra-id/user-prov-sync/password-writeback-error-code-sspr-0029).
"""

from __future__ import annotations

import re
from typing import Any

from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.model import NOTE
from writeback_doctor.sources.values import as_items

KIND = "powershell-Get-ADGroupMember-Pre-Windows-2000"
DESCRIPTION = "PowerShell Get-ADGroupMember -Identity S-1-5-32-554 (Pre-Windows 2000 Compatible Access)"
GROUP_SID = "S-1-5-32-554"
GROUP_NAME = "Pre-Windows 2000 Compatible Access"
AUTHENTICATED_USERS = "S-1-5-11"
EVERYONE = "S-1-1-0"
READERS = {AUTHENTICATED_USERS: "Authenticated Users", EVERYONE: "Everyone"}
"""Members through which the connector account reads users (a remedy of SSPR_0029 adds the account itself)."""
_MSOL = re.compile(r"^MSOL_[0-9a-fA-F]{6,}$")


def _names_group(value: Any) -> bool:
    return isinstance(value, str) and value.strip().lower() in (GROUP_SID.lower(), GROUP_NAME.lower())


def recognise(data: Any) -> bool:
    """The collector's object (GroupSid S-1-5-32-554 with Members), or member rows whose Group column names the group."""
    if isinstance(data, dict) and "Members" in data and (_names_group(data.get("GroupSid")) or _names_group(data.get("Group"))):
        return True
    items = [item for _, item in as_items(data)]
    if len(items) == 1 and isinstance(items[0], dict) and "Members" in items[0] and _names_group(_sid_text(items[0].get("SID"))):
        return True  # Get-ADGroup -Identity S-1-5-32-554 -Properties Members (JSON, Format-List, CSV)
    return bool(items) and all(isinstance(i, dict) and _names_group(i.get("Group")) and ("SID" in i or "distinguishedName" in i)
                               for i in items)


def _sid_text(value: Any) -> Any:
    return value.get("Value") if isinstance(value, dict) else value


def sid_of(member: Any, where: str) -> str:
    """A member's SID as text: ConvertTo-Json writes a SecurityIdentifier as an object with Value; Get-ADGroup's
    Members are distinguished names (a foreign security principal is named by its SID)."""
    if isinstance(member, str):
        return member[3:].split(",", 1)[0].upper() if member.upper().startswith("CN=S-1-") else ""
    sid = member.get("SID") if isinstance(member, dict) else None
    if isinstance(sid, dict):
        sid = sid.get("Value")
    if isinstance(sid, str) and sid:
        return sid.upper()
    dn = member.get("distinguishedName") if isinstance(member, dict) else None
    if isinstance(dn, str) and dn.upper().startswith("CN=S-1-"):
        return dn[3:].split(",", 1)[0].upper()   # a foreign security principal is named by its SID
    if isinstance(dn, str) and dn:
        return ""
    raise ExportError(where, "expected a member with SID or distinguishedName")


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """ad.pre_windows_2000_access_hardened: true when no member reads for the connector account: neither
    Authenticated Users (S-1-5-11), nor Everyone (S-1-1-0), nor the connector account (MSOL_...) itself."""
    group = data[0] if isinstance(data, list) and len(data) == 1 and isinstance(data[0], dict) and "Members" in data[0] else data
    if isinstance(group, dict) and "Members" in group:
        members = group["Members"]
        if members is None or members == "":
            members = []
        elif isinstance(members, str):
            members = [members]   # one member (a CSV cell, or Format-List without braces)
        if isinstance(members, dict) and set(members) == {"value", "Count"} and isinstance(members["value"], list):
            members = members["value"]   # Windows PowerShell 5.1's wrapped array
        elif isinstance(members, dict):
            members = [members]
        if not isinstance(members, list):
            raise ExportError("$.Members", f"expected an array of members, got {members!r}")
        located = [(f"$.Members[{i}]", m) for i, m in enumerate(members)]
        base = "$.Members"
    else:
        located = as_items(data)
        base = "$"
    for where, member in located:
        sid = sid_of(member, where)
        if sid in READERS:
            return [("ad.pre_windows_2000_access_hardened", False, f"{where}.SID ({READERS[sid]} is a member)")]
    for where, member in located:
        account = connector_account(member)
        if account:
            return [("ad.pre_windows_2000_access_hardened", False,
                     f"{where} (the connector account {account} itself is a member: the remedy is in place)")]
    if any(member in ("...", "\u2026") for _, member in located):
        return [(NOTE, "the member list was cut (Format-List shows 4 members, then ...): whether the group is hardened "
                       "is unknown; export it with ConvertTo-Json or Format-List after $FormatEnumerationLimit = -1", base)]
    members = sorted({sid for where, member in located for sid in [sid_of(member, where)] if sid})
    return [(MEMBERS, {"sids": members, "count": len(located)},
             f"{base} ({len(located)} member(s), none is Authenticated Users, Everyone or an MSOL_ account)")]


MEMBERS = "~pre2000.members"
"""The members' SIDs of a group that no well-known member decides: ``links`` matches them against the connector
account's SIDs (connectoraccount.json) and decides ``ad.pre_windows_2000_access_hardened``."""


def connector_account(member: Any) -> str | None:
    """The member's name when it is the AD DS connector account Connect created (``MSOL_`` and hex digits), else None."""
    if isinstance(member, str) and member.upper().startswith("CN="):
        name = member[3:].split(",", 1)[0]
        return name if _MSOL.match(name) else None
    if not isinstance(member, dict):
        return None
    for key in ("SamAccountName", "samAccountName", "name", "Name"):
        value = member.get(key)
        if isinstance(value, str) and _MSOL.match(value.strip()):
            return value.strip()
    return None
