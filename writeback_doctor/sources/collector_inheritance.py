"""``Get-ADSyncObjectsWithInheritanceDisabled -SearchBase <domain> -ObjectClass user`` as the connect-server
collector writes it (``inheritance.json``): every user object of the domain whose permission inheritance is off.

https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/reference-connect-adsyncconfig ; the search
covers the whole domain, so an empty result means none.
"""

from __future__ import annotations

from typing import Any

from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.values import field, integer

KIND = "collector-inheritance-disabled"
DESCRIPTION = "user objects with permission inheritance disabled (inheritance.json, Get-ADSyncObjectsWithInheritanceDisabled)"


def recognise(data: Any) -> bool:
    """The collector's object: SearchBase, ObjectClass, Count and Objects."""
    return isinstance(data, dict) and set(data) == {"SearchBase", "ObjectClass", "Count", "Objects"}


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """connector_account.inheritance_disabled_on_users: any user object found."""
    if str(data.get("ObjectClass", "")).lower() != "user":
        raise ExportError("$.ObjectClass", f"expected user, got {data.get('ObjectClass')!r}")
    count = integer(field(data, "Count", "$"), "$.Count")
    objects = data.get("Objects") or []
    objects = [objects] if isinstance(objects, str) else objects
    if not isinstance(objects, list) or len(objects) != count:
        raise ExportError("$.Objects", f"expected {count} distinguished name(s), got {objects!r}")
    return [("connector_account.inheritance_disabled_on_users", count > 0,
             f"$.Count ({count} user object(s) under {data.get('SearchBase')})")]
