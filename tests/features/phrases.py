"""The support engineer's phrases of features/phrases.yaml: what each one says about the facts.

A phrase is data, not code: its text (with ``{name}`` or ``{name:d}`` placeholders in the
syntax of the ``parse`` library) and the facts it sets or makes unknown. conftest.py turns
each phrase into one Given step; tests/features/test_phrases.py checks every phrase against
facts_schema.json.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import parse
import yaml
from pytest_bdd.parsers import StepParser

TABLE = Path(__file__).resolve().parents[2] / "features" / "phrases.yaml"
WANTS = Path(__file__).resolve().parents[2] / "features" / "wants.yaml"


class PhraseTableError(ValueError):
    """features/phrases.yaml is not a list of well-formed phrases (the message says where)."""


@dataclass(frozen=True)
class Phrase:
    """One phrase: its step text, the facts it sets (path -> value) and the facts it makes unknown."""

    text: str
    facts: Mapping[str, Any]
    unknown: tuple[str, ...]


class PhraseParser(StepParser):
    """Matches a step text to a phrase; its one argument, ``values``, holds the placeholders' values."""

    def __init__(self, phrase: Phrase) -> None:
        super().__init__(phrase.text)
        self.phrase = phrase
        self.pattern = parse.compile(phrase.text, case_sensitive=True)

    def parse_arguments(self, name: str) -> dict[str, Any] | None:
        found = self.pattern.parse(name)
        return None if found is None else {"values": dict(found.named)}

    def is_matching(self, name: str) -> bool:
        return self.pattern.parse(name) is not None


def load_phrases(path: Path = TABLE) -> list[Phrase]:
    """Every phrase of the table, in its order (a malformed entry names its index and what is wrong)."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        raise PhraseTableError(f"{path}: expected a list of phrases")
    phrases = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("phrase"), str) \
                or set(entry) - {"phrase", "facts", "unknown"} or not (entry.get("facts") or entry.get("unknown")):
            raise PhraseTableError(f"{path}: phrase #{index + 1} needs 'phrase' (text) and 'facts' or 'unknown', "
                             f"nothing else: {entry!r}")
        phrases.append(Phrase(entry["phrase"], dict(entry.get("facts") or {}), tuple(entry.get("unknown") or ())))
    return phrases


@dataclass(frozen=True)
class Want:
    """What a rule waits for, in the engineer's words (``words``), and the fact paths that are (``facts``, in order)."""

    words: str
    facts: tuple[str, ...]


def load_wants(path: Path = WANTS) -> dict[str, Want]:
    """The table of features/wants.yaml, by its words (a malformed or repeated entry names its index)."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        raise PhraseTableError(f"{path}: expected a list of wants")
    wants: dict[str, Want] = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or set(entry) != {"words", "facts"} or not isinstance(entry["words"], str) \
                or not isinstance(entry["facts"], list) or not entry["facts"] or entry["words"] in wants:
            raise PhraseTableError(f"{path}: want #{index + 1} needs 'words' (text, once) and 'facts' (a list of fact paths), "
                                   f"nothing else: {entry!r}")
        wants[entry["words"]] = Want(entry["words"], tuple(entry["facts"]))
    return wants


def fill(value: Any, values: Mapping[str, Any]) -> Any:
    """``value`` with every string that is exactly ``{name}`` replaced by that placeholder's value."""
    if isinstance(value, str) and value.startswith("{") and value.endswith("}") and value[1:-1] in values:
        return values[value[1:-1]]
    if isinstance(value, list):
        return [fill(item, values) for item in value]
    if isinstance(value, dict):
        return {key: fill(item, values) for key, item in value.items()}
    return value


def apply(phrase: Phrase, facts: dict[str, Any], values: Mapping[str, Any]) -> None:
    """Change ``facts`` as the phrase says: set its facts (placeholders filled), remove its unknown ones."""
    for path, value in phrase.facts.items():
        set_fact(facts, path, fill(value, values))
    for path in phrase.unknown:
        remove_fact(facts, path)


def set_fact(facts: dict[str, Any], path: str, value: Any) -> None:
    """Set the fact at a dotted path, creating the objects on the way."""
    *parents, last = path.split(".")
    node = facts
    for name in parents:
        node = node.setdefault(name, {})
    node[last] = value


def remove_fact(facts: dict[str, Any], path: str) -> None:
    """Make the fact at a dotted path unknown (absent)."""
    *parents, last = path.split(".")
    node = facts
    for name in parents:
        node = node.get(name, {})
    node.pop(last, None)
