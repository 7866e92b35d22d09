"""``Verdicts``: the one object the loader asks instead of validating a rule file again, and tells what it validated.

It gathers, for one load of a rule set, every earlier verdict that applies to exactly these bytes:
the entry stored under the rule set's key (``store``, or a package's ``shipped`` one), else each
file's own verdict from the shipped set and the newest stored entry (``keys``: a file key covers
its bytes, the frame, the rule schema and the engine code). What it hands out is input too: the
loader builds a rule from it inside a guard, and validates the file when anything is wrong with it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from . import store
from .keys import cache_keys
from .shipped import read_shipped_entry


class Verdict(NamedTuple):
    """A validated rule document and the line of each of its condition nodes (what a load needs to build the rule)."""

    document: Any
    lines: Any


class Verdicts:
    """Earlier verdicts on the files of one rule set (``open``), and where a new one is remembered (``remember``)."""

    def __init__(self, file_keys: list[str], whole: list[Any] | None = None, by_file: dict[str, Any] | None = None,
                 frame: Any = None, key: str | None = None, cache_dir: Path | None = None):
        self.file_keys = file_keys
        self.frame = frame
        """The frame file's data when a shipped verdict on exactly these bytes carries it, else None (read the file)."""
        self._whole = [_verdict(d) for d in whole] if whole is not None and len(whole) == len(file_keys) else None
        self._by_file = by_file or {}
        self._key = key
        self._cache_dir = cache_dir

    @classmethod
    def open(cls, directory: Path, frame_file: Path, rule_files: list[Path], cache_dir: Path | None = None,
             shipped: Path | None = None) -> Verdicts:
        """The verdicts that apply to ``frame_file`` and ``rule_files`` (in this order) of ``directory``: from the store in
        ``cache_dir`` (where a new one is remembered) and the ``shipped`` entry of a built package; none without either."""
        keys = cache_keys(directory, [frame_file, *rule_files]) if cache_dir or shipped else None
        if keys is None:
            return NO_VERDICTS
        key, file_keys = keys
        # the shipped entry is read once: its documents under the same key, else its files' verdicts one by one
        shipped_key, shipped_documents, shipped_frame = read_shipped_entry(shipped) if shipped else (None, None, None)
        if shipped_key == key and shipped_documents:
            return cls(file_keys, shipped_documents, frame=shipped_frame, key=key, cache_dir=cache_dir)
        whole = store.read_cached(cache_dir, key) if cache_dir else None
        if whole is not None:
            return cls(file_keys, whole, key=key, cache_dir=cache_dir)
        by_file = _by_file(shipped_documents, store.newest_cached(cache_dir) if cache_dir else None)
        return cls(file_keys, by_file=by_file, key=key, cache_dir=cache_dir)

    def earlier(self, index: int) -> Verdict | None:
        """The verdict on rule file ``index`` (as given to ``open``), or None: validate it."""
        if self._whole is not None:
            return self._whole[index]
        if index < len(self.file_keys):
            return _verdict(self._by_file.get(self.file_keys[index]))
        return None

    def remember(self, verdicts: list[Verdict]) -> None:
        """Store the verdicts of a load without problems (one per rule file, in order) under the rule set's key,
        unless every one of them is what ``earlier`` handed out from the entry under that key already."""
        if self._cache_dir is None or self._key is None or len(verdicts) != len(self.file_keys):
            return
        if self._whole is not None and all(given is served for given, served in zip(verdicts, self._whole, strict=True)):
            return
        documents = [{"rule": v.document, "lines": v.lines, "file": file_key}
                     for v, file_key in zip(verdicts, self.file_keys, strict=True)]
        store.write_cached(self._cache_dir, self._key, documents)


NO_VERDICTS = Verdicts([])
"""No earlier verdict, nowhere to remember one: every rule file is validated."""


def _verdict(document: Any) -> Verdict | None:
    """The verdict an entry's document holds, or None when it is not even shaped like one."""
    if isinstance(document, dict) and "rule" in document and "lines" in document:
        return Verdict(document["rule"], document["lines"])
    return None


def _by_file(*sources: list[Any] | None) -> dict[str, Any]:
    """File key -> document, from earlier entries (first source wins): each document carries its file's key."""
    found: dict[str, Any] = {}
    for documents in sources:
        for document in documents or ():
            if isinstance(document, dict) and isinstance(document.get("file"), str):
                found.setdefault(document["file"], document)
    return found
