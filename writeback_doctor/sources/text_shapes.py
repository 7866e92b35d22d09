"""PowerShell's text outputs as the objects they show: Export-Csv, Format-List and Format-Table.

Each parser turns text into what ``ConvertTo-Json`` would have written for the same objects (a list of
objects whose property values are text), so the export kinds recognise and read them as they read JSON;
the values stay text, and ``values`` reads numbers, dates and booleans from text too.

- CSV (https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/export-csv):
  Windows PowerShell 5.1 writes a ``#TYPE <type name>`` first line unless ``-NoTypeInformation``;
  every field quoted; a value with line breaks stays inside its quotes (CRLF kept); ``-UseCulture``
  and ``-Delimiter ';'`` write the list separator of other locales (``;`` in German, French, Russian...).
  The Entra admin center's Users > Download users writes a plain comma-separated file with a UTF-8 BOM
  (https://learn.microsoft.com/en-us/entra/identity/users/users-bulk-download).
- Format-List (https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/format-list):
  ``Name : value`` lines, names padded to the longest, one object per block, blank lines between; a
  long value wraps onto lines indented to the value's column; collections show as ``{a, b, c...}``,
  cut after ``$FormatEnumerationLimit`` (4) items.
- Format-Table (https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/format-table):
  a header line, a line of dashes under each header, one row per object; a value wider than its column
  is cut with ``...`` (5.1) or ``…`` (7); ``-GroupBy`` (and Get-WinEvent's own view, by ProviderName)
  writes ``   Name: value`` above each group.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

CSV, LIST, TABLE, JSON = "csv", "format-list", "format-table", "json"
_TYPE_LINE = re.compile(r"^#TYPE\s+(\S.*)$")
_IDENT = re.compile(r"^[A-Za-z_@][\w .@()/#-]*$")
_PAIR = re.compile(r"^([A-Za-z_@][\w .()@/#-]*?)\s+: ?(.*)$")
"""Format-List pads every name: ``Name : value`` always has a space before the colon (``WARNING: ...`` has none)."""
_DASHES = re.compile(r"^\s*-+(?:\s+-+)*\s*$")
_GROUP = re.compile(r"^\s+([A-Za-z]\w*): (.*)$")
_PROMPT = re.compile(r"^(?:PS [^>]*>|>>|\$ |C:\\.*>)")
_ELLIPSES = ("...", "\u2026")
ENUMERATION_LIMIT_NOTE = "a list shown as {a, b, c, d...} was cut at $FormatEnumerationLimit (4 items)"


def shape_of(text: str) -> str | None:
    """Which of the shapes ``text`` is (``json``, ``csv``, ``format-list``, ``format-table``), or None."""
    body = text.lstrip("\ufeff \t\r\n")
    if body[:1] in ("{", "[") or _json_scalar(body):
        return JSON
    lines = [line for line in body.splitlines() if line.strip() and not _PROMPT.match(line)]
    if not lines:
        return None
    if _TYPE_LINE.match(lines[0]) or _looks_like_csv(lines):
        return CSV
    if any(_DASHES.match(line) and index > 0 and len(line.split()) >= 2 for index, line in enumerate(lines)):
        return TABLE
    pairs = sum(1 for line in lines if _pair(line))
    if pairs >= 2 and pairs * 2 >= len(lines):
        return LIST
    return None


def _json_scalar(body: str) -> bool:
    """Whether the text is one JSON scalar (``null``, ``3``, ``"x"``): JSON, if not a document anyone meant."""
    if len(body) > 4096 or "\n" in body.strip():
        return False
    try:
        json.loads(body)
    except ValueError:
        return False
    return True


def _looks_like_csv(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    delimiter = _delimiter(lines[0])
    if delimiter is None:
        return False
    header = next(csv.reader([lines[0]], delimiter=delimiter))
    return len(header) >= 2 and all(_IDENT.match(name.strip()) for name in header)


def _delimiter(header: str) -> str | None:
    counts = {d: _outside_quotes(header).count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else None


def _outside_quotes(line: str) -> str:
    return re.sub(r'"[^"]*"', "", line)


def _pair(line: str) -> re.Match[str] | None:
    match = _PAIR.match(line)
    return match if match and not line.startswith(" ") else None


def parse(text: str, shape: str) -> tuple[Any, list[str]]:
    """The objects of ``text`` in the given text shape, and notes about what the text lost."""
    if shape == CSV:
        return parse_csv(text)
    if shape == LIST:
        return parse_list(text)
    return parse_table(text)


def parse_csv(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Export-Csv / ConvertTo-Csv / a downloaded CSV: rows as objects keyed by the header (empty cells ``None``)."""
    body = text.lstrip("\ufeff")
    notes: list[str] = []
    first, _, rest = body.partition("\n")
    match = _TYPE_LINE.match(first.strip())
    if match:
        notes.append(f"Export-Csv of {match.group(1).strip()} objects (Windows PowerShell 5.1's #TYPE line)")
        body = rest
    header_line = next((line for line in body.splitlines() if line.strip()), "")
    delimiter = _delimiter(header_line) or ","
    if delimiter != ",":
        notes.append(f"separated by {'a tab' if delimiter == chr(9) else repr(delimiter)} (a locale's list separator)")
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    rows = [row for row in reader if any(cell.strip() for cell in row)]
    if not rows:
        return [], notes
    header = [name.strip() for name in rows[0]]
    objects: list[dict[str, Any]] = []
    for row in rows[1:]:
        cells: list[str | None] = [cell if cell != "" else None for cell in row]
        if len(cells) > len(header):
            notes.append(f"row {len(objects) + 1} has {len(cells)} cells for {len(header)} columns: the extra ones are not read")
        cells += [None] * (len(header) - len(cells))
        objects.append(dict(zip(header, cells[:len(header)], strict=True)))
    return objects, notes


