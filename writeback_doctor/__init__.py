"""writeback-doctor: explains, in order, why Microsoft Entra ID password writeback fails.

The application package. Its generic inference engine and its knowledge base (rule files
and the fact schema) sit beside it in a checkout (``engine/``, ``rules/``,
``facts_schema.json``) and inside it once installed: the wheel build places them under
this package (``pyproject.toml``, ``force-include``), so that a user's environment gains
one import name only. In a checkout the package path also covers the repository root, so
that ``writeback_doctor.engine`` is the tree's ``engine/`` and ``python -m
writeback_doctor`` runs exactly the files being edited.
"""

from __future__ import annotations

from pathlib import Path

__version__ = "0.2.0"

PACKAGE_DIR = Path(__file__).resolve().parent


def _checkout_root() -> Path | None:
    """The repository root when this package is imported from a checkout, else None."""
    root = PACKAGE_DIR.parent
    if (PACKAGE_DIR / "engine").is_dir():
        return None  # installed: the engine was placed inside the package
    if (root / "pyproject.toml").is_file() and (root / "engine" / "__init__.py").is_file():
        return root
    return None


CHECKOUT_ROOT = _checkout_root()
if CHECKOUT_ROOT is not None:
    __path__.append(str(CHECKOUT_ROOT))  # noqa: F821 - the package's own search path
