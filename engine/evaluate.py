"""A plain-Python, three-valued evaluator of the same condition language.

It is not how diagnoses are made (durable-rules evaluates every condition); it is the
reference the engine is checked against (an oracle for property tests and the baseline
of the benchmark) and the tool that explains which part of a condition held or failed.
"""

from __future__ import annotations

from typing import Any, Mapping

from . import conditions
from .model import Condition, RuleSet

Truth = "bool | None"


def evaluate(condition: Condition, facts: Mapping[str, Any], derived: Mapping[str, bool] | None = None,
             earlier_stages_passed: bool | None = None) -> bool | None:
    """Kleene truth of a top-level condition: True, False, or None when facts it needs are absent."""
    derived = derived or {}
    if "derived" in condition:
        value = derived.get(condition["derived"])
        return None if value is None else value == bool(condition.get("is", True))
    if "earlier_stages" in condition:
        return earlier_stages_passed
    if set(condition) == {"all"}:
        return kleene_and(evaluate(c, facts, derived, earlier_stages_passed) for c in condition["all"])
    return _eval(condition, facts)


def evaluate_item(where: Condition, item: Mapping[str, Any]) -> bool | None:
    """Kleene truth of a quantifier's ``where`` on one array item (for explanations and evidence)."""
    return _eval(where, item)


def kleene_and(values: Any) -> bool | None:
    """Three-valued conjunction: False wins, then None (undecided), else True."""
    result: bool | None = True
    for value in values:
        if value is False:
            return False
        if value is None:
            result = None
    return result


def kleene_or(values: Any) -> bool | None:
    """Three-valued disjunction: True wins, then None (undecided), else False."""
    result: bool | None = False
    for value in values:
        if value is True:
            return True
        if value is None:
            result = None
    return result


def _eval(c: Condition, scope: Mapping[str, Any]) -> bool | None:
    if "all" in c:
        return kleene_and(_eval(p, scope) for p in c["all"])
    if "any" in c:
        return kleene_or(_eval(p, scope) for p in c["any"])
    if "not" in c:
        value = _eval(c["not"], scope)
        return None if value is None else not value
    if "any_item" in c or "all_items" in c:
        present, items = conditions.lookup(scope, c.get("any_item", c.get("all_items")))
        if not present or not isinstance(items, list):
            return None
        results = [_eval(c["where"], item) if isinstance(item, Mapping) else None for item in items]
        return kleene_or(results) if "any_item" in c else kleene_and(results)
    return _compare(c, scope)


def _compare(c: Condition, scope: Mapping[str, Any]) -> bool | None:
    operator = conditions.operator_of(c)
    expected = c[operator]
    present, value = conditions.lookup(scope, c["fact"])
    if operator == "present":
        return present == bool(expected)
    if not present:
        return None
    if operator == "equals":
        return _same(value, expected)
    if operator == "not_equals":
        return not _same(value, expected)
    if operator == "in":
        return any(_same(value, option) for option in expected)
    if operator.startswith("version_"):
        have, want = conditions.version_key(value), conditions.version_key(expected)
        if have is None:
            return None
        return have < want if operator == "version_lt" else have >= want
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return {"lt": value < expected, "lte": value <= expected, "gt": value > expected, "gte": value >= expected}[operator]


def _same(value: Any, expected: Any) -> bool:
    """Equality as durable-rules sees it: true is not 1, 1 is 1.0."""
    if isinstance(value, bool) or isinstance(expected, bool):
        return isinstance(value, bool) and isinstance(expected, bool) and value == expected
    return value == expected


def reference_outcomes(ruleset: RuleSet, facts: Mapping[str, Any]) -> tuple[dict[str, tuple[str, str | None]], dict[str, bool]]:
    """Every rule's ``(status, finding id or None)`` and the derived facts, decided by this evaluator alone.

    It combines truths exactly as the engine combines its durable-rules records (derived
    facts to a fixpoint, stage gates in stage order, the first holding finding fails the
    rule), so the two can be compared rule by rule (tests/test_oracle.py) and timed
    against each other (bench/run.py). Statuses are the ``model`` constants.
    """
    from .model import FAIL, NOT_APPLICABLE, PASS, UNKNOWN

    derived: dict[str, bool] = {}
    gates: dict[str, bool | None] = {}
    failing = {s.name for s in ruleset.severities if s.fails}
    stage_index = {stage: index for index, stage in enumerate(ruleset.stages)}

    def settle() -> None:
        changed = True
        while changed:
            changed = False
            for rule in ruleset.rules:
                for derivation in rule.derives:
                    if derivation.name not in derived:
                        value = evaluate(derivation.when, facts, derived, gates.get(rule.stage))
                        if value is not None:
                            derived[derivation.name] = value
                            changed = True

    def outcome(rule: Any) -> tuple[str, str | None]:
        gate = gates.get(rule.stage)
        applies = None if rule.applies_when is None else evaluate(rule.applies_when, facts, derived, gate)
        if applies is False:
            return NOT_APPLICABLE, None
        states = [(finding, evaluate(finding.when, facts, derived, gate)) for finding in rule.findings]
        if applies is True or rule.applies_when is None:
            holding = next((finding for finding, state in states if state is True), None)
            if holding is not None:
                return FAIL, holding.id
        if all(state is False for _, state in states):
            return PASS, None
        return UNKNOWN, None

    outcomes: dict[str, tuple[str, str | None]] = {}  # each rule once, unless a derived fact appears

    def decided(rule: Any) -> tuple[str, str | None]:
        if rule.id not in outcomes:
            outcomes[rule.id] = outcome(rule)
        return outcomes[rule.id]

    for stage in ruleset.stages:
        known = len(derived)
        settle()
        if len(derived) != known:
            outcomes.clear()
        earlier = [(r, decided(r)) for r in ruleset.rules if stage_index[r.stage] < stage_index[stage]]
        if any(status == FAIL and next(f for f in r.findings if f.id == finding).severity in failing
               for r, (status, finding) in earlier):
            gates[stage] = False
        elif any(status == UNKNOWN for _, (status, _) in earlier):
            gates[stage] = None
        else:
            gates[stage] = True
    known = len(derived)
    settle()
    if len(derived) != known:
        outcomes.clear()
    return {rule.id: decided(rule) for rule in ruleset.rules}, dict(sorted(derived.items()))
