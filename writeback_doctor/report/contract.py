"""The report contract: what one diagnosis concluded, as frozen values with one JSON form.

Renderers, the interview, ``batch`` and the tests read these fields; nothing works a rule's
status back out of a dict. ``Report.to_json`` is the stable contract of ``diagnose
--format json``: its keys and their order are those of the shipped examples' output.
Provenance stays ``Source`` objects here and becomes JSON only in ``to_json``.

The values are ``NamedTuple``s: immutable like frozen dataclasses, and about ten times
cheaper to define, which a command that starts for every diagnosis notices (bench/run.py).
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any, Mapping, NamedTuple, TypeAlias

from expert_engine import FAIL, NOT_APPLICABLE, PASS, UNKNOWN, Evidence, Finding, Rule
from writeback_doctor.report.metadata import Metadata
from writeback_doctor.sources.model import Conflict, Refused, Source

if TYPE_CHECKING:  # loaded only when explanations are asked for (a plain diagnosis does not import it)
    from expert_engine.explain import OutcomeExplanation

Explanation: TypeAlias = "OutcomeExplanation"
"""How the engine reached an outcome (``expert_engine.explain``), typed; its ``source`` values are ``Source``
tuples, its JSON form is ``to_json`` (``plain`` turns the sources into JSON too)."""

Sources = tuple[Source, ...]


class Verdict(str, Enum):
    """The three answers a report gives as a whole."""

    PROBLEMS = "problems"
    """At least one diagnosis of a failing severity."""
    HEALTHY = "healthy"
    """Nothing fails, and every check that could fail is decided."""
    INCONCLUSIVE = "inconclusive"
    """Nothing fails in what is known, but checks that could fail remain undecided."""


class Because(NamedTuple):
    """One fact a conclusion rests on, with where it came from (``sources`` None: provenance not tracked)."""

    evidence: Evidence
    sources: Sources | None = None

    def to_json(self) -> dict[str, Any]:
        data = self.evidence.as_dict()
        if self.sources is not None:
            data["source"] = [s.as_dict() for s in self.sources]
        return data


class ProvidedThat(NamedTuple):
    """A condition a diagnosis still assumes (the rule's applicability, or the finding's proviso), in words,
    with the questions whose answers confirm it or take the diagnosis back."""

    condition: str
    questions: tuple[Question, ...]

    def to_json(self) -> dict[str, Any]:
        return {"condition": self.condition, "questions": [{"path": q.path, "question": q.question} for q in self.questions]}


class Diagnosis(NamedTuple):
    """A rule that fails: always with the finding that holds, its texts in the report's language.

    ``provided``: the conditions still to confirm when the finding holds but whether the
    rule applies (or the finding's proviso) is undecided; empty when the diagnosis is definite.
    ``title`` is the requirement (what should be true); ``headline`` the problem in a few
    words, what every view shows as the diagnosis' heading.
    """

    rule: Rule
    finding: Finding
    title: str
    diagnosis: str
    remedy: str
    because: tuple[Because, ...]
    explanation: Explanation | None = None
    provided: tuple[ProvidedThat, ...] = ()
    headline: str = ""
    reach: str = ""
    """Whom the diagnosis affects, in words (the frame's blast radius); empty: not declared."""
    reach_level: str = ""
    """The name of that blast-radius level (``everyone``, ``test_user``, ...)."""
    advisory: bool = False
    """At an advisory level (e.g. users writeback never carries): fails nobody, listed with the notes."""
    candidates: tuple[str, ...] = ()
    """The other diagnoses that claim the same observation as their cause, likeliest first; this one reports it."""
    observed: str = ""
    """The observation this diagnosis reports with its candidates, in words (empty: it shares none)."""
    reported_by: str = ""
    """The rule id of the diagnosis that reports this one as a candidate cause (empty: it is listed itself)."""
    fails: bool = True
    """Of a failing severity and not advisory: it counts as a problem (exit status 1)."""

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def severity(self) -> str:
        return self.finding.severity

    @property
    def stage(self) -> str:
        return self.rule.stage

    @property
    def heading(self) -> str:
        """What a heading says: the headline, else (a rule written before headlines) the requirement's title."""
        return self.headline or self.title

    @property
    def read_more(self) -> tuple[str, ...]:
        """The finding's links, else the rule's citation: what a reader opens to learn more."""
        return self.finding.links or (str(self.rule.source["url"]),)

    def to_json(self) -> dict[str, Any]:
        data = {
            "id": self.rule.id,
            "finding": self.finding.id,
            "stage": self.rule.stage,
            "severity": self.finding.severity,
            "origin": self.rule.origin,
            "title": self.title,
            "headline": self.heading,
            "diagnosis": self.diagnosis,
            "remedy": self.remedy,
            "links": list(self.finding.links),
            "source": self.rule.source["url"],
            "because": [b.to_json() for b in self.because],
        }
        if self.provided:
            data["provided_that"] = [p.to_json() for p in self.provided]
        if self.reach_level:
            data["reach"] = self.reach_level
        if self.advisory:
            data["advisory"] = True
        if self.candidates:
            data["observed"] = self.observed
            data["candidates"] = list(self.candidates)
        if self.reported_by:
            data["reported_by"] = self.reported_by
        return _with_explanation(data, self.explanation)


class Question(NamedTuple):
    """What to ask to learn one missing fact; ``decides``: the undecided rules waiting for it."""

    path: str
    question: str
    decides: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "question": self.question, "decides": list(self.decides)}


class Suspect(NamedTuple):
    """A cause consistent with an observation (its finding explains it and is still undecided), how common it
    is (``prior``), and the questions whose answers decide it."""

    rule: Rule
    finding: Finding
    title: str
    prior: float
    questions: tuple[Question, ...]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.rule.id, "finding": self.finding.id, "title": self.title, "prior": self.prior,
                "questions": [q.path for q in self.questions]}


