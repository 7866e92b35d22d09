"""PowerShell ``Get-ADSyncAADPasswordResetConfiguration -Connector <Entra connector> | ConvertTo-Json`` (ADSync module).

Microsoft documents the command but not its output; only ``Enabled`` is read (scripts in
the wild read ``$x.Enabled``). The cmdlet's object is read as it writes it: one object
with ``Enabled`` and other plain values (whatever they are); the older documented form
with the connector's name added (``Select-Object Enabled, @{n='Connector';e={...}}``) too.
"""

from __future__ import annotations

from typing import Any

from writeback_doctor.sources.values import as_items, boolean, field

KIND = "powershell-Get-ADSyncAADPasswordResetConfiguration"
DESCRIPTION = "PowerShell Get-ADSyncAADPasswordResetConfiguration (with the Connector name, see docs/collect.md)"


def recognise(data: Any) -> bool:
    """One object with Enabled whose values are all plain (text, numbers, booleans, null): the cmdlet's configuration object."""
    items = [item for _, item in as_items(data)]
    return len(items) == 1 and isinstance(items[0], dict) and "Enabled" in items[0] and all(
        value is None or isinstance(value, (str, int, float, bool)) for value in items[0].values())


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """connect.writeback_enabled from Enabled (and connect.installed: the ADSync module answered)."""
    where, item = as_items(data)[0]
    enabled = boolean(field(item, "Enabled", where), f"{where}.Enabled")
    return [("connect.writeback_enabled", enabled, f"{where}.Enabled"),
            ("connect.installed", True, f"{where} (the ADSync module answered)")]
