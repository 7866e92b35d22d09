"""``diagnose batch``: diagnose many tenants in one run, for a team lead.

Inputs are facts files, directories (every ``*.json`` below them, in sorted order, so
the output never depends on the file system's listing order) or ``-``: JSON Lines on
standard input, one facts document per line (blank lines are skipped but counted).

``--format jsonl`` (the default; standard output, UTF-8):

- one compact line per item, in input order (``batch_line``), keys always in this order:
  ``item`` (the file name or ``<stdin>:LINE``), ``label`` (the tenant's free-form
  ``tenant.label``, only when its facts give one), ``status``, ``exit``, then for ``ok``
  (exit 0: nothing fails and every check is decided), ``diagnosed`` (exit 1: problems found)
  and ``inconclusive`` (exit 4: nothing fails in what is known, but checks remain undecided):
  ``counts`` (failing, advisory, unknown, passed, not_applicable: rules; problems, notes: as
  the report lists them, a candidate cause under the diagnosis that reports it),
  ``top_severity`` (of its most severe problem, or null), ``criticals`` (its problems of the
  frame's most severe level), ``top_problem`` (the diagnosis its report starts with, or
  null), ``diagnoses`` (``id``, ``finding``, ``severity``, ``because``: the deciding facts
  and values; ``provided_that``: the missing facts a provisional diagnosis still waits on;
  ``advisory``; ``reported_by``: the diagnosis it is a candidate cause under), ``unknown`` (``id``, ``missing`` facts),
  ``not_applicable`` (``id``, ``because``), ``passed`` (ids), ``derived`` and ``questions``
  (the missing fact paths, most decisive first); for ``invalid`` (exit 2) or ``internal``
  (exit 3): ``error``, the located message, and when it is located by JSON path (a facts
  document that breaks the schema, a value refused while reading) ``problems``:
  ``[{"path": "$.a.b", "message": ...}]``. No line carries a text:
- a closing ``{"summary": {...}}``: ``items``; counts by ``exit`` and ``status``;
  ``tenants`` by outcome (problems, healthy, inconclusive, bad_input, internal);
  ``top_severity``: tenants by the severity of their most severe problem; ``criticals``: the
  critical problems of all tenants; ``diagnoses``: one entry per rule and ``kind`` (``problem``,
  ``note``: advisory, ``candidate``: a candidate cause listed under another), problems first, each
  kind most frequent first, with its severity, title, its commonest headline, how many tenants
  (and what percentage of all items) list it so, and how many had it as their
  *top problem* (the diagnosis their report starts with); ``texts``: every text the
  lines refer to, once, in ``--lang`` (``rules[ID]``: title, stage, origin, source,
  ``findings[FINDING]``: severity, headline, diagnosis, remedy, links, and ``not_applicable``: the
  reason; ``questions[PATH]``: the question that asks for the fact); ``metadata``: tool,
  version, rule-set hash and generation time, as in every report.

``--full``: each diagnosed line carries ``report`` instead, the whole report contract of
``diagnose --format json`` (without its metadata): texts and the sources of every fact.

``--format csv``: a header and one row per tenant (``ITEM_COLUMNS``); with ``--summary-only``
the summary's rows instead (``SUMMARY_COLUMNS``). Cells that a spreadsheet would run as a
formula (``=``, ``+``, ``-``, ``@``) start with ``'``. ``--excel``: the same rows for Excel, as
UTF-16 with its byte order mark and tab-separated (``ExcelWriter`` says why not ``sep=,``).
``--format table``: the tenants, then the summary, as plain-text tables fitted to the terminal,
every column aligned on every line; a tenant with problems shows its top severity as its status.
``--summary-only``: the summary alone.

JSON lines and CSV rows are flushed as each tenant is diagnosed, so a reader of a pipe gets
each one at once. ``--sort severity`` (whom to call first: the most severe top problem, then
the most criticals) needs every tenant before the first line, so it holds the lines until the
input ends; so does the table, which aligns its columns over all rows.

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
import csv
import gc
import io
import signal
import sys
import textwrap
from pathlib import Path
from typing import Any, Iterator, Mapping, NamedTuple, Sequence, TextIO

from tabulate import tabulate

from expert_engine import FactsError, RuleFileError
from writeback_doctor import __version__
from writeback_doctor.catalog import phrases, text
from writeback_doctor.diagnosis import diagnose, exit_status
from writeback_doctor.errors import ExitStatus, UsageError, UserError, describe, install_handlers, restore_handlers
from writeback_doctor.inert import inert_csv, inert_json, inert_lines, inert_terminal
from writeback_doctor.inputs import MAX_BYTES, InputError, parse_json, read_json
from writeback_doctor.knowledge import Knowledge, facts_schema_file, languages, load_knowledge
from writeback_doctor.report.batch_line import ENCODER, Severity, Texts, line_text, severity_rank, top_problem
from writeback_doctor.report.contract import Diagnosis, Report
from writeback_doctor.report.metadata import TOOL, Metadata, generation_time, rules_digest
from writeback_doctor.report.terminal import term, terminal_width, wrap
from writeback_doctor.sources.merge import FactsFileError, facts_provenance, merge, read_document
from writeback_doctor.sources.model import FACTS, Source

STATUS = {ExitStatus.OK: "ok", ExitStatus.PROBLEMS: "diagnosed", ExitStatus.BAD_INPUT: "invalid",
          ExitStatus.INTERNAL: "internal", ExitStatus.INCONCLUSIVE: "inconclusive"}
"""An item's status word by its exit status."""
WORST_LAST = (ExitStatus.OK, ExitStatus.INCONCLUSIVE, ExitStatus.PROBLEMS, ExitStatus.BAD_INPUT, ExitStatus.INTERNAL)
"""Item statuses from the best to the worst: the run exits with the worst item's."""
STDIN = "<stdin>"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``diagnose batch``."""
    parser.description = (
        "Diagnose many facts documents; write one JSON line per document and a closing summary.\n\n"
        "A line names rules, findings and facts by key: item, label, status (ok, diagnosed,\n"
        "inconclusive, invalid, internal), exit, counts (problems and notes as the report lists\n"
        "them), top_severity, criticals, top_problem, diagnoses (id, finding, severity, because:\n"
        "the deciding facts; advisory, reported_by), unknown (id, missing facts), not_applicable,\n"
        "passed, derived, questions (missing facts, most decisive first); an invalid line has\n"
        "error, and problems (JSON path, message) when located in the document. The summary's\n"
        "texts hold every title, diagnosis, remedy and question once; --full puts the whole\n"
        "report on each line.")
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="facts JSON file, directory (every *.json below it, sorted), or - for JSON Lines on stdin")
    parser.add_argument("--lang", choices=languages(), default="en", help="language of the reports (default: en)")
    parser.add_argument("--rules", metavar="DIR", help="use the rule files in DIR instead of the shipped ones")
    parser.add_argument("--format", choices=sorted(WRITERS), default=None,
                        help="jsonl: a JSON line per tenant and a summary line (default); csv: a row per tenant "
                             "(with --summary-only: the summary's rows); table: plain-text tables")
    parser.add_argument("--full", action="store_true",
                        help="jsonl: every line carries the whole report (as diagnose --format json: texts, sources) "
                             "instead of the compact line of ids, evidence and missing facts")
    parser.add_argument("--summary-only", action="store_true",
                        help="write only the summary: tenants by outcome and by top severity, problems by frequency "
                             "with headlines, severities, percentages and how often each is a tenant's top problem; "
                             "notes (advisory) apart")
    parser.add_argument("--sort", choices=SORTS, default="input",
                        help="input: each tenant's line as soon as it is diagnosed, in input order (default); severity: "
                             "the tenants with the most severe top problem and the most criticals first, then bad "
                             "input, inconclusive, healthy. Sorting needs every tenant: the lines are held until the "
                             "input ends (--format table always is)")
    parser.add_argument("--excel", action="store_true",
                        help="csv for Excel: UTF-16 with a byte order mark, tab-separated (what Excel writes as "
                             "\"Unicode text\"): opens by double-click with every letter and column intact in any "
                             "locale; redirect it to a file (> fleet.csv). Without it the CSV is UTF-8, comma-separated")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> ExitStatus:
    """Diagnose every item, write its line, then the summary; the worst item's status."""
    if args.inputs.count("-") > 1:
        raise UsageError("standard input (-) can be given only once")
    out = _output(args)
    knowledge = load_knowledge(args.rules)
    severities = tuple(s.name for s in knowledge.ruleset.severities if s.fails)  # most severe first: critical
    if "-" in args.inputs and sys.stdin.isatty():  # a person at a terminal would otherwise wait on silence
        sys.stderr.write(text("layout", args.lang, "stdin_reading") + "\n")
    items = list(_items(args.inputs))
    progress = _Progress(sys.stderr, total=None if "-" in args.inputs else len(items))
    worst = ExitStatus.OK
    tally = Tally(args.lang, severities)
    writer = (ExcelWriter if args.excel else WRITERS[args.format])(out, args.summary_only, args.lang, severities)
    # --sort: every tenant is needed before the first line; each is held as its sort key and what its writer
    # writes of it (a line's text, a row; nothing for the summary alone), not as its whole report
    held: list[tuple[tuple[int, ...], Any]] | None = [] if args.sort == "severity" else None
    remembered: dict[tuple[str, tuple[str, ...]], str] = knowledge.table("line texts", args.lang)
    with _Stopping() as stop, _LongLived():
        try:
            for entry in _expand(items):
                with stop.busy():  # a signal now finishes this item first
                    done = _diagnose_item(entry, knowledge, args.lang, args.full, writer.reads_lines, severities,
                                          remembered)
                    if writer.writes_items:  # else the summary alone: the tally is all a tenant gives
                        kept = writer.held(done)
                        if held is None:
                            writer.write(kept)
                        else:
                            held.append((by_severity(done.line, done.report, severities, done.severity), kept))
                    tally.add(done.status, done.report, done.severity, done.top)
                    worst = max(worst, done.status, key=WORST_LAST.index)
                    progress.step()
                if stop.signal is not None:
                    break
        except _Stopped:  # signalled while waiting for the next item
            pass
        progress.done()
        for _, kept in sorted(held or (), key=_first):
            writer.write(kept)
        metadata = Metadata(TOOL, __version__, rules_digest(knowledge.rules_dir, facts_schema_file()), generation_time())
        summary = tally.summary(metadata, by_severity_first=args.sort == "severity")
        if stop.signal is not None:
            summary["stopped_by"] = signal.Signals(stop.signal).name
        writer.summary(summary)
        out.flush()
    if stop.signal is not None:
        return ExitStatus.INTERRUPTED if stop.signal == signal.SIGINT else ExitStatus.TERMINATED
    if knowledge.problems:  # told once, by the command line's spine (exit 2), unless an item already failed worse
        problem = UserError(None, RuleFileError(knowledge.problems).render() + "\n(the reports above used the other rules)")
        if worst is not ExitStatus.INTERNAL:
            raise problem
        sys.stderr.write(f"diagnose batch: {inert_lines(problem)}\n")
    if not sum(tally.by_exit.values()):  # nothing diagnosed is not "healthy": an empty or failed upstream pipeline
        raise UserError(STDIN if "-" in args.inputs else None, (
            "no documents: standard input was empty (or only blank lines); did the command that feeds it fail?"
            if args.inputs == ["-"] else "no documents in the inputs (no *.json file, and no line on standard input)"))
    return worst


