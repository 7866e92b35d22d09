"""What a node kind of the condition language is: every facet the engine reads of it, in one class.

A node kind (``all``, ``not``, ``any_item``, a comparison, a reference to a derived fact, ...) is
one ``NodeKind`` entry of the table (``node_kinds.NODE_KINDS``). Its facets are everything the
engine does with such a node: read it from a rule file (``parse``, ``parts_written``), its
sub-conditions (``children``) and the fact paths it reads (``paths``), its three-valued truth
read from the tree (``evaluate``) and compiled once into closures (``truth``; ``opener``: the
truth and, in the same pass, the paths of the facts it still misses), its durable-rules
patterns for both sides (``durable``), its plain words (``head``, ``word``) and the shape of
its explanation (``explain``), what loading and lint refuse of it (``problems``,
``facts_read``, ``fact_problems``), what of a facts document it reads (``project``), and how
the engine reads a conclusion from it: the top-level parts it splits into (``conjuncts``), what
a reference refers to (``derived_fact``, ``reads_gate``), which items decided a quantifier
(``deciding_items``), whether it picks some items of an array (``picks_items``) and the values
an observation is named by (``label_values``).

A facet that needs the same operation on the node's children is handed it (``again``): the
table holds no module's machinery, and the modules that walk a tree (``conditions``,
``evaluation``, ``compile``, ``projection``, ``explain``, ``lint``) hand their own walk
down. The Kleene fold is ``nodes.kleene``, written once.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Protocol, TypeVar

from ..nodes import Condition, JsonPath, Location, Phrases
from ..patterns import Durable, NotCompilable

if TYPE_CHECKING:
    from ..projection import Projection

Truth = Callable[[Any, "Mapping[str, bool] | None"], "bool | None"]
"""(scope, derived facts) -> the condition's Kleene truth."""
Opener = Callable[[Any, str, list[str]], "bool | None"]
"""(scope, path prefix, found) -> the Kleene truth; when undecided, its undecided parts' paths appended to found."""
Evaluate = Callable[[Condition, Any, "Mapping[str, bool] | None", "bool | None"], "bool | None"]
"""The tree walker (``evaluate``): (node, scope, derived facts, earlier stages passed) -> its Kleene truth."""
class Precomputed(NamedTuple):
    """A value durable-rules cannot compute, precomputed per facts document (``compile.precomputed``): the lowest
    and highest value of a fact compared by order (``ordered``: its domain and path), an array's length
    (``array``: its path) or a timeline's truth (``timeline``: the node)."""

    kind: Literal["ordered", "array", "timeline"]
    value: Any


class Deciding(NamedTuple):
    """Which items of an array decide a quantifier (``NodeKind.deciding_items``): those on which ``judged`` is
    ``deciding`` (for "some item", the items that hold; for "every item", those that break it)."""

    array: str
    judged: Condition
    """The condition each item is judged by (a timeline's: its item condition or its recovery)."""
    deciding: bool
    """The truth of ``judged`` on an item that decided it."""
    fields: tuple[str, ...]
    """The first step of every item field the quantifier reads (a timeline's order included)."""


Read = tuple[str, Any]
"""A fact a node reads, as lint sees it: (path as the fact schema names it, ``array[].field`` for item fields; the node)."""

T = TypeVar("T", covariant=True)


class Tracer(Protocol[T]):
    """What an explanation makes of a node, by the shape of its explanation (``NodeKind.explain`` chooses)."""

    def derived(self, node: Any) -> T:
        """A reference to a derived fact: how it was derived."""

    def earlier_stages(self, node: Any) -> T:
        """A reference to the earlier stages: whether they passed."""

    def parts(self, node: Any) -> T:
        """A node explained by its children's explanations (connectives, ``not``)."""

    def items(self, node: Any, array: str, judged: tuple[Condition, ...], existential: bool,
              per_item: Callable[[list[Any]], list[bool | None]] | None) -> T:
        """A quantifier: the items of ``array``, each explained by ``judged`` (``per_item``: the truth of each
        item when it is not the first judged condition's own, as for a timeline)."""

    def fact(self, node: Any, fact: str) -> T:
        """A node reading one fact: its value."""

    def judge(self, node: Condition, item: Any) -> bool | None:
        """The truth of an item condition on one item, as the explanation reads it."""


