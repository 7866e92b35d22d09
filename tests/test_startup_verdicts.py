"""The start-up machinery (``expert_engine.startup``) only makes a load cheaper: the loader's result is the same
with no verdicts, with a store and with a shipped entry; an entry served whole is not written again; and the
parsed YAML bundle serves a file only while its bytes are those it parsed (a broken bundle is a miss)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from expert_engine import load_ruleset
from expert_engine.loader import FRAME_FILE
from expert_engine.startup import NO_VERDICTS, Verdict, Verdicts
from expert_engine.startup.bundle import YamlBundle, bundle_entry
from expert_engine.startup.keys import Keys, cache_key
from expert_engine.startup.shipped import shipped_entry
from expert_engine.startup.store import read_cached
from expert_engine.startup.verdicts import _by_file, _whole

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
    NO_VERDICTS.remember(None, [])  # nowhere to remember: nothing happens


def test_a_verdict_that_is_not_even_shaped_like_one_is_not_handed_out() -> None:
    keys = Keys("set", "frame", ["k1", "k2"])
    whole = _whole([{"rule": {}}, {"rule": {"id": "x"}, "lines": [], "file": "k2"}], [b"1", b"2"], keys)
    assert whole == [None, Verdict({"id": "x"}, [], b"2")]
    verdicts = Verdicts(keys, by_file=_by_file([{"rule": {}, "file": "k1"}, {"rule": {"id": "x"}, "lines": [], "file": "k2"}], None))
    assert verdicts.earlier(0) is None and verdicts.earlier(1) == ({"id": "x"}, [], None)
    assert verdicts.earlier(5) is None
    assert _whole([{"rule": {}, "lines": []}], None, keys) is None  # another count of files: not this rule set's


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


def test_yaml_outside_the_bundle_is_parsed_once_then_served_from_the_store_while_its_bytes_stay(tmp_path: Path, monkeypatch) -> None:
    from expert_engine.startup import bundle

    package, cache = tmp_path / "package", tmp_path / "cache"
    package.mkdir()
    messages = package / "messages.yaml"
    messages.write_text("greeting: {en: hello, uk: привіт}\n", encoding="utf-8")
    parsed: list[str] = []
    real = bundle.parse_yaml
    monkeypatch.setattr(bundle, "parse_yaml", lambda text: parsed.append(text) or real(text))
    assert YamlBundle(package, "bundle.json", store=lambda: cache).load(messages) == {"greeting": {"en": "hello", "uk": "привіт"}}
    assert YamlBundle(package, "bundle.json", store=lambda: cache).load(messages) == {"greeting": {"en": "hello", "uk": "привіт"}}
    assert len(parsed) == 1  # the second start (a new bundle object) read the store
    messages.write_text("greeting: {en: edited, uk: x}\n", encoding="utf-8")
    assert YamlBundle(package, "bundle.json", store=lambda: cache).load(messages) == {"greeting": {"en": "edited", "uk": "x"}}
    assert len(parsed) == 2
    (stored,) = cache.glob("yaml-*.json")
    stored.write_bytes(stored.read_bytes().replace(b"edited", b"forged"))  # the signature no longer holds: a miss
    assert YamlBundle(package, "bundle.json", store=lambda: cache).load(messages) == {"greeting": {"en": "edited", "uk": "x"}}
    assert len(parsed) == 3
    assert YamlBundle(package, "bundle.json", store=lambda: None).load(messages) == {"greeting": {"en": "edited", "uk": "x"}}


def test_the_yaml_store_keeps_each_mapping_in_the_order_it_was_written(tmp_path: Path) -> None:
    package, cache = tmp_path / "package", tmp_path / "cache"
    package.mkdir()
    places = package / "answered_at.yaml"
    places.write_text("collectors:\n  tenant: [a, b]\n  connect-server: [c]\n  domain: [d]\nz: 1\na: 2\n", encoding="utf-8")
    first = YamlBundle(package, "bundle.json", store=lambda: cache).load(places)
    served = YamlBundle(package, "bundle.json", store=lambda: cache).load(places)  # from the store
    assert list(first) == list(served) == ["collectors", "z", "a"]
    assert list(served["collectors"]) == ["tenant", "connect-server", "domain"]
