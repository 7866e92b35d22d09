"""The node-kind table (engine/expert_engine/node_kinds) is the one place a node kind's meaning is written.

Every kind of condition the rule schema has is one entry with every facet; no engine module outside
the table (conditions, evaluation, compile, projection, explain, lint, evidence, arrange,
observations, outcome_plan, ...) holds a case of its own or tests a node's class; and a kind added
to the table here, and nowhere else, is parsed, compiled for durable-rules, decided by the engine
(its evidence and missing facts included), evaluated, explained, linted and projected.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path
from typing import Any

import pytest

from expert_engine import InferenceEngine, load_ruleset
from expert_engine.arrange import picks_items
from expert_engine.compile import _precomputes, fails, holds, problems
from expert_engine.conditions import Compare, Condition, Location, evaluate, head, kind, node_places, parse, paths
from expert_engine.evaluation import opener, truth
from expert_engine.explain import Context, trace
from expert_engine.lint import _facts_read
from expert_engine.node_kinds import NODE_KINDS, NodeKind, Opener, Tracer, Truth, kind_of, register, unregister
from expert_engine.nodes import JsonPath, kleene
from expert_engine.observations import label
from expert_engine.patterns import Durable
from expert_engine.projection import plan, project

ENGINE = Path(__file__).resolve().parent.parent / "engine" / "expert_engine"
PRINTERS = Path(__file__).parent / "printers" / "rules"


def _schema_kinds() -> set[frozenset[str]]:
    """The keys that make a condition of each kind, as rule_schema.json requires them."""
    defs = json.loads((ENGINE / "rule_schema.json").read_text(encoding="utf-8"))["$defs"]
    found = {frozenset(defs["derived_ref"]["required"]), frozenset(defs["stages_ref"]["required"]),
             frozenset(defs["comparison"]["required"])}
    for option in (*defs["condition"]["oneOf"], *defs["condition_not_all"]["oneOf"]):
        if "required" in option:
            found.add(frozenset(option["required"]))
    return found


def test_every_node_kind_of_the_rule_schema_has_exactly_one_entry():
    entries = [frozenset(entry.keys) for entry in NODE_KINDS]
    assert len(entries) == len(set(entries))
    assert set(entries) == _schema_kinds()
    assert len({entry.word for entry in NODE_KINDS}) == len(NODE_KINDS)


WRITTEN = [
    {"all": [{"fact": "a", "equals": 1}, {"fact": "b", "present": True}]},
    {"any": [{"fact": "a", "equals": 1}, {"fact": "b", "lt": 3}]},
    {"not": {"fact": "a", "in": [1, 2]}},
    {"any_item": "xs", "where": {"fact": "k", "equals": "x"}},
    {"any_item": "xs", "where": {"fact": "k", "equals": "x"}, "not_followed_by": {"fact": "k", "equals": "y"}, "order_by": "at"},
    {"all_items": "xs", "where": {"fact": "k", "gte": 2}},
    {"fact": "v", "version_lt": "1.10"},
    {"derived": "printer-on", "is": False},
    {"earlier_stages": "passed"},
]


class Recorder:
    """A tracer that says which shape of explanation a node chose."""

    def derived(self, node: Any) -> str:
        return "derived"

    def earlier_stages(self, node: Any) -> str:
        return "earlier_stages"

    def parts(self, node: Any) -> str:
        return "parts"

    def items(self, node: Any, array: str, judged: tuple[Condition, ...], existential: bool,
              per_item: Callable[[list[Any]], list[bool | None]] | None) -> str:
        return "items"

    def fact(self, node: Any, fact: str) -> str:
        return "fact"

    def judge(self, node: Condition, item: Any) -> bool | None:
        return evaluate(node, item)


WORDS = {"all": "all", "any": "any", "not": "not", "any_item": "some {array}", "any_item_not_followed": "some {array} by {order}",
         "all_items": "every {array}", "derived": "{name} is {value}", "earlier_stages": "earlier", "true": "true",
         "false": "false", "version_lt": "{fact} < {value}", "version_gte": "{fact} >= {value}", "none": "none of these"}


@pytest.mark.parametrize("written", WRITTEN, ids=lambda w: "+".join(w))
def test_each_entry_has_every_facet_and_is_the_node_s_kind(written):
    node = parse(written, "r.yaml", iter(range(1, 100)))
    entry = kind_of(node)
    assert frozenset(entry.keys) == frozenset(k for k in written if k in entry.keys) and entry.accepts(node)
    assert list(node_places(written))[0] == ()
    paths(node)
    assert evaluate(node, {}) is None or entry.reference is False
    assert truth(node)({}, None) == evaluate(node, {})
    found: list[str] = []
    assert opener(node)({}, "", found) == evaluate(node, {})
    if entry.reference:
        assert holds(node) is None and fails(node) is None
        assert entry.matched(node, "power", True)
    else:
        assert holds(node) is not None or fails(node) is not None
    assert head(node, WORDS) and kind(node)
    assert entry.explain(node, Recorder()) in ("derived", "earlier_stages", "parts", "items", "fact")
    list(_facts_read(node))
    list(_precomputes(node, False))
    problems(node)
    plan([node])


NODE_TYPES = r"(AllOf|AnyOf|Not|AnyItem|AllItems|Compare|DerivedRef|EarlierStages)"


def test_no_engine_module_outside_the_table_tests_node_types():
    """Every engine module (the table's folder aside) asks the table: no ``match``, no ``case``, no ``isinstance``
    or ``type(...) is`` of a node class."""
    modules = sorted(ENGINE.glob("*.py"))
    assert {"conditions.py", "evidence.py", "arrange.py", "observations.py", "outcome_plan.py"} <= {m.name for m in modules}
    for module in modules:
        text = module.read_text(encoding="utf-8")
        assert not re.search(r"^\s+match \w", text, re.M), module.name
        assert not re.search(rf"^\s+case {NODE_TYPES}\b", text, re.M), module.name
        assert not re.search(rf"isinstance\([^()]*,\s*\(?[^)]*\b{NODE_TYPES}\b", text), module.name
        assert not re.search(rf"type\([^()]*\)\s+(is|==)\s+{NODE_TYPES}\b", text), module.name


def test_the_check_for_node_type_tests_would_see_one():
    assert re.search(rf"isinstance\([^()]*,\s*\(?[^)]*\b{NODE_TYPES}\b", "if isinstance(node, (AnyItem, AllItems)):")
    assert re.search(rf"isinstance\([^()]*,\s*\(?[^)]*\b{NODE_TYPES}\b", "x = isinstance(ref, DerivedRef)")
    assert not re.search(rf"isinstance\([^()]*,\s*\(?[^)]*\b{NODE_TYPES}\b", "isinstance(value, Mapping) and Not")


# ---------------------------------------------------------------- how a conclusion is read from each kind

WHAT_A_CONCLUSION_READS = {
    # written kind: (conjuncts, derived_fact, reads_gate, deciding_items (array, deciding, fields), picks "xs", label_values)
    "all": (2, None, False, None, False, ()),
    "any": (1, None, False, None, False, ()),
    "not": (1, None, False, None, False, ()),
    "any_item+where": (1, None, False, ("xs", True, ("k",)), True, ()),
    "any_item+where+not_followed_by+order_by": (1, None, False, ("xs", True, ("k", "at")), True, ()),
    "all_items+where": (1, None, False, ("xs", False, ("k",)), False, ()),
    "fact+version_lt": (1, None, False, None, False, ("1.10",)),
    "derived+is": (1, ("printer-on", False), False, None, False, ()),
    "earlier_stages": (1, None, True, None, False, ()),
}


@pytest.mark.parametrize("written", WRITTEN, ids=lambda w: "+".join(w))
def test_each_entry_says_how_a_conclusion_reads_it(written):
    node = parse(written, "r.yaml", iter(range(1, 100)))
    entry = kind_of(node)
    conjuncts, derived, gate, deciding, picks, values = WHAT_A_CONCLUSION_READS["+".join(written)]
    assert len(entry.conjuncts(node)) == conjuncts and (conjuncts > 1 or entry.conjuncts(node) == (node,))
    assert entry.derived_fact(node) == derived and entry.reads_gate(node) is gate
    assert entry.reference == (derived is not None or gate)
    found = entry.deciding_items(node)
    assert (found if found is None else (found.array, found.deciding, found.fields)) == deciding
    if found is not None:  # an item shown as deciding it decides it alone
        item = {"k": "x", "at": 1} if "any_item" in written else {"k": 1}
        assert evaluate(found.judged, item) is found.deciding
        assert evaluate(node, {"xs": [item]}) is found.deciding
    assert picks_items(node, "xs") is picks and picks_items(node, "ys") is False
    assert entry.label_values(node) == values


# ---------------------------------------------------------------- a kind added here, and nowhere else


@dataclass(frozen=True, slots=True)
class NoneOf:
    """No part holds."""

    parts: tuple[Condition, ...]
    at: Location = field(default=Location(), compare=False)


class NoneOfKind(NodeKind):
    """``{none: [...]}``: no part holds (the negation of ``any``), written as a node kind of its own."""

    node_type, word, keys = NoneOf, "none", ("none",)

    def parse(self, data: Mapping[str, Any], at: Location, part: Callable[[Any], Condition]) -> Any:
        return NoneOf(tuple(part(p) for p in data["none"]), at)

    def parts_written(self, data: Mapping[str, Any]) -> Iterator[tuple[JsonPath, Any]]:
        for index, part in enumerate(data["none"]):
            yield ("none", index), part

    def children(self, node: NoneOf) -> tuple[Condition, ...]:
        return node.parts

    def evaluate(self, node: NoneOf, scope: Any, derived: Any, earlier: Any, again: Any) -> bool | None:
        some = kleene((again(p, scope, derived, earlier) for p in node.parts), True)
        return None if some is None else not some

    def truth(self, node: NoneOf, again: Callable[[Condition], Truth]) -> Truth:
        parts = [again(p) for p in node.parts]

        def none(scope: Any, derived: Any) -> bool | None:
            some = kleene((part(scope, derived) for part in parts), True)
            return None if some is None else not some

        return none

    def opener(self, node: NoneOf, again: Callable[[Condition], Opener], truth: Callable[[Condition], Truth]) -> Opener:
        parts = [again(p) for p in node.parts]

        def none(scope: Any, prefix: str, found: list[str]) -> bool | None:
            mark = len(found)
            some = kleene([part(scope, prefix, found) for part in parts], True)
            if some is not None:
                del found[mark:]
            return None if some is None else not some

        return none

    def durable(self, node: NoneOf, positive: bool, item: bool, again: Callable[[Condition, bool, bool], Durable]) -> Durable:
        compiled = [again(p, not positive, item) for p in node.parts]
        return compiled[0] if len(compiled) == 1 else {"$and" if positive else "$or": compiled}

    def explain(self, node: NoneOf, tracer: Tracer[Any]) -> Any:
        return tracer.parts(node)

    def picks_items(self, node: NoneOf, array: str, again: Callable[[Condition], bool]) -> bool:
        return False  # "none of them": like "not", about the whole array


@pytest.fixture
def none_kind() -> Iterator[NoneOfKind]:
    entry = NoneOfKind()
    register(entry)
    yield entry
    unregister(entry)


def _rewritten(condition: Any) -> Any:
    """``not any`` / ``not`` of one part and ``version_lt`` rewritten with ``none`` (same meaning), through the tree."""
    if isinstance(condition, Compare) and condition.op == "version_lt":
        return NoneOf((Compare(condition.fact, "version_gte", condition.value, condition.at),), condition.at)
    if hasattr(condition, "part") and type(condition).__name__ == "Not":
        inner = condition.part
        parts = inner.parts if type(inner).__name__ == "AnyOf" else (inner,)
        return NoneOf(tuple(_rewritten(p) for p in parts), condition.at)
    if dataclasses.is_dataclass(condition):
        changes = {}
        for name in ("findings", "derives", "parts", "part", "where", "later", "when", "provided", "applies_when"):
            value = getattr(condition, name, None)
            if isinstance(value, tuple):
                changes[name] = tuple(_rewritten(v) for v in value)
            elif value is not None and dataclasses.is_dataclass(value):
                changes[name] = _rewritten(value)
        return dataclasses.replace(condition, **changes) if changes else condition  # type: ignore[type-var]
    return condition


def test_a_kind_added_to_the_table_alone_is_parsed_evaluated_explained_linted_and_projected(none_kind):
    written = {"none": [{"fact": "a", "equals": 1}, {"any_item": "xs", "where": {"fact": "k", "equals": "x"}}]}
    node = parse(written, "r.yaml", iter(range(1, 10)))
    assert isinstance(node, NoneOf) and node.at.line == 1 and node.parts[1].at.line == 3
    assert list(node_places(written)) == [(), ("none", 0), ("none", 1), ("none", 1, "where")]
    assert paths(node) == ("a", "xs", "xs[].k")
    for document, expected in [({"a": 2, "xs": [{"k": "y"}]}, True), ({"a": 1}, False), ({"xs": [{"k": "x"}]}, False),
                               ({"a": 2}, None), ({"xs": []}, None)]:
        assert evaluate(node, document) is expected
        assert truth(node)(document, None) is expected
        missing: list[str] = []
        assert opener(node)(document, "", missing) is expected
        assert (missing == []) == (expected is not None)
    assert opener(node)({"a": 2}, "", missing := []) is None and missing == ["xs"]
    assert holds(node) == {"$and": [{"$neq": {"f.a": 1}}, {"$or": [{"n.xs": 0}, {"$iall": {"f.xs": {"$neq": {"$i.k": "x"}}}}]}]}
    assert fails(node) == {"$or": [{"f.a": 1}, {"$iany": {"f.xs": {"$i.k": "x"}}}]}
    assert head(node, WORDS) == "none of these" and kind(node) == "none"
    assert [path for path, _ in _facts_read(node)] == ["a", "xs", "xs[].k"]
    assert problems(node) == []
    assert [need.kind for need in _precomputes(node, False)] == ["array"]
    assert project({"a": 2, "b": 3, "xs": [{"k": "x", "n": 1}, {"k": "x", "n": 2}]}, plan([node])) == {"a": 2, "xs": [{"k": "x"}]}
    # how a conclusion reads it: the table's defaults, and its own "picks no items"
    assert kind_of(node).conjuncts(node) == (node,) and kind_of(node).derived_fact(node) is None
    assert picks_items(node, "xs") is False and picks_items(node.parts[1], "xs") is True
    assert label(node) == "1, x"


def test_rules_rewritten_with_the_added_kind_conclude_as_the_originals_on_durable_rules(none_kind):
    ruleset = load_ruleset(PRINTERS).ruleset
    rewritten = dataclasses.replace(ruleset, rules=tuple(_rewritten(rule) for rule in ruleset.rules))
    assert any(isinstance(n, NoneOf) for rule in rewritten.rules for f in rule.findings for n in [f.when])
    before, after = InferenceEngine(ruleset), InferenceEngine(rewritten)
    documents = [
        {"power": {"cable": cable, "switch": switch}, "firmware": firmware, "trays": trays, "still_broken": False}
        for cable, switch, firmware, trays in product(
            (True, False), ("on", "off"), ("1.9", "1.10.2"),
            ([], [{"in_use": True, "sheets": 0, "size": "A4"}], [{"in_use": False, "sheets": 3, "size": "A3"}]))
    ] + [{}, {"power": {"cable": True, "switch": "on"}}, {"power": {"cable": True, "switch": "on"}, "trays": [{"size": "A4"}]}]

    def seen(conclusions: Any) -> list[tuple[Any, ...]]:
        return [(o.rule.id, o.status, o.finding.id if o.finding else None, o.missing, o.because,
                 [(p.kind, p.missing) for p in o.provided]) for o in conclusions.outcomes]

    for document in documents:
        assert seen(after.diagnose(document)) == seen(before.diagnose(document)), document


def test_an_added_kind_is_explained_with_its_parts(none_kind):
    ruleset = load_ruleset(PRINTERS).ruleset
    node = NoneOf((Compare("firmware", "version_gte", "1.10"),))
    facts = {"firmware": "1.9"}
    conclusions = InferenceEngine(ruleset).diagnose(facts)
    context = Context(ruleset, conclusions, facts, "en", WORDS)
    traced = trace(node, context, "service")
    assert (traced.op, traced.text, traced.truth) == ("none", "none of these", True)
    assert traced.children is not None and traced.children[0].fact == "firmware" and traced.children[0].truth is False
