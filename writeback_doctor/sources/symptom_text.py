"""What a pasted error message or audit-log reason says, as the fact vocabulary codes it.

An engineer reports what the user saw in whatever form they have it: the code (``SSPR_0029``,
``sspr 29``, ``AADSTS120013``), Microsoft's technical name (``OnPremisesAdminActionRequired``),
or the message itself, in English or in a language whose localised page
``writeback_doctor/symptoms.yaml`` quotes. ``recognise`` turns any of them into the value of
``symptom.error_code``; what it does not know becomes ``unknown`` with a note that keeps
what was reported. ``failure_reason`` does the same for an audit entry's ``resultReason``.
The catalogue is data: a new documented code is one entry in ``symptoms.yaml`` (and the
schema's enumeration, which a test keeps equal).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any, Mapping, NamedTuple

from writeback_doctor.startup import load_yaml

CATALOGUE = Path(__file__).resolve().parent.parent / "symptoms.yaml"
UNKNOWN = "unknown"
NONE = "none"
OTHER = "other"

_SSPR = re.compile(r"\bsspr[\s_-]*0*([0-9]{1,4})\b", re.IGNORECASE)
_AADSTS = re.compile(r"\baadsts\s*([0-9]{5,7})\b", re.IGNORECASE)
_CODES = (
    # (pattern, the code as Microsoft spells it, what an unlisted one is called)
    (_SSPR, lambda number: f"SSPR_{int(number):04d}", "not among the codes Microsoft documents"),
    (_AADSTS, lambda number: f"AADSTS{number}", "not a password-change code of Microsoft's list"),
)
_NONE_WORDS = frozenset({"none", "no error", "no", "немає", "ні", "без помилки"})


class Recognised(NamedTuple):
    """A reported error as the vocabulary holds it: ``code`` (``symptom.error_code``) and, for an
    unknown one, a ``note`` saying what was reported."""

    code: str
    note: str | None = None


@cache
def catalogue() -> Mapping[str, Any]:
    """The documented codes and reasons (``symptoms.yaml``), read once."""
    data: Mapping[str, Any] = load_yaml(CATALOGUE)
    return data


def codes() -> tuple[str, ...]:
    """Every documented code, in the catalogue's order."""
    return tuple(catalogue()["codes"])


def _fold(text: str) -> str:
    """Lower case, typographic quotes as plain, punctuation and runs of spaces as one space."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'").lower()
    return " ".join(re.sub(r"[^\w']+", " ", text).split())


@cache
def _texts() -> tuple[tuple[str, str], ...]:
    """(folded fragment, code), longest fragment first so that the most specific wins."""
    found = [(_fold(fragment), code) for code, entry in catalogue()["codes"].items()
             for fragments in (entry.get("texts") or {}).values() for fragment in fragments]
    return tuple(sorted(found, key=lambda pair: (-len(pair[0]), pair[1])))


@cache
def _names() -> Mapping[str, str]:
    """Technical name (folded) -> code: OnPremisesAdminActionRequired -> SSPR_0029."""
    names = {_fold(entry["name"]): code for code, entry in catalogue()["codes"].items() if entry.get("name")}
    names.update({_fold(reason): entry["code"] for reason, entry in catalogue()["reasons"].items()})
    return names


def recognise(reported: str) -> Recognised:
    """The ``symptom.error_code`` of what the user saw, from a code, a technical name or a message text.

    The code shown under a message decides first (it is the same in every language); then a
    technical name; then a documented message text. Anything else is ``unknown``, its note
    quoting what was reported, so that nothing the engineer typed is lost.
    """
    text = reported.strip()
    known = set(codes())
    if _fold(text) in _NONE_WORDS:
        return Recognised(NONE)
    for pattern, spelled, not_listed in _CODES:
        match = pattern.search(text)
        if match:
            code = spelled(match.group(1))
            return Recognised(code) if code in known else Recognised(UNKNOWN, f"{code} as reported: {not_listed}")
    folded = _fold(text)
    for word in re.findall(r"\w+", folded):
        if word in _names():
            return Recognised(_names()[word])
    for fragment, code in _texts():
        if fragment and fragment in folded:
            return Recognised(code)
    return Recognised(UNKNOWN, f"not recognised: {text[:300]}")


def failure_reason(result_reason: str | None) -> str:
    """The ``audit_log.entries[].failure_reason`` of a logged ``resultReason``: a documented reason
    name it carries, else ``other`` (``none`` for an empty reason)."""
    if not result_reason or not result_reason.strip():
        return NONE
    folded = _fold(result_reason)
    reasons = catalogue()["reasons"]
    by_fold = {_fold(name): name for name in reasons}
    for word in re.findall(r"\w+", folded):
        if word in by_fold:
            return by_fold[word]
    recognised = recognise(result_reason)
    if recognised.code not in (UNKNOWN, NONE):
        for name, entry in reasons.items():
            if entry["code"] == recognised.code:
                return str(name)
    return OTHER
