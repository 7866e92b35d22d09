"""The symptom sections of the human reports (terminal, Markdown, HTML), in the report's language: for each
observation no finding yet accounts for, the causes still consistent with it, most likely first, each by its
finding's problem headline; and what no rule explains, with the explanations already ruled out.

The JSON contract carries the same as ``suspects`` and ``unexplained`` (``report.contract``); a report without
observations has no symptom section, so its human renderings are as they were.
"""

from __future__ import annotations

from typing import NamedTuple

from writeback_doctor.catalog import phrases
from writeback_doctor.report.contract import Observation, Report, Suspect


class Entry(NamedTuple):
    """One observation in words: its head line, the causes consistent with it (likeliest first; renderers number
    them), and what is already ruled out (empty: nothing)."""

    head: str
    causes: tuple[str, ...] = ()
    ruled_out: str = ""


class Section(NamedTuple):
    """One symptom section: its heading and its observations."""

    heading: str
    entries: tuple[Entry, ...]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def suspect_text(suspect: Suspect, lang: str) -> str:
    """One consistent cause in words: the finding's problem headline (else the requirement), its rule id and prior,
    and the facts whose answers decide it."""
    words = phrases("symptoms", lang)
    heading = (suspect.finding.headline or {}).get(lang) or suspect.title
    text = f"{heading} ({suspect.rule.id}, {words['prior'].format(prior=suspect.prior)})"
    if suspect.questions:
        text += f"; {words['decided_by']}: " + ", ".join(q.path for q in suspect.questions)
    return text


def _suspected(observation: Observation, lang: str) -> Entry:
    words = phrases("symptoms", lang)
    ruled_out = f"{words['ruled_out']}: " + ", ".join(observation.checked) if observation.checked else ""
    return Entry(_capital(words["consistent_with"].format(observation=observation.observation)) + ":",
                 tuple(suspect_text(s, lang) for s in observation.suspects), ruled_out)


def _unexplained(observation: Observation, lang: str) -> Entry:
    words = phrases("symptoms", lang)
    text = f"{observation.observation}: {observation.note}"
    if observation.checked:
        text += f"; {words['checked']}: " + ", ".join(observation.checked)
    return Entry(text)


def symptom_sections(report: Report) -> tuple[Section, ...]:
    """The report's symptom sections in its language: suspects, then unexplained; none without observations."""
    words = phrases("symptoms", report.lang)
    sections = []
    if report.suspects:
        sections.append(Section(words["suspects_heading"],
                                tuple(_suspected(o, report.lang) for o in report.suspects)))
    if report.unexplained:
        sections.append(Section(words["unexplained_heading"],
                                tuple(_unexplained(o, report.lang) for o in report.unexplained)))
    return tuple(sections)
