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
  ``counts`` (failing, advisory, unknown, passed, not_applicable), ``top_problem`` (the
  diagnosis its report starts with, or null), ``diagnoses`` (``id``, ``finding``,
  ``severity``, ``because``: the deciding facts and values; ``provided_that``: the missing
  facts a provisional diagnosis still waits on), ``unknown`` (``id``, ``missing`` facts),
  ``not_applicable`` (``id``, ``because``), ``passed`` (ids), ``derived`` and ``questions``
  (the missing fact paths, most decisive first); for ``invalid`` (exit 2) or ``internal``
  (exit 3): ``error``, the located message, and when it is located by JSON path (a facts
  document that breaks the schema, a value refused while reading) ``problems``:
  ``[{"path": "$.a.b", "message": ...}]``. No line carries a text:
- a closing ``{"summary": {...}}``: ``items``; counts by ``exit`` and ``status``;
  ``tenants`` by outcome (problems, healthy, inconclusive, bad_input, internal);
  ``diagnoses``: one entry per rule, most frequent first, with its title, its commonest headline, how many tenants
  (and what percentage of all items) it was diagnosed in, and how many had it as their
  *top problem* (the diagnosis their report starts with); ``texts``: every text the
  lines refer to, once, in ``--lang`` (``rules[ID]``: title, stage, origin, source,
  ``findings[FINDING]``: severity, headline, diagnosis, remedy, links, and ``not_applicable``: the
  reason; ``questions[PATH]``: the question that asks for the fact); ``metadata``: tool,
  version, rule-set hash and generation time, as in every report.

``--full``: each diagnosed line carries ``report`` instead, the whole report contract of
``diagnose --format json`` (without its metadata): texts and the sources of every fact.

``--format csv``: a header and one row per tenant (``ITEM_COLUMNS``); with ``--summary-only``
the summary's rows instead (``SUMMARY_COLUMNS``). ``--format table``: the tenants, then the
summary, as plain-text tables fitted to the terminal. ``--summary-only``: the summary alone.

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
import json
import signal
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence, TextIO

from tabulate import tabulate

