"""A reference evaluator of whole rule sets, in plain Python: the oracle the engine is checked against.

It is not how diagnoses are made (durable-rules evaluates every condition); it decides
every rule's outcome from its own plain reading of the conditions (``plain_truth``: every
node and every operator written out here, not taken from the engine's operator table) alone,
combining truths exactly as the engine combines its durable-rules records: derived facts
to a fixpoint, stage gates in stage order, the first holding finding fails the rule. So
the two can be compared rule by rule (``tests/test_oracle.py``) and timed against each
other (``bench/run.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from expert_engine.conditions import (
    AllItems,
    AllOf,
    AnyItem,
    AnyOf,
    Compare,
    Condition,
    DerivedRef,
    EarlierStages,
    Not,
    later_truth,
    lookup,
    order_key,
    walk,
)
from expert_engine.model import (
    FAIL,
    NOT_APPLICABLE,
    PASS,
    UNKNOWN,
    Finding,
    Rule,
    RuleSet,
)

Decided = tuple[str, "str | None"]
"""A rule's ``(status, failing finding id or None)``."""


def reference_outcomes(ruleset: RuleSet, facts: Mapping[str, Any]) -> tuple[dict[str, Decided], dict[str, bool]]:
    """Every rule's ``(status, finding id or None)`` and the derived facts, decided by the Kleene evaluator alone."""
    return _Reference(ruleset, facts).run()


