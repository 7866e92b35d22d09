"""A quick yes to "is this document valid?", for the JSON Schema keywords fact and rule schemas use.

jsonschema walks a document keyword by keyword, building an error iterator at every node:
about 1 ms for a typical facts document, the largest cost of a batch item after the engine,
and ~2 ms a rule file (each ``oneOf`` alternative of the rule schema tried in full): 500
rules took 1.6 s. ``compile_check`` turns a schema into nested Python closures once;
``accepts`` then answers in a few microseconds a node. It only ever says yes when
jsonschema would; a document it does not accept is handed to jsonschema, which alone
words and locates the errors. Supported: ``type``, ``enum``, ``const``, ``pattern``,
``minLength``/``maxLength``, ``minimum``/``maximum``, ``properties``/``required``/
``additionalProperties``/``dependentRequired``/``minProperties``/``maxProperties``,
``items``/``minItems``/``maxItems``, local ``$ref`` (recursive) and ``oneOf``/``anyOf``/
``allOf``/``not``. Each means exactly what it means to jsonschema's Draft 2020-12 validator
(its types; its equality: ``True`` is not ``1``, ``1`` is ``1.0``), never merely something
stricter: under ``oneOf`` or ``not`` a stricter branch would make the whole looser. A schema
using any other keyword is not compiled at all (``compile_check`` returns None).
tests/test_schema_check.py and tests/test_headroom.py compare the two on facts documents
and rule files, valid and mutated.
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


class _Unsupported(Exception):
    """The schema uses something this module does not reproduce exactly: jsonschema decides alone."""


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
    """A function telling whether a document is valid against ``schema`` (draft 2020-12); None when the
    schema uses a keyword (or a non-local ``$ref``) not reproduced here, so that jsonschema decides alone."""
    try:
        return _Compiler(schema).node(schema)
    except _Unsupported:
        return None


_ANNOTATIONS = ANNOTATIONS | {"$defs"}
_KEYWORDS = frozenset({"$ref", "type", "enum", "const", "pattern", "minLength", "maxLength", "minimum", "maximum",
                       "required", "properties", "additionalProperties", "dependentRequired", "minProperties",
                       "maxProperties", "items", "minItems", "maxItems", "oneOf", "anyOf", "allOf", "not"})

def _same(value: Any, expected: Any) -> bool:
    """JSON Schema's equality of a value with a scalar constant: ``True`` is not ``1``, ``1`` is ``1.0``."""
    if isinstance(value, bool) or isinstance(expected, bool):
        return isinstance(value, bool) and isinstance(expected, bool) and value == expected
    return bool(value == expected)


def _all_of(checks: list[Check]) -> Check:
    """One check that holds when each of ``checks`` does (the common short lists without a generator)."""
    if not checks:
        return lambda x: True
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda x: first(x) and second(x)
    return lambda x: all(check(x) for check in checks)


def _length_bounds(kind: type[str] | type[list[Any]], low: Any, high: Any) -> list[Check]:
    """``minLength``/``maxLength`` (``kind`` str) or ``minItems``/``maxItems`` (``kind`` list): values of
    another kind pass."""
    checks: list[Check] = []
    if low is not None:
        checks.append(lambda x: not isinstance(x, kind) or len(x) >= low)
    if high is not None:
        checks.append(lambda x: not isinstance(x, kind) or len(x) <= high)
    return checks


