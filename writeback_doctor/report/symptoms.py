"""The report's symptom sections: for everything the facts show that findings explain (a reported error code, a
logged failure reason, a change, an event kind), the causes still consistent with it ("consistent with
SSPR_0029: ..."), those already ruled out, and what no rule explains.

Which facts are observations is data: the fact schema marks them ``x-observation`` (a field, a list, or a
field of a list's items). Each observed value is tried alone against the findings' ``explains``
(``expert_engine.explaining``) and placed by where its explaining findings stand after the diagnosis
(``expert_engine.observe``). Without observed values the report has no symptom sections.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Iterator, NamedTuple, Sequence

from expert_engine import Explainer, Finding, Observed, Rule, RuleSet, explaining
from expert_engine.conditions import evaluate, paths
from expert_engine.evaluation import Truth
from writeback_doctor.catalog import phrases
from writeback_doctor.report.contract import Observation, Question, Suspect

OBSERVATION = "x-observation"
DEFAULT_PRIOR = 0.1
"""The weight of a finding that declares no prior: an assumption, the same for all of them."""
NOTHING = ("none",)
"""Values that observe nothing (the user saw no error; no change)."""
CONTEXT = "context"
"""``x-observation: context``: a fact that sets the scene (where the user was, who is affected). Findings may explain
some of its values, but a value none explains is context, not a symptom awaiting a cause: it is not listed."""


def weight(finding: Finding) -> float:
    """How common the finding's cause is (its declared prior, else ``DEFAULT_PRIOR``)."""
    return finding.prior.weight if finding.prior is not None else DEFAULT_PRIOR


class Observable(NamedTuple):
    """A fact the schema marks as observed: ``top.key``, observed as a whole (``whole``) and/or by the fields of
    its items (``fields``)."""

    top: str
    key: str
    whole: bool
    fields: tuple[str, ...]


def observables(schema: Mapping[str, Any]) -> tuple[Observable, ...]:
    """The observed facts of ``schema`` (``x-observation``), in schema order: what ``observed_values`` reads."""
    found = []
    for top, node in schema.get("properties", {}).items():
        if not isinstance(node, Mapping):
            continue
        for key, sub in node.get("properties", {}).items():
            fields = tuple(f for f, s in sub.get("items", {}).get("properties", {}).items() if s.get(OBSERVATION))
            if sub.get(OBSERVATION) or fields:
                found.append(Observable(top, key, bool(sub.get(OBSERVATION)), fields))
    return tuple(found)


def observed_values(schema: Mapping[str, Any], facts: Mapping[str, Any],
                    observed: Sequence[Observable] | None = None) -> Iterator[tuple[str, dict[str, Any], str]]:
    """(label, a facts document holding that one observation, note) for each observed value, in schema order.

    ``observed``: ``observables(schema)``, worked out once by a caller that reads many documents."""
    for top, key, whole, fields in observables(schema) if observed is None else observed:
        section = facts.get(top)
        if not isinstance(section, Mapping) or key not in section:
            continue
        value = section[key]
        if whole and not isinstance(value, list):
            if isinstance(value, bool):  # a yes/no observation is observed when yes
                if value:
                    yield key, {top: {key: value}}, ""
            elif value not in NOTHING:
                unknown = value == "unknown"
                shown = section.get("error_text") if unknown else None
                yield (f"{value}: {shown}" if shown else str(value)), {top: {key: value}}, \
                    str(section.get("error_note", "")) if unknown else ""
        elif isinstance(value, list):
            for item in value:
                if not isinstance(item, Mapping):
                    continue
                shown = [item[f] for f in (fields or list(item)[:1]) if item.get(f) not in (None, *NOTHING)]
                if shown:
                    other = item.get("result_reason") if "other" in shown else None
                    yield str(other or shown[0]), {top: {key: [item]}}, ""


class SymptomPlan:
    """What the symptom sections need of a rule set, worked out once (a batch reads thousands of documents):
    the observed facts of the schema and, for each, the observations that read it.

    ``explaining`` gives what ``expert_engine.explaining`` gives for a document of one observed value
    ``{top: {key: value}}``: an observation that reads nothing of ``top.key`` reads only facts that are absent
    there, as in an empty document, so its truth is the one it has on ``{}`` (worked out here once); the others
    are judged by the engine's compiled observations (``InferenceEngine.observing``)."""

    def __init__(self, ruleset: RuleSet, schema: Mapping[str, Any], truths: Sequence[Truth]):
        self.observed = observables(schema)
        conditions = [condition for condition, _ in ruleset.observations]
        on_empty = [evaluate(condition, {}) is True for condition in conditions]
        reads = [paths(condition) for condition in conditions]
        self._judged: dict[tuple[str, str], tuple[tuple[int, Truth | None], ...]] = {}
        for top, key, _, _ in self.observed:
            fact = f"{top}.{key}"
            self._judged[(top, key)] = tuple(
                (n, truths[n] if any(_touches(path, fact) for path in reads[n]) else None)
                for n in range(len(conditions)) if on_empty[n] or any(_touches(path, fact) for path in reads[n]))
        self._who = [who for _, who in ruleset.observations]

    def explaining(self, top: str, key: str, document: Mapping[str, Any]) -> tuple[tuple[Rule, Finding], ...]:
        """The findings one of whose observations holds in ``document``, the observed value of ``top.key`` alone."""
        found: dict[tuple[str, str], tuple[Rule, Finding]] = {}
        for n, truth in self._judged[(top, key)]:
            if truth is None or truth(document, None) is True:
                for rule, finding in self._who[n]:
                    found.setdefault((rule.id, finding.id), (rule, finding))
        return tuple(found.values())


