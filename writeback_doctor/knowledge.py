"""The knowledge base as a value: ``load_knowledge`` reads the rules and the fact schema once and returns a
``Knowledge``, which the commands pass to whoever diagnoses, reports or asks with it.

Where the installed knowledge base lives (the rules and the fact schema, shipped as package
data) is here too; what makes a second load cheap is in ``startup``. Nothing is remembered
per process under a folder's name: a command loads its knowledge once and hands it on; what a batch works out once for thousands of tenants
(question texts and ranks, failing severities) lives inside that one object.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Mapping

from expert_engine import FRAME_FILE, FactsValidator, InferenceEngine, LoadResult, Problem, RuleSet, load_ruleset, make_validator
from writeback_doctor import CHECKOUT_ROOT, PACKAGE_DIR
from writeback_doctor.startup import cache_directory, load_yaml, resume_collection, shipped_rules_file


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


@cache
def languages() -> tuple[str, ...]:
    """The languages the shipped rule set declares (``rules/ruleset.yaml``): those of ``--lang`` and of the catalog."""
    frame = load_yaml(rules_directory() / FRAME_FILE)
    return tuple(str(code) for code in frame["languages"])


@dataclass(frozen=True, eq=False)
class Knowledge:
    """A loaded rule set with its compiled engine, the fact schema's validator and its languages.

    Built once by ``load_knowledge`` and passed explicitly; ``tables`` holds what the report
    works out once per knowledge base and language (question texts, question ranks), so a
    batch asks it once for thousands of tenants and another rule set never shares it.
    """

    loaded: LoadResult
    engine: InferenceEngine
    validator: FactsValidator
    rules_dir: Path
    tables: dict[str, dict[Any, Any]] = field(default_factory=dict, repr=False)

    @property
    def ruleset(self) -> RuleSet:
        """The usable rules and their frame."""
        return self.loaded.ruleset

    @property
    def problems(self) -> tuple[Problem, ...]:
        """The problems of the rule files left out of the rule set."""
        return self.loaded.problems

    @property
    def schema(self) -> Mapping[str, Any]:
        """The fact schema (``facts_schema.json``), parsed."""
        return self.validator.schema

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the rule set's frame declares."""
        return self.ruleset.languages

    def table(self, name: str, *key: Any) -> dict[Any, Any]:
        """A table remembered inside this knowledge base under ``name`` and ``key`` (e.g. a language), empty at first."""
        tables = self.tables.setdefault(name, {})
        found: dict[Any, Any] | None = tables.get(key)
        if found is None:
            found = tables[key] = {}
        return found

    @cached_property
    def failing(self) -> tuple[frozenset[str], frozenset[str]]:
        """The frame's failing severities, and the ids of the rules with a finding of one."""
        failing = frozenset(s.name for s in self.ruleset.severities if s.fails)
        return failing, frozenset(r.id for r in self.ruleset.rules if any(f.severity in failing for f in r.findings))

    @cached_property
    def holding(self) -> frozenset[str]:
        """The ids of the rules that could end in a finding that holds later stages back."""
        blocking = {s.name for s in self.ruleset.severities if s.blocks}
        return frozenset(r.id for r in self.ruleset.rules if any(f.severity in blocking for f in r.findings))


def load_knowledge(rules_dir: str | Path | None = None) -> Knowledge:
    """Load, validate and compile the rules of ``rules_dir`` (default: the shipped ones) into a ``Knowledge``.

    Every call loads anew (the rule cache makes a second load of the same bytes cheap): a
    command calls it once and passes the result on."""
    directory = Path(rules_dir) if rules_dir else rules_directory()
    # the package's own validated rule set serves its own rules only, never a --rules folder
    shipped = None if rules_dir else shipped_rules_file()
    loaded = load_ruleset(directory, cache_dir=cache_directory(), shipped=shipped)
    knowledge = Knowledge(loaded, InferenceEngine(loaded.ruleset), facts_validator(), directory)
    resume_collection()  # the start of a command's process is over (``startup.pause_collection``)
    return knowledge


@cache
def facts_validator() -> Any:
    """The validator of the fact schema, without loading any rule: telling a facts document from an
    export needs no rule set (and a ``--rules`` folder is never joined by the shipped one)."""
    # the shipped schema is checked against its meta-schema by the test suite, not at every start
    return make_validator(facts_schema(), check=False)
