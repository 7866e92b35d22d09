"""Declarative conditions: checking them, and compiling them to durable-rules conditions.

A condition is three-valued: it *holds*, it *fails*, or it is *undecided* because a fact
it needs is absent. durable-rules treats any test of a missing field as false, so each
condition is compiled twice, into ``holds`` (its own form) and ``fails`` (the form of its
negation, pushed down to the comparisons). Neither matching means undecided.

durable-rules 2.0.28 evaluates ``$or`` inside an array item's expression wrongly when
the alternatives test different fields (measured: it behaves like ``$and``). So no
``$or`` is ever emitted inside ``$iany``/``$iall``: an existential over a disjunction is
distributed (some item is A or B = some item is A, or some item is B), and a universal
over a disjunction cannot be compiled. ``holds`` or ``fails`` then returns None and the
engine decides that side by the closed world: the other side did not match although
every fact the condition reads is present.

Paths in the facts document are compiled under ``f.``; versions, which durable-rules
cannot compare, are compared as integers precomputed under ``v.``; the lengths of arrays
that quantifiers range over are precomputed under ``n.`` so that "every item of an empty
array" holds, as it should.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from .model import Condition, Rule

FACTS, VERSIONS, LENGTHS = "f", "v", "n"
ITEM = "$i"

_COMPARISONS = {
    # operator: (durable operator when it holds, durable operator when it fails)
    "equals": (None, "$neq"),
    "not_equals": ("$neq", None),
    "lt": ("$lt", "$gte"),
    "lte": ("$lte", "$gt"),
    "gt": ("$gt", "$lte"),
    "gte": ("$gte", "$lt"),
    "version_lt": ("$lt", "$gte"),
    "version_gte": ("$gte", "$lt"),
}
_VERSION = re.compile(r"^[0-9]+(\.[0-9]+){0,3}$")


# ---------------------------------------------------------------- structure


def operator_of(comparison: Condition) -> str:
    """The operator key of a comparison (the key that is not ``fact``)."""
    return next(k for k in comparison if k != "fact")


def split_top(condition: Condition) -> tuple[list[Condition], list[Condition]]:
    """Split a top-level condition into references (derived facts, earlier stages) and document conditions."""
    parts = condition["all"] if set(condition) == {"all"} else [condition]
    refs = [p for p in parts if "derived" in p or "earlier_stages" in p]
    plain = [p for p in parts if "derived" not in p and "earlier_stages" not in p]
    return refs, plain


def check(condition: Condition) -> list[str]:
    """Problems the schema cannot see: quantifiers nested in quantifiers, versions inside items."""
    _, plain = split_top(condition)
    problems: list[str] = []
    for part in plain:
        problems.extend(_check(part, in_item=False))
    if not problems and plain:
        whole = plain[0] if len(plain) == 1 else {"all": plain}
        if holds(whole) is None and fails(whole) is None:
            problems.append("this condition needs alternatives ('any', 'in', 'not all') inside array items both ways, "
                            "which durable-rules evaluates wrongly: split it into several any_item/all_items")
    return problems


def _check(condition: Condition, in_item: bool) -> Iterator[str]:
    if "all" in condition or "any" in condition:
        for part in condition.get("all", condition.get("any", [])):
            yield from _check(part, in_item)
    elif "not" in condition:
        yield from _check(condition["not"], in_item)
    elif "any_item" in condition or "all_items" in condition:
        if in_item:
            yield "a quantifier (any_item/all_items) cannot stand inside another quantifier's 'where'"
        yield from _check(condition["where"], True)
    elif in_item and operator_of(condition).startswith("version_"):
        yield "version comparisons are not supported inside a quantifier's 'where'"


def derived_names_used(rule: Rule) -> set[str]:
    """Names of the derived facts a rule's conditions refer to."""
    tops = [f.when for f in rule.findings] + [d.when for d in rule.derives]
    if rule.applies_when is not None:
        tops.append(rule.applies_when)
    return {ref["derived"] for top in tops for ref in split_top(top)[0] if "derived" in ref}


def fact_paths(condition: Condition) -> list[str]:
    """Every fact path a condition reads, in order of appearance; item fields as ``array[].field``."""
    paths: list[str] = []
    for part in split_top(condition)[1]:
        _collect(part, "", paths)
    return list(dict.fromkeys(paths))


def _collect(condition: Condition, item_prefix: str, paths: list[str]) -> None:
    if "all" in condition or "any" in condition:
        for part in condition.get("all", condition.get("any", [])):
            _collect(part, item_prefix, paths)
    elif "not" in condition:
        _collect(condition["not"], item_prefix, paths)
    elif "any_item" in condition or "all_items" in condition:
        array = condition.get("any_item", condition.get("all_items"))
        paths.append(array)
        _collect(condition["where"], f"{array}[].", paths)
    else:
        paths.append(item_prefix + condition["fact"])


def nodes(condition: Condition) -> Iterator[Condition]:
    """Every node of the document part of a condition, outermost first (not inside quantifiers' items)."""
    for part in split_top(condition)[1]:
        stack = [part]
        while stack:
            node = stack.pop()
            yield node
            if "all" in node or "any" in node:
                stack.extend(reversed(node.get("all", node.get("any", []))))
            elif "not" in node:
                stack.append(node["not"])


