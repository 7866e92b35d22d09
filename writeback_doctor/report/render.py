"""Rendering a report (``contract.Report``) as JSON, a tabulate table, Markdown or one HTML file.

Every renderer reads only the report's fields, so what a user sees in any format is what the
JSON says. Explanations (``--explain``) and the questions that settle unknowns are shown
when the report carries them.
"""

from __future__ import annotations

import json
import re
from functools import partial
from typing import Any, Callable, Mapping, Sequence

from writeback_doctor.catalog import phrases
from writeback_doctor.inert import inert_html, inert_json, inert_terminal, markdown_code, markdown_fence
from writeback_doctor.report.contract import Because, Explanation, Question, Report, Unknown, Verdict
from writeback_doctor.report.shown import file_shown, sources_shown
from writeback_doctor.report.symptom_view import symptom_sections
from writeback_doctor.report.terminal import (
    aside_lines,
    provided_lines,
    severity_label,
    start_line,
    table_lines,
    term,
    terminal_width,
    undecided_line,
    wrap,
)
from writeback_doctor.report.unknowns import group_by_place


def _words(lang: str) -> Mapping[str, str]:
    return phrases("report", lang)


def render_json(report: Report) -> str:
    """The stable JSON contract, UTF-8 text, keys in a fixed order."""
    return inert_json(json.dumps(report.to_json(), ensure_ascii=False, indent=2)) + "\n"


BECAUSE_ITEMS = 4
"""A list value in a finding's evidence with more items than this is summarised ("601 events: 656 x601")."""


def _because_text(because: Sequence[Because], lang: str = "en") -> str:
    """A finding's evidence in one line: ``fact = value [source (kind)]``, the kind named in ``lang``."""
    kinds = phrases("terms", lang)
    parts = []
    for item in because:
        evidence = item.evidence
        many = isinstance(evidence.value, list) and len(evidence.value) > BECAUSE_ITEMS
        value = _summary(evidence.value, evidence.name, lang) if many else json.dumps(evidence.value, ensure_ascii=False)
        if evidence.kind == "fact":
            text = f"{evidence.name} = {value}"
        elif evidence.kind == "derived":
            text = f"{evidence.name} = {value} (← {evidence.by})"
        elif evidence.kind == "stages":
            text = phrases("report", lang)["stages_passed"]
        else:
            text = evidence.name
        if item.sources is not None:
            text += f" [{sources_shown(item.sources, kinds)}]"
        parts.append(text)
    return inert_terminal("; ".join(parts))  # values and sources come from the input: shown, never obeyed


def _summary(value: Any, name: str, lang: str) -> str:
    """A long list value summarised as the explanations summarise it (``expert_engine.value_text``)."""
    from expert_engine import value_text  # the engine's explaining, imported when a report shows one (not every start)

    return value_text(value, name, phrases("explain", lang), True)


def explanation_text(explanation: Explanation, lang: str) -> list[str]:
    """An explanation as indented sentences, every fact's provenance shown as the because entries show it."""
    from expert_engine import explanation_lines  # as _summary

    kinds = phrases("terms", lang)
    return [inert_terminal(line) for line in explanation_lines(explanation, phrases("explain", lang),
                                                               lambda source: _source_shown(source, kinds))]


def _source_shown(source: Any, kinds: Mapping[str, str]) -> str | None:
    """Provenance (``Source`` tuples) as the because entries show it; None: anything else, in the engine's words."""
    return sources_shown(source, kinds) if isinstance(source, tuple) else None


