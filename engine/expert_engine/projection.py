"""The part of a facts document the rules read: planned once per rule set, taken once per diagnosis.

A facts document may carry much that no condition reads (an item's name, an event's
message) and long arrays whose items differ only in such fields. Every condition is
evaluated on the *projection* instead: the document cut down to the paths the conditions
read, each array a quantifier ranges over cut down to the item fields read, and items
that became equal kept once (some item / every item is the same over a list with its
repeats removed). 100,000 items that differ only in a field no condition reads become
the handful of distinct combinations of the fields read. durable-rules is handed the projection, and the
Python side decides the closed world and the missing facts on it; evidence is still shown
from the facts themselves, and array lengths and timelines are computed from them too.

Repeats are kept in arrays that a timeline reads: there two equal items with the same
time leave each other's order undecided, so removing one would change the answer. The
document durable-rules is handed needs no timeline at all (their truths are precomputed,
``compile.py``), so its plan leaves them out: a log of 10,000 events becomes the few
distinct events the other conditions read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .node_kinds import kind_of
from .nodes import Condition


@dataclass
class Projection:
    """What of one value the conditions read (a node of the plan; the root is the whole document)."""

    whole: bool = False
    """A condition compares the value itself: keep it as it is."""
    fields: dict[str, Projection] = field(default_factory=dict)
    """Object keys read below this value."""
    items: Projection | None = None
    """The item fields read when a quantifier ranges over this value (an array)."""
    ordered: bool = False
    """A timeline reads this array: its repeats are kept."""

    def at(self, path: str) -> Projection:
        """The plan of the value at the dotted ``path`` below this one (added when new)."""
        node = self
        for step in path.split("."):
            node = node.fields.setdefault(step, Projection())
        return node

    def item_plan(self) -> Projection:
        """The plan of this array's items (added when new): a quantifier ranges over it."""
        if self.items is None:
            self.items = Projection()
        return self.items


def plan(conditions: Iterable[Condition], timelines: bool = True) -> Projection:
    """The projection plan of every path the ``conditions`` read (the timelines' only when ``timelines``)."""
    root = Projection()
    for condition in conditions:
        _add(condition, root, timelines)
    return root


def _add(condition: Condition, scope: Projection, timelines: bool) -> None:
    """Add what ``condition`` reads to ``scope``: its node kind says what (``NodeKind.project``)."""
    kind_of(condition).project(condition, scope, timelines, lambda child, inner: _add(child, inner, timelines))


def project(value: Any, node: Projection) -> Any:
    """``value`` cut down to what ``node`` reads (see the module's docstring)."""
    if node.whole:
        return value
    if node.items is not None and type(value) is list:
        items = node.items
        projected = [project(item, items) if isinstance(item, Mapping) else item for item in value]
        return projected if node.ordered else _distinct(projected)
    if isinstance(value, Mapping):
        return {key: project(value[key], child) for key, child in node.fields.items() if key in value}
    if isinstance(value, list):
        return []  # read for its presence only
    return value


def _distinct(items: list[Any]) -> list[Any]:
    """``items`` with repeats removed, first occurrences in order (``True`` and ``1`` stay apart)."""
    if len(items) < 2:
        return items
    seen: set[Any] = set()
    kept: list[Any] = []
    for item in items:
        try:
            key: Any = tuple((k, type(v), v) for k, v in item.items()) if type(item) is dict else (type(item), item)
            hash(key)
        except TypeError:  # a nested object or array: compare as canonical JSON text
            key = json.dumps(item, sort_keys=True, ensure_ascii=False, default=repr)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept
