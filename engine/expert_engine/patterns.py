"""The vocabulary of the durable-rules patterns conditions compile to: where a facts document's values sit
in the asserted fact, and the checks a compiled form must pass (``compile.py`` explains the whole scheme).

Paths in the facts document are read under ``f.``; precomputed lowest/highest values of facts compared
by order under ``v.<kind>_low.`` / ``v.<kind>_high.``; array lengths under ``n.``; timeline truths in
the one text ``t``; an array item's field as ``$i.<field>``. The node kinds (``node_kinds``) and the
operators (``operators.py``) build their patterns with these names; ``compile.py`` puts them together.
"""

from __future__ import annotations

import hashlib
from typing import Any

from .nodes import AnyItem
from .operators import Domain

FACTS, BOUNDS, LENGTHS, TIMELINES = "f", "v", "n", "t"
ITEM = "$i"
DOC, DERIVED, GATE = "doc", "derived", "gate"
"""The kinds of asserted facts: the facts document, a derived fact, a stage gate."""

Durable = dict[str, Any]
"""A condition in durable-rules' JSON ruleset form."""


class NotCompilable(Exception):
    """The condition's form cannot be expressed for durable-rules (a disjunction inside array items)."""


def flat_key(path: str) -> str:
    """The single key under which a precomputed value for ``path`` is stored."""
    return path.replace(".", "__")


def timeline_key(node: AnyItem) -> str:
    """The key under which a timeline's precomputed truth is stored (a digest of the node as written)."""
    return "t" + hashlib.sha256(repr(node).encode()).hexdigest()[:16]


def bound_paths(domain: Domain, path: str) -> tuple[str, str]:
    """Where durable-rules reads the precomputed lowest and highest value of a fact compared in ``domain``."""
    return f"{BOUNDS}.{domain.name}_low.{flat_key(path)}", f"{BOUNDS}.{domain.name}_high.{flat_key(path)}"


def has_or(compiled: Any) -> bool:
    """Whether a compiled condition has a disjunction over different fields (same-field ones evaluate right)."""
    if isinstance(compiled, dict):
        if "$or" in compiled and len({_tested_field(alt) for alt in compiled["$or"]}) > 1:
            return True
        return any(has_or(v) for v in compiled.values())
    if isinstance(compiled, list):
        return any(has_or(v) for v in compiled)
    return False


def _tested_field(compiled: Any) -> str:
    """The one field a simple compiled comparison tests (``{path: v}`` or ``{op: {path: v}}``), else the whole form."""
    if isinstance(compiled, dict) and len(compiled) == 1:
        key, value = next(iter(compiled.items()))
        if not key.startswith("$") or key.startswith(f"{ITEM}."):
            return str(key)
        if isinstance(value, dict) and len(value) == 1 and key not in ("$and", "$or", "$iany", "$iall"):
            return str(next(iter(value)))
    return repr(compiled)
