"""A small, generic forward-chaining diagnosis engine on top of durable-rules.

It loads rule files (YAML, validated against ``rule_schema.json``), compiles their
declarative conditions onto one durable-rules ruleset, asserts a facts document, lets
derived facts chain, and returns one ordered outcome per rule. It knows nothing of the
domain its rules describe.
"""

from .errors import EngineFailure, FactsError, Problem, RuleFileError, RuleSetError
from .inference import InferenceEngine
from .loader import load_ruleset
from .model import Conclusions, Evidence, Finding, Outcome, Rule, RuleSet, Severity
from .facts import validate_facts

__all__ = [
    "Conclusions",
    "EngineFailure",
    "Evidence",
    "FactsError",
    "Finding",
    "InferenceEngine",
    "Outcome",
    "Problem",
    "Rule",
    "RuleFileError",
    "RuleSet",
    "RuleSetError",
    "Severity",
    "load_ruleset",
    "validate_facts",
]
