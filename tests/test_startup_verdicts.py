"""The start-up machinery (``expert_engine.startup``) only makes a load cheaper: the loader's result is the same
with no verdicts, with a store and with a shipped entry; an entry served whole is not written again; and the
parsed YAML bundle serves a file only while its bytes are those it parsed (a broken bundle is a miss)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from expert_engine import load_ruleset
from expert_engine.loader import FRAME_FILE
from expert_engine.startup import NO_VERDICTS, Verdicts
from expert_engine.startup.bundle import YamlBundle, bundle_entry
from expert_engine.startup.keys import cache_key
from expert_engine.startup.shipped import shipped_entry
from expert_engine.startup.store import read_cached

RULES = Path(__file__).resolve().parent.parent / "rules"


def _files(rules: Path) -> list[Path]:
    return sorted(p for p in rules.rglob("*.yaml") if p.name != FRAME_FILE)


def test_the_rule_set_is_the_same_with_no_verdicts_a_store_or_a_shipped_entry(tmp_path: Path) -> None:
    fresh = load_ruleset(RULES)
    cache = tmp_path / "cache"
    stored = load_ruleset(RULES, cache_dir=cache)  # validated, then remembered
    again = load_ruleset(RULES, cache_dir=cache)  # served from the store
    key = cache_key(RULES, [RULES / FRAME_FILE, *_files(RULES)])
    assert key is not None
    documents = read_cached(cache, key)
    assert documents is not None
    shipped = tmp_path / "validated-rules.json"
    shipped.write_bytes(shipped_entry(key, documents))
    from_shipped = load_ruleset(RULES, shipped=shipped)
    assert fresh.problems == stored.problems == again.problems == from_shipped.problems == ()
    assert fresh.ruleset == stored.ruleset == again.ruleset == from_shipped.ruleset


def test_an_entry_served_whole_is_not_written_again(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_ruleset(RULES, cache_dir=cache)
    (entry,) = cache.glob("rules-*.json")
    before = entry.stat().st_mtime_ns
    load_ruleset(RULES, cache_dir=cache)
    assert [p.name for p in cache.glob("rules-*.json")] == [entry.name] and entry.stat().st_mtime_ns == before


def test_without_a_store_or_a_shipped_entry_there_are_no_verdicts(tmp_path: Path) -> None:
    assert Verdicts.open(RULES, RULES / FRAME_FILE, _files(RULES)) is NO_VERDICTS
    assert NO_VERDICTS.earlier(0) is None and NO_VERDICTS.frame is None
    NO_VERDICTS.remember([])  # nowhere to remember: nothing happens


def test_a_verdict_that_is_not_even_shaped_like_one_is_not_handed_out() -> None:
    verdicts = Verdicts(["k1", "k2"], by_file={"k1": {"rule": {}}, "k2": {"rule": {"id": "x"}, "lines": []}})
    assert verdicts.earlier(0) is None and verdicts.earlier(1) == ({"id": "x"}, [])
    assert verdicts.earlier(5) is None


def test_the_bundle_serves_a_file_only_while_its_bytes_are_those_it_parsed(tmp_path: Path) -> None:
    package = tmp_path / "package"
    package.mkdir()
    messages = package / "messages.yaml"
    messages.write_text("greeting: {en: hello, uk: привіт}\n", encoding="utf-8")
    entry = bundle_entry(messages.read_bytes(), {"greeting": {"en": "from the bundle", "uk": "x"}})
    (package / "bundle.json").write_text(json.dumps({"messages.yaml": entry}), encoding="utf-8")
    assert YamlBundle(package, "bundle.json").load(messages) == {"greeting": {"en": "from the bundle", "uk": "x"}}
    messages.write_text("greeting: {en: edited, uk: x}\n", encoding="utf-8")  # other bytes: parsed now
    assert YamlBundle(package, "bundle.json").load(messages) == {"greeting": {"en": "edited", "uk": "x"}}
    for broken in (b"{", b"[]", b"\xff", b"[" * 100_000 + b"]" * 100_000):
        (package / "bundle.json").write_bytes(broken)
        assert YamlBundle(package, "bundle.json").load(messages) == {"greeting": {"en": "edited", "uk": "x"}}
    assert bundle_entry(b"when: 2024-01-01", {"when": date(2024, 1, 1)}) is None  # JSON cannot hold a date: parsed at run time
