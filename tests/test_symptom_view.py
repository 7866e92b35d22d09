"""The symptom sections in the human reports (issue 24): the terminal, Markdown and HTML reports show, in English
and in Ukrainian, the causes consistent with each observation (likeliest first, by their problem headline) and what
no rule explains; where the user was and who is affected are context, not unexplained symptoms."""

from __future__ import annotations

import json

import pytest

from tests.helpers import shipped
from writeback_doctor.diagnosis import diagnose
from writeback_doctor.report.render import render, render_table

HEADS = {"en": ("Suspects: causes consistent with what was observed", "Consistent with SSPR_0029:",
                "The connector account lacks", "Unexplained: observations no rule explains",
                "no rule of the knowledge base explains it"),
         "uk": ("Підозри: причини, що узгоджуються зі спостереженим", "Узгоджується з SSPR_0029:",
                "Обліковому запису з'єднувача бракує", "Непояснене: спостереження, яких не пояснює жодне правило",
                "жодне правило бази знань цього не пояснює")}
FACTS = {"symptom": {"error_code": "SSPR_0029", "where": "sspr-portal", "affected": "everyone",
                     "changes": [{"kind": "connect-upgrade"}]}}


@pytest.mark.parametrize("lang", ["en", "uk"])
@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_every_human_format_shows_the_suspects_and_what_is_unexplained(fmt, lang):
    report = diagnose(shipped(), FACTS, lang)
    text = render_table(report, width=200) if fmt == "table" else render(report, fmt)
    for words in HEADS[lang]:
        assert (words.replace("'", "&#x27;") if fmt == "html" else words) in text, (fmt, lang, words)
    likeliest = text.index("connector-account-permissions, ")
    assert likeliest < text.index("remote-sam-allows-connector, ") < text.index("user-object-inheritance, ")
    assert text.index(HEADS[lang][0]) < text.index(HEADS[lang][3]) < text.index("connect-upgrade")
    assert "sspr-portal" not in text and ": everyone" not in text  # context: the scene, not a symptom


def test_the_sections_come_after_the_diagnoses_and_before_the_questions():
    facts = {**FACTS, "connect": {"installed": False}}
    text = render_table(diagnose(shipped(), facts), width=200)
    assert text.index("Diagnoses, in order") < text.index("Suspects:") < text.index("Still unknown")


def test_context_is_not_unexplained_but_a_symptom_still_is():
    report = diagnose(shipped(), FACTS).to_json()
    assert [u["observation"] for u in report["unexplained"]] == ["connect-upgrade"]
    assert "sspr-portal" not in json.dumps(report.get("suspects", []))


def test_without_symptoms_no_section_is_shown(repo):
    for example in sorted((repo / "examples").glob("*.json")):
        for lang in ("en", "uk"):
            report = diagnose(shipped(), json.loads(example.read_text(encoding="utf-8")), lang)
            for fmt in ("table", "markdown", "html"):
                text = render(report, fmt)
                assert "Suspects" not in text and "Підозри" not in text and "Unexplained" not in text, example.name
