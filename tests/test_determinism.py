"""Same facts, same bytes: whatever the hash seed, the key order of the facts, or the order
in which the file system lists rule files and batch inputs. Run through real processes of
the installed ``diagnose`` (``python -m writeback_doctor.cli``), the way a user runs it."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterator

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SEEDS = ("0", "1", "4242")


def diagnose(*argv: str, seed: str = "0", cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "writeback_doctor.cli", *argv], capture_output=True,
                          env=env, cwd=cwd, timeout=120)


def shuffled(value: Any, rng: random.Random) -> Any:
    """The same JSON value with every object's keys in a random order (array order is data: kept)."""
    if isinstance(value, dict):
        keys = list(value)
        rng.shuffle(keys)
        return {k: shuffled(value[k], rng) for k in keys}
    if isinstance(value, list):
        return [shuffled(v, rng) for v in value]
    return value


def without_provenance(value: Any) -> Any:
    """A report without the fact sources (lists under "source"; a rule's "source" URL stays)."""
    if isinstance(value, dict):
        return {k: without_provenance(v) for k, v in value.items() if not (k == "source" and isinstance(v, list))}
    if isinstance(value, list):
        return [without_provenance(v) for v in value]
    return value


def without_input_hashes(output: bytes) -> bytes:
    """A report without its inputs' hashes (``metadata``): files with other bytes rightly hash differently."""
    if output.startswith(b"{"):
        report = json.loads(output)
        report["metadata"]["inputs"] = [{"name": i["name"]} for i in report["metadata"]["inputs"]]
        return json.dumps(report).encode()
    return b"\n".join(line for line in output.splitlines() if not line.startswith(b"input "))


def example_with_diagnoses() -> Path:
    """A shipped example that has diagnoses and unknowns, so that ordering matters."""
    return EXAMPLES / "hybrid-office365-only.json"


@pytest.mark.parametrize("fmt, lang", [("json", "en"), ("markdown", "uk")])
def test_output_is_byte_identical_under_different_hash_seeds(fmt, lang):
    runs = [diagnose(str(example_with_diagnoses()), "--format", fmt, "--lang", lang, seed=seed) for seed in SEEDS]
    assert runs[0].returncode in (0, 1), runs[0].stderr.decode()
    assert all(r.stdout == runs[0].stdout and r.returncode == runs[0].returncode for r in runs)
    assert runs[0].stdout


def test_output_does_not_depend_on_the_key_order_of_the_facts(tmp_path):
    """Evidence echoes fact values (the users array, say): their keys come out in one order too."""
    facts = json.loads(example_with_diagnoses().read_text(encoding="utf-8"))
    outputs = set()
    for n in range(3):
        folder = tmp_path / f"shuffled-{n}"  # the same file name: provenance names the file
        folder.mkdir()
        (folder / "facts.json").write_text(json.dumps(shuffled(facts, random.Random(n))), encoding="utf-8")
        for fmt in ("json", "table"):
            run = diagnose("facts.json", "--format", fmt, "--explain", seed=str(n + 7), cwd=folder)
            assert run.returncode == 1, run.stderr.decode()
            outputs.add((fmt, without_input_hashes(run.stdout)))
    assert len(outputs) == 2


def _copy_in_order(source: Path, target: Path, reverse: bool) -> None:
    """Copy a tree creating its files in (reversed) sorted order, so the directory lists differently."""
    files = sorted(p for p in source.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for file in (reversed(files) if reverse else files):
        destination = target / file.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file, destination)