def render_table(report: Report, width: int | None = None, verbose: bool = False, colour: bool = False) -> str:
    """The terminal report (``report.terminal``): fitted to ``width`` columns (default: the terminal's);
    ``verbose`` lists passed checks and every open question; explanations follow when the report carries them;
    ``colour``: severity tags, the start line and the verdict in colour (``report.colour``)."""
    lang = report.lang
    words = _words(lang)
    headline = _headline(report, words)
    out = table_lines(report, words, partial(_because_text, lang=lang), headline, width, verbose)
    explained = report.explanations()
    if explained:
        out += ["", words["explanations"]]
        fit = width or terminal_width()
        for _, explanation in explained:  # each sentence wrapped to the terminal under its own indent
            out += [""] + [wrapped for line in explanation_text(explanation, lang)
                           for wrapped in wrap(line.strip(), fit, line[:len(line) - len(line.lstrip())],
                                               line[:len(line) - len(line.lstrip())] + "    ")]
    lines = [inert_terminal(line) for line in out]  # every line: file names, and titles from --rules, inert
    if colour:
        lines = _coloured(report, words, headline, width or terminal_width(), lines)
    return "\n".join(lines) + "\n"


def _coloured(report: Report, words: Mapping[str, str], headline: str | None, width: int, lines: list[str]) -> list[str]:
    """The terminal lines with the report's own words in colour: severity tags, the start line, the verdict."""
    from writeback_doctor.report.colour import paint

    tags = [(inert_terminal(f"{n}. [{severity_label(d, report.lang, words).upper()}]"), d.severity)
            for n, d in enumerate(report.listed(), 1)]
    start = start_line(report, words)
    first = inert_terminal(wrap(start, width, "", "  ")[0]) if start else ""
    verdict = (inert_terminal(wrap(headline, width)[0]), report.verdict.value) if headline else None
    return paint(lines, tags, first, verdict)


def _headline(report: Report, words: Mapping[str, str]) -> str | None:
    """What a report says as a whole when it lists no problem: healthy, or inconclusive ("N of M checks undecided")."""
    if report.verdict is Verdict.INCONCLUSIVE:
        return words["inconclusive"].format(**report.summary.counts())
    if report.diagnoses:
        return None
    counts = report.summary.counts()
    applicable = counts["checks"] - counts["not_applicable"]
    if counts["passed"] == applicable:
        return words["healthy"].format(applicable=applicable)
    return words["healthy_but"].format(passed=counts["passed"], applicable=applicable, unknown=counts["unknown"])


def metadata_rows(report: Report) -> list[tuple[str, str]]:
    """(label, value) of the report's metadata in its language: tool, version, rule set, time, each input."""
    words = phrases("layout", report.lang)
    meta = report.metadata
    if meta is None:
        return []
    rows = [(words["tool"], meta.tool), (words["version"], meta.version), (words["rules_sha256"], meta.rules_sha256),
            (words["generated"], meta.generated)]
    if meta.knowledge_checked is not None:
        rows.append((words["knowledge_checked"], words["knowledge_stale"].format(date=meta.knowledge_checked)
                     if meta.knowledge_stale else meta.knowledge_checked))
    return rows + [(words["inputs"], f"{file_shown(i.name)} sha256:{i.sha256}") for i in meta.inputs]


def render_markdown(report: Report) -> str:
    """Markdown that reads well pasted into a support ticket.

    A summary line, the findings in order (diagnosis, remedy, facts, links), the
    questions still to ask as a checklist, then what does not apply and what passed.
    """
    words = _words(report.lang)
    out = [f"# {words['title']}", ""] + _md_refused(report) + [
        f"**{words['summary_label']}:** {words['summary'].format(**report.summary.counts())}", ""]
    start = start_line(report, words)
    if start:
        out += [f"**{_md(start)}**", ""]
    headline = _headline(report, words)
    if headline is not None:
        out += [headline, ""] if report.diagnoses else [headline]
    for section in (_md_diagnoses, _md_symptoms, _md_unknowns, _md_not_applicable, _md_passed, _md_metadata):
        out += section(report, words)
    return "\n".join(out).rstrip("\n") + "\n"


def _md_refused(report: Report) -> list[str]:
    """The files the report was built without, right under the title."""
    if not report.refused:
        return []
    out = [f"**{_md(phrases('layout', report.lang)['refused'].format(count=len(report.refused)))}**", ""]
    return out + [f"- {markdown_code(entry.file)}: {_md(entry.reason)}" for entry in report.refused] + [""]


