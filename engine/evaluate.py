"""A plain-Python, three-valued evaluator of the same condition language.

It is not how diagnoses are made (durable-rules evaluates every condition); it is the
reference the engine is checked against (an oracle for property tests and the baseline
of the benchmark) and the tool that explains which part of a condition held or failed.
"""

from __future__ import annotations

from typing import Any, Mapping

from . import conditions
from .model import Condition

Truth = "bool | None"


def evaluate(condition: Condition, facts: Mapping[str, Any], derived: Mapping[str, bool] | None = None,
             earlier_stages_passed: bool | None = None) -> bool | None:
    """Kleene truth of a top-level condition: True, False, or None when facts it needs are absent."""
    derived = derived or {}
    if "derived" in condition:
        value = derived.get(condition["derived"])
        return None if value is None else value == bool(condition.get("is", True))
    if "earlier_stages" in condition:
        return earlier_stages_passed
    if set(condition) == {"all"}:
        return _and(evaluate(c, facts, derived, earlier_stages_passed) for c in condition["all"])
    return _eval(condition, facts)


def _and(values: Any) -> bool | None:
    result: bool | None = True
    for value in values:
        if value is False:
            return False
        if value is None:
            result = None
    return result


def _or(values: Any) -> bool | None:
    result: bool | None = False
    for value in values:
        if value is True:
            return True
        if value is None:
            result = None
    return result


def _eval(c: Condition, scope: Mapping[str, Any]) -> bool | None:
    if "all" in c:
        return _and(_eval(p, scope) for p in c["all"])
    if "any" in c:
        return _or(_eval(p, scope) for p in c["any"])
    if "not" in c:
        value = _eval(c["not"], scope)
        return None if value is None else not value
    if "any_item" in c or "all_items" in c:
        present, items = conditions.lookup(scope, c.get("any_item", c.get("all_items")))
        if not present or not isinstance(items, list):
            return None
        results = [_eval(c["where"], item) if isinstance(item, Mapping) else None for item in items]
        return _or(results) if "any_item" in c else _and(results)
    return _compare(c, scope)


def _compare(c: Condition, scope: Mapping[str, Any]) -> bool | None:
    operator = conditions.operator_of(c)
    expected = c[operator]
    present, value = conditions.lookup(scope, c["fact"])
    if operator == "present":
        return present == bool(expected)
    if not present:
        return None
    if operator == "equals":
        return _same(value, expected)
    if operator == "not_equals":
        return not _same(value, expected)
    if operator == "in":
        return any(_same(value, option) for option in expected)
    if operator.startswith("version_"):
        have, want = conditions.version_key(value), conditions.version_key(expected)
        if have is None:
            return None
        return have < want if operator == "version_lt" else have >= want
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return {"lt": value < expected, "lte": value <= expected, "gt": value > expected, "gte": value >= expected}[operator]


def _same(value: Any, expected: Any) -> bool:
    """Equality as durable-rules sees it: true is not 1, 1 is 1.0."""
    if isinstance(value, bool) or isinstance(expected, bool):
        return isinstance(value, bool) and isinstance(expected, bool) and value == expected
    return value == expected
