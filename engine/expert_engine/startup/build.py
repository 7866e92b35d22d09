"""What a package build ships so that an installed package starts cheaply: its rules' verdict and its YAML parsed.

Called by a build hook (the application's ``hatch_build.py``) with the tree's own engine, which
may be loaded without durable-rules: nothing here (or in the loader it uses) imports the C core.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .bundle import bundle_entry, parse_yaml
from .keys import cache_keys
from .shipped import shipped_entry
from .store import read_cached


def validated_rules(rules_dir: Path) -> bytes:
    """The shipped entry (``shipped``) of the rule set in ``rules_dir``: loaded and validated exactly as a start-up
    does, under the key of its bytes, with the frame's data; ``RuntimeError`` when a rule file has a problem."""
    from ..loader import FRAME_FILE, load_frame_data, load_ruleset

    with tempfile.TemporaryDirectory(prefix="expert-engine-build-") as scratch:
        cache = Path(scratch)
        loaded = load_ruleset(rules_dir, cache_dir=cache)
        if loaded.problems:
            raise RuntimeError("the rule files have problems; fix them before building:\n"
                               + "\n".join(str(p) for p in loaded.problems))
        files = [rules_dir / FRAME_FILE] + sorted(p for p in rules_dir.rglob("*.yaml") if p.name != FRAME_FILE)
        keys = cache_keys(rules_dir, files)
        documents = read_cached(cache, keys.rule_set) if keys else None
        if keys is None or documents is None:
            raise RuntimeError(f"could not record the validated rule set of {rules_dir}")
        return shipped_entry(keys.rule_set, documents, load_frame_data(rules_dir / FRAME_FILE), keys.frame)


def yaml_bundle(files: Mapping[str, Path]) -> bytes:
    """The parsed copies (``bundle.YamlBundle``) of ``files``: each under its place in the package and the SHA-256
    of its bytes; a file JSON cannot hold exactly is left out (parsed at run time)."""
    bundle = {}
    for name, path in sorted(files.items()):
        raw = path.read_bytes()
        entry = bundle_entry(raw, parse_yaml(raw.decode("utf-8")))
        if entry is not None:
            bundle[name] = entry
    # never sort_keys: the data keeps the order its YAML was written in (a mapping's order is what a reader iterates,
    # e.g. answered_at.yaml's collectors); the files are in sorted order, so the bundle is the same at every build
    return json.dumps(bundle, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
