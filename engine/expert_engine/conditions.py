"""The condition language as a typed tree, and every operation over it except compiling.

A rule file's condition is parsed once, by the loader, into frozen nodes that keep the
file and line they were written at. Every operation on conditions is one ``match`` over
the node types, here: the structure (``children``, ``walk``, the split of a top-level
condition into references and document part), the fact paths a condition reads
(``paths``), three-valued evaluation in Python (``evaluate``, Kleene logic: True, False,
or None when a fact it needs is absent) and plain words (``head``, given the sentence
templates of one language). Compiling to durable-rules is the other half (``compile.py``).
A new operator is a new node type here, its cases below, and its compiled forms there.

A condition is three-valued: it *holds*, it *fails*, or it is *undecided* because a fact
it needs is absent. Verdicts are made by durable-rules; ``evaluate`` serves explanations
(which part of a condition held) and evidence (which items of an array decided it).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, NamedTuple, get_args

from .operators import OPERATORS
from .operators import show as show  # re-exported: callers read it here
from .operators import version_key as version_key  # re-exported

Operator = Literal["equals", "not_equals", "in", "lt", "lte", "gt", "gte", "version_lt", "version_gte", "between", "present"]
"""The comparison operators; each one's meaning is its entry in ``operators.OPERATORS``."""
assert set(get_args(Operator)) == set(OPERATORS)

Scalar = str | int | float | bool
JsonPath = tuple[str | int, ...]
"""Where a value sits in a rule file, as keys and indexes (``("findings", 0, "when")``)."""


class Location(NamedTuple):
    """The rule file and line a condition node was written at."""

    file: str = ""
    line: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


NOWHERE = Location()


# ---------------------------------------------------------------- the node types


@dataclass(frozen=True, slots=True)
class Compare:
    """``fact`` compared by ``op`` with ``value`` (a tuple of options for ``in``, a boolean for ``present``)."""

    fact: str
    op: Operator
    value: Scalar | tuple[Scalar, ...]
    at: Location = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class AllOf:
    """Every part holds."""

    parts: tuple[Condition, ...]
    at: Location = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class AnyOf:
    """At least one part holds."""

    parts: tuple[Condition, ...]
    at: Location = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class Not:
    """The part does not hold."""

    part: Condition
    at: Location = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class AnyItem:
    """Some item of the array at ``array`` satisfies ``where`` (whose facts are item fields).

    With ``later`` it reads the array as a timeline ordered by the item field ``order``:
    some item satisfies ``where`` and no *later* item satisfies ``later`` (an error with no
    later recovery). See ``later_truth`` for how missing or equal order values are read.
    """

    array: str
    where: Condition
    at: Location = field(default=NOWHERE, compare=False)
    later: Condition | None = None
    order: str = ""


@dataclass(frozen=True, slots=True)
class AllItems:
    """Every item of the array at ``array`` satisfies ``where``; true of an empty array."""

    array: str
    where: Condition
    at: Location = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class DerivedRef:
    """The derived fact ``name`` (concluded by another rule) is ``value``. Top level only."""

    name: str
    value: bool = True
    at: Location = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class EarlierStages:
    """Every earlier stage passed (no failing diagnosis, nothing undecided). Top level only."""

    at: Location = field(default=NOWHERE, compare=False)


Quantifier = AnyItem | AllItems
Reference = DerivedRef | EarlierStages
"""A top-level condition on what other rules concluded rather than on the facts document."""
Condition = Compare | AllOf | AnyOf | Not | AnyItem | AllItems | DerivedRef | EarlierStages


# ---------------------------------------------------------------- parsing


