"""One rule's outcome remembered by everything it is decided from, so that a batch decides each rule once per
distinct situation rather than once per document.

A rule's outcome (status, finding, evidence, missing facts, provisos: ``inference._decide``) is a
function of: the truths of its conditions (the records durable-rules' matches made, the rest decided
from the facts below, ``left_out.py``) and of the derived facts they read (followed through the
derivations, as missing facts are); the values, as given, of every fact those conditions read (an
array as a whole), and of the facts a derivation reads while its derived fact is undecided (a decided
one is only its value to the rule); the stage gate of its stage; and, for conditions that wait for the
earlier stages, those stages' missing facts. ``OutcomePlan`` lists these once per
rule set; per diagnosis it reads them into one hashable key (``inputs``). Many documents repeat
them often: most rules read one to three facts with a few values each. durable-rules still matches
every document and its records (the findings it fired, the derived facts) are part of the key, so a
remembered outcome is only ever reused for the same matches.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .compile import Compiled, RecordKey, derived_key
from .conditions import lookup_steps
from .model import Derivation, Outcome, Rule

REMEMBERED = 256
"""The most outcomes remembered per rule (then it starts again): a bound on memory over any batch."""

_ABSENT = ("absent",)
_TEXT = json.JSONEncoder(sort_keys=True, ensure_ascii=False).encode
"""An array or object read as one key: its JSON text (keys sorted: the evidence does not depend on their order)."""


class OutcomePlan:
    """What one rule's outcome is decided from, worked out once per rule set, and the outcomes remembered."""

    __slots__ = ("decided", "following", "paths", "recorded", "records", "stages", "steps")

    def __init__(self, rule: Rule, compiled: Compiled, derivations: Mapping[str, tuple[Rule, Derivation]],
                 recordable: Callable[[RecordKey], bool] = lambda key: True):
        plan = compiled.plans[rule.id]
        keys = [k for k in (plan.applies, *plan.findings, *plan.provided) if k is not None]
        names: list[str] = []
        stages: list[str] = []
        pending: list[tuple[RecordKey, str, RecordKey | None]] = [(key, rule.stage, None) for key in keys]
        read: list[tuple[RecordKey, RecordKey | None]] = []
        while pending:  # the conditions, then the derivations they read, followed as evidence.missing follows them
            key, stage, through = pending.pop(0)
            read.append((key, through))
            shape = compiled.shapes[key]
            if shape.gated:
                stages.append(stage)
            for name in shape.referred:  # a derived fact's name, None for the earlier stages
                if name is not None and name not in names:
                    names.append(name)
                    if name in derivations:
                        pending.append((derived_key(name), derivations[name][0].stage, derived_key(name)))
        self.records: tuple[RecordKey, ...] = (*keys, *(derived_key(name) for name in names))
        """The records read: the rule's conditions and the derived facts they lead to."""
        self.stages: tuple[str, ...] = tuple(dict.fromkeys(stages))
        """The stages whose earlier stages' missing facts may be listed."""
        self.recorded: tuple[RecordKey, ...] = tuple(key for key in self.records if recordable(key))
        """The records durable-rules' matches may make among ``records`` (the others are never recorded)."""
        own: dict[str, None] = {}
        following: dict[RecordKey, dict[str, None]] = {}
        for key, through in read:
            found = own if through is None or not recordable(through) else following.setdefault(through, {})
            found.update(dict.fromkeys(path.split("[]")[0] for path in compiled.shapes[key].paths))
        arrays = dict(own)
        for found in following.values():
            arrays.update(found)
        self.steps: tuple[tuple[str, ...], ...] = tuple(tuple(path.split(".")) for path in arrays)
        """Every fact read (an array as a whole), as path steps."""
        self.paths: tuple[str, ...] = tuple(sys.intern(path) for path in own)
        """The facts the rule's conditions read, whatever the records (as dotted paths: what ``FactValues`` is
        keyed by; a text keeps its hash, a tuple does not)."""
        self.following: tuple[tuple[RecordKey, tuple[str, ...]], ...] = tuple(
            (through, tuple(sys.intern(path) for path in found if path not in own)) for through, found in following.items())
        """Per derived fact followed, the facts its derivation reads besides ``paths``: read only while that derived
        fact is not recorded. A recorded derived fact is its value to the rule (its truth, its evidence); what its
        facts are matters only to an undecided one, whose missing facts the rule's missing facts follow into."""
        self.decided: dict[Any, Outcome] = {}

    def inputs(self, records: Mapping[RecordKey, bool], values: Mapping[str, Any], gate: bool | None,
               earlier_missing: Callable[[str], Sequence[str]]) -> Any:
        """The key the rule's outcome is remembered under in one diagnosis (``values``: ``FactValues``); None
        when not worth one (a long array, which would cost more to read than to decide)."""
        read = [values[path] for path in self.paths]
        for through, paths in self.following:
            if through not in records:
                read += [values[path] for path in paths]
        if None in read:
            return None
        # the records after the facts: which derived facts' facts were read shows in the records' slots, at the
        # same distance from the key's end whatever was read, so two keys are equal only for the same reads
        read += [records.get(key) for key in self.recorded]
        read.append(gate)
        for stage in self.stages:
            read.append(tuple(earlier_missing(stage)))
        return tuple(read)

    def remember(self, inputs: Any, outcome: Outcome) -> Outcome:
        """Keep ``outcome`` under ``inputs`` (forgetting all once ``REMEMBERED`` are kept) and return it."""
        if len(self.decided) >= REMEMBERED:
            self.decided.clear()
        self.decided[inputs] = outcome
        return outcome


KEYED_UP_TO = 16
"""The longest array or object read into a key as its JSON text; a longer one costs more to read than to decide."""


class FactValues(dict[str, Any]):
    """The facts of one diagnosis as parts of ``OutcomePlan.inputs`` keys, read once per path (many rules
    read the same facts): a plain value with its type (true is not 1), an array or object as its JSON text,
    None for one not worth reading (a long array)."""

    __slots__ = ("facts",)

    def __init__(self, facts: Mapping[str, Any]):
        super().__init__()
        self.facts = facts

    def __missing__(self, path: str) -> Any:
        present, value = lookup_steps(self.facts, path.split("."))
        if not present:
            found: Any = _ABSENT
        elif isinstance(value, (list, dict)):
            try:
                found = _TEXT(value) if len(value) <= KEYED_UP_TO else None
            except (TypeError, ValueError):
                found = None
        else:
            found = (value.__class__, value)
        self[path] = found
        return found
