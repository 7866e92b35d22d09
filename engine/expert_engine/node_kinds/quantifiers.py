"""The quantifiers over an array's items: ``any_item``, ``all_items``, and the timeline (``any_item`` with
``not_followed_by`` ordered by ``order_by``: some item satisfies ``where`` and no later one ``not_followed_by``).

An item condition (``where``) reads the item's fields. An array that is absent or not a list leaves a
quantifier undecided; an item that is not an object decides nothing. Long arrays are read as
``nodes.Items`` (each distinct item judged once). On durable-rules' side ``any`` is ``$iany`` and ``all``
``$iall`` or an empty array (its precomputed length); an alternative inside an item's expression is not
emitted (durable-rules 2.0.28 evaluates it wrongly, ``compile.py``). A timeline compares items with each
other, which durable-rules cannot: its truth is precomputed per document (``timeline.py``) and matched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ..nodes import GROUPED_FROM, AllItems, AnyItem, AnyOf, Compare, Condition, JsonPath, Location, Phrases, items_of, kleene, lookup, reader
from ..patterns import FACTS, LENGTHS, TIMELINES, Durable, NotCompilable, flat_key, has_or, timeline_key
from ..timeline import later_truths, timeline_truth
from .base import Deciding, Evaluate, NodeKind, Opener, Precomputed, Read, T, Tracer, Truth, item_reads

if TYPE_CHECKING:
    from ..projection import Projection

NESTED = "a quantifier (any_item/all_items) cannot stand inside another quantifier's 'where'"
NOT_ARRAY = "fact {path!r} is not an array, so no quantifier can range over it"


class Quantifier(NodeKind):
    """``any_item`` (``existential``) or ``all_items``: some / every item of the array satisfies ``where``."""

    def __init__(self, node_type: type[AnyItem] | type[AllItems], word: str) -> None:
        self.node_type, self.word, self.keys = node_type, word, (word, "where")
        self.existential = node_type is AnyItem
        """Some item (decided by the first that holds), else every item (by the first that fails)."""

    def accepts(self, node: AnyItem | AllItems) -> bool:
        """Not a timeline."""
        return not isinstance(node, AnyItem) or node.later is None

    def parse(self, data: Mapping[str, Any], at: Location, part: Callable[[Any], Condition]) -> Condition:
        """``{any_item: path, where: ...}`` / ``{all_items: path, where: ...}``."""
        return self.node_type(str(data[self.word]), part(data["where"]), at)

    def parts_written(self, data: Mapping[str, Any]) -> Iterator[tuple[JsonPath, Any]]:
        """The item condition."""
        yield ("where",), data["where"]

    def children(self, node: AnyItem | AllItems) -> tuple[Condition, ...]:
        """The item condition."""
        return (node.where,)

    def paths(self, node: AnyItem | AllItems, prefix: str, found: list[str],
              again: Callable[[Condition, str, list[str]], None]) -> None:
        """The array, then its items' fields (``array[].field``)."""
        found.append(prefix + node.array)
        for child in self.children(node):
            again(child, f"{prefix}{node.array}[].", found)

    def evaluate(self, node: AnyItem | AllItems, scope: Any, derived: Mapping[str, bool] | None, earlier: bool | None,
                 again: Evaluate) -> bool | None:
        """The fold of the items' truths (undecided without a list)."""
        present, items = lookup(scope, node.array)
        if not present or not isinstance(items, list):
            return None
        where = node.where
        if len(items) >= GROUPED_FROM:
            results: list[bool | None] = items_of(items, item_reads(where)).truths(lambda item: again(where, item, None, None))
        else:
            results = [again(where, item, None, None) if isinstance(item, Mapping) else None for item in items]
        return kleene(results, self.existential)

    def truth(self, node: AnyItem | AllItems, again: Callable[[Condition], Truth]) -> Truth:
        """The fold over the item condition's closure; any: decided by the first item that holds, all: that fails."""
        read, where, existential, fields = reader(node.array), again(node.where), self.existential, item_reads(node.where)

        def judge(item: Mapping[str, Any]) -> bool | None:
            return where(item, None)

        def quantified(scope: Any, derived: Mapping[str, bool] | None) -> bool | None:
            items = read(scope)
            if not isinstance(items, list):
                return None
            if len(items) >= GROUPED_FROM:
                return kleene(items_of(items, fields).truths(judge), existential)
            return kleene((where(item, None) if isinstance(item, Mapping) else None for item in items), existential)

        return quantified

    def opener(self, node: AnyItem | AllItems, again: Callable[[Condition], Opener],
               truth: Callable[[Condition], Truth]) -> Opener:
        """Every item read (the array itself missing when it is no list); what they missed dropped when decided."""
        read, where, existential, array = reader(node.array), again(node.where), self.existential, node.array

        def quantified(scope: Any, prefix: str, found: list[str]) -> bool | None:
            items = read(scope)
            if not isinstance(items, list):
                found.append(prefix + array)
                return None
            mark, inside = len(found), f"{prefix}{array}[]."
            value = kleene([where(item, inside, found) if isinstance(item, Mapping) else None for item in items], existential)
            if value is not None:
                del found[mark:]
            return value

        return quantified

    def decided_when_present(self, node: AnyItem | AllItems) -> bool:
        """An array's items may leave it undecided."""
        return False

    def durable(self, node: AnyItem | AllItems, positive: bool, item: bool,
                again: Callable[[Condition, bool, bool], Durable]) -> Durable:
        """Some item: ``$iany`` per alternative; every item: the array is empty or ``$iall`` (no alternative inside)."""
        path = f"{FACTS}.{node.array}"
        inner = again(node.where, positive, True)
        if self.existential == positive:
            # some item holds (for 'any', positive) / some item fails (for 'all', negative)
            alternatives = inner["$or"] if set(inner) == {"$or"} else [inner]
            if any(has_or(a) for a in alternatives):
                raise NotCompilable(node.array)
            anys: list[Durable] = [{"$iany": {path: a}} for a in alternatives]
            return anys[0] if len(anys) == 1 else {"$or": anys}
        # every item holds (for 'all', positive) / every item fails (for 'any', negative); vacuous when empty
        if has_or(inner):
            raise NotCompilable(node.array)
        return {"$or": [{f"{LENGTHS}.{flat_key(node.array)}": 0}, {"$iall": {path: inner}}]}

    def precomputes(self, node: AnyItem | AllItems, in_item: bool,
                    again: Callable[[Condition, bool], Iterator[Precomputed]]) -> Iterator[Precomputed]:
        """The array's length (every item of an empty array), then what its item conditions need."""
        yield Precomputed("array", node.array)
        for child in self.children(node):
            yield from again(child, True)

    def head(self, node: AnyItem | AllItems, words: Phrases, prefix: str) -> str:
        """``some item of trays``."""
        return words[self.word].format(array=prefix + node.array)

    def explain(self, node: AnyItem | AllItems, tracer: Tracer[T]) -> T:
        """The items, each explained by the item condition."""
        return tracer.items(node, node.array, (node.where,), self.existential, None)

    def deciding_items(self, node: AnyItem | AllItems) -> Deciding:
        """Some item: the items that satisfy ``where``; every item: those that do not."""
        return Deciding(node.array, node.where, self.existential, item_reads(node.where))

    def picks_items(self, node: AnyItem | AllItems, array: str, again: Callable[[Condition], bool]) -> bool:
        """Over ``array``: some item does, every item does not; over another array, as its item condition."""
        if node.array == array:
            return self.existential
        return any(again(child) for child in self.children(node))

    def problems(self, node: AnyItem | AllItems, in_item: bool, again: Callable[[Condition, bool], list[str]]) -> list[str]:
        """Not inside another quantifier; its item conditions checked as such."""
        nested = [NESTED] if in_item else []
        return nested + [problem for child in self.children(node) for problem in again(child, True)]

    def facts_read(self, node: AnyItem | AllItems, prefix: str, again: Callable[[Condition, str], Iterator[Read]]) -> Iterator[Read]:
        """The array, then the item conditions' facts as ``array[].field``."""
        yield prefix + node.array, node
        for child in self.children(node):
            yield from again(child, f"{prefix}{node.array}[].")

    def fact_problems(self, node: AnyItem | AllItems, path: str, fact: Mapping[str, Any]) -> list[str]:
        """It ranges over an array."""
        return [NOT_ARRAY.format(path=path)] if fact.get("type") != "array" else []

    def project(self, node: AnyItem | AllItems, scope: Projection, timelines: bool,
                again: Callable[[Condition, Projection], None]) -> None:
        """The array, cut down to the item fields its item conditions read."""
        items = scope.at(node.array).item_plan()
        for child in self.children(node):
            again(child, items)


