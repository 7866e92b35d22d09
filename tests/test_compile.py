"""engine/expert_engine/compile.py: conditions to durable-rules (holds and fails), the closed world, a rule set's plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from expert_engine import load_ruleset
from expert_engine.compile import (
    RecordKey,
    compile_ruleset,
    decided_by_one_fact,
    fails,
    holds,
    precomputed,
    problems,
)
from expert_engine.conditions import (
    AllItems,
    AnyItem,
    AnyOf,
    Compare,
    Not,
    parse,
)

PRINTERS = Path(__file__).parent / "printers" / "rules"


@pytest.mark.parametrize("condition, holding, failing", [
    (Compare("a", "equals", 1), {"f.a": 1}, {"$neq": {"f.a": 1}}),
    (Compare("a", "not_equals", 1), {"$neq": {"f.a": 1}}, {"f.a": 1}),
    # by order: the precomputed highest value is below, or the lowest is not (a plain value is both)
    (Compare("a", "lt", 3), {"$lt": {"v.number_high.a": 3}}, {"$gte": {"v.number_low.a": 3}}),
    (Compare("a", "gte", 3), {"$gte": {"v.number_low.a": 3}}, {"$lt": {"v.number_high.a": 3}}),
    (Compare("a", "between", (1, 5)), {"$and": [{"$gte": {"v.number_low.a": 1}}, {"$lt": {"v.number_high.a": 5}}]},
     {"$or": [{"$lt": {"v.number_high.a": 1}}, {"$gte": {"v.number_low.a": 5}}]}),
    (Compare("a", "present", True), {"$ex": {"f.a": 1}}, {"$nex": {"f.a": 1}}),
    (Compare("a", "in", ("x", "y")), {"$or": [{"f.a": "x"}, {"f.a": "y"}]},
     {"$and": [{"$neq": {"f.a": "x"}}, {"$neq": {"f.a": "y"}}]}),
    (Compare("a.b", "version_lt", "1.10"), {"$lt": {"v.version_high.a__b": 10010000000000}},
     {"$gte": {"v.version_low.a__b": 10010000000000}}),
    (Compare("a", "between", ("1.10", "2")), {"$and": [{"$gte": {"v.version_low.a": 10010000000000}},
                                                     {"$lt": {"v.version_high.a": 20000000000000}}]},
     {"$or": [{"$lt": {"v.version_high.a": 10010000000000}}, {"$gte": {"v.version_low.a": 20000000000000}}]}),
])
def test_each_comparison_compiles_to_its_holds_and_fails_forms(condition, holding, failing):
    assert holds(condition) == holding
    assert fails(condition) == failing


def test_negation_is_pushed_down_and_connectives_swap_when_failing():
    either = AnyOf((Compare("a", "equals", 1), Compare("b", "equals", 2)))
    assert fails(Not(either)) == holds(either) == {"$or": [{"f.a": 1}, {"f.b": 2}]}
    assert fails(either) == {"$and": [{"$neq": {"f.a": 1}}, {"$neq": {"f.b": 2}}]}


def test_quantifiers_read_items_and_every_item_of_an_empty_array_holds():
    some = AnyItem("trays", Compare("sheets", "lt", 1))
    assert holds(some) == {"$iany": {"f.trays": {"$lt": {"$i.sheets": 1}}}}
    assert fails(some) == {"$or": [{"n.trays": 0}, {"$iall": {"f.trays": {"$gte": {"$i.sheets": 1}}}}]}


def test_a_range_inside_items_compares_the_field_itself_on_both_sides():
    some = AnyItem("trays", Compare("sheets", "between", (1, 10)))
    assert holds(some) == {"$iany": {"f.trays": {"$and": [{"$gte": {"$i.sheets": 1}}, {"$lt": {"$i.sheets": 10}}]}}}
    assert fails(some) == {"$or": [{"n.trays": 0}, {"$iall": {"f.trays": {"$or": [{"$lt": {"$i.sheets": 1}},
                                                                                  {"$gte": {"$i.sheets": 10}}]}}}]}


def test_alternatives_over_different_item_fields_are_left_to_the_closed_world():
    # durable-rules evaluates $or inside items over different fields as $and (tests/test_durable_behaviour.py)
    every = AllItems("trays", AnyOf((Compare("in_use", "equals", False), Compare("sheets", "gt", 0))))
    assert holds(every) is None
    assert fails(every) is not None  # some item fails both: distributed, no $or inside the item
    same_field = AllItems("trays", Compare("size", "in", ("A4", "A5")))
    assert holds(same_field) is not None


@pytest.mark.parametrize("condition, message", [
    ({"any_item": "a", "where": {"any_item": "b", "where": {"fact": "c", "equals": 1}}},
     "cannot stand inside another quantifier"),
    ({"any_item": "a", "where": {"fact": "v", "version_lt": "1.0"}}, "version comparisons are not supported"),
    ({"any_item": "a", "where": {"fact": "v", "between": ["1.0", "2.0"]}}, "version comparisons are not supported"),
    ({"fact": "v", "between": ["2.0", "1.10"]}, "'between' needs two numbers or two versions, the first below the second, "
                                                 "not [\"2.0\", \"1.10\"]"),
    ({"fact": "n", "between": [3, 3]}, "the first below the second, not [3, 3]"),
    ({"fact": "n", "lt": "3"}, "'lt' needs a number, not \"3\""),  # a named constant of the wrong kind
    ({"any": [{"all_items": "a", "where": {"any": [{"fact": "x", "equals": 1}, {"fact": "y", "equals": 1}]}},
              {"any_item": "a", "where": {"not": {"any": [{"fact": "x", "equals": 1}, {"fact": "y", "equals": 1}]}}}]},
     "inside array items both ways"),
])
def test_what_durable_rules_cannot_run_is_a_problem_of_the_rule(condition, message):
    found = problems(parse(condition))
    assert len(found) == 1 and message in found[0]


def test_one_present_fact_decides_a_plain_comparison_but_not_a_quantifier_presence_or_version():
    assert decided_by_one_fact(Compare("a", "equals", 1))
    assert not decided_by_one_fact(Compare("a", "present", True))
    assert not decided_by_one_fact(Compare("a", "version_lt", "1.0"))
    assert not decided_by_one_fact(Compare("a", "between", ("1.0", "2")))
    assert decided_by_one_fact(Compare("a", "between", (1, 2)))  # an interval value counts as absent (evidence.absent_paths)
    assert not decided_by_one_fact(AnyItem("a", Compare("b", "equals", 1)))


def test_a_rule_set_compiles_to_a_plan_per_rule_with_named_record_keys():
    ruleset = load_ruleset(PRINTERS).ruleset
    compiled = compile_ruleset(ruleset)
    paper = compiled.plans["paper"]
    assert paper.applies == RecordKey("applies", "paper")
    assert paper.findings == (RecordKey("finding", "paper", "empty-tray"), RecordKey("finding", "paper", "wrong-size"))
    assert paper.findings[0].kind == "finding" and paper.findings[0].finding == "empty-tray"
    assert compiled.gated_stages == {"service"}
    assert [(domain.name, path) for domain, path in compiled.ordered] == [("version", "firmware")]
    assert compiled.arrays == ("trays",)
    assert compiled.paths == ("firmware", "power.cable", "power.switch", "still_broken", "trays", "trays[].in_use",
                              "trays[].sheets", "trays[].size")
    # one-fact findings fail by the closed world (no Python callback while they pass)
    assert compiled.closed_world[RecordKey("finding", "powered", "unplugged")].side is False
    assert "powered|finding|unplugged|fails|doc" not in compiled.durable
    # every durable rule records what it decided, true or false
    assert {(key, value) for _, key, value in compiled.durable.values()} >= {
        (RecordKey("derived", "printer-on"), True), (RecordKey("derived", "printer-on"), False)}


def test_versions_and_array_lengths_are_precomputed_for_durable_rules():
    compiled = compile_ruleset(load_ruleset(PRINTERS).ruleset)
    one = 10010000000000
    assert precomputed(compiled, {"firmware": "1.10", "trays": [{}, {}]}) == (
        {"version_low": {"firmware": one}, "version_high": {"firmware": one}}, {"trays": 2}, ";")
    assert precomputed(compiled, {"firmware": "1.x"}) == ({}, {}, ";")
    # an interval value: its bounds, an open one as the next version inwards, an unbounded side left out
    assert precomputed(compiled, {"firmware": {"at_least": "1.10"}}) == ({"version_low": {"firmware": one}}, {}, ";")
    assert precomputed(compiled, {"firmware": {"above": "1.9", "below": "1.10"}}) == (
        {"version_low": {"firmware": 10009000000001}, "version_high": {"firmware": one - 1}}, {}, ";")
