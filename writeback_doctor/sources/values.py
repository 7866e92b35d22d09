"""Reading values the way Windows PowerShell 5.1 and PowerShell 7 write them with ``ConvertTo-Json``.

5.1 writes dates as ``/Date(ms)/``, 7 as ISO 8601; enums are numbers unless the
admin used ``-EnumsAsStrings`` (7 only); a single result is an object, several an array.
Every reader raises ``ExportError`` with the location of the bad value.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Any, Mapping

from .errors import ExportError

_MS_DATE = re.compile(r"^/Date\((-?\d+)([+-]\d{4})?\)/$")
_TIMESPAN = re.compile(r"^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$")
TICKS_PER_DAY = 864_000_000_000


def as_items(data: Any) -> list[tuple[str, Any]]:
    """One PowerShell result or several: ``[(location, object), ...]``."""
    if isinstance(data, list):
        return [(f"$[{i}]", item) for i, item in enumerate(data)]
    return [("$", data)]


def field(obj: Mapping[str, Any], name: str, where: str) -> Any:
    """``obj[name]``, or an ``ExportError`` naming the missing field."""
    if not isinstance(obj, Mapping):
        raise ExportError(where, f"expected an object, got {type(obj).__name__}")
    if name not in obj:
        raise ExportError(f"{where}.{name}", "missing field")
    return obj[name]


def boolean(value: Any, where: str) -> bool:
    """A JSON boolean (or PowerShell's ``"True"``/``"False"`` text)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise ExportError(where, f"expected true or false, got {value!r}")


def integer(value: Any, where: str, minimum: int | None = 0) -> int:
    """A whole number (at least ``minimum``)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
        raise ExportError(where, f"expected a whole number, got {value!r}")
    if minimum is not None and value < minimum:
        raise ExportError(where, f"expected a number of at least {minimum}, got {value!r}")
    return int(value)


def text(value: Any, where: str) -> str:
    """A non-empty string."""
    if not isinstance(value, str) or not value:
        raise ExportError(where, f"expected a non-empty string, got {value!r}")
    return value


def date(value: Any, where: str) -> datetime:
    """A date as 5.1 (``/Date(1717236000000)/``) or 7 / Graph (ISO 8601) write it, in UTC."""
    if isinstance(value, str):
        match = _MS_DATE.match(value)
        if match:
            return datetime.fromtimestamp(int(match.group(1)) / 1000, tz=timezone.utc)
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    raise ExportError(where, f"expected a date (/Date(ms)/ or ISO 8601), got {value!r}")


def timespan_days(value: Any, where: str) -> float:
    """A .NET TimeSpan in days: the object ConvertTo-Json writes (Ticks, TotalDays, ...) or ``d.hh:mm:ss`` text."""
    if isinstance(value, Mapping):
        if "Ticks" in value:
            return integer(value["Ticks"], f"{where}.Ticks", minimum=None) / TICKS_PER_DAY
        if "TotalDays" in value and isinstance(value["TotalDays"], (int, float)) and not isinstance(value["TotalDays"], bool):
            return float(value["TotalDays"])
        raise ExportError(f"{where}.Ticks", "missing field (a TimeSpan object has Ticks and TotalDays)")
    if isinstance(value, str):
        match = _TIMESPAN.match(value)
        if match:
            sign, days, hours, minutes, seconds, fraction = match.groups()
            span = timedelta(days=int(days or 0), hours=int(hours), minutes=int(minutes), seconds=int(seconds),
                             microseconds=int((fraction or "0").ljust(7, "0")) / 10)
            return (-1 if sign else 1) * span / timedelta(days=1)
    raise ExportError(where, f"expected a TimeSpan (object with Ticks, or d.hh:mm:ss), got {value!r}")


def enum_name(value: Any, names: Mapping[int, str], where: str) -> str:
    """An enum as 5.1 writes it (its number) or as ``-EnumsAsStrings`` does (its name)."""
    if isinstance(value, str) and value:
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value in names:
        return names[value]
    raise ExportError(where, f"expected one of {', '.join(f'{k} ({v})' for k, v in sorted(names.items()))}, got {value!r}")


def graph_value(data: Any) -> list[Any] | None:
    """The ``value`` array of a Graph collection response, or None when ``data`` is not one."""
    if isinstance(data, Mapping) and isinstance(data.get("value"), list):
        return data["value"]
    return None


def odata_context(data: Any) -> str:
    """The ``@odata.context`` of a Graph response ('' when absent)."""
    return data.get("@odata.context", "") if isinstance(data, Mapping) and isinstance(data.get("@odata.context"), str) else ""
