"""The values that flow between loading, inference and reporting."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

Text = Mapping[str, str]
"""A text in several languages, keyed by language code ("en", "uk")."""

Condition = Mapping[str, Any]
"""A declarative condition exactly as written in a rule file (validated by rule_schema.json)."""


@dataclass(frozen=True)
class Severity:
    name: str
    fails: bool


@dataclass(frozen=True)
class Finding:
    """One way a rule can fail, with its own severity and texts."""

    id: str
    severity: str
    when: Condition
    diagnosis: Text
    remedy: Text
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class Derivation:
    """A named fact a rule concludes for other rules: true when ``when`` holds, false when it cannot."""

    name: str
    meaning: Text
    when: Condition


@dataclass(frozen=True)
class Rule:
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


@dataclass(frozen=True)
class RuleSet:
    """The rules and the frame that orders them (stages, severities, languages)."""

    name: str
    languages: tuple[str, ...]
    stages: tuple[str, ...]
    severities: tuple[Severity, ...]
    rules: tuple[Rule, ...]

    def severity(self, name: str) -> Severity:
        return next(s for s in self.severities if s.name == name)

    def rule(self, rule_id: str) -> Rule:
        return next(r for r in self.rules if r.id == rule_id)


@dataclass(frozen=True)
class Evidence:
    """One fact a conclusion rests on.

    ``kind`` is ``fact`` (a path of the facts document and its value), ``derived`` (a
    derived fact, its value and the rule that derived it) or ``stages`` (the outcome of
    the earlier stages).
    """

    kind: str
    name: str
    value: Any
    by: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {self.kind: self.name, "value": self.value}
        if self.by is not None:
            data["by"] = self.by
        return data


FAIL, PASS, UNKNOWN, NOT_APPLICABLE = "fail", "pass", "unknown", "not_applicable"


@dataclass(frozen=True)
class Outcome:
    """What one rule concluded about one facts document.

    ``because`` holds the facts a ``fail`` or ``not_applicable`` rests on; ``missing``
    the absent facts that leave an ``unknown`` undecided.
    """

    rule: Rule
    status: str
    finding: Finding | None = None
    because: tuple[Evidence, ...] = ()
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class Conclusions:
    """Every rule's outcome, diagnoses in report order, plus the derived facts."""

    diagnoses: tuple[Outcome, ...]
    unknown: tuple[Outcome, ...]
    passed: tuple[Outcome, ...]
    not_applicable: tuple[Outcome, ...]
    derived: Mapping[str, tuple[bool, str]] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        return self.diagnoses + self.unknown + self.passed + self.not_applicable
