"""The step library itself: every step of every feature matches exactly one step pattern.

pytest-bdd runs whichever matching definition it finds first, so two patterns matching one
step text would make the outcome depend on lookup order, not on the feature file.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_bdd.feature import get_features
from pytest_bdd.steps import StepFunctionContext, step_function_context_registry

from . import conftest as steps

FEATURES = Path(__file__).resolve().parents[2] / "features"


def step_definitions() -> list[StepFunctionContext]:
    """The step definitions conftest.py registered (generic steps and the domain phrases)."""
    here = Path(inspect.getfile(steps)).resolve()
    return [ctx for ctx in list(step_function_context_registry.values())
            if Path(inspect.getfile(ctx.step_func)).resolve() == here]


def feature_steps() -> Iterator[tuple[str, str, str]]:
    """``(where, type, text)`` of every step of every scenario, each Outline example rendered."""
    for feature in get_features([str(FEATURES)]):
        for template in feature.scenarios.values():
            contexts = [context for examples in template.examples for context in examples.as_contexts()] or [{}]
            for context in contexts:
                scenario = template.render(context)
                for step in scenario.steps:
                    yield f"{feature.rel_filename}:{step.line_number}", step.type, step.name


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
