"""One file as the objects it holds, recognised by its content (never its name): JSON, CSV, Format-List or
Format-Table text, in any encoding Windows PowerShell 5.1, PowerShell 7 or an admin center writes.

``read_file`` returns the parsed data with notes (a guessed code page, a cut depth, a cut column), raises
``NotAnExport`` for files that hold no export (a collector's notes, a README, a script, an empty file)
and ``InputError`` for files that look like one but cannot be read (broken JSON, undecodable bytes).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from writeback_doctor.inputs import decode_export, parse_json, read_bytes
from writeback_doctor.sources import text_shapes


class NotAnExport(Exception):
    """A file that holds no export at all: skipped with ``reason``, never an error."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class Read:
    """A file's objects, the shape they were read from (``json``, ``csv``, ``format-list``, ``format-table``) and notes."""

    data: Any
    shape: str
    notes: tuple[str, ...] = ()


_TYPE_NAME = re.compile(r"^(?:System|Microsoft)\.[A-Za-z0-9_.`]+(?:\[[A-Za-z0-9_.,`\[\] ]*\])?$")
"""What ConvertTo-Json writes for an object nested deeper than -Depth: its type name (ToString)."""
_SCRIPT = re.compile(r"^\s*(?:#Requires|param\s*\(|\[CmdletBinding|function\s+\w|<#|Set-StrictMode)", re.IGNORECASE | re.MULTILINE)


def read_file(path: str, label: str, digests: dict[str, str] | None = None) -> Read:
    """The objects of one file; ``NotAnExport`` when it holds none, ``InputError`` when it cannot be read.

    ``digests``: label -> SHA-256 of the bytes read, added to as soon as the bytes are read (a file skipped or
    refused afterwards was still read): the caller's own record of this one run's inputs."""
    raw = read_bytes(path)
    if digests is not None:
        digests[label] = hashlib.sha256(raw).hexdigest()
    if raw.lstrip(b"\xef\xbb\xbf\xff\xfe\x00\r\n\t ") == b"":
        raise NotAnExport("empty (the command returned nothing)")
    text, encoding_note = decode_export(raw, label)
    notes = [encoding_note] if encoding_note else []
    shape = text_shapes.shape_of(text)
    if shape is None:
        what = "a PowerShell script" if _SCRIPT.search(text) else "text"
        raise NotAnExport(f"not an export ({what}: neither JSON, CSV nor Format-List/Format-Table output)")
    if shape == text_shapes.JSON:
        data = parse_json(text.lstrip("\ufeff"), label)
        data, joined = join_graph_pages(data)
        if joined > 1:
            notes.append(f"{joined} Graph pages joined as one collection (locations $.value[N] count across the pages)")
        cut = depth_cut(data)
        if cut:
            notes.append(f"{len(cut)} value(s) written as type names ({', '.join(cut[:3])}{', ...' if len(cut) > 3 else ''}): "
                         "ConvertTo-Json cut the objects at its -Depth (2 by default); what is intact is read, the rest "
                         "is unknown (export again with -Depth 5 to read it)")
        return Read(data, shape, tuple(notes))
    data, shape_notes = text_shapes.parse(text, shape)
    if not data:
        raise NotAnExport(f"{shape} text with no object in it")
    return Read(data, shape, tuple(notes + shape_notes))


def join_graph_pages(data: Any) -> tuple[Any, int]:
    """A JSON array of Graph collection pages, each as Graph returned it (the tenant collector writes its paged lists
    so, never parsing and writing them again: expert review §4 T4), as the one collection they make, and how many
    pages were joined (0: ``data`` is no such array, returned as it is). The last page's ``@odata.nextLink`` stays:
    a list cut short is never taken for every item."""
    if not (isinstance(data, list) and data and all(
            isinstance(page, dict) and isinstance(page.get("value"), list) and isinstance(page.get("@odata.context"), str)
            for page in data)):
        return data, 0
    joined: dict[str, Any] = {"@odata.context": data[0]["@odata.context"],
                              "value": [item for page in data for item in page["value"]]}
    if "@odata.nextLink" in data[-1]:
        joined["@odata.nextLink"] = data[-1]["@odata.nextLink"]
    return joined, len(data)


def depth_cut(data: Any) -> list[str]:
    """The JSON paths of values ConvertTo-Json wrote as a type name because they were nested deeper than -Depth."""
    found: list[str] = []
    stack: list[tuple[str, Any]] = [("$", data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            stack.extend((f"{path}.{key}", value) for key, value in reversed(list(node.items())))
        elif isinstance(node, list):
            stack.extend((f"{path}[{i}]", value) for i, value in reversed(list(enumerate(node))))
        elif isinstance(node, str) and _TYPE_NAME.match(node) and "." in node[10:]:
            found.append(path)
    return found
