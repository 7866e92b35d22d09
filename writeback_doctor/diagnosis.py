"""From a facts document to the report contract: validate, infer, and build the ``Report``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Callable

from expert_engine import UNKNOWN, Conclusions, Evidence, Outcome, RuleSet, observe, one_document, validate_facts
from expert_engine.conditions import Condition
from writeback_doctor.catalog import phrases
from writeback_doctor.errors import ExitStatus
from writeback_doctor.knowledge import Knowledge
from writeback_doctor.report.contract import (
    Because,
    Derived,
    Diagnosis,
    Explanation,
    NotApplicable,
    Passed,
    ProvidedThat,
    Question,
    Report,
    Sources,
    Summary,
    Unknown,
    Verdict,
)
from writeback_doctor.report.explanations import explainer, questions
from writeback_doctor.report.symptoms import SymptomPlan, observations, units
from writeback_doctor.sources.model import Source

Provenance = Mapping[str, Sources]
"""Fact path -> the sources its value came from (``sources.merge``)."""


def diagnose(knowledge: Knowledge, facts: Any, lang: str = "en", explain: bool = False,
             provenance: Provenance | None = None, validated: bool = False, symptoms: bool = True) -> Report:
    """Validate ``facts`` against the fact schema (raises ``FactsError``) and conclude the report with ``knowledge``.

    With ``provenance``, every ``because`` entry naming a fact carries its sources (none
    recorded: an empty tuple); with ``explain``, every outcome carries its explanation.
    ``validated``: the caller has just validated ``facts`` against the same schema (a batch
    reading a facts document does, to tell it from an export): validating is a third of a
    batch item's time, so it is not done twice. ``symptoms`` False: the report leaves its symptom sections out
    (``Report.observations`` empty), for a caller that shows none of them (the batch's compact line, its rows and
    its summary); the questions are still ordered by what the facts show.
    """
    if not validated:
        validate_facts(facts, knowledge.validator)
    with one_document():  # the engine and the report's observations group each long array once
        conclusions = knowledge.engine.diagnose(facts)
        return build_report(conclusions, knowledge, facts, lang, explain, provenance, symptoms)


def diagnose_facts(knowledge: Knowledge, facts: Any, lang: str = "en", explain: bool = False,
                   provenance: Provenance | None = None) -> dict[str, Any]:
    """``diagnose`` as the JSON contract's plain data (what ``--format json`` prints)."""
    return diagnose(knowledge, facts, lang, explain, provenance).to_json()


