"""Shared fixtures: the repository's folders and the installed knowledge base."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest_plugins = ["tests.rule_coverage"]  # per-rule coverage of the Gherkin scenarios

REPO = Path(__file__).resolve().parent.parent

# Subprocesses (the CLI run as a user runs it) import the tree too, not an installed copy.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def knowledge():
    """(load result, engine, facts validator) of the shipped rules, compiled once for the whole run."""
    from writeback_doctor.knowledge import load_knowledge

    return load_knowledge()