from expert_engine import FactsError, RuleFileError
from writeback_doctor import __version__
from writeback_doctor.catalog import phrases, text
from writeback_doctor.diagnosis import diagnose, exit_status
from writeback_doctor.errors import ExitStatus, UsageError, UserError, describe, install_handlers, restore_handlers
from writeback_doctor.inert import inert_csv, inert_json, inert_lines, inert_terminal
from writeback_doctor.inputs import MAX_BYTES, InputError, parse_json, read_json
from writeback_doctor.knowledge import facts_schema_file, languages, load_knowledge, rules_directory
from writeback_doctor.report.batch_line import Texts, compact
from writeback_doctor.report.contract import Diagnosis, Report
from writeback_doctor.report.metadata import TOOL, Metadata, generation_time, rules_digest
from writeback_doctor.report.terminal import terminal_width, wrap
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
        "inconclusive, invalid, internal), exit, counts, top_problem, diagnoses (id, finding,\n"
        "severity, because: the deciding facts), unknown (id, missing facts), not_applicable,\n"
        "passed, derived, questions (missing facts, most decisive first); an invalid line has\n"
        "error, and problems (JSON path, message) when located in the document. The summary's\n"
        "texts hold every title, diagnosis, remedy and question once; --full puts the whole\n"
        "report on each line.")
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="facts JSON file, directory (every *.json below it, sorted), or - for JSON Lines on stdin")
    parser.add_argument("--lang", choices=languages(), default="en", help="language of the reports (default: en)")
    parser.add_argument("--rules", metavar="DIR", help="use the rule files in DIR instead of the shipped ones")
    parser.add_argument("--format", choices=sorted(WRITERS), default="jsonl",
                        help="jsonl: a JSON line per tenant and a summary line (default); csv: a row per tenant "
                             "(with --summary-only: the summary's rows); table: plain-text tables")
    parser.add_argument("--full", action="store_true",
                        help="jsonl: every line carries the whole report (as diagnose --format json: texts, sources) "
                             "instead of the compact line of ids, evidence and missing facts")
    parser.add_argument("--summary-only", action="store_true",
                        help="write only the summary: tenants by outcome, problems by frequency with titles, "
                             "percentages and how often each is a tenant's top problem")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> ExitStatus:
    """Diagnose every item, write its line, then the summary; the worst item's status."""
    if args.inputs.count("-") > 1:
        raise UsageError("standard input (-) can be given only once")
    result, _, _ = load_knowledge(args.rules)
    if "-" in args.inputs and sys.stdin.isatty():  # a person at a terminal would otherwise wait on silence
        sys.stderr.write(text("layout", args.lang, "stdin_reading") + "\n")
    items = list(_items(args.inputs))
    progress = _Progress(sys.stderr, total=None if "-" in args.inputs else len(items))
    worst = ExitStatus.OK
    tally = Tally(args.lang)
    writer = WRITERS[args.format](sys.stdout, args.summary_only, args.lang)
    with _Stopping() as stop:
        try:
            for entry in _expand(items):
                with stop.busy():  # a signal now finishes this item first
                    line, status, report = _diagnose_item(entry, args.lang, args.rules, args.full, writer.reads_lines)
                    writer.item(line, report)
                    tally.add(status, report)
                    worst = max(worst, status, key=WORST_LAST.index)
                    progress.step()
                if stop.signal is not None:
                    break
        except _Stopped:  # signalled while waiting for the next item
            pass
        progress.done()
        rules = Path(args.rules) if args.rules else rules_directory()
        metadata = Metadata(TOOL, __version__, rules_digest(rules, facts_schema_file()), generation_time())
        summary = tally.summary(metadata)
        if stop.signal is not None:
            summary["stopped_by"] = signal.Signals(stop.signal).name
        writer.summary(summary)
        sys.stdout.flush()
    if stop.signal is not None:
        return ExitStatus.INTERRUPTED if stop.signal == signal.SIGINT else ExitStatus.TERMINATED
    if result.problems:  # told once, by the command line's spine (exit 2), unless an item already failed worse
        problem = UserError(None, RuleFileError(result.problems).render() + "\n(the reports above used the other rules)")
        if worst is not ExitStatus.INTERNAL:
            raise problem
        sys.stderr.write(f"diagnose batch: {inert_lines(problem)}\n")
    if not sum(tally.by_exit.values()):  # nothing diagnosed is not "healthy": an empty or failed upstream pipeline
        raise UserError(STDIN if "-" in args.inputs else None, (
            "no documents: standard input was empty (or only blank lines); did the command that feeds it fail?"
            if args.inputs == ["-"] else "no documents in the inputs (no *.json file, and no line on standard input)"))
    return worst


_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)  # lines are built here, never cyclic
"""``json.dumps(data, ensure_ascii=False)``, without the cycle bookkeeping at every container."""


def _line(data: dict[str, Any]) -> str:
    text = _ENCODER.encode(data)
    if not text.isascii() or "\x7f" in text:  # plain ASCII but DEL is inert already: skip the scan
        text = inert_json(text)
    return text + "\n"


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


