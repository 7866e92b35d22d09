"""The rule cache cannot grow without bound: a write keeps the newest entries and the one it wrote."""

from __future__ import annotations

import os
from pathlib import Path

from expert_engine.startup import store


def test_a_write_prunes_all_but_the_newest_entries(tmp_path: Path):
    cache = tmp_path / "cache"
    keys = [f"{n:064x}" for n in range(store.KEEP_ENTRIES + 4)]
    for age, key in enumerate(keys):  # oldest first, an hour apart
        store.write_cached(cache, key, [{"n": age}])
        when = 1_700_000_000 + age * 3600
        os.utime(cache / f"rules-{key}.json", (when, when))
    left = {path.name[len("rules-"):-len(".json")] for path in cache.glob("rules-*.json")}
    # each write pruned before the next one was dated: the last write saw KEEP_ENTRIES + 1 and kept KEEP_ENTRIES
    assert len(left) == store.KEEP_ENTRIES
    assert left == set(keys[-store.KEEP_ENTRIES:])
    assert store.read_cached(cache, keys[-1]) == [{"n": len(keys) - 1}]



def test_the_entry_written_last_is_the_newest_even_within_one_clock_tick(tmp_path: Path):
    """File times move in clock ticks: two writes in one tick (a busy machine) must still read as written in order,
    or the next start takes an older entry's verdicts and validates files again (or reads the frame again)."""
    cache = tmp_path / "cache"
    older, newer = "f" * 64, "0" * 64  # the older sorts last by name: a tie broken by name picks it
    store.write_cached(cache, older, [{"n": 1}])
    later = os.lstat(cache / f"rules-{older}.json").st_mtime_ns + 10_000_000_000  # as if written later than now
    os.utime(cache / f"rules-{older}.json", ns=(later, later))
    store.write_cached(cache, newer, [{"n": 2}])
    entry = store.newest_entry(cache)
    assert entry is not None and entry.documents == [{"n": 2}]
