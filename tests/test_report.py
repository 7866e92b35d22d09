"""The renderers: a Markdown report for a ticket and one self-contained, escaped HTML file."""

from __future__ import annotations

import re

from expert_engine import Evidence, Finding, Rule
from expert_engine.conditions import AllOf
from expert_engine.explain import FindingTrace, OutcomeExplanation, TraceNode
from writeback_doctor.report.contract import Because, Diagnosis, Passed, Question, Report, Summary, Unknown
from writeback_doctor.report.render import RENDERERS, render_html, render_markdown
from writeback_doctor.sources.model import INTERVIEW, Source

HOSTILE = '<script>alert("x")</script> & <upn>'


def rule(rule_id: str, title: str, *findings: Finding) -> Rule:
    return Rule(id=rule_id, stage="setup", order=1, origin="article", source={"url": "https://learn.microsoft.com/s"},
                title={"en": title}, findings=findings)


def report(lang: str = "en", problems: bool = True, unknowns: bool = True) -> Report:
    finding = Finding("f", "critical", AllOf(()), {"en": ""}, {"en": ""}, ("https://learn.microsoft.com/a", "javascript:alert(1)"))
    explanation = OutcomeExplanation("fail", "Rule rule-a fails with finding f because:", findings=(
        FindingTrace("f", True, TraceNode("equals", 'x.y is "<b>"', True, fact="x.y", present=True, value="<b>")),))
    diagnoses = (Diagnosis(rule("rule-a", "Title " + HOSTILE, finding), finding, "Title " + HOSTILE, "Diagnosis " + HOSTILE,
                           "Remedy " + HOSTILE, (Because(Evidence("fact", "x.y", HOSTILE), (Source(None, INTERVIEW, "x.y"),)),),
                           explanation),) if problems else ()
    question = Question("p.q", "Is p q?")
    unknown = (Unknown(rule("rule-b", "B", finding), "B", ("p.q",), (question,)),) if unknowns else ()
    return Report(lang=lang, summary=Summary(len(diagnoses), 0, len(unknown), 1, 0, len(unknown)), diagnoses=diagnoses,
                  unknown=unknown, passed=(Passed(rule("rule-c", "C")),), not_applicable=(), derived={},
                  questions=(Question("p.q", "Is p q?", ("rule-b",)),) if unknowns else ())


def test_html_is_registered_and_self_contained():
    assert RENDERERS["html"] is render_html
    page = render_html(report())
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<style>" in page
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert not re.search(r"\b(src|@import)\b", page)
    assert 'href="https://learn.microsoft.com/a"' in page
    assert "javascript:" not in page


def test_html_escapes_everything_the_rules_and_facts_say():
    page = render_html(report())
    assert HOSTILE not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;upn&gt;" in page


def test_html_folds_explanations_under_each_finding():
    page = render_html(report("uk"))
    assert '<html lang="uk">' in page
    assert "<details><summary>Пояснення</summary><pre>Rule rule-a fails with finding f because:" in page
    assert "x.y is &quot;&lt;b&gt;&quot;" in page


def test_markdown_for_a_ticket_has_summary_ordered_findings_links_and_a_question_checklist():
    text = render_markdown(report())
    lines = text.splitlines()
    assert lines[0] == "# Password writeback diagnosis"
    assert lines[2].startswith("**Summary:** 1 problem(s)")
    assert "1. **[critical] Title \\<script>alert(\"x\")\\</script> & \\<upn>** (`rule-a`, setup)" in lines
    assert any(line.startswith("   - **What to do:** Remedy") for line in lines)
    assert "- [ ] Is p q? (`p.q`)" in lines  # grouped by place; the checks it bears on are listed folded below
    assert "x.y = " in text and "[interview (x.y)]" in text
    assert "<details><summary>Explanation</summary>" in text


def test_markdown_without_unknowns_or_explanations_stays_short():
    text = render_markdown(report("uk", problems=False, unknowns=False))
    assert "- [ ]" not in text and "<details>" not in text
    assert "Усе гаразд: пройдено" in text


def test_every_catalog_area_speaks_every_language_the_rule_set_declares():
    from writeback_doctor.catalog import MESSAGES_DIR, phrases
    from writeback_doctor.knowledge import languages

    areas = sorted(p.stem for p in MESSAGES_DIR.glob("*.yaml"))
    assert {"report", "interview", "authoring"} <= set(areas)
    for area in areas:
        keys = {lang: set(phrases(area, lang)) for lang in languages()}
        assert all(k == keys[languages()[0]] for k in keys.values()), (area, keys)


def test_a_third_language_is_data(monkeypatch, tmp_path):
    import yaml

    from writeback_doctor import catalog

    for path in catalog.MESSAGES_DIR.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["de"] = {key: f"[de] {value}" if isinstance(value, str) else value for key, value in data["en"].items()}
        (tmp_path / path.name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(catalog, "MESSAGES_DIR", tmp_path)
    catalog._area.cache_clear()
    try:
        page = render_markdown(report("de"))
    finally:
        catalog._area.cache_clear()
    assert page.startswith("# [de] Password writeback diagnosis")
