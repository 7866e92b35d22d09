"""The step definitions behind every scenario in features/ (pytest-bdd reuses them from here).

Scenarios start from a shipped example or from nothing, change facts, diagnose, and state
the outcome of named rules. Facts change through the generic steps (a fact path and a value)
or through the support engineer's phrases of features/phrases.yaml, each a Given step made
from data. No two step patterns match the same step text (tests/features/test_steps.py
proves it over every feature file).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from pytest_bdd import given, parsers, then, when

from writeback_doctor.diagnosis import diagnose
from writeback_doctor.report.contract import Report

from .phrases import Phrase, PhraseParser, apply, load_phrases, load_wants, remove_fact, set_fact

REPO = Path(__file__).resolve().parents[2]


def _value(text: str) -> Any:
    """A step's value: JSON when it parses (true, 3, "all", [..]), else the bare text."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


@given(parsers.parse('the example "{name}"'), target_fixture="facts")
def example_facts(name: str) -> dict:
    return json.loads((REPO / "examples" / f"{name}.json").read_text(encoding="utf-8"))


@given("a healthy hybrid tenant", target_fixture="facts")
def healthy_tenant() -> dict:
    return example_facts("healthy-hybrid")


@given("nothing is known about the tenant", target_fixture="facts")
def no_facts() -> dict:
    return {}


@given("the facts:", target_fixture="facts")
def facts_from_docstring(docstring: str) -> dict:
    return json.loads(docstring)


@given(parsers.re(r'"(?P<path>[\w.]+)" is unknown'))
def fact_unknown(facts: dict, path: str) -> None:
    remove_fact(facts, path)


@given(parsers.re(r'"(?P<path>[\w.]+)" is (?!unknown$)(?P<value>.+)'))
def fact_is(facts: dict, path: str, value: str) -> None:
    set_fact(facts, path, _value(value))


def _phrase_step(phrase: Phrase) -> Any:
    def step(facts: dict, values: dict) -> None:
        apply(phrase, facts, values)

    step.__doc__ = f"features/phrases.yaml: {phrase.text}"
    return step


for _phrase in load_phrases():  # one Given step per phrase of the table
    given(PhraseParser(_phrase))(_phrase_step(_phrase))


