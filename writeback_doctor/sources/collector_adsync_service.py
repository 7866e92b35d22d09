"""``Get-Service ADSync`` as the connect-server collector writes it (``adsyncservice.json``).

Status and StartType are written as text by the collector; a plain ``ConvertTo-Json`` of the
service writes them as numbers (ServiceControllerStatus: 1 Stopped, 4 Running, ...;
https://learn.microsoft.com/en-us/dotnet/api/system.serviceprocess.servicecontrollerstatus ).
"""

from __future__ import annotations

from typing import Any

from writeback_doctor.sources.model import NOTE
from writeback_doctor.sources.values import field, known_enum

KIND = "powershell-Get-Service-ADSync"
DESCRIPTION = "PowerShell Get-Service ADSync (the Microsoft Azure AD Sync service)"
STATUSES = {1: "Stopped", 2: "StartPending", 3: "StopPending", 4: "Running", 5: "ContinuePending", 6: "PausePending", 7: "Paused"}


def recognise(data: Any) -> bool:
    """One service object named ADSync with its Status."""
    return isinstance(data, dict) and str(data.get("Name", "")).lower() == "adsync" and "Status" in data


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """connect.sync_service_running: Running or not; a disabled start type is noted."""
    status, note = known_enum(field(data, "Status", "$"), STATUSES, "$.Status")
    claims: list[tuple[str, Any, str]] = []
    if status is not None:
        claims.append(("connect.sync_service_running", status.lower() == "running", f"$.Status ({status})"))
    if note:
        claims.append((NOTE, note, "$.Status"))
    if str(data.get("StartType", "")).lower() in ("disabled", "4"):
        claims.append((NOTE, "the ADSync service's start type is Disabled: it will not start with the server", "$.StartType"))
    return claims