class NodeKind(ABC):
    """One node kind: the class of its nodes, the rule-file keys that introduce it and every facet."""

    node_type: type
    """The class of this kind's nodes (``nodes.py``); several kinds may share one (``accepts`` tells them apart)."""
    keys: tuple[str, ...]
    """The keys a rule file's condition has when it is of this kind (rule_schema.json's ``required``)."""
    word: str
    """The kind as a word: the key of its sentence template (``head``) and the ``op`` of its explanation."""
    reference: bool = False
    """A reference to what other rules concluded: top level only, matched as a fact of its own."""

    def accepts(self, node: Any) -> bool:
        """Whether ``node`` (of ``node_type``) is of this kind."""
        return True

    # ------------------------------------------------------------ a rule file

    @abstractmethod
    def parse(self, data: Mapping[str, Any], at: Location, part: Callable[[Any], Condition]) -> Condition:
        """The node written as ``data`` (valid against the rule schema), at ``at``; ``part`` parses a sub-condition
        (call it in the order of ``parts_written``: it reads each one's line)."""

    def parts_written(self, data: Mapping[str, Any]) -> Iterator[tuple[JsonPath, Any]]:
        """The sub-conditions as written, with their place below this node's, in the order ``parse`` reads them."""
        return iter(())

    # ------------------------------------------------------------ structure

    def children(self, node: Any) -> tuple[Condition, ...]:
        """The sub-conditions, in order (a quantifier's ``where`` included)."""
        return ()

    def paths(self, node: Any, prefix: str, found: list[str], again: Callable[[Condition, str, list[str]], None]) -> None:
        """Append every fact path the node reads, item fields as ``array[].field`` (``prefix`` before each)."""
        for child in self.children(node):
            again(child, prefix, found)

    # ------------------------------------------------------------ truth

    @abstractmethod
    def evaluate(self, node: Any, scope: Any, derived: Mapping[str, bool] | None, earlier: bool | None,
                 again: Evaluate) -> bool | None:
        """The Kleene truth read from the tree, in ``scope`` (the document, or one item for an item condition)."""

    @abstractmethod
    def truth(self, node: Any, again: Callable[[Condition], Truth]) -> Truth:
        """The truth as a closure built once (paths split, operands bound, children's closures bound)."""

    @abstractmethod
    def opener(self, node: Any, again: Callable[[Condition], Opener], truth: Callable[[Condition], Truth]) -> Opener:
        """The truth as a closure that, when it is undecided, also appends the paths it still misses (one pass)."""

    def decided_when_present(self, node: Any) -> bool:
        """Whether a present value of every fact it reads decides it (``compile.decided_by_one_fact``)."""
        return True

    # ------------------------------------------------------------ durable-rules

    @abstractmethod
    def durable(self, node: Any, positive: bool, item: bool, again: Callable[[Condition, bool, bool], Durable]) -> Durable:
        """The durable-rules pattern matching when the node holds (``positive``) or definitely fails, inside an
        array item's expression when ``item``; raises ``patterns.NotCompilable`` when there is none."""

    def precomputes(self, node: Any, in_item: bool, again: Callable[[Condition, bool], Iterator[Precomputed]]) -> Iterator[Precomputed]:
        """What durable-rules' patterns of the node and its children read precomputed (``in_item``: inside a
        quantifier's ``where``, where an item's field is compared as it is)."""
        for child in self.children(node):
            yield from again(child, in_item)

    # ------------------------------------------------------------ words

    def head(self, node: Any, words: Phrases, prefix: str) -> str:
        """The node in plain words without its children (``prefix`` before fact paths)."""
        return words[self.word]

    def kind_word(self, node: Any) -> str:
        """The node's kind as a word (a comparison says its operator's template key)."""
        return self.word

    @abstractmethod
    def explain(self, node: Any, tracer: Tracer[T]) -> T:
        """The node's explanation: which of the tracer's shapes it takes."""

    def matched(self, node: Any, stage: str, want: bool) -> Durable:
        """A reference's pattern: the asserted fact it reads (a derived fact, the stage gate of ``stage``) when
        the reference is ``want``; only references have one."""
        raise NotCompilable(f"{self.word} is read inside the facts document, not as a fact of its own")

    # ------------------------------------------------------------ lint

    def problems(self, node: Any, in_item: bool, again: Callable[[Condition, bool], list[str]]) -> list[str]:
        """What loading refuses that the rule schema cannot see (``in_item``: inside a quantifier's ``where``)."""
        return [problem for child in self.children(node) for problem in again(child, in_item)]

    def facts_read(self, node: Any, prefix: str, again: Callable[[Condition, str], Iterator[Read]]) -> Iterator[Read]:
        """Every fact the node and its children read, as lint checks them against the fact schema."""
        for child in self.children(node):
            yield from again(child, prefix)

    def fact_problems(self, node: Any, path: str, fact: Mapping[str, Any]) -> list[str]:
        """What lint finds wrong with this node reading ``path``, whose fact schema is ``fact``."""
        return []

    # ------------------------------------------------------------ reading a conclusion

    def conjuncts(self, node: Any) -> tuple[Condition, ...]:
        """The parts a top-level condition is split into (``conditions.split``): the node itself, or an ``all``'s parts."""
        return (node,)

    def derived_fact(self, node: Any) -> tuple[str, bool] | None:
        """A reference to a derived fact: its name and the value the reference wants; None for every other node."""
        return None

    def reads_gate(self, node: Any) -> bool:
        """Whether the node refers to the earlier stages (the stage gate: they passed)."""
        return False

    def deciding_items(self, node: Any) -> Deciding | None:
        """A quantifier: its array, and which of its items decided it (shown as evidence); None for other nodes."""
        return None

    def picks_items(self, node: Any, array: str, again: Callable[[Condition], bool]) -> bool:
        """Whether the node picks some items of ``array`` ("some item is ...", not "every item" nor "no item"),
        which bounds a finding's blast radius to those items; ``again`` asks a child."""
        return any(again(child) for child in self.children(node))

    def label_values(self, node: Any) -> tuple[Any, ...]:
        """The values the node itself (not its children) compares a fact with, by which an observation is named."""
        return ()

    # ------------------------------------------------------------ projection

    def project(self, node: Any, scope: Projection, timelines: bool,
                again: Callable[[Condition, Projection], None]) -> None:
        """Add what of a facts document the node reads to ``scope`` (the timelines' only when ``timelines``)."""
        for child in self.children(node):
            again(child, scope)


