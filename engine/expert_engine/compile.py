"""Compiling conditions and a whole rule set to durable-rules, with the closed world where durable-rules cannot.

durable-rules treats any test of a missing field as false, so each top-level condition is
compiled twice: into ``holds`` (its own form) and ``fails`` (the form of its negation,
pushed down to the comparisons). Neither matching means undecided. A fired rule records
``(what was decided, True or False)`` under a ``RecordKey``; a derived fact is also
asserted as a fact of its own, so that the rules reading it chain.

durable-rules 2.0.28 evaluates ``$or`` inside an array item's expression wrongly when
the alternatives test different fields (measured: it behaves like ``$and``). So no
``$or`` is ever emitted inside ``$iany``/``$iall``: an existential over a disjunction is
distributed (some item is A or B = some item is A, or some item is B), and a universal
over a disjunction cannot be compiled. That side is then decided by the *closed world*
(in Python, ``inference.py``): the other side did not match although every fact the
condition reads is present and every reference is decided. A condition that one present
fact decides has its ``fails`` side left to the closed world on purpose: durable-rules
then calls back into Python only when the condition holds.

A node with no durable-rules form at all (neither side compiles) is refused by ``problems``;
admitting one would mean a ``ClosedSide`` that calls ``conditions.evaluate`` instead of
concluding a fixed side: a change here and in ``inference._truth``, next to the node kind's
entry in the node-kind table (``node_kinds``), where each kind's patterns are written.

A timeline (``any_item`` with ``not_followed_by``, ordered by an item field) compares two
items of the same array with each other: "no *later* item is a recovery". durable-rules
cannot say that: ``$iany``/``$iall`` test one item at a time and cannot refer to another
item of the same array, and the order values are ISO 8601 texts with offsets that no
durable operator compares as times. So, like versions and array lengths, its Kleene value
is precomputed in Python per facts document (``conditions.later_truth``) into the one text
``t`` (``;<key>:1;<key>:0;``, an undecided timeline left out; one property, because the C core
crashes (double free, measured) once a fact has a few more properties than the largest facts
documents already bring); durable-rules then matches ``<key>:1`` on the holds side and
``<key>:0`` on the fails side (``$mt``). That keeps every other part of the condition
(connectives, ``not``, references) on durable-rules, keeps both sides matched rather than
left to the closed world, and evaluates exactly as the reference evaluator does.

Paths in the facts document are compiled under ``f.``; a comparison by order outside array
items (numbers, versions, which durable-rules cannot compare, and ``between``) reads the
lowest and highest value the fact may take, precomputed under ``v.<kind>_low.`` and
``v.<kind>_high.`` (versions as integers; a plain value is its own lowest and highest, an
interval value has its bounds, ``operators.py``), so that both sides are matched exactly
for intervals too; an item's field is compared as it is. The lengths of arrays
that quantifiers range over are precomputed under ``n.`` so that "every item of an empty
array" holds, as it should; timelines are precomputed under ``t.`` (above).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal, NamedTuple

from .conditions import (
    AnyItem,
    Condition,
    Items,
    Judge,
    Reference,
    children,
    document,
    item_reads,
    lookup,
    paths,
    split,
    timeline_truth,
    walk,
)
from .evaluation import Opener, Truth, item_judge, lazy_opener, lazy_truth
from .model import Rule, RuleSet
from .node_kinds import Precomputed, kind_of
from .operators import Domain, bounds
from .patterns import (
    BOUNDS,
    DERIVED,
    DOC,
    FACTS,
    GATE,
    ITEM,
    LENGTHS,
    TIMELINES,
    Durable,
    NotCompilable,
    bound_paths,
    flat_key,
    timeline_key,
)
from .projection import Projection
from .projection import plan as projection_plan

VERSIONS = BOUNDS  # the name inference.py reads

__all__ = [
    "BOUNDS", "DERIVED", "DOC", "FACTS", "GATE", "ITEM", "LENGTHS", "TIMELINES", "VERSIONS", "ClosedSide", "Compiled",
    "Durable", "NotCompilable", "RecordKey", "RulePlan", "Shape", "bound_paths", "compile_ruleset", "decided_by_one_fact",
    "derived_key", "fails", "flat_key", "holds", "precomputed", "problems", "timeline_key",
]


class RecordKey(NamedTuple):
    """What a fired durable rule decided: a derived fact (``derived``, its name), whether a rule
    applies (``applies``, the rule id), whether one of its findings holds (``finding``, the
    rule id, the finding id) or whether that finding's proviso holds (``provided``, the same)."""

    kind: Literal["derived", "applies", "finding", "provided"]
    name: str
    finding: str = ""


