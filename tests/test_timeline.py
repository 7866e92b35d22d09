"""Timelines: "an item matching A with no later item matching K", ordered by an item field.

Generic (no rule set), then on a printer rule set extended with a jam log: the engine
(durable-rules over the precomputed truth) and the reference evaluator agree, missing or
equal times leave it undecided, and a later recovery clears the finding.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from expert_engine import InferenceEngine, load_ruleset
from expert_engine.compile import fails, holds, problems
from expert_engine.conditions import AnyItem, evaluate, head, kind, later_truth, parse, paths, walk
from expert_engine.explain import describe
from tests.oracle import reference_outcomes
from writeback_doctor.catalog import phrases

PRINTERS = Path(__file__).parent / "printers"

TIMELINE = {"any_item": "log", "where": {"fact": "code", "equals": "jam"},
            "not_followed_by": {"fact": "code", "equals": "cleared"}, "order_by": "time"}
NODE = parse(TIMELINE)


def entry(code: str, time: object = None) -> dict:
    return {"code": code} if time is None else {"code": code, "time": time}


@pytest.mark.parametrize(("log", "expected"), [
    ([entry("jam", "2026-01-01T10:00:00Z")], True),
    ([entry("jam", "2026-01-01T10:00:00Z"), entry("cleared", "2026-01-01T10:05:00Z")], False),
    ([entry("cleared", "2026-01-01T09:00:00Z"), entry("jam", "2026-01-01T10:00:00Z")], True),
    # a jam, cleared, jammed again: the last one is not cleared
    ([entry("jam", "2026-01-01T10:00:00Z"), entry("cleared", "2026-01-01T10:05:00Z"),
      entry("jam", "2026-01-01T11:00:00Z")], True),
    # offsets are compared as times, not as texts (11:00+02:00 is 09:00Z, before the jam)
    ([entry("jam", "2026-01-01T10:00:00Z"), entry("cleared", "2026-01-01T11:00:00+02:00")], True),
    ([entry("jam", 5), entry("cleared", 7)], False),
    ([], False),
    ([entry("cleared", "2026-01-01T10:00:00Z")], False),
    # no recovery anywhere: the jam's time does not matter
    ([entry("jam")], True),
    # undecided, never guessed: a recovery whose order against the jam is unknown
    ([entry("jam", "2026-01-01T10:00:00Z"), entry("cleared")], None),
    ([entry("jam"), entry("cleared", "2026-01-01T10:00:00Z")], None),
    ([entry("jam", "2026-01-01T10:00:00Z"), entry("cleared", "2026-01-01T10:00:00Z")], None),
    ([entry("jam", "2026-01-01T10:00:00"), entry("cleared", "2026-01-01T10:05:00Z")], None),
    ([entry("jam", "yesterday"), entry("cleared", "2026-01-01T10:05:00Z")], None),
    ([entry("jam", 5), entry("cleared", "2026-01-01T10:05:00Z")], None),
    # an item of unknown kind may be a recovery
    ([entry("jam", "2026-01-01T10:00:00Z"), {"time": "2026-01-01T10:05:00Z"}], None),
    # but one decided unrecovered jam is enough
    ([entry("jam"), entry("cleared", "2026-01-01T10:00:00Z"), entry("jam", "2026-01-01T11:00:00Z")], True),
])
def test_an_item_with_no_later_recovery(log, expected):
    assert evaluate(NODE, {"log": log}) is expected


def test_an_absent_list_is_undecided_and_an_item_never_follows_itself():
    assert evaluate(NODE, {}) is None
    same = parse({**TIMELINE, "not_followed_by": {"fact": "code", "in": ["jam", "cleared"]}})
    assert evaluate(same, {"log": [entry("jam", 1)]}) is True
    assert later_truth(same, [entry("jam", 1), entry("jam", 2)]) == [False, True]


def test_the_node_reads_its_order_field_and_is_described_in_words():
    assert isinstance(NODE, AnyItem) and NODE.order == "time"
    assert paths(NODE) == ("log", "log[].code", "log[].time")
    assert [kind(n) for n in walk(NODE)] == ["any_item_not_followed", "equals", "equals"]
    words = phrases("explain", "en")
    assert head(NODE, words) == "some item of log has the first, and no item later by time has the second"
    text = describe(NODE, words)
    assert "jam" in text and "cleared" in text


def test_both_sides_compile_onto_durable_rules_and_nesting_is_refused():
    assert holds(NODE) is not None and fails(NODE) is not None
    assert holds(NODE)["$mt"]["t"].endswith(":1.*") and fails(NODE)["$mt"]["t"].endswith(":0.*")
    assert holds(parse({"not": TIMELINE})) == fails(NODE)
    nested = parse({"any_item": "racks", "where": TIMELINE})
    assert any("cannot stand inside" in p for p in problems(nested))


# ---------------------------------------------------------------- on the printer rule set


JAM_RULE = """\
id: unrecovered-jam
stage: service
order: 5
origin: article
source: {url: "https://example.org/printers"}
title: {en: "t", uk: "т"}
findings:
  - id: jammed
    severity: critical
    when:
      any_item: jams
      where: {fact: state, equals: jammed}
      not_followed_by: {fact: state, equals: cleared}
      order_by: at
    diagnosis: {en: "t", uk: "т"}
    remedy: {en: "t", uk: "т"}
