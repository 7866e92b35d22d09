"""``diagnose batch``: many tenants, JSON Lines out, a bad item never stops the run."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from writeback_doctor import cli

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
HEALTHY = json.loads((EXAMPLES / "healthy-hybrid.json").read_text(encoding="utf-8"))
SSPR_OFF = dict(HEALTHY, sspr=dict(HEALTHY["sspr"], enabled_for="none"))


def batch(capsys, monkeypatch, *argv: str, stdin: bytes | None = None) -> tuple[int, list[dict], str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    status = cli.main(["batch", *argv])
    captured = capsys.readouterr()
    return status, [json.loads(line) for line in captured.out.splitlines()], captured.err


@pytest.fixture
def fleet(tmp_path: Path) -> Path:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "sspr-off.json").write_text(json.dumps(SSPR_OFF), encoding="utf-8")
    (tmp_path / "a-healthy.json").write_text(json.dumps(HEALTHY), encoding="utf-8")
    (tmp_path / "c-typo.json").write_text('{"tenant": {"assigned_licences": 3}}', encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a facts file", encoding="utf-8")
    return tmp_path


def test_a_directory_gives_one_line_per_json_file_in_sorted_order_then_a_summary(capsys, monkeypatch, fleet):
    status, lines, err = batch(capsys, monkeypatch, str(fleet))
    items, summary = lines[:-1], lines[-1]["summary"]
    assert [Path(i["item"]).relative_to(fleet).as_posix() for i in items] == ["a-healthy.json", "b/sspr-off.json", "c-typo.json"]
    assert [(i["status"], i["exit"]) for i in items] == [("ok", 0), ("diagnosed", 1), ("invalid", 2)]
    assert summary["items"] == 3 and summary["exit"] == {"0": 1, "1": 1, "2": 1, "3": 0, "4": 0}
    assert summary["status"] == {"ok": 1, "inconclusive": 0, "diagnosed": 1, "invalid": 1, "internal": 0}
    assert [(d["id"], d["tenants"], d["top"]) for d in summary["diagnoses"]] == [("sspr-enabled", 1, 1)]
    assert status == 2  # the worst item
    assert err == ""    # no progress bar: stderr is not a terminal


def test_each_report_is_the_single_diagnosis_contract(capsys, monkeypatch, fleet):
    _, lines, _ = batch(capsys, monkeypatch, str(fleet / "b" / "sspr-off.json"))
    assert cli.main([str(fleet / "b" / "sspr-off.json"), "--format", "json"]) == 1
    single = json.loads(capsys.readouterr().out)
    assert single.pop("metadata")["tool"] == "writeback-doctor"  # a batch says who made it once, in its summary
    assert lines[0]["report"] == single


def test_a_bad_item_is_located_and_the_run_goes_on(capsys, monkeypatch, fleet):
    status, lines, _ = batch(capsys, monkeypatch, str(fleet / "c-typo.json"), str(fleet / "missing.json"),
                             str(fleet / "a-healthy.json"))
    assert [i["status"] for i in lines[:-1]] == ["invalid", "invalid", "ok"]
    assert "$.tenant" in lines[0]["error"] and "assigned_licences" in lines[0]["error"]
    assert lines[1]["error"] == f"{fleet / 'missing.json'}: no such file"
    assert status == 2


@pytest.mark.parametrize("documents, expected", [
    ([HEALTHY, HEALTHY], 0), ([HEALTHY, SSPR_OFF], 1), ([HEALTHY, {}], 4), ([{}, SSPR_OFF, HEALTHY], 1)])
def test_exit_status_is_the_worst_outcome(capsys, monkeypatch, documents, expected):
    stdin = b"".join(json.dumps(d).encode() + b"\n" for d in documents)
    status, lines, _ = batch(capsys, monkeypatch, "-", stdin=stdin)
    assert status == expected and expected in [i["exit"] for i in lines[:-1]]


def test_healthy_problem_and_inconclusive_tenants_are_told_apart(capsys, monkeypatch):
    stdin = b"".join(json.dumps(d).encode() + b"\n" for d in (HEALTHY, SSPR_OFF, {}, {"sspr": {"enabled_for": "all"}}))
    status, lines, _ = batch(capsys, monkeypatch, "-", stdin=stdin)
    assert [(i["status"], i["exit"]) for i in lines[:-1]] == [("ok", 0), ("diagnosed", 1), ("inconclusive", 4), ("inconclusive", 4)]
    summary = lines[-1]["summary"]
    assert summary["status"] == {"ok": 1, "inconclusive": 2, "diagnosed": 1, "invalid": 0, "internal": 0}
    assert summary["exit"] == {"0": 1, "1": 1, "2": 0, "3": 0, "4": 2}
    assert status == 1


def test_json_lines_on_stdin_are_named_by_line_number(capsys, monkeypatch):
    stdin = (json.dumps(HEALTHY) + "\n\n" + '{"users": 3}\n' + "{broken\n" + json.dumps(SSPR_OFF)).encode()
    status, lines, _ = batch(capsys, monkeypatch, "-", stdin=stdin)
    assert [(i["item"], i["status"]) for i in lines[:-1]] == [
        ("<stdin>:1", "ok"), ("<stdin>:3", "invalid"), ("<stdin>:4", "invalid"), ("<stdin>:5", "diagnosed")]
    assert lines[1]["error"].startswith("<stdin>:3: invalid facts") and "$.users" in lines[1]["error"]
    assert lines[2]["error"].startswith("<stdin>:4:2: not valid JSON")
    assert lines[-1]["summary"]["items"] == 4 and status == 2


def test_non_utf8_line_is_an_item_error(capsys, monkeypatch):
    status, lines, _ = batch(capsys, monkeypatch, "-", stdin=b"\xff\xfe{}\n" + json.dumps(HEALTHY).encode())
    assert lines[0]["status"] == "invalid" and "UTF-8" in lines[0]["error"] and lines[1]["status"] == "ok"
    assert status == 2


def test_empty_input_is_an_empty_summary(capsys, monkeypatch, tmp_path):
    status, lines, _ = batch(capsys, monkeypatch, str(tmp_path))
    summary = lines[0]["summary"]
    assert len(lines) == 1 and summary.pop("metadata")["generated"] == "2025-11-26T00:00:00Z"
    assert summary == {"items": 0, "exit": {"0": 0, "1": 0, "2": 0, "3": 0, "4": 0},
                       "status": {"ok": 0, "inconclusive": 0, "diagnosed": 0, "invalid": 0, "internal": 0},
                       "tenants": {"problems": 0, "healthy": 0, "inconclusive": 0, "bad_input": 0, "internal": 0},
                       "diagnoses": []}
    assert status == 0


def test_stdin_twice_is_a_usage_error(capsys, monkeypatch):
    status, lines, err = batch(capsys, monkeypatch, "-", "-", stdin=b"")
    assert status == 2 and lines == [] and "only once" in err


def test_no_input_is_a_usage_error(capsys, monkeypatch):
    status, lines, err = batch(capsys, monkeypatch)
    assert status == 2 and lines == [] and "usage: diagnose batch" in err and "Traceback" not in err


def test_a_progress_bar_is_drawn_only_on_a_terminal(capsys, monkeypatch, fleet):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert cli.main(["batch", str(fleet)]) == 2
    assert "3/3" in terminal.getvalue() and "[" + "#" * 30 + "]" in terminal.getvalue()
    assert all(line.startswith("{") for line in capsys.readouterr().out.splitlines())


def test_broken_rule_files_are_reported_at_the_end_with_exit_2(capsys, monkeypatch, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    (rules / "setup" / "zz-broken.yaml").write_text("id: [\n", encoding="utf-8")
    status, lines, err = batch(capsys, monkeypatch, "--rules", str(rules), "-", stdin=json.dumps(HEALTHY).encode())
    assert lines[0]["status"] == "ok" and status == 2
    assert "zz-broken.yaml:" in err and "Traceback" not in err
