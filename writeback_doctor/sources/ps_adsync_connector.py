"""PowerShell ``Get-ADSyncConnector`` (ADSync module, on the Azure AD Connect server).

The module exists only where Connect is installed; an AD DS connector has Type ``AD``
(the Entra one ``Extensible2``). Field names: ``Type`` in Microsoft's own examples,
``ConnectorTypeName`` in scripts; both are read. See tests/fixtures/exports/README.md.
"""

from __future__ import annotations

from typing import Any

from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.values import as_items, field, text

KIND = "powershell-Get-ADSyncConnector"
DESCRIPTION = "PowerShell Get-ADSyncConnector"


def recognise(data: Any) -> bool:
    """Every item has Identifier, Name and a connector type."""
    items = [item for _, item in as_items(data)]
    return bool(items) and all(isinstance(i, dict) and "Identifier" in i and "Name" in i
                               and ("Type" in i or "ConnectorTypeName" in i) for i in items)


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """connect.installed (true) and connect.ad_connector_configured (an AD connector exists)."""
    ad_connectors = []
    for where, item in as_items(data):
        key = "Type" if "Type" in item else "ConnectorTypeName"
        kind = item[key]
        if not isinstance(kind, str):
            raise ExportError(f"{where}.{key}", f"expected the connector type as text (AD, Extensible2), got {kind!r}")
        text(field(item, "Name", where), f"{where}.Name")
        if kind.upper() == "AD":
            ad_connectors.append(f"{where}.{key}")
    return [("connect.installed", True, "$ (the ADSync module answered)"),
            ("connect.ad_connector_configured", bool(ad_connectors),
             ad_connectors[0] if ad_connectors else "$[*].Type (no connector of Type AD)")]
