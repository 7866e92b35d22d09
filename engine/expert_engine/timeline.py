"""The timeline's reading of an array: some item satisfies a condition and no *later* item satisfies another.

The order is an item field (numbers, or ISO 8601 date-times with an offset: ``nodes.order_key``);
a missing or equal order value leaves "later" undecided. Both conditions are given as judges of
one item (compiled closures, or the tree walker), over the array's ``Items`` (each distinct item
judged once). The timeline node kind (``node_kinds.quantifiers``) and the precomputed truths
durable-rules matches (``compile.precomputed``) both read timelines through here.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from .nodes import Items, Judge, kleene_and, kleene_or


def later_truths(table: Items, order: str, where: Judge, later: Judge) -> list[bool | None]:
    """Per item of a timeline, the Kleene truth of "this item satisfies ``where`` and no later item
    satisfies ``later``".

    An item is followed by another when that one satisfies ``later`` and is later by ``order``;
    with either order value missing or both equal that is undecided, so the item's truth is
    too, unless no item can satisfy ``later`` at all (then no order is needed). An item never
    follows itself. A non-object item decides nothing.

    The Kleene "or" over every other item is worked out from the recoveries' sorted order
    values, so a log of n events costs n log n rather than n squared; ``where`` and ``later``
    are judged once per distinct item (``Items``).
    """
    wheres, recoveries = table.truths(where), table.truths(later)
    return _followed_truths(table, order, wheres, recoveries, range(len(table.items)))


def timeline_truth(table: Items, order: str, where: Judge, later: Judge) -> bool | None:
    """``kleene_or(later_truths(...))``, reading the order only when some item may satisfy ``where``."""
    wheres, recoveries = table.truths(where), table.truths(later)
    subjects = [index for index, value in enumerate(wheres) if value is not False]
    if not subjects:
        return False
    return kleene_or(_followed_truths(table, order, wheres, recoveries, subjects))


def _followed_truths(table: Items, order: str, wheres: list[bool | None], recoveries: list[bool | None],
                     subjects: Iterable[int]) -> list[bool | None]:
    """The timeline truths of the items at ``subjects`` (``later_truth``), given every item's truths."""
    keys = table.order_keys(order)
    candidates = 0  # items that may be a recovery (satisfy ``later`` or leave it undecided)
    possible: dict[int, list[float]] = {}  # per kind of order value, the sorted values of those with one
    certain: dict[int, float] = {}  # per kind, the latest order value of an item that is a recovery
    for key, recovery in zip(keys, recoveries, strict=True):
        if recovery is False:
            continue
        candidates += 1
        if key is not None:
            possible.setdefault(key[0], []).append(key[1])
            if recovery is True and (key[0] not in certain or key[1] > certain[key[0]]):
                certain[key[0]] = key[1]
    for values in possible.values():
        values.sort()
    truths: list[bool | None] = []
    group = table.group
    for index in subjects:
        if group[index] < 0:
            truths.append(None)
            continue
        where, key, recovery = wheres[index], keys[index], recoveries[index]
        if where is False:
            truths.append(False)
            continue
        others = candidates - (recovery is not False)
        followed: bool | None
        if key is None:
            followed = None if others else False
        elif key[0] in certain and certain[key[0]] > key[1]:
            followed = True
        else:
            # undecided unless every other candidate is definitely earlier (same kind, smaller value)
            earlier = bisect.bisect_left(possible.get(key[0], ()), key[1])
            followed = None if others - earlier > 0 else False
        truths.append(kleene_and((where, None if followed is None else not followed)))
    return truths
