"""Remembering a value computed from a long-lived object (a schema, a rule set), keyed by identity."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


def remembered(cache: dict[Any, tuple[object, Any]], owner: object, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` once per ``owner`` and ``key`` (a batch asks the same of thousands of tenants).

    The owner is kept beside the value, so that another object at a reused ``id()`` is never
    answered from the cache.
    """
    full = (id(owner), key)
    cached = cache.get(full)
    if cached is not None and cached[0] is owner:
        value: T = cached[1]
        return value
    value = compute()
    cache[full] = (owner, value)
    return value
