"""The Ukrainian texts use the glossary's terms (docs/glossary.md, docs/glossary.yaml).

Every rule's uk texts and every uk question of facts_schema.json are checked against the
terms the glossary replaced. An article rule's source quote and section are the article's
own words and stay as written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
GLOSSARY = yaml.safe_load((REPO / "docs" / "glossary.yaml").read_text(encoding="utf-8"))
REPLACED = [(re.compile(pattern, re.IGNORECASE), term["uk"]) for term in GLOSSARY["terms"] for pattern in term["replaces"]]


def _uk_texts(node: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "uk" and isinstance(value, str):
                yield where, value
            else:
                yield from _uk_texts(value, f"{where}.{key}")
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _uk_texts(value, f"{where}[{n}]")


def rule_texts() -> Iterator[tuple[str, str]]:
    for path in sorted((REPO / "rules").rglob("*.yaml")):
        rule = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(rule, dict) or "findings" not in rule:
            continue
        name = str(path.relative_to(REPO))
        for where, text in _uk_texts(rule, name):
            if rule.get("origin") == "article" and where.startswith(f"{name}.source."):
                continue  # the article's own words, quoted
            yield where, text


def question_texts() -> Iterator[tuple[str, str]]:
    schema = json.loads((REPO / "facts_schema.json").read_text(encoding="utf-8"))

    def walk(node: Any, where: str) -> Iterator[tuple[str, str]]:
        if isinstance(node, dict):
            question = node.get("x-question")
            if isinstance(question, dict) and isinstance(question.get("uk"), str):
                yield f"facts_schema.json:{where}", question["uk"]
            for key, value in node.items():
                if key != "x-question":
                    yield from walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for n, value in enumerate(node):
                yield from walk(value, f"{where}/{n}")

    yield from walk(schema, "")


TEXTS = sorted(list(rule_texts()) + list(question_texts()))


def offences(text: str) -> list[str]:
    return [f"{m.group(0)!r} (use: {use})" for pattern, use in REPLACED for m in pattern.finditer(text)]


def test_the_glossary_is_well_formed():
    for term in GLOSSARY["terms"]:
        assert {"en", "uk", "replaces", "source", "confirmed"} <= set(term), term
        for pattern in term["replaces"]:
            re.compile(pattern)
    assert set(GLOSSARY["catalog"]) == {"severities", "stages"}


def test_there_are_texts_to_check():
    assert len([w for w, _ in TEXTS if w.startswith("rules/")]) > 100
    assert len([w for w, _ in TEXTS if w.startswith("facts_schema.json")]) > 30


@pytest.mark.parametrize("where, text", TEXTS, ids=[where for where, _ in TEXTS])
def test_no_uk_text_uses_a_replaced_term(where, text):
    assert offences(text) == [], where


def test_a_replaced_term_is_caught():
    assert offences("Записування паролів вимкнуто") and offences("нема чого передавати")
    assert offences("зворотний запис паролів вимкнуто, немає чого передавати") == []


def test_the_catalog_terms_cover_the_rule_sets_severities_and_stages():
    frame = yaml.safe_load((REPO / "rules" / "ruleset.yaml").read_text(encoding="utf-8"))
    assert set(GLOSSARY["catalog"]["severities"]) == {s["name"] for s in frame["severities"]}
    assert set(GLOSSARY["catalog"]["stages"]) == set(frame["stages"])