def _diagnose_item(entry: tuple[str, Any], lang: str, rules: str | None, full: bool = False,
                   body: bool = True) -> tuple[dict[str, Any], ExitStatus, Report | None]:
    """The output line of one item, its exit status and its report (None: the item could not be diagnosed).

    The line carries the tenant's ``tenant.label`` (a free-form name: customer, ticket) when its
    facts give one, so that every output line can be joined back to a customer. ``full``: the
    line carries the whole report contract (texts, the sources of each fact), else the compact
    line (``batch_line``), which needs no sources: a facts document is then diagnosed as it is.
    ``body`` False: the caller writes no line of a diagnosed item (CSV, table, summary alone),
    so only its head (item, label, status, exit) is made.
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
            report = diagnose(facts, lang, rules, provenance=provenance, validated=kind == FACTS)
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
        return line, status, None
    status = exit_status(report)
    line = {**head, "status": STATUS[status], "exit": int(status)}
    if body:
        line.update({"report": report.to_json()} if full else compact(report))
    return line, status, report


def _label(data: Any) -> str | None:
    """The free-form ``tenant.label`` of a facts document, if it has a textual one."""
    tenant = data.get("tenant") if isinstance(data, dict) else None
    label = tenant.get("label") if isinstance(tenant, dict) else None
    return label if isinstance(label, str) else None


# ------------------------------------------------------------------ summary


def _percent(count: int, total: int) -> float:
    return round(100.0 * count / total, 1) if total else 0.0


class Tally:
    """What a team lead reads at the end: how many tenants fared how, and which problems are commonest."""

    def __init__(self, lang: str = "en") -> None:
        self.by_exit = {code: 0 for code in sorted(STATUS)}
        self.texts = Texts(lang)
        self.any: dict[str, int] = {}
        self.top: dict[str, int] = {}
        self.titles: dict[str, str] = {}
        self.headlines: dict[str, dict[str, int]] = {}

    def add(self, status: ExitStatus, report: Report | None) -> None:
        """Count one item: its status, every rule it was diagnosed with, and its top problem."""
        self.by_exit[status] += 1
        if report is None:
            return
        self.texts.add(report)
        for diagnosis in report.diagnoses:
            self.any[diagnosis.id] = self.any.get(diagnosis.id, 0) + 1
            self.titles.setdefault(diagnosis.id, diagnosis.title)
            seen = self.headlines.setdefault(diagnosis.id, {})
            seen[diagnosis.heading] = seen.get(diagnosis.heading, 0) + 1
        top = top_problem(report)
        if top is not None:
            self.top[top.id] = self.top.get(top.id, 0) + 1

    def _headline(self, rule: str) -> str:
        """The rule's commonest headline over the fleet (its findings differ per tenant), first seen on a tie."""
        seen = self.headlines[rule]
        return max(seen, key=lambda headline: seen[headline])

    def summary(self, metadata: Metadata) -> dict[str, Any]:
        """The summary as data: counts by exit and status, tenants by outcome, problems by frequency."""
        items = sum(self.by_exit.values())
        ranked = sorted(self.any.items(), key=lambda kv: (-kv[1], -self.top.get(kv[0], 0), kv[0]))
        problems = [{"id": rule, "title": self.titles[rule], "headline": self._headline(rule), "tenants": count, "percent": _percent(count, items),
                     "top": self.top.get(rule, 0), "top_percent": _percent(self.top.get(rule, 0), items)}
                    for rule, count in ranked]
        by = self.by_exit
        return {
            "items": items,
            "exit": {str(int(k)): v for k, v in by.items()},
            "status": {STATUS[k]: by[k] for k in WORST_LAST},
            "tenants": {"problems": by[ExitStatus.PROBLEMS], "healthy": by[ExitStatus.OK],
                        "inconclusive": by[ExitStatus.INCONCLUSIVE], "bad_input": by[ExitStatus.BAD_INPUT],
                        "internal": by[ExitStatus.INTERNAL]},
            "diagnoses": problems,
            "texts": self.texts.to_json(),
            "metadata": {key: value for key, value in metadata.to_json().items() if key != "inputs"},
        }


def top_problem(report: Report) -> Diagnosis | None:
    """A tenant's top problem: the diagnosis its report starts with, else its first that fails somebody."""
    start = report.start_here()
    if start is not None:
        return start[1]
    failing = report.failing_diagnoses()
    return failing[0] if failing else None


# ------------------------------------------------------------------ output formats


ITEM_COLUMNS = ("item", "label", "status", "exit", "problems", "notes", "undecided", "top_problem", "top_headline",
                "all_problems", "error")
"""The CSV columns of one tenant (names, not translated: a spreadsheet's formulas refer to them)."""
SUMMARY_COLUMNS = ("section", "id", "headline", "tenants", "percent", "top_problem_tenants", "top_problem_percent")
"""The CSV columns of the summary: ``tenants`` rows (by outcome), then ``problem`` rows by frequency."""


def item_row(line: Mapping[str, Any], report: Report | None) -> dict[str, Any]:
    """One tenant as a flat row (CSV, table)."""
    row: dict[str, Any] = {"item": line["item"], "label": line.get("label", ""), "status": line["status"],
                           "exit": line["exit"], "error": line.get("error", "")}
    if report is not None:
        top = top_problem(report)
        row.update(problems=report.summary.failing, notes=report.summary.advisory, undecided=report.summary.unknown,
                   top_problem=top.id if top else "", top_headline=top.heading if top else "",
                   all_problems=";".join(d.id for d in report.diagnoses))
    return {column: row.get(column, "") for column in ITEM_COLUMNS}