def _output(args: argparse.Namespace) -> TextIO:
    """Where the lines go, and ``args.format`` settled: standard output, or for ``--excel`` (CSV) its UTF-16 layer."""
    if not args.excel:
        args.format = args.format or "jsonl"
        return sys.stdout
    if args.format not in (None, "csv"):
        raise UsageError(f"--excel writes CSV for Excel; it cannot go with --format {args.format}")
    if sys.stdout.isatty():
        raise UsageError("--excel writes a file for Excel (UTF-16), not text for a terminal: redirect it, "
                         "e.g. diagnose batch fleet/ --excel > fleet.csv")
    args.format = "csv"
    return _excel_stream()


def _first(entry: tuple[Any, Any]) -> Any:
    return entry[0]


def _line(data: dict[str, Any]) -> str:
    return _inert_line(ENCODER.encode(data))


def _inert_line(text: str) -> str:
    """A line's JSON text made inert (``inert_json``), and its newline."""
    if not text.isascii() or "\x7f" in text:  # plain ASCII but DEL is inert already: skip the scan
        text = inert_json(text)
    return text + "\n"


class _LongLived:
    """While tenants are diagnosed, what exists before the first (the rule set, its compiled engine, the schema) is
    left out of the garbage collector's scans (``gc.freeze``): it lives as long as the run, and scanning it again at
    every full collection cost ~5-8% of a tenant. Given back to the collector at the end (``gc.unfreeze``), unless
    the process's start had frozen its heap already (``startup.resume_collection``: it stays so to the exit)."""

    def __init__(self) -> None:
        self._thaw = False

    def __enter__(self) -> None:
        self._thaw = gc.get_freeze_count() == 0
        gc.freeze()

    def __exit__(self, *exc: Any) -> None:
        if self._thaw:
            gc.unfreeze()


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
        self._previous = install_handlers(self.SIGNALS, self._receive)
        return self

    def __exit__(self, *exc: Any) -> None:
        restore_handlers(self._previous)

    def _receive(self, number: int, frame: Any) -> None:
        if self.signal is None:
            self.signal = number
        if not self._busy:
            raise _Stopped()

    def busy(self) -> _Busy:
        """A context during which a signal is only remembered (the item being diagnosed then finishes)."""
        return _Busy(self)


