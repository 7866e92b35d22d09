"""durable-rules behaviour the compiler works around, measured on the real engine through our adapter.

If one of these starts failing, durable-rules changed: revisit engine/compile.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from writeback_doctor.engine.session import PARTITION_SIZE, DurableRuleset


def _fired(condition: dict, fact: dict) -> bool:
    ruleset = DurableRuleset({"probe": ({"all": [{"m": {"$and": [{"kind": "doc"}, condition]}}]},
                                        lambda session, context: session.record(("fired",), True))})
    with ruleset.session() as session:
        session.assert_fact(dict(fact, kind="doc", id="doc"))
        return session.records.get(("fired",), False)


def test_or_over_different_fields_inside_array_items_is_evaluated_as_and():
    items = {"t": [{"a": 1, "b": 0}]}
    assert _fired({"$iany": {"t": {"$or": [{"$i.a": 1}, {"$i.b": 2}]}}}, items) is False   # wrong: a == 1 holds
    assert _fired({"$iany": {"t": {"$or": [{"$i.a": 1}, {"$i.b": 0}]}}}, items) is True    # only when both hold
    assert _fired({"$or": [{"$iany": {"t": {"$i.a": 1}}}, {"$iany": {"t": {"$i.b": 2}}}]}, items) is True


def test_or_over_the_same_field_inside_array_items_is_right():
    assert _fired({"$iany": {"t": {"$or": [{"$i.a": 7}, {"$i.a": 1}]}}}, {"t": [{"a": 1}]}) is True


def test_a_test_on_a_missing_field_is_false_even_neq():
    assert _fired({"$neq": {"x": 1}}, {"y": 2}) is False
    assert _fired({"$iall": {"t": {"$i.a": 1}}}, {"t": []}) is False   # 'all of nothing' does not hold


# ------------------------------------------------------------------ limits of one ruleset (run in a child: the C core may crash)

_ONE_RULESET = """
import json, sys
from writeback_doctor.engine.session import DurableRuleset
from writeback_doctor.knowledge import load_knowledge
_, engine, _ = load_knowledge()
engine._durable = DurableRuleset({name: (definition, (lambda s, n: None)) for name, (definition, _, _)
                                  in engine.compiled.durable.items()}, partition_size=int(sys.argv[2]))
engine.diagnose(json.load(open(sys.argv[1])))
print("diagnosed")
"""


def _diagnose_in_child(partition_size: int) -> subprocess.CompletedProcess[str]:
    document = Path(__file__).parent / "fixtures" / "durable" / "refused-by-one-ruleset.json"
    return subprocess.run([sys.executable, "-c", _ONE_RULESET, str(document), str(partition_size)],
                          capture_output=True, text=True, timeout=120, check=False)


def test_one_ruleset_of_all_compiled_rules_refuses_or_crashes_on_a_valid_document():
    # measured on 2.0.28 with the 55 shipped rules (~200 compiled): "already observed" (code 2),
    # or a heap corruption (free(): invalid size); the reason session.py partitions the rules
    done = _diagnose_in_child(partition_size=100_000)
    assert "diagnosed" not in done.stdout
    assert done.returncode != 0


def test_the_same_rules_partitioned_diagnose_it():
    done = _diagnose_in_child(partition_size=PARTITION_SIZE)
    assert done.returncode == 0, done.stderr
    assert "diagnosed" in done.stdout