class Observation(NamedTuple):
    """Something the facts show (a reported code, a logged reason, a change), and where its explanations stand:
    the findings that hold (``explained_by``: rule ids), the causes still consistent with it (``suspects``), and
    the explanations already ruled out (``checked``: rule ids). Neither explained nor suspected: unexplained."""

    observation: str
    explained_by: tuple[str, ...]
    suspects: tuple[Suspect, ...]
    checked: tuple[str, ...]
    note: str = ""

    @property
    def unexplained(self) -> bool:
        return not self.explained_by and not self.suspects

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"observation": self.observation}
        if self.unexplained:
            data.update({"checked": list(self.checked), "note": self.note})
            return data
        data.update({"explained_by": list(self.explained_by), "consistent_with": [s.to_json() for s in self.suspects],
                     "ruled_out": list(self.checked)})
        return data


class Unknown(NamedTuple):
    """A rule left undecided, the absent facts that leave it so, and the questions that would settle it."""

    rule: Rule
    title: str
    missing: tuple[str, ...]
    questions: tuple[Question, ...]
    explanation: Explanation | None = None
    holds_back: bool = True
    """Whether it could end in a finding that holds later stages back (a warning-only rule does not)."""

    @property
    def id(self) -> str:
        return self.rule.id

    def to_json(self) -> dict[str, Any]:
        data = {"id": self.rule.id, "stage": self.rule.stage, "title": self.title, "missing": list(self.missing),
                "questions": [{"path": q.path, "question": q.question} for q in self.questions]}
        return _with_explanation(data, self.explanation)


class NotApplicable(NamedTuple):
    """A rule that definitely does not apply, and why."""

    rule: Rule
    reason: str
    because: tuple[Because, ...]
    explanation: Explanation | None = None

    @property
    def id(self) -> str:
        return self.rule.id

    def to_json(self) -> dict[str, Any]:
        data = {"id": self.rule.id, "reason": self.reason, "because": [b.to_json() for b in self.because]}
        return _with_explanation(data, self.explanation)


class Passed(NamedTuple):
    """A rule none of whose findings holds."""

    rule: Rule
    explanation: Explanation | None = None

    @property
    def id(self) -> str:
        return self.rule.id


class Derived(NamedTuple):
    """A fact the rules concluded, and the rule that did."""

    value: bool
    by: str


