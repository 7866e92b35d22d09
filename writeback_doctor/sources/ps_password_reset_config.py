"""PowerShell ``Get-ADSyncAADPasswordResetConfiguration -Connector <Entra connector>`` (ADSync module).

Microsoft documents the command but not its output; only ``Enabled`` is read (scripts in
the wild read ``$x.Enabled``). docs/collect.md has the admin add the connector name with
``Select-Object Enabled, @{n='Connector';e={...}}`` so the export is recognisable.
"""

from __future__ import annotations

from typing import Any

from .values import as_items, boolean, field

KIND = "powershell-Get-ADSyncAADPasswordResetConfiguration"
DESCRIPTION = "PowerShell Get-ADSyncAADPasswordResetConfiguration (with the Connector name, see docs/collect.md)"


def recognise(data: Any) -> bool:
    """One object with Enabled and the connector's name (Connector or ConnectorName)."""
    items = [item for _, item in as_items(data)]
    return len(items) == 1 and isinstance(items[0], dict) and "Enabled" in items[0] and (
        "Connector" in items[0] or "ConnectorName" in items[0])


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """connect.writeback_enabled from Enabled (and connect.installed: the ADSync module answered)."""
    where, item = as_items(data)[0]
    enabled = boolean(field(item, "Enabled", where), f"{where}.Enabled")
    return [("connect.writeback_enabled", enabled, f"{where}.Enabled"),
            ("connect.installed", True, f"{where} (the ADSync module answered)")]
