"""A rule file's comparison mistakes, worded for the person who wrote them.

jsonschema words a comparison that does not fit the rule schema from whichever branch of the
condition's ``oneOf`` matched best: an operator typo (``equal: true``) or a number given as a
text (``gt: "5"``) both come out as "Additional properties are not allowed ('equal', 'fact'
were unexpected)", often located at the condition above. ``comparison_problems`` reads every
comparison (a mapping with a ``fact`` key) of a rule document that failed validation and
says what is wrong with it in the terms of the rule format: "unknown operator 'equal'; did you
mean 'equals'?", "'gt' needs a number or a constant ({const: NAME}), not \"5\"". The operators
and what each needs are read from the rule schema itself, so a new operator needs nothing here.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

COMPARISON_KEY = "fact"
"""The key that makes a mapping of a condition a comparison (the rule schema's ``$defs/comparison``)."""
CONDITION_KEYS = frozenset({"when", "applies_when", "provided", "explains"})
"""The keys under which a rule document holds conditions: a schema error on their way is a condition's."""

_NAMED = {
    "const_ref": "a constant ({const: NAME})",
    "version": 'a version text ("2.5.79.0")',
    "path": "a fact path",
    "range": "[low, high] (two numbers or two versions)",
}
_TYPES = {"string": "a text", "number": "a number", "integer": "a whole number", "boolean": "a boolean (true or false)",
          "null": "null", "object": "a mapping", "array": "a list"}


@dataclass(frozen=True)
class Mistake:
    """One comparison's mistake: the comparison's JSON path, where the mistake is (the operator's key or
    the comparison), and what to tell the author."""

    node: list[Any]
    at: list[Any]
    message: str


def comparison_problems(data: Any, schema: Mapping[str, Any]) -> list[Mistake]:
    """Every mistake of the comparisons in a rule document, as the rule schema sees them."""
    definitions = schema.get("$defs", {})
    properties: Mapping[str, Any] = definitions.get("comparison", {}).get("properties", {})
    operators = [name for name in properties if name != COMPARISON_KEY]
    found: list[Mistake] = []
    validators: dict[str, Any] = {}  # operator -> the validator of what it needs, built once per document
    for at, node in _comparisons(data, [], frozenset(operators)):
        written = [key for key in node if key != COMPARISON_KEY]
        unknown = [key for key in written if key not in properties]
        if not isinstance(node.get(COMPARISON_KEY), str):
            close = difflib.get_close_matches(COMPARISON_KEY, [str(key) for key in unknown], n=1, cutoff=0.6)
            hint = f"; is {close[0]!r} meant to be {COMPARISON_KEY!r}?" if close else ""
            found.append(Mistake(at, at, f"this comparison has no {COMPARISON_KEY!r} text (the fact path it compares){hint}"))
            continue
        subject = node[COMPARISON_KEY]
        for key in unknown:
            close = difflib.get_close_matches(str(key), operators, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else f"the operators are {', '.join(operators)}"
            found.append(Mistake(at, at + [key], f"unknown operator {key!r} in the comparison of {subject!r}; {hint}"))
        known = [key for key in written if key in properties]
        if not written:
            found.append(Mistake(at, at, f"the comparison of {subject!r} names no operator "
                              f"(one of {', '.join(operators)})"))
        elif len(known) > 1:
            found.append(Mistake(at, at, f"one operator per comparison, and this one has {', '.join(map(repr, known))}: "
                              "write one comparison each, under all:"))
        elif len(known) == 1 and not unknown:
            op = known[0]
            if not _valid(node[op], op, properties[op], schema, validators):
                found.append(Mistake(at, at + [op], f"{op!r} needs {describe(properties[op], definitions)}, "
                                         f"not {json.dumps(node[op], ensure_ascii=False, default=str)}"))
    return found


def explained(error_path: Sequence[Any], places: Sequence[Sequence[Any]]) -> bool:
    """Whether a jsonschema error at ``error_path`` is about one of the comparisons at ``places``: on it, inside
    it, or on a condition above it (which the condition's ``oneOf`` reports in its stead)."""
    error = list(error_path)
    for place in places:
        if error[: len(place)] == list(place):
            return True
        if list(place)[: len(error)] == error and CONDITION_KEYS & set(map(str, error)):
            return True
    return False


def describe(schema: Any, definitions: Mapping[str, Any]) -> str:
    """What a schema node accepts, in a few words ("a number or a constant ({const: NAME})")."""
    if not isinstance(schema, Mapping):
        return "a value"
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return " or ".join(dict.fromkeys(describe(option, definitions) for option in schema[key]))
    if "$ref" in schema:
        name = str(schema["$ref"]).rsplit("/", 1)[-1]
        return _NAMED.get(name) or describe(definitions.get(name, {}), definitions)
    if "const" in schema:
        return json.dumps(schema["const"])
    declared = schema.get("type")
    if declared == "array" and "items" in schema:
        return f"a list, each {describe(schema['items'], definitions)}"
    names = [_TYPES.get(str(name), str(name)) for name in (declared if isinstance(declared, list) else [declared] if declared else [])]
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0] if names else "a value"


def _comparisons(data: Any, at: list[Any], operators: frozenset[str]) -> Iterator[tuple[list[Any], Mapping[str, Any]]]:
    """Every mapping that is (or was meant as) a comparison: it has a ``fact`` text or an operator key."""
    if isinstance(data, Mapping):
        if isinstance(data.get(COMPARISON_KEY), str) or operators & set(data):
            yield at, data
            return
        for key, value in data.items():
            yield from _comparisons(value, at + [key], operators)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _comparisons(value, at + [index], operators)


def _valid(value: Any, name: str, node: Mapping[str, Any], schema: Mapping[str, Any], validators: dict[str, Any]) -> bool:
    """Whether ``value`` is what the operator ``name`` (its schema ``node``) needs; ``validators``: each operator's
    validator, built at its first use (a rule file with many comparisons of one operator builds one)."""
    validator = validators.get(name)
    if validator is None:
        import jsonschema

        validator = validators[name] = jsonschema.Draft202012Validator({**node, "$defs": schema.get("$defs", {})})
    return bool(validator.is_valid(value))
