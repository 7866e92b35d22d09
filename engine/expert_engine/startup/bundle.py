"""A package's own YAML data (its messages, its rule set's frame), read without PyYAML when it was parsed before.

A package build (``build.yaml_bundle``) stores each such file's data with the SHA-256 of its
bytes in one JSON file inside the installed package, as trusted as the code beside it. A file
whose bytes still hash the same is served from there. Any other file (a checkout, an edited
file) is served from the per-account store (``store``: signed, ours, capped) when a run already
parsed those bytes, else parsed as ``yaml.safe_load`` does (and remembered there). Only then is
PyYAML imported: a start that needs no parsing never imports it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import store


class YamlBundle:
    """The parsed copies a package carries in ``package_dir / name`` (``{path relative to the package: {"sha256",
    "data"}}``, read once, on first use), and those the per-account store in ``store()`` holds (keyed by the file's
    absolute path: a checkout's files too)."""

    def __init__(self, package_dir: Path, name: str, store: Callable[[], Path | None] | None = None):
        self.package_dir = package_dir.resolve()
        self.path = self.package_dir / name
        self._store = store
        self._entries: dict[str, Any] | None = None
        self._stored: dict[str, Any] | None = None
        self._label = "yaml-" + hashlib.sha256(str(self.package_dir).encode()).hexdigest()[:32]

    def load(self, path: Path) -> Any:
        """The data of ``path`` with ``yaml.safe_load`` semantics: a parsed copy made from the same bytes (the build's,
        else the store's), else the file parsed now (and remembered in the store)."""
        raw = path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        entry = self._bundle().get(self._name(path))
        if isinstance(entry, dict) and entry.get("sha256") == digest:
            return entry.get("data")
        folder = self._store() if self._store is not None else None
        place = str(path.resolve())
        stored = self._read_store(folder).get(place) if folder is not None else None
        if isinstance(stored, dict) and stored.get("sha256") == digest:
            return stored.get("data")
        data = parse_yaml(raw.decode("utf-8"))
        if folder is not None:
            self._remember(folder, place, bundle_entry(raw, data))
        return data

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

    def _read_store(self, folder: Path) -> dict[str, Any]:
        if self._stored is None:
            try:
                payload = store.read_signed(folder, self._label + ".json", self._label)
                data = json.loads(payload.decode("utf-8")) if payload is not None else {}
            except (OSError, ValueError, RecursionError):
                data = {}
            self._stored = data if isinstance(data, dict) else {}
        return self._stored

    def _remember(self, folder: Path, place: str, entry: dict[str, Any] | None) -> None:
        """Add a file's parsed copy to the store (nothing when JSON cannot hold its data: parsed at every start)."""
        if entry is None:
            return
        stored = self._read_store(folder)
        stored[place] = entry
        payload = json.dumps(stored, ensure_ascii=False).encode("utf-8")  # never sort_keys: the data keeps its order
        store.write_signed(folder, self._label + ".json", self._label, payload)


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
