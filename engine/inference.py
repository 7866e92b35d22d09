"""Compiling a rule set onto durable-rules and turning its firings into outcomes.

Every condition is evaluated by durable-rules. Python only precomputes values that
durable-rules cannot compute (version keys, array lengths), records which compiled rule
fired, and combines those records three-valuedly into one outcome per rule.
"""

from __future__ import annotations

from typing import Any, Mapping

from . import conditions
from .model import (
    FAIL,
    NOT_APPLICABLE,
    PASS,
    UNKNOWN,
    Condition,
    Conclusions,
    Evidence,
    Outcome,
    Rule,
    RuleSet,
)
from .ordering import diagnosis_order
from .session import DurableRuleset, Session

DOC, DERIVED, GATE = "doc", "derived", "gate"


class InferenceEngine:
    """A rule set compiled once onto durable-rules; ``diagnose`` runs it on one facts document."""

    def __init__(self, ruleset: RuleSet):
        self.ruleset = ruleset
        self._versioned: list[str] = []
        self._arrays: list[str] = []
        self._gated_stages: set[str] = set()
        self._closed_world: dict[tuple[str, ...], tuple[Condition, bool]] = {}
        self._conditions: dict[tuple[str, ...], Condition] = {}
        self._derived_by = {d.name: (rule, d) for rule in ruleset.rules for d in rule.derives}
        compiled: dict[str, tuple[dict[str, Any], Any]] = {}
        for rule in ruleset.rules:
            for index, derivation in enumerate(rule.derives):
                self._compile(compiled, rule, derivation.when, f"{rule.id}|derive|{index}", ("derived", derivation.name))
            if rule.applies_when is not None:
                self._compile(compiled, rule, rule.applies_when, f"{rule.id}|applies", ("applies", rule.id))
            for finding in rule.findings:
                self._compile(compiled, rule, finding.when, f"{rule.id}|finding|{finding.id}", ("finding", rule.id, finding.id))
        self._versioned = sorted(set(self._versioned))
        self._arrays = sorted(set(self._arrays))
        self._durable = DurableRuleset(compiled)

    # ------------------------------------------------------------ compiling

    def _compile(self, compiled: dict, rule: Rule, condition: Condition, name: str, key: tuple[str, ...]) -> None:
        """Compile one top-level condition into a 'holds' rule and one 'fails' rule per conjunct."""
        self._conditions[key] = condition
        refs, plain = conditions.split_top(condition)
        doc_condition: Condition | None = None
        if plain:
            doc_condition = plain[0] if len(plain) == 1 else {"all": plain}
            self._versioned += conditions.versioned_paths(doc_condition)
            self._arrays += conditions.quantified_arrays(doc_condition)
        ref_patterns = [self._ref_pattern(rule, ref, want=True) for ref in refs]
        holds_parts = [{f"r{i}": p} for i, p in enumerate(ref_patterns)]
        doc_holds = doc_fails = None
        if doc_condition is not None:
            doc_holds, doc_fails = conditions.holds(doc_condition), conditions.fails(doc_condition)
            if doc_holds is None or doc_fails is None:
                # the side durable-rules cannot express is decided by the closed world (see conditions.py)
                self._closed_world[key] = (doc_condition, doc_holds is None)
        if doc_condition is None or doc_holds is not None:
            if doc_holds is not None:
                holds_parts.append({"m": {"$and": [{"kind": DOC}, doc_holds]}})
            compiled[f"{name}|holds"] = ({"all": holds_parts}, _recorder(key, True))
        for i, ref in enumerate(refs):
            compiled[f"{name}|fails|{i}"] = ({"all": [{"m": self._ref_pattern(rule, ref, want=False)}]}, _recorder(key, False))
        if doc_fails is not None:
            compiled[f"{name}|fails|doc"] = ({"all": [{"m": {"$and": [{"kind": DOC}, doc_fails]}}]}, _recorder(key, False))

    def _ref_pattern(self, rule: Rule, ref: Condition, want: bool) -> dict[str, Any]:
        if "earlier_stages" in ref:
            self._gated_stages.add(rule.stage)
            return {"$and": [{"kind": GATE}, {"stage": rule.stage}, {"passed": want}]}
        value = bool(ref.get("is", True)) == want
        return {"$and": [{"kind": DERIVED}, {"name": ref["derived"]}, {"value": value}]}

    # ------------------------------------------------------------ running

    def diagnose(self, facts: Mapping[str, Any]) -> Conclusions:
        """Assert ``facts`` (already validated), let the rules chain, and return ordered conclusions."""
        document = {"kind": DOC, "id": DOC, conditions.FACTS: facts}
        versions = {}
        for path in self._versioned:
            present, value = conditions.lookup(facts, path)
            key = conditions.version_key(value) if present else None
            if key is not None:
                versions[conditions.flat_key(path)] = key
        lengths = {}
        for path in self._arrays:
            present, value = conditions.lookup(facts, path)
            if present and isinstance(value, list):
                lengths[conditions.flat_key(path)] = len(value)
        document[conditions.VERSIONS] = versions
        document[conditions.LENGTHS] = lengths

        with self._durable.session() as session:
            session.assert_fact(document)
            self._close_derivations(session, facts)
            for stage in self.ruleset.stages:
                if stage in self._gated_stages:
                    passed = self._earlier_stages_passed(stage, session.state.records, facts)
                    if passed is not None:
                        session.assert_fact({"kind": GATE, "id": f"gate:{stage}", "stage": stage, "passed": passed})
            records = session.state.records
        return self._conclude(records, facts)

    def _close_derivations(self, session: Any, facts: Mapping[str, Any]) -> None:
        """Assert "false" for closed-world derivations that did not hold on complete facts, until none is left."""
        changed = True
        while changed:
            changed = False
            for key in self._closed_world:
                if key[0] != "derived" or _truth(session.state.records, key) is not None:
                    continue
                value = self._truth(session.state.records, key, facts)
                if value is not None:
                    session.state.record(*key, value)
                    session.assert_fact({"kind": DERIVED, "id": f"derived:{key[1]}", "name": key[1], "value": value})
                    changed = True

    def _truth(self, records: set, key: tuple[str, ...], facts: Mapping[str, Any]) -> bool | None:
        """The three-valued truth of a compiled condition.

        A side that durable-rules cannot express is decided by the closed world: when the
        other side did not match, every reference is decided and every fact read is present.
        """
        truth = _truth(records, key)
        if truth is None and key in self._closed_world:
            condition, closed_side = self._closed_world[key]
            rule_condition = self._conditions[key]
            refs_undecided = any(
                "earlier_stages" in r or _truth(records, ("derived", r["derived"])) is None
                for r in conditions.split_top(rule_condition)[0])
            if not refs_undecided and not any(_absent(facts, p) for p in conditions.fact_paths(condition)):
                return closed_side
        return truth

    def _earlier_stages_passed(self, stage: str, records: set, facts: Mapping[str, Any]) -> bool | None:
        outcomes = [self._outcome(r, records, facts) for r in self._earlier_rules(stage)]
        if any(o.status == FAIL and self.ruleset.severity(o.finding.severity).fails for o in outcomes):
            return False
        if any(o.status == UNKNOWN for o in outcomes):
            return None
        return True

    def _earlier_rules(self, stage: str) -> list[Rule]:
        index = self.ruleset.stages.index(stage)
        return [r for r in self.ruleset.rules if self.ruleset.stages.index(r.stage) < index]

    # ------------------------------------------------------------ concluding

    def _conclude(self, records: set, facts: Mapping[str, Any]) -> Conclusions:
        outcomes = [self._outcome(rule, records, facts) for rule in self.ruleset.rules]
        derived = {name: (value, self._derived_by[name][0].id) for kind, name, value in
                   (r for r in records if r[0] == "derived")}
        by_status: dict[str, list[Outcome]] = {FAIL: [], UNKNOWN: [], PASS: [], NOT_APPLICABLE: []}
        for outcome in outcomes:
            by_status[outcome.status].append(outcome)
        return Conclusions(
            diagnoses=tuple(sorted(by_status[FAIL], key=diagnosis_order(self.ruleset))),
            unknown=tuple(by_status[UNKNOWN]),
            passed=tuple(by_status[PASS]),
            not_applicable=tuple(by_status[NOT_APPLICABLE]),
            derived=dict(sorted(derived.items())),
        )

    def _outcome(self, rule: Rule, records: set, facts: Mapping[str, Any]) -> Outcome:
        applies = self._truth(records, ("applies", rule.id), facts)
        if applies is False:
            return Outcome(rule, NOT_APPLICABLE, because=self._evidence(rule.applies_when, facts, records))
        states = [(f, self._truth(records, ("finding", rule.id, f.id), facts)) for f in rule.findings]
        if applies is True or rule.applies_when is None:
            holding = next((f for f, state in states if state is True), None)
            if holding is not None:
                because = self._evidence(holding.when, facts, records)
                if rule.applies_when is not None:
                    because = self._evidence(rule.applies_when, facts, records) + because
                return Outcome(rule, FAIL, finding=holding, because=_unique(because))
        if all(state is False for _, state in states):
            return Outcome(rule, PASS, because=_unique(sum((self._evidence(f.when, facts, records) for f in rule.findings), ())))
        undecided = [f.when for f, state in states if state is None]
        if applies is None and rule.applies_when is not None:
            undecided.insert(0, rule.applies_when)
        missing: list[str] = []
        for condition in undecided:
            missing += self._missing(rule, condition, facts, records)
        return Outcome(rule, UNKNOWN, missing=tuple(dict.fromkeys(missing)))

    def _evidence(self, condition: Condition, facts: Mapping[str, Any], records: set) -> tuple[Evidence, ...]:
        refs, _ = conditions.split_top(condition)
        evidence: list[Evidence] = []
        for ref in refs:
            if "derived" in ref:
                value = _truth(records, ("derived", ref["derived"]))
                evidence.append(Evidence("derived", ref["derived"], value, by=self._derived_by[ref["derived"]][0].id))
            else:
                evidence.append(Evidence("stages", "earlier stages passed", True))
        for path in conditions.fact_paths(condition):
            if "[]" in path:
                continue
            present, value = conditions.lookup(facts, path)
            if present:
                evidence.append(Evidence("fact", path, value))
        return tuple(evidence)

    def _missing(self, rule: Rule, condition: Condition, facts: Mapping[str, Any], records: set, seen: frozenset = frozenset()) -> list[str]:
        """Fact paths whose absence leaves ``condition`` undecided, following undecided derived facts to their rules."""
        refs, _ = conditions.split_top(condition)
        missing: list[str] = []
        for path in conditions.fact_paths(condition):
            missing += _absent(facts, path)
        for ref in refs:
            if "derived" in ref and _truth(records, ("derived", ref["derived"])) is None and ref["derived"] not in seen:
                deriver, derivation = self._derived_by[ref["derived"]]
                missing += self._missing(deriver, derivation.when, facts, records, seen | {ref["derived"]})
            elif "earlier_stages" in ref:
                for earlier in self._earlier_rules(rule.stage):
                    outcome = self._outcome(earlier, records, facts)
                    if outcome.status == UNKNOWN:
                        missing += outcome.missing
        return missing


