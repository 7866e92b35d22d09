"""The order in which diagnoses are reported, as the rule set's frame declares it (``report_order``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .model import Outcome, ReportOrder, RuleSet

DEFAULT = ReportOrder(groups=(), within=("severity", "stage", "order"))


def diagnosis_order(ruleset: RuleSet) -> Callable[[Outcome], tuple[Any, ...]]:
    """Sort key: the severity's group (in the frame's order), then the frame's keys within a group, then the rule id.

    Without a declared order, one group of every severity sorted by severity, stage, then order.
    """
    severities = [s.name for s in ruleset.severities]
    stages = list(ruleset.stages)
    declared = ruleset.order or DEFAULT
    group_of = {name: index for index, group in enumerate(declared.groups) for name in group}

    def key(outcome: Outcome) -> tuple[Any, ...]:
        severity = outcome.finding.severity if outcome.finding else severities[-1]
        values = {"severity": severities.index(severity), "stage": stages.index(outcome.rule.stage),
                  "order": outcome.rule.order}
        return (group_of.get(severity, 0), *(values[k] for k in declared.within), outcome.rule.id)

    return key
