"""docs/authoring-rules.md's walk-through, followed step by step on a temporary copy of the repository:
a new fact in facts_schema.json, its healthy value in examples/healthy-hybrid.json, a rule that reads
it and its scenarios; then `rules lint`, a diagnosis and pytest, run in the copy, see the copy's
files (a checkout's rules/ and facts_schema.json, never an installed or stale copy) and pass."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "docs" / "example-fact"
RULE_ID = "guide-connect-auto-upgrade"
GUIDE = (REPO / "docs" / "authoring-rules.md").read_text(encoding="utf-8")


def in_copy(copy: Path, *argv: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(PYTHONPATH=str(copy), PYTHONIOENCODING="utf-8", WRITEBACK_DOCTOR_CACHE="off")
    return subprocess.run([sys.executable, *argv], cwd=copy, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=600)


def test_the_guide_quotes_the_walk_through_files_verbatim():
    for name in (f"{RULE_ID}.yaml", f"{RULE_ID}.feature", "fact.json"):
        assert (EXAMPLE / name).read_text(encoding="utf-8").strip() in GUIDE, name
    assert '"auto_upgrade": "enabled"' in GUIDE and "examples/healthy-hybrid.json" in GUIDE
    assert "writeback_doctor/answered_at.yaml" in GUIDE


def test_following_the_guide_on_a_copy_adds_a_fact_and_a_rule_that_lint_diagnosis_and_pytest_see(tmp_path):
    copy = tmp_path / "repo"
    shutil.copytree(REPO, copy, ignore=shutil.ignore_patterns(".git", "__pycache__", "*.pyc", ".venv"))
    before = in_copy(copy, "-m", "writeback_doctor", "rules", "lint")
    checked = int(before.stdout.split(" rule(s)")[0])

    # step 1: the fact, in facts_schema.json under "connect" -> "properties"
    schema_file = copy / "facts_schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    fact = json.loads("{" + (EXAMPLE / "fact.json").read_text(encoding="utf-8").strip().rstrip(",") + "}")
    schema["properties"]["connect"]["properties"].update(fact)
    schema_file.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    # step 2: its value in the healthy example
    healthy_file = copy / "examples" / "healthy-hybrid.json"
    healthy = json.loads(healthy_file.read_text(encoding="utf-8"))
    healthy["connect"]["auto_upgrade"] = "enabled"
    healthy_file.write_text(json.dumps(healthy, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    # step 3: "connect" already has a place in writeback_doctor/answered_at.yaml: nothing to do
    assert "\n  connect: connect_server\n" in (copy / "writeback_doctor" / "answered_at.yaml").read_text(encoding="utf-8")
    # step 4: the rule and its scenarios
    shutil.copy(EXAMPLE / f"{RULE_ID}.yaml", copy / "rules" / "setup" / f"{RULE_ID}.yaml")
    shutil.copy(EXAMPLE / f"{RULE_ID}.feature", copy / "features" / "setup" / f"{RULE_ID}.feature")

    # step 5: lint reads the copy's rules and schema
    lint = in_copy(copy, "-m", "writeback_doctor", "rules", "lint")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert lint.stdout.startswith(f"{checked + 1} rule(s) checked, no problems")
    # the diagnosis reads them too: the healthy example passes the new rule, a suspended upgrade fails it
    report = json.loads(in_copy(copy, "-m", "writeback_doctor", "examples/healthy-hybrid.json", "--format", "json").stdout)
    assert RULE_ID in report["passed"]
    healthy["connect"]["auto_upgrade"] = "suspended"
    (copy / "suspended.json").write_text(json.dumps(healthy), encoding="utf-8")
    report = json.loads(in_copy(copy, "-m", "writeback_doctor", "suspended.json", "--format", "json").stdout)
    assert [d["finding"] for d in report["diagnoses"]] == ["auto-upgrade-off"]
    # step 6: pytest in the copy runs the new scenarios and the healthy example's promise against the copy
    tests = in_copy(copy, "-m", "pytest", "-q", "-p", "no:randomly", "tests/test_examples.py", "tests/features",
                    "-k", "automatic_upgrade or nobody_has_looked_at_the_automatic or healthy")
    assert tests.returncode == 0, tests.stdout[-3000:]
    assert "3 passed" not in tests.stdout and " passed" in tests.stdout
    # and a scenario that contradicts the copy's rule fails there: what is edited is what is tested
    rule_file = copy / "rules" / "setup" / f"{RULE_ID}.yaml"
    rule_file.write_text(rule_file.read_text(encoding="utf-8").replace("in: [disabled, suspended]", "in: [disabled]"),
                         encoding="utf-8")
    edited = in_copy(copy, "-m", "pytest", "-q", "-p", "no:randomly", "tests/features", "-k", "suspended_automatic_upgrade")
    assert edited.returncode == 1 and "1 failed" in edited.stdout
