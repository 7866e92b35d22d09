"""The tree is the package: a built wheel carries the engine, the rules and the fact schema
inside ``writeback_doctor``, and ``python -m writeback_doctor`` runs from anywhere."""

from __future__ import annotations

import json
import os
import shutil
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


def test_wheel_ships_the_app_with_its_knowledge_base_and_the_engine_under_its_own_name(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/")[0] for name in names}
    assert top == {"writeback_doctor", "expert_engine", wheel.name.split("-")[0] + "-" + wheel.name.split("-")[1] + ".dist-info"}
    assert "writeback_doctor/facts_schema.json" in names
    assert "expert_engine/rule_schema.json" in names
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


# ------------------------------------------------------------------ the rule set validated at build time

SHIPPED = "writeback_doctor/validated-rules.json"
EDITED_TITLE = "Self-service password reset, as edited after the build"


def extracted(wheel: Path, where: Path) -> Path:
    site = where / "site"
    zipfile.ZipFile(wheel).extractall(site)
    return site


def run_installed(site: Path, cache: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """``python -m writeback_doctor ARGV`` from the extracted wheel, outside the tree, with its own rule cache folder."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"PYTHONPATH": str(site), "WRITEBACK_DOCTOR_CACHE": str(cache)}
    return subprocess.run([sys.executable, *argv], cwd=site.parent, env=env, capture_output=True, text=True, timeout=120)


def sspr_title(run: subprocess.CompletedProcess[str]) -> str:
    assert run.returncode == 1, run.stderr
    (diagnosis,) = [d for d in json.loads(run.stdout)["diagnoses"] if d["id"] == "sspr-enabled"]
    return str(diagnosis["title"])


def edit_sspr_title(rules: Path) -> None:
    path = rules / "setup" / "sspr-enabled.yaml"
    old = "  en: Self-service password reset is enabled for the users who test it\n"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, f"  en: {EDITED_TITLE}\n"), encoding="utf-8")


def test_the_wheel_ships_the_rules_validated_under_the_key_of_their_bytes(wheel: Path) -> None:
    from expert_engine.loader import FRAME_FILE
    from expert_engine.startup.keys import cache_key

    entry = json.loads(zipfile.ZipFile(wheel).read(SHIPPED))
    rules = REPO / "rules"
    files = [rules / FRAME_FILE] + sorted(p for p in rules.rglob("*.yaml") if p.name != FRAME_FILE)
    assert entry["key"] == cache_key(rules, files)
    assert len(entry["documents"]) == len(files) - 1
    assert {d["rule"]["id"] for d in entry["documents"]} == {p.stem for p in files[1:]}


def test_a_first_run_of_the_installed_wheel_validates_no_rule_file(wheel: Path, tmp_path: Path) -> None:
    site, cache = extracted(wheel, tmp_path), tmp_path / "cache"
    # validating a rule file now fails loudly: the rules must come from the shipped, validated set
    probe = ("import expert_engine.loader as loader\n"
             "def refuse(*args): raise SystemExit('validated a rule file: ' + str(args[0]))\n"
             "loader._load_rule_document = refuse\n"
             "from writeback_doctor.knowledge import load_knowledge\n"
             "result = load_knowledge()\n"
             "print(len(result.ruleset.rules), len(result.problems))\n")
    done = run_installed(site, cache, "-c", probe)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(len(list((REPO / "rules").rglob("*.yaml"))) - 1), "0"]
    assert sspr_title(run_installed(site, cache, "-m", "writeback_doctor", str(REPO / "examples" / "sspr-off.json"),
                                    "--format", "json")) == "Self-service password reset is enabled for the users who test it"
    assert not cache.exists()  # nothing was validated, so nothing was cached


def test_a_rule_edited_in_an_installed_copy_is_validated_and_served_as_edited(wheel: Path, tmp_path: Path) -> None:
    site, cache = extracted(wheel, tmp_path), tmp_path / "cache"
    edit_sspr_title(site / "writeback_doctor" / "rules")
    done = run_installed(site, cache, "-m", "writeback_doctor", str(REPO / "examples" / "sspr-off.json"), "--format", "json")
    assert sspr_title(done) == EDITED_TITLE
    assert len(list(cache.glob("rules-*.json"))) == 1  # validated, then remembered in the user's cache


def test_a_checkout_never_serves_a_validated_rule_set_in_place_of_its_edited_rules(wheel: Path, tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    for part in ("engine", "rules", "writeback_doctor"):
        shutil.copytree(REPO / part, checkout / part, ignore=shutil.ignore_patterns("__pycache__"))
    for part in ("pyproject.toml", "facts_schema.json"):
        shutil.copy(REPO / part, checkout / part)
    # the wheel's validated set (made for the unedited rules) where an installed package keeps it
    (checkout / SHIPPED).write_bytes(zipfile.ZipFile(wheel).read(SHIPPED))
    edit_sspr_title(checkout / "rules")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"WRITEBACK_DOCTOR_CACHE": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "writeback_doctor", str(REPO / "examples" / "sspr-off.json"), "--format", "json"],
                          cwd=checkout, env=env, capture_output=True, text=True, timeout=120)
    assert sspr_title(done) == EDITED_TITLE


# ------------------------------------------------------------------ the YAML data parsed at build time

LOADED = """
import io, json, sys
from writeback_doctor import cli
out, sys.stdout = sys.stdout, io.StringIO()
status = cli.main(sys.argv[1:])
report, sys.stdout = sys.stdout.getvalue(), out
print(json.dumps({"status": status, "title": report.splitlines()[0],
                  "loaded": sorted(m for m in ("yaml", "jsonschema", "tabulate") if m in sys.modules)}))
"""


def test_the_wheel_ships_its_yaml_data_parsed_under_the_hash_of_each_file(wheel: Path) -> None:
    import hashlib

    import yaml

    bundle = json.loads(zipfile.ZipFile(wheel).read("writeback_doctor/yaml-data.json"))
    assert {"messages/layout.yaml", "answered_at.yaml", "rules/ruleset.yaml"} <= set(bundle)
    for name, entry in bundle.items():
        source = REPO / name if name.startswith("rules/") else REPO / "writeback_doctor" / name
        raw = source.read_bytes()
        assert entry == {"sha256": hashlib.sha256(raw).hexdigest(), "data": yaml.safe_load(raw)}, name
        # in the order it was written too (== on dicts ignores order; a reader iterates it: answered_at's collectors)
        assert json.dumps(entry["data"], ensure_ascii=False) == json.dumps(yaml.safe_load(raw), ensure_ascii=False), name


def test_a_start_of_the_installed_wheel_parses_no_yaml(wheel: Path, tmp_path: Path) -> None:
    site, cache = extracted(wheel, tmp_path), tmp_path / "cache"
    for example in ("healthy-hybrid", "nearly-empty"):  # nothing undecided; everything undecided (questions, places)
        done = run_installed(site, cache, "-c", LOADED, str(REPO / "examples" / f"{example}.json"))
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout) == {"status": 0 if example == "healthy-hybrid" else 4,
                                           "title": "Password writeback diagnosis", "loaded": []}


def test_a_yaml_file_edited_in_an_installed_copy_is_parsed_and_served_as_edited(wheel: Path, tmp_path: Path) -> None:
    site, cache = extracted(wheel, tmp_path), tmp_path / "cache"
    words = site / "writeback_doctor" / "messages" / "report.yaml"
    text = words.read_text(encoding="utf-8")
    assert text.count("Password writeback diagnosis") == 1
    words.write_text(text.replace("Password writeback diagnosis", "Writeback diagnosis, edited"), encoding="utf-8")
    done = run_installed(site, cache, "-c", LOADED, str(REPO / "examples" / "healthy-hybrid.json"))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"status": 0, "title": "Writeback diagnosis, edited", "loaded": ["yaml"]}
