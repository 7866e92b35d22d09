"""Issue 24, point 6: the interview opens with the symptom (what the user saw, where, who) whenever the starting
facts hold none yet, ``--from`` a facts file as well as a fresh start, and never asks again what is given;
``--from`` also takes a collector folder, read as ``diagnose`` reads it. Driven through the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.helpers import EXAMPLES, GIVEN_SYMPTOM, REPO, example

DIAGNOSE = [sys.executable, "-m", "writeback_doctor", "interview"]
CONNECT_SERVER = REPO / "tests" / "fixtures" / "exports" / "collectors" / "connect-server"


def interview(tmp_path: Path, answers: str, *argv: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Run the interview in ``tmp_path`` with piped answers; the process and the fact paths it asked, in order."""
    transcript = tmp_path / "t.json"
    result = subprocess.run(DIAGNOSE + ["--transcript", str(transcript), "--out", str(tmp_path / "out.json"), *argv],
                            input=answers, capture_output=True, text=True, timeout=300, check=False, cwd=tmp_path)
    asked = [e["path"] for e in json.loads(transcript.read_text(encoding="utf-8"))] if transcript.exists() else []
    return result, asked


def test_from_facts_without_a_symptom_opens_with_what_the_user_saw(tmp_path):
    result, asked = interview(tmp_path, "?\n?\n?\nstop\n", "--from", str(EXAMPLES / "nearly-empty.json"))
    assert "Traceback" not in result.stderr
    assert asked[:3] == ["symptom.error_code", "symptom.where", "symptom.affected"], asked


def test_from_facts_with_part_of_the_symptom_asks_only_the_rest(tmp_path):
    start = tmp_path / "start.json"
    facts = example("nearly-empty")
    facts["symptom"] = {"where": GIVEN_SYMPTOM["where"]}
    start.write_text(json.dumps(facts), encoding="utf-8")
    result, asked = interview(tmp_path, "?\n?\nstop\n", "--from", str(start))
    assert asked[:2] == ["symptom.error_code", "symptom.affected"], asked
    assert "symptom.where" not in asked


def test_from_facts_that_hold_the_symptom_never_asks_it_again(tmp_path):
    start = tmp_path / "start.json"
    facts = example("nearly-empty")
    facts["symptom"] = dict(GIVEN_SYMPTOM)
    start.write_text(json.dumps(facts), encoding="utf-8")
    result, asked = interview(tmp_path, "?\n" * 6 + "stop\n", "--from", str(start))
    assert asked and not [path for path in asked if path.startswith("symptom.") and path != "symptom.since"], asked


def test_from_a_collector_folder_reads_it_as_diagnose_does_and_asks_nothing_it_holds(tmp_path):
    result, asked = interview(tmp_path, "no\n?\n?\nstop\n", "--from", str(CONNECT_SERVER))
    assert "is a directory" not in result.stderr and "Traceback" not in result.stderr
    assert "serverinfo.json (collector-server-info): 8 fact(s)" in result.stderr  # diagnose's own per-file notes
    facts = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert facts["connect"]["version"] and facts["server"]["is_domain_controller"] is not None
    assert not {"connect.version", "connect.installed", "server.is_domain_controller"} & set(asked), asked


def test_from_a_folder_whose_files_disagree_exits_2_and_says_how_to_settle_it(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    for name, value in (("a.json", True), ("b.json", False)):
        (folder / name).write_text(json.dumps({"network": {"servicebus_https": value}}), encoding="utf-8")
    result, asked = interview(tmp_path, "stop\n", "--from", str(folder))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"diagnose import {folder} --prefer FILE --out facts.json" in result.stderr


def test_from_facts_that_tell_what_happened_go_straight_to_the_causes(tmp_path):
    """'It worked before, then stopped' is the symptom as the engineer heard it: no where / who questions first."""
    start = tmp_path / "start.json"
    facts = example("nearly-empty")
    facts["symptom"] = {"worked_before": True}
    start.write_text(json.dumps(facts), encoding="utf-8")
    result, asked = interview(tmp_path, "?\nstop\n", "--from", str(start))
    assert "Traceback" not in result.stderr
    assert asked and not asked[0].startswith("symptom."), asked