@given("the users are:")
def users_are(facts: dict, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    facts["users"] = [
        {key: _value(cell) for key, cell in zip(header, row, strict=True) if cell.strip() != ""} for row in rows
    ]


@when("the tenant is diagnosed", target_fixture="report")
def diagnosed(facts: dict) -> Report:
    return diagnose(copy.deepcopy(facts))


def _status(report: Report, rule: str) -> str:
    try:
        return report.status_of(rule)
    except KeyError:
        raise AssertionError(f"rule {rule!r} has no outcome; is it loaded?") from None


@then(parsers.parse('"{rule}" fails with "{finding}"'))
def rule_fails(report: Report, rule: str, finding: str) -> None:
    diagnosis = report.diagnosis(rule)
    assert diagnosis is not None and diagnosis.finding.id == finding, (_status(report, rule), diagnosis)


@then(parsers.parse('"{rule}" fails with "{finding}", provided that "{paths}" is confirmed'))
def rule_fails_provided(report: Report, rule: str, finding: str, paths: str) -> None:
    diagnosis = report.diagnosis(rule)
    assert diagnosis is not None and diagnosis.finding.id == finding, (_status(report, rule), diagnosis)
    asked = [q.path for proviso in diagnosis.provided for q in proviso.questions]
    assert diagnosis.provided and asked == [p.strip() for p in paths.split(",")], diagnosis.provided


@then(parsers.re(r'"(?P<rule>[\w-]+)" fails with "(?P<finding>[\w-]+)", provided that someone confirms (?P<words>.+)'))
def rule_fails_provided_words(report: Report, rule: str, finding: str, words: str) -> None:
    """The finding holds on the proviso that the facts the words stand for (features/wants.yaml) are confirmed."""
    diagnosis = report.diagnosis(rule)
    assert diagnosis is not None and diagnosis.finding.id == finding, (_status(report, rule), diagnosis)
    asked = tuple(q.path for proviso in diagnosis.provided for q in proviso.questions)
    assert diagnosis.provided and asked == _want(words), diagnosis.provided


@then(parsers.parse('"{rule}" fails with "{finding}" for certain'))
def rule_fails_definitely(report: Report, rule: str, finding: str) -> None:
    diagnosis = report.diagnosis(rule)
    assert diagnosis is not None and diagnosis.finding.id == finding, (_status(report, rule), diagnosis)
    assert diagnosis.provided == (), diagnosis.provided


@then(parsers.parse('"{rule}" fails with {severity} "{finding}"'))
def rule_fails_at(report: Report, rule: str, finding: str, severity: str) -> None:
    diagnosis = report.diagnosis(rule)
    assert diagnosis is not None and diagnosis.finding.id == finding, (_status(report, rule), diagnosis)
    assert diagnosis.finding.severity == severity, diagnosis.finding


@then(parsers.parse('the rules conclude that "{name}" is {value}'))
def derived_is(report: Report, name: str, value: str) -> None:
    assert name in report.derived and report.derived[name].value == _value(value), report.derived.get(name)


@then(parsers.parse('the verdict is "{verdict}"'))
def verdict_is(report: Report, verdict: str) -> None:
    assert report.verdict.value == verdict, report.summary


@then(parsers.parse('"{rule}" passes'))
def rule_passes(report: Report, rule: str) -> None:
    assert _status(report, rule) == "pass", report.unknown_entry(rule) or report.diagnosis(rule)


@then(parsers.parse('"{rule}" does not apply'))
def rule_not_applicable(report: Report, rule: str) -> None:
    assert _status(report, rule) == "not_applicable", report.unknown_entry(rule) or report.diagnosis(rule)


@then(parsers.parse('"{rule}" is unknown for want of "{paths}"'))
def rule_unknown(report: Report, rule: str, paths: str) -> None:
    entry = report.unknown_entry(rule)
    assert entry is not None, (_status(report, rule), report.diagnosis(rule))
    assert list(entry.missing) == [p.strip() for p in paths.split(",")], entry.missing


WANTS = load_wants()


def _want(words: str) -> tuple[str, ...]:
    """The fact paths features/wants.yaml gives for an engineer's words (an unknown wording fails the step)."""
    try:
        return WANTS[words].facts
    except KeyError:
        raise AssertionError(f"features/wants.yaml has no entry {words!r}") from None


@then(parsers.re(r'"(?P<rule>[\w-]+)" is undecided for want of (?P<words>[^"].*)'))
def rule_undecided_for_want_of(report: Report, rule: str, words: str) -> None:
    """The rule is undecided and waits for exactly the facts the words stand for (features/wants.yaml)."""
    entry = report.unknown_entry(rule)
    assert entry is not None, (_status(report, rule), report.diagnosis(rule))
    assert tuple(entry.missing) == _want(words), entry.missing


@then(parsers.re(r'the report asks for (?P<words>.+)'))
def report_asks_for(report: Report, words: str) -> None:
    """Every fact the words stand for is among the report's questions (at any rank; bench/stories.py measures the rank)."""
    asked = [q.path for q in report.questions]
    assert set(_want(words)) <= set(asked), asked


@then(parsers.parse('the remedy of "{rule}" says "{text}"'))
def remedy_says(report: Report, rule: str, text: str) -> None:
    diagnosis = report.diagnosis(rule)
    assert diagnosis is not None and text in diagnosis.remedy, (_status(report, rule), diagnosis)


@then(parsers.parse('the remedy of "{rule}" does not say "{text}"'))
def remedy_does_not_say(report: Report, rule: str, text: str) -> None:
    diagnosis = report.diagnosis(rule)
    assert diagnosis is not None and text not in diagnosis.remedy, (_status(report, rule), diagnosis)


@then(parsers.parse('the diagnosis of "{rule}" says "{text}"'))
def diagnosis_says(report: Report, rule: str, text: str) -> None:
    diagnosis = report.diagnosis(rule)
    assert diagnosis is not None and text in diagnosis.diagnosis, (_status(report, rule), diagnosis)


@then(parsers.parse('the diagnosis of "{rule}" does not say "{text}"'))
def diagnosis_does_not_say(report: Report, rule: str, text: str) -> None:
    diagnosis = report.diagnosis(rule)
    assert diagnosis is not None and text not in diagnosis.diagnosis, (_status(report, rule), diagnosis)


@then("nothing fails")
def nothing_fails(report: Report) -> None:
    assert [d.id for d in report.diagnoses] == []


@then("the diagnoses are, in order:")
def diagnoses_in_order(report: Report, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    expected = [dict(zip(header, row, strict=True)) for row in rows]
    actual = [{key: str(d.to_json()[key]) for key in header} for d in report.diagnoses]
    assert actual == expected


# ------------------------------------------------------------------ symptoms (issue 24): suspects, unexplained


def _observation(report: Report, observation: str):
    found = [o for o in report.observations if o.observation == observation]
    assert found, f"{observation!r} is not observed: {[o.observation for o in report.observations]}"
    return found[0]


@then(parsers.parse('the report suspects "{rule}" for {observation}'))
def report_suspects(report: Report, rule: str, observation: str) -> None:
    assert rule in {s.rule.id for s in _observation(report, observation).suspects}


@then(parsers.parse('the report no longer suspects "{rule}" for {observation}'))
def report_rules_out(report: Report, rule: str, observation: str) -> None:
    entry = _observation(report, observation)
    assert rule not in {s.rule.id for s in entry.suspects} and rule in entry.checked, entry


@then(parsers.parse('{observation} is explained by "{rule}"'))
def observation_explained(report: Report, observation: str, rule: str) -> None:
    assert rule in _observation(report, observation).explained_by


@then(parsers.parse('no rule explains {observation}'))
def nothing_explains(report: Report, observation: str) -> None:
    assert _observation(report, observation).unexplained


@then("the report suspects nothing")
def no_suspects(report: Report) -> None:
    assert not report.observations


@then(parsers.parse('the first {count:d} questions ask for "{paths}"'))
def first_questions(report: Report, count: int, paths: str) -> None:
    assert {q.path for q in report.questions[:count]} == {p.strip() for p in paths.split(",")}