"""


@pytest.fixture(scope="module")
def printers(tmp_path_factory) -> InferenceEngine:
    root = tmp_path_factory.mktemp("printers")
    shutil.copytree(PRINTERS, root, dirs_exist_ok=True)
    (root / "rules" / "service" / "unrecovered-jam.yaml").write_text(JAM_RULE, encoding="utf-8")
    schema = json.loads((root / "schema.json").read_text(encoding="utf-8"))
    schema["properties"]["jams"] = {"type": "array", "items": {"type": "object", "properties": {
        "state": {"type": "string"}, "at": {"type": "string"}}}}
    (root / "schema.json").write_text(json.dumps(schema), encoding="utf-8")
    result = load_ruleset(root / "rules")
    assert result.problems == ()
    return InferenceEngine(result.ruleset)


def jam_outcome(engine: InferenceEngine, jams: list | None) -> str:
    facts = {} if jams is None else {"jams": jams}
    outcome = next(o for o in engine.diagnose(facts).outcomes if o.rule.id == "unrecovered-jam")
    reference, _ = reference_outcomes(engine.ruleset, facts)
    assert reference["unrecovered-jam"] == (outcome.status, outcome.finding.id if outcome.finding else None)
    return outcome.status


@pytest.mark.parametrize(("jams", "status"), [
    ([{"state": "jammed", "at": "2026-03-01T08:00:00Z"}], "fail"),
    ([{"state": "jammed", "at": "2026-03-01T08:00:00Z"}, {"state": "cleared", "at": "2026-03-01T08:01:00Z"}], "pass"),
    ([{"state": "cleared", "at": "2026-03-01T07:00:00Z"}, {"state": "jammed", "at": "2026-03-01T08:00:00Z"}], "fail"),
    ([{"state": "jammed", "at": "2026-03-01T08:00:00Z"}, {"state": "cleared"}], "unknown"),
    ([], "pass"),
    (None, "unknown"),
])
def test_the_engine_and_the_reference_evaluator_read_the_timeline_alike(printers, jams, status):
    assert jam_outcome(printers, jams) == status


def test_the_evidence_shows_the_failure_and_the_recoveries_the_engine_weighed(printers):
    jams = [{"state": "cleared", "at": "2026-03-01T07:00:00Z"}, {"state": "idle", "at": "2026-03-01T07:30:00Z"},
            {"state": "jammed", "at": "2026-03-01T08:00:00Z"}]
    outcome = next(o for o in printers.diagnose({"jams": jams}).outcomes if o.rule.id == "unrecovered-jam")
    assert outcome.status == "fail"
    shown = [e.value for e in outcome.because if e.name == "jams"]
    assert shown and [item["state"] for item in shown[0]] == ["cleared", "jammed"]


def _quadratic_later_truth(node: AnyItem, items: list) -> list:
    """The timeline's definition read literally: every item against every other (n squared)."""
    from expert_engine.conditions import _later, kleene_and, kleene_or, order_key

    keys = [order_key(i.get(node.order)) if isinstance(i, dict) else None for i in items]
    recoveries = [evaluate(node.later, i) if isinstance(i, dict) else None for i in items]
    truths = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            truths.append(None)
            continue
        followed = kleene_or(kleene_and((recoveries[o], _later(keys[o], keys[index])))
                             for o in range(len(items)) if o != index)
        truths.append(kleene_and((evaluate(node.where, item), None if followed is None else not followed)))
    return truths


