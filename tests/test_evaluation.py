"""The conditions as functions (engine/expert_engine/evaluation.py) give what the tree-walking functions give.

Every top-level condition and document part of the shipped rules, on 400 documents built
from the values the rules compare against (each fact present, absent, of another type or
near a constant), with and without derived facts decided.
"""

from __future__ import annotations

import random

from expert_engine.conditions import AnyItem, Compare, evaluate, paths, walk
from expert_engine.evaluation import lazy_opener, lazy_truth, opener, truth
from tests.helpers import shipped
from tests.oracle import open_paths

ODD = [None, True, False, 0, 1, 1.0, -1, 2.5, "", "x", "1.1.380.0", "2.4.18.0", [], {}, [{}], "2026-01-01T10:00:00Z"]


def _put(document: dict, path: str, value: object) -> None:
    steps = path.split(".")
    for step in steps[:-1]:
        document = document.setdefault(step, {}) if isinstance(document.get(step, {}), dict) else {}
    document[steps[-1]] = value


def documents(conditions, count: int, rng: random.Random) -> list[dict]:
    """Documents that set the paths the conditions read to values near what they compare against."""
    near: dict[str, list[object]] = {}
    for condition in conditions:
        for node in walk(condition):
            if isinstance(node, Compare):
                options = node.value if isinstance(node.value, tuple) else (node.value,)
                near.setdefault(node.fact, []).extend(options)
    arrays = sorted({p.split("[]")[0] for c in conditions for p in paths(c) if "[]" in p})
    made = []
    for _ in range(count):
        document: dict = {}
        for condition in conditions:
            for path in paths(condition):
                if "[]" in path or path in arrays or rng.random() < 0.3:
                    continue
                _put(document, path, rng.choice(near.get(path.split(".")[-1], []) + near.get(path, []) + ODD))
        for array in arrays:
            if rng.random() < 0.8:
                fields = sorted({p.split("[].", 1)[1] for c in conditions for p in paths(c) if p.startswith(array + "[].")})
                items = []
                for n in range(rng.randint(0, 4)):
                    item: dict = {}
                    for field in fields:
                        if rng.random() < 0.8:
                            _put(item, field, rng.choice(near.get(field, []) + ODD[:8] + [f"2026-01-01T10:0{n}:00Z"]))
                    items.append(item if rng.random() < 0.95 else "text")
                _put(document, array, items)
        made.append(document)
    return made


def test_truth_and_opener_agree_with_evaluate_and_open_paths_on_the_shipped_rules():
    result, engine = shipped().loaded, shipped().engine
    conditions = [shape.condition for shape in engine.compiled.shapes.values()]
    parts = [part for shape in engine.compiled.shapes.values() for part in shape.plain]
    names = sorted(result.ruleset.derivations)
    rng = random.Random(5)
    compiled = [(c, truth(c) if n % 2 else lazy_truth(c)) for n, c in enumerate(conditions)]  # the engine's are lazy
    openers = [(p, opener(p) if n % 2 else lazy_opener(p)) for n, p in enumerate(parts)]
    decided = 0
    for document in documents(conditions, 400, rng):
        derived = {name: rng.choice([True, False]) for name in names if rng.random() < 0.5}
        for condition, function in compiled:
            expected = evaluate(condition, document, derived)
            assert function(document, derived) is expected, (condition, document, derived)
            decided += expected is not None
        for part, function in openers:
            found: list[str] = []
            value = function(document, "", found)
            assert value is evaluate(part, document), (part, document)
            assert tuple(dict.fromkeys(found)) == open_paths(part, document), (part, document)
    assert decided > 10_000 and any(isinstance(n, AnyItem) for c in conditions for n in walk(c))
