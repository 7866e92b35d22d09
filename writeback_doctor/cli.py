"""The ``diagnose`` command line: one parser tree, one place that renders errors and sets the exit status.

``diagnose FILE...`` (short for ``diagnose diagnose FILE...``) diagnoses one tenant from
facts files and admins' exports, merged with their sources (``sources.merge``). The other
subcommands live in their own modules, each with ``add_arguments(parser)`` and
``run(args) -> ExitStatus``; a module is imported only when its subcommand runs, so that a
plain diagnosis starts fast.

Every command raises its errors; ``main`` writes each once on standard error (``diagnose
batch: file:line: what is wrong``) and returns its ``ExitStatus``.

Importing this module imports little: the application and its engine are imported inside ``main``, after
it paused the garbage collector for the start of a process of its own (``startup.pause_collection``).
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from typing import Any, NamedTuple, NoReturn, Sequence

from writeback_doctor import startup
from writeback_doctor.columns import terminal_columns
from writeback_doctor.inert import inert_lines


class Command(NamedTuple):
    """A subcommand: the module that implements it and its one-line summary."""

    module: str
    summary: str


COMMANDS: dict[str, Command] = {
    "diagnose": Command("writeback_doctor.commands.diagnose", "diagnose one tenant from facts files and exports (the default)"),
    "interview": Command("writeback_doctor.commands.interview", "ask only the questions that can still change the diagnosis"),
    "import": Command("writeback_doctor.commands.import_", "merge exports and facts files into one facts file"),
    "rules": Command("writeback_doctor.commands.rules", "list, show and lint the rule files"),
    "batch": Command("writeback_doctor.commands.batch", "diagnose many tenants: JSON Lines, one result per document"),
    "collect": Command("writeback_doctor.commands.collect", "print a collector script that writes every export into one folder"),
}
"""Subcommand name -> its module (``add_arguments``, ``run``), imported only when it runs."""

DEFAULT = "diagnose"
HELP = ("-h", "--help")


class ArgumentParser(argparse.ArgumentParser):
    """argparse whose usage errors and ``--help`` end as a status for ``main`` (2 and 0), not by exiting."""

    chosen: argparse.ArgumentParser | None = None
    """The subcommand's parser, when this is the top one: it words the errors of the subcommand's arguments."""

    def error(self, message: str) -> NoReturn:
        from writeback_doctor.errors import ExitStatus

        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {inert_lines(message + suggestion(message, self))}\n")  # quoted input: inert
        raise SystemExit(ExitStatus.BAD_INPUT)


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter (descriptions as written), as wide as argparse makes it, the width read by
    ``columns.terminal_columns``: argparse would import ``shutil`` for it, at every start (every argument added
    makes a formatter)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position, terminal_columns() - 2 if width is None else width)


def suggestion(message: str, parser: argparse.ArgumentParser) -> str:
    """"; did you mean 'lint'?" for an argparse error about a mistyped choice or option, else ""."""
    choice = re.search(r"invalid choice: '(.*?)' \(choose from (.*)\)$", message)
    if choice:
        typed, options = choice[1], re.findall(r"'([^']*)'", choice[2])
    else:
        unknown = re.match(r"unrecognized arguments: (-\S+)", message)
        if not unknown:
            return ""
        typed, options = unknown[1].split("=")[0], _option_strings(parser)
    close = closest(typed, options)
    return f"; did you mean {close!r}?" if close else ""


def closest(typed: str, options: Sequence[str]) -> str | None:
    """The one of ``options`` that ``typed`` was probably meant to be (``difflib``'s close match), else None."""
    import difflib  # only for a typo

    close = difflib.get_close_matches(typed, options, n=1, cutoff=0.6)
    return close[0] if close else None


def _option_strings(parser: argparse.ArgumentParser) -> list[str]:
    """Every long option of ``parser`` and of the subcommand parsers below it."""
    found: list[str] = []
    for action in parser._actions:  # argparse keeps them here; there is no public accessor
        found += [option for option in action.option_strings if option.startswith("--")]
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found += _option_strings(sub)
    return list(dict.fromkeys(found))


def build_parser(chosen: str | None = DEFAULT) -> ArgumentParser:
    """The parser tree, grown as far as a command line needs: the ``chosen`` subcommand with its arguments (its
    module imported), every subcommand when ``chosen`` is None. Each parser costs start-up time, so no more."""
    from writeback_doctor.errors import EXIT_STATUS_HELP

    parser = ArgumentParser(
        prog="diagnose",
        description="Explain, in order, why Microsoft Entra ID password writeback is not working.",
        epilog="diagnose FILE... is short for diagnose diagnose FILE...\n\n" + EXIT_STATUS_HELP,
        formatter_class=HelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", metavar="{" + ",".join(COMMANDS) + "}")
    for name, command in COMMANDS.items():
        if chosen is not None and name != chosen:
            continue
        sub = commands.add_parser(
            name, help=command.summary, description=command.summary[0].upper() + command.summary[1:] + ".",
            prog="diagnose" if name == DEFAULT else f"diagnose {name}", epilog=_epilog(name),
            formatter_class=HelpFormatter)
        _module(name).add_arguments(sub)
        parser.chosen = sub
    return parser


EXAMPLES = """examples:
  diagnose facts.json                          the report, fitted to the terminal
  diagnose facts.json --format markdown --lang uk > ticket.md
  diagnose exports/ facts.json                 a collector's folder and a facts file, merged
  cat facts.json | diagnose -                  facts from standard input
  diagnose interview --out facts.json          only the questions that can change the outcome
  diagnose batch fleet/ --format csv --summary-only"""


def _epilog(name: str) -> str:
    from writeback_doctor.errors import EXIT_STATUS_HELP

    others = ", ".join(f"diagnose {other} --help" for other in COMMANDS if other != DEFAULT)
    return f"{EXAMPLES}\n\nother tools: {others}\n\n{EXIT_STATUS_HELP}" if name == DEFAULT else EXIT_STATUS_HELP


def _module(name: str) -> Any:
    return importlib.import_module(COMMANDS[name].module)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``diagnose`` console script, of ``python -m writeback_doctor`` and of every subcommand.

    A standard output that cannot be written (closed pipe, full disk) ends the run quietly (``files.guard_output``).
    Without ``argv`` (the process's own command line: the process ends when this returns) the garbage collector is
    paused while the command starts (``startup.pause_collection``).
    """
    if argv is None:
        startup.pause_collection()
    try:
        from writeback_doctor.files import guard_output  # after the pause: the application's imports are a start's

        arguments = list(sys.argv[1:] if argv is None else argv)
        prog = "diagnose" if not arguments or arguments[0] not in COMMANDS else f"diagnose {arguments[0]}"
        return guard_output(lambda: _main(arguments), prog)
    finally:
        startup.resume_collection()


SHORT_HELP = """\
diagnose: explains, in order, why Microsoft Entra ID password writeback is not working,
why (the facts behind each conclusion) and what to do.

usage: diagnose FILE... [--format table|json|markdown|html] [--lang en|uk] [--explain]
       diagnose COMMAND [ARGS...]

commands:
{commands}

example (in a checkout): diagnose examples/sspr-off.json
more: diagnose --help, diagnose COMMAND --help
"""
"""What bare ``diagnose`` prints (on standard error, exit 2): what it does, the commands, one example."""


def short_help() -> str:
    """The short help of bare ``diagnose``: what it does, the commands with their summaries, one example."""
    width = max(map(len, COMMANDS))
    return SHORT_HELP.format(commands="\n".join(f"  {name:<{width}}  {command.summary}" for name, command in COMMANDS.items()))


def mistyped_command(argument: str) -> str | None:
    """The command a first argument that is no command and no existing file was probably meant to be, else None.

    A name with a path separator or a dot is a file name (``facts.json``); anything close to a command
    (``diagnoze``, ``bacth``) that is not a file is taken for a typo of it."""
    if argument.startswith("-") or any(mark in argument for mark in "/\\.") or os.path.exists(argument):
        return None
    return closest(argument.casefold(), list(COMMANDS))


def _main(arguments: list[str]) -> int:
    from writeback_doctor.errors import ExitStatus, describe

    if not arguments:  # a short help, and a usage error: exit 0 would read as "healthy" to a script
        sys.stderr.write(short_help())
        return ExitStatus.BAD_INPUT
    meant = mistyped_command(arguments[0]) if arguments[0] not in COMMANDS else None
    if meant is not None:
        sys.stderr.write(f"diagnose: unknown command {inert_lines(repr(arguments[0]))}; did you mean {meant!r}?\n")
        return ExitStatus.BAD_INPUT
    if arguments[0] not in COMMANDS:
        arguments.insert(0, DEFAULT)  # diagnose FILE..., and diagnose --help shows the default command's options
    name = arguments[0]
    prog = "diagnose" if name == DEFAULT else f"diagnose {name}"
    try:
        parser = build_parser(name)
        args, extras = parser.parse_known_args(arguments)
        if extras:  # worded by the subcommand's parser: its usage line, not the top one's
            (parser.chosen or parser).error("unrecognized arguments: " + " ".join(extras))
        return int(args.run(args))
    except SystemExit as stop:  # argparse: --help (0) or a usage error (2), its message already written
        return stop.code if isinstance(stop.code, int) else ExitStatus.BAD_INPUT
    except (Exception, KeyboardInterrupt) as error:
        known = describe(error)
        if known is None:
            raise
        status, message = known
        sys.stderr.write(f"{prog}: {inert_lines(message)}\n")  # file names, rule titles: shown, never obeyed
        return int(status)


if __name__ == "__main__":
    raise SystemExit(main())