class _Busy:
    """``_Stopping.busy``: a plain context manager (a generator-based one costs more than a tenant's line)."""

    def __init__(self, stopping: _Stopping) -> None:
        self.stopping = stopping

    def __enter__(self) -> None:
        self.stopping._busy = True

    def __exit__(self, *exc: Any) -> None:
        self.stopping._busy = False


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
        try:
            raw = stream.readline(MAX_BYTES + 1)
        except OSError as error:  # closed (<&-) or failing: an item of its own, then the summary as always
            yield f"{STDIN}:{number + 1}", InputError(f"{STDIN}:{number + 1}", f"cannot read: {error.strerror or error}")
            return
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


class Done(NamedTuple):
    """One item diagnosed (or not): its output line (without the body ``text`` holds), exit status, report (None:
    the item could not be diagnosed), and what the writers and the tally read of the report, worked out once:
    its severity and top problem."""

    line: dict[str, Any]
    status: ExitStatus
    report: Report | None = None
    severity: Severity | None = None
    top: Diagnosis | None = None
    text: str | None = None
    """The whole line as JSON text (``batch_line.line_text``), when the compact line was asked for."""


def _diagnose_item(entry: tuple[str, Any], knowledge: Knowledge, lang: str, full: bool = False,
                   body: bool = True, severities: Sequence[str] = (),
                   remembered: dict[tuple[str, tuple[str, ...]], str] | None = None) -> Done:
    """The output line of one item, its exit status and its report (None: the item could not be diagnosed).

    The line carries the tenant's ``tenant.label`` (a free-form name: customer, ticket) when its
    facts give one, so that every output line can be joined back to a customer. ``full``: the
    line carries the whole report contract (texts, the sources of each fact), else the compact
    line (``batch_line``), which needs no sources: a facts document is then diagnosed as it is.
    ``body`` False: the caller writes no line of a diagnosed item (CSV, table, summary alone),
    so only its head (item, label, status, exit) is made. ``remembered``: ``line_text``'s texts, kept by the caller.
    """
    name, data = entry
    label = _label(data)
    head: dict[str, Any] = {"item": inert_terminal(name), **({"label": inert_terminal(label)} if label is not None else {})}
    try:
        if isinstance(data, InputError):
            raise data
        # as ``diagnose FILE`` does: a facts file (or one export) with the sources of its facts
        kind, claims = read_document(name, data)
        provenance: Mapping[str, tuple[Source, ...]] | None
        if claims is None:
            facts, provenance = data, facts_provenance(data, name) if full and body else None
        else:
            collected = merge(claims, (), {name: kind})
            facts, provenance = collected.facts, collected.provenance
        try:
            # a facts document was validated by read_document (to tell it from an export): not twice
            # the compact line, the rows and the summary show no symptom sections: only the full report has them
            report = diagnose(knowledge, facts, lang, provenance=provenance, validated=kind == FACTS,
                              symptoms=full and body)
        except FactsError as error:
            raise FactsFileError(name, error) from None
    except Exception as error:  # noqa: BLE001 - a bug in one item must not cost the others their lines
        known = describe(error)  # a bug (None) still gets its own line and status: the others and the summary go on
        status, message = known or (ExitStatus.INTERNAL, f"internal error: {type(error).__name__}: {error}")
        line = {**head, "status": STATUS[status], "exit": int(status), "error": inert_terminal(message)}
        if isinstance(error, FactsFileError):
            line["problems"] = [{"path": p.location, "message": inert_terminal(p.message)} for p in error.error.problems]
        elif isinstance(error, InputError) and (error.location or "").startswith(f"{name}: $"):  # a value refused where read
            path = (error.location or "")[len(name) + 2:]
            line["problems"] = [{"path": inert_terminal(path), "message": inert_terminal(error.message)}]
        return Done(line, status)
    status = exit_status(report)
    line = {**head, "status": STATUS[status], "exit": int(status)}
    severity, top = Severity.of(report, severities), top_problem(report)
    if body and full:
        line["report"] = report.to_json()
    elif body:
        return Done(line, status, report, severity, top,
                    line_text(line, report, severities, severity, top, {} if remembered is None else remembered))
    return Done(line, status, report, severity, top)


