"""The Entra audit log importer: Graph, PowerShell and admin-center JSON give the same entries; symptoms follow."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import shipped
from writeback_doctor.diagnosis import diagnose
from writeback_doctor.sources import audit_log

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "exports" / "directoryaudits"


def read(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def test_every_documented_shape_is_recognised():
    for name in ("graph-response.json", "get-mgauditlogdirectoryaudit.json", "admin-center-download.json"):
        assert audit_log.recognise(read(name)), name
    assert not audit_log.recognise({"value": [{"id": "x"}]})


def test_a_graph_response_gives_the_password_activities_with_their_failure_reason():
    ((path, entries, _),) = audit_log.extract(read("graph-response.json"))
    assert path == "audit_log.entries"
    assert entries == [{"activity": "Reset password (self-service)", "id": "SSPR_9f1c2b7e-0c4d-4e51-9a57-2d6b6b1f0a11_20260605091512",
                        "service": "Self-service Password Management", "result": "failure",
                        "result_reason": "OnPremisesAdminActionRequired", "failure_reason": "OnPremisesAdminActionRequired",
                        "user": "alexw@contoso.com", "time": "2026-06-05T09:15:12.4471234Z"}]


def test_powershell_pascal_case_and_the_admin_center_download_read_the_same():
    ((_, ps, _),) = audit_log.extract(read("get-mgauditlogdirectoryaudit.json"))
    assert ps[0]["failure_reason"] == "OnPremisesConnectivityError" and ps[0]["user"] == "alexw@contoso.com"
    ((_, center, _),) = audit_log.extract(read("admin-center-download.json"))
    assert [e["activity"] for e in center] == ["Change password (self-service)", "Reset password (by admin)"]
    assert center[1]["on_premises_agent"] == "entra-connect" and center[1]["failure_reason"] == "none"


def test_the_audit_failure_makes_the_same_suspects_as_the_code_the_user_saw():
    ((_, entries, _),) = audit_log.extract(read("graph-response.json"))
    report = diagnose(shipped(), {"audit_log": {"entries": entries}}).to_json()
    (entry,) = report["suspects"]
    assert entry["observation"] == "OnPremisesAdminActionRequired"
    assert "remote-sam-allows-connector" in {s["id"] for s in entry["consistent_with"]}


def test_diagnose_reads_the_export_file(tmp_path):
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-m", "writeback_doctor", str(FIXTURES / "get-mgauditlogdirectoryaudit.json"),
                           "--format", "json"], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode in (1, 4), done.stderr
    report = json.loads(done.stdout)
    assert report["suspects"][0]["observation"] == "OnPremisesConnectivityError"
