"""The condition language's nodes as typed values, and the helpers every node kind's meaning is written with.

A rule file's condition is parsed once, by the loader, into frozen nodes that keep the
file and line they were written at (``Location``). What each kind of node *means* (how it
compiles, evaluates, reads facts, is explained and checked) is its entry in the node-kind
table (``node_kinds``); what is here is shared by all of them: reading a path from a scope
(``lookup``, ``reader``), the three-valued fold (``kleene``, written once), and an array's
items read once for the conditions on them (``Items``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, NamedTuple, get_args

from .operators import OPERATORS

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


ABSENT: Any = object()
"""What ``reader`` gives for a path that is not in the scope."""


def reader(path: str) -> Callable[[Any], Any]:
    """A function reading a dotted path from a scope (``lookup`` as a closure): the value, or ``ABSENT``."""
    steps = tuple(path.split("."))
    if len(steps) == 1:
        step = steps[0]

        def read_one(scope: Any) -> Any:
            if type(scope) is dict:
                return scope.get(step, ABSENT)
            return scope[step] if isinstance(scope, Mapping) and step in scope else ABSENT

        return read_one

    def read(scope: Any) -> Any:
        current = scope
        for step in steps:
            if not (type(current) is dict or isinstance(current, Mapping)) or step not in current:
                return ABSENT
            current = current[step]
        return current

    return read


# ---------------------------------------------------------------- Kleene


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


def kleene_of(parts: Sequence[Callable[[Any, Any], bool | None]], deciding: bool) -> Callable[[Any, Any], bool | None]:
    """``kleene`` of what ``parts`` give for the same two arguments, as one function: the compiled connectives'
    fold. The same fold as ``kleene``, its loop written out: a generator feeding ``kleene`` cost about twice as
    much on this hot path (tests/test_engine_shortcuts.py checks the two agree)."""
    parts = tuple(parts)
    undecided = not deciding

    def fold(first: Any, second: Any) -> bool | None:
        result: bool | None = undecided
        for part in parts:
            value = part(first, second)
            if value is deciding:
                return deciding
            if value is None:
                result = None
        return result

    return fold


def kleene_and(values: Iterable[bool | None]) -> bool | None:
    """Three-valued conjunction: False wins, then None (undecided), else True."""
    return kleene(values, False)


def kleene_or(values: Iterable[bool | None]) -> bool | None:
    """Three-valued disjunction: True wins, then None (undecided), else False."""
    return kleene(values, True)


# ---------------------------------------------------------------- arrays and order


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

_SHARED: ContextVar[dict[tuple[int, tuple[str, ...]], Items] | None] = ContextVar("shared_items", default=None)


def items_of(items: list[Any], fields: Sequence[str]) -> Items:
    """``Items(items, fields)``, made once per array and fields while ``one_document`` is open (the closures of
    every rule over a 100,000-event log read the same array: grouping it is most of their cost)."""
    shared = _SHARED.get()
    if shared is None:
        return Items(items, fields)
    key = (id(items), tuple(fields))
    found = shared.get(key)
    if found is None or found.items is not items:
        found = shared[key] = Items(items, fields)
    return found


@contextmanager
def one_document() -> Iterator[None]:
    """While one document is judged and not changed, ``items_of`` shares each array's grouping; an entry holds its
    array, so no other list can take its ``id`` meanwhile. Nested uses share the outer one's."""
    if _SHARED.get() is not None:
        yield
        return
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


# ---------------------------------------------------------------- words


Phrases = Mapping[str, str]
"""Sentence templates of one language, keyed by node kind (the application's catalog provides them)."""