class Summary(NamedTuple):
    """How many rules ended in each outcome; ``failing`` counts diagnoses of a failing severity (rules), ``problems``
    and ``notes`` the diagnoses as the report lists them (candidate causes under the one that reports them)."""

    failing: int
    advisory: int
    unknown: int
    passed: int
    not_applicable: int
    undecided_could_fail: int = 0
    """Undecided rules with at least one finding of a failing severity (what makes a report inconclusive)."""
    listed_problems: int | None = None
    """The problems as the report lists them: failing diagnoses that no other reports as a candidate cause
    (one observation with three candidate causes is one problem); None: as ``failing``."""
    listed_notes: int | None = None
    """The notes as the report lists them (advisory diagnoses and notes, candidates apart); None: as ``advisory``."""

    @property
    def problems(self) -> int:
        """How many problems the report lists (``listed_problems``; the failing rules when not recorded)."""
        return self.failing if self.listed_problems is None else self.listed_problems

    @property
    def notes(self) -> int:
        """How many notes the report lists (``listed_notes``; the advisory rules when not recorded)."""
        return self.advisory if self.listed_notes is None else self.listed_notes

    @property
    def checks(self) -> int:
        """Every rule of the rule set."""
        return self.failing + self.advisory + self.unknown + self.passed + self.not_applicable

    @property
    def verdict(self) -> Verdict:
        if self.failing:
            return Verdict.PROBLEMS
        return Verdict.INCONCLUSIVE if self.undecided_could_fail else Verdict.HEALTHY

    def to_json(self) -> dict[str, int]:
        return {"failing": self.failing, "advisory": self.advisory, "unknown": self.unknown,
                "passed": self.passed, "not_applicable": self.not_applicable,
                "problems": self.problems, "notes": self.notes}

    def counts(self) -> dict[str, int]:
        """The counts and the totals the report's headline quotes (``problems``, ``notes``: as listed)."""
        return {**self.to_json(), "checks": self.checks}


