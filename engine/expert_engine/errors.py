"""One error type per kind of mistake, each carrying where it was made."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One located problem: ``location`` is ``file:line`` or a JSON path such as ``$.a.b[0]``."""

    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class EngineError(Exception):
    """Base of every error the engine raises on purpose."""


class _ProblemsError(EngineError):
    """An error made of one or more located problems, all reported at once."""

    headline = "problems"

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(problems)
        super().__init__(self.render())

    def render(self) -> str:
        """The problems as lines, headline first."""
        lines = [f"{self.headline}:"] + [f"  {p}" for p in self.problems]
        return "\n".join(lines)


class RuleFileError(_ProblemsError):
    """A rule file cannot be used: bad YAML, a schema violation or a meaningless condition."""

    headline = "broken rule file"


class RuleSetError(_ProblemsError):
    """The rules do not fit together: duplicate ids, unknown stages or severities, dangling derived facts."""

    headline = "inconsistent rule set"


class FactsError(_ProblemsError):
    """The facts document does not match its schema (or is not a JSON object)."""

    headline = "invalid facts"


class EngineFailure(EngineError):
    """durable-rules misbehaved while diagnosing (an action raised, or the C core refused)."""
