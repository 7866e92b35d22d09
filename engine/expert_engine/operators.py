"""The comparison operators of the condition language, each defined once, and interval values.

A comparison (``{fact: firmware, version_lt: "2.0"}``) is one entry of ``OPERATORS``.
The entry is the only place its meaning is written: its Kleene truth on a present value
and on an absent one, the durable-rules forms of both sides (holds, definitely fails),
the key of its sentence template and the fields that fill it, what lint checks of its
operand against the fact's schema, whether it is read through precomputed bounds
(``compile.precomputed``) and whether a present fact always decides it. The tree walker
(``conditions.evaluate``), the closures (``evaluation.py``), the compiler (``compile.py``),
the explanations and lint all read it from here; the reference evaluator in
``tests/oracle.py`` is the deliberate second reading. A new operator is a new entry here,
its form in ``rule_schema.json``, its sentence template in the application's catalog and
its tests.

**Interval values.** A fact may be known only partly, as an interval: a JSON object with
one or two of ``above`` (>), ``at_least`` (>=), ``below`` (<), ``at_most`` (<=), at most one
lower and one upper bound, each a number or a version text (``{"at_least": "2.4"}``,
``{"at_least": "1.1.819.0", "below": "2.0"}``). Ordering comparisons (``lt``, ``lte``,
``gt``, ``gte``, ``version_lt``, ``version_gte``, ``between``) are three-valued over it: true
when every value of the interval satisfies them, false when none does, undecided
otherwise (``version_lt "2.5.79.0"`` is false of ``{"at_least": "2.6"}`` and undecided of
``{"at_least": "2.4"}``). An interval never decides ``equals``, ``not_equals`` or ``in``
(undecided: write the value itself when it is known) and is ``present``. A bound that is
not of the comparison's kind (a text compared as a number, a text that is no version)
leaves the comparison undecided, as a plain value of the wrong kind does. Intervals are
read on facts outside arrays; inside array items durable-rules compares the item's own
field, so the fact schema should not allow them there.

Versions are ordered by ``version_key`` (integers, so an open bound is the next integer);
numbers by value (an open bound is the next float, ``math.nextafter``). durable-rules
compares the lowest and highest value a fact may take, precomputed per document for every
fact an ordering comparison reads (``bounds``); a plain value is its own lowest and highest.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Durable = dict[str, Any]
"""A condition in durable-rules' JSON ruleset form."""
Key = int | float
"""A value of an ordered kind as something that orders: a version's ``version_key``, a number itself."""
Bounds = tuple["Key | None", "Key | None"]
"""The lowest and highest value a fact may take (inclusive; None: unbounded on that side)."""
Test = Callable[[Any], "bool | None"]
"""A comparison with its operand bound: a present value -> the Kleene truth."""

INTERVAL_KEYS = ("above", "at_least", "below", "at_most")
"""The keys of an interval value (one lower bound, one upper bound, either optional, not both absent)."""


# ---------------------------------------------------------------- values


_VERSION = re.compile(r"^[0-9]+(\.[0-9]+){0,3}$")


def version_key(text: Any) -> int | None:
    """An integer that orders versions as versions (``1.10`` after ``1.9``); None if not a version."""
    if not isinstance(text, str) or not _VERSION.match(text):
        return None
    parts = [int(p) for p in text.split(".")] + [0, 0, 0]
    major, minor, build, revision = parts[:4]
    if major >= 90000 or minor >= 10000 or build >= 100000 or revision >= 10000:
        return None
    return ((major * 10_000 + minor) * 100_000 + build) * 10_000 + revision