def _touches(path: str, fact: str) -> bool:
    """Whether reading ``path`` reads (part of) ``fact`` (``a.b``), or ``fact`` lies inside it."""
    if path == fact:
        return True
    if path.startswith(fact) and path[len(fact)] in ".[":
        return True
    return fact.startswith(path) and fact[len(path)] in ".["


class Seen(NamedTuple):
    """What was observed, as the suspects' weights read it (``report.unknowns.suspect_weights``)."""

    values: tuple[frozenset[int], ...]
    """One entry per observed value some finding explains: the indices of the observed conditions that hold on it."""
    against: tuple[str, ...]
    """The single-valued observed facts (``top.key``) whose value no finding explains ("everyone" is affected)."""


def units(observed: Sequence[Observed], schema: Mapping[str, Any], facts: Mapping[str, Any],
          plan: SymptomPlan | None = None) -> Seen:
    """What was observed, one entry per observed value: the indices of the ``observed`` conditions that hold on it.

    Findings declare their ``explains`` as conditions, and two findings may word the same observed value apart
    (``affected in [one-user, some-users, group]``, ``affected in [one-user, some-users]``): both conditions hold on
    the one value "some users", which is one observation, not two. A value is one of ``observed_values`` (its label,
    as the report lists it once); a condition that holds on no single value (a fact the schema does not mark as
    observed, such as ``symptom.worked_before``) is one observation with every other condition that reads the same
    facts. A value that no condition covers weighs every cause alike, except a cause that declares which values of
    that fact it explains: a single-valued fact holds one value, so "everyone is affected" tells against a cause that
    explains "one user, some users or a group" (``Seen.against``); a list item does not (a change of one kind does
    not rule out a change of another)."""
    covered: dict[str, set[int]] = {}
    against: dict[str, None] = {}
    for name, document, _ in observed_values(schema, facts, plan.observed if plan is not None else None):
        found = {i for i, o in enumerate(observed) if evaluate(o.condition, document) is True}
        if found:
            covered.setdefault(name, set()).update(found)
            continue
        ((top, section),) = document.items()
        ((key, value),) = section.items()
        if not isinstance(value, list):
            against[f"{top}.{key}"] = None
    alone: dict[frozenset[str], set[int]] = {}
    inside = set().union(*covered.values()) if covered else set()
    for i, o in enumerate(observed):
        if i not in inside:
            alone.setdefault(frozenset(paths(o.condition)), set()).add(i)
    return Seen(tuple(frozenset(found) for found in (*covered.values(), *alone.values())), tuple(against))


def _context(schema: Mapping[str, Any], document: Mapping[str, Any]) -> bool:
    """Whether the one observed fact of ``document`` (``{top: {key: value}}``) is context (``CONTEXT``)."""
    ((top, section),) = document.items()
    ((key, _),) = section.items()
    return bool(schema.get("properties", {}).get(top, {}).get("properties", {}).get(key, {}).get(OBSERVATION) == CONTEXT)


def observations(observed: Sequence[Observed], ruleset: RuleSet, schema: Mapping[str, Any], facts: Mapping[str, Any],
                 asked: Sequence[Question], lang: str, plan: SymptomPlan | None = None) -> tuple[Observation, ...]:
    """Every observed value with where its explanations stand; the same value twice is listed once.

    ``plan``: ``SymptomPlan`` of the same rule set and schema, for a caller that reads many documents."""
    words = phrases("symptoms", lang)
    state: dict[tuple[str, str], Explainer] = {(e.rule.id, e.finding.id): e for o in observed for e in o.explainers}
    found: dict[str, Observation] = {}
    for name, document, note in observed_values(schema, facts, plan.observed if plan is not None else None):
        if name in found:
            continue
        if plan is None:
            explained = explaining(ruleset, document)
        else:
            ((top, section),) = document.items()
            ((key, _),) = section.items()
            explained = plan.explaining(top, key, document)
        explainers = [state[(rule.id, finding.id)] for rule, finding in explained if (rule.id, finding.id) in state]
        if not explained and _context(schema, document):
            continue
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