def parse_list(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Format-List text (saved with ``>`` or pasted): one object per block of ``Name : value`` lines."""
    lines = [line.rstrip("\r") for line in text.lstrip("\ufeff").split("\n")]
    lengths = [len(line.rstrip()) for line in lines]
    width = max(lengths, default=0)
    if lengths.count(width) < 2:
        width = 10**9  # no line length repeats at the longest: no wrap width, every continuation is a line of its own
    objects: list[dict[str, Any]] = []
    current: dict[str, Any] = {}
    last: str | None = None
    last_line = ""
    for line in lines:
        if _PROMPT.match(line):
            continue
        if not line.strip():
            if current:
                objects.append(current)
            current, last = {}, None
            continue
        match = _pair(line)
        if match:
            name = match.group(1).strip()
            current[name] = match.group(2).strip()
            last, last_line = name, line
            continue
        if last is not None and line.startswith(" "):  # a wrapped or multi-line value, indented to the value's column
            joiner = "" if len(last_line.rstrip()) == width else "\n"
            current[last] = f"{current[last]}{joiner}{line.strip()}"
            last_line = line
    if current:
        objects.append(current)
    notes: list[str] = []
    converted = [{name: _list_value(value, notes) for name, value in obj.items()} for obj in objects]
    return converted, sorted(set(notes))


def _list_value(value: str, notes: list[str]) -> Any:
    if value == "":
        return None
    if value.startswith("{") and value.endswith("}") and "\n" not in value:
        inner = value[1:-1].strip()
        if not inner:
            return []
        cut = inner.endswith(_ELLIPSES)
        if cut:  # kept as a last "..." item, so that no reader takes the shown items for the whole list
            notes.append(ENUMERATION_LIMIT_NOTE)
            inner = inner.rstrip(".\u2026").rstrip(", ")
        return [item.strip() for item in inner.split(", ") if item.strip()] + (["..."] if cut else [])
    return value


def parse_table(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Format-Table text: the rows under each header, cut at the columns its dashes mark; group lines kept."""
    lines = [line.rstrip("\r") for line in text.lstrip("\ufeff").split("\n")]
    objects: list[dict[str, Any]] = []
    cut = 0
    group: dict[str, str] = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        grouped = _GROUP.match(line)
        if grouped and not _DASHES.match(line):
            group = {grouped.group(1): grouped.group(2).strip()}
            index += 1
            continue
        if index + 1 < len(lines) and _DASHES.match(lines[index + 1]) and line.strip():
            runs = [(m.start(), m.end()) for m in re.finditer(r"-+", lines[index + 1])]
            names = [line[start:end].strip() or line[start:].split()[0] for start, end in runs]
            index += 2
            while index < len(lines) and lines[index].strip() and not _GROUP.match(lines[index]):
                if not _PROMPT.match(lines[index]):
                    row, cells_cut = _row(lines[index], runs, names)
                    cut += cells_cut
                    objects.append({**group, **row})
                index += 1
            continue
        index += 1
    notes = [f"Format-Table cut {cut} value(s) to its columns' width (shown with ...): those values are "
             "read as cut; Format-List or ConvertTo-Json keeps them whole"] if cut else []
    return objects, notes


def _row(line: str, runs: list[tuple[int, int]], names: list[str]) -> tuple[dict[str, Any], int]:
    bounds = [0]
    for (_, end), (start, _) in zip(runs, runs[1:], strict=False):
        gap = [position for position in range(end, min(start, len(line))) if line[position] == " "]
        bounds.append(gap[-1] if gap else start)
    bounds.append(len(line))
    row: dict[str, Any] = {}
    cut = 0
    for number, name in enumerate(names):
        cell = line[bounds[number]:bounds[number + 1]].strip()
        if cell.endswith(_ELLIPSES):
            cut += 1
        row[name] = _list_value(cell, []) if cell else None
    return row, cut