def quantified_arrays(condition: Condition) -> list[str]:
    """Array paths that quantifiers range over (their lengths are precomputed)."""
    return [n.get("any_item", n.get("all_items")) for n in nodes(condition) if "any_item" in n or "all_items" in n]


def versioned_paths(condition: Condition) -> list[str]:
    """Fact paths compared as versions (their integer keys are precomputed)."""
    return [n["fact"] for n in nodes(condition) if "fact" in n and operator_of(n).startswith("version_")]


# ---------------------------------------------------------------- values


def version_key(text: str) -> int | None:
    """An integer that orders versions as versions (``1.10`` after ``1.9``); None if not a version."""
    if not isinstance(text, str) or not _VERSION.match(text):
        return None
    parts = [int(p) for p in text.split(".")] + [0, 0, 0]
    major, minor, build, revision = parts[:4]
    if major >= 90000 or minor >= 10000 or build >= 100000 or revision >= 10000:
        return None
    return ((major * 10_000 + minor) * 100_000 + build) * 10_000 + revision


def flat_key(path: str) -> str:
    """The single key under which a precomputed value for ``path`` is stored."""
    return path.replace(".", "__")


def lookup(document: Any, path: str) -> tuple[bool, Any]:
    """``(present, value)`` for a dotted path."""
    current = document
    for step in path.split("."):
        if not isinstance(current, Mapping) or step not in current:
            return False, None
        current = current[step]
    return True, current


# ---------------------------------------------------------------- compiling


class NotCompilable(Exception):
    """The condition's form cannot be expressed for durable-rules (a disjunction inside array items)."""


def holds(condition: Condition, item: bool = False) -> dict[str, Any] | None:
    """The durable-rules condition that matches when ``condition`` definitely holds, or None (closed world)."""
    try:
        return _compile(condition, positive=True, item=item)
    except NotCompilable:
        return None


def fails(condition: Condition, item: bool = False) -> dict[str, Any] | None:
    """The durable-rules condition that matches when ``condition`` definitely fails, or None (closed world)."""
    try:
        return _compile(condition, positive=False, item=item)
    except NotCompilable:
        return None


def _compile(c: Condition, positive: bool, item: bool) -> dict[str, Any]:
    if "all" in c or "any" in c:
        conjunctive = ("all" in c) == positive
        parts = [_compile(p, positive, item) for p in c.get("all", c.get("any", []))]
        if len(parts) == 1:
            return parts[0]
        return {"$and" if conjunctive else "$or": parts}
    if "not" in c:
        return _compile(c["not"], not positive, item)
    if "any_item" in c or "all_items" in c:
        return _quantifier(c, positive)
    return _comparison(c, positive, item)


def _has_or(compiled: Any) -> bool:
    """Whether a compiled condition has a disjunction over different fields (same-field ones evaluate right)."""
    if isinstance(compiled, dict):
        if "$or" in compiled and len({json_key(alt) for alt in compiled["$or"]}) > 1:
            return True
        return any(_has_or(v) for v in compiled.values())
    if isinstance(compiled, list):
        return any(_has_or(v) for v in compiled)
    return False


def json_key(compiled: Any) -> str | None:
    """The one field a simple compiled comparison tests (``{path: v}`` or ``{op: {path: v}}``)."""
    if isinstance(compiled, dict) and len(compiled) == 1:
        key, value = next(iter(compiled.items()))
        if not key.startswith("$") or key.startswith(f"{ITEM}."):
            return key
        if isinstance(value, dict) and len(value) == 1 and key not in ("$and", "$or", "$iany", "$iall"):
            return next(iter(value))
    return repr(compiled)


def _quantifier(c: Condition, positive: bool) -> dict[str, Any]:
    existential = "any_item" in c
    array = c["any_item"] if existential else c["all_items"]
    path = f"{FACTS}.{array}"
    inner = _compile(c["where"], positive, item=True)
    if existential == positive:
        # some item holds (for 'any', positive) / some item fails (for 'all', negative)
        alternatives = inner["$or"] if set(inner) == {"$or"} else [inner]
        if any(_has_or(a) for a in alternatives):
            raise NotCompilable(array)
        anys = [{"$iany": {path: a}} for a in alternatives]
        return anys[0] if len(anys) == 1 else {"$or": anys}
    # every item holds (for 'all', positive) / every item fails (for 'any', negative); vacuous when empty
    if _has_or(inner):
        raise NotCompilable(array)
    return {"$or": [{f"{LENGTHS}.{flat_key(array)}": 0}, {"$iall": {path: inner}}]}


def _comparison(c: Condition, positive: bool, item: bool) -> dict[str, Any]:
    operator = operator_of(c)
    value = c[operator]
    path = f"{ITEM}.{c['fact']}" if item else f"{FACTS}.{c['fact']}"
    if operator == "present":
        exists = bool(value) == positive
        return {"$ex" if exists else "$nex": {path: 1}}
    if operator == "in":
        if positive:
            options = [{path: v} for v in value]
            return options[0] if len(options) == 1 else {"$or": options}
        options = [{"$neq": {path: v}} for v in value]
        return options[0] if len(options) == 1 else {"$and": options}
    if operator.startswith("version_"):
        path = f"{VERSIONS}.{flat_key(c['fact'])}"
        value = version_key(value)
    durable_op = _COMPARISONS[operator][0 if positive else 1]
    return {path: value} if durable_op is None else {durable_op: {path: value}}
