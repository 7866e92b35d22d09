"""The connectives: ``all`` (every part holds), ``any`` (at least one part holds) and ``not``.

Their truth is the Kleene fold (``nodes.kleene``): "and" is decided by the first part that fails,
"or" by the first that holds, else undecided when a part is, and ``not`` keeps undecided. On
durable-rules' side ``not`` is pushed down to the comparisons: the pattern of a negated
condition is its other side's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ..nodes import AllOf, AnyOf, Condition, JsonPath, Location, Not, kleene, kleene_of
from ..patterns import Durable
from .base import Evaluate, NodeKind, Opener, T, Tracer, Truth


class Connective(NodeKind):
    """``all`` (``conjunctive``) or ``any`` over a list of parts."""

    def __init__(self, node_type: type[AllOf] | type[AnyOf], word: str) -> None:
        self.node_type, self.word, self.keys = node_type, word, (word,)
        self.conjunctive = node_type is AllOf
        self.deciding = not self.conjunctive
        """The part value that decides it: False for "and", True for "or"."""

    def parse(self, data: Mapping[str, Any], at: Location, part: Callable[[Any], Condition]) -> Condition:
        """``{all: [...]}`` / ``{any: [...]}``."""
        return self.node_type(tuple(part(p) for p in data[self.word]), at)

    def parts_written(self, data: Mapping[str, Any]) -> Iterator[tuple[JsonPath, Any]]:
        """Each part, in order."""
        for index, part in enumerate(data[self.word]):
            yield (self.word, index), part

    def children(self, node: AllOf | AnyOf) -> tuple[Condition, ...]:
        """The parts."""
        return node.parts

    def evaluate(self, node: AllOf | AnyOf, scope: Any, derived: Mapping[str, bool] | None, earlier: bool | None,
                 again: Evaluate) -> bool | None:
        """The Kleene fold of the parts' truths (the parts after the deciding one are not read)."""
        return kleene((again(p, scope, derived, earlier) for p in node.parts), self.deciding)

    def truth(self, node: AllOf | AnyOf, again: Callable[[Condition], Truth]) -> Truth:
        """The fold over the parts' closures, stopping at the first part that decides it."""
        return kleene_of([again(p) for p in node.parts], self.deciding)

    def opener(self, node: AllOf | AnyOf, again: Callable[[Condition], Opener], truth: Callable[[Condition], Truth]) -> Opener:
        """Every part read (each appends what it misses); what they appended is dropped when the fold decides."""
        each, deciding = [again(p) for p in node.parts], self.deciding

        def connective(scope: Any, prefix: str, found: list[str]) -> bool | None:
            mark = len(found)
            value = kleene([part(scope, prefix, found) for part in each], deciding)
            if value is not None:
                del found[mark:]
            return value

        return connective

    def durable(self, node: AllOf | AnyOf, positive: bool, item: bool,
                again: Callable[[Condition, bool, bool], Durable]) -> Durable:
        """``$and`` / ``$or`` of the parts' patterns (De Morgan on the fails side)."""
        compiled = [again(p, positive, item) for p in node.parts]
        if len(compiled) == 1:
            return compiled[0]
        return {"$and" if self.conjunctive == positive else "$or": compiled}

    def explain(self, node: AllOf | AnyOf, tracer: Tracer[T]) -> T:
        """Explained by its parts."""
        return tracer.parts(node)

    def conjuncts(self, node: AllOf | AnyOf) -> tuple[Condition, ...]:
        """``all``: its parts; ``any``: itself."""
        return node.parts if self.conjunctive else (node,)


class Negation(NodeKind):
    """``not``: the part does not hold."""

    node_type, word, keys = Not, "not", ("not",)

    def parse(self, data: Mapping[str, Any], at: Location, part: Callable[[Any], Condition]) -> Condition:
        """``{not: ...}``."""
        return Not(part(data["not"]), at)

    def parts_written(self, data: Mapping[str, Any]) -> Iterator[tuple[JsonPath, Any]]:
        """The negated part."""
        yield ("not",), data["not"]

    def children(self, node: Not) -> tuple[Condition, ...]:
        """The negated part."""
        return (node.part,)

    def evaluate(self, node: Not, scope: Any, derived: Mapping[str, bool] | None, earlier: bool | None,
                 again: Evaluate) -> bool | None:
        """The part's truth negated; undecided stays undecided."""
        value = again(node.part, scope, derived, earlier)
        return None if value is None else not value

    def truth(self, node: Not, again: Callable[[Condition], Truth]) -> Truth:
        """The part's closure, negated."""
        inner = again(node.part)

        def negation(scope: Any, derived: Mapping[str, bool] | None) -> bool | None:
            value = inner(scope, derived)
            return None if value is None else not value

        return negation

    def opener(self, node: Not, again: Callable[[Condition], Opener], truth: Callable[[Condition], Truth]) -> Opener:
        """The part's opener, negated (what it misses is what the negation misses)."""
        inner = again(node.part)

        def negation(scope: Any, prefix: str, found: list[str]) -> bool | None:
            value = inner(scope, prefix, found)
            return None if value is None else not value

        return negation

    def durable(self, node: Not, positive: bool, item: bool, again: Callable[[Condition, bool, bool], Durable]) -> Durable:
        """The part's other side."""
        return again(node.part, not positive, item)

    def explain(self, node: Not, tracer: Tracer[T]) -> T:
        """Explained by its part."""
        return tracer.parts(node)

    def picks_items(self, node: Not, array: str, again: Callable[[Condition], bool]) -> bool:
        """No: "no item is ..." is about the whole array, as "every item" is."""
        return False


ALL = Connective(AllOf, "all")
ANY = Connective(AnyOf, "any")
NOT = Negation()