class Timeline(NodeKind):
    """``any_item`` with ``not_followed_by`` and ``order_by``: some item satisfies ``where`` and no item later by
    ``order`` satisfies ``later`` (missing or equal order values leave "later" undecided, ``timeline.py``)."""

    node_type, word, keys = AnyItem, "any_item_not_followed", ("any_item", "where", "not_followed_by", "order_by")
    _some = Quantifier(AnyItem, "any_item")
    """What a timeline reads and how it is checked are an ``any_item``'s over both its item conditions."""

    def accepts(self, node: AnyItem) -> bool:
        """An ``any_item`` with a ``later``."""
        return isinstance(node, AnyItem) and node.later is not None

    def parse(self, data: Mapping[str, Any], at: Location, part: Callable[[Any], Condition]) -> Condition:
        """``{any_item: path, where: ..., not_followed_by: ..., order_by: field}``."""
        first = part(data["where"])
        return AnyItem(str(data["any_item"]), first, at, part(data["not_followed_by"]), str(data["order_by"]))

    def parts_written(self, data: Mapping[str, Any]) -> Iterator[tuple[JsonPath, Any]]:
        """The item condition, then the recovery."""
        yield ("where",), data["where"]
        yield ("not_followed_by",), data["not_followed_by"]

    def children(self, node: AnyItem) -> tuple[Condition, ...]:
        """The item condition and the recovery."""
        assert node.later is not None
        return (node.where, node.later)

    def paths(self, node: AnyItem, prefix: str, found: list[str], again: Callable[[Condition, str, list[str]], None]) -> None:
        """The array, its items' fields, then the order field."""
        self._some.paths(node, prefix, found, again)
        found.append(f"{prefix}{node.array}[].{node.order}")

    def evaluate(self, node: AnyItem, scope: Any, derived: Mapping[str, bool] | None, earlier: bool | None,
                 again: Evaluate) -> bool | None:
        """Read from the tree: the items judged by the walker (``timeline.timeline_truth``)."""
        present, items = lookup(scope, node.array)
        if not present or not isinstance(items, list):
            return None
        where, later = self.children(node)
        return timeline_truth(items_of(items, item_reads(where, later)), node.order,
                              lambda item: again(where, item, None, None), lambda item: again(later, item, None, None))

    def truth(self, node: AnyItem, again: Callable[[Condition], Truth]) -> Truth:
        """The items judged by the item conditions' closures."""
        read, (where, later), order = reader(node.array), map(again, self.children(node)), node.order
        fields = item_reads(*self.children(node))

        def timeline(scope: Any, derived: Mapping[str, bool] | None) -> bool | None:
            items = read(scope)
            if not isinstance(items, list):
                return None
            return timeline_truth(items_of(items, fields), order, lambda item: where(item, None), lambda item: later(item, None))

        return timeline

    def opener(self, node: AnyItem, again: Callable[[Condition], Opener], truth: Callable[[Condition], Truth]) -> Opener:
        """The truth; when undecided, what every distinct item misses (its order value included)."""
        array, order, (where, later) = node.array, node.order, map(again, self.children(node))
        read, (where_truth, recovery_truth) = reader(array), map(truth, self.children(node))
        fields = item_reads(*self.children(node))

        def timeline(scope: Any, prefix: str, found: list[str]) -> bool | None:
            items = read(scope)
            if not isinstance(items, list):
                found.append(prefix + array)
                return None
            table = items_of(items, fields)  # grouped once, for the truth and for the undecided paths
            value = timeline_truth(table, order, lambda item: where_truth(item, None), lambda item: recovery_truth(item, None))
            if value is None:
                # the paths of every item's undecided parts, in order; items alike (``Items``) add the same paths
                inside, seen = f"{prefix}{array}[].", set()
                for item, number, key in zip(items, table.group, table.order_keys(order), strict=True):
                    if number < 0 or (number, key is None) in seen:
                        continue
                    seen.add((number, key is None))
                    where(item, inside, found)
                    later(item, inside, found)
                    if key is None:
                        found.append(inside + order)
            return value

        return timeline

    def durable(self, node: AnyItem, positive: bool, item: bool, again: Callable[[Condition, bool, bool], Durable]) -> Durable:
        """The precomputed truth, matched in the text ``t``."""
        return {"$mt": {TIMELINES: f".*{timeline_key(node)}:{int(positive)}.*"}}  # durable's regex fails ".*;x;.*" mid-text (measured)

    def precomputes(self, node: AnyItem, in_item: bool,
                    again: Callable[[Condition, bool], Iterator[Precomputed]]) -> Iterator[Precomputed]:
        """The timeline's truth, then what its item conditions need."""
        yield Precomputed("timeline", node)
        for child in self.children(node):
            yield from again(child, True)

    def head(self, node: AnyItem, words: Phrases, prefix: str) -> str:
        """``some item of events ... with no later one (by time) ...``."""
        return words[self.word].format(array=prefix + node.array, order=node.order)

    def explain(self, node: AnyItem, tracer: Tracer[T]) -> T:
        """The items, each explained by the item condition and the recovery; each item's truth is the timeline's."""
        where, later = self.children(node)

        def per_item(items: list[Any]) -> list[bool | None]:
            return later_truths(items_of(items, item_reads(where, later)), node.order,
                                lambda item: tracer.judge(where, item), lambda item: tracer.judge(later, item))

        return tracer.items(node, node.array, (where, later), True, per_item)

    def deciding_items(self, node: AnyItem) -> Deciding:
        """The items that satisfy the item condition or the recovery; the order field is read too."""
        where, later = self.children(node)
        return Deciding(node.array, AnyOf((where, later)), True,
                        tuple(dict.fromkeys((*item_reads(where, later), node.order.split(".")[0]))))

    def picks_items(self, node: AnyItem, array: str, again: Callable[[Condition], bool]) -> bool:
        """Over ``array``: some item does; over another array, as its item conditions."""
        return node.array == array or any(again(child) for child in self.children(node))

    def decided_when_present(self, node: AnyItem) -> bool:
        """An array's items may leave it undecided."""
        return False

    def problems(self, node: AnyItem, in_item: bool, again: Callable[[Condition, bool], list[str]]) -> list[str]:
        """As a quantifier's."""
        return self._some.problems(node, in_item, again)

    def fact_problems(self, node: AnyItem, path: str, fact: Mapping[str, Any]) -> list[str]:
        """It ranges over an array."""
        return self._some.fact_problems(node, path, fact)

    def facts_read(self, node: AnyItem, prefix: str, again: Callable[[Condition, str], Iterator[Read]]) -> Iterator[Read]:
        """As a quantifier's, then the order field, read as a fact of every item."""
        yield from self._some.facts_read(node, prefix, again)
        yield from again(Compare(node.order, "present", True, node.at), f"{prefix}{node.array}[].")

    def project(self, node: AnyItem, scope: Projection, timelines: bool, again: Callable[[Condition, Projection], None]) -> None:
        """The array with its repeats kept (they may leave each other's order undecided) and its order field;
        nothing when the plan leaves timelines out (durable-rules reads their precomputed truths)."""
        if not timelines:
            return
        array = scope.at(node.array)
        items = array.item_plan()
        array.ordered = True
        items.at(node.order).whole = True
        for child in self.children(node):
            again(child, items)


ANY_ITEM = Quantifier(AnyItem, "any_item")
ALL_ITEMS = Quantifier(AllItems, "all_items")
TIMELINE = Timeline()