class _Compiler:
    def __init__(self, root: Mapping[str, Any]):
        self.root = root
        self.refs: dict[str, Check] = {}

    def ref(self, pointer: str) -> Check:
        """The check of a local ``$ref`` (``#/a/b``), compiled once; a recursive reference goes through a cell."""
        found = self.refs.get(pointer)
        if found is not None:
            return found
        if not pointer.startswith("#/"):
            raise _Unsupported(pointer)
        target: Any = self.root
        for step in pointer[2:].split("/"):
            step = step.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, Mapping) or step not in target:
                raise _Unsupported(pointer)
            target = target[step]
        cell: list[Check] = []
        self.refs[pointer] = lambda x: cell[0](x)
        cell.append(self.node(target))
        return self.refs[pointer]

    def node(self, schema: Any) -> Check:
        if schema is True or schema is False:
            return (lambda x: True) if schema else (lambda x: False)
        if not isinstance(schema, Mapping) or any(not str(k).startswith("x-") for k in set(schema) - _KEYWORDS - _ANNOTATIONS):
            raise _Unsupported(schema)
        checks: list[Check] = []
        if "$ref" in schema:
            checks.append(self.ref(schema["$ref"]))
        if "type" in schema:
            checks.append(self.type(schema["type"]))
        constants = [*schema.get("enum", ()), *([schema["const"]] if "const" in schema else [])]
        if any(isinstance(c, (list, dict)) or (isinstance(c, float) and c != c) for c in constants):
            raise _Unsupported(constants)  # compared element by element by JSON Schema: not implemented here
        if "enum" in schema:
            options = list(schema["enum"])
            if all(isinstance(o, str) for o in options):
                texts = frozenset(options)
                checks.append(lambda x: isinstance(x, str) and x in texts)
            else:
                checks.append(lambda x: any(_same(x, o) for o in options))
        if "const" in schema:
            constant = schema["const"]
            checks.append(lambda x: _same(x, constant))
        checks += self.string(schema) + self.number(schema) + self.array(schema) + self.object(schema)
        checks += self.combinators(schema)
        return _all_of(checks)

    def type(self, declared: Any) -> Check:
        names = [declared] if isinstance(declared, str) else list(declared)
        if any(name not in TYPES for name in names):
            raise _Unsupported(declared)
        tests = [TYPES[name] for name in names]
        return tests[0] if len(tests) == 1 else (lambda x: any(test(x) for test in tests))

    def string(self, schema: Mapping[str, Any]) -> list[Check]:
        checks: list[Check] = []
        if "pattern" in schema:
            checks.append(_pattern_check(schema["pattern"]))
        return checks + _length_bounds(str, schema.get("minLength"), schema.get("maxLength"))

    def number(self, schema: Mapping[str, Any]) -> list[Check]:
        checks: list[Check] = []
        low, high = schema.get("minimum"), schema.get("maximum")
        if low is not None:
            checks.append(lambda x: not _is_number(x) or not x < low)
        if high is not None:
            checks.append(lambda x: not _is_number(x) or not x > high)
        return checks

    def array(self, schema: Mapping[str, Any]) -> list[Check]:
        checks: list[Check] = []
        if "items" in schema:
            item = self.node(schema["items"])
            checks.append(lambda x: not isinstance(x, list) or all(item(v) for v in x))
        return checks + _length_bounds(list, schema.get("minItems"), schema.get("maxItems"))

    def object(self, schema: Mapping[str, Any]) -> list[Check]:
        keys = {"properties", "additionalProperties", "required", "dependentRequired", "minProperties", "maxProperties"}
        if not keys & set(schema):
            return []
        properties = {name: self.node(sub) for name, sub in schema.get("properties", {}).items()}
        extra = schema.get("additionalProperties", True)
        other = None if extra is True or extra is False else self.node(extra)
        closed = extra is False
        required = tuple(schema.get("required", ()))
        dependent = tuple((key, tuple(needs)) for key, needs in schema.get("dependentRequired", {}).items())
        low, high = schema.get("minProperties"), schema.get("maxProperties")

        def check(x: Any) -> bool:
            if not isinstance(x, dict):
                return True
            if any(name not in x for name in required):
                return False
            if (low is not None and len(x) < low) or (high is not None and len(x) > high):
                return False
            for key, needs in dependent:
                if key in x and any(need not in x for need in needs):
                    return False
            for name, value in x.items():
                sub = properties.get(name)
                if sub is not None:
                    if not sub(value):
                        return False
                elif closed or (other is not None and not other(value)):
                    return False
            return True

        return [check]

    def combinators(self, schema: Mapping[str, Any]) -> list[Check]:
        checks: list[Check] = []
        if "oneOf" in schema:
            one = [self.node(sub) for sub in schema["oneOf"]]

            def exactly_one(x: Any) -> bool:
                found = 0
                for check in one:
                    if check(x):
                        found += 1
                        if found > 1:
                            return False
                return found == 1

            checks.append(exactly_one)
        if "anyOf" in schema:
            some = [self.node(sub) for sub in schema["anyOf"]]
            checks.append(lambda x: any(check(x) for check in some))
        if "allOf" in schema:
            checks.append(_all_of([self.node(sub) for sub in schema["allOf"]]))
        if "not" in schema:
            negated = self.node(schema["not"])
            checks.append(lambda x: not negated(x))
        return checks


def _plain_draft_2020_12(validator: Any) -> bool:
    """Whether ``validator`` validates as draft 2020-12 with no format checker: the engine's own validator
    (``facts.FactsValidator``) says so without importing jsonschema; any other is asked as jsonschema's."""
    declared = getattr(validator, "plain_draft_2020_12", None)
    if declared is not None:
        return bool(declared)
    import jsonschema

    return type(validator) is jsonschema.Draft202012Validator and validator.format_checker is None


def quick_check(validator: Any) -> Check | None:
    """The quick check of ``validator``'s schema, or None (jsonschema decides alone): a plain draft 2020-12
    validator of a schema in the supported subset. Compiled anew at each call: the caller that validates many
    documents keeps it (``facts.FactsValidator.quick``, made once per validator)."""
    return compile_check(validator.schema) if _plain_draft_2020_12(validator) else None


def accepts(validator: Any, instance: Any) -> bool:
    """True only when ``instance`` is certainly valid for ``validator`` (a plain draft 2020-12
    jsonschema validator of a schema in the supported subset); False: ask jsonschema.

    A validator that keeps its quick check (``quick``: ``facts.FactsValidator``) has it compiled once; any other
    (a jsonschema validator itself) has its schema compiled for this call."""
    kept = getattr(type(validator), "quick", None)
    check = validator.quick if kept is not None else quick_check(validator)
    return check is not None and check(instance)


def _pattern_check(pattern: str) -> Check:
    """A string matches ``pattern`` (``re.search``, as JSON Schema's ``pattern``); compiled on first use: a rule file
    validated at start-up meets a few of the rule schema's ~20 patterns, and compiling them all cost ~1.5 ms."""
    search: Callable[[str], re.Match[str] | None] | None = None

    def check(value: Any) -> bool:
        nonlocal search
        if not isinstance(value, str):
            return True
        if search is None:
            search = re.compile(pattern).search
        return search(value) is not None

    return check
