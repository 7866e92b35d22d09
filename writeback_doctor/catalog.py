"""Every user-facing string of the application, by area and language: one catalog.

The texts are data: ``messages/<area>.yaml`` holds ``{language: {key: text}}``. The
languages are those the knowledge base's frame declares (``rules/ruleset.yaml``
``languages``); a third language is a block of YAML in each area file, not code.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from writeback_doctor.startup import load_yaml

MESSAGES_DIR = Path(__file__).resolve().parent / "messages"


class MissingMessage(LookupError):
    """A catalog area, language or key that the application asked for does not exist."""


@cache
def _area(area: str) -> Mapping[str, Mapping[str, Any]]:
    path = MESSAGES_DIR / f"{area}.yaml"
    try:
        data = load_yaml(path)
    except FileNotFoundError as missing:
        raise MissingMessage(f"no message catalog area {area!r} ({path})") from missing
    return MappingProxyType({lang: MappingProxyType(dict(texts)) for lang, texts in data.items()})


def phrases(area: str, language: str) -> Mapping[str, Any]:
    """The texts of one catalog area in one language (a read-only mapping key -> text)."""
    texts = _area(area)
    if language not in texts:
        raise MissingMessage(f"message catalog area {area!r} has no language {language!r}")
    return texts[language]


def text(area: str, language: str, key: str, **values: Any) -> str:
    """One text of the catalog with its ``{placeholders}`` filled in."""
    try:
        template = phrases(area, language)[key]
    except KeyError as missing:
        raise MissingMessage(f"message catalog area {area!r} has no key {key!r} in {language!r}") from missing
    return str(template).format(**values) if values else str(template)
