"""The step library itself: every step of every feature matches exactly one step pattern.

pytest-bdd runs whichever matching definition it finds first, so two patterns matching one
step text would make the outcome depend on lookup order, not on the feature file.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from pytest_bdd.steps import StepFunctionContext, step_function_context_registry

from tests.helpers import feature_steps

from . import conftest as steps


def step_definitions() -> list[StepFunctionContext]:
    """The step definitions conftest.py registered (generic steps and the domain phrases)."""
    here = Path(inspect.getfile(steps)).resolve()
    return [ctx for ctx in list(step_function_context_registry.values())
            if Path(inspect.getfile(ctx.step_func)).resolve() == here]


def matches(definitions: list[StepFunctionContext], step_type: str, text: str) -> list[str]:
    return [ctx.parser.name for ctx in definitions
            if ctx.type in (None, step_type) and ctx.parser.is_matching(text)]


def test_every_feature_step_matches_exactly_one_step_pattern():
    definitions = step_definitions()
    assert definitions, "no step definitions found in tests/features/conftest.py"
    wrong = {}
    for where, step_type, text in feature_steps():
        found = matches(definitions, step_type, text)
        if len(found) != 1:
            wrong[f"{where} {step_type} {text!r}"] = found
    assert wrong == {}, "steps matching no pattern or several: " + repr(wrong)


@pytest.mark.parametrize(("step_type", "text"), [
    ("given", '"connect.version" is unknown'),
    ("given", '"connect.version" is "2.5.79.0"'),
    ("given", '"users" is unknown'),
    ("then", '"sspr-enabled" is unknown for want of "sspr.enabled_for"'),
    ("then", '"sspr-enabled" passes'),
])
def test_the_generic_steps_are_unambiguous(step_type, text):
    assert len(matches(step_definitions(), step_type, text)) == 1
