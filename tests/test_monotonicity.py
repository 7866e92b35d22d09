"""Two properties of trustworthy conclusions, over generated facts documents (``test_oracle``'s generator).

Monotonicity: learning one more fact never turns a decided outcome (a diagnosis, a pass, a
"does not apply") into "unknown". Checked with the reference evaluator (``tests/oracle.py``),
which the oracle test holds the engine to, so that the engine's documented closed-world
difference does not blur it; the engine is checked against the same cases in
``test_the_engine_never_forgets_a_diagnosis_when_it_learns_more``.

Facts in dispute are the one exception, by design (``expert_engine/disputes.py``, issue Q): a learned
fact that contradicts another is itself the diagnosis ("the facts disagree"), and what rests on either
fact is left undecided until the disagreement is settled.

Open-world lists: without ``tenant.users_list_complete``, no diagnosis may rest on "no such
account exists": adding an account to the list never takes a diagnosis back.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expert_engine.conditions import Compare, walk
from expert_engine.model import FAIL, UNKNOWN
from tests.helpers import budget, derandomized, facts_documents, shipped
from tests.oracle import reference_outcomes

PROPERTY = settings(max_examples=budget(150, 1500), deadline=None,
                    derandomize=derandomized(),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def leaf_paths(facts: dict[str, Any]) -> list[tuple[str, ...]]:
    """Every fact that can be taken away: object members down to the leaves, whole arrays."""
    found: list[tuple[str, ...]] = []

    def walk(node: Any, at: tuple[str, ...]) -> None:
        for key, value in node.items():
            found.append((*at, key))
            if isinstance(value, dict):
                walk(value, (*at, key))

    walk(facts, ())
    return found


def without(facts: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    smaller = copy.deepcopy(facts)
    node = smaller
    for step in path[:-1]:
        node = node[step]
    del node[path[-1]]
    return smaller


def outcomes(facts: dict[str, Any]) -> dict[str, tuple[str, str | None]]:
    result = shipped().loaded
    return reference_outcomes(result.ruleset, facts)[0]


@PROPERTY
@given(facts=facts_documents(), data=st.data())
def test_learning_a_fact_never_turns_a_decided_outcome_into_unknown(facts, data):
    paths = leaf_paths(facts)
    if not paths:
        return
    path = data.draw(st.sampled_from(paths))
    (before, derived_before), (after, derived_after) = decided(without(facts, path)), decided(facts)
    if in_dispute(after):
        return  # the disagreement is the diagnosis; what rests on the disputed facts waits for it
    if presumption_taken_back(derived_before, derived_after):
        return  # a fact presumed from what was not said: saying more may take it back, by design (below)
    forgotten = {rule: (before[rule], after[rule]) for rule in before
                 if before[rule][0] != UNKNOWN and after[rule][0] == UNKNOWN}
    assert forgotten == {}, f"learning {'.'.join(path)} made these undecided: {forgotten}"


def decided(facts: dict[str, Any]) -> tuple[dict[str, tuple[str, str | None]], dict[str, bool]]:
    """The reference outcomes and derived facts of ``facts``."""
    return reference_outcomes(shipped().loaded.ruleset, facts)


def presumption_taken_back(before: dict[str, bool], after: dict[str, bool]) -> bool:
    """Whether a derived fact that reads the absence of a fact (``present: false``) held before and no longer does.

    Such a fact is a presumption from what was not said, the second exception by design beside disputes: "only
    the US Government endpoints were tested" presumes the US Government cloud (usgov-cloud), and a test of the
    global endpoints learned next takes the presumption back, so a failure that was certain is reported "provided
    that" the cloud is confirmed (features/connectivity/usgov-endpoints.feature, "Tests of two clouds leave the
    cloud to confirm"), and what waits on that stage is undecided again."""
    return any(before.get(name) is True and after.get(name) is not True for name in _derived_from_absence())


@cache
def _derived_from_absence() -> frozenset[str]:
    """The shipped derived facts that read the absence of a fact (``present: false``), found once per process."""
    ruleset = shipped().loaded.ruleset
    return frozenset(d.name for rule in ruleset.rules for d in rule.derives
                     if any(isinstance(node, Compare) and node.op == "present" and node.value is False for node in walk(d.when)))


