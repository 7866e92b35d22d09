"""Reading values the way Windows PowerShell 5.1 and PowerShell 7 write them with ``ConvertTo-Json``.

5.1 writes dates as ``/Date(ms)/``, 7 as ISO 8601; enums are numbers unless the
admin used ``-EnumsAsStrings`` (7 only); a single result is an object, several an array.
Every reader raises ``ExportError`` with the location of the bad value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping  # not typing's: its isinstance is several times slower, and every export kind asks
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Iterator

from writeback_doctor.sources.errors import ExportError

_DIGITS = re.compile(r"^\s*-?\d{1,18}\s*$")
_LOCAL_DATE = re.compile(
    r"^\s*(\d{1,4})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{1,4})\.?\s+(?:(?P<pre>[^\d\s]+)\s*)?"
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?:[.,]\d+)?\s*(?P<post>[^\d\s]+)?\s*$")
"""A date as a culture's ToString() writes it in a text export: 6/1/2024 10:00:00 AM (en-US), 01.06.2024 10:00:00
(de, ru, pl, cs...), 01/06/2024 10:00:00 (en-GB, fr, es, it), 1-6-2024 (nl), 2024-06-01 / 2024/06/01 (sv, ja, zh),
2024. 06. 01. 10:00:00 (hu), 2024-06-01 오후 1:00:00 (ko)."""
_PM = {"pm", "p.m.", "nachm.", "午後", "下午", "오후", "μμ"}
_AM = {"am", "a.m.", "vorm.", "午前", "上午", "오전", "πμ"}
DAY_FIRST, MONTH_FIRST, YEAR_FIRST = "day-first", "month-first", "year-first"
_MS_DATE = re.compile(r"^/Date\((-?\d+)([+-]\d{4})?\)/$")
_TIMESPAN = re.compile(r"^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$")
TICKS_PER_DAY = 864_000_000_000
MAX_TICKS = 2**63 - 1
"""A .NET TimeSpan is a signed 64-bit count of 100 ns ticks: about 10,675,199 days either way."""
MAX_TIMESPAN_DAYS = MAX_TICKS / TICKS_PER_DAY
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def as_items(data: Any) -> list[tuple[str, Any]]:
    """One PowerShell result or several: ``[(location, object), ...]``.

    Windows PowerShell 5.1 writes some arrays as ``{"value": [...], "Count": n}`` (an array wrapped
    in a PSObject); those are read as the array they are.
    """
    if isinstance(data, Mapping) and len(data) == 2 and set(data) == {"value", "Count"} and isinstance(data["value"], list):
        return [(f"$.value[{i}]", item) for i, item in enumerate(data["value"])]
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
    """A whole number (at least ``minimum``); from a text export (CSV, Format-List) its digits."""
    if isinstance(value, str) and _DIGITS.match(value):
        value = int(value.strip())
    if (isinstance(value, bool) or not isinstance(value, (int, float))
            or (isinstance(value, float) and not math.isfinite(value)) or value != int(value)):
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
    """A date as 5.1 (``/Date(1717236000000)/``) or 7 / Graph (ISO 8601) write it, in UTC.

    A date that cannot be told in UTC between the years 1 and 9999 (``0001-01-01T00:00:00+01:00``,
    ``/Date(99999999999999999999)/``) is an ``ExportError`` like any other bad value.
    """
    if isinstance(value, str) and value.isprintable() and value == value.strip():  # no NUL, no control, no padding
        match = _MS_DATE.match(value)
        try:
            if match:
                return _EPOCH + timedelta(milliseconds=int(match.group(1)))
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return parsed.astimezone(timezone.utc) if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
        except OverflowError:
            raise ExportError(where, f"the date {_shorten(value)} is outside the years 1 to 9999 (in UTC)") from None
        except ValueError:  # not ISO 8601, or too many digits to be milliseconds
            pass
    raise ExportError(where, f"expected a date (/Date(ms)/ or ISO 8601), got {_shorten(value)}")


def date_order(texts: list[Any]) -> tuple[str, str | None]:
    """How a text export writes its dates (``DAY_FIRST``, ``MONTH_FIRST``, ``YEAR_FIRST``), from all of them together:
    a day above 12 decides; else an AM/PM marker means the US month/day order; else day first. The note says
    what was assumed when no date decided it."""
    found = [m for m in (_LOCAL_DATE.match(t) for t in texts if isinstance(t, str)) if m]
    if not found:
        return DAY_FIRST, None
    if all(len(m.group(1)) == 4 for m in found):
        return YEAR_FIRST, None
    if any(int(m.group(1)) > 12 for m in found):
        return DAY_FIRST, None
    if any(int(m.group(2)) > 12 for m in found):
        return MONTH_FIRST, None
    marked = any((m.group("pre") or m.group("post") or "").lower() in _AM | _PM for m in found)
    order = MONTH_FIRST if marked else DAY_FIRST
    return order, (f"no date of the export tells day from month; read as {'month/day (en-US, with AM/PM)' if marked else 'day.month'}"
                   f" (its dates: {found[0].group(0).strip()}, ...)")


def local_date(value: str, where: str, order: str) -> datetime:
    """A date a text export wrote in its culture's format, read in ``order`` (see ``date_order``), as UTC.

    Text exports carry no time zone: the time is taken as it reads (a note says so where it is used)."""
    match = _LOCAL_DATE.match(value)
    if not match:
        raise ExportError(where, f"expected a date, got {_shorten(value)}")
    first, second, third = (int(match.group(i)) for i in (1, 2, 3))
    if len(match.group(1)) == 4:
        year, month, day = first, second, third
    elif order == MONTH_FIRST:
        month, day, year = first, second, third
    else:
        day, month, year = first, second, third
    if year < 100:
        year += 2000
    hour, minute, second_ = int(match.group("hour")), int(match.group("minute")), int(match.group("second") or 0)
    marker = (match.group("pre") or match.group("post") or "").lower()
    if marker in _PM and hour < 12:
        hour += 12
    elif marker in _AM and hour == 12:
        hour = 0
    try:
        return datetime(year, month, day, hour, minute, second_, tzinfo=timezone.utc)
    except ValueError:
        raise ExportError(where, f"{_shorten(value)} is not a date ({order})") from None


def timespan_days(value: Any, where: str) -> float:
    """A .NET TimeSpan in days: the object ConvertTo-Json writes (Ticks, TotalDays, ...) or ``d.hh:mm:ss`` text.

    A span longer than a TimeSpan can hold (about 10,675,199 days) is an ``ExportError``, and so is a negative one
    in any form (``Ticks: -1``, ``TotalDays: -0.5``, ``-1.00:00:00``): every span the exports hold is an age or a
    duration.
    """
    days = _signed_timespan_days(value, where)
    if days < 0 or isinstance(value, str) and value.startswith("-") and re.search("[1-9]", value):  # -1 tick too
        raise ExportError(where, f"a negative time span ({_shorten(value)}); expected a duration of 0 or more")
    return days + 0.0  # -0.0 is 0


def _signed_timespan_days(value: Any, where: str) -> float:
    if isinstance(value, Mapping):
        if "Ticks" in value:
            ticks = integer(value["Ticks"], f"{where}.Ticks", minimum=None)
            if abs(ticks) > MAX_TICKS:
                raise ExportError(f"{where}.Ticks", f"{_shorten(ticks)} ticks is longer than a TimeSpan can hold")
            return ticks / TICKS_PER_DAY
        total = value.get("TotalDays")
        if isinstance(total, (int, float)) and not isinstance(total, bool):
            if not abs(total) <= MAX_TIMESPAN_DAYS:  # also refuses NaN
                raise ExportError(f"{where}.TotalDays", f"{_shorten(total)} days is longer than a TimeSpan can hold")
            return float(total)
        raise ExportError(f"{where}.Ticks", "missing field (a TimeSpan object has Ticks and TotalDays)")
    if isinstance(value, str):
        match = _TIMESPAN.match(value)
        if match:
            sign, days, hours, minutes, seconds, fraction = match.groups()
            if int(days or 0) > MAX_TIMESPAN_DAYS:  # the regex bounds every other part
                raise ExportError(where, f"{_shorten(value)} is longer than a TimeSpan can hold (about "
                                  f"{int(MAX_TIMESPAN_DAYS):,} days)")
            span = timedelta(days=int(days or 0), hours=int(hours), minutes=int(minutes), seconds=int(seconds),
                             microseconds=int((fraction or "0").ljust(7, "0")) / 10)
            return (-1 if sign else 1) * span / timedelta(days=1)
    raise ExportError(where, f"expected a TimeSpan (object with Ticks, or d.hh:mm:ss), got {_shorten(value)}")


def enum_name(value: Any, names: Mapping[int, str], where: str) -> str:
    """An enum as 5.1 writes it (its number) or as ``-EnumsAsStrings`` does (its name)."""
    if isinstance(value, str) and _DIGITS.match(value):
        value = int(value)
    if isinstance(value, str) and value:
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value in names:
        return names[value]
    raise ExportError(where, f"expected one of {', '.join(f'{k} ({v})' for k, v in sorted(names.items()))}, got {value!r}")


def known_enum(value: Any, names: Mapping[int, str], where: str) -> tuple[str | None, str | None]:
    """An enum as a number (5.1) or a name (``-EnumsAsStrings``): ``(name, None)`` when this tool knows it, else
    ``(None, note)``: a value added after this tool was written (a new functional level) is carried as unknown, not refused."""
    if isinstance(value, str) and _DIGITS.match(value):
        value = int(value)  # a text export (CSV, Format-List) writes the number as text
    if isinstance(value, str) and value:
        if value in names.values():
            return value, None
    elif not (isinstance(value, int) and not isinstance(value, bool)):
        raise ExportError(where, f"expected an enum name or number, got {value!r}")
    elif value in names:
        return names[value], None
    known = ", ".join(f"{k} ({v})" for k, v in sorted(names.items()))
    return None, f"{where}: {value!r} is not a value this tool knows ({known}); taken as unknown"


def pascal(name: str) -> str:
    """The PowerShell SDK's name of a Graph property: ``capabilityStatus`` -> ``CapabilityStatus``."""
    return name[:1].upper() + name[1:]


