"""engine/expert_engine/session.py: the adapter to durable-rules' C core (registration, sessions, actions, chaining)."""

from __future__ import annotations

import json

import pytest

from expert_engine import EngineFailure
from expert_engine.session import DurableRuleset, Session, durable_json

WHEN_BIG = {"all": [{"m": {"$and": [{"kind": "doc"}, {"$gt": {"n": 10}}]}}]}
WHEN_DERIVED = {"all": [{"m": {"$and": [{"kind": "derived"}, {"name": "big"}]}}]}


def chaining() -> DurableRuleset[str]:
    def derive(session: Session[str], fired: str) -> None:
        session.record("big", True)
        session.assert_derived({"kind": "derived", "id": "derived:big", "name": "big"})

    def follow(session: Session[str], fired: str) -> None:
        session.record("followed", True)

    return DurableRuleset({"big": (WHEN_BIG, derive), "follows": (WHEN_DERIVED, follow)})


def test_actions_record_and_derived_facts_chain_before_assert_returns():
    ruleset = chaining()
    with ruleset.session() as session:
        session.assert_fact({"kind": "doc", "id": "doc", "n": 11})
        assert session.records == {"big": True, "followed": True}
    with ruleset.session() as session:
        session.assert_fact({"kind": "doc", "id": "doc", "n": 3})
        assert session.records == {}  # a fresh session: nothing of the previous one


def test_every_session_is_deleted_so_the_live_session_cap_is_never_reached():
    ruleset = chaining()
    for _ in range(1100):  # durable-rules refuses the 1025th live session of a ruleset
        with ruleset.session() as session:
            session.assert_fact({"kind": "doc", "id": "doc", "n": 11})


def test_an_action_that_raises_fails_the_diagnosis_instead_of_passing_silently():
    def broken(session: Session[str], fired: str) -> None:
        raise KeyError("boom")

    ruleset: DurableRuleset[str] = DurableRuleset({"big": (WHEN_BIG, broken)})
    with pytest.raises(EngineFailure, match="big: KeyError"), ruleset.session() as session:
        session.assert_fact({"kind": "doc", "id": "doc", "n": 11})


def test_a_rule_the_c_core_refuses_is_an_engine_failure():
    with pytest.raises(EngineFailure, match="refused the compiled rules"):
        DurableRuleset({"odd": ({"all": [{"m": {"$nosuch": {"n": 1}}}]}, lambda session, fired: None)})


def test_json_the_c_reader_refuses_is_rewritten_to_an_equal_form_it_reads():
    assert durable_json(json.dumps({"x": 1e-05, "s": "1e-05"})) == '{"x": 1.0e-05, "s": "1e-05"}'
    assert durable_json(json.dumps({"s": "\ud800"}, ensure_ascii=False)) == '{"s": "\\ud800"}'
    ruleset = chaining()
    with ruleset.session() as session:
        session.assert_fact({"kind": "doc", "id": "doc", "n": 1e-05, "s": "\ud800"})
        assert session.records == {}


def test_a_fact_over_the_c_cores_limit_is_refused_by_name_before_it_reaches_it():
    """The C core refuses a fact a few dozen bytes over 2**24 (error 314, measured): refused here, by name.
    (A facts document within the input cap no longer gets there: the engine hands durable-rules only
    what its rules read, tests/test_hostile_inputs.py.)"""
    from expert_engine import FactsError
    from expert_engine.session import MAX_FACT_BYTES

    ruleset = chaining()
    with pytest.raises(FactsError, match="too large for the rule engine.*16 MiB"), ruleset.session() as session:
        session.assert_fact({"kind": "doc", "id": "doc", "text": "x" * MAX_FACT_BYTES})
