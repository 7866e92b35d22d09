"""Compiling a rule set onto durable-rules and turning its firings into outcomes.

Every condition is evaluated by durable-rules. Python only precomputes values that
durable-rules cannot compute (version keys, array lengths), records which compiled rule
fired, and combines those records three-valuedly into one outcome per rule.
"""

from __future__ import annotations

from collections.abc import Mapping as _Mapping
from dataclasses import dataclass
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
from .evaluate import evaluate_item
from .ordering import diagnosis_order
from .session import DurableRuleset, Session

DOC, DERIVED, GATE = "doc", "derived", "gate"


@dataclass(frozen=True)
class _Shape:
    """What the engine reads from one top-level condition, computed once per condition (not per diagnosis)."""

    refs: tuple[Condition, ...]
    paths: tuple[str, ...]                                  # every fact path read, items as array[].field
    evidence_paths: tuple[tuple[str, tuple[str, ...]], ...]  # paths outside items, with their steps


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
        self._shapes: dict[int, tuple[Condition, _Shape]] = {}
        self._sources: dict[tuple[int, ...], tuple[tuple[Condition, ...], tuple[tuple[str, str, tuple[str, ...]], ...]]] = {}
        self._failing_severities = {s.name for s in ruleset.severities if s.fails}
        self._earlier = {stage: tuple(r for r in ruleset.rules if ruleset.stages.index(r.stage) < index)
                         for index, stage in enumerate(ruleset.stages)}
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
        # what deciding a closed-world side reads, once: (side, gated, derived names, fact paths)
        self._closed = {
            key: (side,
                  any("earlier_stages" in r for r in self._shape(self._conditions[key]).refs),
                  tuple(r["derived"] for r in self._shape(self._conditions[key]).refs if "derived" in r),
                  self._shape(condition).paths)
            for key, (condition, side) in self._closed_world.items()}
        self._paths = tuple(sorted({p for condition in self._conditions.values() for p in self._shape(condition).paths}
                                   | {p for condition, _ in self._closed_world.values() for p in self._shape(condition).paths}))
        # per rule, the record keys its outcome reads, in priority order
        self._plans = {rule.id: (("applies", rule.id) if rule.applies_when is not None else None,
                                 tuple((f, ("finding", rule.id, f.id)) for f in rule.findings))
                       for rule in ruleset.rules}
        self._durable = DurableRuleset(compiled)
        self._order = diagnosis_order(ruleset)

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
            if doc_fails is None and len(plain) > 1:
                # a conjunction fails as soon as one conjunct fails: the conjuncts durable-rules can
                # express still decide it (the closed world only covers the rest)
                partial = [f for f in map(conditions.fails, plain) if f is not None]
                if partial:
                    doc_fails = partial[0] if len(partial) == 1 else {"$or": partial}
        if not refs and doc_fails is not None and _decided_by_one_fact(doc_condition):
            # One fact decides it: present, the condition holds or fails; absent, it is undecided
            # either way. So "fails" is exactly "did not hold and the fact is present" (the closed
            # world), and durable-rules need not call back into Python for every passing check.
            doc_fails = None
            self._closed_world[key] = (doc_condition, False)
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

    def _shape(self, condition: Condition) -> _Shape:
        """The parts of ``condition`` the engine reads, memoised: rules are immutable for the engine's lifetime."""
        kept = self._shapes.get(id(condition))
        if kept is None:
            paths = tuple(conditions.fact_paths(condition))
            shape = _Shape(
                refs=tuple(conditions.split_top(condition)[0]),
                paths=paths,
                evidence_paths=tuple((p, tuple(p.split("."))) for p in paths if "[]" not in p),
            )
            kept = self._shapes[id(condition)] = (condition, shape)  # holding the condition keeps its id valid
        return kept[1]

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
            run = _Run(session.state.records, facts, self._paths)
            for stage in self.ruleset.stages:
                if stage in self._gated_stages:
                    passed = self._earlier_stages_passed(stage, run)
                    if passed is not None:
                        run.gates[stage] = passed
                        derived_before = sum(1 for r in run.records if r[0] == "derived")
                        session.assert_fact({"kind": GATE, "id": f"gate:{stage}", "stage": stage, "passed": passed})
                        if sum(1 for r in run.records if r[0] == "derived") != derived_before:
                            # a derived fact changed: any outcome may have; otherwise only this stage's
                            # rules (never computed yet) gained records, and the earlier outcomes stand
                            run.outcomes.clear()
        return self._conclude(run)

    def _close_derivations(self, session: Any, facts: Mapping[str, Any]) -> None:
        """Assert "false" for closed-world derivations that did not hold on complete facts, until none is left."""
        changed = True
        while changed:
            changed = False
            for key in self._closed_world:
                if key[0] != "derived" or key in session.state.records:
                    continue
                value = self._truth(_Run(session.state.records, facts, self._paths), key)
                if value is not None:
                    session.state.record(key, value)
                    session.assert_fact({"kind": DERIVED, "id": f"derived:{key[1]}", "name": key[1], "value": value})
                    changed = True

    def _truth(self, run: "_Run", key: tuple[str, ...]) -> bool | None:
        """The three-valued truth of a compiled condition.

        A side that durable-rules cannot express is decided by the closed world: when the
        other side did not match, every reference is decided and every fact read is present.
        """
        records = run.records
        truth = records.get(key)
        if truth is not None:
            return truth
        closed = self._closed.get(key)
        if closed is None:
            return None
        closed_side, gated, ref_names, paths = closed
        if gated or any(("derived", name) not in records for name in ref_names):
            return None
        if not run.absent.keys().isdisjoint(paths):
            return None
        return closed_side

    def _earlier_stages_passed(self, stage: str, run: "_Run") -> bool | None:
        outcomes = [self._outcome(r, run) for r in self._earlier_rules(stage)]
        if any(o.status == FAIL and o.finding.severity in self._failing_severities for o in outcomes):
            return False
        if any(o.status == UNKNOWN for o in outcomes):
            return None
        return True

    def _earlier_rules(self, stage: str) -> tuple[Rule, ...]:
        return self._earlier[stage]

    # ------------------------------------------------------------ concluding

    def _conclude(self, run: "_Run") -> Conclusions:
        outcomes = [self._outcome(rule, run) for rule in self.ruleset.rules]
        derived = {key[1]: (value, self._derived_by[key[1]][0].id) for key, value in run.records.items() if key[0] == "derived"}
        by_status: dict[str, list[Outcome]] = {FAIL: [], UNKNOWN: [], PASS: [], NOT_APPLICABLE: []}
        for outcome in outcomes:
            by_status[outcome.status].append(outcome)
        return Conclusions(
            diagnoses=tuple(sorted(by_status[FAIL], key=self._order)),
            unknown=tuple(by_status[UNKNOWN]),
            passed=tuple(by_status[PASS]),
            not_applicable=tuple(by_status[NOT_APPLICABLE]),
            derived=dict(sorted(derived.items())),
        )

    def _outcome(self, rule: Rule, run: "_Run") -> Outcome:
        """One rule's outcome; computed once per diagnosis (the records it reads no longer change)."""
        outcome = run.outcomes.get(rule.id)
        if outcome is None:
            outcome = run.outcomes[rule.id] = self._decide(rule, run)
        return outcome

    def _decide(self, rule: Rule, run: "_Run") -> Outcome:
        """Combine the records of one rule three-valuedly (this runs for every rule of every diagnosis)."""
        applies_key, finding_keys = self._plans[rule.id]
        if applies_key is None:
            applies: bool | None = True
        else:
            applies = self._truth(run, applies_key)
            if applies is False:
                return Outcome(rule, NOT_APPLICABLE, because=self._because((rule.applies_when,), run, rule.stage))
        all_false = True
        undecided = []
        for finding, key in finding_keys:
            state = self._truth(run, key)
            if state is True and applies is True:  # findings are in priority order: the first that holds
                read = (finding.when,) if applies_key is None else (rule.applies_when, finding.when)
                return Outcome(rule, FAIL, finding=finding, because=self._because(read, run, rule.stage))
            if state is not False:
                all_false = False
                if state is None:
                    undecided.append(finding.when)
        if all_false:
            return Outcome(rule, PASS)  # nothing to report; explain.py re-walks the conditions when asked why
        if applies is None:
            undecided.insert(0, rule.applies_when)
        missing: list[str] = []
        for condition in undecided:
            missing += self._missing(rule, condition, run)
        return Outcome(rule, UNKNOWN, missing=tuple(dict.fromkeys(missing)))

    def _because(self, read: tuple[Condition, ...], run: "_Run", stage: str) -> tuple[Evidence, ...]:
        """The evidence of several conditions, each fact or reference once (first place wins), merged once per combination.

        An array a quantifier ranges over is shown as the items that decided it (those
        that hold for "some item", those that break "every item"), each reduced to the
        fields the quantifier reads; all items when none decided it.
        """
        key = tuple(map(id, read))
        sources = self._sources.get(key)
        if sources is None:
            merged: dict[tuple[str, str], tuple[str, ...]] = {}
            for condition in read:
                shape = self._shape(condition)
                for ref in shape.refs:
                    if "derived" in ref:
                        merged.setdefault(("derived", ref["derived"]), ())
                    else:
                        merged.setdefault(("stages", "earlier stages passed"), ())
                for path, steps in shape.evidence_paths:
                    merged.setdefault(("fact", path), steps)
            sources = self._sources[key] = (read, tuple((kind, name, steps) for (kind, name), steps in merged.items()))
        evidence: list[Evidence] = []
        quantifiers = self._quantifiers(read)
        for kind, name, steps in sources[1]:
            if kind == "fact":
                present, value = _lookup(run.facts, steps)
                if present:
                    if name in quantifiers and isinstance(value, list):
                        value = _deciding_items(value, quantifiers[name])
                    evidence.append(Evidence("fact", name, _canonical(value)))
            elif kind == "derived":
                evidence.append(Evidence("derived", name, run.records.get(("derived", name)), by=self._derived_by[name][0].id))
            else:
                evidence.append(Evidence("stages", name, run.gates.get(stage)))
        return tuple(evidence)

    def _quantifiers(self, read: tuple[Condition, ...]) -> dict[str, list[tuple[Condition, bool, tuple[str, ...]]]]:
        """Array path -> (where, existential, item fields read) for every quantifier in ``read``; memoised."""
        key = ("quantifiers", *map(id, read))
        found = self._sources.get(key)
        if found is None:
            found = {}
            for condition in read:
                for node in conditions.nodes(condition):
                    if "any_item" in node or "all_items" in node:
                        array = node.get("any_item", node.get("all_items"))
                        fields = tuple(dict.fromkeys(p.split("[].", 1)[1].split(".")[0]
                                                     for p in conditions.fact_paths(node) if "[]." in p))
                        found.setdefault(array, []).append((node["where"], "any_item" in node, fields))
            self._sources[key] = (read, found)
        else:
            found = found[1]
        return found

    def _missing(self, rule: Rule, condition: Condition, run: "_Run", seen: frozenset = frozenset()) -> list[str]:
        """Fact paths whose absence leaves ``condition`` undecided, following undecided derived facts to their rules."""
        shape = self._shape(condition)
        missing: list[str] = []
        for path in shape.paths:
            if path in run.absent:
                missing.append(run.absent[path])
        for ref in shape.refs:
            if "derived" in ref and ("derived", ref["derived"]) not in run.records and ref["derived"] not in seen:
                deriver, derivation = self._derived_by[ref["derived"]]
                missing += self._missing(deriver, derivation.when, run, seen | {ref["derived"]})
            elif "earlier_stages" in ref:
                for earlier in self._earlier_rules(rule.stage):
                    outcome = self._outcome(earlier, run)
                    if outcome.status == UNKNOWN:
                        missing += outcome.missing
        return missing


