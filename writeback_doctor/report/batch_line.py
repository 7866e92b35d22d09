"""The compact ``diagnose batch`` line: ids, statuses, deciding evidence and missing facts, no texts;
and the texts the lines refer to, once, for the batch summary.

A team lead's fleet of 10,000 tenants would otherwise carry every title, diagnosis, remedy
and question text 10,000 times (~37 KiB a line). Texts depend only on the rule set and the
language, so a line names them by key (rule id, finding id, fact path) and the summary's
``texts`` holds each once: ``texts.rules[ID].title``, ``texts.rules[ID].findings[FINDING]`` (headline, diagnosis, remedy),
``texts.rules[ID].not_applicable``, ``texts.questions[PATH]``. ``--full`` writes the whole
report contract on every line instead (``report``, as ``diagnose --format json``).
"""

from __future__ import annotations

import json
from typing import Any, Mapping, NamedTuple, Sequence

from writeback_doctor.report.contract import Diagnosis, Report, Unknown

LINE_KEYS = ("counts", "top_severity", "criticals", "top_problem", "diagnoses", "unknown", "not_applicable", "passed",
             "derived", "questions")
"""The keys of a diagnosed line after ``item``, ``label``, ``status`` and ``exit``, always present, in this order."""


class Severity(NamedTuple):
    """A tenant's problems by severity, as its report lists them (candidate causes under the one that reports them,
    advisory diagnoses and notes apart): the most severe one's name (None: no problem) and how many are of the
    frame's most severe level (``critical``)."""

    top: str | None
    criticals: int

    @classmethod
    def of(cls, report: Report, order: Sequence[str]) -> Severity:
        """``order``: the frame's severity names, most severe first (``rules/ruleset.yaml``)."""
        problems = [d.severity for d in report.failing_diagnoses()]
        top = min(problems, key=lambda name: severity_rank(name, order), default=None)
        return cls(top, sum(1 for name in problems if order and name == order[0]))


def severity_rank(name: str | None, order: Sequence[str]) -> int:
    """Where the severity ``name`` stands in ``order`` (most severe first); an unknown name (or None) after all."""
    return order.index(name) if name in order else len(order)


def compact(report: Report, severities: Sequence[str] = (), severity: Severity | None = None,
            top: Diagnosis | None = None) -> dict[str, Any]:
    """One tenant's report as a compact line body (``LINE_KEYS``): texts left to the summary.

    ``severities``: the frame's severity names, most severe first, for ``top_severity`` and ``criticals``;
    ``severity`` and ``top`` (``Severity.of``, ``top_problem``), when the caller has them already."""
    return _body(report, severities, severity, top, [{"id": u.rule.id, "missing": list(u.missing)}
                                                     for u in report.unknown])


def top_problem(report: Report) -> Diagnosis | None:
    """A tenant's top problem: the diagnosis its report starts with, else its first that fails somebody."""
    start = report.start_here()
    if start is not None:
        return start[1]
    failing = report.failing_diagnoses()
    return failing[0] if failing else None


def _body(report: Report, severities: Sequence[str], severity: Severity | None, top: Diagnosis | None,
          unknown: Any) -> dict[str, Any]:
    if severity is None:
        severity = Severity.of(report, severities)
        top = top_problem(report)
    diagnoses = []
    for diagnosis in report.diagnoses:
        entry: dict[str, Any] = {"id": diagnosis.rule.id, "finding": diagnosis.finding.id,
                                 "severity": diagnosis.finding.severity,
                                 "because": [because.evidence.as_dict() for because in diagnosis.because]}
        if diagnosis.provided:
            entry["provided_that"] = [{"missing": [q.path for q in provided.questions]} for provided in diagnosis.provided]
        if diagnosis.advisory:
            entry["advisory"] = True
        if diagnosis.reported_by:
            entry["reported_by"] = diagnosis.reported_by
        diagnoses.append(entry)
    return {
        "counts": report.summary.to_json(),
        "top_severity": severity.top,
        "criticals": severity.criticals,
        "top_problem": top.id if top is not None else None,
        "diagnoses": diagnoses,
        "unknown": unknown,
        "not_applicable": [{"id": entry.rule.id, "because": [b.evidence.as_dict() for b in entry.because]}
                           for entry in report.not_applicable],
        "passed": [passed.rule.id for passed in report.passed],
        "derived": {name: {"value": derived.value, "by": derived.by} for name, derived in report.derived.items()},
        "questions": [question.path for question in report.questions],
    }


ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)  # lines are built here, never cyclic
"""``json.dumps(data, ensure_ascii=False)``, without the cycle bookkeeping at every container."""
REMEMBERED = 8192
"""How many undecided entries' JSON texts ``line_text`` remembers before it starts again (memory stays flat)."""


