"""Nothing the user gave is dropped without a word (reliability review D12): an object that
carries two exports' fields is read by both kinds, and a tested host whose name holds a
newline still gets its "not used" note, shown escaped."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

EXPORTS = Path(__file__).resolve().parent / "fixtures" / "exports"


def run_import(tmp_path: Path, document: object) -> tuple[subprocess.CompletedProcess[str], dict]:
    given = tmp_path / "export.json"
    given.write_text(json.dumps(document), encoding="utf-8")
    out = tmp_path / "facts.json"
    run = subprocess.run([sys.executable, "-m", "writeback_doctor", "import", str(given), "--out", str(out)],
                         capture_output=True, text=True, timeout=120)
    return run, (json.loads(out.read_text(encoding="utf-8")) if out.exists() else {})


def test_an_object_with_two_export_shapes_gives_the_facts_of_both(tmp_path: Path) -> None:
    domain = json.loads((EXPORTS / "get-addomain" / "powershell-7.json").read_text(encoding="utf-8-sig"))
    policy = json.loads((EXPORTS / "get-addefaultdomainpasswordpolicy" / "powershell-7.json").read_text(encoding="utf-8-sig"))
    run, facts = run_import(tmp_path, {**policy, **domain})
    assert run.returncode == 0, run.stderr
    assert "password_policy" in facts and "minimum_age_days" in facts["password_policy"]
    assert "Get-ADDomain" in run.stderr and "Get-ADDefaultDomainPasswordPolicy" in run.stderr  # the PDC note and the policy


def test_a_host_name_with_a_newline_is_noted_escaped_not_dropped(tmp_path: Path) -> None:
    tests = [{"ComputerName": "evil\nhost.example.com", "RemoteAddress": "192.0.2.1", "RemotePort": 443, "TcpTestSucceeded": True}]
    run, _ = run_import(tmp_path, tests)
    assert run.returncode == 0, run.stderr
    assert "evil\\nhost.example.com:443" in run.stderr and "not used" in run.stderr
    assert "evil\nhost" not in run.stderr
