"""Partial values (issue 24 point 5): what an engineer says when only a range is known, as the fact vocabulary's
interval values (``{"at_least": "2.6"}``, ``{"below": 1}``; ``expert_engine.operators``).

A fact that takes them says so in facts_schema.json: its node is an ``anyOf`` of the plain value and an interval
(``x-partial: interval``): the Connect, .NET and provisioning agent versions, the minimum password ages (days),
the minutes since writeback was enabled. ``interval`` reads an answer such as "2.6 or later", "later than
1.1.819.0", "below 2.5.79.0", "between 2.4 and 2.5", "less than a day", "a few days" (and the Ukrainian
equivalents); ``plain`` is the node of the exact value, for everything else. An answer with a unit ("3 hours"
for a fact in days) is converted to the fact's unit.

A reachability fact may also be ``"some"`` (``x-partial: some``: an ``anyOf`` of the boolean and ``"some"``): some
of the names tested answer, others do not (the Service Bus relays behind an allow-list of names). ``some`` reads
such an answer ("some", "only some", "partly"; "деякі", "частково").
"""

from __future__ import annotations

import re
from typing import Any, Mapping

VERSION = r"\d+(?:\.\d+){0,3}"
NUMBER = r"\d+(?:[.,]\d+)?"
_UNITS = {"minute": 1 / 1440, "minutes": 1 / 1440, "min": 1 / 1440, "хвилин": 1 / 1440, "хвилини": 1 / 1440, "хвилина": 1 / 1440,
          "hour": 1 / 24, "hours": 1 / 24, "годин": 1 / 24, "години": 1 / 24, "година": 1 / 24,
          "day": 1.0, "days": 1.0, "днів": 1.0, "дні": 1.0, "день": 1.0, "доба": 1.0, "доби": 1.0, "діб": 1.0,
          "week": 7.0, "weeks": 7.0, "тиждень": 7.0, "тижні": 7.0, "тижнів": 7.0}
"""Units of time, in days."""
_FACT_UNITS = {"minute": 1 / 1440, "second": 1 / 86400, "day": 1.0}
"""The units facts are counted in, in days."""
_A = r"(?:an?|one|одна|один|одну)"
FEW = (2, 10)
"""'A few': at least 2, below 10 (an assumption, stated here and in the README)."""

_LOWER = {"above": r"(?:later than|newer than|more than|over|above|after|greater than|>|пізніша? за|новіша? за|більше ніж|більше за|понад|вище)",
          "at_least": r"(?:at least|from|no less than|>=|щонайменше|не менше ніж|не менше за|від)"}
_UPPER = {"below": r"(?:below|older than|earlier than|less than|under|before|lower than|<|нижче|старіша? за|менше ніж|менше за|до)",
          "at_most": r"(?:at most|no more than|<=|не більше ніж|не більше за|щонайбільше)"}
_OR_LATER = r"(?:or later|or newer|or above|or more|and later|and up|and above|\+|або новіша|або новіше|або пізніша|або більше)"
_OR_EARLIER = r"(?:or earlier|or older|or below|or less|або старіша|або раніша|або менше)"


def partial_kind(node: Mapping[str, Any]) -> str | None:
    """``version`` or ``number`` when the fact takes interval values, else None."""
    if node.get("x-partial") != "interval":
        return None
    kinds = {alternative.get("type") for alternative in plain_alternatives(node)}
    return "version" if "string" in kinds else "number" if kinds & {"number", "integer"} else None


