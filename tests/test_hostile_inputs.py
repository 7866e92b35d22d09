"""Hostile input, reproduced from the reliability review (D1, D2, D3, D8, D12): each one ends in
exit status 2 with a located message, never a traceback, an internal failure or a bad file."""

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
EXPORTS = REPO / "tests" / "fixtures" / "exports"


def assert_refused(result: tuple[int, str, str], *words: str) -> None:
    status, out, err = result
    assert status == 2 and out == "", (status, err)
    assert "Traceback" not in err and err.startswith("diagnose"), err
    for word in words:
        assert word in err, err


def write(tmp_path: Path, text: str, name: str = "input.json") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# ------------------------------------------------------------------ D1: numbers


@pytest.mark.parametrize("text, where", [
    ('{"connect":{"minutes_since_writeback_enabled":1e400}}', "$.connect.minutes_since_writeback_enabled"),
    ('{"connect":{"minutes_since_writeback_enabled":-1e400}}', "$.connect.minutes_since_writeback_enabled"),
    ('{"tenant":{"assigned_licenses":1' + "0" * 5000 + "}}", "$.tenant.assigned_licenses"),
    ('{"tenant":{"assigned_licenses":1' + "0" * 400 + "}}", "$.tenant.assigned_licenses"),
    ('{"TimeCreated":"2024-06-01T10:05:00Z","Id":1e400,"ProviderName":"ADSync","Message":"m"}', "$.Id"),
])
def test_numbers_no_double_can_hold_are_refused_with_their_path(tmp_path, capsys, text, where):
    name = write(tmp_path, text)
    assert_refused(run(capsys, name), f"{name}: {where}", "outside the range of a double")


def test_the_largest_double_is_still_a_number(tmp_path, capsys):
    facts = dict(HEALTHY, connect=dict(HEALTHY["connect"], minutes_since_writeback_enabled=1.7976931348623157e308))
    status, out, err = run(capsys, write(tmp_path, json.dumps(facts)), "--format", "json")
    assert status in (0, 1) and json.loads(out)["summary"], err


@pytest.mark.parametrize("export, field, value", [
    ("get-addefaultdomainpasswordpolicy/powershell-7.json", "MinPasswordAge", {"Ticks": "1e400", "TotalDays": 1}),
    ("get-addefaultdomainpasswordpolicy/powershell-7.json", "MinPasswordAge", {"TotalDays": "1e400"}),
])
def test_export_fields_with_numbers_out_of_range_are_refused(tmp_path, capsys, export, field, value):
    data = json.loads((EXPORTS / export).read_text(encoding="utf-8"))
    data[field] = "@@"
    text = json.dumps(data).replace('"@@"', json.dumps(value).replace('"1e400"', "1e400"))
    name = write(tmp_path, text)
    assert_refused(run(capsys, name), name, "outside the range of a double")


def test_import_never_writes_a_number_json_cannot_hold(tmp_path, capsys):
    name = write(tmp_path, '{"connect":{"minutes_since_writeback_enabled":1e400}}')
    out = tmp_path / "f.json"
    assert_refused(run(capsys, "import", name, "--out", str(out)), "outside the range of a double")
    assert not out.exists()


def test_batch_reports_an_out_of_range_number_as_invalid_not_internal(tmp_path, capsys, monkeypatch):
    data = (json.dumps(HEALTHY) + "\n" + '{"connect":{"minutes_since_writeback_enabled":1e400}}' + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    status, out, err = run(capsys, "batch", "-")
    lines = [json.loads(line) for line in out.splitlines()]
    assert status == 2 and [line.get("status") for line in lines[:2]] == ["ok", "invalid"]
    assert lines[1]["error"].startswith("<stdin>:2: $.connect.minutes_since_writeback_enabled")
    assert lines[2]["summary"]["items"] == 2


# ------------------------------------------------------------------ D2: dates and time spans


@pytest.mark.parametrize("value, words", [
    ("0001-01-01T00:00:00+01:00", "outside the years 1 to 9999"),
    ("9999-12-31T23:59:59-01:00", "outside the years 1 to 9999"),
    ("/Date(99999999999999999999)/", "outside the years 1 to 9999"),
    ("/Date(-99999999999999999999)/", "outside the years 1 to 9999"),
    ("/Date(" + "9" * 5000 + ")/", "expected a date"),
])
def test_event_dates_out_of_range_are_located_export_errors(tmp_path, capsys, value, words):
    event = {"TimeCreated": value, "Id": 31019, "ProviderName": "PasswordResetService", "Message": "m"}
    name = write(tmp_path, json.dumps([event]))
    assert_refused(run(capsys, name), f"{name}: $[0].TimeCreated", words)


@pytest.mark.parametrize("value, where", [
    ("9999999999.00:00:00", "$.MinPasswordAge"),
    ({"Ticks": 10 ** 30, "TotalDays": 1}, "$.MinPasswordAge.Ticks"),
    ({"TotalDays": 1e300}, "$.MinPasswordAge.TotalDays"),
])
def test_time_spans_longer_than_a_timespan_are_located_export_errors(tmp_path, capsys, value, where):
    data = json.loads((EXPORTS / "get-addefaultdomainpasswordpolicy/powershell-7.json").read_text(encoding="utf-8"))
    data["MinPasswordAge"] = value
    name = write(tmp_path, json.dumps(data))
    assert_refused(run(capsys, name), f"{name}: {where}", "longer than a TimeSpan can hold")


# ------------------------------------------------------------------ D3: lone surrogates


SURROGATE_USER = '{"users":[{"name":"bad\\ud800name","is_test_user":true,"license":"none","source":"synced"}]}'


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "html"])
def test_a_lone_surrogate_is_refused_with_its_path_in_every_format(tmp_path, capsys, fmt):
    name = write(tmp_path, SURROGATE_USER)
    assert_refused(run(capsys, name, "--format", fmt), f"{name}: $.users[0].name", "lone UTF-16 surrogate (\\ud800)")


