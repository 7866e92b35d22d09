"""The report's symptom sections: for everything the facts show that findings explain (a reported error code, a
logged failure reason, a change, an event kind), the causes still consistent with it ("consistent with
SSPR_0029: ..."), those already ruled out, and what no rule explains.

Which facts are observations is data: the fact schema marks them ``x-observation`` (a field, a list, or a
field of a list's items). Each observed value is tried alone against the findings' ``explains``
(``expert_engine.explaining``) and placed by where its explaining findings stand after the diagnosis
(``expert_engine.observe``). Without observed values the report has no symptom sections.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping, Sequence

from expert_engine import Explainer, Finding, Observed, RuleSet, explaining
from writeback_doctor.catalog import phrases
from writeback_doctor.report.contract import Observation, Question, Suspect

OBSERVATION = "x-observation"
DEFAULT_PRIOR = 0.1
"""The weight of a finding that declares no prior: an assumption, the same for all of them."""
NOTHING = ("none",)
"""Values that observe nothing (the user saw no error; no change)."""


def weight(finding: Finding) -> float:
    """How common the finding's cause is (its declared prior, else ``DEFAULT_PRIOR``)."""
    return finding.prior.weight if finding.prior is not None else DEFAULT_PRIOR


def observed_values(schema: Mapping[str, Any], facts: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, Any], str]]:
    """(label, a facts document holding that one observation, note) for each observed value, in schema order."""
    for top, node in schema.get("properties", {}).items():
        section = facts.get(top)
        if not isinstance(node, Mapping) or not isinstance(section, Mapping):
            continue
        for key, sub in node.get("properties", {}).items():
            if key not in section:
                continue
            value = section[key]
            fields = [f for f, s in sub.get("items", {}).get("properties", {}).items() if s.get(OBSERVATION)]
            if sub.get(OBSERVATION) and not isinstance(value, list):
                if isinstance(value, bool):  # a yes/no observation is observed when yes
                    if value:
                        yield key, {top: {key: value}}, ""
                elif value not in NOTHING:
                    unknown = value == "unknown"
                    shown = section.get("error_text") if unknown else None
                    yield (f"{value}: {shown}" if shown else str(value)), {top: {key: value}}, \
                        str(section.get("error_note", "")) if unknown else ""
            elif isinstance(value, list) and (sub.get(OBSERVATION) or fields):
                for item in value:
                    if not isinstance(item, Mapping):
                        continue
                    shown = [item[f] for f in (fields or list(item)[:1]) if item.get(f) not in (None, *NOTHING)]
                    if shown:
                        other = item.get("result_reason") if "other" in shown else None
                        yield str(other or shown[0]), {top: {key: [item]}}, ""


def observations(observed: Sequence[Observed], ruleset: RuleSet, schema: Mapping[str, Any], facts: Mapping[str, Any],
                 asked: Sequence[Question], lang: str) -> tuple[Observation, ...]:
    """Every observed value with where its explanations stand; the same value twice is listed once."""
    words = phrases("symptoms", lang)
    state: dict[tuple[str, str], Explainer] = {(e.rule.id, e.finding.id): e for o in observed for e in o.explainers}
    found: dict[str, Observation] = {}
    for name, document, note in observed_values(schema, facts):
        if name in found:
            continue
        explainers = [state[(rule.id, finding.id)] for rule, finding in explaining(ruleset, document)
                      if (rule.id, finding.id) in state]
        holding = tuple(dict.fromkeys(e.rule.id for e in explainers if e.holds))
        suspects: dict[str, Suspect] = {}
        for e in explainers:
            if e.holds is None and e.rule.id not in holding:
                reads = set(e.finding.facts_read())
                suspect = Suspect(e.rule, e.finding, e.rule.title[lang], weight(e.finding),
                                  tuple(q for q in asked if q.path in reads))
                if e.rule.id not in suspects or suspect.prior > suspects[e.rule.id].prior:
                    suspects[e.rule.id] = suspect
        checked = tuple(dict.fromkeys(e.rule.id for e in explainers if e.holds is False
                                      and e.rule.id not in holding and e.rule.id not in suspects))
        if not holding and not suspects:
            note = "; ".join(filter(None, [words["all_ruled_out"] if explainers else words["no_rule"], note]))
        ordered = tuple(sorted(suspects.values(), key=lambda s: (-s.prior, s.rule.id)))
        found[name] = Observation(name, holding, ordered, checked, note)
    return tuple(found.values())