def derived_key(name: str) -> RecordKey:
    """The record key of a derived fact."""
    return RecordKey("derived", name)


# ---------------------------------------------------------------- one condition


def holds(node: Condition) -> Durable | None:
    """The durable-rules condition that matches when a document condition definitely holds, or None (closed world)."""
    try:
        return _compile(node, positive=True, item=False)
    except NotCompilable:
        return None


def fails(node: Condition) -> Durable | None:
    """The durable-rules condition that matches when a document condition definitely fails, or None (closed world)."""
    try:
        return _compile(node, positive=False, item=False)
    except NotCompilable:
        return None


def _compile(node: Condition, positive: bool, item: bool) -> Durable:
    return kind_of(node).durable(node, positive, item, _compile)


def problems(top: Condition) -> list[str]:
    """What the rule schema cannot see and durable-rules cannot run: quantifiers nested in quantifiers,
    versions inside items, and a condition neither of whose sides compiles."""
    _, plain = split(top)
    whole = document(plain)
    if whole is None:
        return []
    found = [problem for part in plain for problem in _nesting_problems(part, in_item=False)]
    if not found and holds(whole) is None and fails(whole) is None:
        found.append("this condition needs alternatives ('any', 'in', 'not all') inside array items both ways, "
                     "which durable-rules evaluates wrongly: split it into several any_item/all_items")
    return found


def _precomputes(node: Condition, in_item: bool) -> Iterator[Precomputed]:
    """What durable-rules reads precomputed for a condition (``NodeKind.precomputes``), outermost node first."""
    return kind_of(node).precomputes(node, in_item, _precomputes)


def _nesting_problems(node: Condition, in_item: bool) -> list[str]:
    return kind_of(node).problems(node, in_item, _nesting_problems)


def decided_by_one_fact(whole: Condition) -> bool:
    """Whether one present fact decides a document condition and its absence leaves it undecided.

    Not so with a quantifier, nor with a comparison a present value may leave undecided
    (``Operator.decided_when_present``: a presence test, a version comparison, since a
    present text that is no version is undecided). An interval value is counted as absent
    by the closed world (``evidence.absent_paths``), which then checks the Kleene truth.
    """
    read = paths(whole)
    return len(read) == 1 and "[]" not in read[0] and all(kind_of(node).decided_when_present(node) for node in walk(whole))


# ---------------------------------------------------------------- a rule set


class Shape(NamedTuple):
    """What the engine reads from one top-level condition, worked out once when compiling."""

    condition: Condition
    refs: tuple[Reference, ...]
    paths: tuple[str, ...]
    """Every fact path read, item fields as ``array[].field``."""
    gated: bool
    """Whether it refers to the earlier stages."""
    derived: tuple[RecordKey, ...]
    """The record keys of the derived facts it refers to."""
    plain: tuple[Condition, ...]
    """Its document parts (``conditions.split``)."""
    truth: Truth
    """``conditions.evaluate`` of the condition, as a function (``evaluation.py``)."""
    openers: tuple[Opener, ...]
    """the open paths of each document part, as functions (``evaluation.py``)."""
    referred: tuple[str | None, ...]
    """Per reference, in order: the name of the derived fact it reads, or None for the earlier stages (the node
    kinds' ``derived_fact``, ``reads_gate``)."""


class ClosedSide(NamedTuple):
    """A side of a condition that durable-rules does not match, decided in Python by the closed world."""

    side: bool
    """The truth concluded when the other side did not match and every input is known."""
    shape: Shape


class RulePlan(NamedTuple):
    """The record keys one rule's outcome reads, findings in priority order."""

    rule: Rule
    applies: RecordKey | None
    findings: tuple[RecordKey, ...]
    provided: tuple[RecordKey | None, ...] = ()
    """Per finding, the record key of its proviso (None: it has none)."""


