"""Headroom (issue 13 item 4): hundreds of distinct generated rules load, diagnose without a refusal and
agree with the reference evaluator; the quick rule check that makes the load fast agrees with jsonschema.

The rules come from ``bench/synthetic_rules.py`` (the benchmark's generator): real YAML rule
files over a generated fact schema, loaded through the real loader. Nothing here is timed
(``bench/run.py`` measures); the figures are in docs/durable-rules.md.
"""

from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from bench.synthetic_rules import documents, write_ruleset
from expert_engine import EngineFailure, InferenceEngine, LoadResult, load_ruleset
from expert_engine.conditions import AllItems, AnyItem, Compare, DerivedRef, EarlierStages, walk
from expert_engine.loader import quick_rule_check, rule_validator
from expert_engine.model import FAIL, NOT_APPLICABLE, PASS, UNKNOWN
from tests.helpers import budget
from tests.oracle import reference_outcomes

REPO = Path(__file__).resolve().parent.parent
RULES = budget(300, 1000)
DOCUMENTS = budget(150, 1000)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[LoadResult, InferenceEngine, list[dict[str, Any]]]:
    folder = tmp_path_factory.mktemp("generated") / "rules"
    schema = write_ruleset(folder, RULES, seed=7)
    result = load_ruleset(folder)
    return result, InferenceEngine(result.ruleset), documents(result.ruleset, schema, DOCUMENTS, seed=8)


def test_the_generated_rules_are_distinct_and_use_every_form_the_rule_schema_offers(generated):
    result, engine, _ = generated
    rules = result.ruleset.rules
    assert result.problems == () and len(rules) == RULES
    assert len({r.id for r in rules}) == RULES
    assert len({repr(r.conditions()) for r in rules}) == RULES  # no two rules alike, not renamed copies
    nodes = [node for rule in rules for top in rule.conditions() for node in walk(top)]
    assert {n.op for n in nodes if isinstance(n, Compare)} == {
        "equals", "not_equals", "in", "lt", "lte", "gt", "gte", "version_lt", "version_gte", "present"}
    assert any(isinstance(n, AnyItem) and n.later is None for n in nodes) and any(isinstance(n, AllItems) for n in nodes)
    assert any(isinstance(n, AnyItem) and n.later is not None for n in nodes)  # timelines
    assert any(isinstance(n, DerivedRef) for n in nodes) and any(isinstance(n, EarlierStages) for n in nodes)
    assert sum(1 for r in rules if r.derives) > 20 and sum(1 for r in rules if r.applies_when) > 40
    assert any(f.provided for r in rules for f in r.findings) and max(len(r.findings) for r in rules) == 3
    assert {r.stage for r in rules} == set(result.ruleset.stages)
    assert len(engine._durable._handles) > 1  # more than one durable ruleset: partitioned


def test_the_generator_is_deterministic(tmp_path):
    for name in ("a", "b"):
        write_ruleset(tmp_path / name, 40, seed=3)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert len(files) == 42  # frame, 40 rules, fact schema
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)


def test_hundreds_of_generated_rules_diagnose_every_document_and_agree_with_the_reference_evaluator(generated):
    result, engine, facts = generated
    seen: Counter[str] = Counter()
    differences = []
    for document in facts:
        try:
            conclusions = engine.diagnose(document)
        except EngineFailure as error:  # the refusal of one large durable ruleset ("already observed")
            pytest.fail(f"refused: {error}")
        want, _ = reference_outcomes(result.ruleset, document)
        for outcome in conclusions.outcomes:
            seen[outcome.status] += 1
            got = (outcome.status, outcome.finding.id if outcome.finding else None)
            if got != want[outcome.rule.id]:
                differences.append(f"{outcome.rule.id}: engine {got}, evaluator {want[outcome.rule.id]}")
    assert differences == []
    assert all(seen[status] > 0.03 * sum(seen.values()) for status in (FAIL, PASS, UNKNOWN, NOT_APPLICABLE)), seen