class _Reference:
    def __init__(self, ruleset: RuleSet, facts: Mapping[str, Any]):
        self.ruleset = ruleset
        self.facts = facts
        self.derived: dict[str, bool] = {}
        self.gates: dict[str, bool | None] = {}
        self.outcomes: dict[str, Decided] = {}  # each rule once, unless a derived fact appears
        self.provisional: set[str] = set()  # rules whose failure holds only provided that
        self.failing = {s.name for s in ruleset.severities if s.blocks}  # what closes a later stage's gate
        self.stage_index = {stage: index for index, stage in enumerate(ruleset.stages)}

    def run(self) -> tuple[dict[str, Decided], dict[str, bool]]:
        for stage in self.ruleset.stages:
            self.settle()
            earlier = [(r, self.decided(r)) for r in self.ruleset.rules if self.stage_index[r.stage] < self.stage_index[stage]
                       and any(f.severity in self.failing for f in r.findings)]
            self.gates[stage] = self.gate(earlier)
        self.settle()
        outcomes = {rule.id: self.decided(rule) for rule in self.ruleset.rules}
        return self.observed(self.disputed(outcomes)), dict(sorted(self.derived.items()))

    def observed(self, outcomes: dict[str, Decided]) -> dict[str, Decided]:
        """The engine's ``observations.conclude`` read again: an observation (an ``explains`` condition, equal
        ones together) that holds and that one finding alone explains fails that finding's undecided rule
        (provided that it holds), when the finding is undecided too."""
        groups: list[tuple[Condition, list[tuple[Rule, Finding]]]] = []
        for rule in self.ruleset.rules:
            for finding in rule.findings:
                for condition in finding.explains:
                    group = next((who for known, who in groups if known == condition), None)
                    if group is None:
                        groups.append((condition, [(rule, finding)]))
                    else:
                        group.append((rule, finding))
        result = dict(outcomes)
        for condition, who in groups:
            if plain_truth(condition, self.facts) is not True:
                continue
            if len(who) != 1:
                continue
            ((rule, finding),) = who
            if outcomes[rule.id][0] == UNKNOWN and result[rule.id][0] == UNKNOWN and self.truth(finding.when, rule) is None:
                result[rule.id] = (FAIL, finding.id)
        return result

    def disputed(self, decided: dict[str, Decided]) -> dict[str, Decided]:
        """Facts in dispute (a holding finding's ``disputes``): every other outcome resting on them is undecided."""
        findings = {(rule.id, f.id): f for rule in self.ruleset.rules for f in rule.findings}
        disputed: set[str] = set()
        disputing: set[str] = set()
        for rule_id, (status, finding) in decided.items():
            if status == FAIL and findings[(rule_id, finding)].disputes:
                disputed |= set(findings[(rule_id, finding)].disputes)
                disputing.add(rule_id)
        if not disputed:
            return decided
        settled = dict(decided)
        for rule in self.ruleset.rules:
            status, finding = decided[rule.id]
            if rule.id in disputing or status == UNKNOWN:
                continue
            if status == FAIL:
                held = findings[(rule.id, finding)]
                tops = [held.when, held.provided, rule.applies_when]
            elif status == NOT_APPLICABLE:
                tops = [rule.applies_when]
            else:
                tops = list(rule.conditions())
            if self.read(tops) & disputed:
                settled[rule.id] = (UNKNOWN, None)
        return settled

    def read(self, tops: list[Condition | None]) -> set[str]:
        """The fact paths the conditions read (item fields as ``array[].field``), through derived facts too."""
        found: set[str] = set()
        seen: set[str] = set()

        def visit(node: Condition, prefix: str) -> None:
            if isinstance(node, Compare):
                found.add(prefix + node.fact)
            elif isinstance(node, (AnyItem, AllItems)):
                found.add(prefix + node.array)
                inner = f"{prefix}{node.array}[]."
                visit(node.where, inner)
                if isinstance(node, AnyItem) and node.later is not None:
                    visit(node.later, inner)
                    found.add(inner + node.order)
            elif isinstance(node, (AllOf, AnyOf)):
                for part in node.parts:
                    visit(part, prefix)
            elif isinstance(node, Not):
                visit(node.part, prefix)
            elif isinstance(node, DerivedRef) and node.name not in seen:
                seen.add(node.name)
                visit(self.ruleset.derivations[node.name][1].when, "")

        for top in tops:
            if top is not None:
                visit(top, "")
        return found

    def truth(self, condition: Condition, rule: Rule) -> bool | None:
        return plain_truth(condition, self.facts, self.derived, self.gates.get(rule.stage))

    def settle(self) -> None:
        """Decide derived facts until none changes; any new one may change every outcome."""
        known = len(self.derived)
        changed = True
        while changed:
            changed = False
            for rule in self.ruleset.rules:
                for derivation in rule.derives:
                    if derivation.name not in self.derived:
                        value = self.truth(derivation.when, rule)
                        if value is not None:
                            self.derived[derivation.name] = value
                            changed = True
        if len(self.derived) != known:
            self.outcomes.clear()

    def gate(self, earlier: list[tuple[Rule, Decided]]) -> bool | None:
        """False on a definite blocking failure; a provisional one ("provided that") leaves it undecided."""
        blocking = [r.id for r, (status, finding) in earlier
                    if status == FAIL and next(f for f in r.findings if f.id == finding).severity in self.failing]
        if any(rule_id not in self.provisional for rule_id in blocking):
            return False
        if blocking or any(status == UNKNOWN for _, (status, _) in earlier):
            return None
        return True

    def decided(self, rule: Rule) -> Decided:
        if rule.id not in self.outcomes:
            self.outcomes[rule.id] = self.outcome(rule)
        return self.outcomes[rule.id]

    def outcome(self, rule: Rule) -> Decided:
        """Not applicable only when applicability definitely fails; a finding that holds (its proviso not
        failing) fails the rule, definitely when applicability and proviso hold, else provided that they do."""
        applies = True if rule.applies_when is None else self.truth(rule.applies_when, rule)
        if applies is False:
            return NOT_APPLICABLE, None
        states = []
        for finding in rule.findings:
            assumed = True if finding.provided is None else self.truth(finding.provided, rule)
            states.append((finding, self.truth(finding.when, rule), assumed))
        definite = [f for f, state, assumed in states if state is True and assumed is True and applies is True]
        provisional = [f for f, state, assumed in states if state is True and assumed is not False]
        waits = applies is None and rule.applies_when is not None and self.gates.get(rule.stage) is None and any(
            isinstance(node, EarlierStages) for node in walk(rule.applies_when))
        if definite:
            self.provisional.discard(rule.id)
            return FAIL, definite[0].id
        if provisional and not waits:
            self.provisional.add(rule.id)
            return FAIL, provisional[0].id
        self.provisional.discard(rule.id)
        if all(state is False or assumed is False for _, state, assumed in states):
            return PASS, None
        return UNKNOWN, None