def _md_diagnoses(report: Report, words: Mapping[str, str]) -> list[str]:
    if not report.diagnoses:
        return []
    out = [f"## {words['diagnoses']}", ""]
    for n, d in enumerate(report.listed(), 1):
        severity, stage = _md(severity_label(d, report.lang, words)), _md(term(d.stage, report.lang))
        out.append(f"{n}. **[{severity}] {_md(d.heading)}** (`{d.id}`, {stage})")
        out.append(f"   - {_md(d.diagnosis)}")
        out.append(f"   - **{words['remedy']}:** {_md(d.remedy)}")
        out.append(f"   - **{words['because']}:** {markdown_code(_because_text(d.because, report.lang))}")  # verbatim
        out += [f"   - **{_md(line)}**" for line in provided_lines(d, words)]
        out += [f"   - {_md(line)}" if level == 0 else f"     {_md(line).replace(') ', '. ', 1)}"
                for level, line in aside_lines(report, d, words, partial(_because_text, lang=report.lang))]
        out.append(f"   - **{words['links']}:** " + ", ".join(f"<{link}>" for link in d.read_more))
        if d.explanation is not None:
            out += _md_explanation(d.explanation, report.lang, words, "   ")
    return out


def _md_symptoms(report: Report, words: Mapping[str, str]) -> list[str]:
    """The symptom sections: each observation, the causes consistent with it (numbered, likeliest first)."""
    out: list[str] = []
    for section in symptom_sections(report):
        out += [f"## {_md(section.heading)}", ""]
        for entry in section.entries:
            out.append(f"- {_md(entry.head)}")
            out += [f"   {n}. {_md(cause)}" for n, cause in enumerate(entry.causes, 1)]
            if entry.ruled_out:
                out.append(f"   - {_md(entry.ruled_out)}")
        out.append("")
    return out


def _html_symptoms(report: Report) -> list[str]:
    """The symptom sections: each observation, the causes consistent with it (an ordered list, likeliest first)."""
    out: list[str] = []
    for section in symptom_sections(report):
        out.append(f'<h2>{_h(section.heading)}</h2><ul class="symptoms">')
        for entry in section.entries:
            causes = "".join(f"<li>{_h(cause)}</li>" for cause in entry.causes)
            out.append(f"<li>{_h(entry.head)}" + (f"<ol>{causes}</ol>" if causes else "")
                       + (f"<p>{_h(entry.ruled_out)}</p>" if entry.ruled_out else "") + "</li>")
        out.append("</ul>")
    return out


ATTACHED_QUESTIONS = 3
"""Questions shown per place in an attachment; the rest of the place's questions are folded (``<details>``)."""
ATTACHED_PASSED = 10
"""Passed checks listed openly in an attachment; a longer list is folded (``<details>``) under its count."""


def _md_unknowns(report: Report, words: Mapping[str, str]) -> list[str]:
    """The open questions grouped as the terminal groups them (where they are answered, which collector), the
    first few of each place as a checklist and the rest folded; then the undecided checks, folded."""
    if not report.unknown:
        return []
    out = ["", f"## {words['unknown']}", ""]
    for place in group_by_place(report.questions, report.lang):
        out += [f"### {_md(place.name)} ({len(place.questions)})", ""]
        if place.step:
            out += [f"*{_md(place.step)}*", ""]
        shown, rest = place.questions[:ATTACHED_QUESTIONS], place.questions[ATTACHED_QUESTIONS:]
        out += [f"- [ ] {_md(q.question)} (`{q.path}`)" for q in shown]
        if rest:
            out += ["", f"<details><summary>{_md(words['more_questions'].format(count=len(rest)))}</summary>", ""]
            out += [f"- [ ] {_md(q.question)} (`{q.path}`)" for q in rest]
            out += ["", "</details>"]
        out.append("")
    if not report.questions:
        for u in report.unknown:
            out.append(f"- [ ] {_md(u.title)} (`{u.id}`): {words['missing']} " + ", ".join(f"`{m}`" for m in u.missing))
        out.append("")
    out += [f"<details><summary>{_md(words['undecided_checks'].format(count=len(report.unknown)))}</summary>", ""]
    for u in report.unknown:
        out.append(f"- {_md(u.title)} (`{u.id}`): " + _md_missing(report, u, words))
        if u.explanation is not None:
            out += _md_explanation(u.explanation, report.lang, words, "  ")
    return out + ["", "</details>"]


