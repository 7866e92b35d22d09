"""The keys a verdict is remembered under: a hash of everything the validity of a rule set depends on.

The rule set's key hashes the engine's code (every module of it, so that no list of "the modules
that check rules" can fall behind), the rule schema, the frame and each rule file's name and bytes.
Each rule file also has a key of its own (its name and bytes under the same engine, schema and
frame), so that after one file is edited the others' verdicts still stand. Any change to any input
is a new key: a remembered verdict is never stale.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import NamedTuple

from ..capped import read_capped

ENGINE_DIR = Path(__file__).resolve().parent.parent
"""The engine package (``expert_engine``): its code and its rule schema are part of every key."""


def engine_files() -> list[Path]:
    """The engine's code and rule schema, in a fixed order (subpackages such as this one included; by path relative to
    the package, in POSIX form). ``os.walk``, not ``Path.rglob``: a third of its cost, at every start."""
    found = {"rule_schema.json": ENGINE_DIR / "rule_schema.json"}
    for folder, subfolders, names in os.walk(ENGINE_DIR):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        relative = os.path.relpath(folder, ENGINE_DIR).replace(os.sep, "/")
        for name in names:
            if name.endswith(".py"):
                found[name if relative == "." else f"{relative}/{name}"] = Path(folder, name)
    return [found[name] for name in sorted(found)]


class Keys(NamedTuple):
    """The keys of one rule set's verdicts."""

    rule_set: str
    """Everything: the engine's code, the rule schema, the frame and every rule file."""
    frame: str
    """The engine's code, the rule schema and the frame: the frame's data read under it is still its data."""
    files: list[str]
    """Per rule file: its name and bytes under ``frame``."""


def cache_key(directory: Path, files: list[Path]) -> str | None:
    """The hash of everything the validity of the rule set depends on; None when a file cannot be read
    (or is over the size cap): then the rules are not cached, and loading them says what is wrong."""
    keys = cache_keys(directory, files)
    return keys.rule_set if keys else None


def cache_keys(directory: Path, files: list[Path]) -> Keys | None:
    """The rule set's key (``cache_key``; ``files[0]`` is the frame), the frame's and, for each of ``files`` after the
    first, the key of that file's own verdict: its name and bytes under the same frame, rule schema and engine code.
    A rule file whose key an earlier entry holds need not be validated again after another file was edited."""
    digest = hashlib.sha256()
    file_keys: list[str] = []
    try:
        for code in engine_files():
            digest.update(b"\0" + code.relative_to(ENGINE_DIR).as_posix().encode() + b"\0" + code.read_bytes())
        context = b""
        for index, path in enumerate(files):
            name = _name(path, directory)
            content = read_capped(path)
            digest.update(b"\0" + name.encode())
            digest.update(b"\0" + content)
            if index == 0:
                context = digest.digest()  # the engine, the rule schema and the frame
            else:
                file_keys.append(hashlib.sha256(context + b"\0" + name.encode() + b"\0" + content).hexdigest())
    except OSError:
        return None
    return Keys(digest.hexdigest(), context.hex(), file_keys)


def _name(path: Path, directory: Path) -> str:
    """``path`` relative to ``directory`` in POSIX form when it is below it (as ``Path.relative_to`` would say, at a
    tenth of its cost: a start names ~70 files), else ``path`` as given."""
    text, prefix = str(path), str(directory).rstrip(os.sep) + os.sep
    if text.startswith(prefix):
        return text[len(prefix):].replace(os.sep, "/")
    return text
