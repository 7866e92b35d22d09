"""``diagnose import EXPORTS... --out facts.json``: merge exports (and facts files) into one facts file.

The written file is what ``diagnose`` would have diagnosed from the same inputs. Provenance
is printed with ``--sources`` (the facts file itself must stay valid against facts_schema.json).
Exit status: 0 written, 2 bad input (no file could be used), an unresolved conflict or a failed
write (nothing written; an existing ``--out`` file is left as it was), 4 written without a refused
file (issue X: the rule ``diagnose`` follows, whose report built without a refused file is never 0).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from expert_engine import FactsError, validate_facts
from writeback_doctor.catalog import text as catalog_text
from writeback_doctor.errors import ExitStatus, UserError
from writeback_doctor.files import write_text
from writeback_doctor.inert import inert_json, inert_terminal
from writeback_doctor.knowledge import facts_validator
from writeback_doctor.sources.merge import FactsFileError, collect
from writeback_doctor.sources.model import render_sources


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``diagnose import``."""
    parser.description = ("Merge exports (Graph responses, PowerShell ConvertTo-Json output) and facts files into one "
                          "facts file; see docs/collect.md. " + catalog_text("collect", "en", "import_exit"))
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="exports and/or facts files, mixed, or folders of them (what a collector wrote); "
                             "- for standard input")
    parser.add_argument("--out", metavar="FILE", help="write the merged facts here (default: standard output)")
    parser.add_argument("--prefer", action="append", default=[], metavar="FILE",
                        help="when two files disagree about a fact, use FILE's value (repeatable, first wins)")
    parser.add_argument("--sources", action="store_true", help="also print, on stderr, where every fact came from")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> ExitStatus:
    """Merge, tell the notes and conflicts, write the facts file."""
    collected = collect(args.files, args.prefer)
    try:
        validate_facts(collected.facts, facts_validator())
    except FactsError as error:
        raise FactsFileError("merged facts", error) from None
    for line in collected.report_lines(per_file=True):
        sys.stderr.write(f"diagnose import: {inert_terminal(line)}\n")
    if args.sources:
        for path, sources in collected.provenance.items():
            sys.stderr.write(f"{path} <- {inert_terminal(render_sources(sources))}\n")
    if collected.unresolved:
        raise UserError(None, "nothing written: settle the conflicts above, or pass --prefer FILE")
    # where each fact came from travels with the file, so that diagnosing it later names the exports
    written = {**collected.facts, "$sources": {path: [_storable(s.as_dict()) for s in sources]
                                               for path, sources in collected.provenance.items()}}
    text = inert_json(json.dumps(written, ensure_ascii=False, indent=2)) + "\n"  # file names: the same data, inert
    if args.out:
        write_text(args.out, text)  # whole or not at all: a failure keeps the previous file (WriteError)
    else:
        sys.stdout.write(text)
    summary = catalog_text("collect", "en", "import_summary", facts=len(collected.provenance),
                           files=len(collected.files), out=args.out or "<stdout>")
    sys.stderr.write(f"diagnose import: {inert_terminal(summary)}\n")
    if collected.refused:  # the facts file lacks what a refused file held: never 0, as diagnose
        sys.stderr.write("diagnose import: " + catalog_text("collect", "en", "import_refused",
                                                          refused=len(collected.refused)) + "\n")
        return ExitStatus.INCONCLUSIVE
    return ExitStatus.OK


def _storable(source: dict[str, Any]) -> dict[str, Any]:
    """A source as the facts file keeps it: a file name that is not UTF-8 (``caf\\udce9.json``, read with
    surrogateescape) as its escaped text (``caf\\xe9.json``), which UTF-8 JSON can hold and ``diagnose`` reads back."""
    file = source.get("file")
    if isinstance(file, str) and not file.isprintable() and any("\udc80" <= c <= "\udcff" for c in file):
        return {**source, "file": inert_terminal(file)}
    return source