def build_report(conclusions: Conclusions, knowledge: Knowledge, facts: Mapping[str, Any],
                 lang: str, explain: bool = False, provenance: Provenance | None = None, symptoms: bool = True) -> Report:
    """Shape the engine's conclusions into the report contract, texts in ``lang`` (``symptoms`` False: without the
    symptom sections, ``diagnose``)."""
    ruleset, schema = knowledge.ruleset, knowledge.schema
    failing, could_fail = knowledge.failing
    holding = knowledge.holding

    def because(outcome: Outcome) -> tuple[Because, ...]:
        if provenance is None:
            return tuple(map(Because, outcome.because))
        return tuple(Because(e, _sources_of(e, provenance) if e.kind == "fact" else None) for e in outcome.because)

    diagnosed = [(o, because(o)) for o in conclusions.diagnoses]
    inapplicable = [(o, because(o)) for o in conclusions.not_applicable]
    explained = _explainer(conclusions, ruleset, facts, schema, lang, diagnosed + inapplicable) if explain else None

    def explanation(outcome: Outcome) -> Explanation | None:
        return explained(outcome) if explained is not None else None

    # a diagnosis that still assumes something asks what would confirm it, like an undecided rule
    assuming = [Outcome(o.rule, UNKNOWN, missing=tuple(dict.fromkeys(p for proviso in o.provided for p in proviso.missing)))
                for o in conclusions.diagnoses if o.provided]
    seen = conclusions.observed if conclusions.observed is not None else \
        observe(ruleset, conclusions, facts, knowledge.engine.observing) if ruleset.observations else ()
    per_rule, asked = questions((*conclusions.unknown, *assuming), knowledge, lang, seen,
                                units(seen, schema, facts, _symptom_plan(knowledge)) if seen else None)
    diagnoses = []
    says = _says(knowledge, lang)
    worded: dict[int, tuple[Condition, str]] = knowledge.table("proviso words", lang)
    reporter = {candidate: owner for owner, others in conclusions.owners.items() for candidate in others}
    for outcome, evidence in diagnosed:
        rule, finding = outcome.rule, outcome.finding
        assert finding is not None, f"{rule.id} fails without a finding"
        level = conclusions.reach.get(rule.id, "")
        candidates = conclusions.owners.get(rule.id, ())
        observed = finding.cause_of.observed if candidates and finding.cause_of else ""
        meaning = conclusions.derivations[observed][1].meaning.get(lang, observed) if observed in conclusions.derivations \
            else observed
        advisory = rule.id in conclusions.advisory
        diagnoses.append(Diagnosis(rule, finding, rule.title[lang], finding.diagnosis[lang], finding.remedy[lang],
                                   evidence, explanation(outcome), _provided(outcome, per_rule.get(rule.id, ()),
                                                                              conclusions, lang, worded),
                                   (finding.headline or {}).get(lang, ""), says.get(level, ""), level if says else "",
                                   advisory, candidates, meaning, reporter.get(rule.id, ""),
                                   finding.severity in failing and not advisory))
    failing_count = sum(1 for d in diagnoses if d.fails)
    summary = Summary(
        failing=failing_count,
        advisory=len(diagnoses) - failing_count,
        unknown=len(conclusions.unknown),
        passed=len(conclusions.passed),
        not_applicable=len(conclusions.not_applicable),
        undecided_could_fail=sum(1 for o in conclusions.unknown if o.rule.id in could_fail),
        listed_problems=sum(1 for d in diagnoses if d.fails and not d.reported_by),
        listed_notes=sum(1 for d in diagnoses if not d.fails and not d.reported_by),
    )
    if explain:
        unknown = tuple(Unknown(o.rule, o.rule.title[lang], tuple(o.missing), per_rule[o.rule.id], explanation(o),
                                holds_back=o.rule.id in holding) for o in conclusions.unknown)
        passed = tuple(Passed(o.rule, explanation(o)) for o in conclusions.passed)
    else:
        unknown, passed = _plain_entries(conclusions, knowledge, lang, per_rule)
    return Report(
        lang=lang,
        summary=summary,
        diagnoses=tuple(diagnoses),
        unknown=unknown,
        passed=passed,
        not_applicable=tuple(NotApplicable(o.rule, (o.rule.not_applicable or {})[lang], evidence, explanation(o))
                             for o, evidence in inapplicable),
        derived={name: Derived(value, rule) for name, (value, rule) in conclusions.derived.items()},
        questions=asked,
        explained=explain,
        start=conclusions.start,
        observations=observations(seen, ruleset, schema, facts, asked, lang, _symptom_plan(knowledge))
        if symptoms and ruleset.observations else (),
    )


def _says(knowledge: Knowledge, lang: str) -> Mapping[str, str]:
    """Blast-radius level -> what it says in ``lang`` (empty: the frame declares none), worked out once per language."""
    plans = knowledge.table("plans", lang)
    says = plans.get("says")
    if says is None:
        radius = knowledge.ruleset.blast_radius
        says = plans["says"] = {level.name: level.says.get(lang, "") for level in radius.ranked()} if radius else {}
    return says


REMEMBERED = 8192
"""How many undecided entries a knowledge base remembers per language before it starts again (memory stays flat)."""


