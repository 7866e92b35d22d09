"""A cache of rule files that already passed validation, so that a start-up skips re-validating them.

Validating every rule file against ``rule_schema.json`` costs more than everything else a
single diagnosis does. A rule set that loaded without a single problem is stored as
JSON (each document with the line of every condition node) under a key that hashes every
input of that verdict: the frame and each rule file's name and bytes, the rule schema and
the engine's code (every module of it, so that no list of "the modules that check rules"
can fall behind). Any change to any of them is a new key, so a cached verdict is never
stale, and a rule set with a problem is never cached (its errors are found again, with
their lines).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def cache_key(directory: Path, files: list[Path]) -> str:
    """The hash of everything the validity of the rule set depends on."""
    digest = hashlib.sha256()
    engine_dir = Path(__file__).parent
    for code in sorted([*engine_dir.glob("*.py"), engine_dir / "rule_schema.json"]):
        digest.update(b"\0" + code.name.encode() + b"\0" + code.read_bytes())
    for path in files:
        digest.update(b"\0" + str(path.relative_to(directory) if path.is_relative_to(directory) else path).encode())
        digest.update(b"\0" + path.read_bytes())
    return digest.hexdigest()


def read_cached(cache_dir: Path, key: str) -> list[Any] | None:
    """The validated rule documents stored under ``key``, or None (absent, unreadable: validate again)."""
    try:
        documents = json.loads((cache_dir / f"rules-{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return documents if isinstance(documents, list) else None


def write_cached(cache_dir: Path, key: str, documents: list[Any]) -> None:
    """Store validated rule documents atomically; a cache that cannot be written is simply not used."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=cache_dir, delete=False, suffix=".tmp") as handle:
            json.dump(documents, handle, ensure_ascii=False)
        os.replace(handle.name, cache_dir / f"rules-{key}.json")
    except OSError:
        pass