def _label(data: Any) -> str | None:
    """The free-form ``tenant.label`` of a facts document, if it has a textual one."""
    tenant = data.get("tenant") if isinstance(data, dict) else None
    label = tenant.get("label") if isinstance(tenant, dict) else None
    return label if isinstance(label, str) else None


# ------------------------------------------------------------------ summary


def _percent(count: int, total: int) -> float:
    return round(100.0 * count / total, 1) if total else 0.0


PROBLEM, NOTE, CANDIDATE = "problem", "note", "candidate"
KINDS = (PROBLEM, NOTE, CANDIDATE)
"""How a diagnosis is listed in a tenant's report: a problem (it fails somebody), a note (advisory, or of a severity
that fails nobody) or a candidate cause that another diagnosis reports under the observation they share."""


def kind_of(diagnosis: Diagnosis) -> str:
    """``PROBLEM``, ``NOTE`` or ``CANDIDATE``: how the tenant's report lists the diagnosis."""
    return CANDIDATE if diagnosis.reported_by else PROBLEM if diagnosis.fails else NOTE


class Tally:
    """What a team lead reads at the end: how many tenants fared how, and which problems are commonest.

    Diagnoses are counted as the tenants' reports list them: a problem, a note (advisory) or a candidate cause
    (listed under the diagnosis that reports the observation they share) are counted apart."""

    def __init__(self, lang: str = "en", severities: Sequence[str] = ()) -> None:
        self.by_exit = {code: 0 for code in sorted(STATUS)}
        self.texts = Texts(lang)
        self.severities = tuple(severities)
        self.any: dict[tuple[str, str], int] = {}
        self.top: dict[str, int] = {}
        self.titles: dict[str, str] = {}
        self.worst: dict[tuple[str, str], str] = {}
        self.headlines: dict[str, dict[str, int]] = {}
        self.by_top_severity = {name: 0 for name in self.severities}
        self.criticals = 0

    def add(self, status: ExitStatus, report: Report | None, severity: Severity | None = None,
            top: Diagnosis | None = None) -> None:
        """Count one item: its status, every diagnosis as its report lists it, its top problem and severity
        (``severity``, ``top``: ``Severity.of`` and ``top_problem`` of the report, when the caller has them)."""
        self.by_exit[status] += 1
        if report is None:
            return
        self.texts.add(report)
        for diagnosis in report.diagnoses:
            key = (diagnosis.id, kind_of(diagnosis))
            self.any[key] = self.any.get(key, 0) + 1
            self.titles.setdefault(diagnosis.id, diagnosis.title)
            self.worst[key] = min(self.worst.get(key, diagnosis.severity), diagnosis.severity, key=self._rank)
            seen = self.headlines.setdefault(diagnosis.id, {})
            seen[diagnosis.heading] = seen.get(diagnosis.heading, 0) + 1
        if severity is None:
            severity, top = Severity.of(report, self.severities), top_problem(report)
        if top is not None:
            self.top[top.id] = self.top.get(top.id, 0) + 1
        if severity.top is not None:
            self.by_top_severity[severity.top] = self.by_top_severity.get(severity.top, 0) + 1
        self.criticals += severity.criticals

    def _rank(self, severity: str) -> int:
        return severity_rank(severity, self.severities)

    def _headline(self, rule: str) -> str:
        """The rule's commonest headline over the fleet (its findings differ per tenant), first seen on a tie."""
        seen = self.headlines[rule]
        return max(seen, key=lambda headline: seen[headline])

    def summary(self, metadata: Metadata, by_severity_first: bool = False) -> dict[str, Any]:
        """The summary as data: counts by exit and status, tenants by outcome and by top severity, diagnoses by
        kind (problems, notes, candidate causes), each kind by frequency (``by_severity_first``: by severity,
        then frequency)."""
        items = sum(self.by_exit.values())

        def order(entry: tuple[tuple[str, str], int]) -> tuple[int, int, int, int, str]:
            (rule, kind), count = entry
            severity = self._rank(self.worst[(rule, kind)]) if by_severity_first else 0
            top = self.top.get(rule, 0) if kind == PROBLEM else 0
            return KINDS.index(kind), severity, -count, -top, rule

        diagnoses = []
        for (rule, kind), count in sorted(self.any.items(), key=order):
            top = self.top.get(rule, 0) if kind == PROBLEM else 0
            diagnoses.append({"id": rule, "kind": kind, "severity": self.worst[(rule, kind)], "title": self.titles[rule],
                              "headline": self._headline(rule), "tenants": count, "percent": _percent(count, items),
                              "top": top, "top_percent": _percent(top, items)})
        by = self.by_exit
        return {
            "items": items,
            "exit": {str(int(k)): v for k, v in by.items()},
            "status": {STATUS[k]: by[k] for k in WORST_LAST},
            "tenants": {"problems": by[ExitStatus.PROBLEMS], "healthy": by[ExitStatus.OK],
                        "inconclusive": by[ExitStatus.INCONCLUSIVE], "bad_input": by[ExitStatus.BAD_INPUT],
                        "internal": by[ExitStatus.INTERNAL]},
            "top_severity": dict(self.by_top_severity),
            "criticals": self.criticals,
            "diagnoses": diagnoses,
            "texts": self.texts.to_json(),
            "metadata": {key: value for key, value in metadata.to_json().items() if key != "inputs"},
        }


