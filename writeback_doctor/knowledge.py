"""Where the installed knowledge base lives: the rules and the fact schema, shipped as package data."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from expert_engine import FRAME_FILE, InferenceEngine, LoadResult, load_ruleset, make_validator
from writeback_doctor import CHECKOUT_ROOT, PACKAGE_DIR
from writeback_doctor.yaml_data import load_yaml


def knowledge_root() -> Path:
    """Where ``rules/`` and ``facts_schema.json`` are: the repository root in a checkout
    (so that edits are what runs), else inside the installed package."""
    return CHECKOUT_ROOT if CHECKOUT_ROOT is not None else PACKAGE_DIR


def rules_directory() -> Path:
    """The folder of the rule files (``rules/``, with its frame ``ruleset.yaml``)."""
    return knowledge_root() / "rules"


def facts_schema_file() -> Path:
    """The fact vocabulary's file, ``facts_schema.json``."""
    return knowledge_root() / "facts_schema.json"


def facts_schema() -> dict[str, Any]:
    """The fact vocabulary, ``facts_schema.json``, parsed."""
    return json.loads(facts_schema_file().read_text(encoding="utf-8"))


SHIPPED_RULES = "validated-rules.json"
"""The rule set the wheel build validated, inside the installed package (``hatch_build.py``, ``rule_cache.read_shipped_entry``)."""


def shipped_rules_file() -> Path | None:
    """The installed package's validated rule set, or None in a checkout (whose rules are what is edited)."""
    return PACKAGE_DIR / SHIPPED_RULES if CHECKOUT_ROOT is None else None


@cache
def languages() -> tuple[str, ...]:
    """The languages the shipped rule set declares (``rules/ruleset.yaml``): those of ``--lang`` and of the catalog."""
    frame = load_yaml(rules_directory() / FRAME_FILE)
    return tuple(str(code) for code in frame["languages"])


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


@cache
def _load_knowledge(rules_dir: str | None) -> tuple[LoadResult, InferenceEngine, Any]:
    # the package's own validated rule set serves its own rules only, never a --rules folder
    shipped = None if rules_dir else shipped_rules_file()
    result = load_ruleset(Path(rules_dir) if rules_dir else rules_directory(), cache_dir=cache_directory(), shipped=shipped)
    return result, InferenceEngine(result.ruleset), facts_validator()


@cache
def facts_validator() -> Any:
    """The validator of the fact schema, without loading any rule: telling a facts document from an
    export needs no rule set (and a ``--rules`` folder is never joined by the shipped one)."""
    # the shipped schema is checked against its meta-schema by the test suite, not at every start
    return make_validator(facts_schema(), check=False)