PRINTER_LIKE = {
    "ruleset.yaml": {"name": "probe", "languages": ["en", "uk"], "stages": ["one"],
                     "severities": [{"name": "bad", "fails": True}]},
    "one/maker.yaml": {"id": "maker", "stage": "one", "order": 1, "origin": "article", "source": {"url": "https://example.invalid/"},
                       "title": {"en": "t", "uk": "т"},
                       "derives": [{"name": "ready", "meaning": {"en": "t", "uk": "т"}, "when": {"fact": "x", "equals": 1}}],
                       "findings": [{"id": "never", "severity": "bad", "when": {"fact": "x", "equals": 99},
                                     "diagnosis": {"en": "t", "uk": "т"}, "remedy": {"en": "t", "uk": "т"}}]},
    "one/reader.yaml": {"id": "reader", "stage": "one", "order": 2, "origin": "article", "source": {"url": "https://example.invalid/"},
                        "title": {"en": "t", "uk": "т"},
                        "applies_when": {"all": [{"derived": "ready"}, {"any_item": "items", "where": {
                            "all": [{"fact": "size", "in": [3, 6]}, {"fact": "ok", "equals": True}]}}]},
                        "not_applicable": {"en": "t", "uk": "т"},
                        "findings": [{"id": "found", "severity": "bad", "when": {"fact": "y", "equals": 1},
                                      "diagnosis": {"en": "t", "uk": "т"}, "remedy": {"en": "t", "uk": "т"}}]},
}


def test_a_conjunction_with_an_undecided_reference_fails_when_its_document_part_fails(tmp_path):
    """Found by the generated rules: the closed world decided nothing while a reference was undecided,
    although a conjunction whose document part definitely fails fails (Kleene), so the engine said
    'fail, provided that it applies' where the evaluator says 'not applicable'."""
    for name, data in PRINTER_LIKE.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = load_ruleset(tmp_path)
    assert result.problems == ()
    facts = {"items": [{"size": 7, "ok": True}], "y": 1}  # x absent: 'ready' undecided; no item of size 3 or 6
    want, _ = reference_outcomes(result.ruleset, facts)
    assert want["reader"] == (NOT_APPLICABLE, None)
    got = next(o for o in InferenceEngine(result.ruleset).diagnose(facts).outcomes if o.rule.id == "reader")
    assert (got.status, got.finding) == (NOT_APPLICABLE, None)


# ------------------------------------------------------------------ the quick rule check (engine/expert_engine/schema_check.py)


def shipped_rule_count() -> int:
    """How many rule files ship (counted, so that a new rule breaks nothing here)."""
    return sum(1 for p in (REPO / "rules").rglob("*.yaml") if p.name != "ruleset.yaml")


def _rule_documents() -> list[Any]:
    """Every rule file the repository holds (shipped, test fixtures, lint fixtures), valid or not, as parsed YAML."""
    found = []
    for path in sorted([*(REPO / "rules").rglob("*.yaml"), *(REPO / "tests").rglob("*.yaml")]):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError):
            continue
        if isinstance(data, dict) and "findings" in data:
            found.append(data)
    return found


HOSTILE = [True, False, None, 0, 1, 1.0, -1, 2.5, "", "x", "passed", "a-b", "https://x", [], [{}], {}, {"en": "e"},
           {"en": "e", "uk": "у"}, {"fact": "a.b", "equals": 1}, {"derived": "x"}, {"earlier_stages": "passed"},
           {"all": []}, {"any": [{"fact": "a", "in": [1]}]}, {"fact": "a", "equals": 1, "lt": 2}, {"not": {}}]


