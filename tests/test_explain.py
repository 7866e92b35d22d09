"""Explanations (--explain) and the questions that settle unknowns: observable in every format."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from expert_engine import InferenceEngine, load_ruleset
from expert_engine.conditions import parse
from expert_engine.explain import Context, describe, explain_outcome, explanation_lines
from expert_engine.schema import QUESTION_KEY, schema_leaves, schema_node
from tests.helpers import shipped
from writeback_doctor.catalog import phrases
from writeback_doctor.cli import main
from writeback_doctor.diagnosis import diagnose_facts
from writeback_doctor.knowledge import facts_schema

REPO = Path(__file__).resolve().parent.parent
HEALTHY = json.loads((REPO / "examples" / "healthy-hybrid.json").read_text(encoding="utf-8"))
PRINTERS = Path(__file__).parent / "printers"


def healthy(**changes) -> dict:
    facts = copy.deepcopy(HEALTHY)
    for path, value in changes.items():
        *parents, last = path.split("__")
        node = facts
        for step in parents:
            node = node.setdefault(step, {})
        if value is None:
            node.pop(last, None)
        else:
            node[last] = value
    return facts


def entry(report: dict, rule_id: str) -> dict:
    for key in ("diagnoses", "unknown", "not_applicable"):
        for item in report[key]:
            if item["id"] == rule_id:
                return item
    return next(p for p in report["passed_explained"] if p["id"] == rule_id)


# ---------------------------------------------------------------- plain words


@pytest.mark.parametrize("condition, en, uk", [
    ({"fact": "connect.version", "version_lt": "1.1.443"}, 'connect.version is below "1.1.443"', 'версія connect.version нижча за "1.1.443"'),
    ({"fact": "a.b", "equals": True}, "a.b is true", "a.b дорівнює true"),
    ({"fact": "a", "in": ["x", "y"]}, 'a is one of "x", "y"', 'a — одне з: "x", "y"'),
    ({"fact": "n", "gte": 3}, "n is at least 3", "n не менше за 3"),
    ({"fact": "n", "present": False}, "n is not known", "n невідомо"),
    ({"derived": "printer-on", "is": False}, "printer-on is false", "printer-on — хиба"),
    ({"earlier_stages": "passed"}, "every earlier stage passed", "усі попередні етапи пройдено"),
    ({"not": {"any_item": "trays", "where": {"fact": "sheets", "lt": 1}}},
     "it is not so that: some item of trays has: sheets is less than 1",
     "неправда, що: якийсь елемент «trays» має: sheets менше за 1"),
])
def test_conditions_read_as_plain_words_in_both_languages(condition, en, uk):
    assert describe(parse(condition), phrases("explain", "en")) == en
    assert describe(parse(condition), phrases("explain", "uk")) == uk


# ---------------------------------------------------------------- how, why, why not


def test_a_diagnosis_names_the_condition_and_the_fact_value_that_satisfied_it():
    report = diagnose_facts(shipped(), healthy(connect__version="1.6.16.0"), explain=True)
    explanation = entry(report, "connect-latest-version")["explanation"]
    assert explanation["status"] == "fail"
    (finding,) = explanation["findings"]
    assert finding["finding"] == "connect-v1-retired"
    assert finding["condition"] == {"op": "version_lt", "text": 'connect.version is below "2.0"', "truth": True,
                                    "fact": "connect.version", "present": True, "value": "1.6.16.0",
                                    "about": finding["condition"]["about"]}


def test_a_derived_fact_is_explained_by_the_rule_that_derived_it():
    # without Connect there is no writeback switch, time since enabling it, full import or writeback service event
    report = diagnose_facts(shipped(), healthy(connect__installed=False, connect__writeback_enabled=None,
                                    connect__minutes_since_writeback_enabled=None,
                                    connect__full_import_completed=None, event_log=None), explain=True)
    applies = entry(report, "full-import-and-sync-done")["explanation"]["applies"]
    assert (applies["derived"], applies["truth"], applies["by"]) == ("connect-in-place", False, "connect-installed-ad-prepared")
    stated, *evidence = applies["how"]["children"]
    leaves = {c["fact"]: (c["truth"], c["value"]) for c in stated["children"]}
    assert leaves == {"connect.installed": (False, False), "connect.ad_connector_configured": (True, True)}
    assert [e["truth"] for e in evidence] == [False, False, False, False]


def test_a_passed_rule_says_why_and_a_near_miss_names_the_one_condition_that_failed():
    report = diagnose_facts(shipped(), healthy(connect__preferred_dcs_only=True, connect__preferred_dcs_include_pdc=True), explain=True)
    assert "pdc-emulator-reachable" in report["passed"]
    findings = {f["finding"]: f for f in entry(report, "pdc-emulator-reachable")["explanation"]["findings"]}
    assert findings["pdc-emulator-unreachable"]["truth"] is False
    near = findings["preferred-dcs-without-pdc"]
    assert near["almost"] is True
    assert near["why_not"] == "connect.preferred_dcs_include_pdc is false"


def test_an_unknown_rule_shows_the_undecided_condition():
    report = diagnose_facts(shipped(), healthy(sspr=None), explain=True)
    findings = entry(report, "sspr-enabled")["explanation"]["findings"]
    assert findings[0]["condition"]["truth"] is None
    assert findings[0]["condition"]["present"] is False


def test_explaining_keeps_every_key_of_the_report_and_only_adds():
    facts = healthy(connect__version="1.6.16.0", sspr=None)
    plain, explained = diagnose_facts(shipped(), copy.deepcopy(facts)), diagnose_facts(shipped(), copy.deepcopy(facts), explain=True)
    for key, value in plain.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            assert [{k: e[k] for k in p} for p, e in zip(value, explained[key], strict=False)] == value
        else:
            assert explained[key] == value
    assert set(explained) - set(plain) == {"passed_explained"}
    assert [p["id"] for p in explained["passed_explained"]] == plain["passed"]


def test_explanations_are_deterministic():
    facts = healthy(connect__version="1.6.16.0", sspr=None)
    first = json.dumps(diagnose_facts(shipped(), copy.deepcopy(facts), "uk", explain=True), ensure_ascii=False)
    assert json.dumps(diagnose_facts(shipped(), copy.deepcopy(facts), "uk", explain=True), ensure_ascii=False) == first


@pytest.mark.parametrize("fmt, expected", [
    ("table", 'connect.version is below "2.0" — holds (value "1.6.16.0"'),
    ("markdown", 'connect.version is below "2.0" — holds (value "1.6.16.0"'),
    ("html", "connect.version is below &quot;2.0&quot; — holds (value &quot;1.6.16.0&quot;"),
])
def test_explain_is_available_in_every_text_format(tmp_path, capsys, fmt, expected):
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps(healthy(connect__version="1.6.16.0")), encoding="utf-8")
    assert main([str(facts), "--format", fmt, "--explain"]) == 1
    assert expected in capsys.readouterr().out
    assert main([str(facts), "--format", fmt]) == 1
    assert expected not in capsys.readouterr().out


def test_explain_in_json_is_structured(tmp_path, capsys):
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps(healthy(connect__version="1.6.16.0")), encoding="utf-8")
    assert main([str(facts), "--format", "json", "--explain", "--lang", "uk"]) == 1
    report = json.loads(capsys.readouterr().out)
    explanation = entry(report, "connect-latest-version")["explanation"]
    assert explanation["findings"][0]["condition"]["text"] == 'версія connect.version нижча за "2.0"'


def test_provenance_of_a_fact_is_shown_when_present():
    result = load_ruleset(PRINTERS / "rules")
    engine = InferenceEngine(result.ruleset)
    facts = {"power": {"cable": False, "switch": "on"}, "trays": [], "firmware": "1.10.2", "still_broken": False}
    conclusions = engine.diagnose(facts)
    words = phrases("explain", "en")
    context = Context(result.ruleset, conclusions, facts, "en", words, sources={"power.cable": "interview, question 3"})
    outcome = next(o for o in conclusions.outcomes if o.rule.id == "powered")
    lines = explanation_lines(explain_outcome(outcome, context), words)
    assert any("power.cable" in line and "from interview, question 3" in line for line in lines)


# ---------------------------------------------------------------- questions


def test_every_leaf_fact_has_a_question_in_english_and_ukrainian():
    schema = facts_schema()
    jsonschema.validators.validator_for(schema).check_schema(schema)  # the x- keyword is accepted
    missing = [path for path in schema_leaves(schema)
               if not all((schema_node(schema, path).get(QUESTION_KEY) or {}).get(lang) for lang in ("en", "uk"))]
    assert missing == []


def test_unknowns_name_their_questions_most_decisive_first(knowledge):
    """Ordered by what can change the outcome most: the earliest stage and most severe finding among
    the rules that read the fact themselves (then the article's order), not by how many rules wait."""
    from writeback_doctor.report.unknowns import question_rank

    report = diagnose_facts(shipped(), {}, "uk")
    questions = report["questions"]
    ruleset = knowledge.ruleset
    ranks = [question_rank(q["path"], [ruleset.rule(r) for r in q["decides"]], ruleset) for q in questions]
    assert ranks == sorted(ranks)
    paths = [q["path"] for q in questions]
    assert paths.index("sspr.enabled_for") < paths.index("event_log.events")  # the switch before the log
    assert paths[0] == "tenant.assigned_licenses"  # the article's first critical setup check
    assert {q["path"] for q in questions} == {m for u in report["unknown"] for m in u["missing"]}
    for question in questions:
        assert question["question"].endswith("?")
        assert all(question["path"] in entry(report, r)["missing"] for r in question["decides"])
    first = report["unknown"][0]
    assert [q["path"] for q in first["questions"]] == first["missing"]


def test_questions_appear_in_table_and_markdown_as_a_checklist(tmp_path, capsys):
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps(healthy(sspr=None)), encoding="utf-8")
    main([str(facts), "--format", "markdown"])
    markdown = capsys.readouterr().out
    question = facts_schema()["properties"]["sspr"]["properties"]["enabled_for"][QUESTION_KEY]["en"]
    assert f"- [ ] {question} (`sspr.enabled_for`" in markdown
    main([str(facts)])
    assert "sspr.enabled_for" in capsys.readouterr().out
