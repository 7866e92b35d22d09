"""Static checks: plain ``mypy`` and ``ruff check .`` from the repository root, configured in pyproject.toml,
find nothing. No staging folder: the tree imports by the same names as an installed wheel
(``writeback_doctor`` and ``expert_engine``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _tool(name: str) -> list[str]:
    script = Path(sys.executable).with_name(name)
    return [str(script)] if script.exists() else [sys.executable, "-m", name]


def test_plain_mypy_from_the_root_finds_nothing():
    done = subprocess.run([*_tool("mypy"), "--no-incremental"], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_finds_nothing_in_the_whole_tree():
    done = subprocess.run([*_tool("ruff"), "check", "--no-cache", "."], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_package_edits_its_import_path():
    offenders = [str(path.relative_to(REPO)) for path in sorted(REPO.glob("**/*.py"))
                 if ".venv" not in path.parts and "__path__" in path.read_text(encoding="utf-8") and path.name != "test_static.py"]
    assert offenders == []