def line_text(head: Mapping[str, Any], report: Report, severities: Sequence[str], severity: Severity,
              top: Diagnosis | None, remembered: dict[tuple[str, tuple[str, ...]], str]) -> str:
    """``json.dumps({**head, **compact(report)}, ensure_ascii=False)``, the same text, made with less work: the
    undecided entries (half a line: a rule id and its missing facts, the same for many tenants) are each encoded
    once and remembered in ``remembered`` (rule id, missing facts -> JSON text); what comes before them and what
    comes after are encoded in one call each (an ``encode`` call costs more than the C encoder's work on a key),
    and the three texts joined as ``json.dumps`` separates them."""
    if len(remembered) > REMEMBERED:
        remembered.clear()
    unknown = [_unknown_text(entry, remembered) for entry in report.unknown]
    body = _body(report, severities, severity, top, None)
    before = dict(head)
    for key in _BEFORE:
        before[key] = body[key]
    after = {key: body[key] for key in _AFTER}
    encode = ENCODER.encode
    return f"{encode(before)[:-1]}, \"unknown\": [{', '.join(unknown)}], {encode(after)[1:]}"


_BEFORE = LINE_KEYS[:LINE_KEYS.index("unknown")]
_AFTER = LINE_KEYS[LINE_KEYS.index("unknown") + 1:]
"""The line's keys before and after ``unknown``: a head is never empty, nor is what follows ``unknown``."""


def _unknown_text(entry: Unknown, remembered: dict[tuple[str, tuple[str, ...]], str]) -> str:
    key = (entry.rule.id, entry.missing)
    text = remembered.get(key)
    if text is None:
        text = remembered[key] = ENCODER.encode({"id": entry.rule.id, "missing": list(entry.missing)})
    return text


class Texts:
    """Every text the compact lines refer to, gathered from the reports as they come, each kept once."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.rules: dict[str, dict[str, Any]] = {}
        self.questions: dict[str, str] = {}

    def add(self, report: Report) -> None:
        """Remember the texts of one report's diagnoses, undecided and non-applicable rules and questions."""
        rules = self.rules
        for diagnosis in report.diagnoses:
            rule = self._rule(diagnosis.rule, diagnosis.title)
            findings = rule["findings"]
            if diagnosis.finding.id not in findings:
                findings[diagnosis.finding.id] = {"severity": diagnosis.finding.severity, "headline": diagnosis.heading,
                                                  "diagnosis": diagnosis.diagnosis,
                                                  "remedy": diagnosis.remedy, "links": list(diagnosis.finding.links)}
        for unknown in report.unknown:
            if unknown.rule.id not in rules:
                self._rule(unknown.rule, unknown.title)
        for entry in report.not_applicable:
            rule = rules.get(entry.rule.id) or self._rule(entry.rule, entry.rule.title[self.lang])
            rule.setdefault("not_applicable", entry.reason)
        questions = self.questions
        for question in report.questions:
            if question.path not in questions:
                questions[question.path] = question.question

    def _rule(self, rule: Any, title: str) -> dict[str, Any]:
        found = self.rules.get(rule.id)
        if found is None:
            found = self.rules[rule.id] = {"title": title, "stage": rule.stage, "origin": rule.origin,
                                           "source": rule.source["url"], "findings": {}}
        return found

    def to_json(self) -> dict[str, Any]:
        """The texts by key, sorted (the same summary whatever order the tenants came in)."""
        rules = {}
        for rule_id in sorted(self.rules):
            rule = dict(self.rules[rule_id])
            rule["findings"] = {key: rule["findings"][key] for key in sorted(rule["findings"])}
            rules[rule_id] = rule
        return {"lang": self.lang, "rules": rules,
                "questions": {path: self.questions[path] for path in sorted(self.questions)}}
