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


# ---------------------------------------------------------------- the admin center's CSV download

CSV = FIXTURES.parent / "audit-log-csv" / "AuditLogs_2026-06-05.csv"


def test_the_csv_download_is_recognised_by_its_columns_and_reads_the_password_activities(tmp_path):
    from writeback_doctor.sources import audit_log_csv, registry
    from writeback_doctor.sources.reading import read_file

    data = read_file(str(CSV), CSV.name).data
    assert [kind.KIND for kind in registry.recognise_all(data)] == [audit_log_csv.KIND]
    renamed = tmp_path / "export.txt"  # by content, never by name
    renamed.write_bytes(CSV.read_bytes())
    assert registry.recognise(read_file(str(renamed), renamed.name).data) is audit_log_csv
    ((path, entries, _),) = audit_log_csv.extract(data)
    assert path == "audit_log.entries"
    assert entries == [
        {"activity": "Self-service password reset flow activity progress", "service": "Self-service Password Management",
         "result": "success", "result_reason": "User submitted a new password", "failure_reason": "other",
         "user": "alexw@contoso.com", "time": "2026-06-05T09:14:40+00:00"},
        {"activity": "Reset password (self-service)", "service": "Self-service Password Management", "result": "failure",
         "result_reason": "OnPremisesAdminActionRequired", "failure_reason": "OnPremisesAdminActionRequired",
         "user": "alexw@contoso.com", "time": "2026-06-05T09:15:12+00:00"},
        {"activity": "Reset password (by admin)", "service": "Self-service Password Management", "result": "success",
         "failure_reason": "none", "on_premises_agent": "entra-connect", "user": "diegos@contoso.com",
         "time": "2026-06-05T10:02:31+00:00"}]


def test_the_csv_and_the_json_download_of_one_failure_give_the_same_suspects():
    from writeback_doctor.sources.merge import collect

    facts = collect([str(CSV)]).facts
    report = diagnose(shipped(), facts).to_json()
    (entry,) = [s for s in report["suspects"] if s["observation"] == "OnPremisesAdminActionRequired"]
    assert "remote-sam-allows-connector" in {s["id"] for s in entry["consistent_with"]}


def test_rows_without_the_download_columns_are_not_the_csv_download():
    from writeback_doctor.sources import audit_log_csv

    assert not audit_log_csv.recognise([{"Date (UTC)": "2026-06-05T09:15:12+00:00", "Activity": "Reset password (self-service)"}])
    assert not audit_log_csv.recognise([])
    # a localized download (Spanish headers) is not this layout
    assert not audit_log_csv.recognise([{"Fecha (UTC)": "x", "Servicio": "x", "Categoría": "x", "Actividad": "x",
                                         "Resultado": "x", "Motivo del resultado": "x"}])
