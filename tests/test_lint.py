"""``diagnose rules lint``: the shipped rules lint clean, and each check catches its broken fixture at file:line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from expert_engine import Scenarios, load_ruleset
from expert_engine.lint import lint_ruleset, read_features, scenario_steps
from writeback_doctor.commands.rules import SCENARIO_STEPS
from writeback_doctor.commands.rules import main as rules_main

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "lint_fixtures"
GOOD = [FIXTURES / "good.yaml", FIXTURES / "good-user.yaml"]
SCHEMA = json.loads((FIXTURES / "schema.json").read_text(encoding="utf-8"))


def marked_line(path: Path) -> int:
    """The line a fixture marks with ``# <-`` as the one the problem must point at."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "# <-" in line)


def problems_of(*broken: str, features: dict[str, str] | None = None) -> list[str]:
    files = GOOD + [FIXTURES / "broken" / name for name in broken]
    scenarios = Scenarios(features, SCENARIO_STEPS) if features is not None else None
    return [str(p) for p in lint_ruleset(load_ruleset(FIXTURES / "frame", files), SCHEMA, scenarios)]


def test_the_good_fixtures_lint_clean():
    assert problems_of(features=read_features(FIXTURES)) == []


@pytest.mark.parametrize("name, message", [
    ("schema-violation.yaml", "'severity' is a required property"),
    ("unknown-fact.yaml", "fact 'power.cabel' is not in the fact schema; did you mean 'power.cable'"),
    ("unknown-item-field.yaml", "fact 'trays[].sheet' is not in the fact schema; did you mean 'trays[].sheets'"),
    ("enum-value.yaml", "'of' is not a value fact 'power.switch' can take; did you mean 'off'?"),
    ("derived-unused.yaml", "derived fact 'nobody-asks' is used by no rule"),
    ("untranslated.yaml", "findings/0/diagnosis is the same in en, uk: left untranslated?"),
    ("no-question.yaml", "fact 'firmware' has no x-question in en, uk in the fact schema"),
    ("bad-yaml.yaml", "not valid YAML"),
    ("wrong-type.yaml", "'yes' is a string, but fact 'power.cable' is boolean in the fact schema, so 'equals' can "
                        "never hold; write true (no quotes)"),
    ("operator-typo.yaml", "unknown operator 'equal' in the comparison of 'power.cable'; did you mean 'equals'?"),
    ("operand-form.yaml", "'gt' needs a number or a constant ({const: NAME}), not \"5\""),
])
def test_each_check_reports_the_file_line_and_a_suggestion(name, message):
    path = FIXTURES / "broken" / name
    found = problems_of(name)
    assert any(p.startswith(f"{path}:{marked_line(path)}: ") and message in p for p in found), found


def test_duplicate_ids_and_derived_facts_nobody_derives_are_reported():
    found = problems_of("duplicate-id.yaml", "derived-missing.yaml")
    assert any(re.search(r"(duplicate-id|good)\.yaml:1: duplicate rule id 'powered' \(also in .*\); this file is left out", p)
               for p in found), found
    assert any("derived-missing.yaml:1: uses derived fact(s) no rule derives: ghost" in p for p in found), found


def test_rules_without_a_firing_or_a_quiet_scenario_are_reported():
    only_firing = {"x.feature": 'Then "powered" fails with "unplugged"\nThen "paper" passes\nThen "paper" fails with "empty"\n'}
    found = problems_of(features=only_firing)
    assert found == [f"{FIXTURES / 'good.yaml'}:1: no scenario shows rule 'powered' not firing "
                     "(add one with the step: Then \"powered\" passes, or: does not apply)"]


def test_lint_exit_status_is_1_on_problems_and_2_on_unreadable_input(tmp_path, capsys):
    broken = FIXTURES / "broken" / "unknown-fact.yaml"
    assert rules_main(["lint", str(FIXTURES / "frame"), str(FIXTURES / "good.yaml"), str(broken)]) == 1
    out = capsys.readouterr().out
    assert f"{broken}:{marked_line(broken)}: fact 'power.cabel' is not in the fact schema" in out
    assert rules_main(["lint", str(tmp_path / "nowhere.yaml")]) == 2
    assert "nowhere.yaml: no such file or folder" in capsys.readouterr().err
    assert rules_main(["lint", "--rules", str(tmp_path)]) == 2


def test_the_shipped_rules_lint_clean_against_the_shipped_schema_and_scenarios(capsys):
    status = rules_main(["lint", "--features", str(REPO / "features")])
    assert status == 0, capsys.readouterr().out


def test_every_loaded_rule_has_a_scenario_where_it_fires_and_one_where_it_does_not(knowledge):
    """The living documentation covers both sides of every rule (scanned from the feature files)."""
    result = knowledge
    features = read_features(REPO / "features")
    uncovered = {}
    for rule in result.ruleset.rules:
        firing, quiet = scenario_steps(features, rule.id, SCENARIO_STEPS)
        missing = [side for side, steps in (("firing", firing), ("not firing", quiet)) if not steps]
        if missing:
            uncovered[rule.id] = missing
    assert uncovered == {}


def test_scenario_steps_are_found_by_the_exact_step_wording():
    texts = {"a.feature": 'Then "x" fails with "y"\nThen "x-y" passes\nThen "x" does not apply\n'}
    assert scenario_steps(texts, "x", SCENARIO_STEPS) == (["a.feature:1"], ["a.feature:3"])
    assert scenario_steps(texts, "x-y", SCENARIO_STEPS) == ([], ["a.feature:2"])
