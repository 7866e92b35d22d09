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


def test_the_engine_is_imported_under_one_name_only():
    """``expert_engine``, never ``engine.expert_engine``: an editable install puts the repository root on the
    import path (hatchling's editable wheel), where ``engine`` would be a namespace package and the engine a
    second set of modules, with classes that are not the first set's."""
    import ast

    offenders = []
    for path in sorted(REPO.glob("**/*.py")):
        if ".venv" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else []
            offenders += [f"{path.relative_to(REPO)}:{node.lineno} {name}" for name in names
                          if name == "engine" or name.startswith("engine.")]
    assert offenders == []
    done = subprocess.run([sys.executable, "-c", "import sys; from writeback_doctor import cli; "
                           "cli.main([sys.argv[1], '--format', 'json', '--explain']); "
                           "print([m for m in sys.modules if m == 'engine' or m.startswith('engine.')], file=sys.stderr)",
                           str(REPO / "examples" / "sspr-off.json")], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.stderr.strip().splitlines()[-1] == "[]", done.stderr
