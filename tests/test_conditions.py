"""engine/expert_engine/conditions.py: the typed condition tree, parsed once with its lines, and the operations over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from expert_engine import load_ruleset
from expert_engine.conditions import (
    AllItems,
    AllOf,
    AnyOf,
    Compare,
    DerivedRef,
    EarlierStages,
    Not,
    children,
    derived_names,
    document,
    evaluate,
    head,
    kind,
    node_places,
    parse,
    paths,
    split,
    version_key,
    walk,
)
from writeback_doctor.catalog import phrases

PRINTERS = Path(__file__).parent / "printers" / "rules"

TRAYS_EMPTY = parse({"any_item": "trays", "where": {"all": [{"fact": "in_use", "equals": True}, {"fact": "sheets", "lt": 1}]}})


# ---------------------------------------------------------------- parsing


def test_a_rule_file_is_parsed_once_into_typed_nodes_that_know_their_file_and_line():
    paper = next(r for r in load_ruleset(PRINTERS).ruleset.rules if r.id == "paper")
    empty = paper.findings[0].when
    assert empty == TRAYS_EMPTY
    assert isinstance(paper.applies_when, DerivedRef) and paper.applies_when.name == "printer-on"
    file = PRINTERS / "basics" / "paper.yaml"
    line = next(n for n, text in enumerate(file.read_text(encoding="utf-8").splitlines(), 1) if "empty-tray" in text) + 2
    assert all(node.at.file == str(file) and node.at.line == line for node in walk(empty))
    assert str(empty.at) == f"{file}:{line}"


def test_block_style_nodes_each_have_their_own_line():
    text = {"all": [{"fact": "a", "equals": 1}, {"not": {"fact": "b", "present": True}}]}
    assert list(node_places(text)) == [(), ("all", 0), ("all", 1), ("all", 1, "not")]  # where the loader looks up lines
    tree = parse(text, "x.yaml", iter([1, 2, 3, 4]))  # ... in the order parse reads them
    assert [node.at.line for node in walk(tree)] == [1, 2, 3, 4]


def test_node_equality_is_structural_and_ignores_where_it_was_written():
    assert parse({"fact": "a", "in": ["x", "y"]}, "one.yaml", iter([3])) == Compare("a", "in", ("x", "y"))
    assert parse({"derived": "d", "is": False}) == DerivedRef("d", False)
    assert parse({"earlier_stages": "passed"}) == EarlierStages()
    assert parse({"not": {"any": [{"fact": "a", "gt": 1}]}}) == Not(AnyOf((Compare("a", "gt", 1),)))


# ---------------------------------------------------------------- structure


def test_children_and_walk_cover_every_node_in_written_order_including_items():
    assert children(TRAYS_EMPTY) == (TRAYS_EMPTY.where,)
    assert [kind(n) for n in walk(TRAYS_EMPTY)] == ["any_item", "all", "equals", "lt"]


def test_a_top_level_condition_splits_into_references_and_document_parts():
    top = parse({"all": [{"derived": "printer-on"}, {"fact": "a", "equals": 1}, {"earlier_stages": "passed"},
                         {"fact": "b", "equals": 2}]})
    refs, plain = split(top)
    assert refs == (DerivedRef("printer-on"), EarlierStages())
    assert document(plain) == AllOf((Compare("a", "equals", 1), Compare("b", "equals", 2)))
    assert document(split(DerivedRef("x"))[1]) is None
    assert derived_names(top) == ("printer-on",)


def test_paths_are_each_read_fact_once_items_as_array_fields_references_none():
    top = parse({"all": [{"derived": "d"}, {"fact": "a.b", "equals": 1},
                         {"all_items": "trays", "where": {"fact": "size", "equals": "A4"}},
                         {"not": {"fact": "a.b", "present": True}}]})
    assert paths(top) == ("a.b", "trays", "trays[].size")


# ---------------------------------------------------------------- evaluating


@pytest.mark.parametrize("facts, truth", [
    ({}, None),                                                                   # the array is absent
    ({"trays": []}, False),                                                       # some item of nothing: no
    ({"trays": [{"in_use": True, "sheets": 0}]}, True),
    ({"trays": [{"in_use": True}]}, None),                                         # a field absent: undecided
    ({"trays": [{"in_use": True}, {"in_use": True, "sheets": 0}]}, True),          # another item decides
    ({"trays": [{"in_use": False}]}, False),                                       # one false conjunct decides
    ({"trays": ["not an object"]}, None),
])
def test_evaluation_is_kleene_three_valued(facts, truth):
    assert evaluate(TRAYS_EMPTY, facts) is truth


def test_every_item_of_an_empty_array_holds_and_negation_keeps_undecided():
    every = AllItems("trays", Compare("size", "equals", "A4"))
    assert evaluate(every, {"trays": []}) is True
    assert evaluate(Not(every), {"trays": [{}]}) is None
    assert evaluate(AnyOf((Compare("a", "equals", 1), Compare("b", "equals", 2))), {"b": 2}) is True
    assert evaluate(AllOf((Compare("a", "equals", 1), Compare("b", "equals", 2))), {"b": 3}) is False


def test_equality_is_as_durable_rules_sees_it_true_is_not_one():
    assert evaluate(Compare("a", "equals", True), {"a": 1}) is False
    assert evaluate(Compare("a", "equals", 1), {"a": 1.0}) is True
    assert evaluate(Compare("a", "lt", 3), {"a": "2"}) is None                    # no number: undecided
    assert evaluate(Compare("a", "present", False), {}) is True


@pytest.mark.parametrize("have, truth", [("1.9", True), ("1.10", False), ("1.10.0.1", False), ("100000.0", None)])
def test_versions_compare_as_versions_and_an_unorderable_one_is_undecided(have, truth):
    assert evaluate(Compare("v", "version_lt", "1.10"), {"v": have}) is truth


def test_version_keys_order_components_numerically():
    assert version_key("1.10") > version_key("1.9.99.9") > version_key("1.9")
    assert version_key("1.2.x") is None and version_key(12) is None


def test_references_read_what_the_run_concluded():
    assert evaluate(DerivedRef("on"), {}, {"on": True}) is True
    assert evaluate(DerivedRef("on", False), {}, {"on": True}) is False
    assert evaluate(DerivedRef("on"), {}, {}) is None
    assert evaluate(AllOf((EarlierStages(), Compare("a", "equals", 1))), {"a": 1}, {}, True) is True
    assert evaluate(EarlierStages(), {}) is None


# ---------------------------------------------------------------- plain words


def test_plain_words_come_from_the_templates_passed_in():
    english = phrases("explain", "en")
    assert head(Compare("trays", "present", False), english) == "trays is not known"
    assert head(TRAYS_EMPTY, english) == "some item of trays has"
    assert head(Compare("size", "in", ("A4", "A5")), english, "trays[0].") == 'trays[0].size is one of "A4", "A5"'
    invented = {"equals": "«{fact}» = {value}"}
    assert head(Compare("a", "equals", "x"), invented) == '«a» = "x"'