def _md_not_applicable(report: Report, words: Mapping[str, str]) -> list[str]:
    if not report.not_applicable:
        return []
    out = ["", f"## {words['not_applicable']}", ""]
    for entry in report.not_applicable:
        out.append(f"- `{entry.id}`: {_md(entry.reason)}")
        if entry.explanation is not None:
            out += _md_explanation(entry.explanation, report.lang, words, "  ")
    return out


def _md_passed(report: Report, words: Mapping[str, str]) -> list[str]:
    if not report.passed:
        return []
    listed = [f"- `{p.id}`: {_md(p.rule.title.get(report.lang) or p.id)}" for p in report.passed]
    out = ["", f"## {words['passed']}", ""]
    if len(listed) > ATTACHED_PASSED:  # a long list folded, with the count in its summary
        out += [f"<details><summary>{_md(words['passed_checks'].format(count=len(report.passed)))}</summary>", "",
                *listed, "", "</details>"]
    else:
        out += listed
    if report.explained:
        out += ["", f"### {words['why_passed']}", ""]
        for passed in report.passed:
            if passed.explanation is not None:
                lines = explanation_text(passed.explanation, report.lang)
                fence = markdown_fence("\n".join(lines))
                out += [f"{fence}text"] + lines + [fence, ""]
    return out


def _md_metadata(report: Report, words: Mapping[str, str]) -> list[str]:
    if report.metadata is None:
        return []
    out = ["", f"## {_md(phrases('layout', report.lang)['metadata'])}", ""]
    return out + [f"- {_md(label)}: {markdown_code(value)}" for label, value in metadata_rows(report)]


def _md_missing(report: Report, unknown: Unknown, words: Mapping[str, str]) -> str:
    """An undecided check's own missing facts as code, then the undecided earlier checks it waits on."""
    parts = undecided_line(report, unknown, {**words, **phrases("layout", report.lang)})
    own = tuple(unknown.missing)
    text = ", ".join(f"`{p}`" if p in own else _md(p) for p in parts)
    return f"{words['missing']} {text}" if parts and parts[0] in own else text


def _md(text: str) -> str:
    """Text safe inside a Markdown list item: on one line, and ``<x>`` never read as an HTML tag.

    Only ``<``, ``[`` and ``]`` are escaped (CommonMark backslash escapes: no tag, no link, no image), so the text
    stays readable when a ticket system shows the Markdown as plain text; control and bidi characters (a rule
    title from ``--rules DIR``) are shown as escapes (``inert.inert_terminal``).
    """
    return re.sub(r"([<\[\]])", r"\\\1", inert_terminal(" ".join(str(text).split())))


def _md_explanation(explanation: Explanation, lang: str, words: Mapping[str, str], indent: str) -> list[str]:
    """An explanation folded under a list item (``<details>`` renders in GitHub, GitLab and Azure DevOps)."""
    lines = explanation_text(explanation, lang)  # inert: a value's newline cannot end the block
    fence = markdown_fence("\n".join(lines))
    body = [f"{indent}<details><summary>{words['explanation']}</summary>", "", f"{indent}{fence}text"]
    body += [indent + line for line in lines]
    body += [f"{indent}{fence}", "", f"{indent}</details>"]
    return body


