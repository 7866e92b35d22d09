"""The application's errors and exit statuses: one base class for the user's mistakes, one enum of statuses.

Every command raises; ``cli.main`` renders each error once (``diagnose: location: what is
wrong``) and turns it into an ``ExitStatus``. ``batch`` puts the same text into its output
line instead of standard error (``describe``).
"""

from __future__ import annotations

import signal
from enum import IntEnum
from typing import Any, Callable, Iterable

from expert_engine import EngineFailure, FactsError, RuleFileError, RuleSetError


class ExitStatus(IntEnum):
    """What ``diagnose`` and each subcommand exit with (README, ``diagnose --help``)."""

    OK = 0
    """Nothing fails, and every check that could fail is decided (advisory notes allowed)."""
    PROBLEMS = 1
    """At least one diagnosis of a failing severity (``rules lint``: problems in the rule files)."""
    BAD_INPUT = 2
    """Bad input or usage: a located message on standard error, never a traceback."""
    INTERNAL = 3
    """The rule engine failed: a bug, reported as one message."""
    INCONCLUSIVE = 4
    """Nothing fails in what is known, but checks that could fail remain undecided."""
    HANGUP = 129
    """The terminal went away (SIGHUP); the interview saves its answers first."""
    INTERRUPTED = 130
    """Stopped by Ctrl-C (SIGINT)."""
    CLOSED_PIPE = 141
    """The reader of standard output went away (``| head -1``): ended quietly, as a shell reports SIGPIPE."""
    TERMINATED = 143
    """Stopped by SIGTERM."""


EXIT_STATUS_HELP = """exit status:
  0    nothing fails, and every check that could fail is decided (advisory notes allowed)
  1    at least one problem found (rules lint: problems in the rule files)
  2    bad input or usage: a located message on standard error; for input files only
       when none could be used (a file that cannot be read is refused, named at
       the top of the report and on standard error, and the rest is diagnosed)
  3    internal error of the rule engine
  4    inconclusive: nothing fails in what is known, but checks remain undecided
       (or a file was refused: a report built without it is never 0)
  129  hung up (SIGHUP: the terminal was closed)
  130  interrupted (Ctrl-C)
  141  the reader of standard output went away (| head); a full or closed standard output is 2
  143  terminated (SIGTERM)"""
"""The exit statuses, for ``--help``."""


class UserError(Exception):
    """Something the user gave cannot be used: ``location`` (file, file:line:column, JSON path; None if
    nowhere in particular) and ``message`` (what is wrong, what was expected). Exit status 2."""

    def __init__(self, location: str | None, message: str):
        self.location = location
        self.message = message
        super().__init__(message if location is None else f"{location}: {message}")


class UsageError(UserError):
    """The command line names something that cannot be used (a missing path, a broken frame, an unknown rule)."""

    def __init__(self, message: str, location: str | None = None):
        super().__init__(location, message)


def describe(error: BaseException) -> tuple[ExitStatus, str] | None:
    """The exit status and the one-line text of an error the application expects; None for a bug."""
    if isinstance(error, UserError):
        return ExitStatus.BAD_INPUT, str(error)
    if isinstance(error, (FactsError, RuleFileError, RuleSetError)):
        return ExitStatus.BAD_INPUT, error.render()
    if isinstance(error, EngineFailure):
        return ExitStatus.INTERNAL, f"internal error in the rule engine: {error}"
    if isinstance(error, KeyboardInterrupt):
        return ExitStatus.INTERRUPTED, "interrupted"
    return None


def install_handlers(numbers: Iterable[int], handler: Callable[[int, Any], None] | signal.Handlers) -> dict[int, Any]:
    """Handle the signals ``numbers`` with ``handler``; the handlers they had, for ``restore_handlers``. Outside
    the main thread (an embedding program) nothing changes: only the main thread may set handlers."""
    previous: dict[int, Any] = {}
    try:
        for number in numbers:
            previous[number] = signal.signal(number, handler)
    except ValueError:
        pass
    return previous


def restore_handlers(previous: dict[int, Any]) -> None:
    """Put back the handlers ``install_handlers`` replaced."""
    for number, handler in previous.items():
        signal.signal(number, handler)
