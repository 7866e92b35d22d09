"""The validated rule set a wheel ships (engine/expert_engine/startup/shipped.py) is used only under the key of exactly the bytes it was made from
(this file keeps its name: land.sh runs it by name)."""

from __future__ import annotations

import json
from pathlib import Path

from expert_engine.startup.shipped import read_shipped, shipped_entry


def test_a_shipped_entry_serves_its_own_key_only(tmp_path: Path):
    shipped = tmp_path / "validated-rules.json"
    shipped.write_bytes(shipped_entry("a" * 64, [{"rule": {"id": "x"}, "lines": []}]))
    assert read_shipped(shipped, "a" * 64) == ([{"rule": {"id": "x"}, "lines": []}], None)
    assert read_shipped(shipped, "b" * 64) == (None, None)
    shipped.write_bytes(shipped_entry("a" * 64, [], {"name": "frame"}))
    assert read_shipped(shipped, "a" * 64) == ([], {"name": "frame"})


def test_a_broken_or_missing_shipped_entry_is_a_miss(tmp_path: Path):
    shipped = tmp_path / "validated-rules.json"
    assert read_shipped(shipped, "a" * 64) == (None, None)
    for broken in (b"{", b"[]", b'{"key": "' + b"a" * 64 + b'", "documents": [1]}', b"\xff\xfe"):
        shipped.write_bytes(broken)
        assert read_shipped(shipped, "a" * 64) == (None, None)


def test_each_tree_built_in_one_process_ships_the_key_of_its_own_engine(tmp_path: Path):
    import shutil

    import hatch_build

    repo = Path(__file__).resolve().parent.parent
    other = tmp_path / "tree"
    for part in ("engine", "rules"):
        shutil.copytree(repo / part, other / part, ignore=shutil.ignore_patterns("__pycache__"))
    (other / "engine" / "expert_engine" / "added.py").write_text('"""A module the other tree has."""\n', encoding="utf-8")
    keys = [json.loads(hatch_build.validated_rules(tree))["key"] for tree in (repo, other, repo)]
    assert keys[0] == keys[2] != keys[1]
