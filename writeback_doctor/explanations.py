"""What the report adds on top of the verdicts: explanations (``--explain``) and the questions that settle unknowns.

The verdicts come from the engine; this module only annotates the report dict. The
explanations are built by the generic ``engine.explain``; the questions come from the
fact schema's ``x-question`` texts.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from .engine import Conclusions, RuleSet
from .engine.explain import Context, explain_outcome
from .engine.lint import question, schema_node


def add_questions(report: dict[str, Any], schema: Mapping[str, Any], lang: str) -> None:
    """Give each unknown entry its questions and add the report-wide ``questions`` list.

    ``questions`` holds one entry per missing fact: ``{"path", "question", "decides"}``,
    ``decides`` being the undecided rules whose missing facts include it; the list is
    ordered by how many rules an answer bears on (most first), then by path.
    """
    decides: dict[str, list[str]] = {}
    for entry in report["unknown"]:
        entry["questions"] = [{"path": path, "question": ask(schema, path, lang)} for path in entry["missing"]]
        for path in entry["missing"]:
            decides.setdefault(path, []).append(entry["id"])
    ordered = sorted(decides.items(), key=lambda item: (-len(item[1]), item[0]))
    report["questions"] = [{"path": path, "question": ask(schema, path, lang), "decides": rules} for path, rules in ordered]


def ask(schema: Mapping[str, Any], path: str, lang: str) -> str:
    """The question for a fact path; falls back to the schema's description, then to the path itself."""
    text = question(schema, path, lang)
    if text:
        return text
    node = schema_node(schema, path) or {}
    fallback = {"en": "What is {path}?", "uk": "Яке значення {path}?"}.get(lang, "{path}?").format(path=path)
    return f"{fallback} ({node['description']})" if node.get("description") else fallback


def add_explanations(report: dict[str, Any], conclusions: Conclusions, ruleset: RuleSet, facts: Mapping[str, Any],
                     schema: Mapping[str, Any], lang: str) -> None:
    """Add an ``explanation`` to every diagnosis, unknown and not-applicable entry, and ``passed_explained``.

    ``passed`` stays a list of ids (the contract); ``passed_explained`` holds
    ``{"id", "explanation"}`` in the same order. Provenance found in ``because``
    entries (a ``source`` key) is shown beside the fact it belongs to.
    """
    context = Context(ruleset, conclusions, facts, lang, describe_fact=_describer(schema), sources=_sources(report))
    by_id = {o.rule.id: o for o in conclusions.outcomes}
    for key in ("diagnoses", "unknown", "not_applicable"):
        for entry in report[key]:
            entry["explanation"] = explain_outcome(by_id[entry["id"]], context)
    report["passed_explained"] = [{"id": rule_id, "explanation": explain_outcome(by_id[rule_id], context)}
                                  for rule_id in report["passed"]]


def _describer(schema: Mapping[str, Any]) -> Callable[[str], str | None]:
    def describe(path: str) -> str | None:
        node = schema_node(schema, path)
        return node.get("description") if node else None

    return describe


def _sources(report: Mapping[str, Any]) -> dict[str, Any]:
    """Fact path -> provenance, from ``because`` entries that carry a ``source``."""
    sources: dict[str, Any] = {}
    for key in ("diagnoses", "not_applicable"):
        for entry in report.get(key, []):
            for item in entry.get("because", []):
                if "fact" in item and "source" in item:
                    sources.setdefault(item["fact"], item["source"])
    return sources
