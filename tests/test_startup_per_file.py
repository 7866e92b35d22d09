"""After one rule file is edited, only that file is validated again: the other files' verdicts are
taken from the newest cache entry (or the shipped set), each under the key of its own bytes and of the
frame, the rule schema and the engine code it was validated with."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from expert_engine import load_ruleset, loader

RULES = Path(__file__).resolve().parent.parent / "rules"


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    return Path(shutil.copytree(RULES, tmp_path / "rules"))


def _load_counting(monkeypatch: pytest.MonkeyPatch, directory: Path, cache: Path) -> tuple[object, list[Path]]:
    validated: list[Path] = []
    real = loader._load_rule_document

    def counting(path: Path, frame: object):  # type: ignore[no-untyped-def]
        validated.append(path)
        return real(path, frame)

    monkeypatch.setattr(loader, "_load_rule_document", counting)
    return load_ruleset(directory, cache_dir=cache), validated


def _a_rule_file(directory: Path) -> Path:
    return sorted(p for p in directory.rglob("*.yaml") if p.name != "ruleset.yaml")[3]


def test_an_edited_rule_is_the_only_file_validated_again(rules, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first, validated = _load_counting(monkeypatch, rules, cache)
    assert len(validated) == len(first.ruleset.rules) > 40 and first.problems == ()
    edited = _a_rule_file(rules)
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    second, validated = _load_counting(monkeypatch, rules, cache)
    assert validated == [edited]
    fresh = load_ruleset(rules)  # no cache at all: every file validated
    assert second.ruleset == fresh.ruleset and second.problems == fresh.problems == ()
    assert [r.source for r in second.ruleset.rules] == [r.source for r in fresh.ruleset.rules]


def test_a_broken_edit_is_reported_with_its_line_and_the_others_load_from_their_verdicts(rules, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first, _ = _load_counting(monkeypatch, rules, cache)
    edited = _a_rule_file(rules)
    edited.write_text(edited.read_text(encoding="utf-8").replace("severity:", "severity: nonsense\n  colour:", 1),
                      encoding="utf-8")
    second, validated = _load_counting(monkeypatch, rules, cache)
    assert validated == [edited]
    assert second.problems and all(str(p).startswith(f"{edited}:") for p in second.problems)
    assert len(second.ruleset.rules) == len(first.ruleset.rules) - 1


def test_an_edited_frame_has_every_rule_validated_again(rules, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first, _ = _load_counting(monkeypatch, rules, cache)
    frame = rules / "ruleset.yaml"
    frame.write_text(frame.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    _, validated = _load_counting(monkeypatch, rules, cache)
    assert len(validated) == len(first.ruleset.rules)


def test_after_an_edit_the_new_entry_keeps_the_other_files_lines_as_they_were_stored(rules, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    _load_counting(monkeypatch, rules, cache)
    (first,) = cache.glob("rules-*.json")
    before = first.read_bytes().partition(b"\n")[2].split(b"\n")
    edited = _a_rule_file(rules)
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    _load_counting(monkeypatch, rules, cache)
    (second,) = [p for p in cache.glob("rules-*.json") if p != first]
    after = second.read_bytes().partition(b"\n")[2].split(b"\n")
    changed = [index for index, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
    files = sorted(p for p in rules.rglob("*.yaml") if p.name != "ruleset.yaml")
    assert changed == [1 + files.index(edited)]  # line 0 is the frame; only the edited file's verdict is new
    assert load_ruleset(rules, cache_dir=cache).ruleset == load_ruleset(rules).ruleset


def test_the_frame_is_read_from_an_entry_made_under_the_same_frame_and_from_its_file_after_an_edit(rules, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    fresh = load_ruleset(rules, cache_dir=cache).ruleset
    read: list[Path] = []
    real = loader.load_frame_data
    monkeypatch.setattr(loader, "load_frame_data", lambda path: read.append(path) or real(path))
    edited = _a_rule_file(rules)
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert load_ruleset(rules, cache_dir=cache).ruleset == fresh and read == []  # a rule edit: the frame's data stands
    frame = rules / "ruleset.yaml"
    frame.write_text(frame.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert load_ruleset(rules, cache_dir=cache).ruleset == fresh and read == [frame]
