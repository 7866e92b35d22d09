"""The renderers: a Markdown report for a ticket and one self-contained, escaped HTML file."""

from __future__ import annotations

import re

from writeback_doctor.report import RENDERERS, render_html, render_markdown

HOSTILE = '<script>alert("x")</script> & <upn>'


def report(**extra) -> dict:
    base = {
        "summary": {"failing": 1, "advisory": 0, "unknown": 1, "passed": 1, "not_applicable": 0},
        "diagnoses": [{
            "id": "rule-a", "finding": "f", "stage": "setup", "severity": "critical", "origin": "article",
            "title": "Title " + HOSTILE, "diagnosis": "Diagnosis " + HOSTILE, "remedy": "Remedy " + HOSTILE,
            "links": ["https://learn.microsoft.com/a", "javascript:alert(1)"], "source": "https://learn.microsoft.com/s",
            "because": [{"fact": "x.y", "value": HOSTILE, "source": "interview"}],
            "explanation": {"status": "fail", "headline": "Rule rule-a fails with finding f because:", "findings": [
                {"finding": "f", "truth": True, "condition": {"op": "equals", "text": 'x.y is "<b>"', "truth": True,
                                                              "fact": "x.y", "present": True, "value": "<b>"}}]},
        }],
        "unknown": [{"id": "rule-b", "stage": "setup", "title": "B", "missing": ["p.q"],
                     "questions": [{"path": "p.q", "question": "Is p q?"}]}],
        "questions": [{"path": "p.q", "question": "Is p q?", "decides": ["rule-b"]}],
        "passed": ["rule-c"],
        "not_applicable": [],
        "derived": {},
    }
    base.update(extra)
    return base


def test_html_is_registered_and_self_contained():
    assert RENDERERS["html"] is render_html
    page = render_html(report(), "en")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<style>" in page
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert not re.search(r"\b(src|@import)\b", page)
    assert 'href="https://learn.microsoft.com/a"' in page
    assert "javascript:" not in page


def test_html_escapes_everything_the_rules_and_facts_say():
    page = render_html(report(), "en")
    assert HOSTILE not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;upn&gt;" in page


def test_html_folds_explanations_under_each_finding():
    page = render_html(report(), "uk")
    assert '<html lang="uk">' in page
    assert "<details><summary>Пояснення</summary><pre>Rule rule-a fails with finding f because:" in page
    assert "x.y is &quot;&lt;b&gt;&quot;" in page


def test_markdown_for_a_ticket_has_summary_ordered_findings_links_and_a_question_checklist():
    text = render_markdown(report(), "en")
    lines = text.splitlines()
    assert lines[0] == "# Password writeback diagnosis"
    assert lines[2].startswith("**Summary:** 1 problem(s)")
    assert "1. **[critical] Title \\<script>alert(\"x\")\\</script> & \\<upn>** (`rule-a`, setup)" in lines
    assert any(line.startswith("   - **What to do:** Remedy") for line in lines)
    assert "- [ ] Is p q? (`p.q`; bears on: `rule-b`)" in lines
    assert "x.y = " in text and "[interview]" in text
    assert "<details><summary>Explanation</summary>" in text


def test_markdown_without_unknowns_or_explanations_stays_short():
    text = render_markdown(report(unknown=[], questions=[], diagnoses=[], summary={
        "failing": 0, "advisory": 0, "unknown": 0, "passed": 1, "not_applicable": 0}), "uk")
    assert "- [ ]" not in text and "<details>" not in text
    assert "У відомих фактах проблем не знайдено." in text
