"""Dated knowledge (issue Q, expert re-review 2026-12-07 §1 #42): versions and deadlines are written once, in the
frame's constants table with their sources; rules read them ({const: NAME} in a condition, {{NAME}} in a text);
the report says when the table was last checked and notes when that is more than six months before its date."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from expert_engine import load_ruleset
from tests.helpers import EXAMPLES, REPO, shipped
from writeback_doctor.report.metadata import knowledge_stale

SSPR_OFF = EXAMPLES / "sspr-off.json"


def run(*argv: str, epoch: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="100", SOURCE_DATE_EPOCH=epoch)
    return subprocess.run([sys.executable, "-m", "writeback_doctor", *argv], capture_output=True, env=env, timeout=120)


def test_the_shipped_frame_dates_its_knowledge_and_every_constant_names_its_source():
    import yaml

    frame = yaml.safe_load((REPO / "rules" / "ruleset.yaml").read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", frame["constants_checked"])
    for name, entry in frame["constants"].items():
        assert entry["source"].startswith("https://learn.microsoft.com/"), name
    ruleset = shipped().ruleset
    assert ruleset.constants_checked == frame["constants_checked"]
    assert ruleset.constants["connect-required-minimum"] == "2.5.79.0"


def test_no_rule_text_writes_a_dated_version_or_calls_one_the_newest():
    """The versions and dates of the table live in the table: rule files refer to them."""
    for path in sorted((REPO / "rules").rglob("*.yaml")):
        if path.name == "ruleset.yaml":
            continue
        text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#"))
        for stale in ("is the newest", "newest release this", "checked on 2", "Versions checked", "Версії перевірено", "2.5.79.0"):
            assert stale not in text, (path.name, stale)


def test_a_rule_reads_the_constants_and_a_text_takes_each_language_from_them():
    rule = shipped().ruleset.rule("connect-latest-version")
    finding = next(f for f in rule.findings if f.id == "connect-below-required-minimum")
    assert finding.when.value == "2.5.79.0"
    assert "30 September 2026" in finding.diagnosis["en"] and "30 вересня 2026 р." in finding.diagnosis["uk"]
    assert "{{" not in json.dumps([f.diagnosis for f in rule.findings] + [f.remedy for f in rule.findings])


def _copy_rules(tmp_path: Path) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    return rules


def test_a_changed_constant_changes_every_rule_that_reads_it(tmp_path: Path):
    rules = _copy_rules(tmp_path)
    frame = rules / "ruleset.yaml"
    frame.write_text(frame.read_text(encoding="utf-8").replace('value: "2.5.79.0"', 'value: "2.6.1.0"'), encoding="utf-8")
    rule = load_ruleset(rules).ruleset.rule("connect-latest-version")
    finding = next(f for f in rule.findings if f.id == "connect-below-required-minimum")
    assert finding.when.value == "2.6.1.0" and "older than 2.6.1.0" in finding.diagnosis["en"]


@pytest.mark.parametrize(("edit", "message"), [
    ("{const: connect-required-minimum}", "unknown constant 'connect-requird-minimum'"),
    ("{{connect-required-minimum}}", "unknown constant {{connect-requird-minimum}}"),
])
def test_a_reference_to_a_constant_the_frame_lacks_is_a_located_problem(tmp_path: Path, edit: str, message: str):
    rules = _copy_rules(tmp_path)
    path = rules / "connectivity" / "connect-latest-version.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(edit, edit.replace("required", "requird"), 1), encoding="utf-8")
    loaded = load_ruleset(rules)
    assert [p for p in loaded.problems if message in p.message and "connect-latest-version.yaml:" in p.location]
    assert "connect-latest-version" not in {r.id for r in loaded.ruleset.rules}


@pytest.mark.parametrize(("checked", "generated", "stale"), [
    ("2026-12-07", "2027-06-07T00:00:00Z", False),
    ("2026-12-07", "2027-06-08T00:00:00Z", True),
    ("2026-08-31", "2027-02-28T12:00:00Z", False),
    ("2026-08-31", "2027-03-01T00:00:00Z", True),
    ("2026-12-07", "2025-11-26T00:00:00Z", False),
    (None, "2027-06-08T00:00:00Z", False),
])
def test_knowledge_is_stale_more_than_six_calendar_months_after_it_was_checked(checked, generated, stale):
    assert knowledge_stale(checked, generated) is stale


def test_the_report_says_when_the_knowledge_was_checked_and_notes_it_once_it_is_old():
    fresh = json.loads(run(str(SSPR_OFF), "--format", "json", epoch="1764115200").stdout)["metadata"]
    assert fresh["knowledge_checked"] == shipped().ruleset.constants_checked
    assert fresh["knowledge_stale"] is False
    old = run(str(SSPR_OFF), epoch="1813000000")  # 2027-06-14: more than six months after 2026-12-07
    assert "more than six months before this report" in old.stdout.decode("utf-8").replace("\n", " ")
    assert json.loads(run(str(SSPR_OFF), "--format", "json", epoch="1813000000").stdout)["metadata"]["knowledge_stale"]
    uk = run(str(SSPR_OFF), "--format", "markdown", "--lang", "uk", epoch="1813000000").stdout.decode("utf-8")
    assert "понад шість місяців до дати цього звіту" in uk
    assert "more than six months" not in run(str(SSPR_OFF), epoch="1764115200").stdout.decode("utf-8").replace("\n", " ")


def test_a_reference_anywhere_in_a_document_is_checked_and_a_document_without_one_has_no_problem():
    from expert_engine.constants import problems

    constants, languages = {"minimum": "1.2", "blurb": {"en": "x", "uk": "y"}}, ("en", "uk")
    deep = {"findings": [{"when": {"all": [{"fact": "v", "version_lt": {"const": "missing"}}]},
                          "diagnosis": {"en": "see {{blurb}}", "uk": "{{nope}}"}}]}
    assert problems(deep, constants, languages) == [
        (["findings", 0, "when", "all", 0, "version_lt"], "unknown constant 'missing'"
         "; the frame's constants are: blurb, minimum"),
        (["findings", 0, "diagnosis", "uk"], "unknown constant {{nope}}")]
    assert problems({"findings": [{"when": {"fact": "v", "equals": "{not a placeholder}"}}]}, constants, languages) == []
    assert problems(["{{minimum}}", ["{{blurb}}"]], constants, languages) == [
        ([1, 0], "constant {{blurb}} is a text; use it inside a text of every language")]
