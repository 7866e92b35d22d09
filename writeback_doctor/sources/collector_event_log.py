"""The record that the connect-server collector read the Application log (``eventlog.json``), even when it held none.

Without it an empty period and a log that could not be read look alike (no ``events.json``).
``ProvidersRead`` are the providers whose events were asked for and answered (``Get-WinEvent``
says ``NoMatchingEventsFound`` when there are none), ``ProvidersFailed`` those that could not be
read; ``EventCount`` is how many events ``events.json`` holds.
"""

from __future__ import annotations

from typing import Any

from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.model import NOTE
from writeback_doctor.sources.values import field, integer
from writeback_doctor.sources.winevent import SOURCES

KIND = "collector-event-log-read"
DESCRIPTION = "the record that the Application log was read (eventlog.json, connect-server collector)"
FIELDS = {"LogName", "StartTime", "ProvidersRead", "ProvidersFailed", "EventCount"}


def recognise(data: Any) -> bool:
    """The collector's object: LogName, ProvidersRead and EventCount among its own fields."""
    return isinstance(data, dict) and {"LogName", "ProvidersRead", "EventCount"} <= set(data) <= FIELDS


def _names(data: Any, name: str) -> list[str]:
    value = data.get(name) or []
    if isinstance(value, str):
        value = [value]                      # ConvertTo-Json writes a one-item array as its item
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ExportError(f"$.{name}", f"expected provider names, got {value!r}")
    return value


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """``event_log.events`` = [] when every writeback provider was read and none had an event; else notes."""
    count = integer(field(data, "EventCount", "$"), "$.EventCount")
    read, failed = _names(data, "ProvidersRead"), _names(data, "ProvidersFailed")
    claims: list[tuple[str, Any, str]] = []
    if failed:
        claims.append((NOTE, f"the collector could not read the events of {', '.join(failed)}: whether they logged "
                             "anything is unknown", "$.ProvidersFailed"))
    if count == 0 and not failed and set(SOURCES) <= set(read):
        since = data.get("StartTime")
        claims.append(("event_log.events", [], f"$.EventCount (the Application log was read since {since}: "
                                                "no writeback event)"))
    return claims
