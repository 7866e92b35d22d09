"""Conditions turned, once per rule set, into Python functions that evaluate them (Kleene).

``conditions.evaluate`` and the reference ``open_paths`` (tests/oracle.py) read a condition
tree node by node at every call: the reference meaning, used by the reference evaluator
and the explanations. The engine needs them for every undecided condition of every
diagnosis, so here each node becomes a closure once (paths split, operators and constants chosen,
children bound), built by its entry in the node-kind table (``node_kinds``), and a diagnosis only
calls them: no table is read while evaluating. ``truth`` gives what ``evaluate`` gives;
``opener`` also appends, like ``open_paths``, the paths of the undecided parts.
tests/test_evaluation.py compares both with the tree-walking functions on generated
conditions and documents.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .node_kinds import Opener, Truth, kind_of
from .nodes import Condition, Judge

__all__ = ["Opener", "Truth", "item_judge", "lazy_opener", "lazy_truth", "opener", "truth"]


def truth(node: Condition) -> Truth:
    """A function giving ``conditions.evaluate(node, scope, derived)`` (earlier stages undecided)."""
    return kind_of(node).truth(node, truth)


def opener(node: Condition) -> Opener:
    """A function giving the truth of ``node`` (references undecided) and, when it is undecided, appending
    the paths of its undecided parts to ``found`` (the reference ``open_paths`` in tests/oracle.py, one walk)."""
    return kind_of(node).opener(node, opener, truth)


def lazy_truth(node: Condition) -> Truth:
    """``truth(node)``, built at its first call: a start that diagnoses one document calls few of them."""
    built: Truth | None = None

    def call(scope: Any, derived: Mapping[str, bool] | None) -> bool | None:
        nonlocal built
        if built is None:
            built = truth(node)
        return built(scope, derived)

    return call


def item_judge(node: Condition) -> Judge:
    """``truth(node)`` of one array item (what ``conditions.Items`` calls), built at its first call."""
    judge = lazy_truth(node)
    return lambda item: judge(item, None)


def lazy_opener(node: Condition) -> Opener:
    """``opener(node)``, built at its first call."""
    built: Opener | None = None

    def call(scope: Any, prefix: str, found: list[str]) -> bool | None:
        nonlocal built
        if built is None:
            built = opener(node)
        return built(scope, prefix, found)

    return call
