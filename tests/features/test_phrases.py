"""The phrase tables speak the fact vocabulary: every phrase's facts (features/phrases.yaml) and every
want's facts (features/wants.yaml) are paths and values facts_schema.json accepts, and each is used by some scenario."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from expert_engine import schema_node
from tests.helpers import feature_steps

from .phrases import Phrase, PhraseParser, PhraseTableError, apply, load_phrases, load_wants

REPO = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((REPO / "facts_schema.json").read_text(encoding="utf-8"))


def uses() -> dict[str, list[str]]:
    """Phrase text -> the Given step texts of the features that use it."""
    parsers = [PhraseParser(phrase) for phrase in load_phrases()]
    found: dict[str, list[str]] = {parser.name: [] for parser in parsers}
    for _, step_type, text in feature_steps():
        for parser in parsers:
            if step_type == "given" and parser.is_matching(text):
                found[parser.name].append(text)
    return found


def problems(phrase: Phrase, texts: list[str]) -> list[str]:
    """What is wrong with the facts a phrase sets for each step text using it, and with its unknown paths."""
    validator = Draft202012Validator(SCHEMA)
    parser = PhraseParser(phrase)
    found = [f"no such fact in facts_schema.json: {path}"
             for path in list(phrase.facts) + list(phrase.unknown) if schema_node(SCHEMA, path) is None]
    for text in texts:
        facts: dict = {}
        apply(phrase, facts, parser.parse_arguments(text)["values"])
        found += [f"{text}: {'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(facts)]
    return found


def test_every_phrase_sets_facts_the_schema_accepts_wherever_a_scenario_uses_it():
    used = uses()
    wrong = {}
    for phrase in load_phrases():
        itself = PhraseParser(phrase).parse_arguments(phrase.text)
        fixed = itself is not None and not itself["values"]  # no placeholders: check the phrase itself too
        found = problems(phrase, used[phrase.text] + ([phrase.text] if fixed else []))
        if found:
            wrong[phrase.text] = found
    assert wrong == {}


def test_a_wrong_path_or_value_is_found():
    typo = Phrase("the tenant is in the clouds", {"tenant.clud": "china"}, ("sspr.enabld_for",))
    assert problems(typo, []) == ["no such fact in facts_schema.json: tenant.clud",
                                  "no such fact in facts_schema.json: sspr.enabld_for"]
    wrong_value = Phrase("Azure AD Connect is build {version}", {"connect.version": "{version}"}, ())
    found = problems(wrong_value, ["Azure AD Connect is build latest"])
    assert len(found) == 1 and found[0].startswith("Azure AD Connect is build latest: connect.version: 'latest'")


def test_every_phrase_is_used_by_a_scenario():
    assert [text for text, steps in uses().items() if not steps] == []


def test_a_malformed_phrase_is_named_with_its_place(tmp_path):
    table = tmp_path / "phrases.yaml"
    table.write_text("- phrase: ok\n  facts: {tenant.cloud: china}\n- phrase: the tenant is odd\n  fcts: {a: 1}\n",
                     encoding="utf-8")
    with pytest.raises(PhraseTableError, match=r"phrase #2 needs 'phrase' \(text\) and 'facts' or 'unknown'"):
        load_phrases(table)


def test_a_phrase_fills_its_placeholders_with_the_step_values():
    phrase = next(p for p in load_phrases() if p.text == "the Application log holds only {source} event {id:d}")
    facts: dict = {}
    values = PhraseParser(phrase).parse_arguments("the Application log holds only ADSync event 6800")["values"]
    apply(phrase, facts, values)
    assert facts == {"event_log": {"events": [{"id": 6800, "source": "ADSync", "code": "none", "detail": "none"}]}}


def want_uses() -> dict[str, int]:
    """Words of features/wants.yaml -> how many Then steps use them."""
    wants = load_wants()
    found = dict.fromkeys(wants, 0)
    pattern = re.compile(r'(?:"[\w-]+" is undecided for want of |the report asks for |.*, provided that someone confirms )(?P<words>[^"].*)')
    for _, step_type, text in feature_steps():
        match = pattern.fullmatch(text)
        if step_type == "then" and match and match["words"] in found:
            found[match["words"]] += 1
    return found


def test_every_want_names_facts_of_the_schema_and_is_used_by_a_scenario():
    wrong = {want.words: [path for path in want.facts if schema_node(SCHEMA, path) is None]
             for want in load_wants().values()}
    assert {words: paths for words, paths in wrong.items() if paths} == {}
    assert [words for words, count in want_uses().items() if not count] == []


def test_a_malformed_or_repeated_want_is_named_with_its_place(tmp_path):
    table = tmp_path / "wants.yaml"
    table.write_text("- words: the Application log\n  facts: [event_log.events]\n- words: the Application log\n  facts: [users]\n",
                     encoding="utf-8")
    with pytest.raises(PhraseTableError, match=r"want #2 needs 'words' \(text, once\)"):
        load_wants(table)


SCHEMA_PATH_STEPS = re.compile(
    r'"[\w.\[\]]+" is (?!undecided)'            # Given "connector_account.reset_password" is false / is unknown
    r'|is unknown for want of "'               # Then "rule" is unknown for want of "fact.path"
    r'|provided that "[^"]+" is confirmed'     # ..., provided that "tenant.cloud" is confirmed
    r'|^the facts:$')                          # a raw JSON document
"""Steps that speak in fact paths or JSON: the generic steps stay for rule authors (docs/authoring-rules.md),
but a shipped scenario says it in the engineer's words (issue 24 point 7; features/phrases.yaml, wants.yaml)."""


def test_no_shipped_scenario_speaks_in_fact_paths_or_json():
    speaking = [f"{where}: {text}" for where, step_type, text in feature_steps()
                if step_type in ("given", "then") and SCHEMA_PATH_STEPS.search(text)]
    assert speaking == []
