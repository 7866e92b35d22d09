"""The projection: what of a facts document the conditions read (engine/expert_engine/projection.py).

Generic (no rule set): conditions are parsed from the rule format. The property that
matters is that every condition evaluates on the projection exactly as on the document.
"""

from __future__ import annotations

import random

from expert_engine.conditions import evaluate, parse
from expert_engine.evidence import absent_paths
from expert_engine.projection import plan, project
from tests.oracle import open_paths

CONDITIONS = [parse(c) for c in (
    {"fact": "printer.model", "equals": "LX-1"},
    {"fact": "printer.tray", "present": True},
    {"any_item": "jobs", "where": {"all": [{"fact": "pages", "gt": 10}, {"fact": "colour", "equals": True}]}},
    {"all_items": "jobs", "where": {"fact": "owner.team", "in": ["a", "b"]}},
    {"any_item": "log", "where": {"fact": "code", "equals": "jam"},
     "not_followed_by": {"fact": "code", "equals": "cleared"}, "order_by": "time"},
)]
PLAN = plan(CONDITIONS)
DURABLE_PLAN = plan(CONDITIONS, timelines=False)


def test_only_what_is_read_is_kept_and_equal_items_once():
    facts = {"printer": {"model": "LX-1", "serial": "123", "tray": {"size": "A4", "sheets": 3}},
             "jobs": [{"name": f"job{n}", "pages": 12, "colour": True, "owner": {"team": "a", "mail": f"{n}@x"}}
                      for n in range(1000)] + [{"name": "last", "pages": 1, "colour": 1}],
             "log": [{"code": "jam", "time": 1, "text": "x"}, {"code": "jam", "time": 1, "text": "y"}],
             "unread": list(range(100))}
    view = project(facts, PLAN)
    assert view == {"printer": {"model": "LX-1", "tray": {}},
                    "jobs": [{"pages": 12, "colour": True, "owner": {"team": "a"}}, {"pages": 1, "colour": 1}],
                    "log": [{"code": "jam", "time": 1}, {"code": "jam", "time": 1}]}  # a timeline keeps repeats
    # durable-rules is handed no timeline (precomputed), and the projection of the projection is the same
    assert project(facts, DURABLE_PLAN) == project(view, DURABLE_PLAN) == {k: v for k, v in view.items() if k != "log"}


def test_every_condition_reads_the_projection_as_it_reads_the_document():
    """2,000 random documents (absent fields, wrong types, repeats, non-object items)."""
    rng = random.Random(7)
    values = [None, True, False, 0, 1, 1.0, 11, 12, "a", "b", "jam", "cleared", [], {}, {"team": "a"}, "LX-1"]

    def item() -> object:
        if rng.random() < 0.05:
            return rng.choice(values)
        fields = {k: rng.choice(values) for k in ("pages", "colour", "owner", "code", "time", "name") if rng.random() < 0.7}
        if rng.random() < 0.3:
            fields["owner"] = {"team": rng.choice(["a", "b", "c"])} if rng.random() < 0.8 else {}
        return fields

    for _ in range(2000):
        facts: dict = {}
        if rng.random() < 0.8:
            facts["printer"] = {k: rng.choice(values) for k in ("model", "tray", "serial") if rng.random() < 0.7}
        for array in ("jobs", "log"):
            if rng.random() < 0.8:
                facts[array] = [item() for _ in range(rng.randint(0, 6))] if rng.random() < 0.95 else rng.choice(values)
        view = project(facts, PLAN)
        for condition in CONDITIONS:
            assert evaluate(condition, view) is evaluate(condition, facts), (condition, facts)
            assert open_paths(condition, view) == open_paths(condition, facts), (condition, facts)
        paths = ("printer.model", "printer.tray", "jobs", "jobs[].pages", "jobs[].colour", "jobs[].owner.team",
                 "log", "log[].code", "log[].time")
        assert absent_paths(view, paths) == absent_paths(facts, paths)
        durable_view = project(view, DURABLE_PLAN)
        for condition in CONDITIONS[:4]:  # all but the timeline
            assert evaluate(condition, durable_view) is evaluate(condition, facts), (condition, facts)