# ---------------------------------------------------------------- HTML

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;\
color:#1b1b1b;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ddd}
.summary{font-weight:600}.start{font-weight:600;border-left:.3rem solid #a4262c;padding:.3rem .6rem;background:#fdf3f4}
ol.findings>li{margin-bottom:1.2rem}
.sev{display:inline-block;padding:0 .4rem;border-radius:.3rem;font-size:.85rem;color:#fff;background:#555}
.sev-critical{background:#a4262c}.sev-error{background:#d83b01}.sev-warning{background:#8a6d00}.sev-note{background:#0b6a0b}
code{background:#f3f3f3;padding:0 .2rem;border-radius:.2rem}
details{margin-top:.4rem}summary{cursor:pointer;color:#0f5ea8}
pre{background:#f7f7f7;padding:.6rem;overflow-x:auto;white-space:pre-wrap}
ul.checklist{list-style:none;padding-left:0}h3{font-size:1.05rem;margin-bottom:.2rem}p.step{margin:.1rem 0 .3rem;color:#444;font-style:italic}
footer{margin-top:2rem;font-size:.85rem;color:#444}dl.metadata dt{font-weight:600}\
dl.metadata dd{margin:0 0 .3rem 1rem;overflow-wrap:anywhere}ul.checklist li::before{content:"\\2610\\00a0"}
"""


def _h(value: Any) -> str:
    return inert_html(value)


def _html_explanation(explanation: Explanation | None, lang: str, words: Mapping[str, str]) -> str:
    if not explanation:
        return ""
    text = "\n".join(explanation_text(explanation, lang))
    return f"<details><summary>{_h(words['explanation'])}</summary><pre>{_h(text)}</pre></details>"


def _html_diagnoses(report: Report, words: Mapping[str, str]) -> list[str]:
    if not report.diagnoses:
        return []
    lang = report.lang
    out: list[str] = []
    out.append(f"<h2>{_h(words['diagnoses'])}</h2><ol class=\"findings\">")
    for d in report.listed():
        asides = aside_lines(report, d, words, partial(_because_text, lang=lang))
        out.append(
            "<li>"
            f'<span class="sev sev-{_h("note" if d.advisory else d.severity)}">{_h(severity_label(d, lang, words))}</span> '
            f"<strong>{_h(d.heading)}</strong> (<code>{_h(d.id)}</code>, {_h(term(d.stage, lang))})"
            f"<p>{_h(d.diagnosis)}</p>"
            f"<p><strong>{_h(words['remedy'])}:</strong> {_h(d.remedy)}</p>"
            f"<p><strong>{_h(words['because'])}:</strong> {_h(_because_text(d.because, lang))}</p>"
            + "".join(f'<p class="provided"><strong>{_h(line)}</strong></p>' for line in provided_lines(d, words))
            + _html_asides(asides)
            + f"<p><strong>{_h(words['links'])}:</strong> "
            + ", ".join(f'<a href="{_h(link)}">{_h(link)}</a>' for link in d.read_more if str(link).startswith("https://"))
            + "</p>"
            + _html_explanation(d.explanation, lang, words)
            + "</li>")
    out.append("</ol>")
    return out


def _html_asides(asides: list[tuple[int, str]]) -> str:
    """Why a diagnosis is advisory, and the candidate causes it reports (an ordered list under their head)."""
    heads = [_h(line) for level, line in asides if level == 0]
    items = [f"<li>{_h(line.partition(') ')[2] or line)}</li>" for level, line in asides if level == 1]
    html = "".join(f'<p class="aside">{line}</p>' for line in heads)
    return html + (f'<ol class="candidates">{"".join(items)}</ol>' if items else "")


def _html_unknowns(report: Report, words: Mapping[str, str]) -> list[str]:
    """The open questions grouped by where they are answered (with the collector that reads them), the first few
    of each place shown and the rest folded; then the undecided checks, folded."""
    if not report.unknown:
        return []
    lang = report.lang
    out: list[str] = []
    out.append(f"<h2>{_h(words['unknown'])}</h2>")

    def items(questions: Sequence[Question]) -> str:
        return "".join(f"<li>{_h(q.question)} (<code>{_h(q.path)}</code>)</li>" for q in questions)

    for place in group_by_place(report.questions, lang):
        out.append(f"<h3>{_h(place.name)} ({len(place.questions)})</h3>")
        if place.step:
            out.append(f'<p class="step">{_h(place.step)}</p>')
        shown, rest = place.questions[:ATTACHED_QUESTIONS], place.questions[ATTACHED_QUESTIONS:]
        out.append(f'<ul class="checklist">{items(shown)}</ul>')
        if rest:
            out.append(f"<details><summary>{_h(words['more_questions'].format(count=len(rest)))}</summary>"
                       f'<ul class="checklist">{items(rest)}</ul></details>')
    out.append(f"<details><summary>{_h(words['undecided_checks'].format(count=len(report.unknown)))}</summary><ul>")
    for u in report.unknown:
        parts = undecided_line(report, u, {**words, **phrases("layout", lang)})
        missing = ", ".join(f"<code>{_h(m)}</code>" if m in u.missing else _h(m) for m in parts)
        label = f"{_h(words['missing'])} " if parts and parts[0] in u.missing else ""
        out.append(f"<li>{_h(u.title)} (<code>{_h(u.id)}</code>): {label}{missing}"
                   + _html_explanation(u.explanation, lang, words) + "</li>")
    out.append("</ul></details>")
    return out


def _html_refused(report: Report) -> list[str]:
    if not report.refused:
        return []
    head = phrases("layout", report.lang)["refused"].format(count=len(report.refused))
    items = "".join(f"<li><code>{_h(file_shown(entry.file))}</code>: {_h(entry.reason)}</li>" for entry in report.refused)
    return [f'<section class="refused"><p><strong>{_h(head)}</strong></p><ul>{items}</ul></section>']


def render_html(report: Report) -> str:
    """One self-contained HTML page (inline CSS, no scripts, no external assets); every text is escaped."""
    lang = report.lang
    words = _words(lang)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_h(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(words['title'])}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_h(words['title'])}</h1>",
        *_html_refused(report),
        f'<p class="summary">{_h(words["summary"].format(**report.summary.counts()))}</p>',
    ]
    start = start_line(report, words)
    if start:
        out.append(f'<p class="start">{_h(start)}</p>')
    headline = _headline(report, words)
    if headline is not None:
        out.append(f"<p>{_h(headline)}</p>")
    out += _html_diagnoses(report, words) + _html_symptoms(report) + _html_unknowns(report, words)
    if report.not_applicable:
        out.append(f"<h2>{_h(words['not_applicable'])}</h2><ul>")
        for n in report.not_applicable:
            out.append(f"<li><code>{_h(n.id)}</code>: {_h(n.reason)}" + _html_explanation(n.explanation, lang, words) + "</li>")
        out.append("</ul>")
    if report.passed:
        folded = len(report.passed) > ATTACHED_PASSED
        out.append(f"<h2>{_h(words['passed'])}</h2>"
                   + (f"<details><summary>{_h(words['passed_checks'].format(count=len(report.passed)))}</summary>"
                      if folded else "") + "<ul>")
        for passed in report.passed:
            out.append(f"<li><code>{_h(passed.id)}</code>: {_h(passed.rule.title.get(lang) or passed.id)}"
                       + _html_explanation(passed.explanation, lang, words) + "</li>")
        out.append("</ul></details>" if folded else "</ul>")
    if report.metadata is not None:
        out.append(f"<footer><h2>{_h(phrases('layout', lang)['metadata'])}</h2><dl class=\"metadata\">")
        out += [f"<dt>{_h(label)}</dt><dd><code>{_h(value)}</code></dd>" for label, value in metadata_rows(report)]
        out.append("</dl></footer>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


RENDERERS: dict[str, Callable[[Report], str]] = {
    "json": render_json, "table": render_table, "markdown": render_markdown, "html": render_html}


def render(report: Report, fmt: str, verbose: bool = False, colour: bool = False) -> str:
    """``report`` in the format ``fmt`` (a key of ``RENDERERS``); ``verbose`` lengthens the terminal table,
    ``colour`` colours it (the other formats never are)."""
    return render_table(report, verbose=verbose, colour=colour) if fmt == "table" else RENDERERS[fmt](report)
