"""Where this application keeps what makes its second start cheap (the machinery is the engine's ``startup``).

- the per-account store of validated rule sets: ``cache_directory`` (``$WRITEBACK_DOCTOR_CACHE``, ``off``
  to disable it);
- the rule set's verdict a wheel ships (``validated-rules.json``, written by ``hatch_build.py``), used for the
  package's own rules only;
- the package's YAML data (messages, where questions are answered, the frame) parsed by the wheel build
  (``yaml-data.json``): ``load_yaml`` reads it; what it does not hold (a checkout, an edited file) is
  parsed once and kept in the same cache folder;
- the garbage collector's pause while a command's process starts (``pause_collection``, ``resume_collection``).

Importing this module imports nothing heavy (``cli`` pauses the collector with it before its own imports).
"""

from __future__ import annotations

import gc
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from writeback_doctor import CHECKOUT_ROOT, PACKAGE_DIR

if TYPE_CHECKING:
    from expert_engine.startup.bundle import YamlBundle

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


@cache
def _bundle() -> YamlBundle:
    from expert_engine.startup.bundle import YamlBundle  # here: importing the engine is most of a start (see above)

    return YamlBundle(PACKAGE_DIR, YAML_BUNDLE, store=cache_directory)


def load_yaml(path: Path) -> Any:
    """The data of one of the package's YAML files (``yaml.safe_load`` semantics): the wheel's parsed copy while the
    file's bytes are those it parsed, else the file parsed now."""
    return _bundle().load(path)


def shipped_rules_file() -> Path | None:
    """The installed package's validated rule set, or None in a checkout (whose rules are what is edited)."""
    return PACKAGE_DIR / SHIPPED_RULES if CHECKOUT_ROOT is None else None


_paused = False
"""Whether ``pause_collection`` paused the collector (and ``resume_collection`` has not resumed it yet)."""


def pause_collection() -> None:
    """Pause the cyclic garbage collector while a command's own process starts (``cli.main`` with the process's
    command line), until ``resume_collection``.

    A start imports the modules, reads the rule set and builds the engine, and keeps nearly all of it to the end
    (measured: ~490 of ~43,000 objects were garbage after a start). The collector, run after every 700 new objects,
    traverses that growing heap over and over and finds nothing: ~8 ms of a start; and the collection at exit
    traverses all of it once more: ~9 ms. A collector already paused by the caller stays paused."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collection() -> None:
    """End ``pause_collection``'s pause, if there is one: what the start built is frozen (``gc.freeze``: it lives to
    the end, so neither later collections nor the one at exit traverse it again) and collecting resumes for whatever
    the command does next (a batch of thousands of tenants). Called once the knowledge is loaded, and when the
    command ends. Without a pause, nothing."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