def compared_values(ruleset: RuleSet) -> Iterator[Any]:
    """Every value the rules compare a fact against, in the order written (findings, derivations,
    applicability; ``in`` options one by one): the edges generated facts should land near."""
    for rule in ruleset.rules:
        for top in rule.conditions():
            for node in walk(top):
                if isinstance(node, Compare):
                    yield from node.value if isinstance(node.value, tuple) else (node.value,)


def open_paths(node: Condition, scope: Mapping[str, Any], prefix: str = "") -> tuple[str, ...]:
    """The reference reading of ``engine/evaluation.opener`` (which the engine calls): the fact paths
    (item fields as ``array[].field``) whose absence leaves a document condition undecided.

    Only the parts that are themselves undecided count: an alternative already decided
    (a presence test, a conjunct that fails) asks for nothing. References read no fact.
    """
    found: list[str] = []
    _open(node, scope, prefix, found)
    return tuple(dict.fromkeys(found))


def _open(node: Condition, scope: Mapping[str, Any], prefix: str, found: list[str]) -> bool | None:
    """The Kleene truth of ``node`` (as ``evaluate`` without references); when it is undecided, the
    paths of its undecided parts are appended to ``found`` (one walk: a decided part takes back what
    its own parts appended)."""
    mark = len(found)
    truth: bool | None
    match node:
        case DerivedRef() | EarlierStages():
            return None
        case Compare(fact):
            truth = plain_truth(node, scope)
            if truth is None:
                found.append(prefix + fact)
            return truth
        case AllOf(parts):
            truth = kleene_and([_open(part, scope, prefix, found) for part in parts])
        case AnyOf(parts):
            truth = kleene_or([_open(part, scope, prefix, found) for part in parts])
        case Not(part):
            inner = _open(part, scope, prefix, found)
            return None if inner is None else not inner
        case AnyItem(array, where) | AllItems(array, where):
            present, items = lookup(scope, array)
            if not present or not isinstance(items, list):
                found.append(prefix + array)
                return None
            inside = f"{prefix}{array}[]."
            if isinstance(node, AnyItem) and node.later is not None:
                truth = kleene_or(later_truth(node, items))
                if truth is None:
                    for item in items:
                        if isinstance(item, Mapping):
                            _open(where, item, inside, found)
                            _open(node.later, item, inside, found)
                            if order_key(item.get(node.order)) is None:
                                found.append(inside + node.order)
                return truth
            results = [_open(where, item, inside, found) if isinstance(item, Mapping) else None for item in items]
            truth = kleene_or(results) if isinstance(node, AnyItem) else kleene_and(results)
    if truth is not None:
        del found[mark:]
    return truth


# ------------------------------------------------------------------ the conditions, read plainly


def plain_truth(node: Condition, scope: Any, derived: Mapping[str, bool] | None = None,
                gate: bool | None = None) -> bool | None:
    """The Kleene truth of a condition, written out node by node and operator by operator without the
    engine's operator table (``expert_engine/operators.py``): the second reading the engine is checked against.
    Timelines use the engine's ``later_truth`` (its pairwise definition is checked in tests/test_timeline.py)."""
    match node:
        case AllOf(parts):
            return kleene_and([plain_truth(p, scope, derived, gate) for p in parts])
        case AnyOf(parts):
            return kleene_or([plain_truth(p, scope, derived, gate) for p in parts])
        case Not(part):
            inner = plain_truth(part, scope, derived, gate)
            return None if inner is None else not inner
        case DerivedRef(name, value):
            known = (derived or {}).get(name)
            return None if known is None else known == value
        case EarlierStages():
            return gate
        case AnyItem(array) | AllItems(array):
            present, items = lookup(scope, array)
            if not present or not isinstance(items, list):
                return None
            if isinstance(node, AnyItem) and node.later is not None:
                return kleene_or(later_truth(node, items))
            results = [plain_truth(node.where, item) if isinstance(item, Mapping) else None for item in items]
            return kleene_or(results) if isinstance(node, AnyItem) else kleene_and(results)
        case Compare(fact, op, expected):
            present, value = lookup(scope, fact)
            return compare_plainly(op, expected, present, value)
    raise TypeError(node)


