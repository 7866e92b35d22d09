"""The real stories of features/stories/ are complete, and how soon their deciding question is asked can be
measured (bench/stories.py prints the table; the ranks are measured there, not asserted here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.features.storybook import _answer, _get, ranks, stories
from writeback_doctor.commands.interview import UNKNOWN

REPO = Path(__file__).resolve().parent.parent


def test_at_least_twenty_stories_each_citing_its_source_what_the_poster_reported_and_the_confirmed_outcome():
    found = stories()
    assert len(found) >= 20
    wrong = {}
    for story in found:
        lacks = [what for what, ok in (("a URL", story.urls), ("a date", story.dates),
                                       ("Reported:", "Reported:" in story.description),
                                       ("Confirmed", "Confirmed" in story.description),
                                       ("Uncovered: why", story.uncovered == ("Uncovered:" in story.description)),
                                       ("a title starting 'Story:'", story.title.startswith("Story: "))) if not ok]
        if lacks:
            wrong[story.name] = lacks
    assert wrong == {}


def test_a_covered_story_withholds_its_deciding_fact_in_the_symptom_alone_and_its_telling_answers_it():
    wrong = {}
    for story in stories():
        if story.uncovered:
            continue
        if story.symptom is None or not story.deciding:
            wrong[story.name] = "no scenario 'The symptom alone' with 'Then the report asks for <words>'"
            continue
        for path in story.deciding:
            if path.startswith("users[]."):
                field = path.split(".", 1)[1]
                in_symptom = any(field in user for user in story.symptom.get("users", []))
                in_told = any(field in user for user in story.told.get("users", []))
            else:
                in_symptom, in_told = _get(story.symptom, path) is not UNKNOWN, _get(story.told, path) is not UNKNOWN
            if in_symptom or not in_told:
                wrong[story.name] = f"{path}: in the symptom alone {in_symptom}, in the telling {in_told}"
    assert wrong == {}


def test_the_interview_answers_only_what_the_story_says():
    class Q:
        def __init__(self, path, item=None):
            self.path, self.item = path, item

    told = {"server": {"is_domain_controller": True}, "users": [{"name": "a", "source": "synced"}]}
    assert _answer(told, Q("server.is_domain_controller")) is True
    assert _answer(told, Q("server.os")) is UNKNOWN
    assert _answer(told, Q("users")) is UNKNOWN
    assert _answer(told, Q("users[].source", "a")) == "synced"
    assert _answer(told, Q("users[].source")) == {"a": "synced"}
    assert _answer(told, Q("users[].license")) is UNKNOWN


def test_every_measured_story_gets_a_rank_in_the_report_and_the_interview():
    rows = list(ranks(stories()))
    assert rows and all(row.report is not None and row.interview is not None for row in rows), rows


def test_the_bench_prints_the_table_and_the_share():
    done = subprocess.run([sys.executable, str(REPO / "bench" / "stories.py"), "--markdown"],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "| story | symptom given | deciding fact | report | interview | first 3 |" in done.stdout
    assert "deciding question within the first 3 (report and interview):" in done.stdout