def parse(data: Any, file: str = "", lines: Iterator[int] | None = None) -> Condition:
    """The typed tree of a condition as written in a rule file (already valid against rule_schema.json).

    ``lines`` yields the line of every node in the order ``node_places`` lists them
    (outermost first, as written), so that every node knows where it was written.
    """
    where = Location(file, next(lines, 0) if lines is not None else 0)
    if "derived" in data:
        return DerivedRef(str(data["derived"]), bool(data.get("is", True)), where)
    if "earlier_stages" in data:
        return EarlierStages(where)
    for key, kind in (("all", AllOf), ("any", AnyOf)):
        if key in data:
            return kind(tuple(parse(p, file, lines) for p in data[key]), where)
    if "not" in data:
        return Not(parse(data["not"], file, lines), where)
    for key, quantifier in (("any_item", AnyItem), ("all_items", AllItems)):
        if key in data:
            if "not_followed_by" in data:
                first = parse(data["where"], file, lines)
                return AnyItem(str(data[key]), first, where, parse(data["not_followed_by"], file, lines),
                               str(data["order_by"]))
            return quantifier(str(data[key]), parse(data["where"], file, lines), where)
    op = next(k for k in data if k != "fact")
    value = data[op]
    return Compare(str(data["fact"]), op, tuple(value) if isinstance(value, list) else value, where)


def node_places(data: Any, at: JsonPath = ()) -> Iterator[JsonPath]:
    """The place in the file of every node of a condition as written, in the order ``parse`` reads their lines."""
    yield at
    for key in ("all", "any"):
        if key in data:
            for index, part in enumerate(data[key]):
                yield from node_places(part, (*at, key, index))
            return
    if "not" in data:
        yield from node_places(data["not"], (*at, "not"))
    elif "where" in data:
        yield from node_places(data["where"], (*at, "where"))
        if "not_followed_by" in data:
            yield from node_places(data["not_followed_by"], (*at, "not_followed_by"))


# ---------------------------------------------------------------- structure


def children(node: Condition) -> tuple[Condition, ...]:
    """The sub-conditions of a node (a quantifier's ``where`` included), in order."""
    match node:
        case AllOf(parts) | AnyOf(parts):
            return parts
        case Not(part):
            return (part,)
        case AnyItem(_, where, _, later) if later is not None:
            return (where, later)
        case AnyItem(_, where) | AllItems(_, where):
            return (where,)
        case Compare() | DerivedRef() | EarlierStages():
            return ()


def walk(node: Condition) -> Iterator[Condition]:
    """Every node of a condition, outermost first, in the order written (items' conditions included)."""
    yield node
    for child in children(node):
        yield from walk(child)


def split(top: Condition) -> tuple[tuple[Reference, ...], tuple[Condition, ...]]:
    """A top-level condition as its references (derived facts, earlier stages) and its document parts.

    References may stand alone or in a top-level ``all``; the document parts are the rest.
    """
    parts = top.parts if isinstance(top, AllOf) else (top,)
    refs = tuple(p for p in parts if isinstance(p, (DerivedRef, EarlierStages)))
    plain = tuple(p for p in parts if not isinstance(p, (DerivedRef, EarlierStages)))
    return refs, plain


def document(plain: tuple[Condition, ...]) -> Condition | None:
    """The one document condition of a top-level condition's document parts (None when there are none)."""
    if not plain:
        return None
    return plain[0] if len(plain) == 1 else AllOf(plain, plain[0].at)


def derived_names(top: Condition) -> tuple[str, ...]:
    """The derived facts a top-level condition refers to, in order."""
    return tuple(ref.name for ref in split(top)[0] if isinstance(ref, DerivedRef))


def paths(node: Condition, item_prefix: str = "") -> tuple[str, ...]:
    """Every fact path a condition reads, once each in order of appearance; item fields as ``array[].field``.

    A quantifier reads its array and its items' fields; references read no fact.
    """
    found: list[str] = []
    _paths(node, item_prefix, found)
    return tuple(dict.fromkeys(found))


def _paths(node: Condition, prefix: str, found: list[str]) -> None:
    match node:
        case Compare(fact):
            found.append(prefix + fact)
        case AnyItem(array, where, _, later, order) if later is not None:
            found.append(prefix + array)
            _paths(where, f"{prefix}{array}[].", found)
            _paths(later, f"{prefix}{array}[].", found)
            found.append(f"{prefix}{array}[].{order}")
        case AnyItem(array, where) | AllItems(array, where):
            found.append(prefix + array)
            _paths(where, f"{prefix}{array}[].", found)
        case AllOf() | AnyOf() | Not():
            for child in children(node):
                _paths(child, prefix, found)
        case DerivedRef() | EarlierStages():
            pass


