"""Reading a rule file gives exactly what ``yaml.safe_load`` gives with the same loader (values, types, key order) and
raises PyYAML's own errors, though plain mappings, sequences and strings are built without PyYAML's constructor."""

from __future__ import annotations

import sys

import pytest
import yaml

from expert_engine.yaml_source import YamlDocument, _SafeLoader, read_yaml
from tests.helpers import REPO


def _typed(value):
    """A value with the type of every part, so that 1 == True == 1.0 cannot pass for each other."""
    if isinstance(value, dict):
        return ("dict", [(_typed(k), _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(v) for v in value])
    return (type(value).__name__, value)


@pytest.mark.parametrize("text", [
    "a: 1\nb: [x, 'y', \"z\", 2.5, -3, 0x1f, 0o17, 1_000, 1:30]\nc: {d: null, e: ~, f: true, g: no, h: On}\n",
    "when: {fact: version, version_lt: '1.10'}\nlist:\n  - 2026-12-08\n  - 2026-12-08T01:02:03Z\n  - !!binary aGVsbG8=\n",
    "1: one\ntrue: yes\nnull: nothing\n2.5: float key\n2026-01-01: date key\n",
    "base: &b {x: 1}\n",  # an anchor alone (no alias): read as plain data
    "m: {<<: {a: 1, b: 2}, b: 3}\n",  # a merge key: PyYAML's own constructor merges it
    "=: value key\n",
    "s: !!set {a, b}\no: !!omap [a: 1, b: 2]\np: !!pairs [a: 1, a: 2]\n",
    "s: !!str 12\ni: !!int '7'\nf: !!float '1'\n",
    "",
    "- just\n- a list\n",
    "plain scalar\n",
    "text: |\n  line one\n  line two\nfolded: >\n  a\n  b\n",
])
def test_a_document_reads_as_safe_load_reads_it(text, tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    assert _typed(read_yaml(path).data) == _typed(yaml.load(text, Loader=_SafeLoader))


@pytest.mark.parametrize("text", [
    "? [a, b]\n: unhashable key\n",
    "? {a: 1}\n: unhashable key\n",
    "x: !unknown tag\n",
    "x: !!omap notasequence\n",
])
def test_a_document_safe_load_refuses_is_refused_with_its_error(text, tmp_path):
    with pytest.raises(yaml.YAMLError) as expected:
        yaml.load(text, Loader=_SafeLoader)
    with pytest.raises(type(expected.value)) as got:
        YamlDocument(tmp_path / "r.yaml", text)
    assert str(got.value) == str(expected.value)


def test_every_shipped_and_generated_rule_file_reads_as_safe_load_reads_it(tmp_path):
    sys.path.insert(0, str(REPO))
    from bench import synthetic_rules

    synthetic_rules.write_ruleset(tmp_path / "generated", 200)
    files = sorted((REPO / "rules").rglob("*.yaml")) + sorted((tmp_path / "generated").rglob("*.yaml"))
    assert len(files) > 250
    for path in files:
        assert _typed(read_yaml(path).data) == _typed(yaml.load(path.read_text(encoding="utf-8"), Loader=_SafeLoader)), path


@pytest.mark.parametrize("tag", ["int", "float", "timestamp"])
def test_a_value_pyyaml_fails_on_without_a_yaml_error_is_refused_with_its_line(tmp_path, tag):
    text = f"id: x\norder: !!{tag} abc\n"
    with pytest.raises(Exception) as pyyaml:  # noqa: PT011
        yaml.load(text, Loader=_SafeLoader)
    assert not isinstance(pyyaml.value, yaml.YAMLError)  # PyYAML's own: ValueError, AttributeError, no line
    with pytest.raises(yaml.MarkedYAMLError) as refused:
        YamlDocument(tmp_path / "r.yaml", text)
    assert refused.value.problem_mark is not None and refused.value.problem_mark.line + 1 == 2
    assert f"'abc' cannot be read as tag:yaml.org,2002:{tag}" in str(refused.value)
