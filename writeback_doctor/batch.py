"""``diagnose batch``: diagnose many tenants in one run, one JSON Lines result per tenant.

Inputs are facts files, directories (every ``*.json`` below them, in sorted order, so
the output never depends on the file system's listing order) or ``-``: JSON Lines on
standard input, one facts document per line (blank lines are skipped but counted).

Output (standard output, JSON Lines, UTF-8):

- one line per item, in input order: ``{"item": NAME, "status": S, "exit": N, ...}``
  where NAME is the file name or ``<stdin>:LINE``; S is ``ok`` (exit 0: nothing fails and
  every check is decided), ``diagnosed`` (exit 1: problems found) or ``inconclusive``
  (exit 4: nothing fails in what is known, but checks remain undecided), each with
  ``report``: the report contract of ``diagnose --format json``; or ``invalid`` (exit 2)
  or ``internal`` (exit 3), with ``error``: the located message;
- a closing ``{"summary": {"items": .., "exit": {"0": .., ...}, "status": {"ok": .., ...},
  "diagnoses": {rule id: count}}}``.

A bad item never stops the run. The exit status is the worst item's: internal (3) >
invalid (2) > diagnosed (1) > inconclusive (4) > ok (0); 2 also when rule files are
broken (their problems are written to stderr at the end). SIGINT (Ctrl-C) or SIGTERM
finishes the item being diagnosed, writes the summary of what was done (with
``"stopped_by": "SIGINT"`` or ``"SIGTERM"``) and exits 130 or 143.

Item names are shown inert (``inert.inert_terminal``): a file name that is not UTF-8
shows its bytes as ``\xe9``, a control character as its escape, so a line never breaks
and always encodes; every line is written with ``inert.inert_json``.
A progress bar is drawn on standard error only when it is a terminal.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence, TextIO

from .diagnosis import diagnose, exit_status
from .engine import FactsError, RuleFileError
from .errors import ExitStatus, UsageError, UserError, describe
from .inert import inert_json, inert_terminal
from .inputs import MAX_BYTES, InputError, parse_json, read_json
from .knowledge import languages, load_knowledge
from .sources.merge import FactsFileError, claims_of, merge, provenance_of
from .sources.model import FACTS, Source

STATUS = {ExitStatus.OK: "ok", ExitStatus.PROBLEMS: "diagnosed", ExitStatus.BAD_INPUT: "invalid",
          ExitStatus.INTERNAL: "internal", ExitStatus.INCONCLUSIVE: "inconclusive"}
"""An item's status word by its exit status."""
WORST_LAST = (ExitStatus.OK, ExitStatus.INCONCLUSIVE, ExitStatus.PROBLEMS, ExitStatus.BAD_INPUT, ExitStatus.INTERNAL)
"""Item statuses from the best to the worst: the run exits with the worst item's."""
STDIN = "<stdin>"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``diagnose batch``."""
    parser.description = "Diagnose many facts documents; write one JSON line per document and a closing summary."
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="facts JSON file, directory (every *.json below it, sorted), or - for JSON Lines on stdin")
    parser.add_argument("--lang", choices=languages(), default="en", help="language of the reports (default: en)")
    parser.add_argument("--rules", metavar="DIR", help="use the rule files in DIR instead of the shipped ones")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> ExitStatus:
    """Diagnose every item, write its line, then the summary; the worst item's status."""
    if args.inputs.count("-") > 1:
        raise UsageError("standard input (-) can be given only once")
    result, _, _ = load_knowledge(args.rules)
    items = list(_items(args.inputs))
    progress = _Progress(sys.stderr, total=None if "-" in args.inputs else len(items))
    worst = ExitStatus.OK
    by_exit = {code: 0 for code in sorted(STATUS)}
    by_diagnosis: dict[str, int] = {}
    out = sys.stdout
    with _Stopping() as stop:
        try:
            for entry in _expand(items):
                with stop.busy():  # a signal now finishes this item first
                    line, status = _diagnose_item(entry, args.lang, args.rules, by_diagnosis)
                    out.write(_line(line))
                    by_exit[status] += 1
                    worst = max(worst, status, key=WORST_LAST.index)
                    progress.step()
                if stop.signal is not None:
                    break
        except _Stopped:  # signalled while waiting for the next item
            pass
        progress.done()
        summary: dict[str, Any] = {"items": sum(by_exit.values()), "exit": {str(int(k)): v for k, v in by_exit.items()},
                                   "status": {STATUS[k]: by_exit[k] for k in WORST_LAST},
                                   "diagnoses": dict(sorted(by_diagnosis.items()))}
        if stop.signal is not None:
            summary["stopped_by"] = signal.Signals(stop.signal).name
        out.write(_line({"summary": summary}))
        out.flush()
    if stop.signal is not None:
        return ExitStatus.INTERRUPTED if stop.signal == signal.SIGINT else ExitStatus.TERMINATED
    if result.problems:  # told once, by the command line's spine (exit 2), unless an item already failed worse
        problem = UserError(None, RuleFileError(result.problems).render() + "\n(the reports above used the other rules)")
        if worst is not ExitStatus.INTERNAL:
            raise problem
        sys.stderr.write(f"diagnose batch: {problem}\n")
    return worst


