"""``diagnose FILE...``: validate, diagnose and render one tenant from facts files and exports, merged with their sources."""

from __future__ import annotations

import argparse
import sys

from expert_engine import FactsError, RuleFileError
from writeback_doctor import __version__
from writeback_doctor.catalog import text
from writeback_doctor.diagnosis import diagnose, exit_status
from writeback_doctor.errors import ExitStatus, UserError
from writeback_doctor.inert import inert_terminal
from writeback_doctor.knowledge import facts_schema_file, languages, load_knowledge
from writeback_doctor.report.colour import wanted as colour_wanted
from writeback_doctor.report.metadata import describe_run
from writeback_doctor.report.render import RENDERERS, render
from writeback_doctor.sources.merge import FactsFileError, collect


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``diagnose FILE...``."""
    parser.add_argument("facts", nargs="+", metavar="FILE",
                        help="facts JSON files (see facts_schema.json) and/or exports (docs/collect.md), mixed, "
                             "or folders a collector wrote (diagnose collect --list); - for standard input")
    parser.add_argument("--prefer", action="append", default=[], metavar="FILE",
                        help="when two files disagree about a fact, use FILE's value (repeatable, first wins)")
    parser.add_argument("--format", choices=sorted(RENDERERS), default="table", help="output format (default: table)")
    parser.add_argument("--lang", choices=languages(), default="en", help="language of the report (default: en)")
    parser.add_argument("--rules", metavar="DIR", help="use the rule files in DIR instead of the shipped ones")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="table: list the passed checks, every open question in full, and each undecided check")
    parser.add_argument("--explain", nargs="?", const="problems", choices=["problems", "all"], default=None,
                        help="show the conditions and facts behind each failing and undecided check (how, why, why not); "
                             "--explain=all: behind every check, passed and not applicable too")
    parser.add_argument("--no-color", action="store_true",
                        help="no colour in the terminal report (also: NO_COLOR=1; never coloured when piped; "
                             "FORCE_COLOR=1 colours a pipe)")
    parser.add_argument("-V", "--version", action="version", version=f"diagnose (writeback-doctor) {__version__}")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> ExitStatus:
    """Diagnose, render on standard output, tell merge notes and conflicts on standard error."""
    if "-" in args.facts and sys.stdin.isatty():  # a person at a terminal would otherwise wait on silence
        sys.stderr.write(text("layout", args.lang, "stdin_reading") + "\n")
        sys.stderr.flush()
    knowledge = load_knowledge(args.rules)
    collected = collect(args.facts, args.prefer)
    try:
        report = diagnose(knowledge, collected.facts, args.lang, explain=args.explain is not None,
                          provenance=collected.provenance)
    except FactsError as error:
        raise FactsFileError(", ".join(args.facts), error) from None
    metadata = describe_run(args.facts, knowledge.rules_dir, facts_schema_file(), collected.digests,
                            knowledge.ruleset.constants_checked)
    report = report.with_conflicts(collected.conflicts).with_refused(collected.refused).with_metadata(metadata)
    if args.explain == "problems":
        report = report.explaining_problems()
    colour = args.format == "table" and colour_wanted(args.no_color, sys.stdout)
    sys.stdout.write(render(report, args.format, args.verbose, colour))
    for line in collected.messages():
        sys.stderr.write(f"diagnose: {inert_terminal(line)}\n")
    if collected.unresolved:
        return ExitStatus.BAD_INPUT
    if knowledge.problems:
        raise UserError(None, RuleFileError(knowledge.problems).render() + "\n(the report above used the other rules)")
    status = exit_status(report)
    if collected.refused and status == ExitStatus.OK:
        return ExitStatus.INCONCLUSIVE  # built without a refused file: never "healthy"
    return status
