"""Hostile facts files: too large, too deep, not-quite-JSON numbers, duplicate keys, odd values.

Each is a clear, located error with exit status 2 (or, for odd but valid values, a normal
diagnosis), never a hang, a traceback or an internal failure. The caps are
``writeback_doctor.inputs.MAX_BYTES`` and ``MAX_DEPTH`` (documented in README.md, Details).
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from tests.helpers import run
from writeback_doctor.inputs import MAX_BYTES, MAX_DEPTH

REPO = Path(__file__).resolve().parent.parent
HEALTHY = json.loads((REPO / "examples" / "healthy-hybrid.json").read_text(encoding="utf-8"))


def run_stdin(capsys, monkeypatch, data: bytes, *argv: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    return run(capsys, *argv)


def assert_rejected(status: int, out: str, err: str, location: str, words: str) -> None:
    assert status == 2 and out == ""
    assert err.startswith("diagnose: ") and location in err and words in err, err
    assert "Traceback" not in err


def test_caps_are_what_the_readme_says():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"{MAX_BYTES // (1024 * 1024)} MiB" in readme and f"{MAX_DEPTH} levels" in readme


def test_a_file_over_the_size_cap_is_refused_without_parsing_it(tmp_path, capsys):
    big = tmp_path / "big.json"
    with open(big, "wb") as handle:  # valid JSON, padded with whitespace just past the cap
        handle.write(b"{}")
        handle.write(b" " * (MAX_BYTES - 1))
    assert_rejected(*run(capsys, str(big), "--format", "json"), str(big), "MiB limit")


def test_standard_input_over_the_size_cap_is_refused(capsys, monkeypatch):
    data = b"{}" + b" " * MAX_BYTES
    assert_rejected(*run_stdin(capsys, monkeypatch, data, "-"), "<stdin>", "MiB limit")


def test_a_file_just_under_the_cap_is_read(tmp_path, capsys):
    text = json.dumps(HEALTHY)
    fits = tmp_path / "fits.json"
    fits.write_bytes(text.encode() + b" " * (MAX_BYTES - len(text)))
    status, out, err = run(capsys, str(fits), "--format", "json")
    assert status in (0, 1, 4) and json.loads(out)["summary"], err


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 10_000, 200_000])
def test_nesting_deeper_than_the_cap_is_refused(tmp_path, capsys, depth):
    deep = tmp_path / "deep.json"
    deep.write_text('{"tenant": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    assert_rejected(*run(capsys, str(deep)), str(deep), f"nested deeper than {MAX_DEPTH} levels")


def test_nesting_at_the_cap_reaches_the_schema(tmp_path, capsys):
    """Depth itself is fine up to the cap; the schema then says what is wrong, located."""
    deep = tmp_path / "deep.json"
    deep.write_text('{"tenant": ' + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "}", encoding="utf-8")
    assert_rejected(*run(capsys, str(deep)), "$.tenant", "expected object")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_numbers(tmp_path, capsys, constant):
    facts = tmp_path / "facts.json"
    facts.write_text(f'{{"connect": {{"minutes_since_writeback_enabled": {constant}}}}}', encoding="utf-8")
    assert_rejected(*run(capsys, str(facts)), str(facts), f"{constant.lstrip('-')} is not a JSON number")


@pytest.mark.parametrize("text, key", [
    ('{"sspr": {"enabled_for": "all"}, "sspr": {"enabled_for": "none"}}', "sspr"),
    ('{"connect": {"installed": true, "installed": false}}', "installed"),
    ('{"users": [{"name": "a", "is_admin": true, "is_admin": false}]}', "is_admin"),
])
def test_duplicate_keys_are_refused_because_a_value_would_be_lost(tmp_path, capsys, text, key):
    facts = tmp_path / "facts.json"
    facts.write_text(text, encoding="utf-8")
    assert_rejected(*run(capsys, str(facts)), str(facts), f"duplicate key {key!r}")


def test_huge_numbers_and_long_strings_are_values_not_crashes(tmp_path, capsys):
    """Up to what a double holds (a larger number is refused: tests/test_hostile_inputs.py)."""
    facts = dict(HEALTHY, tenant=dict(HEALTHY["tenant"], assigned_licenses=10 ** 300))
    facts["users"] = HEALTHY["users"] + [{"name": "x" * 1_000_000}]
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(facts), encoding="utf-8")
    status, out, err = run(capsys, str(path), "--format", "json")
    assert status in (0, 1, 4), err
    assert "license-assigned" in json.loads(out)["passed"]


@pytest.mark.parametrize("minutes, fails", [(1e-05, True), (5e-324, True), (1e300, False), (2.9999999, True), (3.0, False)])
def test_numbers_python_writes_with_a_bare_exponent_reach_durable_rules(tmp_path, capsys, minutes, fails):
    """Regression: durable-rules' C reader refused ``1e-05`` (no fraction before the exponent): exit 3."""
    facts = dict(HEALTHY, connect=dict(HEALTHY["connect"], minutes_since_writeback_enabled=minutes))
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(facts), encoding="utf-8")
    status, out, err = run(capsys, str(path), "--format", "json")
    assert status in (0, 1, 4), err
    ids = [d["id"] for d in json.loads(out)["diagnoses"]]
    assert ("idle-connection-window" in ids) == fails


def test_a_lone_surrogate_in_a_name_is_refused_not_a_crash(tmp_path, capsys):
    """Regression: strict JSON may hold "\\ud800"; durable-rules' C core refused the decoded string (exit 3),
    and no output encoding can write it (a traceback in every format): refused at input, located."""
    path = tmp_path / "facts.json"
    text = json.dumps(HEALTHY).replace('"admin@contoso', '"admin\\ud800@contoso')
    assert "\\ud800" in text
    path.write_text(text, encoding="utf-8")
    assert_rejected(*run(capsys, str(path), "--format", "json"), str(path), "lone UTF-16 surrogate")


def test_many_users_are_diagnosed_not_hung(tmp_path, capsys):
    users = [{"name": f"user{i}@contoso.com", "source": "synced", "license": "premium", "is_admin": False,
              "is_test_user": False, "in_sspr_scope": True} for i in range(20_000)]
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(dict(HEALTHY, users=HEALTHY["users"] + users)), encoding="utf-8")
    status, out, err = run(capsys, str(path), "--format", "json")
    assert status in (0, 1, 4), err
    assert "license-premium-for-writeback" in json.loads(out)["passed"]


@pytest.mark.parametrize("line, words", [
    (b'{"x": 1, "x": 2}', "duplicate key 'x'"),
    (b'{"connect": {"minutes_since_writeback_enabled": NaN}}', "NaN is not a JSON number"),
    (b'{"tenant": ' + b"[" * (MAX_DEPTH + 5) + b"]" * (MAX_DEPTH + 5) + b"}", "nested deeper"),
])
def test_batch_lines_get_the_same_limits_with_their_line_number(capsys, monkeypatch, line, words):
    data = json.dumps(HEALTHY).encode() + b"\n" + line + b"\n"
    status, out, err = run_stdin(capsys, monkeypatch, data, "batch", "-")
    lines = [json.loads(x) for x in out.splitlines()]
    assert status == 2 and lines[0]["status"] == "ok"
    assert lines[1]["item"] == "<stdin>:2" and lines[1]["error"].startswith("<stdin>:2") and words in lines[1]["error"]