def in_dispute(decided: dict[str, tuple[str, str | None]]) -> bool:
    """Whether a finding that puts facts in dispute holds among the outcomes."""
    result = shipped().loaded
    disputing = {(rule.id, f.id) for rule in result.ruleset.rules for f in rule.findings if f.disputes}
    return any(status == FAIL and (rule, finding) in disputing for rule, (status, finding) in decided.items())


@PROPERTY
@given(facts=facts_documents(), data=st.data())
def test_the_engine_never_forgets_a_diagnosis_when_it_learns_more(facts, data):
    paths = leaf_paths(facts)
    if not paths:
        return
    path = data.draw(st.sampled_from(paths))
    engine = shipped().engine
    before = {o.rule.id for o in engine.diagnose(without(facts, path)).diagnoses}
    after = engine.diagnose(facts)
    if any(o.finding is not None and o.finding.disputes for o in after.diagnoses):
        return  # facts in dispute: see the module
    undecided = {o.rule.id for o in after.unknown}
    assert before & undecided == set(), f"learning {'.'.join(path)} made diagnoses undecided"


EVERY_KIND_OF_ACCOUNT = [
    {"name": "admin@example.invalid", "source": "cloud_only", "license": "premium", "is_admin": True,
     "is_test_user": False},
    {"name": "test@example.invalid", "source": "synced", "license": "premium", "is_admin": False,
     "is_test_user": True},
]


@PROPERTY
@given(facts=facts_documents())
def test_no_diagnosis_rests_on_no_such_account_over_an_incomplete_list(facts):
    facts.get("tenant", {}).pop("users_list_complete", None)
    if not isinstance(facts.get("users"), list):
        return
    before = {rule for rule, (status, _) in outcomes(facts).items() if status == FAIL}
    longer = copy.deepcopy(facts)
    longer["users"] = longer["users"] + copy.deepcopy(EVERY_KIND_OF_ACCOUNT)
    after = {rule for rule, (status, _) in outcomes(longer).items() if status == FAIL}
    assert before <= after, f"an added account took back: {sorted(before - after)}"


def test_a_list_naming_only_the_test_user_does_not_say_no_administrator_exists():
    facts = {"users": [{"name": "test@example.invalid", "is_admin": False, "is_test_user": True, "license": "premium"}],
             "sspr": {"enabled_for": "selected"}, "tenant": {"premium_licenses_assigned": 5}}
    assert outcomes(facts)["admin-and-test-user"] == (UNKNOWN, None)
    facts["tenant"]["users_list_complete"] = True
    assert outcomes(facts)["admin-and-test-user"] == (FAIL, "no-admin-account")


def test_a_provisional_failure_does_not_close_a_later_stage():
    """A preferred-DC finding that holds only provided that Connect uses preferred DCs must not make
    the last-resort check 'not applicable': learning that it does not use them would reopen it."""
    facts: dict[str, Any] = {"connect": {"installed": True, "preferred_dcs_include_rodc": False,
                                         "preferred_dcs_reachable": "some"}}
    engine = shipped().engine
    before = {o.rule.id: o for o in engine.diagnose(facts).outcomes}
    assert before["preferred-dcs-writable-reachable"].status == FAIL and before["preferred-dcs-writable-reachable"].provided
    assert before["toggle-writeback"].status == UNKNOWN
    assert outcomes(facts)["toggle-writeback"] == (UNKNOWN, None)
    facts["connect"]["preferred_dcs_only"] = False
    assert outcomes(facts)["toggle-writeback"] == (UNKNOWN, None)


def test_a_presumption_from_what_was_not_said_is_told_apart():
    # only the US Government endpoint tested presumes that cloud; a global test learned next takes it back
    only_usgov = {"network": {"passwordreset_usgov_https": False}}
    both = {"network": {"passwordreset_usgov_https": False, "passwordreset_https": False}}
    assert presumption_taken_back(decided(only_usgov)[1], decided(both)[1])
    assert not presumption_taken_back(decided({})[1], decided(only_usgov)[1])
    assert not presumption_taken_back(decided(both)[1], decided({**both, "tenant": {"cloud": "usgov"}})[1])
