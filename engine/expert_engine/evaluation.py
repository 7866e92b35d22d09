"""Conditions turned, once per rule set, into Python functions that evaluate them (Kleene).

``conditions.evaluate`` and the reference ``open_paths`` (tests/oracle.py) read a condition
tree node by node at every call: the reference meaning, used by the reference evaluator
and the explanations. The engine needs them for every undecided condition of every
diagnosis, so here each node becomes a closure once (paths split, operators and constants chosen,
children bound) and a diagnosis only calls them. ``truth`` gives what ``evaluate`` gives;
``opener`` also appends, like ``open_paths``, the paths of the undecided parts.
tests/test_evaluation.py compares both with the tree-walking functions on generated
conditions and documents.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .conditions import (
    GROUPED_FROM,
    AllItems,
    AllOf,
    AnyItem,
    AnyOf,
    Compare,
    Condition,
    DerivedRef,
    EarlierStages,
    Items,
    Judge,
    Not,
    children,
    item_reads,
    kleene,
    kleene_and,
    kleene_or,
    timeline_truth,
)
from .operators import OPERATORS

Truth = Callable[[Any, "Mapping[str, bool] | None"], "bool | None"]
"""(scope, derived facts) -> the condition's Kleene truth."""
Opener = Callable[[Any, str, list[str]], "bool | None"]
"""(scope, path prefix, found) -> the Kleene truth; when undecided, its undecided parts' paths appended to found."""

_ABSENT = object()


def lazy_truth(node: Condition) -> Truth:
    """``truth(node)``, built at its first call: a start that diagnoses one document calls few of them."""
    built: list[Truth] = []

    def call(scope: Any, derived: Mapping[str, bool] | None) -> bool | None:
        if not built:
            built.append(truth(node))
        return built[0](scope, derived)

    return call


def item_judge(node: Condition) -> Judge:
    """``truth(node)`` of one array item (what ``conditions.Items`` calls), built at its first call."""
    judge = lazy_truth(node)
    return lambda item: judge(item, None)


def lazy_opener(node: Condition) -> Opener:
    """``opener(node)``, built at its first call."""
    built: list[Opener] = []

    def call(scope: Any, prefix: str, found: list[str]) -> bool | None:
        if not built:
            built.append(opener(node))
        return built[0](scope, prefix, found)

    return call


def _reader(path: str) -> Callable[[Any], Any]:
    """A function reading a dotted path from a scope: the value, or ``_ABSENT``."""
    steps = tuple(path.split("."))
    if len(steps) == 1:
        step = steps[0]

        def read_one(scope: Any) -> Any:
            if type(scope) is dict:
                return scope.get(step, _ABSENT)
            return scope[step] if isinstance(scope, Mapping) and step in scope else _ABSENT

        return read_one

    def read(scope: Any) -> Any:
        current = scope
        for step in steps:
            if not (type(current) is dict or isinstance(current, Mapping)) or step not in current:
                return _ABSENT
            current = current[step]
        return current

    return read


def _compare(node: Compare) -> Callable[[Any], bool | None]:
    """The comparison (``operators.OPERATORS``) with its operand bound, reading its fact from a scope."""
    read = _reader(node.fact)
    operator = OPERATORS[node.op]
    test, when_absent = operator.test(node.value), operator.absent(node.value)

    def compare(scope: Any) -> bool | None:
        value = read(scope)
        return when_absent if value is _ABSENT else test(value)

    return compare


def truth(node: Condition) -> Truth:
    """A function giving ``conditions.evaluate(node, scope, derived)`` (earlier stages undecided)."""
    match node:
        case Compare():
            compare = _compare(node)
            return lambda scope, derived: compare(scope)
        case AllOf(parts) | AnyOf(parts):
            return _connective([truth(p) for p in parts], isinstance(node, AllOf))
        case Not(part):
            return _negation(truth(part))
        case AnyItem(array, where, _, later) if later is not None:
            return _timeline(node, _reader(array), truth(where), truth(later))
        case AnyItem(array, where) | AllItems(array, where):
            return _quantifier(node, _reader(array), truth(where))
        case DerivedRef(name, value):
            return _reference(name, value)
        case EarlierStages():
            return lambda scope, derived: None


def _connective(parts: list[Truth], conjunctive: bool) -> Truth:
    """Kleene "and" (``conjunctive``) or "or" of ``parts``, stopping at the first part that decides it."""
    deciding = not conjunctive  # "and" is decided by a False part, "or" by a True one

    def connective(scope: Any, derived: Mapping[str, bool] | None) -> bool | None:
        return kleene((part(scope, derived) for part in parts), deciding)

    return connective


def _negation(inner: Truth) -> Truth:
    def negation(scope: Any, derived: Mapping[str, bool] | None) -> bool | None:
        value = inner(scope, derived)
        return None if value is None else not value

    return negation


