"""PowerShell ``Get-ADSyncScheduler | ConvertTo-Json`` (ADSync module, on the Connect server): staging mode.

https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/how-to-connect-sync-feature-scheduler
lists the scheduler's properties (AllowedSyncCycleInterval, ..., SyncCycleEnabled, MaintenanceEnabled,
StagingModeEnabled, SchedulerSuspended, SyncCycleInProgress); a server in staging mode exports nothing
and does not write passwords back
(https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/how-to-connect-sync-staging-server).
"""

from __future__ import annotations

from typing import Any

from writeback_doctor.sources.values import as_items, boolean, field

KIND = "powershell-Get-ADSyncScheduler"
DESCRIPTION = "PowerShell Get-ADSyncScheduler"


def recognise(data: Any) -> bool:
    """One object with StagingModeEnabled beside SyncCycleEnabled: the scheduler's settings."""
    items = [item for _, item in as_items(data)]
    return len(items) == 1 and isinstance(items[0], dict) and {"StagingModeEnabled", "SyncCycleEnabled"} <= set(items[0])


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """connect.staging_mode from StagingModeEnabled (and connect.installed: the ADSync module answered)."""
    where, item = as_items(data)[0]
    staging = boolean(field(item, "StagingModeEnabled", where), f"{where}.StagingModeEnabled")
    return [("connect.staging_mode", staging, f"{where}.StagingModeEnabled"),
            ("connect.installed", True, f"{where} (the ADSync module answered)")]
