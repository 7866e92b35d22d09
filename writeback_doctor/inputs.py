"""Reading the user's JSON strictly: every problem is located, nothing is silently dropped."""

from __future__ import annotations

import json
import sys
from typing import Any

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64


class InputError(Exception):
    """A file the user gave cannot be read as JSON; ``location`` is ``file`` or ``file:line:column``."""

    def __init__(self, location: str, message: str):
        self.location = location
        self.message = message
        super().__init__(f"{location}: {message}")


def read_json(name: str) -> Any:
    """Read JSON from a file name, or from standard input when ``name`` is ``-``.

    Accepts UTF-8 (with or without BOM) and UTF-16 with BOM (what Windows PowerShell
    5.1's ``>`` writes). Rejects duplicate keys, NaN/Infinity, files over ``MAX_BYTES``
    and nesting deeper than ``MAX_DEPTH``, each with a located message.
    """
    label = "<stdin>" if name == "-" else name
    try:
        if name == "-":
            raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            with open(name, "rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError(label, "no such file") from None
    except IsADirectoryError:
        raise InputError(label, "is a directory, expected a JSON file") from None
    except OSError as error:
        raise InputError(label, f"cannot read: {error.strerror or error}") from None
    if len(raw) > MAX_BYTES:
        raise InputError(label, f"larger than the {MAX_BYTES // (1024 * 1024)} MiB limit")
    return parse_json(_decode(raw, label), label)


def parse_json(text: str, label: str, line: int | None = None) -> Any:
    """Parse JSON text strictly (duplicate keys, NaN/Infinity, nesting over ``MAX_DEPTH`` are errors).

    ``line`` is the line number of ``text`` within ``label`` (one JSON Lines record); locations
    then read ``label:line:column``, and ``label:line`` for whole-record problems.
    """
    where = label if line is None else f"{label}:{line}"
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except json.JSONDecodeError as error:
        row = error.lineno if line is None else line + error.lineno - 1
        raise InputError(f"{label}:{row}:{error.colno}", f"not valid JSON: {error.msg}") from None
    except _Rejected as error:
        raise InputError(where, str(error)) from None
    except RecursionError:
        raise InputError(where, f"nested deeper than {MAX_DEPTH} levels") from None
    if _depth(data) > MAX_DEPTH:
        raise InputError(where, f"nested deeper than {MAX_DEPTH} levels")
    return data


class _Rejected(ValueError):
    pass


def _decode(raw: bytes, label: str) -> str:
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            raw, chosen = raw[len(bom):], encoding
            break
    else:
        chosen = "utf-8"
    try:
        return raw.decode(chosen)
    except UnicodeDecodeError as error:
        raise InputError(label, f"not {chosen.upper()} text (byte {error.start}); save it as UTF-8 or UTF-16 with BOM") from None


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Rejected(f"duplicate key {key!r}: a value would be silently lost")
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise _Rejected(f"{name} is not a JSON number")


def _depth(value: Any) -> int:
    depth, level = 0, [value]
    while level:
        depth += 1
        level = [child for node in level if isinstance(node, (dict, list))
                 for child in (node.values() if isinstance(node, dict) else node)]
        if depth > MAX_DEPTH + 1:  # already too deep: stop walking (depth - 1 > MAX_DEPTH)
            break
    return depth - 1