def _reference(name: str, wanted: bool) -> Truth:
    def reference(scope: Any, derived: Mapping[str, bool] | None) -> bool | None:
        known = (derived or {}).get(name)
        return None if known is None else known == wanted

    return reference


def _quantifier(node: AnyItem | AllItems, read: Callable[[Any], Any], where: Truth) -> Truth:
    existential = isinstance(node, AnyItem)
    fields = item_reads(node.where)

    def judge(item: Mapping[str, Any]) -> bool | None:
        return where(item, None)

    def quantified(scope: Any, derived: Mapping[str, bool] | None) -> bool | None:
        items = read(scope)
        if not isinstance(items, list):
            return None
        if len(items) >= GROUPED_FROM:
            return kleene(Items(items, fields).truths(judge), existential)
        # any: decided by the first item that holds; all: by the first that fails
        return kleene((where(item, None) if isinstance(item, Mapping) else None for item in items), existential)

    return quantified


def _timeline(node: AnyItem, read: Callable[[Any], Any], where: Truth, later: Truth) -> Truth:
    """A timeline's truth (``conditions.timeline_truth``) with its item conditions compiled."""
    fields = item_reads(*children(node))

    def timeline(scope: Any, derived: Mapping[str, bool] | None) -> bool | None:
        items = read(scope)
        if not isinstance(items, list):
            return None
        return timeline_truth(node, items, Items(items, fields), lambda item: where(item, None), lambda item: later(item, None))

    return timeline


def opener(node: Condition) -> Opener:
    """A function giving the truth of ``node`` (references undecided) and, when it is undecided, appending
    the paths of its undecided parts to ``found`` (the reference ``open_paths`` in tests/oracle.py, one walk)."""
    match node:
        case DerivedRef() | EarlierStages():
            return lambda scope, prefix, found: None
        case Compare(fact):
            compare = _compare(node)

            def comparison(scope: Any, prefix: str, found: list[str]) -> bool | None:
                value = compare(scope)
                if value is None:
                    found.append(prefix + fact)
                return value

            return comparison
        case AllOf(parts) | AnyOf(parts):
            each = [opener(p) for p in parts]
            combine = kleene_and if isinstance(node, AllOf) else kleene_or

            def connective(scope: Any, prefix: str, found: list[str]) -> bool | None:
                mark = len(found)
                value = combine([part(scope, prefix, found) for part in each])
                if value is not None:
                    del found[mark:]
                return value

            return connective
        case Not(part):
            inner = opener(part)

            def negation(scope: Any, prefix: str, found: list[str]) -> bool | None:
                value = inner(scope, prefix, found)
                return None if value is None else not value

            return negation
        case AnyItem(array, where, _, later) if later is not None:
            return _timeline_opener(node, _reader(array), opener(where), opener(later))
        case AnyItem(array, where) | AllItems(array, where):
            return _quantifier_opener(node, _reader(array), opener(where))
    raise TypeError(node)


def _quantifier_opener(node: AnyItem | AllItems, read: Callable[[Any], Any], where: Opener) -> Opener:
    combine = kleene_or if isinstance(node, AnyItem) else kleene_and
    array = node.array

    def quantified(scope: Any, prefix: str, found: list[str]) -> bool | None:
        items = read(scope)
        if not isinstance(items, list):
            found.append(prefix + array)
            return None
        mark, inside = len(found), f"{prefix}{array}[]."
        value = combine([where(item, inside, found) if isinstance(item, Mapping) else None for item in items])
        if value is not None:
            del found[mark:]
        return value

    return quantified


def _timeline_opener(node: AnyItem, read: Callable[[Any], Any], where: Opener, later: Opener) -> Opener:
    assert node.later is not None
    array, order = node.array, node.order
    fields = item_reads(*children(node))
    where_truth, recovery_truth = truth(node.where), truth(node.later)

    def timeline(scope: Any, prefix: str, found: list[str]) -> bool | None:
        items = read(scope)
        if not isinstance(items, list):
            found.append(prefix + array)
            return None
        table = Items(items, fields)  # grouped once, for the truth and for the undecided paths
        value = timeline_truth(node, items, table, lambda item: where_truth(item, None), lambda item: recovery_truth(item, None))
        if value is None:
            # the paths of every item's undecided parts, in order; items alike (``Items``) add the same paths
            inside, seen = f"{prefix}{array}[].", set()
            for item, number, key in zip(items, table.group, table.order_keys(order), strict=True):
                if number < 0 or (number, key is None) in seen:
                    continue
                seen.add((number, key is None))
                where(item, inside, found)
                later(item, inside, found)
                if key is None:
                    found.append(inside + order)
        return value

    return timeline
