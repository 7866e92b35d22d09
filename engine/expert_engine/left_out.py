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
from typing import Any

from .compile import Compiled, Durable, RecordKey, fails
from .conditions import document
from .evaluation import Truth, lazy_truth
from .node_kinds import kind_of


def fires(key: RecordKey, value: bool) -> bool:
    """Whether the compiled rule deciding ``key`` as ``value`` is registered with durable-rules: it fires a
    finding or derives a fact."""
    return key.kind == "derived" or (key.kind == "finding" and value)


Gate = Callable[[str], "bool | None"]
"""Stage -> whether the stages before it all passed, as decided so far (None: not yet, or undecided)."""

Matcher = Callable[[Mapping[str, Any], Mapping[str, bool], Gate], "bool | None"]
"""(the facts conditions read, the derived facts so far, the gates so far) -> what the left-out rules of one
condition would have recorded: True (its holds rule), False (a fails rule) or None (none would have matched)."""


def left_out(compiled: Compiled, stages: Mapping[str, str]) -> dict[RecordKey, Matcher]:
    """Per condition with some compiled rule not registered (``fires``), those rules as one function.

    ``stages``: rule id -> its stage (a gate reference reads the gate of its rule's stage). The rule
    names are ``compile._Compiler.top``'s: ``<name>|holds``, ``<name>|fails|<reference index>``,
    ``<name>|fails|doc``; a ``fails|doc`` rule matches the whole document part's failure, or, when that
    has no fails form, the failure of any of its conjuncts that has one (``compile._Compiler.document``)."""
    sides: dict[RecordKey, list[str]] = {}
    for name, (_, key, value) in compiled.durable.items():
        if not fires(key, value):
            sides.setdefault(key, []).append(name.rsplit("|", 2)[-1] if "|fails|" in name else "holds")
    found: dict[RecordKey, Matcher] = {}
    for key, kinds in sides.items():
        shape = compiled.shapes[key]
        whole = document(shape.plain)
        whole_fails = "doc" in kinds and whole is not None and fails(whole) is not None
        doc_fails: tuple[Truth, ...] = ()
        if "doc" in kinds and whole is not None:
            doc_fails = (lazy_truth(whole),) if whole_fails else \
                tuple(lazy_truth(part) for part in shape.plain if fails(part) is not None)
        refs = tuple(kind_of(ref).derived_fact(ref) or (None, True) for ref in shape.refs)
        found[key] = _matcher(stages[key.name], refs, lazy_truth(whole) if whole is not None else None,
                              "holds" in kinds, tuple(int(k) for k in kinds if k.isdigit()), doc_fails,
                              whole_fails=whole_fails)
    return found


def _matcher(stage: str, refs: tuple[tuple[str | None, bool], ...], holds: Truth | None, holds_left_out: bool,
             failing_refs: tuple[int, ...], doc_fails: tuple[Truth, ...], whole_fails: bool) -> Matcher:
    """The left-out rules of one condition as one function (the common shapes without a loop)."""
    if not refs and holds is not None:
        truth = holds
        if holds_left_out and whole_fails:  # both sides of the document part: its Kleene truth
            return lambda view, derived, gate: truth(view, None)
        if holds_left_out and not doc_fails:
            return lambda view, derived, gate: True if truth(view, None) is True else None
        if not holds_left_out and whole_fails:
            return lambda view, derived, gate: False if truth(view, None) is False else None

    def matched(view: Mapping[str, Any], derived: Mapping[str, bool], gate: Gate) -> bool | None:
        values = [(gate(stage) if name is None else derived.get(name)) for name, _ in refs]
        values = [None if known is None else known == wanted for known, (_, wanted) in zip(values, refs, strict=True)]
        if holds_left_out and all(v is True for v in values) and (holds is None or holds(view, None) is True):
            return True
        if any(values[i] is False for i in failing_refs):
            return False
        if any(part(view, None) is False for part in doc_fails):
            return False
        return None

    return matched


def registered(compiled: Compiled) -> dict[str, tuple[Durable, RecordKey, bool]]:
    """The compiled rules durable-rules runs (``fires``)."""
    return {name: rule for name, rule in compiled.durable.items() if fires(rule[1], rule[2])}

