"""Hostile or careless rule files (reliability review D9): refused with ``file:line`` by ``diagnose --rules``
and ``rules lint`` alike, quickly, never a hang, a traceback or an engine failure (exit 3)."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from expert_engine.yaml_source import MAX_DEPTH
from tests.helpers import run

REPO = Path(__file__).resolve().parent.parent
SAMPLE = (REPO / "rules" / "connectivity" / "tls12-enabled.yaml").read_text(encoding="utf-8")


@pytest.fixture
def rules(tmp_path) -> Path:
    copy = tmp_path / "rules"
    shutil.copytree(REPO / "rules", copy)
    return copy


def hostile_rule(text: str) -> str:
    """A copy of a shipped rule under a new id, with ``text`` replacing its condition."""
    rule = SAMPLE.replace("id: tls12-enabled", "id: hostile").replace("id: tls12-not-enabled", "id: hostile-finding")
    hostile, count = re.subn(r"(?m)^(    when:\n)(?:      .*\n)+", lambda m: m.group(1) + text, rule, count=1)
    assert count == 1, "the sample rule has a finding condition to replace"
    return hostile


def assert_refused_by_both(capsys, rules: Path, name: str, text: str, words: str) -> None:
    path = rules / "connectivity" / name
    path.write_text(text, encoding="utf-8")
    status, out, err = run(capsys, str(REPO / "examples" / "sspr-off.json"), "--rules", str(rules), "--format", "json")
    assert status == 2 and f"{path}:" in err and words in err, err
    assert json.loads(out)["diagnoses"], "the other rules still diagnose"
    status, out, err = run(capsys, "rules", "lint", "--rules", str(rules))
    assert status in (1, 2) and f"{path}:" in (out + err) and words in (out + err), out + err


def test_an_alias_chain_is_refused_not_expanded(capsys, rules):
    """881 bytes, 10 aliases 10 wide: a billion nodes once expanded (diagnose and lint hung)."""
    chain = ["x0: &a0 {fact: tenant.cloud, equals: x}"]
    chain += [f"x{i}: &a{i} {{any: [{', '.join([f'*a{i - 1}'] * 10)}]}}" for i in range(1, 10)]
    text = "\n".join(chain) + "\n" + hostile_rule("      *a9\n").replace("    when:\n      *a9", "    when: *a9")
    assert_refused_by_both(capsys, rules, "laughs.yaml", text, "anchors and aliases")


@pytest.mark.parametrize("depth", [MAX_DEPTH, 500])
def test_deep_nesting_is_refused_with_its_line(capsys, rules, depth):
    condition = "{not: " * depth + "{fact: tenant.cloud, equals: x}" + "}" * depth
    text = hostile_rule(f"      {condition}\n").replace("    when:\n      {", "    when: {")
    assert_refused_by_both(capsys, rules, "deep.yaml", text,
                           "nested deeper than")


def test_moderate_nesting_still_loads(capsys, rules):
    condition = "{not: " * 8 + "{fact: tenant.cloud, equals: x}" + "}" * 8
    text = hostile_rule(f"      {condition}\n").replace("    when:\n      {", "    when: {")
    (rules / "connectivity" / "nested.yaml").write_text(text, encoding="utf-8")
    status, out, err = run(capsys, str(REPO / "examples" / "sspr-off.json"), "--rules", str(rules), "--format", "json")
    assert status == 1 and "hostile" in json.loads(out)["passed"] + [d["id"] for d in json.loads(out)["diagnoses"]], err


@pytest.mark.parametrize("constant", [".inf", "-.inf", ".nan", ".NaN", "1.0e+999"])
def test_a_constant_no_double_holds_is_refused_not_an_engine_failure(capsys, rules, constant):
    text = hostile_rule(f"      fact: connect.minutes_since_writeback_enabled\n      equals: {constant}\n")
    assert_refused_by_both(capsys, rules, "inf.yaml", text, "not a finite number")


def test_duplicate_keys_are_refused_with_the_line_of_the_second(capsys, rules):
    text = hostile_rule("      fact: server.tls12_enabled\n      equals: false\n").replace(
        "    severity: critical\n", "    severity: critical\n    severity: note\n")
    line = text.splitlines().index("    severity: note") + 1
    path = rules / "connectivity" / "hostile.yaml"
    assert_refused_by_both(capsys, rules, "hostile.yaml", text, "duplicate key 'severity'")
    status, out, err = run(capsys, "rules", "lint", "--rules", str(rules))
    assert f"{path}:{line}:" in out + err


def test_an_endless_rule_file_is_refused_unread(capsys, rules):
    # round 3 (D7): a device is refused as not a regular file before it is read (it was cut at the size cap)
    os.symlink("/dev/zero", rules / "connectivity" / "zero.yaml")
    status, out, err = run(capsys, str(REPO / "examples" / "sspr-off.json"), "--rules", str(rules))
    assert status == 2 and "zero.yaml:1" in err and "a device, not a regular file" in err, err
    status, out, err = run(capsys, "rules", "lint", "/dev/zero")
    assert status == 2 and "/dev/zero" in err and "a device, not a regular file" in err, out + err
