"""The terminal report: fits the terminal's width, says first what to do, keeps the rest short.

Below ``WIDE`` columns the findings are stacked (severity and headline; diagnosis; what to do;
because); from ``WIDE`` on they are a table whose columns share the width, but only where that
table is no longer than the stacked layout and cuts no word (else stacked). Passed checks
are a count (``verbose``: their titles); the questions still open are grouped by where they
are answered, most decisive first, the most decisive of each place in full and the others by fact name
(``verbose``: every question in full, and each undecided check with the facts it reads
itself and the number of undecided earlier checks it waits on). Words are never cut
inside: a line breaks between words, and only a word longer than the whole line is split.
"""

from __future__ import annotations

import textwrap
from typing import Callable, Iterable, Mapping, Sequence

from writeback_doctor.catalog import phrases
from writeback_doctor.columns import terminal_columns
from writeback_doctor.inert import inert_terminal
from writeback_doctor.report.contract import Because, Diagnosis, Report, Unknown
from writeback_doctor.report.shown import file_shown
from writeback_doctor.report.symptom_view import symptom_sections
from writeback_doctor.report.unknowns import compact, group_by_place, own_missing, waits_on

WIDE = 120
"""From this many columns on, the findings are a table; below, stacked."""
ALSO_LINES = 3
"""Lines at most for the facts of a place that are named, not asked in full (``verbose``: all of them)."""
FALLBACK_WIDTH = 80
"""The width when neither ``COLUMNS`` nor a terminal says one (output to a file or a pipe)."""
QUESTIONS_PER_PLACE = 1
"""Questions shown in full per place without ``verbose`` (its most decisive); the others are named by fact."""


def terminal_width() -> int:
    """The width to fit: ``COLUMNS`` if set, else the terminal's, else ``FALLBACK_WIDTH``."""
    return max(40, terminal_columns(FALLBACK_WIDTH))


def term(name: str, lang: str) -> str:
    """A frame name (severity or stage) in the report's language, as written when not translated."""
    return str(phrases("terms", lang).get(name, name))


def _rule_list(verbose: bool, head: str, entries: list[tuple[str, str]], summary: list[str], width: int) -> list[str]:
    """A group of rules (not applicable, passed): under ``--verbose`` a head and one wrapped
    ``id: text`` entry each, else the short summary."""
    if not verbose:
        return summary
    return [head] + [line for rule_id, text in entries for line in wrap(f"{rule_id}: {text}", width, "  ", "    ")]


def wrap(text: str, width: int, first: str = "", rest: str | None = None, split_long_words: bool = True) -> list[str]:
    """``text`` wrapped to ``width`` between words, with indents. A word longer than a line is split,
    unless ``split_long_words`` is false (a file name, which a reader copies back whole, then overruns)."""
    rest = first if rest is None else rest
    return textwrap.wrap(" ".join(str(text).split()), width=width, initial_indent=first, subsequent_indent=rest,
                         break_on_hyphens=False, break_long_words=split_long_words) or [first.rstrip()]


def refused_lines(report: Report, width: int, words: Mapping[str, str]) -> list[str]:
    """The files the report was built without, and why: right under the title, never below the findings."""
    if not report.refused:
        return []
    out = wrap(words["refused"].format(count=len(report.refused)), width)
    for entry in report.refused:
        out += wrap(inert_terminal(f"{entry.file}: {entry.reason}"), width, "  ", "    ", split_long_words=False)
    return out + [""]


