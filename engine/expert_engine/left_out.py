"""Which compiled rules durable-rules runs, and what the others would have matched, decided in Python.

``compile.py`` compiles both sides of every top-level condition. durable-rules is the engine the
facts document is asserted into and whose matches fire the findings and chain the derived facts:
so the rules registered with it are those that fire a finding (the ``holds`` side of a finding's
``when``) and those that derive a fact (both sides: a derived fact is asserted with its value, and
the rules reading it chain on it). The other sides (a finding's ``fails`` side, applicability,
provisos) only tell a rule's outcome: whether it passes, does not apply or stays undecided. Each of
them is a conjunction of a document part and references; here it becomes a function that says, from
the same inputs, whether its durable rule would have matched (the document part's Kleene truth by the
compiled closures of ``evaluation.py``, the references by the derived facts and stage gates so far).
What is left after that is the closed world's, exactly as before (``inference._truth``).

Registering about half the rules halves the facts document's passes through the C core (fewer
rulesets) and the actions it calls back into Python for (measured: 42 fired actions a diagnosis
become ~9, the compiled rules 306 -> 159, the rulesets 7 -> 4).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple

from .compile import Compiled, Durable, RecordKey, fails
from .conditions import DerivedRef, document
from .evaluation import Truth, lazy_truth


def fires(key: RecordKey, value: bool) -> bool:
    """Whether the compiled rule deciding ``key`` as ``value`` is registered with durable-rules: it fires a
    finding or derives a fact."""
    return key.kind == "derived" or (key.kind == "finding" and value)


Gate = Callable[[str], "bool | None"]
"""Stage -> whether the stages before it all passed, as decided so far (None: not yet, or undecided)."""


class LeftOut(NamedTuple):
    """The compiled rules of one condition that durable-rules does not run, as Python."""

    stage: str
    """The stage of the rule the condition belongs to (its gate is that stage's)."""
    refs: tuple[tuple[str | None, bool], ...]
    """Per reference: (derived fact name, value wanted), or (None, True) for the earlier stages."""
    holds: Truth | None
    """The document part's truth when the ``holds`` rule is left out (a condition of references only:
    always true); None when that rule is registered or was never compiled."""
    holds_left_out: bool
    failing_refs: tuple[int, ...]
    """The references whose ``fails`` rule is left out."""
    doc_fails: tuple[Truth, ...]
    """The parts whose definite failure the left-out document ``fails`` rule matches (any of them)."""

    def matched(self, view: Mapping[str, object], derived: Mapping[str, bool], gate: Gate) -> bool | None:
        """What the left-out rules would have recorded: True (holds), False (fails) or None (none matched)."""
        values = [_reference(ref, derived, gate, self.stage) for ref in self.refs]
        if self.holds_left_out and all(v is True for v in values) and (self.holds is None or self.holds(view, None) is True):
            return True
        if any(values[i] is False for i in self.failing_refs):
            return False
        if any(part(view, None) is False for part in self.doc_fails):
            return False
        return None


def _reference(ref: tuple[str | None, bool], derived: Mapping[str, bool], gate: Gate, stage: str) -> bool | None:
    name, wanted = ref
    known = gate(stage) if name is None else derived.get(name)
    return None if known is None else known == wanted


def left_out(compiled: Compiled, stages: Mapping[str, str]) -> dict[RecordKey, LeftOut]:
    """Per condition with some compiled rule not registered (``fires``), those rules as Python.

    ``stages``: rule id -> its stage. The rule names are ``compile._Compiler.top``'s:
    ``<name>|holds``, ``<name>|fails|<reference index>``, ``<name>|fails|doc``."""
    sides: dict[RecordKey, list[str]] = {}
    for name, (_, key, value) in compiled.durable.items():
        if not fires(key, value):
            sides.setdefault(key, []).append(name.rsplit("|", 2)[-1] if "|fails|" in name else "holds")
    found: dict[RecordKey, LeftOut] = {}
    for key, kinds in sides.items():
        shape = compiled.shapes[key]
        whole = document(shape.plain)
        doc_fails: tuple[Truth, ...] = ()
        if "doc" in kinds and whole is not None:
            # compile._Compiler.document: the whole document part's fails form, else its conjuncts' that compile
            doc_fails = (lazy_truth(whole),) if fails(whole) is not None or len(shape.plain) <= 1 else \
                tuple(lazy_truth(part) for part in shape.plain if fails(part) is not None)
        found[key] = LeftOut(
            stage=stages[key.name],
            refs=tuple((ref.name, ref.value) if isinstance(ref, DerivedRef) else (None, True) for ref in shape.refs),
            holds=lazy_truth(whole) if whole is not None else None,
            holds_left_out="holds" in kinds,
            failing_refs=tuple(int(k) for k in kinds if k.isdigit()),
            doc_fails=doc_fails,
        )
    return found


def registered(compiled: Compiled) -> dict[str, tuple[Durable, RecordKey, bool]]:
    """The compiled rules durable-rules runs (``fires``)."""
    return {name: rule for name, rule in compiled.durable.items() if fires(rule[1], rule[2])}