# ---------------------------------------------------------------- the table's index

_TABLE: list[NodeKind] = []
_BY_TYPE: dict[type, list[NodeKind]] = {}
_WRITTEN: dict[frozenset[Any], NodeKind] = {}
"""The keys of a condition as written -> its kind (``kind_written``), filled as met; emptied when the table changes."""


def register(kind: NodeKind) -> None:
    """Add a node kind to the table (``node_kinds/__init__.py`` registers the language's kinds)."""
    _TABLE.append(kind)
    _BY_TYPE.setdefault(kind.node_type, []).append(kind)
    _WRITTEN.clear()


def unregister(kind: NodeKind) -> None:
    """Take a node kind out of the table again (a test that added one)."""
    _TABLE.remove(kind)
    _BY_TYPE[kind.node_type].remove(kind)
    _WRITTEN.clear()
    if not _BY_TYPE[kind.node_type]:
        del _BY_TYPE[kind.node_type]


def registered() -> tuple[NodeKind, ...]:
    """Every node kind of the table, in the order registered."""
    return tuple(_TABLE)


def kind_of(node: Any) -> NodeKind:
    """The table's entry for a node."""
    kinds = _BY_TYPE[type(node)]
    if len(kinds) == 1:
        return kinds[0]
    for kind in kinds:
        if kind.accepts(node):
            return kind
    raise TypeError(f"no node kind accepts {node!r}")


def kind_written(data: Mapping[str, Any]) -> NodeKind:
    """The entry for a condition as written in a rule file: the kind whose keys it has (the most of them).

    It depends on the condition's keys alone, so it is worked out once per set of keys (a start reads ~900 conditions
    written with ~20 sets of keys: trying every kind on each was ~4 ms of every start)."""
    keys = frozenset(data) if isinstance(data, dict) else None
    found = _WRITTEN.get(keys) if keys is not None else None
    if found is None:
        found = max((kind for kind in _TABLE if all(key in data for key in kind.keys)), key=lambda kind: len(kind.keys))
        if keys is not None:
            _WRITTEN[keys] = found
    return found


# ---------------------------------------------------------------- walks every facet may use


def children(node: Condition) -> tuple[Condition, ...]:
    """The sub-conditions of a node (a quantifier's ``where`` included), in order."""
    return kind_of(node).children(node)


def walk(node: Condition) -> Iterator[Condition]:
    """Every node of a condition, outermost first, in the order written (items' conditions included)."""
    yield node
    for child in kind_of(node).children(node):
        yield from walk(child)


def _paths(node: Condition, prefix: str, found: list[str]) -> None:
    kind_of(node).paths(node, prefix, found, _paths)


def paths(node: Condition, item_prefix: str = "") -> tuple[str, ...]:
    """Every fact path a condition reads, once each in order of appearance; item fields as ``array[].field``.

    A quantifier reads its array and its items' fields; references read no fact.
    """
    found: list[str] = []
    _paths(node, item_prefix, found)
    return tuple(dict.fromkeys(found))


def evaluate(node: Condition, scope: Any, derived: Mapping[str, bool] | None = None,
             earlier_stages_passed: bool | None = None) -> bool | None:
    """Kleene truth of a condition in ``scope`` (the facts document, or one array item for a ``where``), read
    from the tree: True, False, or None when a fact it needs is absent; a derived fact not in ``derived``
    and an undecided ``earlier_stages_passed`` are undecided too."""
    return kind_of(node).evaluate(node, scope, derived, earlier_stages_passed, evaluate)


def item_reads(*conditions: Condition) -> tuple[str, ...]:
    """The item fields (first steps) that conditions on one item read: all that can tell two items apart for them."""
    return tuple(dict.fromkeys(p.split(".")[0] for condition in conditions for p in paths(condition)))
