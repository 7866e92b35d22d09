"""Observations: what the findings of a rule set declare they explain (``explains``), which of those the
facts show, and for each, the findings that account for it: holding, undecided (suspects) or ruled out.

An observation is a condition on the facts like any other (a reported code, a logged reason, an
event); the engine knows nothing of what is observed. Two findings that list the same condition
explain the same observation. ``observe`` reads the conclusions of a diagnosis and says, per
observation that holds, where each explaining finding stands; ``conclude`` adds to the
conclusions the finding that is the only one to explain an observation, provided that its own
condition holds.
Without an observation that holds, ``conclude`` returns the conclusions unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .conditions import Condition, evaluate, lookup, paths, walk
from .evaluation import Truth, lazy_truth, opener
from .model import FAIL, NOT_APPLICABLE, PASS, Conclusions, Evidence, Finding, Outcome, Proviso, Rule, RuleSet
from .node_kinds import kind_of
from .ordering import diagnosis_order


@dataclass(frozen=True)
class Explainer:
    """A finding that explains an observation, and whether it holds: True (it explains what is
    observed), None (undecided: a suspect) or False (ruled out)."""

    rule: Rule
    finding: Finding
    holds: bool | None


@dataclass(frozen=True)
class Observed:
    """An observation that holds in the facts, with every finding that declares it explains it."""

    condition: Condition
    explainers: tuple[Explainer, ...]

    @property
    def suspects(self) -> tuple[Explainer, ...]:
        """The explaining findings still undecided."""
        return tuple(e for e in self.explainers if e.holds is None)

    @property
    def explained_by(self) -> tuple[Explainer, ...]:
        """The explaining findings that hold."""
        return tuple(e for e in self.explainers if e.holds)

    @property
    def ruled_out(self) -> tuple[Explainer, ...]:
        """The explaining findings that do not hold."""
        return tuple(e for e in self.explainers if e.holds is False)


def observing(ruleset: RuleSet) -> tuple[Truth, ...]:
    """The rule set's observations as functions (built at first use), for ``observe``'s ``truths``."""
    return tuple(lazy_truth(condition) for condition, _ in ruleset.observations)


def explaining(ruleset: RuleSet, document: Mapping[str, Any]) -> tuple[tuple[Rule, Finding], ...]:
    """The findings one of whose observations holds in ``document`` (e.g. a document of one observed value)."""
    found: dict[tuple[str, str], tuple[Rule, Finding]] = {}
    for condition, who in ruleset.observations:
        if evaluate(condition, document) is True:
            for rule, finding in who:
                found.setdefault((rule.id, finding.id), (rule, finding))
    return tuple(found.values())


def observe(ruleset: RuleSet, conclusions: Conclusions, facts: Mapping[str, Any],
            truths: Sequence[Truth] | None = None) -> tuple[Observed, ...]:
    """The declared observations that hold in ``facts``, each with where its explaining findings stand.

    ``truths``: the observations' conditions as functions (``InferenceEngine.observing``), for a caller
    that observes many documents; else each condition is read as written."""
    if truths is not None:
        holding = [(condition, who) for (condition, who), truth in zip(ruleset.observations, truths, strict=True)
                   if truth(facts, None) is True]
    else:
        holding = [(condition, who) for condition, who in ruleset.observations if evaluate(condition, facts) is True]
    if not holding:
        return ()
    outcomes = {o.rule.id: o for o in conclusions.outcomes}
    derived = {name: value for name, (value, _) in conclusions.derived.items()}
    return tuple(Observed(condition, tuple(Explainer(rule, finding, _holds(rule, finding, outcomes.get(rule.id), facts,
                                                                            derived, conclusions.gates.get(rule.stage)))
                                           for rule, finding in who))
                 for condition, who in holding)


def _holds(rule: Rule, finding: Finding, outcome: Outcome | None, facts: Mapping[str, Any],
           derived: Mapping[str, bool], gate: bool | None) -> bool | None:
    if outcome is None or outcome.status in (PASS, NOT_APPLICABLE):
        return False
    if outcome.status == FAIL and outcome.finding is not None and outcome.finding.id == finding.id:
        return True
    return evaluate(finding.when, facts, derived, gate)


def conclude(ruleset: RuleSet, conclusions: Conclusions, facts: Mapping[str, Any],
             truths: Sequence[Truth] | None = None) -> Conclusions:
    """``conclusions`` plus, for each observation that only one finding explains, that finding when it is still
    undecided, provided that its condition holds; the rule leaves the undecided ones.

    Only one finding declared, not one left after others were ruled out: a rule that passes over a list
    the facts do not say is complete has not ruled its cause out, and a conclusion drawn from it would be
    taken back by the next account listed."""
    promoted: dict[str, Outcome] = {}
    seen = observe(ruleset, conclusions, facts, truths)
    for observed in seen:
        left = observed.explainers  # only one finding declares it explains the observation: nothing to rule out
        if len(left) != 1 or left[0].holds is not None or left[0].rule.id in promoted:
            continue
        rule, finding = left[0].rule, left[0].finding
        if not any(o.rule.id == rule.id for o in conclusions.unknown):
            continue
        open_paths: list[str] = []
        opener(finding.when)(facts, "", open_paths)
        promoted[rule.id] = Outcome(rule, FAIL, finding, because=_evidence(observed.condition, facts),
                                    provided=(Proviso("provided", finding.when, tuple(dict.fromkeys(open_paths))),))
    if not promoted:
        return replace(conclusions, observed=seen)
    diagnoses = tuple(sorted((*conclusions.diagnoses, *promoted.values()), key=diagnosis_order(ruleset)))
    concluded = replace(conclusions, diagnoses=diagnoses,
                        unknown=tuple(o for o in conclusions.unknown if o.rule.id not in promoted))
    return replace(concluded, observed=observe(ruleset, concluded, facts, truths))


def _evidence(condition: Condition, facts: Mapping[str, Any]) -> tuple[Evidence, ...]:
    """The facts an observation reads (a list as a whole), as evidence."""
    tops = [p for p in paths(condition) if "[]" not in p]
    found = []
    for path in tops:
        present, value = lookup(facts, path)
        if present:
            found.append(Evidence("fact", path, value))
    return tuple(found)


def label(condition: Condition) -> str:
    """An observation in a few words: the values it compares with (``E42``; ``jam, tray 2``), else its facts."""
    values = [str(value) for node in walk(condition) for value in kind_of(node).label_values(node)]
    return ", ".join(dict.fromkeys(values)) or ", ".join(paths(condition))
