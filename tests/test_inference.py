"""engine/expert_engine/inference.py and engine/expert_engine/evidence.py: the run loop, the closed world, stage gates, evidence, missing facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from expert_engine import InferenceEngine, load_ruleset
from expert_engine.compile import RecordKey

PRINTERS = Path(__file__).parent / "printers" / "rules"
HEALTHY = {
    "power": {"cable": True, "switch": "on"},
    "trays": [{"in_use": True, "sheets": 50, "size": "A4"}],
    "firmware": "1.10.2",
    "still_broken": False,
}


@pytest.fixture(scope="module")
def engine() -> InferenceEngine:
    return InferenceEngine(load_ruleset(PRINTERS).ruleset)


def outcome(engine: InferenceEngine, facts: dict, rule_id: str):
    return next(o for o in engine.diagnose(facts).outcomes if o.rule.id == rule_id)


def test_the_stage_gates_the_run_opened_are_carried_in_the_conclusions(engine):
    assert engine.diagnose(HEALTHY).gates == {"service": True}
    failing = dict(HEALTHY, trays=[{"in_use": True, "sheets": 0, "size": "A4"}])
    assert engine.diagnose(failing).gates == {"service": False}
    assert engine.diagnose(dict(HEALTHY, trays=[{"in_use": True, "size": "A4"}])).gates == {"service": None}
    noted = dict(HEALTHY, trays=[{"in_use": True, "sheets": 9, "size": "Letter"}])  # a note does not close the gate
    assert engine.diagnose(noted).gates == {"service": True}


def test_the_derivation_index_is_the_rule_sets_built_once(engine):
    conclusions = engine.diagnose(HEALTHY)
    assert conclusions.derivations is engine.ruleset.derivations
    rule, derivation = conclusions.derivations["printer-on"]
    assert (rule.id, derivation.name) == ("powered", "printer-on")
    assert conclusions.derived == {"printer-on": (True, "powered")}


def test_the_closed_world_decides_a_derivation_once_every_fact_it_reads_is_known(engine):
    # 'printer-on' is cable AND switch: durable-rules decides it; with the switch unknown it stays open
    assert engine.diagnose({"power": {"cable": True}}).derived == {}
    assert engine.diagnose({"power": {"cable": True, "switch": "standby"}}).derived == {"printer-on": (False, "powered")}


def test_a_failure_rests_on_its_applicability_and_finding_facts_each_once(engine):
    found = outcome(engine, dict(HEALTHY, still_broken=True), "call-technician")
    assert found.status == "fail"
    assert [e.as_dict() for e in found.because] == [
        {"stages": "earlier stages passed", "value": True},
        {"derived": "printer-on", "value": True, "by": "powered"},
        {"fact": "still_broken", "value": True},
    ]


def test_quantifier_evidence_shows_the_deciding_items_reduced_to_the_fields_read(engine):
    trays = [{"in_use": True, "sheets": 5, "size": "A4", "colour": "grey"},
             {"in_use": True, "sheets": 0, "size": "A4", "id": "t2"}]
    found = outcome(engine, dict(HEALTHY, trays=trays), "paper")
    assert found.finding.id == "empty-tray"
    assert [e.as_dict() for e in found.because] == [
        {"derived": "printer-on", "value": True, "by": "powered"},
        {"fact": "trays", "value": [{"id": "t2", "in_use": True, "sheets": 0}]},
    ]


def test_missing_facts_follow_undecided_derived_facts_and_the_gate(engine):
    assert outcome(engine, {}, "paper").missing == ("power.cable", "power.switch", "trays")
    assert outcome(engine, {"power": {"cable": True, "switch": "on"}, "trays": [{"in_use": True}]}, "paper").missing == \
        ("trays[].sheets", "trays[].size")
    # the switch leaves 'powered' undecided: the gate of 'call-technician' and the derived fact it reads wait for it
    switch_unknown = dict(HEALTHY, power={"cable": True}, still_broken=True)
    conclusions = engine.diagnose(switch_unknown)
    assert conclusions.gates == {"service": None}
    assert {o.rule.id: o.missing for o in conclusions.unknown} == {
        "powered": ("power.switch",), "call-technician": ("power.switch",)}


def test_not_applicable_rests_on_the_applicability_facts(engine):
    found = outcome(engine, dict(HEALTHY, power={"cable": False, "switch": "on"}), "paper")
    assert found.status == "not_applicable"
    assert [e.as_dict() for e in found.because] == [{"derived": "printer-on", "value": False, "by": "powered"}]


def test_records_are_kept_under_named_keys(engine):
    plan = engine.compiled.plans["call-technician"]
    assert plan.applies == RecordKey("applies", "call-technician")
    assert plan.findings == (RecordKey("finding", "call-technician", "still-broken"),)


def test_building_an_engine_pauses_the_garbage_collector_and_restores_its_state():
    """Compiling a rule set runs with the cyclic collector off (full collections over thousands of
    new conditions cost more than the compiling), and leaves it as it found it."""
    import gc

    from expert_engine.inference import collection_paused

    seen = []
    for before in (True, False):
        (gc.enable if before else gc.disable)()
        try:
            with collection_paused():
                seen.append(gc.isenabled())
            assert gc.isenabled() is before
        finally:
            gc.enable()
    assert seen == [False, False]
