"""The tree is the package: a built wheel carries the engine, the rules and the fact schema
inside ``writeback_doctor``, and ``python -m writeback_doctor`` runs from anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from hatchling.builders.wheel import WheelBuilder

    out = tmp_path_factory.mktemp("wheel")
    return Path(next(iter(WheelBuilder(str(REPO)).build(directory=str(out), versions=["standard"]))))


def test_wheel_ships_engine_rules_and_schema_inside_one_import_name(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/")[0] for name in names}
    assert top == {"writeback_doctor", wheel.name.split("-")[0] + "-" + wheel.name.split("-")[1] + ".dist-info"}
    assert "writeback_doctor/facts_schema.json" in names
    assert "writeback_doctor/engine/rule_schema.json" in names
    assert "writeback_doctor/rules/ruleset.yaml" in names
    shipped = {n for n in names if n.startswith("writeback_doctor/rules/") and n.endswith(".yaml")}
    in_tree = {"writeback_doctor/" + p.relative_to(REPO).as_posix() for p in (REPO / "rules").rglob("*.yaml")}
    assert shipped == in_tree
    assert not any("__pycache__" in n for n in names)


def test_extracted_wheel_diagnoses_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"PYTHONPATH": str(site)}
    run = subprocess.run([sys.executable, "-m", "writeback_doctor", str(REPO / "examples" / "sspr-off.json"),
                          "--format", "json"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stderr
    assert json.loads(run.stdout)["diagnoses"][0]["id"] == "sspr-enabled"


@pytest.mark.parametrize("where", ["repository root", "elsewhere"])
def test_python_dash_m_from_the_tree(where: str, tmp_path: Path) -> None:
    cwd = REPO if where == "repository root" else tmp_path
    for argv, status in ((["examples/sspr-off.json"], 1), (["/nonexistent.json"], 2)):
        path = argv[0] if argv[0].startswith("/") else str(REPO / argv[0])
        run = subprocess.run([sys.executable, "-m", "writeback_doctor", path], cwd=cwd,
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == status, run.stderr
        assert "Traceback" not in run.stderr
