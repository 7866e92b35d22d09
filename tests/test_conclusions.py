"""The issue's reproductions end to end: a finding that holds is reported with the right exit status,
in every format, and a diagnosis that still assumes something says what (``provided that``)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from writeback_doctor.cli import main

EXPORTS = Path(__file__).resolve().parent / "fixtures" / "exports"


def run(capsys, monkeypatch, facts: dict, *args: str) -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(json.dumps(facts).encode("utf-8"))))
    status = main(["-", *args])
    return status, capsys.readouterr().out


@pytest.mark.parametrize("facts, rule, finding", [
    ({"connect": {"installed": True, "writeback_enabled": False}}, "writeback-enabled-in-connect", "writeback-disabled"),
    ({"connect": {"installed": True, "full_import_completed": True, "full_sync_completed": False}},
     "full-import-and-sync-done", "full-sync-not-completed"),
    ({"connect": {"minutes_since_writeback_enabled": 1}}, "idle-connection-window", "tested-too-soon"),
    ({"cloud_sync": {"agent_version": "1.1.500.0", "writeback_enabled": False}}, "cloud-sync-writeback",
     "cloud-sync-agent-too-old"),
    ({"network": {"passwordreset_usgov_https": False, "servicebus_usgov_https": False}}, "usgov-endpoints",
     "usgov-passwordreset-blocked"),
])
def test_a_finding_that_holds_is_reported_with_exit_1(capsys, monkeypatch, facts, rule, finding):
    status, out = run(capsys, monkeypatch, facts, "--format", "json")
    report = json.loads(out)
    assert status == 1
    assert {(d["id"], d["finding"]) for d in report["diagnoses"]} >= {(rule, finding)}


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_provided_that_is_shown_in_every_format(capsys, monkeypatch, fmt):
    facts = {"connect": {"minutes_since_writeback_enabled": 1}}
    status, out = run(capsys, monkeypatch, facts, "--format", fmt)
    assert status == 1
    assert "rovided that" in out and "connect.writeback_enabled" in out


def test_provided_that_in_json_names_the_condition_and_its_question(capsys, monkeypatch):
    status, out = run(capsys, monkeypatch, {"connect": {"minutes_since_writeback_enabled": 1}}, "--format", "json")
    diagnosis = next(d for d in json.loads(out)["diagnoses"] if d["id"] == "idle-connection-window")
    [proviso] = diagnosis["provided_that"]
    assert "writeback-on-in-connect" in proviso["condition"]
    assert [q["path"] for q in proviso["questions"]] == ["connect.writeback_enabled"]


def test_explain_says_the_rule_fails_provided_that(capsys, monkeypatch):
    status, out = run(capsys, monkeypatch, {"connect": {"minutes_since_writeback_enabled": 1}}, "--explain")
    assert "Rule idle-connection-window fails with finding tested-too-soon, provided that" in out
    assert "Rule idle-connection-window is undecided" not in out


def test_the_admins_own_export_with_writeback_disabled_is_diagnosed(capsys, tmp_path):
    export = json.loads((EXPORTS / "get-adsyncaadpasswordresetconfiguration" / "powershell-7.json").read_text("utf-8"))
    export["Enabled"] = False
    path = tmp_path / "Get-ADSyncAADPasswordResetConfiguration.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    status = main([str(path), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert status == 1
    assert [(d["id"], d["finding"]) for d in report["diagnoses"]] == [("writeback-enabled-in-connect", "writeback-disabled")]


EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.json"))
SPARSE = [{"connect": {"minutes_since_writeback_enabled": 1}}, {"connect": {"installed": True}},
          {"network": {"passwordreset_usgov_https": False, "servicebus_https": True}},
          {"users": [{"name": "t@x", "is_admin": False, "is_test_user": True}]}]


@pytest.mark.parametrize("facts", [json.loads(p.read_text(encoding="utf-8")) for p in EXAMPLES] + SPARSE)
def test_explanations_never_contradict_the_outcome(facts):
    """An undecided rule shows something undecided; a diagnosis' finding holds; nothing fails 'because' it does not hold."""
    from tests.helpers import shipped
    from writeback_doctor.diagnosis import diagnose

    report = diagnose(shipped(), facts, explain=True)
    for entry in report.unknown:
        explanation = entry.explanation
        truths = [f.truth for f in explanation.findings] + [True if explanation.applies is None else explanation.applies.truth]
        truths += [f.provided.truth for f in explanation.findings if f.provided is not None]
        assert None in truths, (entry.id, explanation.headline)
    for diagnosis in report.diagnoses:
        [shown] = diagnosis.explanation.findings
        assert shown.finding == diagnosis.finding.id and shown.truth is True, diagnosis.id
        assert ("provided that" in diagnosis.explanation.headline) == bool(diagnosis.provided), diagnosis.id