class Compiled(NamedTuple):
    """A rule set in durable-rules' form, and what deciding and explaining its records needs."""

    durable: dict[str, tuple[Durable, RecordKey, bool]]
    """Durable rule name -> (its JSON definition, what it decides when it fires, and how)."""
    shapes: dict[RecordKey, Shape]
    closed_world: dict[RecordKey, ClosedSide]
    plans: dict[str, RulePlan]
    ordered: tuple[tuple[Domain, str], ...]
    """Fact paths outside items compared by order, with their kind (their lowest and highest values are precomputed)."""
    arrays: tuple[str, ...]
    """Array paths quantifiers range over (their lengths are precomputed)."""
    timelines: tuple[tuple[AnyItem, Judge, Judge], ...]
    """Timeline conditions (their truths are precomputed), with their ``where`` and ``later`` as functions."""
    item_reads: dict[str, tuple[str, ...]]
    """Array path -> the item fields the timelines over it read (``conditions.Items``)."""
    paths: tuple[str, ...]
    """Every fact path any condition reads."""
    gated_stages: frozenset[str]
    projection: Projection
    """What of a facts document the conditions read (``projection.py``)."""
    durable_projection: Projection
    """What of it durable-rules reads: the same without the timelines (precomputed)."""
    timeline_keys: tuple[str, ...]
    """Per timeline in ``timelines``, its ``timeline_key`` (a digest of the node: worked out once, not per document)."""


def compile_ruleset(ruleset: RuleSet) -> Compiled:
    """Compile every top-level condition of a rule set: derivations, applicability, findings."""
    compiler = _Compiler()
    for rule in ruleset.rules:
        for index, derivation in enumerate(rule.derives):
            compiler.top(rule, derivation.when, f"{rule.id}|derive|{index}", derived_key(derivation.name))
        applies = None
        if rule.applies_when is not None:
            applies = RecordKey("applies", rule.id)
            compiler.top(rule, rule.applies_when, f"{rule.id}|applies", applies)
        keys = []
        provisos: list[RecordKey | None] = []
        for finding in rule.findings:
            keys.append(RecordKey("finding", rule.id, finding.id))
            compiler.top(rule, finding.when, f"{rule.id}|finding|{finding.id}", keys[-1])
            proviso = None
            if finding.provided is not None:
                proviso = RecordKey("provided", rule.id, finding.id)
                compiler.top(rule, finding.provided, f"{rule.id}|provided|{finding.id}", proviso)
            provisos.append(proviso)
        compiler.plans[rule.id] = RulePlan(rule, applies, tuple(keys), tuple(provisos))
    shapes = compiler.shapes
    return Compiled(
        durable=compiler.durable,
        shapes=shapes,
        closed_world=compiler.closed_world,
        plans=compiler.plans,
        ordered=tuple(sorted(set(compiler.ordered), key=lambda o: (o[0].name, o[1]))),
        arrays=tuple(sorted(set(compiler.arrays))),
        timelines=tuple((node, item_judge(node.where), item_judge(node.later or node.where)) for node in compiler.timelines),
        item_reads={array: item_reads(*(part for node in compiler.timelines if node.array == array for part in children(node)))
                    for array in dict.fromkeys(node.array for node in compiler.timelines)},
        paths=tuple(sorted({p for shape in shapes.values() for p in shape.paths})),
        gated_stages=frozenset(compiler.gated),
        projection=projection_plan(shape.condition for shape in shapes.values()),
        durable_projection=projection_plan((shape.condition for shape in shapes.values()), timelines=False),
        timeline_keys=tuple(timeline_key(node) for node in compiler.timelines),
    )