def item_fields(quantifier: Quantifier) -> tuple[str, ...]:
    """The first step of every item field a quantifier reads (``sheets`` of ``trays[].sheets``)."""
    inner = paths(quantifier.where)
    if isinstance(quantifier, AnyItem) and quantifier.later is not None:
        inner += (*paths(quantifier.later), quantifier.order)
    return tuple(dict.fromkeys(p.split(".")[0] for p in inner))


# ---------------------------------------------------------------- values


def lookup(document: Any, path: str) -> tuple[bool, Any]:
    """``(present, value)`` for a dotted path."""
    return lookup_steps(document, path.split("."))


def lookup_steps(document: Any, steps: Sequence[str]) -> tuple[bool, Any]:
    """``lookup`` over a pre-split path (the plain-dict test first: facts come from JSON)."""
    current = document
    for step in steps:
        if not (type(current) is dict or isinstance(current, Mapping)) or step not in current:
            return False, None
        current = current[step]
    return True, current


# ---------------------------------------------------------------- evaluating (Kleene)


def evaluate(node: Condition, scope: Mapping[str, Any], derived: Mapping[str, bool] | None = None,
             earlier_stages_passed: bool | None = None) -> bool | None:
    """Kleene truth of a condition in ``scope`` (the facts document, or one array item for a ``where``).

    True, False, or None when a fact it needs is absent; a derived fact not in ``derived``
    and an undecided ``earlier_stages_passed`` are undecided too.
    """
    match node:
        case AllOf(parts):
            return kleene_and(evaluate(p, scope, derived, earlier_stages_passed) for p in parts)
        case AnyOf(parts):
            return kleene_or(evaluate(p, scope, derived, earlier_stages_passed) for p in parts)
        case Not(part):
            value = evaluate(part, scope, derived, earlier_stages_passed)
            return None if value is None else not value
        case AnyItem(array, _, _, later) if later is not None:
            present, items = lookup(scope, array)
            if not present or not isinstance(items, list):
                return None
            return timeline_truth(node, items)
        case AnyItem(array, where) | AllItems(array, where):
            present, items = lookup(scope, array)
            if not present or not isinstance(items, list):
                return None
            if len(items) >= GROUPED_FROM:
                results: Iterable[bool | None] = Items(items, item_reads(where)).truths(lambda item: evaluate(where, item))
            else:
                results = [evaluate(where, item) if isinstance(item, Mapping) else None for item in items]
            return kleene_or(results) if isinstance(node, AnyItem) else kleene_and(results)
        case DerivedRef(name, value):
            known = (derived or {}).get(name)
            return None if known is None else known == value
        case EarlierStages():
            return earlier_stages_passed
        case Compare():
            return _compare(node, scope)


