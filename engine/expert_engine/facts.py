"""Validating a facts document against the knowledge base's fact schema.

jsonschema is imported only when a document needs it (the quick check did not accept it, or
a caller asks the validator itself): importing it is about a third of a start-up's imports,
and a valid document never needs it.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .errors import FactsError, Problem
from .schema_check import Check, accepts, quick_check

if TYPE_CHECKING:
    import jsonschema

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"


class FactsValidator:
    """A fact schema's jsonschema validator, made on first use; ``schema`` is there from the start.

    Any attribute of a jsonschema validator (``iter_errors``, ``is_valid``, ...) is the real
    validator's: the first one imports jsonschema and builds it."""

    def __init__(self, schema: Mapping[str, Any], check: bool = True):
        self.schema = schema
        self._validator: jsonschema.protocols.Validator | None = None
        if check:
            self.validator(check=True)

    @property
    def plain_draft_2020_12(self) -> bool:
        """Whether jsonschema validates this schema as draft 2020-12 with no format checker (what the quick check
        reproduces): its ``$schema`` names that dialect or nothing, as ``jsonschema.validators.validator_for`` reads it."""
        dialect = self.schema.get("$schema", DRAFT_2020_12) if isinstance(self.schema, Mapping) else DRAFT_2020_12
        return isinstance(dialect, str) and dialect.rstrip("#") == DRAFT_2020_12

    @cached_property
    def quick(self) -> Check | None:
        """The schema compiled into the quick check (``schema_check.quick_check``: None when jsonschema decides
        alone), made at first use and kept by this validator, which owns the schema: a batch validates thousands of
        documents with it, and nothing outside the validator remembers it."""
        return quick_check(self)

    def validator(self, check: bool = False) -> jsonschema.protocols.Validator:
        """The jsonschema validator (its own ``$schema`` dialect, 2020-12 by default), checking the schema first if asked."""
        if self._validator is None or check:
            import jsonschema

            cls = jsonschema.validators.validator_for(self.schema, default=jsonschema.Draft202012Validator)
            if check:
                cls.check_schema(dict(self.schema))
            self._validator = cls(self.schema)
        return self._validator

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.validator(), name)


def json_path(steps: Any) -> str:
    """Render a jsonschema path as ``$.a.b[0]``."""
    text = "$"
    for step in steps:
        text += f"[{step}]" if isinstance(step, int) else f".{step}"
    return text


def make_validator(schema: Mapping[str, Any], check: bool = True) -> FactsValidator:
    """A validator for ``schema`` (its own ``$schema`` dialect, 2020-12 by default), used as a jsonschema validator.

    It checks the schema first unless told not to (then jsonschema is imported only when a document needs it)."""
    return FactsValidator(schema, check)


def validate_facts(facts: Any, validator: FactsValidator | jsonschema.protocols.Validator) -> None:
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
    import difflib

    known = list((error.schema or {}).get("properties", {})) if isinstance(error.schema, Mapping) else []
    if not isinstance(error.instance, Mapping) or not known:
        return ""
    hints = []
    for key in sorted(k for k in error.instance if isinstance(k, str) and k not in known):
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        if close:
            hints.append(f"{key!r}: did you mean {close[0]!r}?")
    return f"; {'; '.join(hints)}" if hints else ""


SHOWN_CHARACTERS = 80
"""How much of an offending value an error message quotes: a 16 MiB text is named, not echoed."""


def _shown(value: Any) -> str:
    """``repr(value)``, cut to ``SHOWN_CHARACTERS`` with the full length said."""
    text = repr(value)
    if len(text) <= SHOWN_CHARACTERS:
        return text
    return f"{text[:SHOWN_CHARACTERS]}... ({len(text):,} characters)"


def _expected(error: jsonschema.ValidationError) -> str:
    if error.validator == "enum":
        options: Any = error.validator_value
        return f"expected one of {', '.join(repr(v) for v in options)}, got {_shown(error.instance)}"
    if error.validator == "type":
        return f"expected {error.validator_value}, got {_shown(error.instance)}"
    if error.validator == "additionalProperties":
        return f"{error.message}{_did_you_mean(error)} (check the spelling against the fact schema)"
    whole = repr(error.instance)
    return error.message.replace(whole, _shown(error.instance), 1) if len(whole) > SHOWN_CHARACTERS else error.message