def table_lines(report: Report, words: Mapping[str, str], because_text: Callable[[Sequence[Because]], str],
                headline: str | None = None, width: int | None = None, verbose: bool = False) -> list[str]:
    """The terminal report's lines, fitted to ``width`` (default: ``terminal_width()``).

    ``words`` are the report's own words, ``because_text`` renders a finding's evidence and
    ``headline`` is what the report says as a whole (all from ``report.py``), so that every
    format says them the same way.
    """
    width = width or terminal_width()
    lang = report.lang
    words = {**words, **phrases("layout", lang)}
    out = wrap(words["title"], width) + refused_lines(report, width, words) + wrap(
        words["summary"].format(**report.summary.counts()), width) + [""]
    start = start_line(report, words)
    if start:
        out += wrap(start, width, "", "  ") + [""]
    if headline:
        out += wrap(headline, width)
    if report.diagnoses:
        out += [words["diagnoses"]]
        stacked = _findings_stacked(report, width, words, because_text)
        table = _findings_table(report, width, words, because_text) if width >= WIDE else None
        # a table only where it is no longer than the stacked layout and cuts no word (both fit the width)
        fits = table is not None and len(table) <= len(stacked) and max(map(len, table)) <= width \
            and not _cuts_words(report, table)
        out += table if fits and table is not None else stacked
    out += _symptoms(report, width)
    if report.unknown:
        out += [""] + _unknowns(report, width, words, verbose)
    if report.not_applicable:
        out += [""] + _rule_list(
            verbose, words["not_applicable_head"].format(count=len(report.not_applicable)),
            [(entry.id, entry.reason) for entry in report.not_applicable],
            wrap(f"{words['not_applicable']}: " + ", ".join(n.id for n in report.not_applicable), width, "", "  "), width)
    if report.passed:
        out += [""] + _rule_list(
            verbose, words["passed_head"].format(passed=len(report.passed)),
            [(passed.id, passed.rule.title[lang]) for passed in report.passed],
            wrap(words["passed_count"].format(passed=len(report.passed)), width), width)
    meta = report.metadata
    if meta is not None:
        out += [""] + wrap(words["traced"].format(tool=meta.tool, version=meta.version, rules=meta.rules_sha256[:12],
                                                  time=meta.generated), width)
        if meta.knowledge_checked is not None:
            key = "knowledge_stale" if meta.knowledge_stale else "knowledge_line"
            out += wrap(words[key].format(date=meta.knowledge_checked), width)
        for item in meta.inputs:
            out += wrap(words["input"].format(name=inert_terminal(file_shown(item.name)), sha256=item.sha256[:12]), width)
    return out


def _symptoms(report: Report, width: int) -> list[str]:
    """The symptom sections (``report.symptom_view``): each observation, the causes consistent with it numbered
    likeliest first, what is ruled out; what no rule explains. Nothing without observations."""
    out: list[str] = []
    for section in symptom_sections(report):
        out += [""] + wrap(section.heading, width)
        for entry in section.entries:
            out += wrap(entry.head, width, "  ", "    ")
            for n, cause in enumerate(entry.causes, 1):
                out += wrap(f"{n}. {cause}", width, "    ", "       ")
            if entry.ruled_out:
                out += wrap(entry.ruled_out, width, "    ", "      ")
    return out


def provided_lines(diagnosis: Diagnosis, words: Mapping[str, str]) -> list[str]:
    """The conditions a diagnosis still assumes, one sentence each: "provided that ... (to confirm, answer: ...)".

    Every format shows them right after the diagnosis' evidence, so a provisional diagnosis never reads as definite.
    """
    lines = []
    for proviso in diagnosis.provided:
        line = words["provided_that"].format(condition=proviso.condition)
        if proviso.questions:
            asked = "; ".join(f"{q.question} [{q.path}]" for q in proviso.questions)
            line += f" ({words['to_confirm'].format(questions=asked)})"
        lines.append(line[:1].upper() + line[1:])
    return lines


def start_line(report: Report, words: Mapping[str, str]) -> str:
    """The report's first thing to do, in one line: "Start with #2 (critical, affects every user): <headline>."."""
    start = report.start_here()
    if start is None:
        return ""
    number, diagnosis = start
    severity = term(diagnosis.severity, report.lang)
    key = "start_here" if diagnosis.reach else "start_here_plain"
    return words[key].format(number=number, severity=severity, reach=diagnosis.reach, headline=diagnosis.heading)


