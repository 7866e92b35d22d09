"""Start-up machinery: what makes the second start cheap, kept apart from what a rule file means (``loader``).

Validating a rule set costs more than a diagnosis, so a verdict, once reached, is remembered:

- ``keys``: the key of a verdict, a hash of the engine's code, the rule schema, the frame and each rule
  file's bytes (and a key per file, so that one edited file does not void the others' verdicts);
- ``store``: the per-account store of verdicts (signed, owner-only, size-capped; anything else is a miss);
- ``shipped``: the verdict a built package carries for its own rules;
- ``verdicts``: ``Verdicts``, the one object the loader asks (``earlier``) and tells (``remember``);
- ``bundle``: a package's own YAML data parsed at build time (``YamlBundle``), or once and kept in the store
  (a checkout), so that a start imports no YAML parser;
- ``build``: what a package build ships (the verdict and the bundle).

None of it changes what a rule set means: without it (``NO_VERDICTS``) every file is validated and
the rule set is the same.
"""

from __future__ import annotations

from .verdicts import NO_VERDICTS, Verdict, Verdicts

__all__ = ["NO_VERDICTS", "Verdict", "Verdicts"]