def by_severity(line: Mapping[str, Any], report: Report | None, severities: Sequence[str],
                severity: Severity | None = None) -> tuple[int, ...]:
    """``--sort severity``: whom a team lead calls first. Tenants with problems, the most severe top problem first,
    then more criticals, then more problems; then bad input and internal errors (someone must look at the input),
    inconclusive, healthy. Input order otherwise (the sort is stable)."""
    if report is None or not report.failing_diagnoses():
        return (1, len(severities), 0, 0, -WORST_LAST.index(ExitStatus(line["exit"])))
    if severity is None:
        severity = Severity.of(report, severities)
    return (0, severity_rank(severity.top, severities), -severity.criticals, -report.summary.problems, 0)


# ------------------------------------------------------------------ output formats


ITEM_COLUMNS = ("item", "label", "status", "exit", "top_severity", "criticals", "problems", "notes", "undecided",
                "top_problem", "top_headline", "all_problems", "all_notes", "error")
"""The CSV columns of one tenant (names, not translated: a spreadsheet's formulas refer to them). ``problems``,
``notes``: as the tenant's report lists them (a candidate cause under the diagnosis that reports it)."""
SUMMARY_COLUMNS = ("section", "id", "headline", "severity", "tenants", "percent", "top_problem_tenants",
                   "top_problem_percent")
