"""The report's plans (worked out once per rule set, for a batch of thousands of tenants) give what working
each report out afresh gives: the symptom sections' explaining findings, the undecided entries, the
questions' order with symptoms."""

from __future__ import annotations

from bench.run import fact_sets
from expert_engine import explaining
from tests.helpers import shipped
from writeback_doctor.diagnosis import build_report
from writeback_doctor.report.symptoms import SymptomPlan, observed_values


def _edge_values() -> list[tuple[str, str, object]]:
    """Observed values a generator rarely gives: empty, odd types, items that are not objects."""
    return [("symptom", "error_code", value) for value in ("", "unknown", "none", 0, True, None, [], {})] + [
        ("symptom", "changes", [{}]), ("symptom", "changes", [{"kind": None}]), ("symptom", "changes", ["x"]),
        ("event_log", "events", [{"id": 33004}]), ("event_log", "events", [{"id": "33004", "source": 1}]),
        ("audit_log", "entries", [{"failure_reason": "other"}])]


def test_the_symptom_plan_explains_as_the_conditions_read_as_written():
    knowledge = shipped()
    plan = SymptomPlan(knowledge.ruleset, knowledge.schema, knowledge.engine.observing)
    seen = 0
    documents = fact_sets(300, seed=11)
    for facts in documents:
        for _, document, _ in observed_values(knowledge.schema, facts, plan.observed):
            ((top, section),) = document.items()
            ((key, _),) = section.items()
            assert plan.explaining(top, key, document) == explaining(knowledge.ruleset, document), document
            seen += 1
        assert list(observed_values(knowledge.schema, facts, plan.observed)) == list(
            observed_values(knowledge.schema, facts))
    for top, key, value in _edge_values():
        document = {top: {key: value}}
        if (top, key) in {(o.top, o.key) for o in plan.observed}:
            assert plan.explaining(top, key, document) == explaining(knowledge.ruleset, document), document
    assert seen > 100, "the generated tenants show observations"


def test_a_report_built_with_the_remembered_entries_is_the_report_built_afresh():
    knowledge = shipped()
    documents = fact_sets(200, seed=5)
    for lang in knowledge.languages:
        first = [build_report(knowledge.engine.diagnose(d), knowledge, d, lang) for d in documents]
        knowledge.tables.clear()
        for facts, report in zip(reversed(documents), reversed(first), strict=True):
            assert build_report(knowledge.engine.diagnose(facts), knowledge, facts, lang).to_json() == report.to_json()


def test_a_batch_line_text_is_json_dumps_of_its_line():
    """``line_text`` encodes a line in parts (the undecided entries remembered, what comes before and after them in
    one call each): the text is ``json.dumps`` of the whole line, whatever the head (a label with quotes, none)."""
    import json

    from writeback_doctor.report.batch_line import Severity, compact, line_text, top_problem

    knowledge = shipped()
    severities = tuple(s.name for s in knowledge.ruleset.severities if s.fails)
    remembered: dict = {}
    for n, facts in enumerate(fact_sets(150, seed=7)):
        for lang in knowledge.languages:
            report = build_report(knowledge.engine.diagnose(facts), knowledge, facts, lang)
            head = {"item": f"<stdin>:{n}", **({"label": 'a "quoted", \\ label ü'} if n % 2 else {}),
                    "status": "diagnosed", "exit": 1}
            severity, top = Severity.of(report, severities), top_problem(report)
            expected = json.dumps({**head, **compact(report, severities, severity, top)}, ensure_ascii=False)
            assert line_text(head, report, severities, severity, top, remembered) == expected


def test_a_question_rank_as_text_sorts_as_the_rank():
    """``explanations.sortable``: the report sorts its questions by one text per rank; that order is the ranks'."""
    import random

    from writeback_doctor.report.explanations import sortable

    rng = random.Random(3)
    paths = ["a", "a.b", "a.b.c", "a[].b", "ab", "b", "users", "users[].name", "é", "z" * 30, ""]
    for _ in range(300):
        ranks = [(rng.choice([0, 1, 9, 10, 11, 99, 100, 12345]), rng.randint(0, 12), rng.choice([0, 7, 70, 700, 10 ** 6]),
                  -rng.choice([1, 2, 9, 10, 11, 100]), rng.choice(paths)) for _ in range(rng.randint(2, 60))]
        assert sorted(ranks, key=sortable) == sorted(ranks)


def test_a_report_without_symptom_sections_is_the_report_with_them_less_those():
    """The batch's compact line, rows and summary show no symptom sections, so it builds its reports without them
    (``diagnose(..., symptoms=False)``): everything else is the same, the questions' order by symptoms included."""
    from writeback_doctor.diagnosis import diagnose

    knowledge = shipped()
    seen = 0
    for facts in fact_sets(120, seed=13):
        whole = diagnose(knowledge, facts)
        seen += bool(whole.observations)
        assert diagnose(knowledge, facts, symptoms=False) == whole._replace(observations=())
    assert seen > 10, "the generated tenants show symptoms"
