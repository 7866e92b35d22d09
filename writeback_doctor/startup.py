"""Where this application keeps what makes its second start cheap (the machinery is the engine's ``startup``).

- the per-account store of validated rule sets: ``cache_directory`` (``$WRITEBACK_DOCTOR_CACHE``, ``off``
  to disable it);
- the rule set's verdict a wheel ships (``validated-rules.json``, written by ``hatch_build.py``), used for the
  package's own rules only;
- the package's YAML data (messages, where questions are answered, the frame) parsed by the wheel build
  (``yaml-data.json``): ``load_yaml`` reads it; what it does not hold (a checkout, an edited file) is
  parsed once and kept in the same cache folder.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from expert_engine.startup.bundle import YamlBundle
from writeback_doctor import CHECKOUT_ROOT, PACKAGE_DIR

SHIPPED_RULES = "validated-rules.json"
"""The rule set the wheel build validated, inside the installed package (``hatch_build.py``)."""
YAML_BUNDLE = "yaml-data.json"
"""The package's YAML data parsed by the wheel build, inside the installed package (``hatch_build.py``)."""


def cache_directory() -> Path | None:
    """Where validated rule sets (and parsed YAML the wheel does not carry) are remembered: ``$WRITEBACK_DOCTOR_CACHE``
    (``off`` disables it), else ``$XDG_CACHE_HOME/writeback-doctor``, else ``~/.cache/writeback-doctor``."""
    chosen = os.environ.get("WRITEBACK_DOCTOR_CACHE")
    if chosen:
        return None if chosen.lower() == "off" else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "writeback-doctor"


_BUNDLE = YamlBundle(PACKAGE_DIR, YAML_BUNDLE, store=cache_directory)


def load_yaml(path: Path) -> Any:
    """The data of one of the package's YAML files (``yaml.safe_load`` semantics): the wheel's parsed copy while the
    file's bytes are those it parsed, else the file parsed now."""
    return _BUNDLE.load(path)


def shipped_rules_file() -> Path | None:
    """The installed package's validated rule set, or None in a checkout (whose rules are what is edited)."""
    return PACKAGE_DIR / SHIPPED_RULES if CHECKOUT_ROOT is None else None
