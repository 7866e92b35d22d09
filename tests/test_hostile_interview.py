"""The interview loses nothing (reliability review D4, D5): numbers no double holds are asked again,
bytes that are not UTF-8 are refused, Ctrl-C and an unwritable --out keep every answer and say where."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


OPENING_UNKNOWN = b"?\n" * 4
"""'I don't know' to the opening questions on the symptom (issue 24: the interview opens with what the user saw,
where, who; the shipped rules read these four)."""


def interview(tmp_path: Path, answers: bytes, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "writeback_doctor", "interview", *argv], cwd=tmp_path,
                          input=answers, capture_output=True, timeout=180)


@pytest.mark.parametrize("answer", ["nan", "inf", "-inf", "infinity", "1e400", "1" * 400, "9" * 5000])
def test_a_number_no_double_holds_is_asked_again(answer):
    import io

    from tests.helpers import shipped
    from writeback_doctor.commands.interview import Interview
    asking = Interview({}, "en", shipped(), io.StringIO(), io.StringIO())
    for node in ({"type": "integer", "minimum": 0}, {"type": "number", "minimum": 0}, {"enum": ["a", "b"]}):
        value, reason = asking.parse(node, answer)
        assert value is None and reason


def test_hostile_answers_never_end_the_session(tmp_path):
    answers = "\n".join(["nan", "inf", "1e400", "1" * 400, "9" * 5000] * 3 + ["stop"]).encode() + b"\n"
    done = interview(tmp_path, answers, "--out", "o.json")
    assert b"Traceback" not in done.stderr and done.returncode in (0, 1, 4), done.stderr[-2000:]
    assert json.loads((tmp_path / "o.json").read_text(encoding="utf-8")) is not None


def test_an_answer_that_is_not_utf8_is_refused_and_the_file_is_whole(tmp_path):
    done = interview(tmp_path, b"\xff\xfe@x\nstop\n", "--out", "o.json")
    assert b"Traceback" not in done.stderr and done.returncode in (0, 1, 4), done.stderr[-2000:]
    assert b"not UTF-8" in done.stderr
    json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))


def test_an_unwritable_out_keeps_the_answers_in_a_recovery_file(tmp_path):
    # the interview opens with the symptom (what the user saw, where, since when, who: not known here), then
    # the most decisive question: how many licenses are assigned
    done = interview(tmp_path, OPENING_UNKNOWN + b"180\nstop\n", "--out", "/nonexistent/f.json")
    assert b"Traceback" not in done.stderr and done.returncode == 2, done.stderr[-2000:]
    assert b"/nonexistent/f.json: cannot write" in done.stderr
    (saved,) = tmp_path.glob("writeback-doctor-answers-*.json")
    assert '"assigned_licenses": 180' in saved.read_text(encoding="utf-8") and saved.name.encode() in done.stderr


def test_an_unwritable_transcript_keeps_it_in_a_recovery_file(tmp_path):
    done = interview(tmp_path, b"stop\n", "--transcript", "/nonexistent/t.json")
    assert b"Traceback" not in done.stderr and done.returncode == 2, done.stderr[-2000:]
    assert list(tmp_path.glob("writeback-doctor-answers-*.json"))


def _read_until(stream, marker: bytes, wait: float = 120.0) -> bytes:
    """What the process wrote to ``stream`` until ``marker`` appears (a question's number): waiting for a quiet
    moment instead would take a pause of a busy machine for the prompt, and signal the process too early."""
    import selectors
    selector = selectors.DefaultSelector()
    selector.register(stream, selectors.EVENT_READ)
    data, deadline = b"", time.time() + wait
    while marker not in data and time.time() < deadline:
        if selector.select(timeout=1):
            chunk = os.read(stream.fileno(), 65536)
            if not chunk:
                break
            data += chunk
    assert marker in data, data[-2000:]
    return data


def test_ctrl_c_saves_the_answers_so_far_and_exits_130(tmp_path):
    process = subprocess.Popen([sys.executable, "-m", "writeback_doctor", "interview", "--out", "o.json"], cwd=tmp_path,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _read_until(process.stderr, b"] Q1 [")  # the first question
    process.stdin.write(OPENING_UNKNOWN + b"180\n")  # after the symptom, the most decisive question: licenses assigned
    process.stdin.flush()
    _read_until(process.stderr, b"] Q6")  # the question after the licenses: the answer is recorded
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130 and b"Traceback" not in err, err[-2000:]
    assert b"o.json" in err
    assert '"assigned_licenses": 180' in (tmp_path / "o.json").read_text(encoding="utf-8")
