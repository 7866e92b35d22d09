"""No two diagnoses give opposite advice about the same object.

tests/advice.yaml says, as data, which object each outcome advises on and which stance it
takes. This test replays every Gherkin scenario's Given steps (with the real step
definitions, so it follows the features' wording) and every shipped example, diagnoses the
facts, and fails when one report holds two stances on one object (for objects about users:
for the same user). It also checks advice no remedy may give, and that the data names only
rules and findings that exist.
"""

from __future__ import annotations

import copy
import inspect
import json
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml
from pytest_bdd.parser import FeatureParser

from tests.helpers import shipped
from writeback_doctor.diagnosis import diagnose

REPO = Path(__file__).resolve().parent.parent
ADVICE = yaml.safe_load((REPO / "tests" / "advice.yaml").read_text(encoding="utf-8"))

# Advice no remedy may give (English text, lower case), with the source that says why.
ADVICE_NEVER_GIVEN = {
    "rerun set-adsyncpasswordwritebackpermissions; wait":
        "how-to-connect-configure-ad-ds-connector-account: the cmdlet does not grant Change password",
    "or rerun set-adsyncpasswordwritebackpermissions; wait":
        "the same, for Change password",
    "change password, write lockouttime, write pwdlastset and unexpire password on the domain root (set-adsyncpasswordwritebackpermissions)":
        "the cmdlet grants only Reset password, Write lockoutTime and Write pwdLastSet",
    "the pdc emulator is still contacted":
        "password-writeback-error-code-sspr-0029: pointing the preferred-DC list at other DCs is Microsoft's workaround",
    "or add it to the list":
        "the same: a preferred-DC list without the PDC emulator is a supported set-up",
}


# ---------------------------------------------------------------- the stances of one report

def _matches(user: dict[str, Any], wanted: dict[str, Any]) -> bool:
    for field, value in wanted.items():
        allowed = value if isinstance(value, list) else [value]
        if field not in user or user[field] not in allowed:
            return False
    return True


def _subjects(entry: dict[str, Any], facts: dict[str, Any], per_user: bool) -> list[str]:
    if not per_user:
        return ["*"]
    users = facts.get("users") or []
    return [str(u.get("name", f"#{n}")) for n, u in enumerate(users)
            if isinstance(u, dict) and _matches(u, entry.get("users", {}))]


def stances(report: dict[str, Any], facts: dict[str, Any]) -> dict[tuple[str, str], set[str]]:
    """(object, subject) -> the stances the report's outcomes take on it."""
    failed = {d["id"]: d["finding"] for d in report["diagnoses"]}
    passed = set(report["passed"])
    taken: dict[tuple[str, str], set[str]] = {}
    for item in ADVICE:
        for stance, entries in item["stances"].items():
            for entry in entries:
                holds = (entry.get("outcome") == "pass" and entry["rule"] in passed) or (
                    "finding" in entry and failed.get(entry["rule"]) == entry["finding"])
                if holds:
                    for subject in _subjects(entry, facts, item.get("per_user", False)):
                        taken.setdefault((item["object"], subject), set()).add(stance)
    return taken


def contradictions(report: dict[str, Any], facts: dict[str, Any]) -> list[str]:
    """Every object (and subject) on which the report takes more than one stance, as sentences."""
    return [f"{obj} [{subject}]: {sorted(found)}"
            for (obj, subject), found in sorted(stances(report, facts).items()) if len(found) > 1]


def forbidden_advice(report: dict[str, Any]) -> list[str]:
    """Remedies that give advice no remedy may give."""
    found = []
    for d in report["diagnoses"]:
        text = d["remedy"].lower()
        found += [f"{d['id']}/{d['finding']}: '{phrase}' ({why})" for phrase, why in ADVICE_NEVER_GIVEN.items()
                  if phrase in text]
    return found


# ---------------------------------------------------------------- every scenario's facts

def _step_definitions() -> list[Any]:
    """The Given step definitions of the features' conftest, as pytest-bdd holds them."""
    import tests.features.conftest as steps

    found = []
    for name in sorted(dir(steps)):
        if name.startswith("pytestbdd_stepdef_given_"):
            found.append(getattr(steps, name)._get_wrapped_function()())
    return found


def _run_given(step: Any, facts: Any, definitions: list[Any]) -> Any:
    matching = [d for d in definitions if d.parser.is_matching(step.name)]
    assert len(matching) == 1, f"{step.name!r} matches {len(matching)} Given steps"
    definition = matching[0]
    arguments = dict(definition.parser.parse_arguments(step.name) or {})
    for name, convert in (definition.converters or {}).items():
        arguments[name] = convert(arguments[name])
    available = {"facts": facts, "docstring": step.docstring,
                 "datatable": step.datatable.raw() if step.datatable else None, **arguments}
    wanted = inspect.signature(definition.step_func).parameters
    result = definition.step_func(**{name: available[name] for name in wanted})
    return result if definition.target_fixture == "facts" else facts


