"""Where the installed knowledge base lives: the rules and the fact schema, shipped as package data."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from writeback_doctor.engine import InferenceEngine, load_ruleset
from writeback_doctor.engine.facts import make_validator
from writeback_doctor.engine.loader import FRAME_FILE, LoadResult


def rules_directory() -> Path:
    """The folder of the shipped rule files (works for wheels, sdists and editable installs)."""
    return Path(str(resources.files("writeback_doctor.rules").joinpath(FRAME_FILE))).parent


def facts_schema() -> dict[str, Any]:
    """The fact vocabulary, ``facts_schema.json``.

    A wheel ships it as ``writeback_doctor.vocabulary``; an editable install cannot map
    the repository root as a package, so there it is read beside ``rules/``.
    """
    try:
        schema_file = resources.files("writeback_doctor.vocabulary").joinpath("facts_schema.json")
    except ModuleNotFoundError:
        schema_file = rules_directory().parent / "facts_schema.json"
    return json.loads(schema_file.read_text(encoding="utf-8"))


def load_knowledge(rules_dir: str | None = None) -> tuple[LoadResult, InferenceEngine, Any]:
    """Load, validate and compile the rules once per process; returns (load result, engine, facts validator)."""
    return _load_knowledge(rules_dir or None)  # one cache entry whether called with no argument or None


def cache_directory() -> Path | None:
    """Where validated rule sets are remembered: ``$WRITEBACK_DOCTOR_CACHE`` (``off`` disables it),
    else ``$XDG_CACHE_HOME/writeback-doctor``, else ``~/.cache/writeback-doctor``."""
    chosen = os.environ.get("WRITEBACK_DOCTOR_CACHE")
    if chosen:
        return None if chosen.lower() == "off" else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "writeback-doctor"


@lru_cache(maxsize=None)
def _load_knowledge(rules_dir: str | None) -> tuple[LoadResult, InferenceEngine, Any]:
    result = load_ruleset(Path(rules_dir) if rules_dir else rules_directory(), cache_dir=cache_directory())
    # the shipped schema is checked against its meta-schema by the test suite, not at every start
    return result, InferenceEngine(result.ruleset), make_validator(facts_schema(), check=False)
