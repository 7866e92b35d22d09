"""Running a compiled rule set on one facts document and combining what fired into one outcome per rule.

durable-rules runs the compiled rules that fire a finding or derive a fact (``left_out.py``;
``compile.py`` compiles them). Python here precomputes what durable-rules cannot compute
(version keys, array lengths), records which compiled rule fired, decides the other sides
as what their rules would have matched (``left_out.py``) and in the closed world the sides
that durable-rules cannot express (or that one present fact decides, see ``compile.py``),
asserts the stage gates in stage order, and combines the records three-valuedly into one
outcome per rule. Evidence and missing facts are ``evidence.py``'s.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from . import disputes
from .arrange import arrange
from .compile import (
    DERIVED,
    DOC,
    FACTS,
    GATE,
    LENGTHS,
    TIMELINES,
    VERSIONS,
    Compiled,
    RecordKey,
    compile_ruleset,
    derived_key,
    precomputed,
)
from .evidence import EvidencePlan, absent_in, absent_plan, because, missing, plan
from .left_out import left_out, registered
from .model import (
    FAIL,
    NOT_APPLICABLE,
    PASS,
    UNKNOWN,
    Conclusions,
    Evidence,
    Outcome,
    Proviso,
    Rule,
    RuleSet,
    Status,
)
from .nodes import one_document
from .observations import conclude, observing
from .ordering import diagnosis_order
from .outcome_plan import OutcomePlan, ValueIds, Values
from .projection import project
from .session import Action, DurableRuleset, Session


@contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a rule set's many long-lived objects are built.

    Each full collection walks every object alive, and building thousands of conditions and
    closures sets off many: compiling 1,000 rules took 0.68 s with it and 0.25 s without
    (measured). Nothing built here is garbage; the collector's previous state is restored.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class InferenceEngine:
    """A rule set compiled once onto durable-rules; ``diagnose`` runs it on one facts document."""

    def __init__(self, ruleset: RuleSet):
        self.ruleset = ruleset
        with collection_paused():
            self.compiled: Compiled = compile_ruleset(ruleset)
            run_by_durable = registered(self.compiled)
            self._durable: DurableRuleset[RecordKey] = DurableRuleset(
                {name: (definition, _action(key, value)) for name, (definition, key, value) in run_by_durable.items()})
        self._absent = absent_plan(self.compiled.paths)
        self._left_out = left_out(self.compiled, {rule.id: rule.stage for rule in ruleset.rules})
        """The compiled rules durable-rules does not run, as Python (``left_out.py``)."""
        self._blocking_severities = {s.name for s in ruleset.severities if s.blocks}
        # the rules a later stage waits for: those of earlier stages that can end in a blocking finding
        self._earlier = {stage: tuple(r for r in ruleset.rules if ruleset.stages.index(r.stage) < index
                                      and any(f.severity in self._blocking_severities for f in r.findings))
                         for index, stage in enumerate(ruleset.stages)}
        self._evidence: dict[tuple[RecordKey, ...], EvidencePlan] = {}
        self._order = diagnosis_order(ruleset)
        self._acyclic = _acyclic(ruleset, self.compiled)
        self.observing = observing(ruleset)
        """The rule set's observations as functions (``observations.observe``)."""
        self._resting: dict[tuple[str, str, str], tuple[str, ...]] = {}
        """(rule, status, finding) -> the facts such an outcome rests on (``disputes.settle``)."""
        recordable = {key for _, key, _ in run_by_durable.values()} | set(self.compiled.closed_world)
        self._values = ValueIds(sorted({path.split("[]")[0] for path in self.compiled.paths}))
        """Every fact outcome keys read, and its values seen, as numbers (``outcome_plan.py``)."""
        self._plans = {rule.id: OutcomePlan(rule, self.compiled, ruleset.derivations, recordable.__contains__, self._values)
                       for rule in ruleset.rules}

    # ------------------------------------------------------------ running

    def diagnose(self, facts: Mapping[str, Any]) -> Conclusions:
        """Assert ``facts`` (already validated), let the rules chain, and return ordered conclusions."""
        with one_document():
            return self._diagnose(facts)

    def _diagnose(self, facts: Mapping[str, Any]) -> Conclusions:
        versions, lengths, timelines = precomputed(self.compiled, facts)
        view = project(facts, self.compiled.projection)
        document = {"kind": DOC, "id": DOC, FACTS: project(view, self.compiled.durable_projection),
                    VERSIONS: versions, LENGTHS: lengths, TIMELINES: timelines}
        with self._durable.session() as session:
            session.assert_fact(document)
            run = _Run(session.records, facts, view, absent_in(view, self._absent), self._acyclic)
            run.values = self._values.read(facts)
            run.earlier = lambda stage: self._earlier_missing(stage, run)
            self._close_derivations(session, run)
            for stage in self.ruleset.stages:
                if stage in self.compiled.gated_stages:
                    self._open_gate(stage, session, run)
        conclusions = self._conclude(run)
        return conclude(self.ruleset, conclusions, facts, self.observing) if self.ruleset.observations else conclusions

    def _open_gate(self, stage: str, session: Session[RecordKey], run: _Run) -> None:
        """Assert whether every stage before ``stage`` passed, once that is decided, for the rules that wait for it."""
        passed = self._earlier_stages_passed(stage, run)
        run.gates[stage] = passed
        if passed is None:
            return
        derived_before = sum(1 for key in run.records if key.kind == "derived")
        session.assert_fact({"kind": GATE, "id": f"gate:{stage}", "stage": stage, "passed": passed})
        if sum(1 for key in run.records if key.kind == "derived") != derived_before:
            # a derived fact changed: any outcome may have; otherwise only this stage's rules
            # (never computed yet) gained records, and the earlier outcomes stand
            run.outcomes.clear()
            run.earlier_missing.clear()
            if run.derived_missing is not None:
                run.derived_missing.clear()

    def _close_derivations(self, session: Session[RecordKey], run: _Run) -> None:
        """Decide by the closed world the derivations durable-rules left open, and assert them, until none is left.

        A derived fact decided this way may decide another (that reads it): hence the loop.
        """
        changed = True
        while changed:
            changed = False
            for key in self.compiled.closed_world:
                if key.kind != "derived" or key in run.records:
                    continue
                value = self._truth(run, key)
                if value is not None:
                    session.record(key, value)
                    session.assert_fact({"kind": DERIVED, "id": f"derived:{key.name}", "name": key.name, "value": value})
                    changed = True

    def _truth(self, run: _Run, key: RecordKey) -> bool | None:
        """The three-valued truth of a compiled condition: its record, else the closed world's verdict.

        A side that durable-rules does not match is decided by the closed world: when the
        other side did not match, every reference is decided and every fact read is present.
        """
        truth = run.records.get(key)
        if truth is not None:
            return truth
        matched = self._left_out.get(key)
        if matched is not None:
            truth = matched(run.view, run.derived_values(), run.gates.get)
            if truth is not None:
                return truth
        closed = self.compiled.closed_world.get(key)
        if closed is None:
            return None
        shape = closed.shape
        if shape.gated or any(key not in run.records for key in shape.derived):
            # a reference is undecided: the conjunction still fails when its document part does (Kleene)
            if closed.side is False and shape.truth(run.view, run.derived_values()) is False:
                return False
            return None
        if not run.absent.keys().isdisjoint(shape.paths):
            # a fact it reads is absent: decided only if the absent facts do not matter (Kleene),
            # so that an explanation never shows a decided condition behind an undecided outcome
            return closed.side if shape.truth(run.view, run.derived_values()) is closed.side else None
        return closed.side

    def _earlier_stages_passed(self, stage: str, run: _Run) -> bool | None:
        """False when an earlier stage has a definite blocking diagnosis, None when one is undecided, else True.

        Only rules that can end in a blocking finding count (``Severity.blocks``): a warning, or a
        rule that could give no more than a warning, never holds a later stage back.

        A failing diagnosis that holds only provided that something still unknown holds leaves
        the gate undecided: learning that the proviso fails must not reopen what the gate closed.
        """
        outcomes = [self._outcome(r, run) for r in self._earlier[stage]]
        blocking = [o for o in outcomes
                    if o.status == FAIL and o.finding is not None and o.finding.severity in self._blocking_severities]
        if any(not o.provided for o in blocking):
            return False
        if blocking or any(o.status == UNKNOWN for o in outcomes):
            return None
        return True

    # ------------------------------------------------------------ concluding

    def _conclude(self, run: _Run) -> Conclusions:
        derivations = self.ruleset.derivations
        outcomes = disputes.settle([self._outcome(rule, run) for rule in self.ruleset.rules], derivations, self._resting)
        derived = {key.name: (value, derivations[key.name][0].id) for key, value in run.records.items() if key.kind == "derived"}
        by_status: dict[Status, list[Outcome]] = {FAIL: [], UNKNOWN: [], PASS: [], NOT_APPLICABLE: []}
        for outcome in outcomes:
            by_status[outcome.status].append(outcome)
        diagnoses, reach, advisory, owners, start = arrange(
            sorted(by_status[FAIL], key=self._order), self.ruleset, run.facts, derived,
            lambda moved: diagnosis_order(self.ruleset, moved))
        return Conclusions(
            diagnoses=diagnoses,
            unknown=tuple(by_status[UNKNOWN]),
            passed=tuple(by_status[PASS]),
            not_applicable=tuple(by_status[NOT_APPLICABLE]),
            derived=dict(sorted(derived.items())),
            gates=dict(run.gates),
            derivations=derivations,
            reach=reach,
            advisory=advisory,
            owners=owners,
            start=start,
        )

    def _outcome(self, rule: Rule, run: _Run) -> Outcome:
        """One rule's outcome; computed once per diagnosis (the records it reads no longer change), and
        taken from ``_plans`` when an earlier diagnosis decided the rule on the same inputs."""
        outcome = run.outcomes.get(rule.id)
        if outcome is None:
            plan = self._plans[rule.id]
            inputs = plan.inputs(run.records, run.values, run.gates.get(rule.stage), run.earlier)
            if inputs is None:
                outcome = self._decide(rule, run)
            else:
                outcome = plan.recall(inputs, run.earlier)
                if outcome is None:
                    read = run.earlier_read
                    outcome = self._decide(rule, run)
                    outcome = plan.remember(inputs, outcome, run.earlier if run.earlier_read != read else None)
            run.outcomes[rule.id] = outcome
        return outcome

    def _decide(self, rule: Rule, run: _Run) -> Outcome:
        """Combine the records of one rule three-valuedly (this runs for every rule of every diagnosis).

        Not applicable when ``applies_when`` fails. A finding counts when its ``when`` holds
        and its proviso (``provided``) does not fail. The rule fails with the first counting
        finding (in priority order) whose applicability and proviso hold; else with the first
        whose applicability or proviso is still undecided, *provided that* they hold (a
        finding that holds is never withheld: only a definite "does not apply" suppresses
        it). A rule that waits for the earlier stages is the exception: while they are
        undecided it waits (unknown), since it speaks only once they have passed. It passes
        when no finding can hold; otherwise it is unknown, with the facts whose absence
        leaves it so.
        """
        plan = self.compiled.plans[rule.id]
        applies: bool | None = True
        if plan.applies is not None:
            applies = self._truth(run, plan.applies)
            if applies is False:
                return Outcome(rule, NOT_APPLICABLE, because=self._because(rule, (plan.applies,), run))
        all_false = True
        undecided: list[RecordKey] = []
        provisional: tuple[int, bool | None] | None = None
        for index, key in enumerate(plan.findings):
            state = self._truth(run, key)
            proviso = plan.provided[index] if plan.provided else None
            assumed: bool | None = True if proviso is None else self._truth(run, proviso)
            if state is True and assumed is True and applies is True:
                return self._failing(rule, index, run, assumed)
            if state is True and assumed is not False and provisional is None:
                provisional = (index, assumed)
            if state is False or assumed is False:
                continue
            all_false = False
            undecided += [key] if state is None else []
            undecided += [proviso] if proviso is not None and assumed is None else []
        waits = applies is None and plan.applies is not None and self.compiled.shapes[plan.applies].gated \
            and run.gates.get(rule.stage) is None
        if provisional is not None and not waits:
            return self._failing(rule, provisional[0], run, provisional[1], applies)
        if all_false:
            return Outcome(rule, PASS)  # passed rules carry no evidence; explain.py shows why when asked
        if applies is None and plan.applies is not None:
            undecided.insert(0, plan.applies)
        return Outcome(rule, UNKNOWN, missing=self._missing(rule, undecided, run))

    def _failing(self, rule: Rule, index: int, run: _Run, assumed: bool | None,
                 applies: bool | None = True) -> Outcome:
        """The failing outcome of finding ``index``: its evidence, and what it still assumes (``provided``)."""
        plan = self.compiled.plans[rule.id]
        finding, key = rule.findings[index], plan.findings[index]
        proviso = plan.provided[index] if plan.provided else None
        read: tuple[RecordKey, ...] = (key,) if plan.applies is None else (plan.applies, key)
        if proviso is not None and assumed is True:
            read = (*read, proviso)
        provided: list[Proviso] = []
        if applies is None and plan.applies is not None and rule.applies_when is not None:
            provided.append(Proviso("applies", rule.applies_when, self._missing(rule, [plan.applies], run)))
            read = tuple(k for k in read if k != plan.applies)
        if assumed is None and proviso is not None and finding.provided is not None:
            provided.append(Proviso("provided", finding.provided, self._missing(rule, [proviso], run)))
        return Outcome(rule, FAIL, finding=finding, because=self._because(rule, read, run), provided=tuple(provided))

    def _missing(self, rule: Rule, undecided: list[RecordKey], run: _Run) -> tuple[str, ...]:
        """The absent facts that leave the conditions recorded under ``undecided`` undecided, once each."""
        found: list[str] = []
        for key in undecided:
            found += missing(key, rule.stage, self.compiled.shapes, run.absent, run.records, self.ruleset.derivations,
                             run.earlier, facts=run.view, opened=run.opened,
                             derived_missing=run.derived_missing)
        return tuple(dict.fromkeys(found))

    def _because(self, rule: Rule, read: tuple[RecordKey, ...], run: _Run) -> tuple[Evidence, ...]:
        """The evidence of a verdict that read the conditions recorded under ``read``."""
        evidence_plan = self._evidence.get(read)
        if evidence_plan is None:
            evidence_plan = self._evidence[read] = plan([self.compiled.shapes[key] for key in read])
        return because(evidence_plan, run.facts, run.records, run.gates.get(rule.stage), self.ruleset.derivations)

    def _earlier_missing(self, stage: str, run: _Run) -> list[str]:
        """The missing facts of the undecided rules of the stages before ``stage``, each once, in order.

        Every undecided rule of ``stage`` that waits for the earlier stages lists them: worked out
        once per stage and diagnosis (and again only if a derived fact changes the outcomes)."""
        run.earlier_read += 1
        found = run.earlier_missing.get(stage)
        if found is None:
            collected: list[str] = []
            for earlier in self._earlier[stage]:
                outcome = self._outcome(earlier, run)
                if outcome.status == UNKNOWN:
                    collected += outcome.missing
            found = run.earlier_missing[stage] = list(dict.fromkeys(collected))
        return found


