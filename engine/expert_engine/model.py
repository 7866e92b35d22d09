"""The values that flow between loading, inference and reporting."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any, Literal

from .conditions import Condition, derived_names, paths

Text = Mapping[str, str]
"""A text in several languages, keyed by language code ("en", "uk")."""


@dataclass(frozen=True)
class Severity:
    """A severity of the frame. A finding of a severity that ``fails`` makes the run fail; one that
    also ``blocks_later_stages`` (the default for failing severities) closes the gate of later stages."""

    name: str
    fails: bool
    blocks_later_stages: bool | None = None
    """None: as ``fails``. False lets a failing but non-blocking finding (a warning) leave later stages open."""

    @property
    def blocks(self) -> bool:
        """Whether a finding of this severity keeps rules that wait for the earlier stages from speaking."""
        return self.fails if self.blocks_later_stages is None else self.blocks_later_stages


@dataclass(frozen=True)
class Prior:
    """How common a finding's cause is among the causes of what it explains: a weight, cited or assumed."""

    weight: float
    source: str | None = None
    assumption: Text | None = None
    cause: str | None = None
    """The finding of the same rule that declares this cause's prior, when this finding is another form of that
    cause (``same_cause_as``): the cause is weighed once, however many findings describe it. None: its own."""


@dataclass(frozen=True)
class Claim:
    """A finding's claim to be one candidate cause of something observed (a derived fact, e.g. an event logged).

    When several failing findings claim the same observation and it holds, one of them reports it: the
    lowest ``rank`` (the likeliest cause), with the others as ranked candidates; none is hidden.
    """

    observed: str
    rank: int


@dataclass(frozen=True)
class Finding:
    """One way a rule can fail, with its own severity and texts."""

    id: str
    severity: str
    when: Condition
    diagnosis: Text
    remedy: Text
    links: tuple[str, ...] = ()
    provided: Condition | None = None
    """What the finding assumes besides ``when`` (e.g. a version); undecided, the finding still holds, provided that."""
    headline: Text | None = None
    """The problem in a few words (a heading), where ``Rule.title`` states the requirement; None: not written yet."""
    cause_of: Claim | None = None
    """The observation this finding names a cause of, shared with other findings that do (``Claim``)."""
    explains: tuple[Condition, ...] = ()
    """The observations the finding accounts for (conditions on the facts); none: it explains nothing in particular."""
    prior: Prior | None = None
    """How common the cause is among the causes of the observations it explains (None: no weight declared)."""

    disputes: tuple[str, ...] = ()
    """Fact paths this finding, when it holds, puts in dispute: other conclusions resting on them stay undecided."""

    def facts_read(self) -> tuple[str, ...]:
        """The fact paths the finding's condition and proviso read, once each; item fields as ``array[].field``."""
        tops = (self.when,) if self.provided is None else (self.when, self.provided)
        return tuple(dict.fromkeys(path for top in tops for path in paths(top)))


@dataclass(frozen=True)
class Derivation:
    """A named fact a rule concludes for other rules: true when ``when`` holds, false when it cannot."""

    name: str
    meaning: Text
    when: Condition


@dataclass(frozen=True)
class Rule:
    """One rule file: when it applies, its findings in priority order, the facts it derives."""

    id: str
    stage: str
    order: int
    origin: str
    source: Mapping[str, Any]
    title: Text
    findings: tuple[Finding, ...]
    derives: tuple[Derivation, ...] = ()
    applies_when: Condition | None = None
    not_applicable: Text | None = None
    file: str = ""

    def conditions(self) -> tuple[Condition, ...]:
        """Every top-level condition: the findings' (and their provisos), the derivations', then ``applies_when``."""
        tops = tuple(c for f in self.findings for c in (f.when, f.provided) if c is not None) + tuple(d.when for d in self.derives)
        return tops if self.applies_when is None else (*tops, self.applies_when)

    def derived_names(self) -> set[str]:
        """Names of the derived facts the rule's conditions refer to."""
        return {name for top in self.conditions() for name in derived_names(top)}

    def facts_read(self) -> tuple[str, ...]:
        """Every fact path the rule's own conditions read, once each; item fields as ``array[].field``."""
        return tuple(dict.fromkeys(path for top in self.conditions() for path in paths(top)))

    @cached_property
    def whole_facts_read(self) -> frozenset[str]:
        """The fact paths the rule's own conditions read, an array as a whole (its items' fields left out).

        Worked out once per rule value and kept in it: a rule edited and loaded again is another value."""
        return frozenset(path for path in self.facts_read() if "[]" not in path)


@dataclass(frozen=True)
class ReportOrder:
    """How diagnoses are listed: groups of severities one after the other, each sorted by ``within``.

    ``within`` names sort keys among ``stage``, ``severity`` and ``order`` (the requirement's
    order); the rule id breaks the remaining ties.
    """

    groups: tuple[tuple[str, ...], ...]
    within: tuple[str, ...]


@dataclass(frozen=True)
class ReachLevel:
    """How far a diagnosis reaches: ``says`` in words; items meeting ``when`` are at this level (None: every
    item left); a diagnosis at an ``advisory`` level fails nobody and is reported as advisory."""

    name: str
    says: Text
    when: Condition | None = None
    advisory: bool = False


@dataclass(frozen=True)
class BlastRadius:
    """The frame's declared blast radius: which diagnosis to start with.

    A diagnosis whose finding picks items of the array ``items`` (``any_item``) reaches only the items its
    evidence names, at the widest of their ``levels`` (listed widest first); any other reaches ``everyone``.
    """

    items: str
    everyone: ReachLevel
    levels: tuple[ReachLevel, ...]

    def ranked(self) -> tuple[ReachLevel, ...]:
        """Every level, widest first: ``everyone``, then the item levels."""
        return (self.everyone, *self.levels)