def test_the_sorted_timeline_agrees_with_the_definition_on_every_kind_of_log():
    """``later_truth`` works from sorted order values (n log n): on 3,000 random logs with equal,
    missing, numeric and textual times, unknown codes and non-object items it gives, item by item,
    what comparing every pair gives."""
    import random

    rng = random.Random(13)
    times = [None, 1, 2, 2.5, "2026-01-01T10:00:00Z", "2026-01-01T10:00:00+00:00", "2026-01-01T11:00:00Z",
             "2026-01-01T10:00:00", "not a time"]
    for _ in range(3000):
        log: list = []
        for _ in range(rng.randint(0, 7)):
            if rng.random() < 0.05:
                log.append("text")
                continue
            item = {} if rng.random() < 0.1 else {"code": rng.choice(["jam", "cleared", "other"])}
            time = rng.choice(times)
            if time is not None:
                item["time"] = time
            log.append(item)
        assert later_truth(NODE, log) == _quadratic_later_truth(NODE, log), log


def test_a_long_log_is_read_in_n_log_n():
    """20,000 events: the pairwise definition would make 400 million comparisons; counted, not timed."""
    from unittest import mock

    from expert_engine import conditions

    log = [entry("jam" if n % 3 else "cleared", f"2026-01-01T{n // 3600 % 24:02d}:{n // 60 % 60:02d}:{n % 60:02d}Z")
           for n in range(20_000)]
    with mock.patch.object(conditions, "kleene_and", wraps=conditions.kleene_and) as combined:
        truths = later_truth(NODE, log)
    assert combined.call_count <= 2 * len(log)  # the pairwise reading combines every pair: 400 million
    assert truths[-1] is True and truths[0] is False  # the last jam is never cleared; the first entry is no jam


def test_items_alike_are_judged_once_and_unlike_ones_never_merged():
    """Long arrays (``conditions.Items``) are judged once per distinct item as the condition reads it: true, 1
    and 1.0 are equal in Python and hash alike, yet the conditions tell them apart, so they are never merged;
    objects and arrays are judged item by item. On 400 random long logs of such values the grouped timeline,
    the compiled closures and a plain quantifier give what reading every item (and every pair) gives."""
    import random

    from expert_engine.conditions import GROUPED_FROM, AllItems, kleene_and, kleene_or
    from expert_engine.evaluation import truth

    rng = random.Random(29)
    codes = [1, 1.0, True, False, 0, None, "1", "jam", {"x": 1}, [1]]
    node = parse({"any_item": "log", "where": {"fact": "code", "equals": 1},
                  "not_followed_by": {"fact": "code", "equals": True}, "order_by": "time"})
    every = AllItems("log", node.where)
    compiled, compiled_every = truth(node), truth(every)
    for _ in range(400):
        log: list = []
        for n in range(rng.randint(GROUPED_FROM, 3 * GROUPED_FROM)):
            item = {} if rng.random() < 0.1 else {"code": rng.choice(codes)}
            if rng.random() < 0.8:
                item["time"] = rng.choice([n, n // 2, "2026-01-01T10:00:00Z", None])
            log.append(item if rng.random() > 0.03 else "text")
        expected = _quadratic_later_truth(node, log)
        assert later_truth(node, log) == expected, log
        assert evaluate(node, {"log": log}) is kleene_or(expected) is compiled({"log": log}, None), log
        each = [evaluate(every.where, i) if isinstance(i, dict) else None for i in log]
        assert evaluate(every, {"log": log}) is kleene_and(each) is compiled_every({"log": log}, None), log
