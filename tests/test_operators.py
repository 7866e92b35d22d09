"""engine/expert_engine/operators.py: each comparison defined once; ranges (`between`) and interval values, three-valued.

The table's truths are checked case by case against what an engineer would conclude
("below 2.5.79.0" is false of "2.6 or later", undecided of "2.4 or later"), and the
durable-rules side (compiled from the same table over precomputed bounds) is checked
against the reference evaluator (``tests/oracle.py``, written plainly) on generated
documents with interval values, rule by rule.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expert_engine import InferenceEngine, load_ruleset
from expert_engine.conditions import Compare, evaluate, head, parse
from expert_engine.operators import OPERATORS, is_interval, operand_problems
from tests.oracle import reference_outcomes

ROOT = Path(__file__).resolve().parent.parent
RANGES = Path(__file__).parent / "ranges" / "rules"


def truth(op: str, operand: Any, value: Any) -> bool | None:
    return evaluate(Compare("x", op, operand), {"x": value})


@pytest.mark.parametrize("op, operand, value, expected", [
    # the example of issue S: a rule on "below 2.5.79.0"
    ("version_lt", "2.5.79.0", {"at_least": "2.6"}, False),
    ("version_lt", "2.5.79.0", {"at_least": "2.4"}, None),
    ("version_lt", "2.5.79.0", {"below": "2.5.79.0"}, True),
    ("version_lt", "2.5.79.0", {"at_most": "2.5.79.0"}, None),
    ("version_lt", "2.5.79.0", {"at_least": "1.1.819.0", "below": "2.0"}, True),
    ("version_gte", "2.0", {"at_least": "1.1.819.0", "below": "2.0"}, False),
    ("version_gte", "2.0", {"above": "1.9999.99999.9999"}, True),  # versions are discrete: next after the last 1.x is 2.0
    ("version_gte", "2.0", "2.0.0.0", True),
    ("version_gte", "2.0", "2.x", None),                        # no version: undecided, as before
    ("version_gte", "2.0", {"at_least": "2.x"}, None),           # a bound that is no version decides nothing
    # numbers, open and closed bounds
    ("lt", 3, {"below": 3}, True),
    ("lt", 3, {"at_most": 3}, None),
    ("lt", 3, {"at_least": 3}, False),
    ("lte", 3, {"at_most": 3}, True),
    ("gt", 3, {"above": 3}, True),
    ("gt", 3, {"at_least": 3}, None),
    ("gte", 3, {"above": 2, "below": 3}, False),
    ("gte", 3, 3, True),
    ("lt", 3, True, None),                                      # true is no number
    ("lt", 3, {"at_least": 5, "at_most": 4}, None),              # an empty interval decides nothing
    # between: at least the first, below the second
    ("between", [5, 10], 5, True),
    ("between", [5, 10], 10, False),
    ("between", [5, 10], 9.5, True),
    ("between", [5, 10], {"at_least": 6, "below": 10}, True),
    ("between", [5, 10], {"at_least": 8}, None),
    ("between", [5, 10], {"above": 20}, False),
    ("between", ["1.1.819.0", "2.0"], "1.10", True),
    ("between", ["1.1.819.0", "2.0"], "2.0", False),
    ("between", ["1.1.819.0", "2.0"], {"at_least": "1.2", "below": "1.9"}, True),
    ("between", ["1.1.819.0", "2.0"], {"at_least": "1.5"}, None),
    ("between", ["1.1.819.0", "2.0"], 1.5, None),                # a number is no version
    # equality is never decided by an interval; presence is
    ("equals", 5, {"at_least": 6}, None),
    ("not_equals", 5, {"at_least": 6}, None),
    ("in", [5, 6], {"below": 1}, None),
    ("equals", "a", {"x": 1}, False),                            # an object that is no interval is a value
    ("present", True, {"at_least": 6}, True),
])
def test_ordering_comparisons_are_three_valued_over_intervals(op, operand, value, expected):
    node = parse({"fact": "x", op: operand})
    assert evaluate(node, {"x": value}) is expected


@pytest.mark.parametrize("value, interval", [
    ({"at_least": 1}, True), ({"above": "1.0", "below": "2.0"}, True), ({"at_most": 3, "below": 4}, False),
    ({"above": 1, "at_least": 2}, False), ({}, False), ({"around": 3}, False), ([1, 2], False), ("1.0", False),
])
def test_an_interval_is_an_object_of_one_lower_and_one_upper_bound_at_most(value, interval):
    assert is_interval(value) is interval


def test_every_operator_of_the_rule_schema_has_an_entry_and_words_in_every_language():
    schema = json.loads((ROOT / "engine" / "expert_engine" / "rule_schema.json").read_text(encoding="utf-8"))
    written = set(schema["$defs"]["comparison"]["properties"]) - {"fact"}
    assert written == set(OPERATORS)
    catalog = yaml.safe_load((ROOT / "writeback_doctor" / "messages" / "explain.yaml").read_text(encoding="utf-8"))
    for op, operator in OPERATORS.items():
        for operand in ([(1, 2)] if op in ("between", "in") else [True, False] if op == "present" else [1]):
            key, fields = operator.words(operand)
            for lang in ("en", "uk"):
                assert catalog[lang][key].format(fact="f", **fields)


def test_a_range_reads_as_words():
    words = {"between": "{fact} is at least {low} and below {high}"}
    assert head(parse({"fact": "connect.version", "between": ["1.1.819.0", "2.0"]}), words) == \
        'connect.version is at least "1.1.819.0" and below "2.0"'


@pytest.mark.parametrize("op, operand, fact, problem", [
    ("version_lt", "2.0", {"type": "integer"}, "compares 'x' as a version, but the fact schema says it is integer"),
    ("between", [1, 2], {"type": "string"}, "compares 'x' as a number"),
    ("between", [1, 2], {"anyOf": [{"type": "number"}, {"type": "object"}]}, None),
    ("lt", 3, {"type": ["integer", "null"]}, None),
    ("equals", "on", {"enum": ["one", "two"]}, "'on' is not a value fact 'x' can take; did you mean 'one'?"),
    ("in", ["one", "three"], {"enum": ["one", "two"]}, "'three' is not a value fact 'x' can take"),
])
def test_lint_checks_the_operand_from_the_table(op, operand, fact, problem):
    found = operand_problems(op, tuple(operand) if isinstance(operand, list) else operand, "x", fact)
    assert (found == []) if problem is None else (len(found) == 1 and problem in found[0])


# ------------------------------------------------------------------ durable-rules against the reference


VERSIONS = ["1.1.819.0", "1.9", "2.0", "2.4", "2.5.79.0", "2.6", "1.x", "99999.0"]
NUMBERS = [0, 2.5, 3, 5, 7, 10, 40, 50, 60]


def _interval(edges: list[Any]) -> st.SearchStrategy:
    bound = st.sampled_from(edges)
    return st.one_of(
        st.fixed_dictionaries({}, optional={"at_least": bound, "below": bound}),
        st.fixed_dictionaries({}, optional={"above": bound, "at_most": bound}),
        st.fixed_dictionaries({}, optional={"above": bound, "below": bound}),
    ).filter(bool)


def _value(edges: list[Any]) -> st.SearchStrategy:
    # a plain value of the wrong kind (a text for a number) is refused by the facts schema, not generated
    return st.one_of(st.sampled_from(edges), _interval(edges + ["n/a"]))


DOCUMENTS = st.fixed_dictionaries({}, optional={
    "firmware": _value(VERSIONS), "pages": _value(NUMBERS), "heat": _value(NUMBERS),
    "trays": st.lists(st.fixed_dictionaries({}, optional={"sheets": st.sampled_from(NUMBERS)}), max_size=3)})


@settings(max_examples=150, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(facts=DOCUMENTS)
def test_durable_rules_and_the_reference_agree_on_intervals(facts):
    ruleset = _ranges()[0]
    engine = _ranges()[1]
    conclusions = engine.diagnose(facts)
    got = {o.rule.id: (o.status, o.finding.id if o.finding else None) for o in conclusions.outcomes}
    want, _ = reference_outcomes(ruleset, facts)
    assert got == want, json.dumps(facts)


def test_an_interval_that_leaves_a_rule_undecided_is_asked_for():
    outcomes = {o.rule.id: o for o in _ranges()[1].diagnose({"firmware": {"at_least": "2.4"}}).outcomes}
    assert outcomes["firmware-below"].status == "unknown" and outcomes["firmware-below"].missing == ("firmware",)
    assert outcomes["firmware-at-least"].status == "fail"


_LOADED: list[Any] = []


def _ranges() -> tuple[Any, InferenceEngine]:
    if not _LOADED:
        result = load_ruleset(RANGES)
        assert result.problems == ()
        _LOADED.extend([result.ruleset, InferenceEngine(result.ruleset)])
    return _LOADED[0], _LOADED[1]
