"""Fuzzing the CLI with hypothesis: hostile facts documents and mutated rule files.

Whatever comes in, ``diagnose`` answers with 0 or 1 and a JSON report that parses (valid
input), or 2 and a located message on stderr (invalid input); never a traceback, never an
internal failure (3). Runs in-process through ``writeback_doctor.cli.main`` (plus a few real
processes). The example count is modest by default; ``pytest --long`` (or ``FUZZ_EXAMPLES=N``) runs it at length.
"""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from expert_engine import is_interval
from tests.helpers import FUZZ, LOCATED_RULE, REPO, facts_documents, json_path, run, shipped, write
from tests.helpers import replaced as _replace
from writeback_doctor.knowledge import facts_schema

_folders = itertools.count()
RULE_FUZZ = settings(FUZZ, max_examples=max(FUZZ.max_examples // 3, 10))  # each example compiles a rule set


def assert_valid_outcome(status: int, out: str, err: str) -> dict:
    assert status in (0, 1, 4), err
    report = json.loads(out)
    assert set(report) >= {"summary", "diagnoses", "unknown", "passed"}
    could_fail = shipped().failing[1]
    undecided = any(u["id"] in could_fail for u in report["unknown"])
    assert status == (1 if report["summary"]["failing"] else 4 if undecided else 0)
    return report


# ------------------------------------------------------------------ facts documents

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path into a JSON value (object keys and array indexes), the value itself first."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, prefix + (index,))
    return found


def _schema_at(path: tuple) -> dict:
    schema = facts_schema()
    for step in path:
        schema = schema["items"] if isinstance(step, int) else schema["properties"][step]
    return schema


def _partial(document: Any, path: tuple) -> bool:
    """Whether the path runs through a partial value (an interval, issue 24 point 5): its node is an ``anyOf``,
    whose error names the fact, not the bound inside it."""
    return any(is_interval(_get(document, path[:n])) for n in range(1, len(path) + 1))


@st.composite
def broken_documents(draw) -> tuple[Any, str]:
    """A valid document with one thing made wrong, and the JSON path an error must name."""
    document = draw(facts_documents())
    kind = draw(st.sampled_from(["wrong type", "unknown key", "bad enum"]))
    if kind == "unknown key":
        objects = [p for p in _paths(document) if isinstance(_get(document, p), dict) and not _partial(document, p)]
        path = draw(st.sampled_from(objects))
        key = draw(st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12))
        schema = _schema_at(path)
        assume(key not in schema.get("properties", {}))
        return _replace(document, path, dict(_get(document, path), **{key: 1})), json_path(path)
    leaves = [p for p in _paths(document) if p and not isinstance(_get(document, p), (dict, list))
              and not (isinstance(p[-1], str) and p[-1] == "$schema") and not _partial(document, p)]
    if kind == "bad enum":
        leaves = [p for p in leaves if "enum" in _schema_at(p)]
    assume(leaves)
    path = draw(st.sampled_from(leaves))
    schema = _schema_at(path)
    if kind == "bad enum":
        new = draw(st.text(max_size=10).filter(lambda t: t not in schema["enum"]))
    else:
        wrong = {"boolean": st.integers() | st.text(max_size=5), "integer": st.text(max_size=5) | st.booleans(),
                 "number": st.text(max_size=5) | st.booleans(), "string": st.integers() | st.booleans()}
        new = draw(wrong.get(schema.get("type"), st.lists(st.integers(), max_size=2)))
    return _replace(document, path, new), json_path(path)


def _get(value: Any, path: tuple) -> Any:
    for step in path:
        value = value[step]
    return value


@FUZZ
@given(document=facts_documents())
def test_valid_documents_give_a_valid_outcome_and_json(tmp_path, capsys, document):
    assert_valid_outcome(*run(capsys, str(write(tmp_path, json.dumps(document))), "--format", "json"))


@FUZZ
@given(case=broken_documents())
def test_a_broken_document_is_exit_2_naming_the_json_path(tmp_path, capsys, case):
    document, where = case
    path = write(tmp_path, json.dumps(document))
    status, out, err = run(capsys, str(path), "--format", "json")
    assert status == 2 and out == "", err
    if where == "$" and "not a facts file" in err:
        return  # an unknown top-level key: the file may be meant as an export (sources.merge says which)
    assert err.startswith(f"diagnose: {path}: invalid facts") and where in err, err


@FUZZ
@given(value=json_values)
def test_random_json_is_either_a_diagnosis_or_a_located_error(tmp_path, capsys, value):
    path = write(tmp_path, json.dumps(value))
    status, out, err = run(capsys, str(path), "--format", "json")
    if status == 2:
        assert out == "" and err.startswith("diagnose: ") and str(path) in err, err
        if not isinstance(value, dict):
            assert "expected" in err and "object" in err
    else:
        assert_valid_outcome(status, out, err)


@FUZZ
@given(raw=st.binary(max_size=200))
def test_random_bytes_are_a_located_error_or_a_diagnosis(tmp_path, capsys, raw):
    path = write(tmp_path, raw)
    status, out, err = run(capsys, str(path), "--format", "json")
    if status == 2:
        assert out == "" and err.startswith(f"diagnose: {path}"), err
    else:
        assert_valid_outcome(status, out, err)


# ------------------------------------------------------------------ rule files

RULE_FILES = sorted(p.relative_to(REPO / "rules") for p in (REPO / "rules").rglob("*.yaml") if p.name != "ruleset.yaml")


def _data_paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    return _paths(value, prefix)[1:]


def _delete(value: Any, path: tuple) -> Any:
    parent = _get(value, path[:-1])
    copy = dict(parent) if isinstance(parent, dict) else list(parent)
    del copy[path[-1]]
    return _replace(value, path[:-1], copy)


@st.composite
def mutated_rule(draw) -> tuple[Path, str]:
    """A shipped rule file and a mutated text for it."""
    relative = draw(st.sampled_from(RULE_FILES))
    text = (REPO / "rules" / relative).read_text(encoding="utf-8")
    mutation = draw(st.sampled_from(["delete key", "wrong type", "unknown operator", "bad severity",
                                     "bad stage", "indentation", "tab", "truncate"]))
    data = yaml.safe_load(text)
    if mutation in ("delete key", "wrong type"):
        path = draw(st.sampled_from(_data_paths(data)))
        if mutation == "delete key":
            data = _delete(data, path)
        else:
            data = _replace(data, path, draw(st.sampled_from([42, "text", [], {}, None, True, 1.5])))
    elif mutation == "unknown operator":
        finding = draw(st.integers(0, len(data["findings"]) - 1))
        data["findings"][finding]["when"] = {"fact": "connect.installed", draw(st.sampled_from(["equalz", "$lt", "matches", "eval"])): True}
    elif mutation == "bad severity":
        data["findings"][0]["severity"] = draw(st.sampled_from(["fatal", "", "Critical"]))
    elif mutation == "bad stage":
        data["stage"] = "afterwards"
    else:
        lines = text.splitlines()
        index = draw(st.integers(1, len(lines) - 1))
        if mutation == "indentation":
            lines[index] = " " * draw(st.integers(1, 3)) + lines[index]
        elif mutation == "tab":
            lines[index] = "\t" + lines[index]
        else:
            lines = lines[:index]
        return relative, "\n".join(lines) + "\n"
    return relative, yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@RULE_FUZZ
@given(case=mutated_rule())
def test_a_mutated_rule_file_is_located_or_harmless(tmp_path, capsys, case):
    relative, text = case
    rules = tmp_path / f"rules-{next(_folders)}"  # a fresh folder for each example
    shutil.copytree(REPO / "rules", rules, ignore=shutil.ignore_patterns("__pycache__"))
    (rules / relative).write_text(text, encoding="utf-8")
    facts = REPO / "examples" / "healthy-hybrid.json"
    status, out, err = run(capsys, str(facts), "--format", "json", "--rules", str(rules))
    assert status in (0, 1, 2, 4), err
    if status == 2:
        assert err.startswith("diagnose: ") and LOCATED_RULE.search(err), err
    if out:
        json.loads(out)  # the report of the other rules still parses
    if status in (0, 1, 4):
        assert err == "" and out


# ------------------------------------------------------------------ real processes


@pytest.mark.parametrize("content, expected", [
    (b"\x00\x01\x02garbage", 2),
    (b"[1, 2, 3]", 2),
    (b'{"connect": {"version": 12}}', 2),
    (b'{"connect": {"installed": false}}', 1),
])
def test_real_process_never_prints_a_traceback(tmp_path, content, expected):
    path = write(tmp_path, content)
    run = subprocess.run([sys.executable, "-m", "writeback_doctor.cli", str(path), "--format", "json"],
                         capture_output=True, timeout=120)
    assert run.returncode == expected and b"Traceback" not in run.stderr
    if expected == 2:
        assert run.stderr.startswith(b"diagnose: ") and str(path).encode() in run.stderr
    else:
        json.loads(run.stdout)


def test_real_process_with_a_broken_rule_file_names_file_and_line(tmp_path):
    rules = tmp_path / f"rules-{next(_folders)}"  # a fresh folder for each example
    shutil.copytree(REPO / "rules", rules, ignore=shutil.ignore_patterns("__pycache__"))
    target = rules / RULE_FILES[0]
    target.write_text(target.read_text(encoding="utf-8").replace("severity: ", "severity: fatal-", 1), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "writeback_doctor.cli", str(REPO / "examples" / "healthy-hybrid.json"),
                          "--format", "json", "--rules", str(rules)], capture_output=True, timeout=120)
    assert run.returncode == 2 and b"Traceback" not in run.stderr
    assert f"{target}:".encode() in run.stderr and b"unknown severity" in run.stderr
    json.loads(run.stdout)