"""The CSV columns of the summary: ``tenants`` rows (by outcome), ``top_severity`` rows (tenants by the severity of
their most severe problem), then ``problem``, ``note`` and ``candidate`` rows, each by frequency."""


def item_row(line: Mapping[str, Any], report: Report | None, severities: Sequence[str] = (),
             severity: Severity | None = None, top: Diagnosis | None = None) -> dict[str, Any]:
    """One tenant as a flat row (CSV, table); ``severity``, ``top``: ``Severity.of`` and ``top_problem`` of the
    report, when the caller has them."""
    row: dict[str, Any] = {"item": line["item"], "label": line.get("label", ""), "status": line["status"],
                           "exit": line["exit"], "error": line.get("error", "")}
    if report is not None:
        if severity is None:
            severity, top = Severity.of(report, severities), top_problem(report)
        listed = report.listed()
        row.update(top_severity=severity.top or "", criticals=severity.criticals, problems=report.summary.problems,
                   notes=report.summary.notes, undecided=report.summary.unknown,
                   top_problem=top.id if top else "", top_headline=top.heading if top else "",
                   all_problems=";".join(d.id for d in listed if d.fails),
                   all_notes=";".join(d.id for d in listed if not d.fails))
    return {column: row.get(column, "") for column in ITEM_COLUMNS}


