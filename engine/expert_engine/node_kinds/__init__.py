"""The node-kind table: every kind of node of the condition language, each defined once.

Like the operators (``operators.OPERATORS``), each node kind is one entry, ``NODE_KINDS``: how it is
read from a rule file, its three-valued truth (read from the tree, compiled into a closure, and with
the facts it still misses in one pass), its durable-rules patterns for both sides, its words and the
shape of its explanation, what loading and lint refuse of it, and what of a facts document it reads
(``base.NodeKind`` lists the facets). ``conditions``, ``evaluation``, ``compile``, ``projection``,
``explain`` and ``lint`` walk trees through the table (``kind_of``) and hold no case per kind; the
reference evaluator in ``tests/oracle.py`` is the deliberate second reading.

A new node kind is a new entry (a node class in ``nodes.py``, a ``NodeKind`` here), its form in
``rule_schema.json``, its sentence template in the application's catalog and its tests.
"""

from __future__ import annotations

from .base import (
    Deciding,
    Evaluate,
    NodeKind,
    Opener,
    Precomputed,
    Read,
    Tracer,
    Truth,
    children,
    evaluate,
    item_reads,
    kind_of,
    kind_written,
    paths,
    register,
    registered,
    unregister,
    walk,
)
from .comparison import COMPARISON
from .connectives import ALL, ANY, NOT
from .quantifiers import ALL_ITEMS, ANY_ITEM, TIMELINE
from .references import DERIVED_FACT, EARLIER_STAGES

NODE_KINDS: tuple[NodeKind, ...] = (ALL, ANY, NOT, ANY_ITEM, TIMELINE, ALL_ITEMS, COMPARISON, DERIVED_FACT, EARLIER_STAGES)
"""The condition language's node kinds, one entry each."""

for _kind in NODE_KINDS:
    register(_kind)

__all__ = [
    "NODE_KINDS", "Deciding", "Evaluate", "NodeKind", "Opener", "Precomputed", "Read", "Tracer", "Truth", "children", "evaluate", "item_reads",
    "kind_of", "kind_written", "paths", "register", "registered", "unregister", "walk",
]