class _Compiler:
    def __init__(self) -> None:
        self.durable: dict[str, tuple[Durable, RecordKey, bool]] = {}
        self.shapes: dict[RecordKey, Shape] = {}
        self.closed_world: dict[RecordKey, ClosedSide] = {}
        self.plans: dict[str, RulePlan] = {}
        self.ordered: list[tuple[Domain, str]] = []
        self.arrays: list[str] = []
        self.timelines: list[AnyItem] = []
        self.gated: set[str] = set()

    def top(self, rule: Rule, condition: Condition, name: str, key: RecordKey) -> None:
        """Compile one top-level condition into a 'holds' rule and 'fails' rules (one per reference, one for the document)."""
        refs, plain = split(condition)
        whole = document(plain)
        referred = tuple(derived[0] if (derived := kind_of(r).derived_fact(r)) is not None else None for r in refs)
        gated = any(kind_of(r).reads_gate(r) for r in refs)
        shape = Shape(condition, refs, paths(condition), gated,
                      tuple(derived_key(name) for name in referred if name is not None), plain,
                      lazy_truth(condition), tuple(lazy_opener(part) for part in plain), referred)
        self.shapes[key] = shape
        if gated:
            self.gated.add(rule.stage)
        holds_parts: list[Durable] = [{f"r{i}": _reference(rule, ref, want=True)} for i, ref in enumerate(refs)]
        doc_holds = doc_fails = None
        if whole is not None:
            doc_holds, doc_fails = self.document(key, shape, plain, whole)
        if whole is None or doc_holds is not None:
            if doc_holds is not None:
                holds_parts.append({"m": {"$and": [{"kind": DOC}, doc_holds]}})
            self.durable[f"{name}|holds"] = ({"all": holds_parts}, key, True)
        for i, ref in enumerate(refs):
            self.durable[f"{name}|fails|{i}"] = ({"all": [{"m": _reference(rule, ref, want=False)}]}, key, False)
        if doc_fails is not None:
            self.durable[f"{name}|fails|doc"] = ({"all": [{"m": {"$and": [{"kind": DOC}, doc_fails]}}]}, key, False)


    def document(self, key: RecordKey, shape: Shape, plain: tuple[Condition, ...],
                 whole: Condition) -> tuple[Durable | None, Durable | None]:
        """The holds and fails forms of a top-level condition's document part; a side left out is the closed world's."""
        for need in _precomputes(whole, False):
            if need.kind == "ordered":
                self.ordered.append(need.value)
            elif need.kind == "timeline":
                self.timelines.append(need.value)
            else:
                self.arrays.append(need.value)
        doc_holds, doc_fails = holds(whole), fails(whole)
        if doc_holds is None or doc_fails is None:
            self.closed_world[key] = ClosedSide(doc_holds is None, shape)
        if doc_fails is None and len(plain) > 1:
            # a conjunction fails as soon as one conjunct fails: the conjuncts durable-rules can
            # express still decide it (the closed world only covers the rest)
            partial = [f for f in map(fails, plain) if f is not None]
            if partial:
                doc_fails = partial[0] if len(partial) == 1 else {"$or": partial}
        if not shape.refs and doc_fails is not None and decided_by_one_fact(whole):
            # One fact decides it: present, the condition holds or fails; absent, it is undecided
            # either way. So "fails" is exactly "did not hold and the fact is present" (the closed
            # world), and durable-rules need not call back into Python for every passing check.
            doc_fails = None
            self.closed_world[key] = ClosedSide(False, shape)
        return doc_holds, doc_fails


def _reference(rule: Rule, ref: Reference, want: bool) -> Durable:
    """The pattern of the asserted fact a reference reads: the rule's stage gate, or a derived fact."""
    return kind_of(ref).matched(ref, rule.stage, want)


def precomputed(compiled: Compiled, facts: Any) -> tuple[dict[str, dict[str, Any]], dict[str, int], str]:
    """The values durable-rules cannot compute, for one facts document: the lowest and highest value of each
    fact compared by order (a plain value is both; ``operators.bounds``), array lengths and the truths of
    timelines (a timeline left undecided has no value, nor has an unbounded side)."""
    ordered: dict[str, dict[str, Any]] = {}
    for domain, path in compiled.ordered:
        present, value = lookup(facts, path)
        have = bounds(value, domain) if present else None
        if have is not None:
            for side, key in zip(("low", "high"), have, strict=True):
                if key is not None:
                    ordered.setdefault(f"{domain.name}_{side}", {})[flat_key(path)] = key
    lengths: dict[str, int] = {}
    for path in compiled.arrays:
        present, value = lookup(facts, path)
        if present and isinstance(value, list):
            lengths[flat_key(path)] = len(value)
    timelines = ""
    tables: dict[str, Items | None] = {}  # per array: its items, read once for every timeline over it
    for (node, where, later), named in zip(compiled.timelines, compiled.timeline_keys, strict=True):
        if node.array not in tables:
            present, items = lookup(facts, node.array)
            tables[node.array] = Items(items, compiled.item_reads[node.array]) if present and isinstance(items, list) else None
        table = tables[node.array]
        if table is not None:
            truth = timeline_truth(node, table.items, table, where, later)
            if truth is not None:
                timelines += f";{named}:{int(truth)}"
    return ordered, lengths, timelines + ";"