def _plain_entries(conclusions: Conclusions, knowledge: Knowledge, lang: str,
                 per_rule: Mapping[str, tuple[Question, ...]]) -> tuple[tuple[Unknown, ...], tuple[Passed, ...]]:
    """The report's undecided and passed entries without explanations. An undecided entry is a function of its
    rule and missing facts (its questions are those of the missing facts, ``questions``), so thousands of tenants
    share a few thousand of them: each is made once per knowledge base and language."""
    made: dict[tuple[str, tuple[str, ...]], Unknown] = knowledge.table("undecided entries", lang)
    if len(made) > REMEMBERED:
        made.clear()
    holding = knowledge.holding
    unknown = []
    for o in conclusions.unknown:
        key = (o.rule.id, o.missing)
        entry = made.get(key)
        if entry is None:
            entry = made[key] = Unknown(o.rule, o.rule.title[lang], tuple(o.missing), per_rule[o.rule.id],
                                        holds_back=o.rule.id in holding)
        unknown.append(entry)
    passes: dict[str, Passed] = knowledge.table("passed entries")
    passed = []
    for o in conclusions.passed:
        found = passes.get(o.rule.id)
        if found is None:
            found = passes[o.rule.id] = Passed(o.rule)
        passed.append(found)
    return tuple(unknown), tuple(passed)


def _symptom_plan(knowledge: Knowledge) -> SymptomPlan:
    """The symptom sections' plan of ``knowledge``, worked out at its first report."""
    plans = knowledge.table("plans")
    plan = plans.get("symptoms")
    if plan is None:
        plan = plans["symptoms"] = SymptomPlan(knowledge.ruleset, knowledge.schema, knowledge.engine.observing)
    return plan


def _sources_of(evidence: Evidence, provenance: Provenance) -> Sources:
    """The sources of one evidence entry: its fact's, or for a list the sources of the items and fields shown
    (provenance keys items as ``list[name].field``)."""
    own = provenance.get(evidence.name)
    if own:
        return tuple(own)
    if not isinstance(evidence.value, list):
        return ()
    found: list[Source] = []
    for item in evidence.value:
        if not isinstance(item, Mapping):
            continue
        key = item.get("name", item.get("id"))
        for field in item:
            found += provenance.get(f"{evidence.name}[{key}].{field}", ())
    return tuple(dict.fromkeys(found))


def _provided(outcome: Outcome, asked: tuple[Question, ...], conclusions: Conclusions, lang: str,
              worded: dict[int, tuple[Condition, str]] | None = None) -> tuple[ProvidedThat, ...]:
    """The conditions a diagnosis still assumes, in words, each with the questions that settle it.

    ``worded``: each condition's words, remembered by the caller (``knowledge.table``) by the condition itself:
    a rule's ``applies_when``, a finding's ``provided`` or ``when``, objects of the rule set; the entry holds the
    condition, so that no other object can take its ``id`` while it is remembered. The words depend only on the
    condition and the language (the derived facts' meanings are the rule set's)."""
    if not outcome.provided:
        return ()
    provided = []
    for proviso in outcome.provided:
        condition = proviso.condition
        entry = worded.get(id(condition)) if worded is not None else None
        if entry is None or entry[0] is not condition:
            from expert_engine import describe  # the engine's explaining, imported when a report words a proviso

            meanings = {name: derivation.meaning.get(lang, "") for name, (_, derivation) in conclusions.derivations.items()}
            entry = (condition, describe(condition, phrases("explain", lang), meanings))
            if worded is not None:
                worded[id(condition)] = entry
        provided.append(ProvidedThat(entry[1], tuple(q for q in asked if q.path in proviso.missing)))
    return tuple(provided)


def _explainer(conclusions: Conclusions, ruleset: RuleSet, facts: Mapping[str, Any], schema: Mapping[str, Any],
               lang: str, reasons: list[tuple[Outcome, tuple[Because, ...]]]) -> Callable[[Outcome], Explanation]:
    # an explanation shows the sources of the facts that the diagnoses and non-applicable rules rest on
    sources: dict[str, Sources] = {}
    for _, evidence in reasons:
        for entry in evidence:
            if entry.evidence.kind == "fact" and entry.sources is not None:
                sources.setdefault(entry.evidence.name, entry.sources)
    return explainer(conclusions, ruleset, facts, schema, lang, sources)


_EXIT = {Verdict.PROBLEMS: ExitStatus.PROBLEMS, Verdict.HEALTHY: ExitStatus.OK, Verdict.INCONCLUSIVE: ExitStatus.INCONCLUSIVE}


def exit_status(report: Report) -> ExitStatus:
    """What a report means for the exit status: problems (1), healthy (0) or inconclusive (4)."""
    return _EXIT[report.verdict]
