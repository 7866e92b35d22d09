"""The condition language: its typed tree, read from a rule file, and every operation over it except compiling.

A rule file's condition is parsed once, by the loader, into frozen nodes (``nodes.py``) that keep
the file and line they were written at. What each kind of node means is its entry in the
node-kind table (``node_kinds``); here are the operations over whole trees, derived from it: the
structure (``children``, ``walk``, the split of a top-level condition into references and
document part), the fact paths a condition reads (``paths``), three-valued evaluation in Python
(``evaluate``, Kleene logic: True, False, or None when a fact it needs is absent) and plain words
(``head``, given the sentence templates of one language). Compiling to durable-rules is
``compile.py``; the closures built for speed are ``evaluation.py``.

A condition is three-valued: it *holds*, it *fails*, or it is *undecided* because a fact
it needs is absent. Verdicts are made by durable-rules; ``evaluate`` serves explanations
(which part of a condition held) and evidence (which items of an array decided it).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from . import timeline
from .node_kinds import children, evaluate, item_reads, kind_of, kind_written, paths, walk
from .nodes import (
    GROUPED_FROM,
    NOWHERE,
    AllItems,
    AllOf,
    AnyItem,
    AnyOf,
    Compare,
    Condition,
    DerivedRef,
    EarlierStages,
    Items,
    JsonPath,
    Judge,
    Location,
    Not,
    Operator,
    Phrases,
    Quantifier,
    Reference,
    Scalar,
    _later,
    kleene,
    kleene_and,
    kleene_or,
    lookup,
    lookup_steps,
    order_key,
)
from .operators import show, version_key

__all__ = [
    "GROUPED_FROM", "NOWHERE", "AllItems", "AllOf", "AnyItem", "AnyOf", "Compare", "Condition", "DerivedRef",
    "EarlierStages", "Items", "JsonPath", "Judge", "Location", "Not", "Operator", "Phrases", "Quantifier", "Reference",
    "Scalar", "_later", "children", "derived_names", "document", "evaluate", "head", "item_fields", "item_reads", "kind",
    "kleene", "kleene_and", "kleene_or", "later_truth", "lookup", "lookup_steps", "node_places", "order_key", "parse",
    "paths", "show", "split", "timeline_truth", "version_key", "walk",
]


# ---------------------------------------------------------------- parsing


def parse(data: Any, file: str = "", lines: Iterator[int] | None = None) -> Condition:
    """The typed tree of a condition as written in a rule file (already valid against rule_schema.json).

    ``lines`` yields the line of every node in the order ``node_places`` lists them
    (outermost first, as written), so that every node knows where it was written.
    """
    where = Location(file, next(lines, 0) if lines is not None else 0)
    return kind_written(data).parse(data, where, lambda part: parse(part, file, lines))


def node_places(data: Any, at: JsonPath = ()) -> Iterator[JsonPath]:
    """The place in the file of every node of a condition as written, in the order ``parse`` reads their lines."""
    yield at
    for below, part in kind_written(data).parts_written(data):
        yield from node_places(part, (*at, *below))


# ---------------------------------------------------------------- structure


def split(top: Condition) -> tuple[tuple[Reference, ...], tuple[Condition, ...]]:
    """A top-level condition as its references (derived facts, earlier stages) and its document parts.

    References may stand alone or in a top-level ``all``; the document parts are the rest.
    """
    parts = kind_of(top).conjuncts(top)
    refs = tuple(p for p in parts if kind_of(p).reference)
    plain = tuple(p for p in parts if not kind_of(p).reference)
    return refs, plain  # type: ignore[return-value]  # a kind that is a reference has a Reference node


def document(plain: tuple[Condition, ...]) -> Condition | None:
    """The one document condition of a top-level condition's document parts (None when there are none)."""
    if not plain:
        return None
    return plain[0] if len(plain) == 1 else AllOf(plain, plain[0].at)


def derived_names(top: Condition) -> tuple[str, ...]:
    """The derived facts a top-level condition refers to, in order."""
    return tuple(derived[0] for ref in split(top)[0] if (derived := kind_of(ref).derived_fact(ref)) is not None)


def item_fields(quantifier: Quantifier) -> tuple[str, ...]:
    """The first step of every item field a quantifier reads (``sheets`` of ``trays[].sheets``), the order of a
    timeline included."""
    deciding = kind_of(quantifier).deciding_items(quantifier)
    return deciding.fields if deciding is not None else ()


# ---------------------------------------------------------------- timelines read from the tree


def _judge(condition: Condition) -> Judge:
    return lambda item: evaluate(condition, item)


def later_truth(node: AnyItem, items: Sequence[Any], table: Items | None = None, where: Judge | None = None,
                later: Judge | None = None) -> list[bool | None]:
    """Per item of a timeline, the Kleene truth of "this item satisfies ``where`` and no later item
    satisfies ``later``" (``timeline.later_truths``); judged by ``evaluate`` unless judges are given."""
    assert node.later is not None
    table = table if table is not None else Items(items, item_reads(node.where, node.later))
    return timeline.later_truths(table, node.order, where or _judge(node.where), later or _judge(node.later))


def timeline_truth(node: AnyItem, items: Sequence[Any], table: Items | None = None, where: Judge | None = None,
                   later: Judge | None = None) -> bool | None:
    """``kleene_or(later_truth(node, items))``, reading the order only when some item may satisfy ``where``."""
    assert node.later is not None
    table = table if table is not None else Items(items, item_reads(node.where, node.later))
    return timeline.timeline_truth(table, node.order, where or _judge(node.where), later or _judge(node.later))


# ---------------------------------------------------------------- plain words


def head(node: Condition, words: Phrases, prefix: str = "") -> str:
    """One node in plain words, without its children (``firmware is below "1.10"``).

    ``prefix`` is put before fact paths (``trays[3].`` for the fields of one item).
    """
    return kind_of(node).head(node, words, prefix)


def kind(node: Condition) -> str:
    """The node's kind as a word: a connective, a quantifier, a reference or a comparison operator."""
    return kind_of(node).kind_word(node)
