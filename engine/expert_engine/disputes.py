"""Facts in dispute: a finding that says two facts disagree leaves every conclusion resting on them undecided.

Facts come from different people and exports, and they can contradict each other (a product said not to
be installed while its own success events are in the log). Letting one of them win silently would have one
rule pass on one fact while another fails on the other. Instead, a finding may declare the facts it puts
in dispute (``disputes``: fact paths, item fields as ``array[].field``). When such a finding holds, every
*other* rule whose conclusion rests on one of those facts, directly or through a derived fact, is left
undecided, missing the disputed facts: a pass, a "does not apply", or a failure whose finding reads them.
A failure whose finding reads no disputed fact stands (a proven finding is never hidden). The finding that
names the dispute is the diagnosis, with both facts as its evidence; settling which fact is right (and
removing the other) decides the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .conditions import Condition, derived_names, paths
from .model import FAIL, NOT_APPLICABLE, PASS, UNKNOWN, Derivation, Outcome, Rule


def disputed_paths(outcomes: Iterable[Outcome]) -> dict[str, str]:
    """Disputed fact path -> the id of the rule whose holding finding disputes it (first in rule order)."""
    found: dict[str, str] = {}
    for outcome in outcomes:
        if outcome.status == FAIL and outcome.finding is not None:
            for path in outcome.finding.disputes:
                found.setdefault(path, outcome.rule.id)
    return found


def reads(conditions: Iterable[Condition | None], derivations: Mapping[str, tuple[Rule, Derivation]]) -> tuple[str, ...]:
    """Every fact path the conditions read, through the derived facts they refer to as well, in order."""
    found: list[str] = []
    seen: set[str] = set()
    pending = [c for c in conditions if c is not None]
    while pending:
        condition = pending.pop(0)
        found += paths(condition)
        for name in derived_names(condition):
            if name not in seen and name in derivations:
                seen.add(name)
                pending.append(derivations[name][1].when)
    return tuple(dict.fromkeys(found))


def _resting_on(outcome: Outcome) -> tuple[Condition | None, ...]:
    """The conditions an outcome rests on: a failure its finding's (and applicability), a "does not apply" its
    applicability, a pass every condition of the rule."""
    rule = outcome.rule
    if outcome.status == FAIL and outcome.finding is not None:
        return outcome.finding.when, outcome.finding.provided, rule.applies_when
    if outcome.status == NOT_APPLICABLE:
        return (rule.applies_when,)
    if outcome.status == PASS:
        return rule.conditions()
    return ()


def settle(outcomes: list[Outcome], derivations: Mapping[str, tuple[Rule, Derivation]],
           known: dict[tuple[str, str, str], tuple[str, ...]] | None = None) -> list[Outcome]:
    """``outcomes`` with every conclusion resting on a disputed fact made undecided (see the module).

    ``known`` remembers, for a caller that settles many diagnoses of one rule set, the facts each kind of
    outcome (rule, status, finding) rests on: they depend on the rules alone."""
    disputed = disputed_paths(outcomes)
    if not disputed:
        return outcomes
    disputing = set(disputed.values())
    settled: list[Outcome] = []
    for outcome in outcomes:
        if outcome.rule.id in disputing or outcome.status == UNKNOWN:
            settled.append(outcome)
            continue
        kind = (outcome.rule.id, outcome.status, outcome.finding.id if outcome.finding is not None else "")
        resting = known.get(kind) if known is not None else None
        if resting is None:
            resting = reads(_resting_on(outcome), derivations)
            if known is not None:
                known[kind] = resting
        touched = [path for path in resting if path in disputed]
        settled.append(Outcome(outcome.rule, UNKNOWN, missing=tuple(touched)) if touched else outcome)
    return settled
