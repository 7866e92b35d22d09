"""Reading the user's JSON strictly: every problem is located, nothing is silently dropped."""

from __future__ import annotations

import json
import math
import re
import sys
from typing import Any, Iterator, Sequence

from writeback_doctor.errors import UserError

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
MAX_NUMBER = sys.float_info.max
"""Every number must be a finite double (what PowerShell's ConvertFrom-Json and JavaScript read)."""


class InputError(UserError):
    """A file the user gave cannot be read as JSON; ``location`` is ``file`` or ``file:line:column``."""


def read_json(name: str) -> Any:
    """Read JSON from a file name, or from standard input when ``name`` is ``-``.

    Accepts UTF-8 (with or without BOM), UTF-16 with BOM (what Windows PowerShell
    5.1's ``>`` writes) and UTF-32 with BOM (``Out-File -Encoding utf32``). Rejects
    duplicate keys, NaN/Infinity, numbers outside the range of a double, lone UTF-16
    surrogates, files over ``MAX_BYTES`` and nesting deeper than ``MAX_DEPTH``, each with a
    located message.
    """
    return parse_json(_decode(read_bytes(name), "<stdin>" if name == "-" else name), "<stdin>" if name == "-" else name)


def read_bytes(name: str) -> bytes:
    """The bytes of a file (or of standard input for ``-``), at most ``MAX_BYTES``; ``InputError`` when they
    cannot be read. Whoever needs their SHA-256 (the report's metadata names standard input by it) hashes
    them and keeps it with what it read (``sources.merge.Collected.digests``): nothing is kept here."""
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
    return raw


def check_names(names: Sequence[str]) -> None:
    """Refuse ``-`` given twice: standard input can be read only once (the second read would be empty)."""
    if list(names).count("-") > 1:
        raise InputError("<stdin>", "standard input (-) can be given only once")


def parse_json(text: str, label: str, line: int | None = None) -> Any:
    """Parse JSON text strictly: duplicate keys, NaN/Infinity, numbers no double can hold
    (``1e400``, a 5,000-digit integer), lone UTF-16 surrogates (``"\\ud800"``, which no output
    encoding can write) and nesting over ``MAX_DEPTH`` are errors, each with its JSON path.

    ``line`` is the line number of ``text`` within ``label`` (one JSON Lines record); locations
    then read ``label:line:column``, and ``label:line`` for whole-record problems.
    """
    where = label if line is None else f"{label}:{line}"
    numbers = _NumberGuard()
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants,
                          parse_float=numbers.parse_float, parse_int=numbers.parse_int)
    except json.JSONDecodeError as error:
        row = error.lineno if line is None else line + error.lineno - 1
        raise InputError(f"{label}:{row}:{error.colno}", f"not valid JSON: {error.msg}") from None
    except _Rejected as error:
        raise InputError(where, str(error)) from None
    except RecursionError:
        raise InputError(where, f"nested deeper than {MAX_DEPTH} levels") from None
    # each level of nesting opens with a { or [ (one outside a string): a text with few of them is never too deep,
    # and counting them is cheaper than walking the document
    if text.count("{") + text.count("[") > MAX_DEPTH and _depth(data) > MAX_DEPTH:
        raise InputError(where, f"nested deeper than {MAX_DEPTH} levels")
    if numbers.refused or _MAY_HOLD_SURROGATE.search(text):
        for path, value in _leaves(data):
            if isinstance(value, _OutOfRange):
                raise InputError(f"{where}: {path}", f"the number {_shorten(value.literal)} is outside the range of a "
                                 f"double (about ±{MAX_NUMBER:.1e}); write a smaller number")
            lone = _LONE_SURROGATE.search(value) if isinstance(value, str) else None
            if lone is not None:
                raise InputError(f"{where}: {path}", "a lone UTF-16 surrogate "
                                 f"(\\u{ord(lone[0]):04x}) is not a character; fix the text")
    return data


class _OutOfRange:
    """Stands, in the parsed document, for a number no double can hold, until its path is found."""

    def __init__(self, literal: str):
        self.literal = literal