class _Run:
    """One diagnosis' inputs to concluding: the facts, the records so far, and the outcomes already computed."""

    __slots__ = ("records", "facts", "outcomes", "gates", "absent")

    def __init__(self, records: dict, facts: Mapping[str, Any], paths: tuple[str, ...] = ()):
        self.records = records
        self.facts = facts
        self.outcomes: dict[str, Outcome] = {}
        self.gates: dict[str, bool] = {}
        # every path any condition reads that is absent -> the path to report (an item field's whole
        # array when the array itself is absent); computed once, the facts do not change
        self.absent: dict[str, str] = {}
        for path in paths:
            found = _absent(facts, path)
            if found:
                self.absent[path] = found[0]


def _recorder(key: tuple[str, ...], value: bool):
    if key[0] == "derived":
        name = key[1]

        def derive(session: Session, context: Any) -> None:
            if ("derived", name) in session.records:
                return  # several conjuncts may fail at once: assert the derived fact once
            session.record(("derived", name), value)
            session.assert_derived({"kind": DERIVED, "id": f"derived:{name}", "name": name, "value": value})

        return derive

    def record(session: Session, context: Any) -> None:
        session.record(key, value)

    return record


IDENTITY_FIELDS = ("id", "name")
"""Item fields shown with every item in evidence, when the item has them, so a reader can tell items apart."""


