"""The ``diagnose`` command: parse arguments, diagnose, render, set the exit status.

Exit status: 0 nothing fails, 1 at least one diagnosis, 2 bad input or usage (one
located message on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from writeback_doctor.engine import FactsError, RuleFileError, RuleSetError
from writeback_doctor.engine.errors import EngineFailure

from .diagnosis import LANGUAGES, diagnose_facts, exit_status
from .inputs import InputError, read_json
from .knowledge import load_knowledge
from .report import RENDERERS

EXIT_OK, EXIT_DIAGNOSIS, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would exit 2 with usage; keep its status, add a hint
        self.print_usage(sys.stderr)
        sys.stderr.write(f"diagnose: error: {message}\n")
        raise SystemExit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="diagnose",
        description="Explain, in order, why Microsoft Entra ID password writeback is not working.",
    )
    parser.add_argument("facts", help="facts JSON file (see facts_schema.json), or - for standard input")
    parser.add_argument("--format", choices=sorted(RENDERERS), default="table", help="output format (default: table)")
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the report (default: en)")
    parser.add_argument("--rules", metavar="DIR", help="use the rule files in DIR instead of the shipped ones")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``diagnose`` console script."""
    args = build_parser().parse_args(argv)
    try:
        result, _, _ = load_knowledge(args.rules)
        facts = read_json(args.facts)
        report = diagnose_facts(facts, args.lang, args.rules)
    except InputError as error:
        return _fail(f"{error.location}: {error.message}")
    except (FactsError, RuleFileError, RuleSetError) as error:
        where = f"{args.facts}: " if isinstance(error, FactsError) else ""
        return _fail(where + error.render())
    except EngineFailure as error:
        sys.stderr.write(f"diagnose: internal error in the rule engine: {error}\n")
        return EXIT_INTERNAL
    sys.stdout.write(RENDERERS[args.format](report, args.lang))
    if result.problems:
        return _fail(RuleFileError(result.problems).render() + "\n(the report above used the other rules)")
    return exit_status(report)


def _fail(message: str) -> int:
    sys.stderr.write(f"diagnose: {message}\n")
    return EXIT_BAD_INPUT


if __name__ == "__main__":
    raise SystemExit(main())
