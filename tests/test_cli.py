"""The diagnose command as a user meets it: output formats, exit status, located errors."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run
from writeback_doctor.errors import ExitStatus
from writeback_doctor.knowledge import rules_directory


def example(repo: Path, name: str) -> str:
    return str(repo / "examples" / f"{name}.json")


def test_healthy_tenant_exits_0_with_a_table(capsys, repo):
    status, out, err = run(capsys, example(repo, "healthy-hybrid"))
    assert status == 0 and err == ""
    counts = json.loads(run(capsys, example(repo, "healthy-hybrid"), "--format", "json")[1])["summary"]
    applicable = sum(counts.values()) - counts["not_applicable"]
    assert counts["unknown"] == 0 and f"\nHealthy: all {applicable} applicable checks passed.\n" in out


def test_a_diagnosis_exits_1_and_json_keeps_the_contract(capsys, repo):
    status, out, _ = run(capsys, example(repo, "sspr-off"), "--format", "json")
    report = json.loads(out)
    assert status == 1
    assert set(report) >= {"diagnoses", "unknown", "passed"}
    first = report["diagnoses"][0]
    assert set(first) >= {"id", "stage", "severity", "title", "diagnosis", "remedy", "because"}
    assert first["id"] == "sspr-enabled"
    assert {"fact": "sspr.enabled_for", "value": "none"} in [
        {k: v for k, v in b.items() if k in ("fact", "value")} for b in first["because"]]


def test_ukrainian_markdown(capsys, repo):
    status, out, _ = run(capsys, example(repo, "sspr-off"), "--format", "markdown", "--lang", "uk")
    assert status == 1
    assert out.startswith("# Діагностика записування паролів")
    assert "самостійн" in out.lower()


def test_facts_from_standard_input(capsys, repo, monkeypatch):
    import io
    data = Path(example(repo, "sspr-off")).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    status, out, _ = run(capsys, "-", "--format", "json")
    assert status == 1 and json.loads(out)["diagnoses"][0]["id"] == "sspr-enabled"


@pytest.mark.parametrize("content, expected", [
    ('{"tenant": {"assigned_licenses": 3,}}', ":1:36: not valid JSON"),
    ('{"a": 1, "a": 2}', "duplicate key 'a'"),
    ('{"tenant": {"assigned_licenses": NaN}}', "NaN is not a JSON number"),
    ("[1, 2]", "$: expected object"),
])
def test_bad_json_exits_2_with_a_located_message(capsys, tmp_path, content, expected):
    facts = tmp_path / "facts.json"
    facts.write_text(content, encoding="utf-8")
    status, out, err = run(capsys, str(facts))
    assert status == 2 and out == ""
    assert expected in err and "Traceback" not in err


def test_schema_violations_are_all_reported_with_json_paths(capsys, tmp_path):
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps({"sspr": {"enabled_for": "everyone"}, "conect": {}, "users": [{"name": "a", "license": 5}]}))
    status, _, err = run(capsys, str(facts))
    assert status == 2
    assert "$.sspr.enabled_for: expected one of 'none', 'selected', 'all', got 'everyone'" in err
    assert "'conect' was unexpected" in err
    assert "$.users[0].license" in err


def test_missing_file_exits_2(capsys):
    status, _, err = run(capsys, "no-such-facts.json")
    assert status == 2 and "no-such-facts.json: no such file" in err


def test_usage_errors_exit_2(capsys, repo):
    assert run(capsys, example(repo, "healthy-hybrid"), "--format", "pdf")[0] == 2
    assert run(capsys)[0] == 2


def test_a_broken_rule_file_is_located_and_the_other_rules_still_run(capsys, repo, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(rules_directory(), rules, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    broken = rules / "setup" / "sspr-enabled.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("severity: critical", "severity: catastrophic", 1), encoding="utf-8")
    status, out, err = run(capsys, example(repo, "sspr-off"), "--rules", str(rules), "--format", "json")
    assert status == 2
    assert f"{broken}:" in err and "unknown severity 'catastrophic'" in err
    line = int(err.split(f"{broken}:")[1].split(":")[0])
    assert "severity: catastrophic" in broken.read_text(encoding="utf-8").splitlines()[line - 1]
    report = json.loads(out)
    assert "license-assigned" in report["passed"] and "sspr-enabled" not in json.dumps(report)


def test_console_script_runs_from_any_directory(tmp_path, repo):
    script = Path(sys.executable).with_name("diagnose")
    result = subprocess.run([str(script), example(repo, "firewall-blocks-servicebus"), "--format", "json"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["diagnoses"][0]["id"] == "firewall-servicebus-endpoint"


# ------------------------------------------------------------ three answers, one spine


def rule_count() -> int:
    from tests.helpers import shipped

    return len(shipped().ruleset.rules)


def undecided_count() -> int:
    """Rules a document that states nothing leaves undecided: all but the checks that facts agree, which
    do not apply when nothing is stated (rules/consistency/, issue Q)."""
    from tests.helpers import shipped

    return len([r for r in shipped().ruleset.rules if not all(f.disputes for f in r.findings)])


@pytest.mark.parametrize("form, headline", [
    ("table", "\nInconclusive: {n} of {m} checks undecided."),
    ("markdown", "\nInconclusive: {n} of {m} checks undecided."),
    ("html", "<p>Inconclusive: {n} of {m} checks undecided."),
])
def test_knowing_nothing_is_inconclusive_not_healthy(capsys, repo, form, headline):
    status, out, _ = run(capsys, example(repo, "nearly-empty"), "--format", form)
    assert status == ExitStatus.INCONCLUSIVE == 4
    assert headline.format(n=undecided_count(), m=rule_count()) in out and "Healthy" not in out


def test_inconclusive_in_ukrainian_too(capsys, repo):
    status, out, _ = run(capsys, example(repo, "nearly-empty"), "--lang", "uk")
    assert status == 4 and f"{undecided_count()} з {rule_count()} перевірок невизначені" in out


def test_healthy_problems_and_inconclusive_are_three_statuses(capsys, repo, tmp_path):
    healthy = json.loads(Path(example(repo, "healthy-hybrid")).read_text(encoding="utf-8"))
    del healthy["sspr"]["enabled_for"]
    partial = tmp_path / "partial.json"
    partial.write_text(json.dumps(healthy), encoding="utf-8")
    assert run(capsys, example(repo, "healthy-hybrid"))[0] == ExitStatus.OK
    assert run(capsys, example(repo, "sspr-off"))[0] == ExitStatus.PROBLEMS
    status, out, _ = run(capsys, str(partial))
    assert status == ExitStatus.INCONCLUSIVE and f"Inconclusive: 1 of {rule_count()} checks undecided" in out


@pytest.mark.parametrize("argv", [["--help"], ["batch", "--help"], ["interview", "--help"], ["rules", "--help"]])
def test_help_lists_every_exit_status(capsys, argv):
    status, out, _ = run(capsys, *argv)
    assert status == 0
    for code in ExitStatus:
        assert f"\n  {int(code)} " in out, code
    assert "inconclusive" in out


@pytest.mark.parametrize("where", ["repo", "elsewhere"])
def test_python_m_runs_from_the_repository_and_from_elsewhere(repo, tmp_path, where):
    facts = "examples/sspr-off.json" if where == "repo" else example(repo, "sspr-off")
    result = subprocess.run([sys.executable, "-m", "writeback_doctor", facts], cwd=repo if where == "repo" else tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "sspr-enabled" in result.stdout


def test_the_applications_errors_share_one_located_base():
    from writeback_doctor.errors import UsageError, UserError
    from writeback_doctor.inputs import InputError
    from writeback_doctor.sources.errors import ExportError
    from writeback_doctor.sources.merge import FactsFileError

    for kind in (InputError, ExportError, FactsFileError, UsageError):
        assert issubclass(kind, UserError)
    assert str(InputError("facts.json:3:4", "not valid JSON")) == "facts.json:3:4: not valid JSON"
    assert str(UsageError("no such folder", "rules/")) == "rules/: no such folder"


def test_an_engine_failure_in_the_interview_is_one_message_and_exit_3(capsys, monkeypatch):
    import io

    from expert_engine import EngineFailure, InferenceEngine

    def broken(self, facts):
        raise EngineFailure("the C core said no")

    monkeypatch.setattr(InferenceEngine, "diagnose", broken)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    status, out, err = run(capsys, "interview")
    assert status == ExitStatus.INTERNAL == 3 and out == ""
    assert err == "diagnose interview: internal error in the rule engine: the C core said no\n"


def test_ctrl_c_is_exit_130_without_a_traceback(capsys, monkeypatch, repo):
    from writeback_doctor.commands import diagnose as diagnose_command

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(diagnose_command, "collect", interrupted)
    status, _, err = run(capsys, example(repo, "sspr-off"))
    assert status == ExitStatus.INTERRUPTED == 130 and "Traceback" not in err


def test_no_exit_status_is_a_bare_number_in_the_application():
    package = Path(__file__).resolve().parent.parent / "writeback_doctor"
    literal = re.compile(r"(return|SystemExit\(|exit\()\s*\d+\b")
    found = [f"{path.name}:{n}: {line.strip()}" for path in sorted(package.rglob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if literal.search(line)]
    assert found == []


def test_the_whole_parser_tree_builds_and_parses_every_subcommand():
    from writeback_doctor.cli import COMMANDS, build_parser

    parser = build_parser(None)
    assert parser.parse_args(["diagnose", "facts.json"]).facts == ["facts.json"]
    assert parser.parse_args(["batch", "fleet/"]).inputs == ["fleet/"]
    assert parser.parse_args(["rules", "list"]).rules_command == "list"
    assert {"diagnose", "interview", "import", "rules", "batch"} <= set(COMMANDS)