def compare_plainly(op: str, expected: Any, present: bool, value: Any) -> bool | None:
    """One comparison of a fact (``present``, ``value``) with a rule's operand."""
    if op == "present":
        return present == bool(expected)
    if not present:
        return None
    interval = isinstance(value, Mapping) and _is_interval(value)
    if op in ("equals", "not_equals", "in"):
        if interval:
            return None  # a range never says which value it is
        options = expected if op == "in" else (expected,)
        found = any(_same(value, option) for option in options)
        return not found if op == "not_equals" else found
    # by order: the values the fact may take, [low, high] with each end included or not, against the accepted ones
    versions = isinstance(expected[0], str) if op == "between" else op.startswith("version_")
    have = _taken(value, _version if versions else _number, versions, interval)
    wanted = _accepted(op, expected, _version if versions else _number)
    if have is None or wanted is None:
        return None
    low, low_in, high, high_in = have
    a_low, a_low_in, a_high, a_high_in = wanted
    above = a_low is None or (low is not None and (low > a_low or (low == a_low and (a_low_in or not low_in))))
    below = a_high is None or (high is not None and (high < a_high or (high == a_high and (a_high_in or not high_in))))
    if above and below:  # every value accepted
        return True
    over = a_high is not None and low is not None and (low > a_high or (low == a_high and not (a_high_in and low_in)))
    under = a_low is not None and high is not None and (high < a_low or (high == a_low and not (a_low_in and high_in)))
    return False if over or under else None  # no value accepted, or some


Range = tuple[Any, bool, Any, bool]
"""(low, low included, high, high included); None for an open end."""


def _taken(value: Any, key: Any, versions: bool, interval: bool) -> Range | None:
    """The values a fact may take: its own value, or its interval (None when neither is of the kind compared)."""
    if not interval:
        k = key(value)
        return None if k is None else (k, True, k, True)
    low = high = None
    low_in = high_in = True
    for name, bound in value.items():
        k = key(bound)
        if k is None:
            return None
        if name in ("at_least", "above"):
            low, low_in = k, name == "at_least"
        else:
            high, high_in = k, name == "at_most"
    if versions:  # versions are whole numbers: an excluded end is the next one in
        if low is not None and not low_in:
            low, low_in = low + 1, True
        if high is not None and not high_in:
            high, high_in = high - 1, True
    if low is not None and high is not None and (low > high or (low == high and not (low_in and high_in))):
        return None
    return low, low_in, high, high_in


def _accepted(op: str, expected: Any, key: Any) -> Range | None:
    """The values an ordering comparison holds for (None when its operand is not of its kind)."""
    if op == "between":
        low, high = key(expected[0]), key(expected[1])
        return None if low is None or high is None else (low, True, high, False)
    bound = key(expected)
    if bound is None:
        return None
    return {"lt": (None, True, bound, False), "lte": (None, True, bound, True), "gt": (bound, False, None, True),
            "gte": (bound, True, None, True), "version_lt": (None, True, bound, False),
            "version_gte": (bound, True, None, True)}[op]


def _is_interval(value: Mapping[str, Any]) -> bool:
    keys = set(value)
    return bool(keys) and keys <= {"above", "at_least", "below", "at_most"} and len(keys & {"above", "at_least"}) <= 1 \
        and len(keys & {"below", "at_most"}) <= 1


def _same(value: Any, expected: Any) -> bool:
    if isinstance(value, bool) or isinstance(expected, bool):
        return isinstance(value, bool) and isinstance(expected, bool) and value == expected
    return bool(value == expected)


def _number(value: Any) -> Any:
    return None if isinstance(value, bool) or not isinstance(value, (int, float)) else value


def _version(text: Any) -> int | None:
    if not isinstance(text, str) or not re.fullmatch(r"[0-9]+(\.[0-9]+){0,3}", text):
        return None
    major, minor, build, revision = ([int(p) for p in text.split(".")] + [0, 0, 0])[:4]
    if major >= 90000 or minor >= 10000 or build >= 100000 or revision >= 10000:
        return None
    return ((major * 10_000 + minor) * 100_000 + build) * 10_000 + revision


def kleene_and(values: list[bool | None]) -> bool | None:
    """False if any is false, else undecided if any is, else true."""
    return False if any(v is False for v in values) else None if any(v is None for v in values) else True


def kleene_or(values: list[bool | None]) -> bool | None:
    """True if any is true, else undecided if any is, else false."""
    return True if any(v is True for v in values) else None if any(v is None for v in values) else False