def order_key(value: Any) -> tuple[int, float] | None:
    """A value of an order field as something that orders: a number, or an ISO 8601 date-time
    with a UTC offset (``2026-11-26T07:42:00Z``); None for anything else (a time without an
    offset is not comparable with others, so it orders nothing rather than being guessed)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0, float(value))
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return None
        if moment.tzinfo is None:
            return None
        return (1, moment.timestamp())
    return None


def _later(after: tuple[int, float] | None, before: tuple[int, float] | None) -> bool | None:
    """Whether order value ``after`` comes after ``before``: undecided when either is missing, of
    different kinds, or equal (two events of the same second are in no known order)."""
    if after is None or before is None or after[0] != before[0] or after[1] == before[1]:
        return None
    return after[1] > before[1]


Judge = Callable[[Mapping[str, Any]], "bool | None"]
"""One array item -> the Kleene truth of a condition on it (``evaluate``, or a compiled closure)."""

GROUPED_FROM = 16
"""From how many items on an array is read as ``Items`` (each distinct item judged once); shorter ones item by item."""


def item_reads(*conditions: Condition) -> tuple[str, ...]:
    """The item fields (first steps) that conditions on one item read: all that can tell two items apart for them."""
    return tuple(dict.fromkeys(p.split(".")[0] for condition in conditions for p in paths(condition)))


class Items:
    """The items of one array, read once for the conditions on them: items that agree on every field those
    conditions read (``fields``: same values of the same types, or both absent) are judged once.

    A log of 100,000 events holds a few dozen kinds of event; without this every condition on
    every event was evaluated for each of them. An item whose read fields hold an object or an
    array is judged on its own (such values are not compared here). The order of a timeline is
    read per item, once per order field (``order_keys``).
    """

    __slots__ = ("_keys", "group", "items", "judged")

    def __init__(self, items: Sequence[Any], fields: Sequence[str]):
        self.items = items
        self.group: list[int] = []
        """Per item, the index of its group in ``judged`` (-1: not an object, which decides nothing)."""
        self.judged: list[Mapping[str, Any]] = []
        """One item of each group, in order of first appearance."""
        self._keys: dict[str, list[tuple[int, float] | None]] = {}
        seen: dict[Any, int] = {}
        group, judged, absent = self.group, self.judged, _NO_VALUE
        for item in items:
            if type(item) is not dict and not isinstance(item, Mapping):
                group.append(-1)
                continue
            values = tuple([item.get(name, absent) for name in fields])
            try:
                number = seen.setdefault((values, tuple(map(type, values))), len(judged))
            except TypeError:  # an object or an array among them: this item alone
                number = len(judged)
            if number == len(judged):
                judged.append(item)
            group.append(number)

    def truths(self, judge: Judge) -> list[bool | None]:
        """Per item, ``judge``'s truth (None for an item that is not an object), ``judge`` called once per group."""
        per_group = [judge(item) for item in self.judged]
        return [per_group[number] if number >= 0 else None for number in self.group]

    def order_keys(self, order: str) -> list[tuple[int, float] | None]:
        """Per item, ``order_key`` of its field ``order`` (None for an item that is not an object)."""
        keys = self._keys.get(order)
        if keys is None:
            keys = self._keys[order] = [order_key(item.get(order)) if number >= 0 else None
                                        for item, number in zip(self.items, self.group, strict=True)]
        return keys


_NO_VALUE = object()


def _judge(condition: Condition) -> Judge:
    return lambda item: evaluate(condition, item)


def timeline_parts(node: AnyItem, items: Sequence[Any], table: Items | None = None, where: Judge | None = None,
                   later: Judge | None = None) -> tuple[Items, list[bool | None], list[bool | None]]:
    """A timeline's items (``table``, else read here) with, per item, the truths of ``where`` and ``later``
    (``node.later`` is set): judged by ``where`` / ``later`` when given (compiled closures), else ``evaluate``."""
    assert node.later is not None
    table = table if table is not None else Items(items, item_reads(node.where, node.later))
    return (table, table.truths(where or _judge(node.where)), table.truths(later or _judge(node.later)))


def later_truth(node: AnyItem, items: Sequence[Any], table: Items | None = None, where: Judge | None = None,
                later: Judge | None = None) -> list[bool | None]:
    """Per item of a timeline, the Kleene truth of "this item satisfies ``where`` and no later item
    satisfies ``later``" (``node.later`` is set).

    An item is followed by another when that one satisfies ``later`` and is later by ``order``;
    with either order value missing or both equal that is undecided, so the item's truth is
    too, unless no item can satisfy ``later`` at all (then no order is needed). An item never
    follows itself. A non-object item decides nothing.

    The Kleene "or" over every other item is worked out from the recoveries' sorted order
    values, so a log of n events costs n log n rather than n squared; ``where`` and ``later``
    are judged once per distinct item (``Items``).
    """
    table, wheres, recoveries = timeline_parts(node, items, table, where, later)
    return _followed_truths(table, node.order, wheres, recoveries, range(len(items)))


def timeline_truth(node: AnyItem, items: Sequence[Any], table: Items | None = None, where: Judge | None = None,
                   later: Judge | None = None) -> bool | None:
    """``kleene_or(later_truth(node, items))``, reading the order only when some item may satisfy ``where``."""
    table, wheres, recoveries = timeline_parts(node, items, table, where, later)
    subjects = [index for index, value in enumerate(wheres) if value is not False]
    if not subjects:
        return False
    return kleene_or(_followed_truths(table, node.order, wheres, recoveries, subjects))