def _deciding_items(items: list, quantifiers: list[tuple[Condition, bool, tuple[str, ...]]]) -> list:
    """The items that decided the quantifiers over them, reduced to identity and the fields read."""
    fields = tuple(dict.fromkeys(IDENTITY_FIELDS + tuple(f for _, _, fs in quantifiers for f in fs)))
    deciding = [item for item in items if isinstance(item, _Mapping) and any(
        evaluate_item(where, item) is existential for where, existential, _ in quantifiers)]
    return [{k: item[k] for k in fields if k in item} if isinstance(item, _Mapping) else item
            for item in (deciding or items)]


def _decided_by_one_fact(condition: Condition) -> bool:
    """Whether one present fact decides ``condition`` and its absence leaves it undecided.

    Not so with a quantifier, a presence test, or a version comparison (a present text
    that is no version, such as one with a component too large to order, is undecided).
    """
    paths = set(conditions.fact_paths(condition))
    return len(paths) == 1 and "[]" not in next(iter(paths)) and not any(
        "any_item" in node or "all_items" in node or "present" in node
        or ("fact" in node and conditions.operator_of(node).startswith("version_"))
        for node in conditions.nodes(condition))


def _absent(facts: Mapping[str, Any], path: str) -> list[str]:
    """``[path]`` if the path (or, for ``array[].field``, the field in some item) is absent."""
    if "[]." not in path:
        return [] if _lookup(facts, path.split("."))[0] else [path]
    array, field = path.split("[].", 1)
    present, items = _lookup(facts, array.split("."))
    if not present or not isinstance(items, list):
        return [array]
    steps = field.split(".")
    return [path] if any(not _lookup(item, steps)[0] for item in items) else []


def _canonical(value: Any) -> Any:
    """A fact value as evidence: objects inside it with their keys sorted, so that the report
    never depends on the key order of the user's file (arrays keep their order: it is data)."""
    if isinstance(value, (str, int, float)) or value is None:
        return value
    if isinstance(value, _Mapping):
        return {key: _canonical(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_canonical(item) for item in value]
    return value


def _lookup(document: Any, steps: tuple[str, ...]) -> tuple[bool, Any]:
    """``conditions.lookup`` over a pre-split path (the plain-dict test first: facts come from JSON)."""
    current = document
    for step in steps:
        if not (type(current) is dict or isinstance(current, _Mapping)) or step not in current:
            return False, None
        current = current[step]
    return True, current
