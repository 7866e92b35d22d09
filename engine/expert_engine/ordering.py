"""The order in which diagnoses are reported, as the rule set's frame declares it (``report_order``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .model import Outcome, ReportOrder, RuleSet

DEFAULT = ReportOrder(groups=(), within=("severity", "stage", "order"))


def diagnosis_order(ruleset: RuleSet, advisory: frozenset[str] = frozenset()) -> Callable[[Outcome], tuple[Any, ...]]:
    """Sort key: the severity's group (in the frame's order), then the frame's keys within a group, then the rule id.

    Without a declared order, one group of every severity sorted by severity, stage, then order. The
    rules in ``advisory`` (diagnoses that fail nobody, see ``arrange``) go to the group of the frame's
    first severity that does not fail, whatever their own severity.
    """
    severities = [s.name for s in ruleset.severities]
    stages = list(ruleset.stages)
    declared = ruleset.order or DEFAULT
    group_of = {name: index for index, group in enumerate(declared.groups) for name in group}
    advisory_severity = next((s.name for s in ruleset.severities if not s.fails), None)
    advisory_group = group_of.get(advisory_severity, len(declared.groups)) if advisory_severity else len(declared.groups)

    def key(outcome: Outcome) -> tuple[Any, ...]:
        severity = outcome.finding.severity if outcome.finding else severities[-1]
        values = {"severity": severities.index(severity), "stage": stages.index(outcome.rule.stage),
                  "order": outcome.rule.order}
        group = advisory_group if outcome.rule.id in advisory else group_of.get(severity, 0)
        return (group, *(values[k] for k in declared.within), outcome.rule.id)

    return key
