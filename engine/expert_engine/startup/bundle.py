"""A package's own YAML data (its messages, its rule set's frame), read without PyYAML when the package build
already parsed it.

A package build (``build.yaml_bundle``) stores each such file's data with the SHA-256 of its
bytes in one JSON file inside the installed package, as trusted as the code beside it. A file
whose bytes still hash the same is served from there; any other file (a checkout, an edited
file, one the build could not store as JSON) is parsed as ``yaml.safe_load`` does, and only
then is PyYAML imported: a start that needs no parsing never imports it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any


class YamlBundle:
    """The parsed copies a package carries in ``package_dir / name``: ``{path relative to the package: {"sha256",
    "data"}}``, read once, on first use."""

    def __init__(self, package_dir: Path, name: str):
        self.package_dir = package_dir.resolve()
        self.path = self.package_dir / name
        self._entries: dict[str, Any] | None = None

    def load(self, path: Path) -> Any:
        """The data of ``path`` with ``yaml.safe_load`` semantics: the build's parsed copy while the file's bytes are
        those it parsed, else the file parsed now."""
        raw = path.read_bytes()
        entry = self._bundle().get(self._name(path))
        if isinstance(entry, dict) and entry.get("sha256") == hashlib.sha256(raw).hexdigest():
            return entry.get("data")
        return parse_yaml(raw.decode("utf-8"))

    def _name(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.package_dir).as_posix()
        except ValueError:
            return ""  # outside the package (a checkout's rules, --rules): never in the bundle

    def _bundle(self) -> dict[str, Any]:
        if self._entries is None:
            try:
                data = json.loads(self.path.read_bytes().decode("utf-8"))
            except (OSError, ValueError, RecursionError):
                data = {}
            self._entries = data if isinstance(data, dict) else {}
        return self._entries


def parse_yaml(text: str) -> Any:
    """``yaml.safe_load(text)``, with libyaml's C safe loader when PyYAML has it (same data, faster)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def bundle_entry(raw: bytes, data: Any) -> dict[str, Any] | None:
    """What the bundle stores for a file of bytes ``raw`` parsed to ``data``; None when JSON cannot hold ``data``
    exactly (a date, a number key, a NaN): that file is parsed at run time."""
    try:
        if json.loads(json.dumps(data, ensure_ascii=False, allow_nan=False)) != data:
            return None
    except (TypeError, ValueError):
        return None
    return {"sha256": hashlib.sha256(raw).hexdigest(), "data": data}
