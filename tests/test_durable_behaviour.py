"""durable-rules behaviour the compiler works around, measured on the real engine through our adapter.

If one of these starts failing, durable-rules changed: revisit engine/compile.py.
"""

from __future__ import annotations

from writeback_doctor.engine.session import DurableRuleset


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
