"""``diagnose collect``: the collector scripts shipped with the package, listed or printed.

``diagnose collect --list`` names them, one per line; ``diagnose collect NAME > NAME.ps1``
prints one (``collectors/NAME.ps1``, package data). Each writes, into one folder, the exports
the importers read; ``diagnose FOLDER`` then reads that folder (docs/collect.md).
Exit status: 0 printed, 2 an unknown name or a usage error.
"""

from __future__ import annotations

import argparse
import sys
from importlib import resources

from writeback_doctor.catalog import text
from writeback_doctor.errors import ExitStatus, UsageError

SUFFIX = ".ps1"


def collector_names() -> list[str]:
    """The shipped collectors' names (file names without .ps1), sorted."""
    folder = resources.files("writeback_doctor").joinpath("collectors")
    return sorted(entry.name[: -len(SUFFIX)] for entry in folder.iterdir() if entry.name.endswith(SUFFIX))


def collector_script(name: str) -> str:
    """The text of one collector script; KeyError when no collector has that name."""
    if name not in collector_names():
        raise KeyError(name)
    return resources.files("writeback_doctor").joinpath("collectors").joinpath(name + SUFFIX).read_text(encoding="utf-8")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``diagnose collect``."""
    parser.description = text("collect", "en", "description")
    parser.add_argument("name", nargs="?", metavar="NAME", help=text("collect", "en", "name_help"))
    parser.add_argument("--list", action="store_true", help=text("collect", "en", "list_help"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> ExitStatus:
    """List the collectors, or print the one named."""
    names = collector_names()
    if args.list:
        sys.stdout.write("".join(f"{name}\n" for name in names))
        return ExitStatus.OK
    if not args.name:
        raise UsageError(text("collect", "en", "missing_name"))
    try:
        script = collector_script(args.name)
    except KeyError:
        raise UsageError(text("collect", "en", "unknown_name", name=args.name, names=", ".join(names))) from None
    sys.stdout.write(script)
    return ExitStatus.OK