def _recorder(key: tuple[str, ...], value: bool):
    if key[0] == "derived":
        name = key[1]

        def derive(session: Session, context: Any) -> None:
            if ("derived", name, not value) in session.records or ("derived", name, value) in session.records:
                return  # several conjuncts may fail at once: assert the derived fact once
            session.record("derived", name, value)
            session.assert_derived({"kind": DERIVED, "id": f"derived:{name}", "name": name, "value": value})

        return derive

    def record(session: Session, context: Any) -> None:
        session.record(*key, value)

    return record


def _truth(records: set, key: tuple[str, ...]) -> bool | None:
    if (*key, True) in records:
        return True
    if (*key, False) in records:
        return False
    return None


def _absent(facts: Mapping[str, Any], path: str) -> list[str]:
    """``[path]`` if the path (or, for ``array[].field``, the field in some item) is absent."""
    if "[]." not in path:
        return [] if conditions.lookup(facts, path)[0] else [path]
    array, field = path.split("[].", 1)
    present, items = conditions.lookup(facts, array)
    if not present or not isinstance(items, list):
        return [array]
    return [path] if any(not conditions.lookup(item, field)[0] for item in items) else []


def _unique(evidence: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    seen: list[Evidence] = []
    for item in evidence:
        if not any(item.kind == s.kind and item.name == s.name for s in seen):
            seen.append(item)
    return tuple(seen)
