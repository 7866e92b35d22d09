"""The verdict a built package ships for its own rules, so that the first run after installing it validates nothing.

A package build (``build.validated_rules``) writes the validated documents, the frame file's
data (so that such a start reads no YAML at all) and the key they were made under into one JSON
file inside the package, as trusted as the code beside it. It serves only under the same key: a
rule, the schema or the engine edited after the build no longer matches it, and those rules are
validated (and cached) as in a checkout; its documents still serve, one by one, the files whose
own keys they carry.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

from ..capped import read_capped
from .store import MAX_ENTRY_BYTES


class Shipped(NamedTuple):
    """A shipped entry as it is (each part None when missing or malformed)."""

    key: str | None
    documents: list[Any] | None
    frame: Any
    frame_key: str | None


def shipped_entry(key: str, documents: list[Any], frame: Any = None, frame_key: str | None = None) -> bytes:
    """The shipped form of a validated rule set (what a package build writes): its key, its documents and the
    frame file's data with the key of the frame it was read under (``keys.Keys.frame``), as JSON."""
    entry = {"key": key, "documents": documents, **({"frame": frame} if frame is not None else {}),
             **({"frame_key": frame_key} if frame_key is not None else {})}
    # never sort_keys: a document keeps the order its YAML was written in, as a load from the file has it
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def read_shipped(path: Path, key: str) -> tuple[list[Any] | None, Any]:
    """The validated rule documents and the frame's data of a shipped entry made for exactly ``key``;
    ``(None, None)`` otherwise (validate), a frame of None when the entry has none (read the frame file)."""
    entry = read_shipped_entry(path)
    return (entry.documents, entry.frame) if entry.key == key and entry.documents is not None else (None, None)


def read_shipped_entry(path: Path) -> Shipped:
    """A shipped entry as it is: its key, its documents (each with its own file's key), the frame's data and the
    frame's key; all None for a missing, unreadable or malformed file."""
    try:
        entry = json.loads(read_capped(path, MAX_ENTRY_BYTES).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return Shipped(None, None, None, None)
    if not isinstance(entry, dict):
        return Shipped(None, None, None, None)
    documents = entry.get("documents")
    if not (isinstance(documents, list) and all(isinstance(d, dict) for d in documents)):
        documents = None
    frame, key, frame_key = entry.get("frame"), entry.get("key"), entry.get("frame_key")
    return Shipped(key if isinstance(key, str) else None, documents, frame if isinstance(frame, dict) else None,
                   frame_key if isinstance(frame_key, str) else None)