class Report(NamedTuple):
    """Every rule's outcome for one facts document, diagnoses in report order, in one language."""

    lang: str
    summary: Summary
    diagnoses: tuple[Diagnosis, ...]
    unknown: tuple[Unknown, ...]
    passed: tuple[Passed, ...]
    not_applicable: tuple[NotApplicable, ...]
    derived: Mapping[str, Derived]
    questions: tuple[Question, ...]
    explained: bool = False
    conflicts: tuple[Conflict, ...] = ()
    metadata: Metadata | None = None
    """What makes the report traceable (tool, version, rule-set hash, time, inputs); None: not recorded."""
    start: str | None = None
    """The rule id of the diagnosis to start with (blocking, widest reach, most severe); None: nothing blocks."""
    observations: tuple[Observation, ...] = ()
    """What the facts show that findings explain (symptoms), with the causes consistent with each; empty without."""

    @property
    def suspects(self) -> tuple[Observation, ...]:
        """The observations some undecided cause is consistent with (none holds yet)."""
        return tuple(o for o in self.observations if o.suspects and not o.explained_by)

    @property
    def unexplained(self) -> tuple[Observation, ...]:
        """The observations no finding explains: none declares them, or every one that does is ruled out."""
        return tuple(o for o in self.observations if o.unexplained)
    refused: tuple[Refused, ...] = ()
    """Files that could not be used, and why: the report is built from the rest, and says so at its top."""

    @property
    def verdict(self) -> Verdict:
        return self.summary.verdict

    def status_of(self, rule_id: str) -> str:
        """The outcome of one rule: ``fail``, ``unknown``, ``not_applicable`` or ``pass`` (KeyError: no such rule)."""
        return self.statuses()[rule_id]

    def statuses(self) -> dict[str, str]:
        """Rule id -> its outcome, for every rule."""
        result: dict[str, str] = {d.id: FAIL for d in self.diagnoses}
        result.update({u.id: UNKNOWN for u in self.unknown})
        result.update({n.id: NOT_APPLICABLE for n in self.not_applicable})
        result.update({p.id: PASS for p in self.passed})
        return result

    def diagnosis(self, rule_id: str) -> Diagnosis | None:
        return next((d for d in self.diagnoses if d.id == rule_id), None)

    def listed(self) -> tuple[Diagnosis, ...]:
        """The diagnoses as the report numbers them: those that another reports as a candidate cause are not
        listed apart (they appear under it, ``candidates_of``)."""
        return tuple(d for d in self.diagnoses if not d.reported_by)

    def candidates_of(self, diagnosis: Diagnosis) -> tuple[Diagnosis, ...]:
        """The diagnoses ``diagnosis`` reports as other candidate causes of what it observed, likeliest first."""
        return tuple(d for rule_id in diagnosis.candidates for d in self.diagnoses if d.id == rule_id)

    def start_here(self) -> tuple[int, Diagnosis] | None:
        """(number as listed, diagnosis) of the diagnosis to start with; None when nothing blocks anyone."""
        return next(((n, d) for n, d in enumerate(self.listed(), 1) if d.id == self.start), None)

    def failing_diagnoses(self) -> tuple[Diagnosis, ...]:
        """The listed diagnoses that fail somebody (a failing severity, not advisory), in report order."""
        return tuple(d for d in self.listed() if d.fails)

    def unknown_entry(self, rule_id: str) -> Unknown | None:
        return next((u for u in self.unknown if u.id == rule_id), None)

    def explanations(self) -> list[tuple[str, Explanation]]:
        """(rule id, explanation) of every outcome that carries one, in report order."""
        entries: list[Diagnosis | Unknown | NotApplicable | Passed] = [
            *self.diagnoses, *self.unknown, *self.not_applicable, *self.passed]
        return [(e.id, e.explanation) for e in entries if e.explanation is not None]

    def with_conflicts(self, conflicts: tuple[Conflict, ...]) -> Report:
        """The same report, also naming the sources that disagreed."""
        return self._replace(conflicts=tuple(conflicts))

    def with_refused(self, refused: tuple[Refused, ...]) -> Report:
        """The same report, naming at its top the files that could not be used."""
        return self._replace(refused=tuple(sorted(refused)))

    def explaining_problems(self) -> Report:
        """The same report explaining only what fails or is undecided (``--explain``; ``--explain=all`` keeps
        the explanations of passed and non-applicable checks too)."""
        return self._replace(passed=tuple(p._replace(explanation=None) for p in self.passed),
                             not_applicable=tuple(n._replace(explanation=None) for n in self.not_applicable))

    def with_metadata(self, metadata: Metadata) -> Report:
        """The same report, traceable: tool, version, rule-set hash, generation time and inputs."""
        return self._replace(metadata=metadata)

    def to_json(self) -> dict[str, Any]:
        """The JSON contract as plain data (``json.dumps`` of it is ``--format json``)."""
        data: dict[str, Any] = {
            "summary": self.summary.to_json(),
            "diagnoses": [d.to_json() for d in self.diagnoses],
            "unknown": [u.to_json() for u in self.unknown],
            "passed": [p.id for p in self.passed],
            "not_applicable": [n.to_json() for n in self.not_applicable],
            "derived": {name: {"value": d.value, "by": d.by} for name, d in self.derived.items()},
            "questions": [q.to_json() for q in self.questions],
        }
        if self.explained:
            data["passed_explained"] = [{"id": p.id, "explanation": plain(p.explanation.to_json())} for p in self.passed
                                        if p.explanation is not None]
        if self.suspects:
            data["suspects"] = [o.to_json() for o in self.suspects]
        if self.unexplained:
            data["unexplained"] = [o.to_json() for o in self.unexplained]
        if self.start is not None:
            start = self.start_here()
            data["start_here"] = {"id": self.start, "number": start[0] if start else None}
        if self.conflicts:
            data["conflicts"] = [c.as_dict() for c in self.conflicts]
        if self.metadata is not None:
            data["metadata"] = self.metadata.to_json()
        if self.refused:  # first: whoever reads the report learns at once that it was built without these files
            data = {"refused": [r.as_dict() for r in self.refused], **data}
        return data


def _with_explanation(data: dict[str, Any], explanation: Explanation | None) -> dict[str, Any]:
    if explanation is not None:
        data["explanation"] = plain(explanation.to_json())
    return data


def plain(value: Any) -> Any:
    """``value`` as JSON data: ``Source`` objects as their dicts, tuples as lists."""
    if isinstance(value, Source):
        return value.as_dict()
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value
