"""The comparison: a fact compared by an operator with an operand (``{fact: firmware, version_lt: "2.0"}``).

What each operator means is its entry in ``operators.OPERATORS``; this node kind reads the fact (a
dotted path in the document, or an item's field inside a quantifier) and hands it to the operator:
undecided when the fact is absent (unless the operator decides absence, as ``present`` does).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, cast

from ..nodes import ABSENT, Compare, Condition, Location, Operator, Phrases, lookup, reader
from ..operators import OPERATORS, VERSIONS, Place, operand_problems
from ..patterns import FACTS, ITEM, Durable, bound_paths
from .base import Evaluate, NodeKind, Opener, Precomputed, Read, T, Tracer, Truth

if TYPE_CHECKING:
    from ..projection import Projection

VERSION_IN_ITEM = "version comparisons are not supported inside a quantifier's 'where'"


class Comparison(NodeKind):
    """``{fact: path, <operator>: operand}``."""

    node_type, word, keys = Compare, "comparison", ("fact",)

    def parse(self, data: Mapping[str, Any], at: Location, part: Callable[[Any], Condition]) -> Condition:
        """The fact and the one operator key (a list operand as a tuple)."""
        op = cast(Operator, next(k for k in data if k != "fact"))
        value = data[op]
        return Compare(str(data["fact"]), op, tuple(value) if isinstance(value, list) else value, at)

    def paths(self, node: Compare, prefix: str, found: list[str], again: Callable[[Condition, str, list[str]], None]) -> None:
        """The fact."""
        found.append(prefix + node.fact)

    def evaluate(self, node: Compare, scope: Any, derived: Mapping[str, bool] | None, earlier: bool | None,
                 again: Evaluate) -> bool | None:
        """The operator's truth of the fact's value, or its truth for an absent fact."""
        present, value = lookup(scope, node.fact)
        operator = OPERATORS[node.op]
        return operator.test(node.value)(value) if present else operator.absent(node.value)

    def truth(self, node: Compare, again: Callable[[Condition], Truth]) -> Truth:
        """The comparison with its operand bound, as one function (the fact read in place when its path is one step)."""
        steps = node.fact.split(".")
        operator = OPERATORS[node.op]
        test, when_absent = operator.test(node.value), operator.absent(node.value)
        if len(steps) == 1:
            step, read_one = steps[0], reader(node.fact)

            def comparison_one(scope: Any, derived: Mapping[str, bool] | None) -> bool | None:
                value = scope.get(step, ABSENT) if type(scope) is dict else read_one(scope)
                return when_absent if value is ABSENT else test(value)

            return comparison_one
        read = reader(node.fact)

        def comparison(scope: Any, derived: Mapping[str, bool] | None) -> bool | None:
            value = read(scope)
            return when_absent if value is ABSENT else test(value)

        return comparison

    def opener(self, node: Compare, again: Callable[[Condition], Opener], truth: Callable[[Condition], Truth]) -> Opener:
        """The comparison, as ``truth``; undecided, it misses its fact."""
        fact, read = node.fact, reader(node.fact)
        operator = OPERATORS[node.op]
        test, when_absent = operator.test(node.value), operator.absent(node.value)

        def comparison(scope: Any, prefix: str, found: list[str]) -> bool | None:
            value = read(scope)
            value = when_absent if value is ABSENT else test(value)
            if value is None:
                found.append(prefix + fact)
            return value

        return comparison

    def decided_when_present(self, node: Compare) -> bool:
        """As the operator says (a presence test, a version comparison may stay undecided)."""
        return OPERATORS[node.op].decided_when_present(node.value)

    def durable(self, node: Compare, positive: bool, item: bool, again: Callable[[Condition, bool, bool], Durable]) -> Durable:
        """The operator's pattern for the side, at the fact's place: an item's field as it is; outside items,
        the fact and, for a comparison by order, its precomputed lowest and highest values."""
        operator = OPERATORS[node.op]
        if item:
            place = Place(f"{ITEM}.{node.fact}")
        else:
            domain = operator.domain(node.value)
            place = Place(f"{FACTS}.{node.fact}", *(bound_paths(domain, node.fact) if domain is not None else ()))
        return (operator.holds if positive else operator.fails)(node.value, place)

    def precomputes(self, node: Compare, in_item: bool,
                    again: Callable[[Condition, bool], Iterator[Precomputed]]) -> Iterator[Precomputed]:
        """By order, outside items: the fact's lowest and highest values."""
        domain = OPERATORS[node.op].domain(node.value)
        if domain is not None and not in_item:  # an item's field is compared as it is
            yield Precomputed("ordered", (domain, node.fact))

    def head(self, node: Compare, words: Phrases, prefix: str) -> str:
        """The operator's sentence (``firmware is below "1.10"``)."""
        key, fields = OPERATORS[node.op].words(node.value)
        return words[key].format(fact=prefix + node.fact, **fields)

    def kind_word(self, node: Compare) -> str:
        """The operator's sentence key."""
        return OPERATORS[node.op].words(node.value)[0]

    def explain(self, node: Compare, tracer: Tracer[T]) -> T:
        """The fact's value."""
        return tracer.fact(node, node.fact)

    def label_values(self, node: Compare) -> tuple[Any, ...]:
        """The operand, unless it is a presence test's or a list."""
        return () if node.op == "present" or isinstance(node.value, tuple) else (node.value,)

    def problems(self, node: Compare, in_item: bool, again: Callable[[Condition, bool], list[str]]) -> list[str]:
        """No version inside items; the operand as the operator refuses it."""
        if in_item and OPERATORS[node.op].domain(node.value) is VERSIONS:
            return [VERSION_IN_ITEM]
        return list(OPERATORS[node.op].refused(node.value))

    def facts_read(self, node: Compare, prefix: str, again: Callable[[Condition, str], Iterator[Read]]) -> Iterator[Read]:
        """The fact."""
        yield prefix + node.fact, node

    def fact_problems(self, node: Compare, path: str, fact: Mapping[str, Any]) -> list[str]:
        """The operand against the fact's schema (``operators.operand_problems``)."""
        return operand_problems(node.op, node.value, path, fact)

    def project(self, node: Compare, scope: Projection, timelines: bool, again: Callable[[Condition, Projection], None]) -> None:
        """The fact: its value, or only whether it is there for a presence test."""
        read = scope.at(node.fact)
        read.whole = read.whole or OPERATORS[node.op].reads_value


COMPARISON = Comparison()