def summary_rows(summary: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The summary as flat rows: one per outcome, one per top severity, then one per diagnosis by kind."""
    items = summary["items"]
    rows = [{"section": "tenants", "id": outcome, "headline": "", "severity": "", "tenants": count,
             "percent": _percent(count, items), "top_problem_tenants": "", "top_problem_percent": ""}
            for outcome, count in summary["tenants"].items()]
    rows += [{"section": "top_severity", "id": name, "headline": "", "severity": name, "tenants": count,
              "percent": _percent(count, items), "top_problem_tenants": "", "top_problem_percent": ""}
             for name, count in summary["top_severity"].items() if count]
    rows += [{"section": p["kind"], "id": p["id"], "headline": p["headline"], "severity": p["severity"],
              "tenants": p["tenants"], "percent": p["percent"], "top_problem_tenants": p["top"] if p["kind"] == PROBLEM else "",
              "top_problem_percent": p["top_percent"] if p["kind"] == PROBLEM else ""} for p in summary["diagnoses"]]
    return rows


class Writer:
    """One output format: told each tenant's line and report as they come, then the summary.

    A line-by-line format writes and flushes each tenant's line when it is told (a pipe's reader gets it at once)."""

    def __init__(self, out: TextIO, summary_only: bool, lang: str, severities: Sequence[str] = ()):
        self.out, self.summary_only, self.lang, self.severities = out, summary_only, lang, tuple(severities)

    @property
    def reads_lines(self) -> bool:
        """Whether ``held`` reads a diagnosed line past its head (item, label, status, exit)."""
        return False

    @property
    def writes_items(self) -> bool:
        """Whether a tenant is written at all (not with ``summary_only``)."""
        return not self.summary_only

    def held(self, done: Done) -> Any:
        """What ``write`` needs of one tenant (a line's text, a row), made at once: a sorted run holds only this.
        Called only when ``writes_items`` (``run`` asks neither ``held`` nor ``write`` for the summary alone)."""
        raise NotImplementedError

    def write(self, held: Any) -> None:
        """Write one tenant (``held``: what ``held`` made of it)."""
        raise NotImplementedError

    def summary(self, summary: Mapping[str, Any]) -> None:
        raise NotImplementedError


class JsonLinesWriter(Writer):
    """One JSON line per tenant, then ``{"summary": ...}`` (``summary_only``: the summary line alone)."""

    @property
    def reads_lines(self) -> bool:
        return not self.summary_only

    def held(self, done: Done) -> str:
        return _inert_line(done.text) if done.text is not None else _line(dict(done.line))

    def write(self, held: str) -> None:
        self.out.write(held)
        self.out.flush()

    def summary(self, summary: Mapping[str, Any]) -> None:
        self.out.write(_line({"summary": summary}))


class CsvWriter(Writer):
    """CSV (RFC 4180, comma, header row): a row per tenant, or with ``summary_only`` the summary's rows."""

    DELIMITER = ","

    def __init__(self, out: TextIO, summary_only: bool, lang: str, severities: Sequence[str] = ()):
        super().__init__(out, summary_only, lang, severities)
        columns = SUMMARY_COLUMNS if summary_only else ITEM_COLUMNS
        self.writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n", delimiter=self.DELIMITER)
        self.writer.writeheader()
        out.flush()

    def held(self, done: Done) -> dict[str, Any]:
        return _cells(item_row(done.line, done.report, self.severities, done.severity, done.top))

    def write(self, held: dict[str, Any]) -> None:
        self.writer.writerow(held)
        self.out.flush()

    def summary(self, summary: Mapping[str, Any]) -> None:
        if self.summary_only:
            self.writer.writerows(_cells(row) for row in summary_rows(summary))


class ExcelWriter(CsvWriter):
    """``--excel``: the CSV rows tab-separated, on a UTF-16 stream that starts with its byte order mark
    (``_excel_stream``). Excel reads a UTF-8 file without a mark in the machine's ANSI code page (Ukrainian titles
    become mojibake), and with a ``sep=,`` line it drops the UTF-8 mark again (reported in vue-json-csv#43,
    export-to-csv#119); a comma also splits nothing where the list separator is ``;`` (de, uk). UTF-16 with a
    mark and tabs is Excel's own "Unicode text": it needs neither hint."""

    DELIMITER = "\t"


class _Borrowed(io.TextIOWrapper):
    """A text layer over standard output's bytes that never closes them (when it is collected, say)."""

    def close(self) -> None:
        self.flush()


def _excel_stream() -> TextIO:
    """Standard output as UTF-16 (little-endian) text that starts with the byte order mark, written through."""
    stream = _Borrowed(sys.stdout.buffer, encoding="utf-16-le", newline="", write_through=True)
    stream.write("\ufeff")
    return stream


def _cells(row: Mapping[str, Any]) -> dict[str, Any]:
    """A CSV row whose texts a spreadsheet never runs as formulas (``inert.inert_csv``: a label ``=cmd|...``)."""
    return {column: inert_csv(value) for column, value in row.items()}


class TableWriter(Writer):
    """Plain-text tables for a terminal, aligned column by column and fitted to its width: the tenants (unless
    ``summary_only``), then the summary. A table aligns its columns over every row, so it is written at the end."""

    def __init__(self, out: TextIO, summary_only: bool, lang: str, severities: Sequence[str] = ()):
        super().__init__(out, summary_only, lang, severities)
        self.rows: list[list[Any]] = []
        self.words = phrases("batch", lang)

    def held(self, done: Done) -> list[Any]:
        row = item_row(done.line, done.report, self.severities, done.severity, done.top)
        # a tenant with problems shows its most severe one's severity as its status (``critical``)
        status = term(row["top_severity"], self.lang) if row["top_severity"] else self.words.get(row["status"], row["status"])
        tenant = f"{row['label']}\n{row['item']}" if row["label"] else row["item"]  # the label, its file below
        return [tenant, status, row["criticals"], row["problems"], row["notes"],
                row["top_problem"] or row["error"].split("\\n")[0][:200]]  # an error's first line

    def write(self, held: list[Any]) -> None:
        self.rows.append(held)

    def summary(self, summary: Mapping[str, Any]) -> None:
        words, width, lang = self.words, terminal_width(), self.lang
        out: list[str] = []
        if self.rows:
            headers = [words["tenant"], words["status"], words["criticals"], words["problems"], words["notes"],
                       words["top_problem"]]
            out += fit_table(self.rows, headers, width, flexible=(0, 5), numbers=(2, 3, 4)) + [""]
        counts = summary["tenants"]
        out += wrap(words["counts"].format(items=summary["items"], critical=summary["top_severity"].get(
            self.severities[0] if self.severities else "", 0), **counts), width)
        tops = [f"{term(name, lang)} {count}" for name, count in summary["top_severity"].items() if count]
        if tops:
            out += wrap(words["by_top_severity"].format(counts=", ".join(tops)), width)
        out.append("")
        for kind, heading in ((PROBLEM, "problem"), (NOTE, "note"), (CANDIDATE, "candidate")):
            rows = [p for p in summary["diagnoses"] if p["kind"] == kind]
            if not rows:
                continue
            if kind == PROBLEM:
                table = [[p["tenants"], f"{p['percent']:.1f}%", p["top"], f"{p['top_percent']:.1f}%",
                          term(p["severity"], lang), f"{p['headline']} ({p['id']})"] for p in rows]
                headers = [words["tenants"], "%", words["top"], "%", words["severity"], words[heading]]
                out += fit_table(table, headers, width, flexible=(5,), numbers=(0, 1, 2, 3))
            else:
                table = [[p["tenants"], f"{p['percent']:.1f}%", term(p["severity"], lang), f"{p['headline']} ({p['id']})"]
                         for p in rows]
                out += [""] + fit_table(table, [words["tenants"], "%", words["severity"], words[heading]], width,
                                        flexible=(3,), numbers=(0, 1))
        self.out.write("\n".join(inert_lines(line) for line in out) + "\n")


def fit_table(rows: list[list[Any]], headers: list[str], width: int, flexible: Sequence[int] = (),
              numbers: Sequence[int] = ()) -> list[str]:
    """``rows`` as a plain-text table (tabulate's ``simple``): every line at most ``width`` wide when it can be,
    the ``flexible`` columns wrapped (at spaces, else cut) to share what the others leave, ``numbers`` right-aligned.
    Each line of a wrapped cell keeps its column: the columns start at the same place on every line."""
    cells = [[str(cell) for cell in row] for row in rows]
    natural = [max([len(headers[n]) + _HEADER_PADDING] + [len(line) for row in cells for line in row[n].splitlines() or [""]])
               for n in range(len(headers))]
    room = width - 2 * (len(headers) - 1) - sum(w for n, w in enumerate(natural) if n not in flexible)
    limits: list[int | None] = [None] * len(headers)
    need = sum(natural[n] for n in flexible)
    for n in flexible:  # what the others leave, shared in proportion to what each column would take
        share = natural[n] if need <= room else room * natural[n] // need
        limits[n] = max(len(headers[n]) + _HEADER_PADDING, 8, share)
    wrapped = [[_wrap_cell(cell, limits[n]) for n, cell in enumerate(row)] for row in cells]
    align = ["right" if n in numbers else "left" for n in range(len(headers))]
    text = tabulate(wrapped, headers=headers, tablefmt="simple", disable_numparse=True, colalign=align)
    return [line.rstrip() for line in text.splitlines()]


def _wrap_cell(cell: str, limit: int | None) -> str:
    if limit is None or all(len(line) <= limit for line in cell.split("\n")):
        return cell
    return "\n".join(wrapped for line in cell.split("\n")
                     for wrapped in textwrap.wrap(line, limit, break_long_words=True, break_on_hyphens=True) or [""])


_HEADER_PADDING = 2
"""tabulate makes a column at least its header and two spaces wide (``tabulate.MIN_PADDING``)."""


WRITERS: dict[str, type[Writer]] = {"jsonl": JsonLinesWriter, "csv": CsvWriter, "table": TableWriter}
"""``--format`` -> the writer of that format."""
SORTS = ("input", "severity")
"""``--sort``: input order (each line as soon as it is diagnosed), or whom to call first (held until the end)."""


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