def _places(value: Any, at: tuple = ()) -> list[tuple]:
    found = [at]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _places(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _places(item, (*at, index))
    return found


def _mutate(document: Any, rng: random.Random) -> Any:
    document = copy.deepcopy(document)
    at = rng.choice(_places(document))
    if not at:
        return rng.choice(HOSTILE)
    parent = document
    for step in at[:-1]:
        parent = parent[step]
    change = rng.choice(("replace", "replace", "delete", "add"))
    if change == "replace":
        parent[at[-1]] = copy.deepcopy(rng.choice(HOSTILE))
    elif change == "delete":
        del parent[at[-1]]
    elif isinstance(parent, dict):
        parent[rng.choice(("zz", "is", "fact", "where", "uk", "links"))] = copy.deepcopy(rng.choice(HOSTILE))
    else:
        parent.append(copy.deepcopy(rng.choice(HOSTILE)))
    return document


def test_the_quick_rule_check_agrees_with_jsonschema_on_every_rule_file_and_on_mutated_ones(tmp_path):
    RULE_CHECK, RULE_VALIDATOR = quick_rule_check(), rule_validator()
    assert RULE_CHECK is not None  # the rule schema is in the supported subset
    write_ruleset(tmp_path, 60, seed=11)
    generated = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(tmp_path.rglob("gen-*.yaml"))]
    originals = _rule_documents() + generated
    assert all(RULE_CHECK(d) == RULE_VALIDATOR.is_valid(d) for d in originals)
    assert sum(RULE_CHECK(d) for d in originals) >= shipped_rule_count() + 60  # the shipped and generated rules pass quickly
    rng = random.Random(5)
    verdicts = Counter()
    for _ in range(budget(1200, 6000)):
        mutated = _mutate(rng.choice(originals), rng)
        valid = RULE_VALIDATOR.is_valid(mutated)
        assert RULE_CHECK(mutated) == valid, json.dumps(mutated, ensure_ascii=False, default=str)[:2000]
        verdicts[valid] += 1
    assert verdicts[True] > 100 and verdicts[False] > 500, verdicts


@pytest.mark.parametrize(("schema", "value", "valid"), [
    ({"oneOf": [{"type": "integer"}, {"type": "number"}]}, 1.0, False),  # both: a stricter 'integer' would say yes
    ({"oneOf": [{"type": "integer"}, {"type": "string"}]}, 1.0, True), ({"const": 1}, True, False), ({"const": 1}, 1.0, True),
    ({"enum": [True]}, 1, False), ({"not": {"type": "integer"}}, 2.0, False), ({"minProperties": 2, "maxProperties": 2}, {"a": 1}, False),
    ({"dependentRequired": {"a": ["b"]}}, {"a": 1}, False), ({"minItems": 1}, [], False), ({"minItems": 1}, {}, True),
    ({"$ref": "#/$defs/n", "$defs": {"n": {"type": "object", "properties": {"n": {"$ref": "#/$defs/n"}}}}}, {"n": {"n": 1}}, False),
    ({"additionalProperties": False, "properties": {"1": {}}}, {1: 2}, False),
])
def test_edge_cases_of_the_quick_rule_check_match_jsonschema(schema, value, valid):
    import jsonschema

    from expert_engine.schema_check import compile_check

    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    assert jsonschema.Draft202012Validator(schema).is_valid(value) is valid
    check = compile_check(schema)
    assert check is not None and check(value) is valid


def test_a_schema_outside_the_quick_rule_checks_subset_is_left_to_jsonschema():
    from expert_engine.schema_check import compile_check

    for schema in ({"format": "date"}, {"patternProperties": {"a": {}}}, {"$ref": "other.json"}, {"enum": [[1]]}):
        assert compile_check(schema) is None


def test_a_broken_rule_file_is_still_reported_by_jsonschema_with_its_line(tmp_path):
    write_ruleset(tmp_path, 3, seed=2)
    broken = sorted(tmp_path.rglob("gen-*.yaml"))[0]
    data = yaml.safe_load(broken.read_text(encoding="utf-8"))
    data["findings"][0]["colour"] = "red"
    broken.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # the line of the finding that holds the stray key (where jsonschema locates it)
    line = next(n for n, text in enumerate(broken.read_text(encoding="utf-8").splitlines(), 1) if text.startswith("- id: f0-"))
    problems = load_ruleset(tmp_path).problems
    assert [p.location for p in problems] == [f"{broken}:{line}"]
    assert "'colour' was unexpected" in problems[0].message


def test_the_benchmarks_headroom_figure_runs_in_a_child():
    done = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--child", "headroom", "30x20"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["rules"] == 30 and figures["problems"] == 0 and figures["refused"] == 0 and figures["documents"] == 20


def test_validating_valid_rule_files_does_not_even_import_jsonschema():
    probe = ("import sys; from pathlib import Path; from expert_engine import load_ruleset; "
             f"result = load_ruleset(Path({str(REPO / 'rules')!r})); "
             "print(len(result.ruleset.rules), len(result.problems), 'jsonschema' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    rules, problems, imported = done.stdout.split()
    assert int(rules) == shipped_rule_count() and problems == "0" and imported == "False"
