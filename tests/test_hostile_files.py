"""Nothing lost (reliability review D4): a file is written whole or not at all, a failed write
keeps the previous file and exits 2 with the reason, a closed or full standard output is no traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from writeback_doctor import cli
from writeback_doctor.files import WriteError, write_text

REPO = Path(__file__).resolve().parent.parent
USERS_EXPORT = str(REPO / "tests" / "fixtures" / "exports" / "users" / "graph.json")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


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
