"""Nothing lost (reliability review D4): a file is written whole or not at all, a failed write
keeps the previous file and exits 2 with the reason, a closed or full standard output is no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run
from writeback_doctor.files import EXIT_CLOSED_PIPE, WriteError, write_text

REPO = Path(__file__).resolve().parent.parent
USERS_EXPORT = str(REPO / "tests" / "fixtures" / "exports" / "users" / "graph.json")


def test_write_text_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    write_text(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert (target.stat().st_mode & 0o777) == 0o640  # an existing file keeps its permissions
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_text_that_utf8_cannot_hold_leaves_the_old_file(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(WriteError, match="cannot be written as UTF-8"):
        write_text(target, "bad\ud800")
    assert target.read_text(encoding="utf-8") == "old" and len(list(tmp_path.iterdir())) == 1


def test_a_failure_while_writing_removes_the_temporary_and_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def refuse(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", refuse)
    with pytest.raises(WriteError, match="No space left on device; the previous file is unchanged"):
        write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "old" and len(list(tmp_path.iterdir())) == 1


@pytest.mark.parametrize("out, words", [
    ("/nonexistent/x.json", "no such folder"),
    ("{tmp}", "is a directory"),
    ("/dev/full", "No space left on device"),
])
def test_import_out_that_cannot_be_written_is_exit_2_with_the_reason(tmp_path, capsys, out, words):
    status, stdout, err = run(capsys, "import", USERS_EXPORT, "--out", out.format(tmp=tmp_path))
    assert status == 2 and words in err and "Traceback" not in err, err


def test_import_out_replaces_an_existing_file_whole(tmp_path, capsys):
    target = tmp_path / "facts.json"
    target.write_text("previous", encoding="utf-8")
    status, _, err = run(capsys, "import", USERS_EXPORT, "--out", str(target))
    assert status == 0, err
    assert target.read_text(encoding="utf-8").startswith("{") and [p.name for p in tmp_path.iterdir()] == ["facts.json"]


def test_a_full_standard_output_is_one_line_and_exit_2():
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "writeback_doctor", "examples/sspr-off.json"], cwd=REPO,
                              stdout=full, stderr=subprocess.PIPE, timeout=120)
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    assert b"cannot write the output: No space left on device" in done.stderr


def test_a_closed_standard_output_is_no_traceback():
    done = subprocess.run([sys.executable, "-m", "writeback_doctor", "examples/sspr-off.json"], cwd=REPO,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120,
                          preexec_fn=lambda: os.close(1))
    assert done.returncode == 2 and b"Traceback" not in done.stderr, done.stderr


def test_a_reader_that_goes_away_ends_the_run_quietly(tmp_path):
    for index in range(30):
        (tmp_path / f"t{index:02}.json").write_text((REPO / "examples" / "sspr-off.json").read_text(encoding="utf-8"))
    batch = subprocess.Popen([sys.executable, "-m", "writeback_doctor", "batch", str(tmp_path)], cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    batch.stdout.readline()
    batch.stdout.close()  # what | head -1 does
    err = batch.stderr.read()
    assert batch.wait(timeout=120) == EXIT_CLOSED_PIPE and err == b"", err