def severity_label(diagnosis: Diagnosis, lang: str, words: Mapping[str, str]) -> str:
    """The severity as a heading shows it; an advisory diagnosis says so beside its own severity."""
    label = term(diagnosis.severity, lang)
    return f"{label}, {words['advisory']}" if diagnosis.advisory else label


def aside_lines(report: Report, diagnosis: Diagnosis, words: Mapping[str, str],
                because_text: Callable[[Sequence[Because]], str]) -> list[tuple[int, str]]:
    """What follows a diagnosis' evidence, as (level, sentence): why it is advisory, and the other candidate
    causes of the observation it reports, likeliest first, each with the facts that tell it apart and its remedy."""
    out: list[tuple[int, str]] = []
    if diagnosis.advisory:
        out.append((0, words["advisory_line"].format(reach=diagnosis.reach)))
    others = report.candidates_of(diagnosis)
    if not others:
        return out
    out.append((0, words["candidates_head"].format(observed=diagnosis.observed.rstrip("."), count=len(others) + 1)))
    for rank, entry in enumerate((diagnosis, *others), 1):
        shared = {(b.evidence.kind, b.evidence.name) for b in diagnosis.because} if entry is not diagnosis else set()
        own = [b for b in entry.because if (b.evidence.kind, b.evidence.name) not in shared
               and b.evidence.kind != "derived"] or list(entry.because)
        if entry is diagnosis:
            own = [b for b in entry.because if all((b.evidence.kind, b.evidence.name) not in
                                                   {(c.evidence.kind, c.evidence.name) for c in other.because}
                                                   for other in others)] or list(entry.because)
        head = words["candidate"].format(rank=rank, headline=entry.heading, id=entry.id,
                                         severity=term(entry.severity, report.lang))
        out.append((1, f"{head} {words['told_apart']}: {because_text(own)}"
                       + ("" if entry is diagnosis else f". {words['remedy']}: {entry.remedy}")))
    return out


def _findings_stacked(report: Report, width: int, words: Mapping[str, str], because_text: Callable[[Sequence[Because]], str]) -> list[str]:
    lang = report.lang
    out: list[str] = []
    for n, d in enumerate(report.listed(), 1):
        head = f"{n}. [{severity_label(d, lang, words).upper()}] {d.heading} ({term(d.stage, lang)}, {d.id})"
        out += [""] + wrap(head, width, "", "   ")
        out += wrap(d.diagnosis, width, "   ")
        out += wrap(f"{words['remedy']}: {d.remedy}", width, "   ", "     ")
        out += wrap(f"{words['because']}: {because_text(d.because)}", width, "   ", "     ")
        for line in provided_lines(d, words):
            out += wrap(line, width, "   ", "     ")
        for level, line in aside_lines(report, d, words, because_text):
            indent = "   " + "  " * level
            out += wrap(line, width, indent, indent + "   ")
    return out


def _findings_table(report: Report, width: int, words: Mapping[str, str],
                    because_text: Callable[[Sequence[Because]], str]) -> list[str]:
    lang = report.lang
    headers = ["#", words["severity"], words["stage"], words["rule"], words["diagnosis"], words["remedy"]]
    fixed = [max([len(str(len(report.diagnoses)))] + [len(headers[0]) + 2]),
             max([len(severity_label(d, lang, words)) for d in report.diagnoses] + [len(headers[1]) + 2]),
             max([len(term(d.stage, lang)) for d in report.diagnoses] + [len(headers[2]) + 2])]
    title_w = max(len(d.id) for d in report.diagnoses) + 2  # an id is never cut
    free = width - sum(fixed) - title_w - (3 * len(headers) + 1)  # "| " + " | " between + " |"
    diagnosis_w = free * 55 // 100
    remedy_w = free - diagnosis_w

    def cell(text: str, w: int) -> str:
        return "\n".join(wrap(text, w))

    rows = [[str(n), severity_label(d, lang, words), term(d.stage, lang), cell(f"{d.heading} ({d.id})", title_w),
             "\n".join([cell(d.diagnosis, diagnosis_w), cell(f"{words['because']}: {because_text(d.because)}", diagnosis_w),
                        *(cell(line, diagnosis_w) for line in provided_lines(d, words)),
                        *(cell(line, diagnosis_w) for _, line in aside_lines(report, d, words, because_text))]),
             cell(d.remedy, remedy_w)] for n, d in enumerate(report.listed(), 1)]
    from tabulate import tabulate  # here: a report without findings, or a narrow one, never imports it

    return tabulate(rows, headers=headers, tablefmt="grid", disable_numparse=True).splitlines()


