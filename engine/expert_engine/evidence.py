"""What a conclusion rests on: the evidence of a verdict and the absent facts that leave a rule undecided.

Evidence lists, for a ``fail`` or ``not_applicable``, every fact and reference the
deciding conditions read, each once (first place wins), with its value. An array a
quantifier ranges over is shown as the items that decided it (those that hold for
"some item", those that break "every item"), each reduced to the fields the quantifier
reads; all items when none decided it. Missing facts list, for an ``unknown``, the
absent fact paths the undecided conditions read, following undecided derived facts to
the rules that derive them and an undecided stage gate to the earlier stages' unknowns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal, NamedTuple

from .compile import RecordKey, Shape, derived_key
from .conditions import lookup_steps, walk
from .evaluation import Truth, lazy_truth
from .model import Derivation, Evidence, Rule
from .node_kinds import Deciding, kind_of
from .operators import is_interval

IDENTITY_FIELDS = ("id", "name")
"""Item fields shown with every item in evidence, when the item has them, so a reader can tell items apart."""

STAGES_PASSED = "earlier stages passed"
"""The name under which stage-gate evidence is shown."""


class EvidencePlan(NamedTuple):
    """What the evidence of one verdict shows, worked out once per combination of conditions."""

    shown: tuple[tuple[Literal["fact", "derived", "stages"], str, tuple[str, ...]], ...]
    """(kind, name, a fact path's steps) in the order shown."""
    quantifiers: Mapping[str, tuple[tuple[str, ...], tuple[tuple[Truth, bool], ...]]]
    """Array path -> the fields its deciding items are reduced to (identity first, then those the quantifiers read)
    and, per quantifier over it, its ``judged`` condition as a function (``evaluation.lazy_truth``: what
    ``evaluate`` gives on an item) with the truth that marks a deciding item (the node kinds' ``deciding_items``)."""


def plan(shapes: Sequence[Shape]) -> EvidencePlan:
    """The evidence plan of the conditions a verdict read (applicability first, then the finding)."""
    shown: dict[tuple[Literal["fact", "derived", "stages"], str], tuple[str, ...]] = {}
    quantifiers: dict[str, list[Deciding]] = {}
    for shape in shapes:
        for name in shape.referred:
            shown.setdefault(("derived", name) if name is not None else ("stages", STAGES_PASSED), ())
        for path in shape.paths:
            if "[]" not in path:
                shown.setdefault(("fact", path), tuple(path.split(".")))
        for node in walk(shape.condition):
            deciding = kind_of(node).deciding_items(node)
            if deciding is not None:
                quantifiers.setdefault(deciding.array, []).append(deciding)
    return EvidencePlan(tuple((kind, name, steps) for (kind, name), steps in shown.items()),
                        {array: (tuple(dict.fromkeys(IDENTITY_FIELDS + tuple(f for q in found for f in q.fields))),
                                 tuple((lazy_truth(q.judged), q.deciding) for q in found))
                         for array, found in quantifiers.items()})


def because(plan: EvidencePlan, facts: Mapping[str, Any], records: Mapping[RecordKey, bool], gate: bool | None,
            derivations: Mapping[str, tuple[Rule, Derivation]]) -> tuple[Evidence, ...]:
    """The evidence of a verdict on one facts document."""
    evidence: list[Evidence] = []
    for kind, name, steps in plan.shown:
        if kind == "fact":
            present, value = lookup_steps(facts, steps)
            if present:
                if name in plan.quantifiers and isinstance(value, list):
                    value = _deciding_items(value, *plan.quantifiers[name])
                evidence.append(Evidence("fact", name, canonical(value)))
        elif kind == "derived":
            evidence.append(Evidence("derived", name, records.get(derived_key(name)), by=derivations[name][0].id))
        else:
            evidence.append(Evidence("stages", name, gate))
    return tuple(evidence)


def _deciding_items(items: list[Any], fields: tuple[str, ...], judges: tuple[tuple[Truth, bool], ...]) -> list[Any]:
    """The items that decided the quantifiers over them (``EvidencePlan.quantifiers``), reduced to ``fields``."""
    deciding = [item for item in items if isinstance(item, Mapping) and any(
        judge(item, None) is wanted for judge, wanted in judges)]
    return [{k: item[k] for k in fields if k in item} if isinstance(item, Mapping) else item
            for item in (deciding or items)]


def canonical(value: Any) -> Any:
    """A fact value as evidence: objects inside it with their keys sorted, so that the report
    never depends on the key order of the facts file (arrays keep their order: it is data)."""
    if isinstance(value, (str, int, float)) or value is None:
        return value
    if isinstance(value, Mapping):
        return {key: canonical(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [canonical(item) for item in value]
    return value


# ---------------------------------------------------------------- missing facts


AbsentPath = tuple[str, tuple[str, ...], str, tuple[str, ...] | None]
"""One path: (the path, the steps to it or to its array, the array's path, an item field's steps or None)."""

AbsentPlan = tuple[tuple[str, tuple[AbsentPath, ...], dict[str, str]], ...]
"""Runs of paths under the same top-level fact: (that fact, its paths, what ``absent_in`` gives for them when a
document lacks it: every path absent, an item field reported as its array)."""


def absent_plan(paths: Sequence[str]) -> AbsentPlan:
    """The paths ``absent_in`` checks, split into steps once per rule set rather than once per document."""
    runs: list[tuple[str, list[AbsentPath], dict[str, str]]] = []
    for path in paths:
        if "[]." not in path:
            planned: AbsentPath = (path, tuple(path.split(".")), path, None)
        else:
            array, field = path.split("[].", 1)
            planned = (path, tuple(array.split(".")), array, tuple(field.split(".")))
        top = planned[1][0]
        if not runs or runs[-1][0] != top:
            runs.append((top, [], {}))
        runs[-1][1].append(planned)
        runs[-1][2][path] = planned[2]
    return tuple((top, tuple(entries), lacking) for top, entries, lacking in runs)


def absent_paths(facts: Mapping[str, Any], paths: Sequence[str]) -> dict[str, str]:
    """Every path in ``paths`` that is absent -> the path to report (an item field's whole array when
    the array itself is absent). ``array[].field`` is absent when some item lacks the field. A fact
    known only as an interval (``operators.is_interval``) counts as absent: it may leave a condition
    undecided, so the closed world checks the Kleene truth and an unknown asks for it."""
    return absent_in(facts, absent_plan(paths))


def absent_in(facts: Mapping[str, Any], planned: AbsentPlan) -> dict[str, str]:
    """``absent_paths`` of the paths planned by ``absent_plan``."""
    absent: dict[str, str] = {}
    plain = type(facts) is dict
    for top, entries, lacking in planned:
        if plain and top not in facts:
            absent.update(lacking)
            continue
        for path, steps, array, field in entries:
            if field is None:
                present, value = lookup_steps(facts, steps)
                if not present or is_interval(value):
                    absent[path] = path
                continue
            present, items = lookup_steps(facts, steps)
            if not present or not isinstance(items, list):
                absent[path] = array
            elif any(not lookup_steps(item, field)[0] for item in items):
                absent[path] = path
    return absent


def missing(key: RecordKey, stage: str, shapes: Mapping[RecordKey, Shape], absent: Mapping[str, str],
            records: Mapping[RecordKey, bool], derivations: Mapping[str, tuple[Rule, Derivation]],
            earlier_missing: Callable[[str], list[str]], seen: frozenset[str] = frozenset(),
            facts: Mapping[str, Any] | None = None, opened: dict[RecordKey, set[str]] | None = None,
            derived_missing: dict[RecordKey, list[str]] | None = None) -> list[str]:
    """Fact paths whose absence leaves the condition recorded under ``key`` (of a rule in ``stage``) undecided.

    An undecided derived fact is followed to the rule that derives it; an undecided stage
    gate contributes ``earlier_missing(stage)``, the missing facts of the earlier stages.
    ``derived_missing`` remembers what was found for each derived fact (many rules read the
    same one); only for derivations that never read themselves, directly or not, since there
    ``seen`` cuts the walk short, and only while the records it depends on stand.
    """
    shape = shapes[key]
    found = [absent[path] for path in shape.paths if path in absent]
    if facts is not None and found:
        # only the facts the undecided parts read: a decided alternative asks for nothing
        # ``opened``: the same per key for one document (the facts never change), so computed once per diagnosis
        asked = opened.get(key) if opened is not None else None
        if asked is None:
            asked = set()
            for open_part in shape.openers:
                parts: list[str] = []
                open_part(facts, "", parts)
                asked.update(parts)
            if opened is not None:
                opened[key] = asked
        found = [absent[path] for path in shape.paths
                 if path in absent and (path in asked or path.split("[].")[0] in asked)]
    for name in shape.referred:  # a derived fact's name, None for the earlier stages
        if name is not None:
            reference = derived_key(name)
            if reference not in records and name not in seen:
                known = derived_missing.get(reference) if derived_missing is not None else None
                if known is None:
                    deriver = derivations[name][0]
                    known = missing(reference, deriver.stage, shapes, absent, records, derivations,
                                    earlier_missing, seen | {name}, facts, opened, derived_missing)
                    if derived_missing is not None:
                        derived_missing[reference] = known
                found += known
        else:
            found += earlier_missing(stage)
    return found