def _followed_truths(table: Items, order: str, wheres: list[bool | None], recoveries: list[bool | None],
                     subjects: Iterable[int]) -> list[bool | None]:
    """The timeline truths of the items at ``subjects`` (``later_truth``), given every item's truths."""
    keys = table.order_keys(order)
    candidates = 0  # items that may be a recovery (satisfy ``later`` or leave it undecided)
    possible: dict[int, list[float]] = {}  # per kind of order value, the sorted values of those with one
    certain: dict[int, float] = {}  # per kind, the latest order value of an item that is a recovery
    for key, recovery in zip(keys, recoveries, strict=True):
        if recovery is False:
            continue
        candidates += 1
        if key is not None:
            possible.setdefault(key[0], []).append(key[1])
            if recovery is True and (key[0] not in certain or key[1] > certain[key[0]]):
                certain[key[0]] = key[1]
    for values in possible.values():
        values.sort()
    truths: list[bool | None] = []
    group = table.group
    for index in subjects:
        if group[index] < 0:
            truths.append(None)
            continue
        where, key, recovery = wheres[index], keys[index], recoveries[index]
        if where is False:
            truths.append(False)
            continue
        others = candidates - (recovery is not False)
        followed: bool | None
        if key is None:
            followed = None if others else False
        elif key[0] in certain and certain[key[0]] > key[1]:
            followed = True
        else:
            # undecided unless every other candidate is definitely earlier (same kind, smaller value)
            earlier = bisect.bisect_left(possible.get(key[0], ()), key[1])
            followed = None if others - earlier > 0 else False
        truths.append(kleene_and((where, None if followed is None else not followed)))
    return truths


def _compare(node: Compare, scope: Mapping[str, Any]) -> bool | None:
    present, value = lookup(scope, node.fact)
    operator = OPERATORS[node.op]
    return operator.test(node.value)(value) if present else operator.absent(node.value)


def kleene(values: Iterable[bool | None], deciding: bool) -> bool | None:
    """The three-valued fold, written once: the first ``deciding`` value decides (False for "and", True for
    "or"; the rest is not read), else None when any is undecided, else ``not deciding``."""
    result: bool | None = not deciding
    for value in values:
        if value is deciding:
            return deciding
        if value is None:
            result = None
    return result


def kleene_and(values: Iterable[bool | None]) -> bool | None:
    """Three-valued conjunction: False wins, then None (undecided), else True."""
    return kleene(values, False)


def kleene_or(values: Iterable[bool | None]) -> bool | None:
    """Three-valued disjunction: True wins, then None (undecided), else False."""
    return kleene(values, True)


# ---------------------------------------------------------------- plain words


Phrases = Mapping[str, str]
"""Sentence templates of one language, keyed by node kind (the application's catalog provides them)."""


def head(node: Condition, words: Phrases, prefix: str = "") -> str:
    """One node in plain words, without its children (``firmware is below "1.10"``).

    ``prefix`` is put before fact paths (``trays[3].`` for the fields of one item).
    """
    match node:
        case DerivedRef(name, value):
            return words["derived"].format(name=name, value=words["true"] if value else words["false"])
        case EarlierStages():
            return words["earlier_stages"]
        case AllOf():
            return words["all"]
        case AnyOf():
            return words["any"]
        case Not():
            return words["not"]
        case AnyItem(array, _, _, later, order) if later is not None:
            return words["any_item_not_followed"].format(array=prefix + array, order=order)
        case AnyItem(array):
            return words["any_item"].format(array=prefix + array)
        case AllItems(array):
            return words["all_items"].format(array=prefix + array)
        case Compare(fact, op, value):
            key, fields = OPERATORS[op].words(value)
            return words[key].format(fact=prefix + fact, **fields)


def kind(node: Condition) -> str:
    """The node's kind as a word: a connective, a quantifier, a reference or a comparison operator."""
    match node:
        case Compare(_, op, value):
            return OPERATORS[op].words(value)[0]
        case AllOf():
            return "all"
        case AnyOf():
            return "any"
        case Not():
            return "not"
        case AnyItem(_, _, _, later) if later is not None:
            return "any_item_not_followed"
        case AnyItem():
            return "any_item"
        case AllItems():
            return "all_items"
        case DerivedRef():
            return "derived"
        case EarlierStages():
            return "earlier_stages"