class _NumberGuard:
    """``parse_float``/``parse_int`` hooks: finite doubles and integers a double can hold, else ``_OutOfRange``."""

    _MAX_DIGITS = len(str(int(MAX_NUMBER)))

    def __init__(self) -> None:
        self.refused = False

    def parse_float(self, literal: str) -> Any:
        value = float(literal)
        if math.isfinite(value):
            return value
        self.refused = True
        return _OutOfRange(literal)

    def parse_int(self, literal: str) -> Any:
        # the length test comes first: int() of a 5,000-digit literal raises (and is slow)
        if len(literal.lstrip("-")) <= self._MAX_DIGITS:
            value = int(literal)
            if abs(value) <= MAX_NUMBER:
                return value
        self.refused = True
        return _OutOfRange(literal)


_MAY_HOLD_SURROGATE = re.compile(r"\\[uU][dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _leaves(data: Any) -> Iterator[tuple[str, Any]]:
    """``(JSON path, value)`` of every key and scalar, in document order (keys as the path of their object)."""
    stack: list[tuple[str, Any]] = [("$", data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            children = []
            for key, value in node.items():
                yield path, key
                children.append((f"{path}.{key}" if _PLAIN_KEY.match(key) else f"{path}[{json.dumps(key)}]", value))
            stack.extend(reversed(children))
        elif isinstance(node, list):
            stack.extend(reversed([(f"{path}[{index}]", value) for index, value in enumerate(node)]))
        else:
            yield path, node


_PLAIN_KEY = re.compile(r"^[A-Za-z_@][A-Za-z0-9_@.-]*$")


def _shorten(literal: str) -> str:
    return literal if len(literal) <= 24 else f"{literal[:10]}...{literal[-6:]} ({len(literal)} characters)"


class _Rejected(ValueError):
    pass


def _decode(raw: bytes, label: str) -> str:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            raw, chosen = raw[len(bom):], encoding
            break
    else:
        chosen = "utf-8"
    try:
        return raw.decode(chosen)
    except UnicodeDecodeError as error:
        raise InputError(label, f"not {chosen.upper()} text (byte {error.start}); save it as UTF-8, or UTF-16 with BOM") from None


def decode_export(raw: bytes, label: str) -> tuple[str, str | None]:
    """The text of an export, and a note naming its encoding when that had to be guessed.

    A BOM decides (UTF-8, UTF-16 LE/BE, UTF-32); without one, UTF-8 is tried first, then UTF-16 LE
    without BOM (every other byte zero: ``[IO.File]::WriteAllText`` with ``[Text.Encoding]::Unicode``),
    then the legacy code pages Windows PowerShell 5.1 writes (``Set-Content``, ``Export-Csv``: the
    ANSI page; a console copy: the OEM page), guessed by ``sources.codepages`` and named in the note.
    """
    for bom, _ in _BOMS:
        if raw.startswith(bom):
            return _decode(raw, label), None
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    if len(raw) >= 4 and raw[1::2].count(0) > len(raw) // 4 and raw[0::2].count(0) < len(raw) // 8:
        try:
            return raw.decode("utf-16-le"), "UTF-16 LE without a byte order mark"
        except UnicodeDecodeError:
            pass
    from writeback_doctor.sources import codepages  # only files that need it pay for the guess

    chosen = codepages.guess(raw)
    if chosen is None:
        raise InputError(label, "not UTF-8, UTF-16 or a Windows code page this tool reads; save it as UTF-8")
    why = ("a console window's output, or -Encoding Oem" if chosen in codepages.OEM
           else "Windows PowerShell 5.1's Set-Content, Add-Content and -Encoding Default write the ANSI code page")
    return raw.decode(chosen), (f"not UTF-8: read as {codepages.NAMES[chosen]}, guessed from its bytes ({why}); "
                                "if names look wrong, save the file as UTF-8")


_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))  # UTF-32 LE's BOM starts like UTF-16 LE's


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):  # no key twice (the common case, without a loop in Python)
        return result
    result = {}
    for key, value in pairs:
        if key in result:
            raise _Rejected(f"duplicate key {key!r}: a value would be silently lost")
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise _Rejected(f"{name} is not a JSON number")


def _depth(value: Any) -> int:
    """How many objects and arrays are nested at the deepest point (``[]`` is 1, ``[[]]`` 2, a scalar 0)."""
    depth, level = 0, [value] if isinstance(value, (dict, list)) else []
    while level:
        depth += 1
        if depth > MAX_DEPTH:  # already too deep: stop walking
            break
        level = [child for node in level for child in (node.values() if isinstance(node, dict) else node)
                 if isinstance(child, (dict, list))]
    return depth
