"""What a run or a knowledge base works out lives inside the value it belongs to, never in a module (O point 3):
two runs, or two knowledge values, in one process never see each other's state."""

from __future__ import annotations

import ast
import hashlib
import io
import json
import shutil
import sys
from pathlib import Path

from tests.helpers import EXAMPLES, REPO, run, write
from writeback_doctor import inputs
from writeback_doctor.knowledge import load_knowledge, rules_directory
from writeback_doctor.report.unknowns import own_facts
from writeback_doctor.sources.merge import collect

SSPR_OFF = EXAMPLES / "sspr-off.json"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_each_collection_keeps_the_digests_of_what_it_read_and_nothing_else(monkeypatch, tmp_path):
    first, second = SSPR_OFF.read_bytes(), json.dumps({"tenant": {"has_synced_users": True}}).encode()
    facts = write(tmp_path, json.dumps({"tenant": {"has_synced_users": False}}))
    notes = write(tmp_path, "a collector's notes, no export", suffix=".txt")
    _stdin(monkeypatch, first)
    one = collect(["-"])
    _stdin(monkeypatch, second)
    two = collect(["-", str(facts), str(notes)])
    three = collect([str(facts)])
    assert one.digests == {"<stdin>": _sha(first)}
    assert two.digests == {"<stdin>": _sha(second), str(facts): _sha(facts.read_bytes()), str(notes): _sha(notes.read_bytes())}
    assert three.digests == {str(facts): _sha(facts.read_bytes())}
    assert one.digests == {"<stdin>": _sha(first)}  # unchanged by the later runs


class _Unreadable:
    """A standard input whose bytes cannot be read (a closed pipe, an I/O error)."""

    class buffer:  # noqa: N801  (sys.stdin.buffer)
        @staticmethod
        def read(size: int) -> bytes:
            raise OSError(5, "Input/output error")

    @staticmethod
    def isatty() -> bool:
        return False


def test_a_report_never_names_standard_input_by_another_run_s_bytes(monkeypatch, capsys, tmp_path):
    """A run whose standard input could not be read lists no hash for it, even after a run in the same process
    read one (module-level digests used to hand it the earlier run's)."""
    _stdin(monkeypatch, SSPR_OFF.read_bytes())
    status, out, _ = run(capsys, "-", "--format", "json")
    assert json.loads(out)["metadata"]["inputs"] == [{"name": "<stdin>", "sha256": _sha(SSPR_OFF.read_bytes())}]
    monkeypatch.setattr(sys, "stdin", _Unreadable())  # standard input cannot be read: refused, the facts file used
    facts = write(tmp_path, SSPR_OFF.read_bytes())
    status, out, err = run(capsys, "-", str(facts), "--format", "json")
    assert "<stdin>: refused: cannot read" in err
    assert json.loads(out)["metadata"]["inputs"] == [{"name": str(facts), "sha256": _sha(facts.read_bytes())}]


def test_two_knowledge_values_alive_at_once_keep_their_own_rules_facts(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(rules_directory(), rules)
    first = load_knowledge(rules)
    path = rules / "connectivity" / "tls12-enabled.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("fact: server.tls12_enabled", "fact: server.is_domain_controller"),
                    encoding="utf-8")
    second = load_knowledge(rules)
    edited, original = (next(r for r in k.ruleset.rules if r.id == "tls12-enabled") for k in (second, first))
    assert "server.is_domain_controller" in own_facts(edited) and "server.tls12_enabled" not in own_facts(edited)
    assert "server.tls12_enabled" in own_facts(original)  # asked after the edited one: still its own
    assert own_facts(original) is original.whole_facts_read and own_facts(edited) is edited.whole_facts_read


ALLOWED_MODULE_STATE = {
    ("engine/expert_engine/node_kinds/base.py", "_TABLE"),  # the node-kind table itself (register/unregister)
    ("engine/expert_engine/node_kinds/base.py", "_BY_TYPE"),  # its index by node class
    ("engine/expert_engine/node_kinds/base.py", "_WRITTEN"),  # its index by written keys, emptied when it changes
}
"""Module-level containers that start empty and are filled while the process runs: each names what it is."""

ALLOWED_KEYED_CACHES = {("writeback_doctor/catalog.py", "_area")}
"""``@cache`` functions with arguments: the catalog's areas, keyed by a package file's name (package data)."""


def _modules() -> list[Path]:
    return sorted(p for folder in ("engine", "writeback_doctor") for p in (REPO / folder).rglob("*.py"))


def test_no_module_keeps_state_that_a_value_should_own():
    """No module starts an empty dict, list or set to fill while running (a cache by path or id), and no ``@cache``
    function takes an argument, beyond those listed above; a knowledge base's or a run's state is in that value."""
    found, keyed = set(), set()
    for module in _modules():
        name = module.relative_to(REPO).as_posix()
        for node in ast.parse(module.read_text(encoding="utf-8")).body:
            value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
            empty = isinstance(value, (ast.Dict, ast.List, ast.Set)) and not getattr(value, "keys", getattr(value, "elts", None)) \
                or isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in ("dict", "list", "set") \
                and not value.args
            if empty:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                found |= {(name, t.id) for t in targets if isinstance(t, ast.Name)}
            if isinstance(node, ast.FunctionDef) and node.args.args and any(
                    (d.id if isinstance(d, ast.Name) else getattr(d, "attr", "")) in ("cache", "lru_cache")
                    or isinstance(d, ast.Call) and getattr(d.func, "id", getattr(d.func, "attr", "")) == "lru_cache"
                    for d in node.decorator_list):
                keyed.add((name, node.name))
    assert found <= ALLOWED_MODULE_STATE, found - ALLOWED_MODULE_STATE
    assert keyed <= ALLOWED_KEYED_CACHES, keyed - ALLOWED_KEYED_CACHES
    assert ("writeback_doctor/inputs.py", "_DIGESTS") not in found and not hasattr(inputs, "_DIGESTS")
