"""Provenance as a report shows it to a reader: inputs named as the user gave them, never an absolute path of the
engineer's machine (a user name on Windows would end up in the customer's ticket), and one source per array item.

``examples/t.json:$.users[2].license (facts), examples/t.json:$.users[2].name (facts)`` reads
``examples/t.json:$.users[2] (facts)``; ``/home/olena/t.json`` reads ``t.json``. The JSON contract
keeps every source as recorded: this is only how the text formats show them.
"""

from __future__ import annotations

import ntpath
import posixpath
import re
from collections.abc import Iterable, Mapping

from writeback_doctor.sources.model import Source

ITEM_FIELD = re.compile(r"^(?P<item>.*\[\d+\])\.[^.\[\]]+$")
"""A location inside one array item: ``$.users[2].license`` -> ``$.users[2]``."""


def file_shown(name: str) -> str:
    """An input's name as given when it is relative, else its base name (POSIX or Windows absolute paths alike)."""
    if posixpath.isabs(name) or ntpath.isabs(name) or re.match(r"^[A-Za-z]:", name):
        return ntpath.basename(name) or posixpath.basename(name) or name
    return name


def sources_shown(sources: Iterable[Source], kinds: Mapping[str, str] | None = None) -> str:
    """The sources as one short text: relative or base names, the fields of one item collapsed into the item;
    ``kinds`` names a source kind in the report's language (``facts`` -> ``факти``), others as recorded."""
    found: dict[tuple[str | None, str, str], list[str]] = {}
    for source in sources:
        match = ITEM_FIELD.match(source.location)
        location = match.group("item") if match else source.location
        found.setdefault((source.file, source.kind, location), []).append(source.location)
    parts = []
    for (file, kind, location), locations in found.items():
        where = location if len(set(locations)) > 1 else locations[0]
        kind = (kinds or {}).get(kind, kind)
        parts.append(f"{kind} ({where})" if file is None else f"{file_shown(file)}:{where} ({kind})")
    return ", ".join(parts) or "?"
