"""Rule files: every kind of mistake is reported with file:line, and the other rules still load."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from expert_engine import load_ruleset

PRINTERS = Path(__file__).parent / "printers" / "rules"


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(PRINTERS, target)
    return target


def problems_of(directory: Path) -> list[str]:
    result = load_ruleset(directory)
    return [str(p) for p in result.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_printer_rules_load_cleanly(rules):
    assert problems_of(rules) == []


def test_invalid_yaml_is_located(rules):
    firmware = rules / "service" / "firmware.yaml"
    edit(firmware, "order: 3", "order: [3")
    problems = problems_of(rules)
    assert len(problems) == 1 and problems[0].startswith(f"{firmware}:") and "not valid YAML" in problems[0]
    assert [r.id for r in load_ruleset(rules).ruleset.rules] == ["powered", "paper", "call-technician"]


def test_schema_violation_names_the_line_and_the_key(rules):
    firmware = rules / "service" / "firmware.yaml"
    edit(firmware, "version_lt:", "version_below:")
    (problem,) = problems_of(rules)
    line = int(problem.split(":")[1])
    assert "version_below" in firmware.read_text(encoding="utf-8").splitlines()[line - 1]


def test_missing_translation_is_reported(rules):
    powered = rules / "basics" / "powered.yaml"
    edit(powered, 'uk: "Під\'єднайте."', 'de: "Einstecken."')
    problems = problems_of(rules)
    assert any(p.startswith(f"{powered}:") and "'uk' is a required property" in p for p in problems)


def test_unknown_stage_and_duplicate_id(rules):
    copy = rules / "basics" / "powered-again.yaml"
    original = (rules / "basics" / "powered.yaml").read_text(encoding="utf-8")
    copy.write_text(original.replace("- name: printer-on", "- name: printer-on-2"), encoding="utf-8")
    edit(rules / "service" / "firmware.yaml", "stage: service", "stage: toner")
    problems = problems_of(rules)
    assert any("duplicate rule id 'powered'" in p for p in problems)
    assert any("unknown stage 'toner'" in p for p in problems)


def test_rule_using_a_derived_fact_nobody_derives_is_left_out(rules):
    edit(rules / "basics" / "paper.yaml", "derived: printer-on", "derived: printer-warm")
    problems = problems_of(rules)
    assert any("no rule derives: printer-warm" in p for p in problems)


def test_a_valid_rule_set_is_cached_and_any_edit_is_validated_again(rules, tmp_path):
    cache = tmp_path / "cache"
    first = load_ruleset(rules, cache_dir=cache)
    assert first.problems == () and len(list(cache.glob("rules-*.json"))) == 1
    again = load_ruleset(rules, cache_dir=cache)
    assert again.ruleset == first.ruleset
    edit(rules / "service" / "firmware.yaml", "severity: warning", "severity: disaster")
    broken = load_ruleset(rules, cache_dir=cache)
    assert any("unknown severity 'disaster'" in str(p) for p in broken.problems)
    assert len(list(cache.glob("rules-*.json"))) == 1   # a rule set with problems is never cached


def test_an_unreadable_cache_is_ignored(rules, tmp_path):
    cache = tmp_path / "cache"
    load_ruleset(rules, cache_dir=cache)
    for stored in cache.glob("rules-*.json"):
        stored.write_text("{not json", encoding="utf-8")
    assert load_ruleset(rules, cache_dir=cache).problems == ()


def test_a_prior_shared_with_a_finding_that_declares_none_is_reported(rules):
    # a finding may say it is another form of a cause whose prior another finding of its rule declares
    edit(rules / "service" / "firmware.yaml", "    severity: warning\n", "    severity: warning\n    prior: {same_cause_as: no-such-finding}\n")
    problems = problems_of(rules)
    assert any("firmware.yaml" in p and "'no-such-finding' is not another finding of this rule" in p for p in problems)
