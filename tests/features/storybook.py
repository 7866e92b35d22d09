"""The real stories of features/stories/ as data: what each poster reported, the confirmed cause, and
how soon the report and the interview ask the question that settles it.

A story is a feature file tagged ``@stories``: its description cites the public source (URL and
date); its first scenario gives the facts as the poster told them (the cause included); a second
scenario, the symptom alone, withholds the cause and names the deciding question in its step
``Then the report asks for <words>`` (features/wants.yaml). A story tagged ``@uncovered`` has a
confirmed cause no rule covers, so it has no deciding question and is counted apart.

The Given steps are read here with the same phrase table the scenarios use (features/phrases.yaml),
so the facts measured are the facts tested. bench/stories.py prints the table; tests/test_stories.py
checks that every story is complete and that the table can be computed.
"""

from __future__ import annotations

import copy
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pytest_bdd.feature import get_features

from writeback_doctor.commands.interview import UNKNOWN, Interview
from writeback_doctor.diagnosis import diagnose

from .phrases import PhraseParser, apply, load_phrases, load_wants, remove_fact, set_fact

REPO = Path(__file__).resolve().parents[2]
STORIES = REPO / "features" / "stories"
URL = re.compile(r"https?://\S+[^\s).,;]")
DATE = re.compile(r"\b(19|20)\d\d-\d\d(-\d\d)?\b")
ASKS = re.compile(r"the report asks for (?P<words>.+)")
FIRST = 3  # the target: the deciding question among the first three asked
LIMIT = 80  # interview questions simulated before giving up (the rule set asks fewer than 70)


@dataclass(frozen=True)
class Story:
    """One story: its file, title, source text, whether a rule covers its cause, and its two fact sets."""

    name: str
    title: str
    description: str
    uncovered: bool
    told: dict[str, Any]
    symptom: dict[str, Any] | None
    deciding: tuple[str, ...]

    @property
    def urls(self) -> list[str]:
        return URL.findall(self.description)

    @property
    def dates(self) -> list[str]:
        return [m.group(0) for m in DATE.finditer(self.description)]


@dataclass(frozen=True)
class Rank:
    """Where the deciding question comes: in the report's question list and in a simulated interview (1-based; None: never)."""

    story: str
    deciding: str
    report: int | None
    interview: int | None
    given: tuple[str, ...] = ()
    """The parts of the facts the symptom alone gives (top-level names: symptom, event_log, ...);
    empty: the story's first symptom is one the vocabulary cannot hold."""

    @property
    def within(self) -> bool:
        return all(rank is not None and rank <= FIRST for rank in (self.report, self.interview))


def _value(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


class FactsBuilder:
    """Builds a facts document from a scenario's Given steps, as tests/features/conftest.py does."""

    GENERIC_UNKNOWN = re.compile(r'"(?P<path>[\w.]+)" is unknown')
    GENERIC_IS = re.compile(r'"(?P<path>[\w.]+)" is (?!unknown$)(?P<value>.+)')
    EXAMPLE = re.compile(r'the example "(?P<name>[^"]+)"')

    def __init__(self) -> None:
        self.parsers = [PhraseParser(phrase) for phrase in load_phrases()]

    def facts(self, steps: list[Any]) -> dict[str, Any]:
        """The facts after every Given step (an unknown step raises ValueError naming it)."""
        facts: dict[str, Any] = {}
        for step in steps:
            if step.type != "given":
                continue
            facts = self._step(facts, step)
        return facts

    def _step(self, facts: dict[str, Any], step: Any) -> dict[str, Any]:
        text = step.name
        if text == "nothing is known about the tenant":
            return {}
        if text == "a healthy hybrid tenant":
            return self._example("healthy-hybrid")
        if (m := self.EXAMPLE.fullmatch(text)) is not None:
            return self._example(m["name"])
        if text == "the facts:":
            return json.loads(step.docstring)
        if text == "the users are:":
            header, *rows = step.datatable.raw()
            facts["users"] = [{key: _value(cell) for key, cell in zip(header, row, strict=True) if cell.strip() != ""}
                              for row in rows]
            return facts
        for parser in self.parsers:
            found = parser.parse_arguments(text)
            if found is not None:
                apply(parser.phrase, facts, found["values"])
                return facts
        if (m := self.GENERIC_UNKNOWN.fullmatch(text)) is not None:
            remove_fact(facts, m["path"])
            return facts
        if (m := self.GENERIC_IS.fullmatch(text)) is not None:
            set_fact(facts, m["path"], _value(m["value"]))
            return facts
        raise ValueError(f"no Given step reads {text!r}")

    @staticmethod
    def _example(name: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((REPO / "examples" / f"{name}.json").read_text(encoding="utf-8"))
        return data


def stories(folder: Path = STORIES) -> list[Story]:
    """Every story of the folder, sorted by file name."""
    builder, wants = FactsBuilder(), load_wants()
    found = []
    for feature in sorted(get_features([str(folder)]), key=lambda f: f.filename):
        scenarios = [template.render({}) for template in feature.scenarios.values()]
        told = builder.facts(scenarios[0].steps)
        symptom, deciding = None, ()
        for scenario in scenarios[1:]:
            asks = [ASKS.fullmatch(step.name) for step in scenario.steps if step.type == "then"]
            words = [m["words"] for m in asks if m is not None]
            if words:
                symptom, deciding = builder.facts(scenario.steps), wants[words[0]].facts
        found.append(Story(Path(feature.filename).stem, feature.name, feature.description,
                           "uncovered" in feature.tags, told, symptom, deciding))
    return found


def _get(facts: Mapping[str, Any], path: str) -> Any:
    node: Any = facts
    for name in path.split("."):
        if not isinstance(node, Mapping) or name not in node:
            return UNKNOWN
        node = node[name]
    return node


def _answer(told: Mapping[str, Any], question: Any) -> Any:
    """What the poster's story answers to an interview question (UNKNOWN where the story is silent)."""
    if question.path == "users":
        return UNKNOWN
    if question.path.startswith("users[]."):
        field = question.path.split(".", 1)[1]
        known = {user["name"]: user[field] for user in told.get("users", []) if field in user and "name" in user}
        if question.item is not None:
            return known.get(question.item, UNKNOWN)
        return known or UNKNOWN
    return _get(told, question.path)


def interview_rank(story: Story, limit: int = LIMIT) -> int | None:
    """The number of the interview question that asks the deciding fact, starting from the symptom alone and
    answering as the poster's story would (``I don't know`` where it is silent); None: never asked."""
    assert story.symptom is not None
    interview = Interview(copy.deepcopy(story.symptom), "en", None, io.StringIO(), io.StringIO())
    for number in range(1, limit + 1):
        question = interview.next_question(diagnose(copy.deepcopy(interview.facts)))
        if question is None:
            return None
        if question.path in story.deciding:
            return number
        interview.record(question, _answer(story.told, question))
    return None


def report_rank(story: Story) -> int | None:
    """The rank of the deciding fact among the report's questions for the symptom alone (None: not asked)."""
    assert story.symptom is not None
    asked = [question.path for question in diagnose(copy.deepcopy(story.symptom)).questions]
    ranks = [asked.index(path) + 1 for path in story.deciding if path in asked]
    return min(ranks) if ranks else None


def ranks(found: list[Story]) -> Iterator[Rank]:
    """The rank of each covered story's deciding question, in the report and in the interview."""
    for story in found:
        if story.symptom is not None:
            yield Rank(story.name, ", ".join(story.deciding), report_rank(story), interview_rank(story),
                       tuple(sorted(story.symptom)))