class _Run:
    """One diagnosis' inputs to concluding: the facts, the records so far, the stage gates and the outcomes computed."""

    __slots__ = ("absent", "derived", "derived_missing", "earlier", "earlier_missing", "earlier_read", "facts", "gates", "opened",
                 "outcomes", "records", "values", "view")

    def __init__(self, records: dict[RecordKey, bool], facts: Mapping[str, Any], view: Mapping[str, Any],
                 absent: dict[str, str], acyclic: bool = False):
        self.records = records
        self.facts = facts
        """The facts document, as given: what evidence shows."""
        self.view = view
        """What of it the conditions read (``projection.py``): what conditions are evaluated on."""
        self.absent = absent
        """Every path a condition reads that is absent -> the path to report (the facts never change)."""
        self.outcomes: dict[str, Outcome] = {}
        self.earlier_missing: dict[str, list[str]] = {}
        """Stage -> the missing facts of the earlier stages' undecided rules (``_earlier_missing``)."""
        self.gates: dict[str, bool | None] = {}
        self.opened: dict[RecordKey, set[str]] = {}
        """Condition -> the paths its undecided parts read (``evidence.missing``; depends on the facts alone)."""
        self.derived_missing: dict[RecordKey, list[str]] | None = {} if acyclic else None
        """Derived fact -> the missing facts that leave it undecided (``evidence.missing``)."""
        self.derived: tuple[int, dict[str, bool]] = (-1, {})
        """The derived facts' values, as of the number of records they were read at."""
        self.values: Values = ([], frozenset())
        """The facts as parts of the keys outcomes are remembered under (``ValueIds.read``, ``OutcomePlan.inputs``)."""
        self.earlier: Callable[[str], list[str]] = lambda stage: []
        """``InferenceEngine._earlier_missing`` of this diagnosis."""
        self.earlier_read = 0
        """How many times ``earlier`` was read: whether deciding an outcome read it (``OutcomePlan.remember``)."""

    def derived_values(self) -> dict[str, bool]:
        """Derived fact name -> value, as recorded so far (read again only when the records grew)."""
        if self.derived[0] != len(self.records):
            self.derived = (len(self.records), {k.name: v for k, v in self.records.items() if k.kind == "derived"})
        return self.derived[1]


def _acyclic(ruleset: RuleSet, compiled: Compiled) -> bool:
    """Whether no derived fact depends on itself through the derivations that read other derived facts."""
    reads = {name: {key.name for key in compiled.shapes[derived_key(name)].derived} for name in ruleset.derivations}
    state: dict[str, int] = {}  # 1: being visited, 2: done

    def visit(name: str) -> bool:
        if state.get(name) == 2:
            return True
        if state.get(name) == 1:
            return False
        state[name] = 1
        if not all(visit(other) for other in reads.get(name, ()) if other in reads):
            return False
        state[name] = 2
        return True

    return all(visit(name) for name in sorted(reads))


def _action(key: RecordKey, value: bool) -> Action[RecordKey]:
    """The action of a compiled rule: record what it decided; a derived fact is also asserted, once."""
    if key.kind == "derived":
        name = key.name

        def derive(session: Session[RecordKey], fired: str) -> None:
            if key in session.records:
                return  # several conjuncts may fail at once: assert the derived fact once
            session.record(key, value)
            session.assert_derived({"kind": DERIVED, "id": f"derived:{name}", "name": name, "value": value})

        return derive

    def record(session: Session[RecordKey], fired: str) -> None:
        session.record(key, value)

    return record
