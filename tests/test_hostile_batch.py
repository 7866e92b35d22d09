"""Batch and merge edge cases (reliability review D11, D12): names that are not UTF-8, signals,
conflict order, ``--prefer`` of a file not given."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run
from writeback_doctor.commands import batch

REPO = Path(__file__).resolve().parent.parent
HEALTHY = (REPO / "examples" / "healthy-hybrid.json").read_text(encoding="utf-8")


def test_a_file_name_that_is_not_utf8_is_escaped_and_never_breaks_a_line(tmp_path):
    folder = tmp_path / "tenants"
    folder.mkdir()
    (folder / "a.json").write_text(HEALTHY, encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.json"), "w", encoding="utf-8") as handle:
        handle.write(HEALTHY)
    with open(os.path.join(os.fsencode(folder), b"bad\xff.json"), "w", encoding="utf-8") as handle:
        handle.write("{not json")
    env = dict(os.environ, PYTHONIOENCODING="utf-8:strict", LC_ALL="C.UTF-8")
    done = subprocess.run([sys.executable, "-m", "writeback_doctor", "batch", str(folder)], cwd=REPO, env=env,
                          capture_output=True, timeout=120)
    assert b"Traceback" not in done.stderr, done.stderr
    lines = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]  # strict UTF-8
    items = [line["item"] for line in lines[:-1]]
    assert [Path(i).name for i in items] == ["a.json", "bad\\xff.json", "caf\\xe9.json"]
    assert lines[1]["status"] == "invalid" and "bad\\xff.json" in lines[1]["error"]
    assert lines[-1]["summary"]["items"] == 3 and done.returncode == 2


def test_control_characters_in_a_file_name_are_shown_escaped(tmp_path, capsys):
    name = tmp_path / "evil\x1b[2J\nname.json"
    name.write_text(HEALTHY, encoding="utf-8")
    status, out, err = run(capsys, "batch", str(name))
    first = out.splitlines()[0]
    assert "\x1b" not in out and json.loads(first)["item"].endswith("evil\\x1b[2J\\nname.json")


def _slow_batch(*lines: str) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-m", "writeback_doctor", "batch", "-"], cwd=REPO,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    for line in lines:
        process.stdin.write(line.encode() + b"\n")
    process.stdin.flush()
    return process


@pytest.mark.parametrize("number, status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_while_waiting_writes_the_summary_of_what_was_done(number, status):
    one_line = json.dumps(json.loads(HEALTHY))
    process = _slow_batch(one_line, one_line)
    first, second = process.stdout.readline(), process.stdout.readline()  # both done; now waiting for more
    process.send_signal(number)
    rest = process.stdout.read()
    assert process.wait(timeout=60) == status
    err = process.stderr.read()
    process.stdin.close()
    assert b"Traceback" not in err, err
    summary = json.loads(rest)["summary"]
    assert json.loads(first)["item"] == "<stdin>:1" and json.loads(second)["item"] == "<stdin>:2"
    assert summary["items"] == 2 and summary["stopped_by"] == signal.Signals(number).name


def test_a_signal_during_an_item_finishes_that_item_first(capsys, monkeypatch):
    original = batch._diagnose_item
    calls = []

    def diagnose_then_signal(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            os.kill(os.getpid(), signal.SIGINT)  # arrives in the middle of the first item
        return original(*args, **kwargs)

    monkeypatch.setattr(batch, "_diagnose_item", diagnose_then_signal)
    data = (json.dumps(json.loads(HEALTHY)) + "\n") * 3
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode()), encoding="utf-8"))
    status, out, err = run(capsys, "batch", "-")
    lines = [json.loads(line) for line in out.splitlines()]
    assert status == 130 and len(calls) == 1
    assert lines[0]["item"] == "<stdin>:1" and lines[0]["status"] == "ok" and "counts" in lines[0]
    assert lines[1]["summary"]["items"] == 1 and lines[1]["summary"]["stopped_by"] == "SIGINT"
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # restored


def _disagreeing(tmp_path) -> list[str]:
    facts = [
        {"connect": {"minutes_since_writeback_enabled": 1}, "tenant": {"assigned_licenses": 1}},
        {"connect": {"minutes_since_writeback_enabled": 2}, "tenant": {"assigned_licenses": 2}},
        {"tenant": {"assigned_licenses": 3}},
    ]
    names = []
    for index, document in enumerate(facts):
        path = tmp_path / f"f{index}.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        names.append(str(path))
    return names


def test_conflicts_do_not_depend_on_the_order_of_the_files(tmp_path, capsys):
    names = _disagreeing(tmp_path)
    outputs = {run(capsys, *order, "--format", "json")[1:] for order in (names, names[::-1], names[1:] + names[:1])}
    assert len(outputs) == 1
    out, err = outputs.pop()
    assert err.index("conflict on connect.") < err.index("conflict on tenant.")


def test_prefer_naming_a_file_not_given_is_an_error(tmp_path, capsys):
    names = _disagreeing(tmp_path)
    status, out, err = run(capsys, *names, "--prefer", str(tmp_path / "other.json"))
    assert status == 2 and out == "" and "--prefer" in err and "other.json" in err and "not one of the files read" in err
    status, out, err = run(capsys, *names, "--prefer", names[1], "--format", "json")
    assert status in (0, 1, 4) and "left unknown" not in err and "(--prefer)" in err, err
