"""The validated rule set a wheel ships is used only under the key of exactly the bytes it was made from."""

from __future__ import annotations

from pathlib import Path

from engine import rule_cache


def test_a_shipped_entry_serves_its_own_key_only(tmp_path: Path):
    shipped = tmp_path / "validated-rules.json"
    shipped.write_bytes(rule_cache.shipped_entry("a" * 64, [{"rule": {"id": "x"}, "lines": []}]))
    assert rule_cache.read_shipped(shipped, "a" * 64) == [{"rule": {"id": "x"}, "lines": []}]
    assert rule_cache.read_shipped(shipped, "b" * 64) is None


def test_a_broken_or_missing_shipped_entry_is_a_miss(tmp_path: Path):
    shipped = tmp_path / "validated-rules.json"
    assert rule_cache.read_shipped(shipped, "a" * 64) is None
    for broken in (b"{", b"[]", b'{"key": "' + b"a" * 64 + b'", "documents": [1]}', b"\xff\xfe"):
        shipped.write_bytes(broken)
        assert rule_cache.read_shipped(shipped, "a" * 64) is None
