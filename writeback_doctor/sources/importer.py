"""``diagnose import EXPORTS... --out facts.json``: merge exports (and facts files) into one facts file.

The written file is what ``diagnose`` would have diagnosed from the same inputs. Provenance
is printed with ``--sources`` (the facts file itself must stay valid against facts_schema.json).
Exit status: 0 written, 2 bad input or an unresolved conflict (nothing written).
"""

from __future__ import annotations

import json
import sys
from typing import Sequence

from ..engine import FactsError
from ..engine.facts import validate_facts
from ..inputs import InputError
from ..knowledge import load_knowledge

from .merge import FactsFileError, collect
from .model import render_sources

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def build_parser():
    from ..cli import ArgumentParser
    parser = ArgumentParser(prog="diagnose import",
                            description="Merge exports (Graph responses, PowerShell ConvertTo-Json output) and facts files into one facts file; see docs/collect.md.")
    parser.add_argument("files", nargs="+", metavar="FILE", help="exports and/or facts files, mixed; - for standard input")
    parser.add_argument("--out", metavar="FILE", help="write the merged facts here (default: standard output)")
    parser.add_argument("--prefer", action="append", default=[], metavar="FILE",
                        help="when two files disagree about a fact, use FILE's value (repeatable, first wins)")
    parser.add_argument("--sources", action="store_true", help="also print, on stderr, where every fact came from")
    return parser


def main(argv: Sequence[str]) -> int:
    """Entry point of ``diagnose import``."""
    args = build_parser().parse_args(list(argv))
    try:
        collected = collect(args.files, args.prefer)
        validate_facts(collected.facts, load_knowledge()[2])
    except (InputError, FactsFileError) as error:
        return _fail(str(error))
    except FactsError as error:
        return _fail(f"merged facts: {error.render()}")
    for line in collected.messages():
        sys.stderr.write(f"diagnose import: {line}\n")
    if args.sources:
        for path, sources in collected.provenance.items():
            sys.stderr.write(f"{path} <- {render_sources(sources)}\n")
    if collected.unresolved:
        return _fail("nothing written: settle the conflicts above, or pass --prefer FILE")
    text = json.dumps(collected.facts, ensure_ascii=False, indent=2) + "\n"
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _fail(message: str) -> int:
    sys.stderr.write(f"diagnose import: {message}\n")
    return EXIT_BAD_INPUT
