"""The wheel build ships what makes an installed package's first start cheap: the rules validated once (so that
the first run after ``pip install`` validates nothing) and the package's YAML data parsed once (so that a start
imports no YAML parser).

A hatchling build hook (``[tool.hatch.build.targets.wheel.hooks.custom]`` in pyproject.toml). The
work is the engine's (``engine/expert_engine/startup/build.py``): it loads ``rules/`` with the tree's
own engine, exactly as a start-up would; a rule set with a problem fails the build. This hook only
says which files and where they land (``writeback_doctor.startup`` reads them).
"""

from __future__ import annotations

import importlib
import importlib.util
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SHIPPED_AS = "writeback_doctor/validated-rules.json"
"""Where the wheel carries the validated rule set (``writeback_doctor.startup.SHIPPED_RULES``)."""
YAML_DATA_AS = "writeback_doctor/yaml-data.json"
"""Where the wheel carries the package's YAML data already parsed (``writeback_doctor.startup.YAML_BUNDLE``)."""
_ENGINE = "_writeback_doctor_build_engine"


def _build_module(root: Path) -> Any:
    """The tree's ``expert_engine.startup.build``, without running the engine's ``__init__``, which imports durable-rules'
    C core: the build needs only the loader (PyYAML and jsonschema, the build's requirements)."""
    if _ENGINE not in sys.modules:
        spec = importlib.util.spec_from_file_location(_ENGINE, root / "engine" / "expert_engine" / "__init__.py",
                                                      submodule_search_locations=[str(root / "engine" / "expert_engine")])
        assert spec is not None
        sys.modules[_ENGINE] = importlib.util.module_from_spec(spec)
    return importlib.import_module(f"{_ENGINE}.startup.build")


def _forget_engine() -> None:
    """A later build in this process (another tree, or this one edited) imports its own engine afresh."""
    for name in [name for name in sys.modules if name == _ENGINE or name.startswith(_ENGINE + ".")]:
        del sys.modules[name]


def validated_rules(root: Path) -> bytes:
    """The shipped entry of ``root/rules``: loaded and validated by the tree's engine, as a start-up does."""
    try:
        return bytes(_build_module(root).validated_rules(root / "rules"))
    finally:
        _forget_engine()


def yaml_data(root: Path) -> bytes:
    """The parsed copies of the package's YAML data: every ``*.yaml`` of ``writeback_doctor/`` and the rule set's frame,
    each under its place in the wheel."""
    package = root / "writeback_doctor"
    files = {path.relative_to(package).as_posix(): path for path in sorted(package.rglob("*.yaml"))}
    files["rules/ruleset.yaml"] = root / "rules" / "ruleset.yaml"  # rules/ lands in the package (force-include)
    try:
        return bytes(_build_module(root).yaml_bundle(files))
    finally:
        _forget_engine()


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