def plain_alternatives(node: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The alternatives of an ``anyOf`` node that are not references to an interval definition."""
    return [alternative for alternative in node.get("anyOf", ()) if "$ref" not in alternative]


def plain(node: Mapping[str, Any]) -> Mapping[str, Any]:
    """The node of the exact value (its own keys with the first plain alternative's), for parsing and hints."""
    alternatives = plain_alternatives(node)
    if not alternatives:
        return node
    return {**{key: value for key, value in node.items() if key != "anyOf"}, **alternatives[0]}


def interval(answer: str, node: Mapping[str, Any], path: str = "") -> dict[str, Any] | None:
    """The interval an answer states for a fact that takes one, or None (not a range, or not such a fact)."""
    kind = partial_kind(node)
    if kind is None:
        return None
    text = " ".join(answer.strip().lower().split())
    if kind == "version":
        return _versions(text)
    return _numbers(text, _unit(path))


def _versions(text: str) -> dict[str, Any] | None:
    v = f"({VERSION})"
    if (m := re.fullmatch(rf"(?:between|від|між) {v} (?:and|і|та|до) {v}", text)):
        return {"at_least": m[1], "below": m[2]}
    for key, words in (*_LOWER.items(), *_UPPER.items()):
        if (m := re.fullmatch(rf"{words} ?(?:version |версії |версія )?{v}", text)):
            return {key: m[1]}
    if (m := re.fullmatch(rf"(?:version |версія )?{v} ?{_OR_LATER}", text)):
        return {"at_least": m[1]}
    if (m := re.fullmatch(rf"(?:version |версія )?{v} ?{_OR_EARLIER}", text)):
        return {"at_most": m[1]}
    return None


def _unit(path: str) -> float:
    """The fact's unit in days, from its name (``..._days``, ``minutes_...``, ``..._seconds``)."""
    name = path.rsplit(".", 1)[-1]
    unit = "minute" if name.startswith("minutes") or name.endswith("_minutes") else \
        "second" if name.endswith("_seconds") else "day"
    return _FACT_UNITS[unit]


def _amount(number: str | None, unit: str | None, fact_unit: float) -> float | None:
    value = 1.0 if number is None else float(number.replace(",", "."))
    if unit is not None:
        if unit not in _UNITS:
            return None
        value = value * _UNITS[unit] / fact_unit
    value = round(value, 6)
    return int(value) if value == int(value) else value


def _numbers(text: str, fact_unit: float) -> dict[str, Any] | None:
    amount = rf"(?:({NUMBER})|{_A}) ?([a-zа-яіїєґ]+)?"
    if (m := re.fullmatch(r"(?:a few|several|кілька|декілька) ?([a-zа-яіїєґ]+)?", text)):
        low, high = (_amount(str(n), m[1], fact_unit) for n in FEW)
        return None if low is None or high is None else {"at_least": low, "below": high}
    if (m := re.fullmatch(rf"(?:between|між|від) ({NUMBER}) (?:and|і|та|до) ({NUMBER}) ?([a-zа-яіїєґ]+)?", text)):
        low, high = _amount(m[1], m[3], fact_unit), _amount(m[2], m[3], fact_unit)
        return None if low is None or high is None else {"at_least": low, "below": high}
    for key, words in (*_LOWER.items(), *_UPPER.items()):
        if (m := re.fullmatch(rf"{words} ?{amount}", text)):
            value = _amount(m[1], m[2], fact_unit)
            return None if value is None else {key: value}
    if (m := re.fullmatch(rf"{amount} ?{_OR_LATER}", text)):
        value = _amount(m[1], m[2], fact_unit)
        return None if value is None else {"at_least": value}
    if (m := re.fullmatch(rf"{amount} ?{_OR_EARLIER}", text)):
        value = _amount(m[1], m[2], fact_unit)
        return None if value is None else {"at_most": value}
    return None


SOME = "some"
"""The partial value of a reachability fact: some of the names tested answer, others do not."""
_SOME_WORDS = frozenset({"some", "only some", "some of them", "some do", "some answer", "some names", "partly",
                         "partially", "partly yes", "деякі", "лише деякі", "тільки деякі", "деякі так", "частково",
                         "частина", "лише частина"})
"""What an engineer says for "some" (lowercase, spaces collapsed, a final full stop dropped)."""


def takes_some(node: Mapping[str, Any]) -> bool:
    """Whether the fact may be ``"some"`` besides true and false (``x-partial: some`` in facts_schema.json)."""
    return node.get("x-partial") == SOME and "anyOf" in node  # ``plain`` of it is the boolean alone


def some(answer: str, node: Mapping[str, Any]) -> str | None:
    """``"some"`` when the fact takes it and the answer says so ("only some", "частково"), else None."""
    if not takes_some(node):
        return None
    text = " ".join(answer.strip().lower().rstrip(".!").split())
    return SOME if text in _SOME_WORDS else None