def number_key(value: Any) -> Key | None:
    """A number as itself; None for anything else (``true`` is no number)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


def is_interval(value: Any) -> bool:
    """Whether a fact value is an interval (see the module's docstring) rather than a value."""
    return (isinstance(value, Mapping) and 0 < len(value) <= 2 and all(k in INTERVAL_KEYS for k in value)
            and not ("above" in value and "at_least" in value) and not ("below" in value and "at_most" in value))


def same(value: Any, expected: Any) -> bool:
    """Equality as durable-rules sees it: true is not 1, 1 is 1.0."""
    if isinstance(value, bool) or isinstance(expected, bool):
        return isinstance(value, bool) and isinstance(expected, bool) and value == expected
    return bool(value == expected)


@dataclass(frozen=True)
class Domain:
    """An ordered kind of value: how a value orders, and the next key up or down (for open bounds)."""

    name: str
    key: Callable[[Any], Key | None]
    step: Callable[[Key, int], Key]
    schema_types: frozenset[str]
    """The fact schema types a fact compared in this kind may have."""


def _number_step(key: Key, direction: int) -> Key:
    return math.nextafter(float(key), math.inf if direction > 0 else -math.inf)


NUMBERS = Domain("number", number_key, _number_step, frozenset({"number", "integer"}))
VERSIONS = Domain("version", version_key, lambda key, direction: int(key) + direction, frozenset({"string"}))


def bounds(value: Any, domain: Domain) -> Bounds | None:
    """The lowest and highest value (inclusive) a fact value of ``domain`` may take: a value is both; an
    interval's open bounds become the next key inwards. None when it is neither (or an empty interval)."""
    if not is_interval(value):
        key = domain.key(value)
        return None if key is None else (key, key)
    low: Key | None = None
    high: Key | None = None
    for name, direction in (("at_least", 0), ("above", 1), ("at_most", 0), ("below", -1)):
        if name in value:
            key = domain.key(value[name])
            if key is None:
                return None
            key = domain.step(key, direction) if direction else key
            if name in ("at_least", "above"):
                low = key
            else:
                high = key
    if low is not None and high is not None and low > high:
        return None
    return low, high


@dataclass(frozen=True)
class Accepted:
    """The values an ordering comparison holds for: from ``low`` to ``high`` (None: unbounded), each end
    included or not."""

    low: Key | None = None
    low_open: bool = False
    high: Key | None = None
    high_open: bool = False

    def truth(self, have: Bounds | None) -> bool | None:
        """True when every value of ``have`` is accepted, False when none is, else None (undecided)."""
        if have is None:
            return None
        lowest, highest = have
        if self.high is not None and lowest is not None and (lowest >= self.high if self.high_open else lowest > self.high):
            return False
        if self.low is not None and highest is not None and (highest <= self.low if self.low_open else highest < self.low):
            return False
        above_low = self.low is None or (lowest is not None and (lowest > self.low if self.low_open else lowest >= self.low))
        below_high = self.high is None or (highest is not None and (highest < self.high if self.high_open else highest <= self.high))
        return True if above_low and below_high else None

    def holds(self, low_path: str, high_path: str) -> Durable:
        """durable-rules' form of "every value is accepted", on the precomputed lowest and highest value."""
        parts: list[Durable] = []
        if self.low is not None:
            parts.append({"$gt" if self.low_open else "$gte": {low_path: self.low}})
        if self.high is not None:
            parts.append({"$lt" if self.high_open else "$lte": {high_path: self.high}})
        return parts[0] if len(parts) == 1 else {"$and": parts}

    def fails(self, low_path: str, high_path: str) -> Durable:
        """durable-rules' form of "no value is accepted"."""
        parts: list[Durable] = []
        if self.low is not None:
            parts.append({"$lte" if self.low_open else "$lt": {high_path: self.low}})
        if self.high is not None:
            parts.append({"$gte" if self.high_open else "$gt": {low_path: self.high}})
        return parts[0] if len(parts) == 1 else {"$or": parts}


# ---------------------------------------------------------------- the operator entry


@dataclass(frozen=True)
class Place:
    """Where a compiled comparison reads its fact: the value's path, and for an ordering comparison outside
    array items the paths of the precomputed lowest and highest value."""

    value: str
    low: str = ""
    high: str = ""


@dataclass(frozen=True)
class Operator:
    """One comparison operator: everything the engine does with it (see the module's docstring)."""

    name: str
    test: Callable[[Any], Test]
    """Operand -> its test of a present value."""
    absent: Callable[[Any], bool | None]
    """Operand -> the truth when the fact is absent."""
    holds: Callable[[Any, Place], Durable]
    """Operand, place -> durable-rules' form of "holds"."""
    fails: Callable[[Any, Place], Durable]
    """Operand, place -> durable-rules' form of "definitely fails"."""
    words: Callable[[Any], tuple[str, dict[str, str]]]
    """Operand -> the key of its sentence template and the fields besides ``fact`` that fill it."""
    domain: Callable[[Any], Domain | None] = lambda operand: None
    """Operand -> the ordered kind it compares (read through precomputed bounds outside items); None: values as they are."""
    decided_when_present: Callable[[Any], bool] = lambda operand: True
    """Operand -> whether a present plain value always decides it (its failing side may then be left to the closed world)."""
    operands: Callable[[Any], tuple[Any, ...]] = lambda operand: (operand,)
    """The values it compares against, one by one (``in``'s options)."""
    refused: Callable[[Any], tuple[str, ...]] = lambda operand: ()
    """Operand -> why loading refuses it, beyond the rule schema (which cannot compare two values)."""
    reads_value: bool = True
    """Whether it reads the fact's value (False: its presence alone; the projection keeps no more)."""


def show(value: Any) -> str:
    """A value as it is written in plain words (JSON, non-ASCII kept)."""
    return json.dumps(value, ensure_ascii=False)


def _undecided_when_absent(operand: Any) -> bool | None:
    return None


def _equality(expected: Any) -> Test:
    """Equality with ``expected`` as durable-rules sees it: true is not 1, 1 is 1.0; an interval decides nothing."""
    if isinstance(expected, bool):
        return lambda value: value is expected
    if isinstance(expected, (int, float)):
        return lambda value: None if type(value) is dict and is_interval(value) else \
            not isinstance(value, bool) and bool(value == expected)
    return lambda value: value == expected if type(value) is not dict else None if is_interval(value) else False


def _not_equal(expected: Any) -> Test:
    equal = _equality(expected)

    def test(value: Any) -> bool | None:
        result = equal(value)
        return None if result is None else not result

    return test


def _one_of(options: Any) -> Test:
    tests = [_equality(option) for option in _options(options)]

    def test(value: Any) -> bool | None:
        if type(value) is dict and is_interval(value):
            return None
        return any(one(value) for one in tests)

    return test


def _options(operand: Any) -> tuple[Any, ...]:
    return tuple(operand) if isinstance(operand, (tuple, list)) else (operand,)


def _in_holds(options: Any, place: Place) -> Durable:
    alternatives: list[Durable] = [{place.value: v} for v in _options(options)]
    return alternatives[0] if len(alternatives) == 1 else {"$or": alternatives}


def _in_fails(options: Any, place: Place) -> Durable:
    alternatives: list[Durable] = [{"$neq": {place.value: v}} for v in _options(options)]
    return alternatives[0] if len(alternatives) == 1 else {"$and": alternatives}


def _ordering(name: str, domain_of: Callable[[Any], Domain], accepted: Callable[[Any], Accepted | None], expects: str,
              words: Callable[[Any], tuple[str, dict[str, str]]] | None = None) -> Operator:
    """An operator that holds for an ordered range of values (``accepted`` of its operand, in ``domain_of`` it)."""

    def test(operand: Any) -> Test:
        domain, wanted = domain_of(operand), accepted(operand)
        if wanted is None:
            return lambda value: None
        truth, key = wanted.truth, domain.key

        def ordered(value: Any) -> bool | None:
            if type(value) is not dict:  # a plain value, the common case
                have = key(value)
                return None if have is None else truth((have, have))
            return truth(bounds(value, domain))

        return ordered

    def side(form: str) -> Callable[[Any, Place], Durable]:
        def compiled(operand: Any, place: Place) -> Durable:
            wanted = accepted(operand)
            assert wanted is not None, f"{name} {operand!r}: refused by the rule schema"
            low, high = (place.low, place.high) if place.low else (place.value, place.value)
            return wanted.holds(low, high) if form == "holds" else wanted.fails(low, high)

        return compiled

    def refused(operand: Any) -> tuple[str, ...]:
        # the rule schema checks a written operand; a named constant is filled in after it
        if accepted(operand) is None:
            return (f"{name!r} needs {expects}, not {show(_plain(operand))}",)
        return ()

    return Operator(name, test, _undecided_when_absent, side("holds"), side("fails"),
                    words or (lambda operand: (name, {"value": show(operand)})), domain_of,
                    lambda operand: domain_of(operand) is NUMBERS, refused=refused)


def _plain(operand: Any) -> Any:
    return list(operand) if isinstance(operand, tuple) else operand


def _in(domain: Domain, make: Callable[[Key], Accepted]) -> Callable[[Any], Accepted | None]:
    """The accepted range of an operand of ``domain`` (None when the operand is not of it)."""
    def accepted(operand: Any) -> Accepted | None:
        key = domain.key(operand)
        return None if key is None else make(key)

    return accepted


def _between_domain(operand: Any) -> Domain:
    """The kind ``between`` compares in: versions when its ends are texts, else numbers."""
    return VERSIONS if isinstance(operand, (tuple, list)) and operand and isinstance(operand[0], str) else NUMBERS


def _between_range(operand: Any) -> Accepted | None:
    """``[low, high]``: at least ``low`` and below ``high`` (None: not two values of one kind, or empty)."""
    if not isinstance(operand, (tuple, list)) or len(operand) != 2:
        return None
    domain = _between_domain(operand)
    low, high = domain.key(operand[0]), domain.key(operand[1])
    if low is None or high is None or low >= high:
        return None
    return Accepted(low, False, high, True)


def _numbers(operand: Any) -> Domain:
    return NUMBERS


def _versions(operand: Any) -> Domain:
    return VERSIONS


MAX_IN_VALUES = 256
"""The most values one ``in`` list may hold: each is a ``$or`` alternative, and durable-rules 2.0.28's
``create_ruleset`` spins without end on some 400-500 of them in one ruleset (measured; the session also
spreads rules over rulesets by their alternatives)."""


def _too_many_options(operand: Any) -> tuple[str, ...]:
    if isinstance(operand, tuple) and len(operand) > MAX_IN_VALUES:
        return (f"an 'in' list holds at most {MAX_IN_VALUES} values, this one {len(operand)} (durable-rules "
                "stops compiling past some 400 alternatives in one ruleset): split it over several findings",)
    return ()


def _present_test(operand: Any) -> Test:
    wanted = bool(operand)
    return lambda value: wanted


A_NUMBER, A_VERSION = "a number", "a version (1 to 4 numbers joined by dots, each in range)"

OPERATORS: dict[str, Operator] = {
    "equals": Operator(
        "equals", _equality, _undecided_when_absent,
        lambda v, place: {place.value: v},
        lambda v, place: {"$neq": {place.value: v}},
        lambda v: ("equals", {"value": show(v)})),
    "not_equals": Operator(
        "not_equals", _not_equal, _undecided_when_absent,
        lambda v, place: {"$neq": {place.value: v}},
        lambda v, place: {place.value: v},
        lambda v: ("not_equals", {"value": show(v)})),
    "in": Operator(
        "in", _one_of, _undecided_when_absent, _in_holds, _in_fails,
        lambda v: ("in", {"values": ", ".join(show(o) for o in _options(v))}),
        operands=_options, refused=_too_many_options),
    "lt": _ordering("lt", _numbers, _in(NUMBERS, lambda c: Accepted(high=c, high_open=True)), A_NUMBER),
    "lte": _ordering("lte", _numbers, _in(NUMBERS, lambda c: Accepted(high=c)), A_NUMBER),
    "gt": _ordering("gt", _numbers, _in(NUMBERS, lambda c: Accepted(low=c, low_open=True)), A_NUMBER),
    "gte": _ordering("gte", _numbers, _in(NUMBERS, lambda c: Accepted(low=c)), A_NUMBER),
    "version_lt": _ordering("version_lt", _versions, _in(VERSIONS, lambda c: Accepted(high=c, high_open=True)), A_VERSION),
    "version_gte": _ordering("version_gte", _versions, _in(VERSIONS, lambda c: Accepted(low=c)), A_VERSION),
    "between": _ordering("between", _between_domain, _between_range,
                         "two numbers or two versions, the first below the second",
                         lambda v: ("between", {"low": show(v[0]), "high": show(v[1])})),
    "present": Operator(
        "present", _present_test, lambda v: not bool(v),
        lambda v, place: {"$ex" if v else "$nex": {place.value: 1}},
        lambda v, place: {"$nex" if v else "$ex": {place.value: 1}},
        lambda v: ("present" if v else "absent", {}),
        decided_when_present=lambda v: False, reads_value=False),
}
"""Every comparison operator by the name written in rule files."""


# ---------------------------------------------------------------- lint: the operand against the fact's schema


def schema_types(fact: Mapping[str, Any]) -> set[str] | None:
    """The JSON types a fact's schema allows (``type``, or those of its ``anyOf``/``oneOf``); None when unsaid."""
    declared = fact.get("type")
    if isinstance(declared, str):
        return {declared}
    if isinstance(declared, list):
        return {str(t) for t in declared}
    found: set[str] = set()
    for key in ("anyOf", "oneOf"):
        for option in fact.get(key) or ():
            types = schema_types(option) if isinstance(option, Mapping) else None
            if types is None:
                return None
            found |= types
    return found or None


def operand_problems(op: str, operand: Any, path: str, fact: Mapping[str, Any]) -> list[str]:
    """What lint says of a comparison's operand, given the fact's schema: a value its enumeration cannot
    hold (with a did-you-mean), or an ordering comparison of a fact whose schema type is not of its kind."""
    domain = OPERATORS[op].domain(operand)
    types = schema_types(fact)
    if domain is not None and types is not None and not types & domain.schema_types:
        return [f"{op!r} compares {path!r} as a {domain.name}, but the fact schema says it is {' or '.join(sorted(types))}"]
    if domain is not None or op == "present":
        return []
    problems = []
    for value in OPERATORS[op].operands(operand):
        kind = json_type(value)
        if types is not None and not any(_OF_TYPE[t](value) for t in types if t in _OF_TYPE):
            problems.append(f"{value!r} is {kind}, but fact {path!r} is {' or '.join(sorted(types))} in the fact schema, "
                            f"so {op!r} can never hold{_written_as(value, types)}")
    options = fact.get("enum")
    if problems or not isinstance(options, list):
        return problems
    for value in OPERATORS[op].operands(operand):
        if value not in options:
            close = difflib.get_close_matches(str(value), [str(o) for o in options], n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else f"; expected one of {', '.join(repr(o) for o in options)}"
            problems.append(f"{value!r} is not a value fact {path!r} can take{hint}")
    return problems


_OF_TYPE: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool) or isinstance(v, float) and v.is_integer(),
    "null": lambda v: v is None,
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}
"""JSON Schema's types as values of a rule's YAML are of them (a boolean is no number)."""


def json_type(value: Any) -> str:
    """A value's JSON type, as a lint message names it ("a boolean", "a string", ...)."""
    for name in ("boolean", "string", "number", "null", "array", "object"):
        if _OF_TYPE[name](value):
            return "null" if name == "null" else f"an {name}" if name[0] in "aeiou" else f"a {name}"
    return type(value).__name__


_SPELLED: dict[str, Callable[[str], Any]] = {
    "boolean": lambda text: {"true": True, "yes": True, "false": False, "no": False}.get(text.strip().casefold()),
    "integer": lambda text: int(text) if re.fullmatch(r"-?[0-9]+", text.strip()) else None,
    "number": lambda text: float(text) if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text.strip()) else None,
}


def _written_as(value: Any, types: set[str]) -> str:
    """"; write true (no quotes)": the operand in the fact's type, when a quoted text plainly means one."""
    if not isinstance(value, str):
        return ""
    for name in sorted(types & set(_SPELLED)):
        meant = _SPELLED[name](value)
        if meant is not None:
            shown = json.dumps(meant if name != "number" or not float(meant).is_integer() else int(meant))
            return f"; write {shown} (no quotes)"
    return ""