@dataclass(frozen=True)
class RuleSet:
    """The rules and the frame that orders them (stages, severities, languages, the report's order)."""

    name: str
    languages: tuple[str, ...]
    stages: tuple[str, ...]
    severities: tuple[Severity, ...]
    rules: tuple[Rule, ...]
    order: ReportOrder | None = None
    """None: one group of every severity, sorted by severity, stage, then the requirement's order."""
    blast_radius: BlastRadius | None = None
    """None: every diagnosis reaches everyone; the report starts with its first blocking diagnosis."""
    constants: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    """The frame's named constants (``constants.py``): name -> a value or a text, already filled into the rules."""
    constants_checked: str | None = None
    """When the constants were last compared with their sources (``YYYY-MM-DD``), as the frame says."""

    def severity(self, name: str) -> Severity:
        """The frame's severity called ``name``."""
        return next(s for s in self.severities if s.name == name)

    def rule(self, rule_id: str) -> Rule:
        """The rule with id ``rule_id``."""
        return next(r for r in self.rules if r.id == rule_id)

    @cached_property
    def observations(self) -> tuple[tuple[Condition, tuple[tuple[Rule, Finding], ...]], ...]:
        """Every observation the findings explain (``explains``), once each in rule set order, with the
        findings that explain it (built once per rule set)."""
        found: dict[Condition, list[tuple[Rule, Finding]]] = {}
        for rule in self.rules:
            for finding in rule.findings:
                for condition in finding.explains:
                    found.setdefault(condition, []).append((rule, finding))
        return tuple((condition, tuple(who)) for condition, who in found.items())

    @cached_property
    def observed_facts(self) -> frozenset[str]:
        """The fact paths the declared observations read (item fields as ``array[].field``)."""
        return frozenset(path for condition, _ in self.observations for path in paths(condition))

    @cached_property
    def derivations(self) -> Mapping[str, tuple[Rule, Derivation]]:
        """Derived fact name -> the rule deriving it and its derivation (built once per rule set)."""
        return MappingProxyType({d.name: (rule, d) for rule in self.rules for d in rule.derives})


@dataclass(frozen=True)
class Evidence:
    """One fact a conclusion rests on.

    ``kind`` is ``fact`` (a path of the facts document and its value), ``derived`` (a
    derived fact, its value and the rule that derived it) or ``stages`` (the outcome of
    the earlier stages).
    """

    kind: Literal["fact", "derived", "stages"]
    name: str
    value: Any
    by: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The evidence as it appears in the JSON report: ``{kind: name, "value": value, "by"?: rule}``."""
        data: dict[str, Any] = {self.kind: self.name, "value": self.value}
        if self.by is not None:
            data["by"] = self.by
        return data


@dataclass(frozen=True)
class Proviso:
    """A condition a failing verdict still assumes: undecided, with the absent facts that would settle it.

    ``kind`` is ``applies`` (the rule's ``applies_when``) or ``provided`` (the finding's own proviso).
    """

    kind: Literal["applies", "provided"]
    condition: Condition
    missing: tuple[str, ...]


Status = Literal["fail", "pass", "unknown", "not_applicable"]
FAIL: Status = "fail"
PASS: Status = "pass"
UNKNOWN: Status = "unknown"
NOT_APPLICABLE: Status = "not_applicable"


@dataclass(frozen=True)
class Outcome:
    """What one rule concluded about one facts document.

    ``because`` holds the facts a ``fail`` or ``not_applicable`` rests on; ``missing``
    the absent facts that leave an ``unknown`` undecided. A ``fail`` whose finding
    definitely holds while the rule's applicability (or the finding's proviso) is still
    undecided carries those conditions in ``provided``: it fails, provided that they hold.
    """

    rule: Rule
    status: Status
    finding: Finding | None = None
    because: tuple[Evidence, ...] = ()
    missing: tuple[str, ...] = ()
    provided: tuple[Proviso, ...] = ()


@dataclass(frozen=True)
class Conclusions:
    """Every rule's outcome, diagnoses in report order, plus what the run concluded on the way.

    ``derived`` maps each decided derived fact to ``(value, id of the rule that derived
    it)``; ``gates`` maps each stage whose rules wait for the earlier stages to whether
    those passed (None: undecided); ``derivations`` is the rule set's index of who
    derives what. Explanations read these rather than working them out again.
    """

    diagnoses: tuple[Outcome, ...]
    unknown: tuple[Outcome, ...]
    passed: tuple[Outcome, ...]
    not_applicable: tuple[Outcome, ...]
    derived: Mapping[str, tuple[bool, str]] = field(default_factory=lambda: MappingProxyType({}))
    gates: Mapping[str, bool | None] = field(default_factory=lambda: MappingProxyType({}))
    derivations: Mapping[str, tuple[Rule, Derivation]] = field(default_factory=lambda: MappingProxyType({}))
    reach: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Rule id of each diagnosis -> the name of the blast-radius level it reaches."""
    advisory: frozenset[str] = frozenset()
    """Rule ids of the diagnoses at an advisory level: listed with the advisory ones, failing nobody."""
    owners: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    """Rule id of a diagnosis that reports a shared observation -> the other diagnoses claiming it, likeliest first."""
    start: str | None = None
    """Rule id of the diagnosis to start with: blocking first, then the widest reach, then the most severe."""
    observed: tuple[Any, ...] | None = field(default=None, compare=False, repr=False)
    """What ``observations.observe`` gives for these conclusions and the facts they were drawn from, as the engine
    worked it out (its ``Observed`` entries), so that a report need not observe again; None: not worked out."""

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        """Every outcome: diagnoses, unknown, passed, not applicable."""
        return self.diagnoses + self.unknown + self.passed + self.not_applicable
