"""The ``diagnose`` command: parse arguments, diagnose, render, set the exit status.

``diagnose FILE...`` diagnoses one tenant from facts files and admins' exports, merged
with their sources (``sources.merge``); ``diagnose <subcommand> ...`` runs one of the
tools in ``SUBCOMMANDS`` (each a module with ``main(argv) -> int``, imported only when
used so that a plain diagnosis starts fast).

Exit status: 0 nothing fails, 1 at least one diagnosis, 2 bad input or usage (one
located message on stderr, never a traceback), 3 an internal engine failure.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Sequence

from .engine import FactsError, RuleFileError, RuleSetError
from .engine.errors import EngineFailure

from .diagnosis import LANGUAGES, diagnose, exit_status
from .inputs import InputError
from .knowledge import load_knowledge
from .report import RENDERERS
from .sources.merge import FactsFileError, collect

EXIT_OK, EXIT_DIAGNOSIS, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3

SUBCOMMANDS: dict[str, str] = {
    "interview": ".interview",
    "import": ".sources.importer",
    "rules": ".authoring",
    "batch": ".batch",
}
"""Subcommand name -> module with ``main(argv) -> int``."""


class ArgumentParser(argparse.ArgumentParser):
    """argparse that exits with status 2 and a one-line message (its default status, our wording)."""

    def error(self, message: str) -> None:
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="diagnose",
        description="Explain, in order, why Microsoft Entra ID password writeback is not working.",
        epilog="Other tools: " + ", ".join(f"diagnose {name} --help" for name in sorted(SUBCOMMANDS)) if SUBCOMMANDS else None,
    )
    parser.add_argument("facts", nargs="+", metavar="FILE",
                        help="facts JSON files (see facts_schema.json) and/or exports (docs/collect.md), mixed; - for standard input")
    parser.add_argument("--prefer", action="append", default=[], metavar="FILE",
                        help="when two files disagree about a fact, use FILE's value (repeatable, first wins)")
    parser.add_argument("--format", choices=sorted(RENDERERS), default="table", help="output format (default: table)")
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the report (default: en)")
    parser.add_argument("--rules", metavar="DIR", help="use the rule files in DIR instead of the shipped ones")
    parser.add_argument("--explain", action="store_true",
                        help="show, for every rule, the conditions and facts behind its outcome (how, why, why not)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``diagnose`` console script and of every subcommand.

    argparse ends ``--help`` and usage errors with ``SystemExit`` after writing its
    message; that is turned into the return status here, once for all subcommands.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        if arguments and arguments[0] in SUBCOMMANDS:
            return importlib.import_module(SUBCOMMANDS[arguments[0]], __package__).main(arguments[1:])
        return diagnose_command(arguments)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else EXIT_BAD_INPUT


def diagnose_command(arguments: Sequence[str]) -> int:
    """``diagnose FACTS``: validate, diagnose and render one facts document."""
    args = build_parser().parse_args(arguments)
    try:
        result, _, _ = load_knowledge(args.rules)
        collected = collect(args.facts, args.prefer)
        report = diagnose(collected.facts, args.lang, args.rules, explain=args.explain, provenance=collected.provenance)
    except (InputError, FactsFileError) as error:
        return fail(str(error))  # both errors read "location: what is wrong"
    except FactsError as error:
        return fail(f"{', '.join(args.facts)}: {error.render()}")
    except (RuleFileError, RuleSetError) as error:
        return fail(error.render())
    except EngineFailure as error:
        sys.stderr.write(f"diagnose: internal error in the rule engine: {error}\n")
        return EXIT_INTERNAL
    report = report.with_conflicts(collected.conflicts)
    sys.stdout.write(RENDERERS[args.format](report))
    for line in collected.messages():
        sys.stderr.write(f"diagnose: {line}\n")
    if collected.unresolved:
        return EXIT_BAD_INPUT
    if result.problems:
        return fail(RuleFileError(result.problems).render() + "\n(the report above used the other rules)")
    return exit_status(report)


def fail(message: str) -> int:
    """Write one message on stderr and return the bad-input status."""
    sys.stderr.write(f"diagnose: {message}\n")
    return EXIT_BAD_INPUT


if __name__ == "__main__":
    raise SystemExit(main())
