"""The engine's shortcuts on the per-diagnosis path give what the long way gives: the observations the engine
hands over with its conclusions are what observing the final conclusions again gives, and outcome keys tell
values apart as the rules and the evidence do."""

from __future__ import annotations

import json

from bench.run import fact_sets
from expert_engine.observations import observe
from expert_engine.outcome_plan import ValueIds
from tests.helpers import EXAMPLES, shipped


def test_the_observations_handed_over_are_those_of_the_final_conclusions():
    knowledge = shipped()
    engine, ruleset = knowledge.engine, knowledge.ruleset
    documents = fact_sets(200, seed=5) + [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.json"))]
    promoted = 0
    for document in documents:
        conclusions = engine.diagnose(document)
        assert conclusions.observed == observe(ruleset, conclusions, document, engine.observing)
        assert conclusions.observed == observe(ruleset, conclusions, document)
        promoted += any(o.provided and o.provided[0].condition is o.finding.when for o in conclusions.diagnoses
                        if o.finding is not None)
    assert promoted, "some document has an observation that promotes an undecided finding"


def test_outcome_keys_tell_apart_what_the_rules_or_the_evidence_tell_apart():
    values = ValueIds(("a", "b.c", "list"))
    read = [values.read(facts)[0] for facts in (
        {"a": True}, {"a": 1}, {"a": 1.0}, {"a": 0.0}, {"a": -0.0}, {"a": "1"}, {},
        {"b": {"c": None}}, {"b": {}}, {"list": [1]}, {"list": [True]}, {"list": [{"x": 1, "y": 2}]},
    )]
    firsts = [ids[0] for ids in read[:7]]
    assert len(set(firsts)) == len(firsts)
    assert read[7][1] != read[8][1] and read[9][2] != read[10][2]
    assert values.read({"list": [{"y": 2, "x": 1}]})[0][2] == read[11][2], "an object's key order does not matter"
    assert values.read({"a": True})[0] == read[0], "the same value keeps its number"
    assert values.read({"list": list(range(100))})[1] == frozenset({2}), "a long array is not worth a key"


def test_the_compiled_fold_is_kleene():
    import itertools

    from expert_engine.nodes import kleene, kleene_of

    for size in range(4):
        for values in itertools.product((True, False, None), repeat=size):
            for deciding in (True, False):
                parts = [lambda first, second, v=v: v for v in values]
                assert kleene_of(parts, deciding)(None, None) is kleene(values, deciding), (values, deciding)
