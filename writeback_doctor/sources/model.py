"""The values that flow from exports to facts: where a value came from, and what it claims."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable

INTERVIEW = "interview"
FACTS = "facts"
NOTE = "!note"
"""The path of an importer's triple that is a note, not a fact: ``(NOTE, text, location)`` says what the
export holds that the doctor could not use (records skipped, a value it does not know), so nothing is dropped silently."""


@dataclass(frozen=True, order=True)
class Source:
    """Where one value came from: a file (None for the interview), its kind, and the place inside it."""

    file: str | None
    kind: str
    location: str

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "kind": self.kind, "location": self.location}

    def render(self) -> str:
        """``org.json:$.value[0].onPremisesSyncEnabled (graph-organization)``, or ``interview (path)``."""
        return f"{self.kind} ({self.location})" if self.file is None else f"{self.file}:{self.location} ({self.kind})"


def render_sources(sources: Iterable[Source]) -> str:
    """The one way provenance is shown as text: every source rendered, ``?`` when none is recorded."""
    return ", ".join(s.render() for s in sources) or "?"


def canonical(value: Any) -> str:
    """A value as text that is equal exactly when the values are (key order ignored): for grouping and sorting."""
    return json.dumps(value, sort_keys=True)


@dataclass(frozen=True)
class Claim:
    """One source's value for one fact path (``users[<name>].<field>`` for users, ``~...`` for observations)."""

    path: str
    value: Any
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class FileReport:
    """What one file gave: its kind, the fact paths its claims are about, and the notes about what was skipped."""

    file: str
    kind: str
    facts: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def render(self) -> str:
        """``skus.json (graph-subscribedSkus): 2 facts (tenant.assigned_licenses, ...)``, then its notes."""
        users: dict[str, None] = {}
        fields: dict[str, None] = {}
        others = []
        for path in self.facts:
            if path.startswith("users["):
                name, field = path[len("users["):].rsplit("].", 1)
                users[name], fields[field] = None, None
            else:
                others.append(path)
        named = others + ([f"users[].{'/'.join(fields)} of {len(users)} user(s)"] if users else [])
        gave = f"{len(self.facts)} fact(s) ({', '.join(named)})" if self.facts else "no fact"
        return f"{self.file} ({self.kind}): {gave}" + "".join(f"; note: {n}" for n in self.notes)


@dataclass(frozen=True, order=True)
class Refused:
    """A file that looked like an export or a facts file but could not be used, and why; the rest was still read."""

    file: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"file": self.file, "reason": self.reason}

    def render(self) -> str:
        """``users.csv: refused: <reason> (the diagnosis used the other files)``."""
        return f"{self.file}: refused: {self.reason} (the diagnosis used the other files)"


@dataclass(frozen=True)
class Conflict:
    """Two or more sources disagree about one fact; ``chosen`` is set when ``--prefer`` settled it."""

    path: str
    options: tuple[tuple[Any, tuple[Source, ...]], ...]
    chosen: Any = None
    resolved: bool = False

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"fact": self.path,
                                "values": [{"value": v, "source": [s.as_dict() for s in src]} for v, src in self.options]}
        if self.resolved:
            data["chosen"] = self.chosen
        return data

    def render(self) -> str:
        said = "; ".join(f"{render_sources(src)} says {_json(v)}" for v, src in self.options)
        tail = (f" -> using {_json(self.chosen)} (--prefer)" if self.resolved
                else " -> left unknown (settle it, or pass --prefer FILE)")
        return f"conflict on {self.path}: {said}{tail}"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
