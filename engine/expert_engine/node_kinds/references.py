"""References to what other rules concluded, top level only: a derived fact (``{derived: name, is: false}``)
and the earlier stages (``{earlier_stages: passed}``).

They read no fact of the document: durable-rules matches each as a fact of its own (a derived fact
asserted by the rule that derived it, the stage gate), and in Python they are undecided until that
is known. ``conditions.split`` keeps them apart from a top-level condition's document part.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..nodes import Condition, DerivedRef, EarlierStages, Location, Phrases
from ..patterns import DERIVED, GATE, Durable, NotCompilable
from .base import Evaluate, NodeKind, Opener, T, Tracer, Truth

INSIDE = "a reference is matched as a fact of its own, not inside the document"


class Derived(NodeKind):
    """The derived fact ``name`` is ``value``."""

    node_type, word, keys, reference = DerivedRef, "derived", ("derived",), True

    def parse(self, data: Mapping[str, Any], at: Location, part: Callable[[Any], Condition]) -> Condition:
        """``{derived: name}``, ``is`` true unless written."""
        return DerivedRef(str(data["derived"]), bool(data.get("is", True)), at)

    def evaluate(self, node: DerivedRef, scope: Any, derived: Mapping[str, bool] | None, earlier: bool | None,
                 again: Evaluate) -> bool | None:
        """Whether the derived fact is as wanted; undecided while it is not concluded."""
        known = (derived or {}).get(node.name)
        return None if known is None else known == node.value

    def truth(self, node: DerivedRef, again: Callable[[Condition], Truth]) -> Truth:
        """As ``evaluate``, on the derived facts given."""
        name, wanted = node.name, node.value

        def reference(scope: Any, derived: Mapping[str, bool] | None) -> bool | None:
            known = (derived or {}).get(name)
            return None if known is None else known == wanted

        return reference

    def opener(self, node: DerivedRef, again: Callable[[Condition], Opener], truth: Callable[[Condition], Truth]) -> Opener:
        """Undecided, missing no fact of the document."""
        return lambda scope, prefix, found: None

    def durable(self, node: DerivedRef, positive: bool, item: bool, again: Callable[[Condition, bool, bool], Durable]) -> Durable:
        """None inside the document (``matched``)."""
        raise NotCompilable(INSIDE)

    def matched(self, node: DerivedRef, stage: str, want: bool) -> Durable:
        """The asserted derived fact, with the value that makes the reference ``want``."""
        return {"$and": [{"kind": DERIVED}, {"name": node.name}, {"value": node.value == want}]}

    def head(self, node: DerivedRef, words: Phrases, prefix: str) -> str:
        """``<name> is true``."""
        return words[self.word].format(name=node.name, value=words["true"] if node.value else words["false"])

    def explain(self, node: DerivedRef, tracer: Tracer[T]) -> T:
        """How the fact was derived."""
        return tracer.derived(node)

    def derived_fact(self, node: DerivedRef) -> tuple[str, bool]:
        """The derived fact's name and the value wanted."""
        return node.name, node.value


class Earlier(NodeKind):
    """Every earlier stage passed (no failing diagnosis, nothing undecided)."""

    node_type, word, keys, reference = EarlierStages, "earlier_stages", ("earlier_stages",), True

    def parse(self, data: Mapping[str, Any], at: Location, part: Callable[[Any], Condition]) -> Condition:
        """``{earlier_stages: passed}``."""
        return EarlierStages(at)

    def evaluate(self, node: EarlierStages, scope: Any, derived: Mapping[str, bool] | None, earlier: bool | None,
                 again: Evaluate) -> bool | None:
        """As given (undecided unless known)."""
        return earlier

    def truth(self, node: EarlierStages, again: Callable[[Condition], Truth]) -> Truth:
        """Undecided: the closures do not know the stages (durable-rules matches the gate)."""
        return lambda scope, derived: None

    def opener(self, node: EarlierStages, again: Callable[[Condition], Opener], truth: Callable[[Condition], Truth]) -> Opener:
        """Undecided, missing no fact of the document."""
        return lambda scope, prefix, found: None

    def durable(self, node: EarlierStages, positive: bool, item: bool,
                again: Callable[[Condition, bool, bool], Durable]) -> Durable:
        """None inside the document (``matched``)."""
        raise NotCompilable(INSIDE)

    def matched(self, node: EarlierStages, stage: str, want: bool) -> Durable:
        """The stage gate of ``stage``."""
        return {"$and": [{"kind": GATE}, {"stage": stage}, {"passed": want}]}

    def explain(self, node: EarlierStages, tracer: Tracer[T]) -> T:
        """Whether the earlier stages passed."""
        return tracer.earlier_stages(node)

    def reads_gate(self, node: EarlierStages) -> bool:
        """Yes: it is the stage gate."""
        return True


DERIVED_FACT = Derived()
EARLIER_STAGES = Earlier()