def scenario_facts() -> Iterator[tuple[str, dict[str, Any]]]:
    """(feature:line scenario, facts) for every scenario (each example row of an outline)."""
    definitions = _step_definitions()
    for path in sorted((REPO / "features").rglob("*.feature")):
        feature = FeatureParser(str(REPO / "features"), str(path.relative_to(REPO / "features"))).parse()
        for template in feature.scenarios.values():
            contexts = [context for examples in template.examples for context in examples.as_contexts()]
            for context in contexts or [{}]:
                scenario = template.render(context)  # background steps included
                facts: Any = None
                for step in scenario.steps:
                    if step.type == "given":
                        facts = _run_given(step, facts, definitions)
                if facts is not None:
                    yield f"{path.relative_to(REPO)}:{template.line_number} {scenario.name}", facts


def example_facts() -> Iterator[tuple[str, dict[str, Any]]]:
    for path in sorted((REPO / "examples").glob("*.json")):
        yield f"examples/{path.name}", json.loads(path.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- tests

def test_the_advice_data_names_only_rules_and_findings_that_exist(knowledge):
    result = knowledge
    findings = {rule.id: {f.id for f in rule.findings} for rule in result.ruleset.rules}
    for item in ADVICE:
        assert len(item["stances"]) >= 2, item["object"]
        for entries in item["stances"].values():
            for entry in entries:
                assert entry["rule"] in findings, entry
                assert ("finding" in entry) != ("outcome" in entry), entry
                if "finding" in entry:
                    assert entry["finding"] in findings[entry["rule"]], entry
                else:
                    assert entry["outcome"] == "pass", entry


def test_every_scenario_was_replayed():
    replayed = list(scenario_facts())
    scenarios = sum(1 for path in (REPO / "features").rglob("*.feature")
                    for line in path.read_text(encoding="utf-8").splitlines()
                    if line.strip().startswith(("Scenario:", "Scenario Outline:")))
    assert len(replayed) >= scenarios


CASES = sorted(list(scenario_facts()) + list(example_facts()), key=lambda case: case[0])


@pytest.mark.parametrize("facts", [facts for _, facts in CASES], ids=[name for name, _ in CASES])
def test_no_two_diagnoses_contradict_each_other(facts):
    report = diagnose(shipped(), copy.deepcopy(facts)).to_json()
    assert contradictions(report, facts) == []
    assert forbidden_advice(report) == []


def _report(failed: dict[str, str], passed: list[str]) -> dict[str, Any]:
    return {"diagnoses": [{"id": r, "finding": f, "remedy": ""} for r, f in failed.items()], "passed": passed}


@pytest.mark.parametrize("failed, passed", [
    # the expert review's pairs, as the old rules reported them (the data still names both sides)
    ({"cloud-admin-enables-writeback": "writeback-admin-on-premises-federated"}, ["writeback-admin-managed"]),
    ({"event-ad-permissions": "remote-sam-access-denied-6329"}, ["remote-sam-allows-connector"]),
    ({"event-ad-permissions": "ad-permissions-error-33004", "protected-accounts-by-design": "protected-test-user"}, []),
])
def test_the_checker_sees_opposite_stances(failed, passed):
    assert len(contradictions(_report(failed, passed), {})) == 1


def test_advice_about_two_different_users_is_no_contradiction():
    facts = {"users": [{"name": "t@contoso.com", "source": "synced", "is_test_user": True, "license": "basic"},
                       {"name": "c@contoso.com", "source": "cloud_only", "license": "basic"}]}
    report = _report({"admin-and-test-user": "test-user-without-premium"}, ["license-cloud-only-users"])
    assert contradictions(report, facts) == []


def test_the_checker_sees_a_contradiction_about_one_user():
    facts = {"users": [{"name": "admin@contoso.onmicrosoft.com", "source": "cloud_only", "is_admin": True, "license": "none"}]}
    report = _report({"license-cloud-only-users": "cloud-only-user-unlicensed"}, [])
    assert contradictions(report, facts) == []
    both = {"diagnoses": report["diagnoses"], "passed": ["license-cloud-only-users"]}
    assert len(contradictions(both, facts)) == 1


def test_forbidden_advice_is_recognised():
    old = {"diagnoses": [{"id": "connector-account-permissions", "finding": "connector-cannot-change-password",
                          "remedy": "Add 'Change password' ... or rerun Set-ADSyncPasswordWritebackPermissions; wait for replication."}]}
    assert len(forbidden_advice(old)) == 2
