"""writeback-doctor: explains, in order, why Microsoft Entra ID password writeback fails.

The application package. It uses the generic inference engine ``expert_engine`` (in
``engine/expert_engine/``, its own import name) and the knowledge base: the rule files and the
fact schema (``rules/``, ``facts_schema.json``). A checkout reads the knowledge base at the
repository root, so that edits are what runs; the wheel build places it inside this package
(``pyproject.toml``, ``force-include``).

- ``commands/``: one module per subcommand, named as the user types it (``import`` is ``import_``);
- ``report/``: the report contract, its explanations and every rendering of it;
- ``sources/``: the readers of admins' exports and their merge into one facts document.
"""

from __future__ import annotations

from pathlib import Path

__version__ = "0.2.0"

PACKAGE_DIR = Path(__file__).resolve().parent


def _checkout_root() -> Path | None:
    """The repository root when this package is imported from a checkout (its knowledge base beside it), else None."""
    root = PACKAGE_DIR.parent
    if (PACKAGE_DIR / "rules").is_dir():
        return None  # installed: the knowledge base was placed inside the package
    if (root / "pyproject.toml").is_file() and (root / "rules").is_dir() and (root / "facts_schema.json").is_file():
        return root
    return None


CHECKOUT_ROOT = _checkout_root()
