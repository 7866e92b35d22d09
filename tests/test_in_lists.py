"""durable-rules' compile hang (reliability review D7, issue 13 item 4): ``create_ruleset`` spun for
minutes, ignoring SIGINT, on some 400-500 ``$or`` alternatives in one ruleset. Rules are now spread
over rulesets by their alternatives too, and one ``in`` list holds at most 256 values, refused with
file:line by loader and lint alike. Each run is a child process with a generous timeout: a hang
fails the test instead of the suite."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
HANG_GUARD_SECONDS = 240  # not a speed limit: these loads took under 1 s; the hang never ended


def rules_with(tmp_path: Path, count: int, values: int) -> Path:
    """A copy of the shipped rules plus ``count`` note rules, each with an ``in`` list of ``values`` values."""
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    for number in range(count):
        options = ", ".join(f"v{number}x{index}" for index in range(values))
        (rules / "setup" / f"zz-in-{number}.yaml").write_text(f"""id: zz-in-{number}
stage: setup
order: {1000 + number}
origin: current-docs
source: {{url: "https://example.invalid/in-lists"}}
title: {{en: Many values, uk: Багато значень}}
findings:
  - id: listed
    severity: note
    when: {{fact: tenant.cloud, in: [{options}]}}
    diagnosis: {{en: listed, uk: у списку}}
    remedy: {{en: none, uk: нічого}}
""", encoding="utf-8")
    return rules


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"WRITEBACK_DOCTOR_CACHE": "off"}
    return subprocess.run([sys.executable, "-m", "writeback_doctor", *argv], capture_output=True, text=True,
                          timeout=HANG_GUARD_SECONDS, env=env)


@pytest.mark.parametrize(("count", "values"), [(130, 3), (10, 256), (48, 100)])
def test_rule_sets_that_used_to_hang_compile_and_diagnose(tmp_path: Path, count: int, values: int) -> None:
    rules = rules_with(tmp_path, count, values)
    done = run(str(REPO / "examples" / "sspr-off.json"), "--rules", str(rules), "--format", "json")
    assert done.returncode == 1, done.stderr
    assert '"sspr-enabled"' in done.stdout


def test_an_in_list_over_the_limit_is_refused_with_its_line_by_loader_and_lint(tmp_path: Path) -> None:
    rules = rules_with(tmp_path, 1, 257)
    broken = rules / "setup" / "zz-in-0.yaml"
    diagnosed = run(str(REPO / "examples" / "sspr-off.json"), "--rules", str(rules))
    linted = run("rules", "lint", str(rules))
    assert diagnosed.returncode == 2, diagnosed.stderr  # bad rule file
    assert linted.returncode == 1, linted.stderr  # lint found a problem
    for result in (diagnosed, linted):
        assert f"{broken}:10:" in result.stdout + result.stderr
        assert "at most 256 values, this one 257" in result.stdout + result.stderr
