"""Validating a facts document against the knowledge base's fact schema."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

import jsonschema

from .errors import FactsError, Problem
from .schema_check import accepts


def json_path(steps: Any) -> str:
    """Render a jsonschema path as ``$.a.b[0]``."""
    text = "$"
    for step in steps:
        text += f"[{step}]" if isinstance(step, int) else f".{step}"
    return text


def make_validator(schema: Mapping[str, Any], check: bool = True) -> jsonschema.protocols.Validator:
    """A validator for ``schema`` (its own ``$schema`` dialect, 2020-12 by default).

    It checks the schema first unless told not to."""
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    if check:
        cls.check_schema(dict(schema))
    return cls(schema)


def validate_facts(facts: Any, validator: jsonschema.protocols.Validator) -> None:
    """Raise ``FactsError`` listing every violation at once, each with its JSON path and what was expected.

    A document the quick check accepts is valid (``schema_check``: the same verdict in a
    fraction of the time); any other is validated by jsonschema, which words the errors."""
    if accepts(validator, facts):
        return
    errors = sorted(validator.iter_errors(facts), key=lambda e: (json_path(e.absolute_path), e.message))
    if errors:
        raise FactsError([Problem(json_path(e.absolute_path), _expected(e)) for e in errors])


def _did_you_mean(error: jsonschema.ValidationError) -> str:
    """``; did you mean 'x'?`` for each unexpected key close to a name the schema allows there."""
    known = list((error.schema or {}).get("properties", {})) if isinstance(error.schema, Mapping) else []
    if not isinstance(error.instance, Mapping) or not known:
        return ""
    hints = []
    for key in sorted(k for k in error.instance if isinstance(k, str) and k not in known):
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        if close:
            hints.append(f"{key!r}: did you mean {close[0]!r}?")
    return f"; {'; '.join(hints)}" if hints else ""


def _expected(error: jsonschema.ValidationError) -> str:
    if error.validator == "enum":
        options: Any = error.validator_value
        return f"expected one of {', '.join(repr(v) for v in options)}, got {error.instance!r}"
    if error.validator == "type":
        return f"expected {error.validator_value}, got {error.instance!r}"
    if error.validator == "additionalProperties":
        return f"{error.message}{_did_you_mean(error)} (check the spelling against the fact schema)"
    return error.message
