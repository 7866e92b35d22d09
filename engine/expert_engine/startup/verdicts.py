"""``Verdicts``: the one object the loader asks instead of validating a rule file again, and tells what it validated.

It gathers, for one load of a rule set, every earlier verdict that applies to exactly these bytes:
the entry stored under the rule set's key (``store``, or a package's ``shipped`` one), else each
file's own verdict from the shipped set and the newest stored entry (``keys``: a file key covers
its bytes, the frame, the rule schema and the engine code), and the frame's data when it was read
under the same frame key. What it hands out is input too: the loader builds a rule from it inside a
guard, and validates the file when anything is wrong with it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from . import store
from .keys import Keys, cache_keys
from .shipped import read_shipped_entry


class Verdict(NamedTuple):
    """A validated rule document and the line of each of its condition nodes (what a load needs to build the rule)."""

    document: Any
    lines: Any
    stored: bytes | None = None
    """The line of JSON an entry stored it as, under the same file key: written again as it is."""


class Verdicts:
    """Earlier verdicts on the files of one rule set (``open``), and where a new one is remembered (``remember``)."""

    def __init__(self, keys: Keys | None = None, whole: list[Verdict | None] | None = None,
                 by_file: dict[str, Verdict] | None = None, frame: Any = None, cache_dir: Path | None = None):
        self.keys = keys
        self.frame = frame
        """The frame file's data when it was read under this frame key (shipped or stored), else None: read the file."""
        self._whole = whole
        self._by_file = by_file or {}
        self._cache_dir = cache_dir

    @classmethod
    def open(cls, directory: Path, frame_file: Path, rule_files: list[Path], cache_dir: Path | None = None,
             shipped: Path | None = None) -> Verdicts:
        """The verdicts that apply to ``frame_file`` and ``rule_files`` (in this order) of ``directory``: from the store in
        ``cache_dir`` (where a new one is remembered) and the ``shipped`` entry of a built package; none without either."""
        keys = cache_keys(directory, [frame_file, *rule_files]) if cache_dir or shipped else None
        if keys is None:
            return NO_VERDICTS
        # the shipped entry is read once: its documents under the same key, else its files' verdicts one by one
        given = read_shipped_entry(shipped) if shipped else None
        if given and given.key == keys.rule_set and given.documents:
            return cls(keys, _whole(given.documents, None, keys), frame=given.frame, cache_dir=cache_dir)
        frames = [(given.frame_key, given.frame)] if given else []
        entry = store.read_entry(cache_dir, keys.rule_set) if cache_dir else None
        if entry is not None:
            return cls(keys, _whole(entry.documents, entry.raw, keys), frame=_frame(keys, [(entry.frame_key, entry.frame)]),
                       cache_dir=cache_dir)
        newest = store.newest_entry(cache_dir) if cache_dir else None
        if newest is not None:
            frames.insert(0, (newest.frame_key, newest.frame))
        by_file = _by_file(newest.documents if newest else [], newest.raw if newest else [])
        for file_key, verdict in _by_file(given.documents or [] if given else [], None).items():
            by_file.setdefault(file_key, verdict)
        return cls(keys, by_file=by_file, frame=_frame(keys, frames), cache_dir=cache_dir)

    def earlier(self, index: int) -> Verdict | None:
        """The verdict on rule file ``index`` (as given to ``open``), or None: validate it."""
        if self._whole is not None:
            return self._whole[index]
        if self.keys is not None and index < len(self.keys.files):
            return self._by_file.get(self.keys.files[index])
        return None

    def remember(self, frame: Any, verdicts: list[Verdict]) -> None:
        """Store the frame's data and the verdicts of a load without problems (one per rule file, in order) under the
        rule set's key, unless every one of them is what ``earlier`` handed out from the entry under that key."""
        keys = self.keys
        if self._cache_dir is None or keys is None or len(verdicts) != len(keys.files):
            return
        if self._whole is not None and all(given is served for given, served in zip(verdicts, self._whole, strict=True)):
            return
        documents = [{"rule": v.document, "lines": v.lines, "file": file_key} for v, file_key in zip(verdicts, keys.files, strict=True)]
        store.write_cached(self._cache_dir, keys.rule_set, documents, [v.stored for v in verdicts], keys.frame, frame)


NO_VERDICTS = Verdicts()
"""No earlier verdict, nowhere to remember one: every rule file is validated."""


def _verdict(document: Any, stored: bytes | None = None) -> Verdict | None:
    """The verdict an entry's document holds, or None when it is not even shaped like one."""
    if isinstance(document, dict) and "rule" in document and "lines" in document:
        return Verdict(document["rule"], document["lines"], stored)
    return None


def _whole(documents: list[Any], raw: list[bytes] | None, keys: Keys) -> list[Verdict | None] | None:
    """The verdicts of an entry under the rule set's key, one per rule file, or None when it has another count; a
    stored line is kept only when its document names the file key it serves."""
    if len(documents) != len(keys.files):
        return None
    return [_verdict(d, raw[i] if raw is not None and isinstance(d, dict) and d.get("file") == keys.files[i] else None)
            for i, d in enumerate(documents)]


def _by_file(documents: list[Any], raw: list[bytes] | None) -> dict[str, Verdict]:
    """File key -> verdict, from an earlier entry (each document carries its file's key)."""
    found: dict[str, Verdict] = {}
    for index, document in enumerate(documents):
        if isinstance(document, dict) and isinstance(document.get("file"), str):
            verdict = _verdict(document, raw[index] if raw is not None else None)
            if verdict is not None:
                found.setdefault(document["file"], verdict)
    return found


def _frame(keys: Keys, candidates: list[tuple[str | None, Any]]) -> Any:
    """The first frame data read under this frame key, else None (the frame file is read)."""
    return next((frame for frame_key, frame in candidates if frame_key == keys.frame and isinstance(frame, dict)), None)