def summary_rows(summary: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The summary as flat rows: one per outcome, then one per problem, most frequent first."""
    items = summary["items"]
    rows = [{"section": "tenants", "id": outcome, "headline": "", "tenants": count, "percent": _percent(count, items),
             "top_problem_tenants": "", "top_problem_percent": ""} for outcome, count in summary["tenants"].items()]
    rows += [{"section": "problem", "id": p["id"], "headline": p["headline"], "tenants": p["tenants"], "percent": p["percent"],
              "top_problem_tenants": p["top"], "top_problem_percent": p["top_percent"]} for p in summary["diagnoses"]]
    return rows


class Writer:
    """One output format: told each tenant's line and report as they come, then the summary."""

    def __init__(self, out: TextIO, summary_only: bool, lang: str):
        self.out, self.summary_only, self.lang = out, summary_only, lang

    @property
    def reads_lines(self) -> bool:
        """Whether ``item`` reads a diagnosed line past its head (item, label, status, exit)."""
        return False

    def item(self, line: Mapping[str, Any], report: Report | None) -> None:
        raise NotImplementedError

    def summary(self, summary: Mapping[str, Any]) -> None:
        raise NotImplementedError


class JsonLinesWriter(Writer):
    """One JSON line per tenant, then ``{"summary": ...}`` (``summary_only``: the summary line alone)."""

    @property
    def reads_lines(self) -> bool:
        return not self.summary_only

    def item(self, line: Mapping[str, Any], report: Report | None) -> None:
        if not self.summary_only:
            self.out.write(_line(dict(line)))

    def summary(self, summary: Mapping[str, Any]) -> None:
        self.out.write(_line({"summary": summary}))


class CsvWriter(Writer):
    """CSV (RFC 4180, comma, header row): a row per tenant, or with ``summary_only`` the summary's rows."""

    def __init__(self, out: TextIO, summary_only: bool, lang: str):
        super().__init__(out, summary_only, lang)
        columns = SUMMARY_COLUMNS if summary_only else ITEM_COLUMNS
        self.writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
        self.writer.writeheader()

    def item(self, line: Mapping[str, Any], report: Report | None) -> None:
        if not self.summary_only:
            self.writer.writerow(_cells(item_row(line, report)))

    def summary(self, summary: Mapping[str, Any]) -> None:
        if self.summary_only:
            self.writer.writerows(_cells(row) for row in summary_rows(summary))


def _cells(row: Mapping[str, Any]) -> dict[str, Any]:
    """A CSV row whose texts a spreadsheet never runs as formulas (``inert.inert_csv``: a label ``=cmd|...``)."""
    return {column: inert_csv(value) for column, value in row.items()}


class TableWriter(Writer):
    """Plain-text tables for a terminal: the tenants (unless ``summary_only``), then the summary."""

    def __init__(self, out: TextIO, summary_only: bool, lang: str):
        super().__init__(out, summary_only, lang)
        self.rows: list[list[Any]] = []
        self.words = phrases("batch", lang)

    def item(self, line: Mapping[str, Any], report: Report | None) -> None:
        if not self.summary_only:
            row = item_row(line, report)
            self.rows.append([row["item"], row["label"], self.words.get(row["status"], row["status"]),
                              row["top_problem"] or row["error"][:60]])

    def summary(self, summary: Mapping[str, Any]) -> None:
        words, width = self.words, terminal_width()
        out: list[str] = []
        if self.rows:
            out += tabulate(self.rows, headers=[words["item"], words["label"], words["status"], words["top_problem"]],
                            tablefmt="simple", disable_numparse=True).splitlines() + [""]
        counts = summary["tenants"]
        out += wrap(words["counts"].format(items=summary["items"], **counts), width) + [""]
        if summary["diagnoses"]:
            title_w = max(20, width - 38)
            rows = [[p["tenants"], f"{p['percent']:.1f}%", p["top"], f"{p['top_percent']:.1f}%",
                     "\n".join(wrap(f"{p['headline']} ({p['id']})", title_w))] for p in summary["diagnoses"]]
            out += tabulate(rows, headers=[words["tenants"], "%", words["top"], "%", words["problem"]],
                            tablefmt="simple", disable_numparse=True).splitlines()
        self.out.write(inert_lines("\n".join(out)) + "\n")


WRITERS: dict[str, type[Writer]] = {"jsonl": JsonLinesWriter, "csv": CsvWriter, "table": TableWriter}
"""``--format`` -> the writer of that format."""


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