def graph_value(data: Any) -> list[Any] | None:
    """The ``value`` array of a Graph collection response, or None when ``data`` is not one."""
    if isinstance(data, Mapping) and isinstance(data.get("value"), list):
        return data["value"]
    return None


def odata_context(data: Any) -> str:
    """The ``@odata.context`` of a Graph response ('' when absent)."""
    return data.get("@odata.context", "") if isinstance(data, Mapping) and isinstance(data.get("@odata.context"), str) else ""


def _shorten(value: Any) -> str:
    """``repr(value)``, cut in the middle when long (a 5,000-digit value in an error message helps nobody)."""
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:30]}...{text[-10:]} ({len(text)} characters)"


# ------------------------------------------------------------------ a value of an unexpected type anywhere

_SURPRISES = (TypeError, AttributeError, KeyError, IndexError, ValueError, ArithmeticError)
"""What reading a value of a type the reader did not expect raises (a list hashed, ``.strip()`` of a number,
a string compared with a number); ``ExportError`` (a ValueError) is the reader's own, located, and passes through."""


def read_export(extract: Callable[[Any], Any], data: Any) -> Any:
    """``extract(data)`` (an export kind's reader), with every value of an unexpected type an ``ExportError`` at it.

    A reader checks the values it knows to be risky; any other field may still come as a list, an object, a
    number, null or a boolean where the export has a string (``$.Tls12[0].Name: []``). Whatever that breaks in
    the reader, the user gets the JSON path of the value, exit 2, never a traceback: the read is done again on
    a copy of ``data`` that notes the path of each value the reader takes, and the last one taken is the value
    it could not handle. This is the one place every export kind is read through (``merge``), so a new kind is
    type-safe without code of its own; the copy is made only after a failure, so a good export costs nothing.
    """
    try:
        return extract(data)
    except ExportError:
        raise
    except _SURPRISES:
        trail = _Trail()
        try:
            extract(_traced(data, "$", trail))
        except ExportError:
            raise
        except _SURPRISES:
            pass
        where, value = trail.last
        raise ExportError(where, f"cannot read {_json_type(value)} {_shorten(value)} here: this export has another "
                                 "type of value in this place") from None


