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

import itertools
import json
from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
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

    __slots__ = ("decided", "following", "reads", "recorded", "records", "stages", "steps", "_own", "_waits_always")

    def __init__(self, rule: Rule, compiled: Compiled, derivations: Mapping[str, tuple[Rule, Derivation]],
                 recordable: Callable[[RecordKey], bool], values: ValueIds):
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
        self._waits_always = any(compiled.shapes[key].gated for key, through in read if through is not None)
        """A derivation it follows waits for the earlier stages: the missing facts found for it are shared by the
        rules that read it (``evidence.missing``'s ``derived_missing``), so whether deciding read the earlier
        stages' missing facts cannot be told; they are then always part of the key."""
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
        self._own = _getter([values.index[path] for path in own])
        self.following: tuple[tuple[RecordKey, Callable[[Sequence[Any]], Any]], ...] = tuple(
            (through, _getter([values.index[path] for path in found if path not in own])) for through, found in following.items())
        """Per derived fact followed, the facts its derivation reads besides the rule's own (their places in ``ValueIds``):
        read only while that derived fact is not recorded. A recorded derived fact is its value to the rule (its
        truth, its evidence); what its facts are matters only to an undecided one, whose missing facts the rule's
        missing facts follow into."""
        self.reads = frozenset(values.index[path] for path in arrays)
        """The places in ``ValueIds`` of every fact read."""
        self.decided: dict[Any, Outcome | dict[Any, Outcome]] = {}
        """Inputs -> the outcome, or (an outcome whose deciding read the earlier stages' missing facts) those facts ->
        the outcome."""

    def inputs(self, records: Mapping[RecordKey, bool], values: Values, gate: bool | None,
               earlier_missing: Callable[[str], Sequence[str]]) -> Any:
        """The key the rule's outcome is remembered under in one diagnosis (``values``: ``ValueIds.read``), but
        for the earlier stages' missing facts, when deciding may tell whether it read them (``remember``); None
        when not worth one (a long array, which would cost more to read than to decide)."""
        ids, unkeyed = values
        if unkeyed and not unkeyed.isdisjoint(self.reads):
            return None
        if not self.following and not self._waits_always:  # most rules: one tuple, built at once
            return self._own(ids), tuple(map(records.get, self.recorded)), gate
        key = [self._own(ids)]
        for through, following in self.following:
            key.append(None if through in records else following(ids))
        key.append(tuple(map(records.get, self.recorded)))
        key.append(gate)
        if self._waits_always:
            key.append(self.waiting(earlier_missing))
        return tuple(key)

    def waiting(self, earlier_missing: Callable[[str], Sequence[str]]) -> Any:
        """The rest of the key, for an outcome whose deciding read the earlier stages' missing facts: those facts."""
        return tuple(tuple(earlier_missing(stage)) for stage in self.stages)

    def recall(self, inputs: Any, earlier_missing: Callable[[str], Sequence[str]]) -> Outcome | None:
        """The outcome remembered for ``inputs``: kept under them alone when its deciding never read the earlier
        stages' missing facts, else under them and those facts (``remember``)."""
        found = self.decided.get(inputs)
        if isinstance(found, dict):
            return found.get(self.waiting(earlier_missing))
        return found

    def remember(self, inputs: Any, outcome: Outcome, earlier_missing: Callable[[str], Sequence[str]] | None = None) -> Outcome:
        """Keep ``outcome`` under ``inputs``, and under the earlier stages' missing facts (``earlier_missing``) when
        its deciding read them; forgetting all once ``REMEMBERED`` are kept. Returns ``outcome``.

        Deciding runs the same way for the same ``inputs`` until it first reads those missing facts: so an outcome
        decided without reading them is the outcome for ``inputs`` whatever they are, and one decided after
        reading them depends on them; the same ``inputs`` always lead to the same one of the two."""
        if len(self.decided) >= REMEMBERED:
            self.decided.clear()
        if earlier_missing is None or self._waits_always:
            self.decided[inputs] = outcome
            return outcome
        waiting = self.decided.get(inputs)
        if not isinstance(waiting, dict) or len(waiting) >= REMEMBERED:
            waiting = self.decided[inputs] = {}
        waiting[self.waiting(earlier_missing)] = outcome
        return outcome


def _getter(places: Sequence[int]) -> Callable[[Sequence[Any]], Any]:
    """A function giving the items at ``places`` of a sequence, as one hashable value (a C-level ``itemgetter``)."""
    if not places:
        return lambda ids: ()
    return itemgetter(*places)


KEYED_UP_TO = 16
"""The longest array or object read into a key as its JSON text; a longer one costs more to read than to decide."""

SEEN_UP_TO = 4096
"""The most distinct values numbered per fact (then its numbering starts again, with new numbers)."""

Values = tuple[list[Any], frozenset[int]]
"""One diagnosis' facts as ``ValueIds.read`` gives them: the number of each fact's value, and the places of those
not worth a number (a long array)."""


class ValueIds:
    """Per rule set, every fact that outcome keys read (an array as a whole), and each distinct value seen of each,
    as a number: a key is then a tuple of small integers, cheap to hash and compare. Values are told apart as the
    rules tell them apart: a plain value with its type (true is not 1; a float by its text, so -0.0 is not 0.0),
    an array or object by its JSON text (keys sorted: the evidence does not depend on their order)."""

    __slots__ = ("_numbers", "_seen", "index", "steps")

    def __init__(self, paths: Sequence[str]):
        self.index: dict[str, int] = {}
        """A fact's dotted path -> its place."""
        for path in paths:
            self.index.setdefault(path, len(self.index))
        self.steps: tuple[tuple[str, ...], ...] = tuple(tuple(path.split(".")) for path in self.index)
        self._seen: list[dict[Any, int]] = [{} for _ in self.index]
        self._numbers = itertools.count()
        """Never reused: a number forgotten (``SEEN_UP_TO``) cannot come to mean another value."""

    def read(self, facts: Mapping[str, Any]) -> Values:
        """The number of the value of every fact in ``facts`` (None: not worth one), and where those None are."""
        ids: list[Any] = []
        unkeyed: list[int] = []
        plain = type(facts) is dict
        for place, (steps, seen) in enumerate(zip(self.steps, self._seen, strict=True)):
            present, value = (False, None) if plain and steps[0] not in facts else lookup_steps(facts, steps)
            if not present:
                found: Any = _ABSENT
            elif isinstance(value, (list, dict)):
                try:
                    found = _TEXT(value) if len(value) <= KEYED_UP_TO else None
                except (TypeError, ValueError):
                    found = None
                if found is None:
                    ids.append(None)
                    unkeyed.append(place)
                    continue
            elif value.__class__ is float:
                found = (float, repr(value))
            else:
                found = (value.__class__, value)
            number = seen.get(found)
            if number is None:
                if len(seen) >= SEEN_UP_TO:
                    seen.clear()
                number = seen[found] = next(self._numbers)
            ids.append(number)
        return ids, frozenset(unkeyed)
