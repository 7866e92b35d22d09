"""From a facts document to the report contract: validate, infer, and shape the JSON result."""

from __future__ import annotations

from typing import Any, Mapping

from .engine import Conclusions, Outcome, validate_facts
from .knowledge import load_knowledge
from .explanations import add_explanations, add_questions

LANGUAGES = ("en", "uk")


def diagnose_facts(facts: Any, lang: str = "en", rules_dir: str | None = None, explain: bool = False,
                   provenance: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Validate ``facts`` against the fact schema (raises ``FactsError``) and return the report as a dict.

    The dict is the stable JSON contract: ``diagnoses`` (ordered), ``unknown``, ``passed``,
    plus ``not_applicable``, ``derived`` and ``questions`` (what to ask to settle the
    unknowns); with ``explain``, every entry also gets an ``explanation``. With
    ``provenance`` (fact path -> list of sources, see ``sources.merge``), every ``because``
    entry naming a fact also gets its ``source`` list.
    """
    result, engine, validator = load_knowledge(rules_dir)
    validate_facts(facts, validator)
    conclusions = engine.diagnose(facts)
    report = report_dict(conclusions, result.ruleset.severities, lang)
    add_questions(report, validator.schema, lang)
    if provenance is not None:
        add_sources(report, provenance)
    if explain:
        add_explanations(report, conclusions, result.ruleset, facts, validator.schema, lang)
    return report


def report_dict(conclusions: Conclusions, severities: Any, lang: str) -> dict[str, Any]:
    """Shape engine conclusions into the report contract, texts in ``lang``."""
    failing = {s.name for s in severities if s.fails}
    return {
        "summary": {
            "failing": sum(1 for o in conclusions.diagnoses if o.finding.severity in failing),
            "advisory": sum(1 for o in conclusions.diagnoses if o.finding.severity not in failing),
            "unknown": len(conclusions.unknown),
            "passed": len(conclusions.passed),
            "not_applicable": len(conclusions.not_applicable),
        },
        "diagnoses": [_diagnosis(o, lang) for o in conclusions.diagnoses],
        "unknown": [{"id": o.rule.id, "stage": o.rule.stage, "title": o.rule.title[lang], "missing": list(o.missing)}
                    for o in conclusions.unknown],
        "passed": [o.rule.id for o in conclusions.passed],
        "not_applicable": [{"id": o.rule.id, "reason": o.rule.not_applicable[lang], "because": _because(o)}
                           for o in conclusions.not_applicable],
        "derived": {name: {"value": value, "by": rule} for name, (value, rule) in conclusions.derived.items()},
    }


def _diagnosis(outcome: Outcome, lang: str) -> dict[str, Any]:
    rule, finding = outcome.rule, outcome.finding
    return {
        "id": rule.id,
        "finding": finding.id,
        "stage": rule.stage,
        "severity": finding.severity,
        "origin": rule.origin,
        "title": rule.title[lang],
        "diagnosis": finding.diagnosis[lang],
        "remedy": finding.remedy[lang],
        "links": list(finding.links),
        "source": rule.source["url"],
        "because": _because(outcome),
    }


def _because(outcome: Outcome) -> list[Mapping[str, Any]]:
    return [e.as_dict() for e in outcome.because]


def add_sources(report: Mapping[str, Any], provenance: Mapping[str, Any]) -> None:
    """Give every ``because`` entry that names a fact the sources it came from (empty list: none recorded)."""
    for entry in list(report["diagnoses"]) + list(report["not_applicable"]):
        for item in entry["because"]:
            if "fact" in item:
                item["source"] = list(provenance.get(item["fact"], []))


def exit_status(report: Mapping[str, Any]) -> int:
    """0 when nothing fails (advisory notes allowed), 1 when at least one diagnosis fails."""
    return 1 if report["summary"]["failing"] else 0
