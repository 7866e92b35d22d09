"""The order in which diagnoses are reported."""

from __future__ import annotations

from collections.abc import Callable

from .model import Outcome, RuleSet


def diagnosis_order(ruleset: RuleSet) -> Callable[[Outcome], tuple[int, int, int, str]]:
    """Sort key: severity (most severe first), then stage, then the rule's order, then its id."""
    severities = [s.name for s in ruleset.severities]
    stages = list(ruleset.stages)

    def key(outcome: Outcome) -> tuple[int, int, int, str]:
        severity = outcome.finding.severity if outcome.finding else severities[-1]
        return (severities.index(severity), stages.index(outcome.rule.stage), outcome.rule.order, outcome.rule.id)

    return key
