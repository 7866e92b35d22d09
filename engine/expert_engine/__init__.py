"""A small, generic forward-chaining diagnosis engine on top of durable-rules.

It loads rule files (YAML, validated against ``rule_schema.json``) and parses their
declarative conditions once into a typed tree (``conditions``), compiles them onto one
durable-rules ruleset (``compile``, ``session``), asserts a facts document, lets derived
facts chain and stage gates open (``inference``), and returns one ordered outcome per rule
with its evidence or missing facts (``evidence``). ``explain`` says how each outcome was
reached, ``lint`` checks a rule set as an author wants it checked, ``schema`` navigates a
fact schema. Every comparison operator is defined once, in ``operators`` (the table the
others read), and every kind of condition node (``all``, ``not``, the quantifiers, timelines,
references) once, in ``node_kinds`` (the node-kind table: parse, truth, closures, durable-rules
patterns, words, lint, projection); ``operators`` also defines *interval values*: a fact known only as a range is a JSON
object with one or two of ``above``, ``at_least``, ``below``, ``at_most`` (``{"at_least":
"2.4"}``), over which the ordering comparisons are three-valued. It knows nothing of the domain its rules describe, nor of any language: the
application passes in its sentence templates and its scenario wording.

``__all__`` is the whole API the application uses. Explaining, linting and schema
navigation load on first use, so that a plain diagnosis does not import them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import EngineFailure, FactsError, Problem, RuleFileError, RuleSetError
from .facts import FactsValidator, make_validator, validate_facts
from .inference import InferenceEngine
from .loader import FRAME_FILE, LoadResult, load_ruleset
from .model import (
    FAIL,
    NOT_APPLICABLE,
    PASS,
    UNKNOWN,
    Conclusions,
    Evidence,
    Finding,
    Outcome,
    Rule,
    RuleSet,
)
from .nodes import one_document
from .operators import INTERVAL_KEYS, is_interval

if TYPE_CHECKING:
    from .explain import Context, describe, describe_lines, explain_outcome, explanation_lines, value_text
    from .lint import (
        Scenarios,
        ScenarioSteps,
        lint_ruleset,
        read_features,
        scenario_steps,
    )
    from .observations import Explainer, Observed, explaining, label, observe
    from .schema import question, schema_node

_LAZY = {
    "Context": "explain", "describe": "explain", "describe_lines": "explain", "explain_outcome": "explain", "explanation_lines": "explain",
    "value_text": "explain",
    "Scenarios": "lint", "ScenarioSteps": "lint", "lint_ruleset": "lint", "read_features": "lint", "scenario_steps": "lint",
    "question": "schema", "schema_node": "schema",
    "Explainer": "observations", "Observed": "observations", "explaining": "observations", "label": "observations", "observe": "observations",
}

__all__ = [
    "FAIL",
    "FRAME_FILE",
    "INTERVAL_KEYS",
    "NOT_APPLICABLE",
    "PASS",
    "UNKNOWN",
    "Conclusions",
    "Context",
    "EngineFailure",
    "Explainer",
    "Evidence",
    "FactsError",
    "Finding",
    "InferenceEngine",
    "LoadResult",
    "Observed",
    "Outcome",
    "FactsValidator",
    "Problem",
    "Rule",
    "RuleFileError",
    "RuleSet",
    "RuleSetError",
    "ScenarioSteps",
    "Scenarios",
    "describe",
    "describe_lines",
    "explain_outcome",
    "explaining",
    "label",
    "explanation_lines",
    "value_text",
    "is_interval",
    "lint_ruleset",
    "load_ruleset",
    "make_validator",
    "observe",
    "one_document",
    "question",
    "read_features",
    "scenario_steps",
    "schema_node",
    "validate_facts",
]


def __getattr__(name: str) -> Any:
    """Load the explaining, linting and schema modules when one of their names is first used."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
