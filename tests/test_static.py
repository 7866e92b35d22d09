"""Static checks: ruff and mypy, configured in pyproject.toml, find nothing in the package.

The package is what a wheel installs: ``writeback_doctor/`` with the generic engine inside it
(``writeback_doctor.engine``). In a checkout ``engine/`` sits beside the application, so mypy
is given a staging folder of symbolic links shaped like the installed package.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _tool(name: str) -> list[str]:
    script = Path(sys.executable).with_name(name)
    return [str(script)] if script.exists() else [sys.executable, "-m", name]


def _staged(tmp_path: Path) -> Path:
    """``tmp/writeback_doctor/*`` -> the application's files, ``tmp/writeback_doctor/engine`` -> ``engine/``."""
    package = tmp_path / "writeback_doctor"
    package.mkdir(parents=True)
    for entry in (REPO / "writeback_doctor").iterdir():
        if entry.name != "__pycache__":
            (package / entry.name).symlink_to(entry)
    (package / "engine").symlink_to(REPO / "engine")
    return tmp_path


@pytest.mark.skipif(os.name == "nt", reason="the staging folder uses symbolic links")
def test_mypy_finds_nothing_in_the_package(tmp_path):
    stage = _staged(tmp_path / "stage")
    env = dict(os.environ, MYPYPATH=str(stage))
    done = subprocess.run([*_tool("mypy"), "--config-file", str(REPO / "pyproject.toml"), "--no-incremental",
                           "-p", "writeback_doctor"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_finds_nothing_in_the_package():
    done = subprocess.run([*_tool("ruff"), "check", "--no-cache", "writeback_doctor", "engine"],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
