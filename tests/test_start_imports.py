"""A start does only what its input needs: with the rule set already validated (cached, or shipped
in the wheel) and a valid facts document, neither jsonschema (about a third of the libraries'
import time) nor tabulate (a report without findings has no table) is imported. Counted by the
modules a run leaves loaded, never by time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROBE = """
import io, json, sys
from writeback_doctor import cli
out, sys.stdout = sys.stdout, io.StringIO()
status = cli.main(sys.argv[1:])
sys.stdout = out
print(json.dumps({"status": status, "loaded": sorted(m for m in ("jsonschema", "tabulate") if m in sys.modules)}))
"""


def start(tmp_path: Path, *argv: str) -> dict:
    env = {**os.environ, "WRITEBACK_DOCTOR_CACHE": str(tmp_path / "cache"), "COLUMNS": "200"}
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_a_healthy_diagnosis_with_validated_rules_imports_neither_jsonschema_nor_tabulate(tmp_path: Path):
    healthy = str(REPO / "examples" / "healthy-hybrid.json")
    assert start(tmp_path, healthy)["status"] == 0  # an empty cache: the rule files are validated, then cached
    assert start(tmp_path, healthy) == {"status": 0, "loaded": []}


def test_what_needs_them_still_imports_them(tmp_path: Path):
    start(tmp_path, str(REPO / "examples" / "healthy-hybrid.json"))
    # a finding is a table on a wide terminal
    assert start(tmp_path, str(REPO / "examples" / "sspr-off.json")) == {"status": 1, "loaded": ["tabulate"]}
    # an invalid document is worded by jsonschema
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"tenant": {"sspr_enabled": "yes"}}), encoding="utf-8")
    assert start(tmp_path, str(bad)) == {"status": 2, "loaded": ["jsonschema"]}