def _cuts_words(report: Report, table: list[str]) -> bool:
    """Whether a cell split a word: some word of the diagnoses' texts appears in no line of the table."""
    words = {word for d in report.listed() for text in (d.heading, d.diagnosis, d.remedy) for word in text.split()}
    shown = {word for line in table for cell in line.split("|") for word in cell.split()}
    return bool(words - shown)


def _unknowns(report: Report, width: int, words: Mapping[str, str], verbose: bool) -> list[str]:
    lang = report.lang
    stages: dict[str, int] = {}
    for entry in report.unknown:
        stages[entry.rule.stage] = stages.get(entry.rule.stage, 0) + 1
    by_stage = ", ".join(f"{term(stage, lang)} {count}" for stage, count in stages.items())
    out = wrap(words["undecided_head"].format(unknown=len(report.unknown), by_stage=by_stage), width)
    if report.questions:
        out += wrap(words["by_place"], width)
    number = 0
    for place in group_by_place(report.questions, lang):
        out += [""] + wrap(f"{place.name} ({len(place.questions)})", width)
        if place.step:
            out += wrap(place.step, width, "  ", "  ")
        shown = place.questions if verbose else place.questions[:QUESTIONS_PER_PLACE]
        for question in shown:
            number += 1
            out += wrap(f"{number}. {question.question} [{question.path}]", width, "  ", "     ")
        rest = place.questions[len(shown):]
        if rest:
            number += len(rest)
            out += _at_most(wrap(words["more_here"].format(paths=_compact(q.path for q in rest)), width, "  ", "    "),
                            ALSO_LINES, words["more_lines"] if not verbose else "", width)
    if not verbose:
        if any(len(place.questions) > QUESTIONS_PER_PLACE for place in group_by_place(report.questions, lang)) or report.unknown:
            out += [""] + wrap(words["verbose_all"], width)
        return out
    out += ["", words["undecided_list"]]
    for entry in report.unknown:
        parts = list(own_missing(entry))
        waiting = waits_on(entry, report)
        if waiting:
            parts.append(words["waits"].format(count=len(waiting)))
        out += wrap(f"{entry.id}: " + ", ".join(parts or entry.missing), width, "  ", "    ")
    return out


def _at_most(lines: list[str], limit: int, more: str, width: int) -> list[str]:
    """At most ``limit`` lines of ``width``; the last one says how many facts were left out (``more``: ``{count}``)."""
    if not more or len(lines) <= limit:
        return lines
    kept, dropped = lines[:limit], " ".join(lines[limit:])
    count = dropped.count(",") + dropped.count(";") + 1
    last = kept[-1].rstrip(",;")
    while len(f"{last} {more.format(count=count)}") > width and (", " in last or "; " in last):
        last = last[:max(last.rfind(", "), last.rfind("; "))]
        count += 1
    return kept[:-1] + [f"{last} {more.format(count=count)}"]


def _compact(paths: Iterable[str]) -> str:
    """Fact paths named once per top-level name (``unknowns.compact``)."""
    return compact(paths)


def undecided_line(report: Report, entry: Unknown, words: Mapping[str, str]) -> Sequence[str]:
    """An undecided check's own missing facts, and how many undecided checks it waits on (for the other formats)."""
    waiting = waits_on(entry, report)
    own = own_missing(entry) if waiting else tuple(entry.missing)
    return (*own, words["waits"].format(count=len(waiting))) if waiting else own