def test_a_lone_surrogate_in_a_key_is_refused_too(tmp_path, capsys):
    name = write(tmp_path, '{"tenant":{"x\\udfff":1}}')
    assert_refused(run(capsys, name), f"{name}: $.tenant", "lone UTF-16 surrogate (\\udfff)")


def test_a_surrogate_pair_is_one_character_and_welcome(tmp_path, capsys):
    facts = json.loads(json.dumps(HEALTHY))
    facts["users"][0]["name"] = "smile\U0001F600@contoso.com"
    status, out, err = run(capsys, write(tmp_path, json.dumps(facts)), "--format", "json")  # written as \\ud83d\\ude00
    assert status in (0, 1) and json.loads(out)["summary"]["passed"], err


def test_batch_goes_on_after_a_lone_surrogate_and_writes_its_summary(capsys, monkeypatch):
    lines = [json.dumps(HEALTHY)] * 2 + [SURROGATE_USER] + [json.dumps(HEALTHY)] * 2
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("\n".join(lines).encode()), encoding="utf-8"))
    status, out, err = run(capsys, "batch", "-")
    results = [json.loads(line) for line in out.splitlines()]
    assert status == 2 and len(results) == 6 and results[-1]["summary"]["items"] == 5
    assert results[2]["status"] == "invalid" and "$.users[0].name" in results[2]["error"]


def test_import_over_an_existing_file_keeps_it_when_the_input_is_refused(tmp_path, capsys):
    existing = tmp_path / "existing.json"
    existing.write_text('{"kept": true}\n', encoding="utf-8")
    assert_refused(run(capsys, "import", write(tmp_path, SURROGATE_USER), "--out", str(existing)), "$.users[0].name")
    assert existing.read_text(encoding="utf-8") == '{"kept": true}\n'


# ------------------------------------------------------------------ D8: the engine's own size limit


def test_a_document_at_the_input_cap_whose_bulk_no_rule_reads_is_diagnosed(tmp_path, capsys):
    """The engine is handed only what the rules read (``engine/expert_engine/projection.py``): 16 MiB of user
    names no condition compares never reach durable-rules' limit."""
    shell = '{"users":[{"name":""}]}'
    name = tmp_path / "big.json"
    name.write_text(shell.replace('""', '"' + "x" * (MAX_BYTES - len(shell)) + '"'), encoding="utf-8")
    assert name.stat().st_size == MAX_BYTES
    status, out, err = run(capsys, str(name), "--format", "json")
    assert status in (0, 1, 4) and json.loads(out)["summary"], err


# ------------------------------------------------------------------ D12: small ones


def test_standard_input_twice_is_a_usage_error(capsys):
    assert_refused(run(capsys, "-", "-"), "standard input (-) can be given only once")


def test_utf32_with_bom_is_read_as_utf32(tmp_path, capsys):
    path = tmp_path / "facts.json"
    path.write_bytes(json.dumps(HEALTHY).encode("utf-32"))  # with BOM, as Out-File -Encoding utf32 writes
    status, out, err = run(capsys, str(path), "--format", "json")
    assert status in (0, 1) and json.loads(out)["summary"], err


def test_65_nested_empty_arrays_break_the_64_level_limit(tmp_path, capsys):
    assert MAX_DEPTH == 64
    name = write(tmp_path, "[" * 65 + "]" * 65)
    assert_refused(run(capsys, name), name, "nested deeper than 64 levels")


def test_64_nested_empty_arrays_are_within_the_limit(tmp_path, capsys):
    name = write(tmp_path, "[" * 64 + "]" * 64)
    status, out, err = run(capsys, name)
    assert status == 2 and "nested deeper" not in err and "Traceback" not in err


@pytest.mark.parametrize("bad", [
    {"event_log": {"events": [{"id": 6329, "source": "ADSync", "detail": "x" * 100_000}]}},  # enum
    {"connect": {"version": "9" * 100_000 + "x"}},  # pattern
    {"tenant": ["x" * 100_000]},  # type
])
def test_an_error_quotes_a_long_value_cut_short_with_its_length(tmp_path, capsys, bad):
    """A value that breaks the schema is quoted in the message, but a huge one only in part."""
    name = tmp_path / "bad.json"
    name.write_text(json.dumps(bad), encoding="utf-8")
    status, out, err = run(capsys, str(name))
    assert status == 2 and "characters)" in err and len(err) < 2_000, err[:300]
