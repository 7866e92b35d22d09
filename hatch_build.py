"""The wheel build validates the rules once, so that the first run after ``pip install`` does not, and parses the
package's YAML data once, so that a start imports no YAML parser.

A hatchling build hook (``[tool.hatch.build.targets.wheel.hooks.custom]`` in pyproject.toml):
it loads ``rules/`` with the tree's own engine, exactly as a start-up would, and ships the
validated documents inside the package as ``writeback_doctor/validated-rules.json`` under the
key that hashes the rule files, the rule schema and the engine's code
(``engine/expert_engine/rule_cache.py``). The installed package uses it for its own rules only while that
key still matches; a rule set with a problem fails the build.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SHIPPED_AS = "writeback_doctor/validated-rules.json"
"""Where the wheel carries the validated rule set (``writeback_doctor.knowledge.SHIPPED_RULES``)."""
YAML_DATA_AS = "writeback_doctor/yaml-data.json"
"""Where the wheel carries the package's YAML data already parsed (``writeback_doctor.yaml_data``)."""
_ENGINE = "_writeback_doctor_build_engine"


def _engine_module(root: Path, name: str) -> Any:
    """A module of the tree's ``engine/`` package without running its ``__init__``, which imports durable-rules' C core:
    validating rules needs only the loader (PyYAML and jsonschema, the build's requirements)."""
    if _ENGINE not in sys.modules:
        spec = importlib.util.spec_from_file_location(_ENGINE, root / "engine" / "expert_engine" / "__init__.py",
                                                      submodule_search_locations=[str(root / "engine" / "expert_engine")])
        assert spec is not None
        sys.modules[_ENGINE] = importlib.util.module_from_spec(spec)
    return importlib.import_module(f"{_ENGINE}.{name}")


def validated_rules(root: Path) -> bytes:
    """The shipped entry of ``root/rules``: loaded and validated by the tree's engine, as a start-up does."""
    try:
        return _validated_rules(root)
    finally:  # a later build in this process (another tree, or this one edited) imports its own engine afresh
        for name in [name for name in sys.modules if name == _ENGINE or name.startswith(_ENGINE + ".")]:
            del sys.modules[name]


def _validated_rules(root: Path) -> bytes:
    loader, rule_cache = _engine_module(root, "loader"), _engine_module(root, "rule_cache")
    frame = loader.load_frame_data(root / "rules" / loader.FRAME_FILE)
    rules = root / "rules"
    with tempfile.TemporaryDirectory(prefix="wd-build-") as scratch:
        cache = Path(scratch)
        loaded = loader.load_ruleset(rules, cache_dir=cache)
        if loaded.problems:
            raise RuntimeError("the rule files have problems; fix them before building:\n"
                               + "\n".join(str(p) for p in loaded.problems))
        files = [rules / loader.FRAME_FILE] + sorted(p for p in rules.rglob("*.yaml") if p.name != loader.FRAME_FILE)
        key = rule_cache.cache_key(rules, files)
        documents = rule_cache.read_cached(cache, key) if key else None
        if documents is None:
            raise RuntimeError(f"could not record the validated rule set of {rules}")
        return bytes(rule_cache.shipped_entry(key, documents, frame))


def yaml_data(root: Path) -> bytes:
    """The parsed copies of the package's YAML data (``writeback_doctor/yaml_data.py``): the message catalog, where
    questions are answered and the rule set's frame, each under the SHA-256 of its bytes and its place in the wheel."""
    spec = importlib.util.spec_from_file_location("_writeback_doctor_build_yaml_data", root / "writeback_doctor" / "yaml_data.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # the tree's own module: the bundle is what it reads back
    package = root / "writeback_doctor"
    files = {path.relative_to(package).as_posix(): path for path in sorted(package.rglob("*.yaml"))}
    files["rules/ruleset.yaml"] = root / "rules" / "ruleset.yaml"  # rules/ lands in the package (force-include)
    bundle = {}
    for name, path in sorted(files.items()):
        raw = path.read_bytes()
        entry = module.bundle_entry(raw, module.parse_yaml(raw.decode("utf-8")))
        if entry is not None:
            bundle[name] = entry
    return json.dumps(bundle, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


class ValidatedRulesHook(BuildHookInterface):
    """Adds ``writeback_doctor/validated-rules.json`` and ``writeback_doctor/yaml-data.json`` to a standard wheel
    (an editable install runs the tree's files)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Validate the rules and add the result to the wheel."""
        if version == "editable":
            return
        self._scratch = tempfile.mkdtemp(prefix="wd-build-")
        shipped = Path(self._scratch) / "validated-rules.json"
        shipped.write_bytes(validated_rules(Path(self.root)))
        build_data["force_include"][str(shipped)] = SHIPPED_AS
        parsed = Path(self._scratch) / "yaml-data.json"
        parsed.write_bytes(yaml_data(Path(self.root)))
        build_data["force_include"][str(parsed)] = YAML_DATA_AS

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """Remove the temporary copy once the wheel holds it."""
        scratch = getattr(self, "_scratch", None)
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
