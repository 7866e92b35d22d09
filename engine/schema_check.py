"""A quick yes to "is this document valid?", for the JSON Schema keywords a fact schema uses.

jsonschema walks a document keyword by keyword, building an error iterator at every node:
about 1 ms for a typical facts document, the largest cost of a batch item after the engine.
``compile_check`` turns a schema into nested Python closures once; ``accepts`` then answers
in a few microseconds per node. It only ever says yes when jsonschema would (same type,
enum, bound, length, pattern and property semantics, draft 2020-12); a document it does
not accept is handed to jsonschema, which alone words and locates the errors. A schema
using any keyword outside the supported subset is not compiled at all: jsonschema decides.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any], bool]
"""Whether a value satisfies one schema node (True: valid)."""

ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "examples", "default", "deprecated",
                         "readOnly", "writeOnly"})
"""Keywords that never make a value invalid."""
SUPPORTED = frozenset({"type", "enum", "minimum", "minLength", "maxLength", "pattern", "properties", "required",
                       "additionalProperties", "items"})


class _Unsupported(Exception):
    """The schema uses something this module does not reproduce exactly: jsonschema decides alone."""


def _accept(value: Any) -> bool:
    return True


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, (int, float)) or isinstance(value, numbers.Number)


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


TYPES: dict[str, Check] = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
    "number": _is_number,
    "integer": _is_integer,
}
"""Draft 2020-12's types as jsonschema checks them (a bool is no number; 1.0 is an integer)."""


def compile_check(schema: Any) -> Check | None:
    """A check equivalent to validating against ``schema`` (draft 2020-12), or None when the schema
    uses a keyword (or a form of one) that is not reproduced here."""
    try:
        return _node(schema)
    except _Unsupported:
        return None


def _node(node: Any) -> Check:
    if node is True:
        return _accept
    if node is False:
        return lambda value: False
    if not isinstance(node, Mapping):
        raise _Unsupported()
    for keyword in node:
        if keyword not in SUPPORTED and keyword not in ANNOTATIONS and not str(keyword).startswith("x-"):
            raise _Unsupported()
    checks = _checks(node)
    if not checks:
        return _accept
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda value: first(value) and second(value)
    return lambda value: all(check(value) for check in checks)


def _checks(node: Mapping[str, Any]) -> list[Check]:
    """One check per group of keywords of a node, in the supported subset."""
    checks: list[Check] = []
    numeric = node.get("type") in ("integer", "number") and "minimum" in node
    if numeric:  # the type, then the bound, in one step: the bound's own number test is implied
        checks.append(_bounded(TYPES[node["type"]], node["minimum"]))
    elif "type" in node:
        checks.append(_type(node["type"]))
    if "enum" in node:
        checks.append(_enum(node["enum"]))
    if "minimum" in node and not numeric:
        checks.append(_minimum(node["minimum"]))
    if any(k in node for k in ("minLength", "maxLength", "pattern")):
        checks.append(_string(node.get("minLength"), node.get("maxLength"), node.get("pattern")))
    if any(k in node for k in ("properties", "required", "additionalProperties")):
        checks.append(_object(node.get("properties", {}), node.get("required", ()), node.get("additionalProperties", True)))
    if "items" in node:
        checks.append(_array(node["items"]))
    return checks


def _type(names: Any) -> Check:
    names = [names] if isinstance(names, str) else names
    if not isinstance(names, list) or not names or any(name not in TYPES for name in names):
        raise _Unsupported()
    if len(names) == 1:
        return TYPES[names[0]]
    checks = [TYPES[name] for name in names]
    return lambda value: any(check(value) for check in checks)


def _enum(options: Any) -> Check:
    if not isinstance(options, list) or not all(type(option) is str for option in options):
        raise _Unsupported()  # jsonschema's equality of numbers, bools and containers is not reproduced
    allowed = frozenset(options)
    return lambda value: isinstance(value, str) and value in allowed


def _minimum(bound: Any) -> Check:
    if isinstance(bound, bool) or not isinstance(bound, (int, float)):
        raise _Unsupported()
    return lambda value: not _is_number(value) or not value < bound


def _bounded(kind: Check, bound: Any) -> Check:
    if isinstance(bound, bool) or not isinstance(bound, (int, float)):
        raise _Unsupported()
    return lambda value: kind(value) and not value < bound


def _string(shortest: Any, longest: Any, pattern: Any) -> Check:
    for length in (shortest, longest):
        if length is not None and (isinstance(length, bool) or not isinstance(length, int)):
            raise _Unsupported()
    if pattern is not None and not isinstance(pattern, str):
        raise _Unsupported()
    search = re.compile(pattern).search if pattern is not None else None
    low = shortest if shortest is not None else 0
    high = longest

    def check(value: Any) -> bool:
        if not isinstance(value, str):
            return True
        if len(value) < low or (high is not None and len(value) > high):
            return False
        return search is None or search(value) is not None

    return check


def _object(properties: Any, required: Any, additional: Any) -> Check:
    if not isinstance(properties, Mapping) or not isinstance(required, (list, tuple)):
        raise _Unsupported()
    if not all(isinstance(name, str) for name in required):
        raise _Unsupported()
    own = {name: _node(sub) for name, sub in properties.items()}
    checked = {name: check for name, check in own.items() if check is not _accept}
    needed = tuple(required)
    closed = additional is False
    extra = None if additional is True or closed else _node(additional)
    if extra is _accept:
        extra = None

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        for name in needed:
            if name not in value:
                return False
        for name, item in value.items():
            sub = checked.get(name)
            if sub is not None:
                if not sub(item):
                    return False
            elif name not in own:
                if closed or (extra is not None and not extra(item)):
                    return False
        return True

    return check


def _array(items: Any) -> Check:
    each = _node(items)
    if each is _accept:
        return _accept

    def check(value: Any) -> bool:
        if not isinstance(value, list):
            return True
        for item in value:
            if not each(item):
                return False
        return True

    return check


_COMPILED: dict[int, tuple[Any, Check | None]] = {}


def _plain_draft_2020_12(validator: Any) -> bool:
    """Whether ``validator`` validates as draft 2020-12 with no format checker: the engine's own validator
    (``facts.FactsValidator``) says so without importing jsonschema; any other is asked as jsonschema's."""
    declared = getattr(validator, "plain_draft_2020_12", None)
    if declared is not None:
        return bool(declared)
    import jsonschema

    return type(validator) is jsonschema.Draft202012Validator and validator.format_checker is None


def accepts(validator: Any, instance: Any) -> bool:
    """True only when ``instance`` is certainly valid for ``validator`` (a plain draft 2020-12
    jsonschema validator of a schema in the supported subset); False: ask jsonschema."""
    cached = _COMPILED.get(id(validator))
    if cached is None or cached[0] is not validator:
        plain = _plain_draft_2020_12(validator)
        cached = (validator, compile_check(validator.schema) if plain else None)
        _COMPILED[id(validator)] = cached
    check = cached[1]
    return check is not None and check(instance)