@pytest.fixture
def listed_differently(tmp_path: Path) -> Iterator[Path]:
    """Where copies made in another order also list in another order: tmpfs (``/dev/shm``) lists a folder's newest
    file first, while ext4 lists by a hash of the name, whatever the order the files were made in. Removed after."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="writeback-doctor-order-", dir=shm))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_output_does_not_depend_on_the_order_rule_files_are_listed(listed_differently):
    outputs = []
    where = listed_differently
    for n, reverse in enumerate((False, True)):
        rules = where / f"rules-{n}"
        _copy_in_order(REPO / "rules", rules, reverse)
        run = diagnose(str(example_with_diagnoses()), "--format", "json", "--rules", str(rules), seed=str(n))
        assert run.returncode in (0, 1), run.stderr.decode()
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1]


SYMPTOMS = {
    "symptom": {"error_code": "SSPR_0029", "step": "reset", "where": "sspr-portal", "affected": "some-users",
                "since": "2026-06-01", "changes": [{"date": "2026-05-30", "kind": "tls-hardening"}, {"kind": "gpo"}]},
    "audit_log": {"entries": [
        {"activity": "Reset password (self-service)", "result": "failure", "failure_reason": "OnPremisesAdminActionRequired",
         "user": "a@contoso.com", "time": "2026-06-01T10:00:00Z"},
        {"time": "2026-06-01T12:00:00Z", "user": "c@contoso.com", "result_reason": "Something odd", "failure_reason": "other",
         "result": "failure", "activity": "Change password (self-service)"}]},
    "server": {"is_domain_controller": False},
}
"""What the user saw, the audit log and what changed (issue 24): suspects, what is ruled out, what is unexplained,
and questions ordered by how well they split the suspects. A change's date comes before its kind, as a facts file
may write it."""


def test_symptom_sections_do_not_depend_on_key_order_hash_seed_or_rule_file_order(tmp_path, listed_differently):
    where = listed_differently
    outputs = set()
    for n in range(3):
        folder = tmp_path / f"shuffled-{n}"  # the same file name: provenance names the file
        folder.mkdir()
        (folder / "facts.json").write_text(json.dumps(shuffled(SYMPTOMS, random.Random(n))), encoding="utf-8")
        rules = where / f"symptom-rules-{n}"
        _copy_in_order(REPO / "rules", rules, reverse=n == 1)
        for fmt, lang in (("json", "en"), ("table", "uk")):
            run = diagnose("facts.json", "--format", fmt, "--lang", lang, "--rules", str(rules), seed=SEEDS[n], cwd=folder)
            assert run.returncode in (1, 4), run.stderr.decode()
            outputs.add((fmt, re.sub(rb"facts\.json [0-9a-f]{12}\b", b"facts.json", without_input_hashes(run.stdout))))
    assert len(outputs) == 2
    report = json.loads(next(out for fmt, out in outputs if fmt == "json"))
    observed = [o["observation"] for o in report.get("suspects", []) + report.get("unexplained", [])]
    assert "tls-hardening" in observed and "2026-05-30" not in observed, observed  # a change is named by its kind


@pytest.mark.parametrize("line", [[], ["--full"]], ids=["compact", "full"])
def test_batch_output_does_not_depend_on_directory_listing_order_or_hash_seed(tmp_path, line):
    fleet = tmp_path / "fleet"
    fleet.mkdir()
    for example in sorted(EXAMPLES.glob("*.json")):
        (fleet / "by-site").mkdir(exist_ok=True)
        (fleet / "by-site" / example.name).write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    (fleet / "by-site" / "typo.json").write_text('{"tenat": {}}', encoding="utf-8")
    outputs = []
    for n, reverse in enumerate((False, True)):
        copy = tmp_path / f"copy-{n}"
        _copy_in_order(fleet, copy, reverse)
        run = diagnose("batch", ".", *line, seed=SEEDS[n], cwd=copy)
        assert run.returncode == 2, run.stderr.decode()  # typo.json is invalid: the worst outcome
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1]
    names = [json.loads(line).get("item") for line in outputs[0].decode().splitlines()[:-1]]
    assert names == sorted(names)


def test_batch_stdin_is_the_same_as_batch_files(tmp_path):
    example = example_with_diagnoses()
    text = json.dumps(json.loads(example.read_text(encoding="utf-8")))
    lines = {}
    for line in ([], ["--full"]):
        from_stdin = subprocess.run([sys.executable, "-m", "writeback_doctor.cli", "batch", "-", *line],
                                    input=(text + "\n").encode(), capture_output=True,
                                    env=dict(os.environ, PYTHONHASHSEED="3"), timeout=120)
        from_file = diagnose("batch", str(example), *line, seed="5")
        lines[bool(line)] = [json.loads(run.stdout.splitlines()[0]) for run in (from_stdin, from_file)]
        assert from_stdin.stdout.splitlines()[-1] == from_file.stdout.splitlines()[-1]
    (stdin_full, file_full), (stdin_line, file_line) = lines[True], lines[False]
    assert without_provenance(stdin_full["report"]) == without_provenance(file_full["report"])  # provenance names the input
    assert stdin_line.pop("item") == "<stdin>:1" and file_line.pop("item") == str(example)
    assert stdin_line == file_line  # a compact line names its input only in "item"
