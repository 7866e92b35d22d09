"""Outcome plans (engine/expert_engine/outcome_plan.py): a rule's outcome remembered from an earlier diagnosis
is the outcome deciding it afresh gives, on generated tenants, whatever order they come in."""

from __future__ import annotations

import random
from unittest import mock

from bench.run import fact_sets
from expert_engine import outcome_plan
from expert_engine.compile import derived_key
from expert_engine.conditions import DerivedRef
from tests.helpers import shipped


def _seen(conclusions) -> list:
    return [(o.rule.id, o.status, o.finding and o.finding.id, o.because, o.missing, o.provided)
            for o in conclusions.outcomes] + [("diagnoses", tuple(d.rule.id for d in conclusions.diagnoses))]


def test_a_remembered_outcome_is_the_outcome_decided_afresh():
    engine = shipped().engine
    documents = fact_sets(300, seed=7)
    with mock.patch.object(outcome_plan.OutcomePlan, "inputs", return_value=None):
        fresh = [_seen(engine.diagnose(d)) for d in documents]
    order = list(range(len(documents))) * 2
    random.Random(3).shuffle(order)
    for index in order:
        assert _seen(engine.diagnose(documents[index])) == fresh[index], index


def test_a_plan_reads_the_derived_facts_its_conditions_lead_to_and_stays_bounded():
    engine = shipped().engine
    derivations = engine.ruleset.derivations
    reading = [rule for rule in engine.ruleset.rules
               if any(isinstance(ref, DerivedRef) for key in (engine.compiled.plans[rule.id].findings)
                      for ref in engine.compiled.shapes[key].refs)]
    assert reading, "the shipped rules read derived facts"
    for rule in reading:
        plan = engine._plans[rule.id]
        for key in engine.compiled.plans[rule.id].findings:
            for ref in engine.compiled.shapes[key].refs:
                if isinstance(ref, DerivedRef):
                    assert derived_key(ref.name) in plan.records
                    deriving = engine.compiled.shapes[derived_key(ref.name)]
                    assert all(tuple(p.split("[]")[0].split(".")) in plan.steps for p in deriving.paths)
                    if deriving.gated:
                        assert derivations[ref.name][0].stage in plan.stages
    plan = engine._plans[reading[0].id]
    for n in range(outcome_plan.REMEMBERED + 5):
        plan.remember(("test", n), engine.diagnose({}).outcomes[0])
    assert len(plan.decided) <= outcome_plan.REMEMBERED
