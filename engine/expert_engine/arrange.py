"""Where to start, and who reports what: the blast radius of each diagnosis and the owners of shared observations.

Two declared concepts, both generic:

- **Blast radius** (the frame's ``blast_radius``): a diagnosis whose finding picks items of an
  array (``any_item``) reaches only the items its evidence names, at the widest level any of
  them meets; any other diagnosis reaches everyone. A level may be ``advisory``: a diagnosis
  there fails nobody, so it is listed with the advisory ones. The diagnosis to start with is the
  first blocking one (the frame's first ``report_order`` group) of the widest reach, then the most
  severe, then in report order.
- **Shared observations** (a finding's ``cause_of``): when several failing findings claim the
  same observation (a derived fact that holds) as their cause, the one of lowest rank reports it
  and the others are its candidates, likeliest first; every one stays a diagnosis.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .conditions import Condition, evaluate
from .model import BlastRadius, Outcome, RuleSet
from .node_kinds import kind_of

EVERYONE = "everyone"


def picks_items(condition: Condition, items: str) -> bool:
    """Whether a finding's condition picks some items of the array ``items``: an ``any_item`` over it that is
    not negated ("no item is ...", like an ``all_items``, is about the whole array)."""
    def picks(node: Condition) -> bool:
        return kind_of(node).picks_items(node, items, picks)
    return picks(condition)


def reach_of(outcome: Outcome, radius: BlastRadius, facts: Mapping[str, Any],
             picking: Mapping[tuple[str, str], bool] | None = None) -> str:
    """The name of the widest level the diagnosis reaches (``EVERYONE`` unless it rests on picked items).
    ``picking``: (rule id, finding id) -> ``picks_items`` of the finding over the radius' items, worked out once
    per rule set (the engine's); a finding not in it is walked here."""
    finding = outcome.finding
    if finding is None:
        return radius.everyone.name
    picks = picking.get((outcome.rule.id, finding.id)) if picking is not None else None
    if not (picks if picks is not None else picks_items(finding.when, radius.items)):
        return radius.everyone.name
    shown = [item for evidence in outcome.because if evidence.kind == "fact" and evidence.name == radius.items
             and isinstance(evidence.value, list) for item in evidence.value if isinstance(item, Mapping)]
    all_items = facts.get(radius.items) if isinstance(facts, Mapping) else None
    records = [item for item in all_items if isinstance(item, Mapping)] if isinstance(all_items, list) else []
    levels = radius.levels
    widest = len(levels) - 1 if levels else -1
    for item in shown:  # the item as the facts hold it: the evidence shows only the fields the finding read
        record = next((r for r in records if all(r.get(k) == v for k, v in item.items())), item)
        widest = min(widest, _level_index(record, radius))
    return levels[widest].name if levels and widest >= 0 else radius.everyone.name


def _level_index(item: Mapping[str, Any], radius: BlastRadius) -> int:
    for index, level in enumerate(radius.levels):
        if level.when is None or evaluate(level.when, item) is True:
            return index
    return len(radius.levels) - 1


def owners(diagnoses: Sequence[Outcome], derived: Mapping[str, tuple[bool, str]]) -> dict[str, tuple[str, ...]]:
    """Rule id of each diagnosis that reports a shared observation -> the other claimants' ids, likeliest first.

    An observation is shared when it holds (its derived fact is true) and two or more diagnoses claim it;
    the lowest rank reports it (report order breaks ties, and orders the candidates of equal rank).
    """
    claims: dict[str, list[tuple[int, int, str]]] = {}
    for position, outcome in enumerate(diagnoses):
        claim = outcome.finding.cause_of if outcome.finding else None
        if claim is not None and derived.get(claim.observed, (False, ""))[0]:
            claims.setdefault(claim.observed, []).append((claim.rank, position, outcome.rule.id))
    found: dict[str, tuple[str, ...]] = {}
    for claimants in claims.values():
        if len(claimants) > 1:
            ranked = [rule_id for _, _, rule_id in sorted(claimants)]
            found[ranked[0]] = tuple(ranked[1:])
    return found


def arrange(diagnoses: Sequence[Outcome], ruleset: RuleSet, facts: Mapping[str, Any],
            derived: Mapping[str, tuple[bool, str]],
            order: Callable[[frozenset[str]], Callable[[Outcome], tuple[Any, ...]]],
            picking: Mapping[tuple[str, str], bool] | None = None
            ) -> tuple[tuple[Outcome, ...], dict[str, str], frozenset[str], dict[str, tuple[str, ...]], str | None]:
    """The diagnoses in report order with advisory ones moved among the advisory, their reach, the advisory ids,
    the owners of shared observations and the rule id to start with (None: nothing blocks anyone)."""
    radius = ruleset.blast_radius
    reach = {o.rule.id: reach_of(o, radius, facts, picking) if radius else EVERYONE for o in diagnoses}
    advisory_levels = {level.name for level in radius.ranked() if level.advisory} if radius else set()
    advisory = frozenset(rule_id for rule_id, level in reach.items() if level in advisory_levels)
    ordered = tuple(sorted(diagnoses, key=order(advisory))) if advisory else tuple(diagnoses)
    shared = owners(ordered, derived)
    return ordered, reach, advisory, shared, _start(ordered, ruleset, reach, advisory, shared)


def _start(ordered: Sequence[Outcome], ruleset: RuleSet, reach: Mapping[str, str], advisory: frozenset[str],
           shared: Mapping[str, tuple[str, ...]]) -> str | None:
    """The diagnosis to start with: of a failing severity and not advisory nor another's candidate; the
    frame's earliest ``report_order`` group, then the widest reach, then the most severe, then report order."""
    failing = {s.name for s in ruleset.severities if s.fails}
    severities = [s.name for s in ruleset.severities]
    groups = {name: index for index, group in enumerate(ruleset.order.groups if ruleset.order else ()) for name in group}
    levels = [level.name for level in ruleset.blast_radius.ranked()] if ruleset.blast_radius else [EVERYONE]
    candidates = {rule_id for others in shared.values() for rule_id in others}
    best: tuple[Any, ...] | None = None
    chosen = None
    for position, outcome in enumerate(ordered):
        severity = outcome.finding.severity if outcome.finding else ""
        rule_id = outcome.rule.id
        if severity not in failing or rule_id in advisory or rule_id in candidates:
            continue
        key = (groups.get(severity, 0), levels.index(reach.get(rule_id, EVERYONE)), severities.index(severity), position)
        if best is None or key < best:
            best, chosen = key, rule_id
    return chosen