def _line(data: dict[str, Any]) -> str:
    return inert_json(json.dumps(data, ensure_ascii=False)) + "\n"


class _Stopped(Exception):
    """SIGINT or SIGTERM arrived while no item was being diagnosed."""


class _Stopping:
    """SIGINT and SIGTERM, while batch runs: remembered during an item (which then finishes), raised between items."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self) -> None:
        self.signal: int | None = None
        self._busy = False
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> _Stopping:
        try:
            for number in self.SIGNALS:
                self._previous[number] = signal.signal(number, self._receive)
        except ValueError:  # not the main thread (an embedding program): signals stay as they were
            pass
        return self

    def __exit__(self, *exc: Any) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)

    def _receive(self, number: int, frame: Any) -> None:
        if self.signal is None:
            self.signal = number
        if not self._busy:
            raise _Stopped()

    @contextmanager
    def busy(self) -> Iterator[None]:
        self._busy = True
        try:
            yield
        finally:
            self._busy = False


# ------------------------------------------------------------------ inputs


def _items(inputs: Sequence[str]) -> Iterator[tuple[str, str]]:
    """``(kind, name)`` per input: ``file`` or ``stdin``; a directory becomes its ``*.json`` files, sorted."""
    for name in inputs:
        path = Path(name)
        if name == "-":
            yield "stdin", STDIN
        elif path.is_dir():
            files = [p for p in path.rglob("*.json") if p.is_file()]
            for file in sorted(files, key=lambda p: p.relative_to(path).parts):
                yield "file", str(file)
        else:
            yield "file", name  # read_json reports a missing or unreadable file, located


def _expand(items: list[tuple[str, str]]) -> Iterator[tuple[str, Any]]:
    """``(name, facts or InputError)`` per document, standard input read line by line."""
    for kind, name in items:
        if kind == "stdin":
            yield from _json_lines(sys.stdin.buffer)
        else:
            try:
                yield name, read_json(name)
            except InputError as error:
                yield name, error


def _json_lines(stream: Any) -> Iterator[tuple[str, Any]]:
    """One facts document per line; each line is capped like a facts file (``MAX_BYTES``)."""
    number = 0
    while True:
        raw = stream.readline(MAX_BYTES + 1)
        if not raw:
            return
        number += 1
        name = f"{STDIN}:{number}"
        if len(raw) > MAX_BYTES and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the oversized line
                raw = stream.readline(MAX_BYTES + 1)
            yield name, InputError(name, f"line longer than the {MAX_BYTES // (1024 * 1024)} MiB limit")
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError as error:
            yield name, InputError(name, f"not UTF-8 text (byte {error.start}); JSON Lines must be UTF-8")
            continue
        if not text.strip():
            continue
        try:
            yield name, parse_json(text, STDIN, line=number)
        except InputError as error:
            yield name, error


# ------------------------------------------------------------------ diagnosing


def _diagnose_item(entry: tuple[str, Any], lang: str, rules: str | None,
                   by_diagnosis: dict[str, int]) -> tuple[dict[str, Any], ExitStatus]:
    """The output line of one item and its exit status."""
    name, data = entry
    try:
        if isinstance(data, InputError):
            raise data
        # as ``diagnose FILE`` does: a facts file (or one export) with the sources of its facts
        kind, claims = claims_of(name, data)
        provenance: Mapping[str, tuple[Source, ...]]
        if kind == FACTS:
            facts, provenance = data, provenance_of(claims)
        else:
            collected = merge(claims, (), {name: kind})
            facts, provenance = collected.facts, collected.provenance
        try:
            report = diagnose(facts, lang, rules, provenance=provenance)
        except FactsError as error:
            raise FactsFileError(name, error) from None
    except Exception as error:
        known = describe(error)
        if known is None:
            raise
        status, message = known
        line = {"item": inert_terminal(name), "status": STATUS[status], "exit": int(status), "error": inert_terminal(message)}
        return line, status
    status = exit_status(report)
    for diagnosis in report.diagnoses:
        by_diagnosis[diagnosis.id] = by_diagnosis.get(diagnosis.id, 0) + 1
    return {"item": inert_terminal(name), "status": STATUS[status], "exit": int(status), "report": report.to_json()}, status


# ------------------------------------------------------------------ progress


class _Progress:
    """A one-line progress bar on a terminal; silent when the stream is a file or a pipe."""

    WIDTH = 30

    def __init__(self, stream: TextIO, total: int | None):
        self._stream = stream
        self._total = total
        self._count = 0
        try:
            self._on = stream.isatty()
        except (AttributeError, ValueError):
            self._on = False

    def step(self) -> None:
        self._count += 1
        if not self._on:
            return
        if self._total:
            filled = self.WIDTH * self._count // self._total
            self._stream.write(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {self._count}/{self._total}")
        else:
            self._stream.write(f"\r{self._count} diagnosed")
        self._stream.flush()

    def done(self) -> None:
        if self._on and self._count:
            self._stream.write("\n")
            self._stream.flush()