class _Trail:
    """The path and value a traced read took last."""

    def __init__(self) -> None:
        self.last: tuple[str, Any] = ("$", None)

    def took(self, path: str, value: Any) -> Any:
        self.last = (path, value)
        return value


class _TracedDict(dict[str, Any]):
    """An export's object that notes each value read out of it (``_Trail``); otherwise a dict."""

    def __init__(self, items: dict[str, Any], path: str, trail: _Trail):
        super().__init__(items)
        self._path, self._trail = path, trail

    def _at(self, key: object) -> str:
        return f"{self._path}.{key}"

    def __getitem__(self, key: Any) -> Any:
        return self._trail.took(self._at(key), dict.__getitem__(self, key))

    def get(self, key: Any, default: Any = None) -> Any:
        return self._trail.took(self._at(key), dict.get(self, key, default))

    def items(self) -> Any:
        return [(key, self[key]) for key in dict.keys(self)]

    def values(self) -> Any:
        return [self[key] for key in dict.keys(self)]


class _TracedList(list[Any]):
    """An export's array that notes each item read out of it (``_Trail``); otherwise a list."""

    def __init__(self, items: list[Any], path: str, trail: _Trail):
        super().__init__(items)
        self._path, self._trail = path, trail

    def __getitem__(self, index: Any) -> Any:
        value = list.__getitem__(self, index)
        return value if isinstance(index, slice) else self._trail.took(f"{self._path}[{index}]", value)

    def __iter__(self) -> Iterator[Any]:
        for index, value in enumerate(list.__iter__(self)):
            yield self._trail.took(f"{self._path}[{index}]", value)


def _traced(data: Any, path: str, trail: _Trail) -> Any:
    """A copy of ``data`` whose objects and arrays note what is read out of them."""
    if isinstance(data, Mapping):
        return _TracedDict({key: _traced(value, f"{path}.{key}", trail) for key, value in data.items()}, path, trail)
    if isinstance(data, list):
        return _TracedList([_traced(value, f"{path}[{i}]", trail) for i, value in enumerate(data)], path, trail)
    return data


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "the boolean"
    if isinstance(value, (int, float)):
        return "the number"
    if isinstance(value, str):
        return "the string"
    return "the object" if isinstance(value, Mapping) else "the array" if isinstance(value, list) else "the value"

