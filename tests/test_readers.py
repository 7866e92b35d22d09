"""Issue X: every export as admins make it is read by its content (CSV, Format-List, Format-Table, JSON cut at
depth 2, legacy code pages), one unreadable file never hides the rest, and the importer false positives of the
expert review (§8 L4-L7) are gone."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests.helpers import lookup
from writeback_doctor.cli import main
from writeback_doctor.sources import ps_pre2000_group, server_info, values
from writeback_doctor.sources.merge import collect

EXPORTS = Path(__file__).resolve().parent / "fixtures" / "exports"
SERVER = EXPORTS / "collectors" / "connect-server"


def facts_of(*paths: Path) -> dict:
    return collect([str(p) for p in paths]).facts


def events(facts: dict) -> dict[int, dict]:
    return {e["id"]: e for e in facts["event_log"]["events"]}


# ---------------------------------------------------------------- shapes

TEXT_EXPORTS = [
    # (file, kind, fact path, value)
    ("export-csv/get-winevent-windows-powershell-5.1-de-DE.csv", "Get-WinEvent", "network.servicebus_namespace",
     "ssprdedicatedsbprodfra-1.servicebus.windows.net"),
    ("export-csv/get-winevent-powershell-7-en-US.csv", "Get-WinEvent", "network.servicebus_namespace",
     "ssprdedicatedsbprodncu.servicebus.windows.net"),
    ("format-list/get-adsyncscheduler-windows-powershell-5.1.txt", "powershell-Get-ADSyncScheduler", "connect.staging_mode", True),
    ("format-list/get-addefaultdomainpasswordpolicy-pasted.txt", "powershell-Get-ADDefaultDomainPasswordPolicy",
     "password_policy.minimum_age_days", 0),
    ("format-list/get-adfinegrainedpasswordpolicy-windows-powershell-5.1.txt", "powershell-Get-ADFineGrainedPasswordPolicy",
     "password_policy.fine_grained_minimum_age_days", "<absent>"),
    ("format-list/get-winevent-windows-powershell-5.1.txt", "Get-WinEvent", "network.servicebus_namespace",
     "ssprdedicatedsbprodweu-2.servicebus.windows.net"),
    ("format-list/test-netconnection-pasted.txt", "powershell-Test-NetConnection", "network.servicebus_https", False),
    ("format-list/win32-computersystem.txt", "powershell-Win32_ComputerSystem", "server.is_domain_controller", True),
    ("format-list/get-adgroup-pre-windows-2000-members.txt", "powershell-Get-ADGroupMember-Pre-Windows-2000",
     "ad.pre_windows_2000_access_hardened", False),
    ("format-table/get-winevent-windows-powershell-5.1.txt", "Get-WinEvent", "network.servicebus_namespace",
     "ssprdedicatedsbprodweu-2.servicebus.windows.net"),
    ("format-table/win32-computersystem-powershell-7.txt", "powershell-Win32_ComputerSystem", "server.is_domain_controller", False),
    ("entra-users-download/exportUsers_2024-6-1.csv", "entra-admin-center-users-download", "tenant.has_synced_users", "<absent>"),
    ("entra-users-download/exportUsers-with-directorySynced.csv", "entra-admin-center-users-download",
     "tenant.has_synced_users", True),
    ("convertto-json-depth-2/get-mgsubscribedsku-powershell-7.json", "graph-subscribedSkus", "tenant.premium_licenses_assigned", 2),
    ("convertto-json-depth-2/get-mgsubscribedsku-windows-powershell-5.1.json", "graph-subscribedSkus",
     "tenant.premium_licenses_assigned", 2),
    ("legacy-code-pages/get-adfinegrainedpasswordpolicy-set-content-cp1252.txt", "powershell-Get-ADFineGrainedPasswordPolicy",
     "password_policy.fine_grained_minimum_age_days", 0),
    ("legacy-code-pages/get-adsyncscheduler-console-cp437.txt", "powershell-Get-ADSyncScheduler", "connect.staging_mode", False),
    ("legacy-code-pages/get-winevent-export-csv-encoding-default-cp1250.csv", "Get-WinEvent", "network.servicebus_namespace",
     "ssprdedicatedsbprodplc-1.servicebus.windows.net"),
    ("legacy-code-pages/get-winevent-export-csv-encoding-default-cp1251.csv", "Get-WinEvent", "network.servicebus_namespace",
     "ssprdedicatedsbprodneu-3.servicebus.windows.net"),
    ("legacy-code-pages/get-winevent-format-list-console-cp850.txt", "Get-WinEvent", "event_log.events", "<present>"),
    ("legacy-code-pages/get-winevent-format-list-console-cp866.txt", "Get-WinEvent", "event_log.events", "<present>"),
]


@pytest.mark.parametrize("name, kind, path, value", TEXT_EXPORTS)
def test_each_text_export_is_recognised_by_content_whatever_its_name(tmp_path, name, kind, path, value):
    renamed = tmp_path / "export"                      # no extension: the content decides
    shutil.copyfile(EXPORTS / name, renamed)
    collected = collect([str(renamed)])
    assert collected.kinds[str(renamed)].startswith(kind)
    found = lookup(collected.facts, path)
    assert found != "<absent>" if value == "<present>" else found == value
    assert collected.refused == () and collected.conflicts == ()


def test_every_text_fixture_folder_cites_its_source():
    for folder in {name.split("/")[0] for name, *_ in TEXT_EXPORTS}:
        readme = (EXPORTS / folder / "README.md").read_text(encoding="utf-8")
        assert "https://learn.microsoft.com/" in readme, folder
    listed = {name for name, *_ in TEXT_EXPORTS}
    on_disk = {f"{p.parent.name}/{p.name}" for folder in {n.split("/")[0] for n in listed}
               for p in (EXPORTS / folder).iterdir() if p.name != "README.md"}
    assert on_disk == listed  # every fixture is read by a test


def test_fixture_bytes_are_as_the_cmdlets_write_them():
    read = lambda name: (EXPORTS / name).read_bytes()  # noqa: E731
    assert read("format-list/get-adsyncscheduler-windows-powershell-5.1.txt").startswith(b"\xff\xfe")   # 5.1 >: UTF-16 LE
    assert read("entra-users-download/exportUsers_2024-6-1.csv").startswith(b"\xef\xbb\xbf")            # UTF-8 with BOM
    assert read("export-csv/get-winevent-windows-powershell-5.1-de-DE.csv").startswith(b'#TYPE System.Diagnostics')
    assert b'"\r\n"' not in read("export-csv/get-winevent-powershell-7-en-US.csv")[:40]                 # no #TYPE in 7
    text = read("convertto-json-depth-2/get-mgsubscribedsku-windows-powershell-5.1.json").decode("utf-16")
    assert '"ConsumedUnits":  2' in text and "\\u0027" in text                                           # 5.1's layout


def test_export_csv_keeps_crlf_inside_quoted_cells_and_reads_localized_levels():
    found = events(facts_of(EXPORTS / "export-csv/get-winevent-windows-powershell-5.1-de-DE.csv"))
    assert "\r\n" in found[6329]["message"] and "Jürgen.Müller" in found[6329]["message"]
    assert found[6329]["level"] == "Error" and found[31019]["level"] == "Information"   # "Fehler", "Informationen"
    assert found[6329]["detail"] == "access-denied" and found[6329]["time"] == "2024-06-01T14:03:00Z"


def test_dates_in_the_locales_format():
    order, note = values.date_order(["6/13/2024 2:05:00 PM", "6/1/2024 1:00:00 PM"])
    assert order == values.MONTH_FIRST and note is None
    assert values.local_date("6/13/2024 2:05:00 PM", "$", order) == datetime(2024, 6, 13, 14, 5, tzinfo=timezone.utc)
    assert values.local_date("01.06.2024 14:03:00", "$", values.DAY_FIRST) == datetime(2024, 6, 1, 14, 3, tzinfo=timezone.utc)
    assert values.local_date("2024/06/01 9:00:00", "$", values.YEAR_FIRST).month == 6
    assert values.local_date("2024. 06. 01. 9:00:00", "$", values.DAY_FIRST).day == 1                  # hu-HU
    assert values.local_date("2024-06-01 오후 1:00:00", "$", values.DAY_FIRST).hour == 13                 # ko-KR
    assert values.date_order(["01/06/2024 10:00:00"])[0] == values.DAY_FIRST                          # en-GB, fr-FR


@pytest.mark.parametrize("name, words, page", [
    ("legacy-code-pages/get-adfinegrainedpasswordpolicy-set-content-cp1252.txt", "Kennwortrichtlinie für Dienstkonten", "1252"),
    ("legacy-code-pages/get-winevent-export-csv-encoding-default-cp1250.csv", "Łukasz Żółć", "1250"),
    ("legacy-code-pages/get-winevent-export-csv-encoding-default-cp1251.csv", "КОНТОРА\\Иванов", "1251"),
    ("legacy-code-pages/get-winevent-format-list-console-cp866.txt", "КОНТОРА\\Иванов", "866"),
    ("legacy-code-pages/get-winevent-format-list-console-cp850.txt", "Büro Köln", "850"),
])
def test_legacy_code_pages_are_read_and_named(name, words, page, capsys):
    collected = collect([str(EXPORTS / name)])
    text = (json.dumps(collected.facts, ensure_ascii=False) + " ".join(collected.file_notes)
            + " ".join(s.location for sources in collected.provenance.values() for s in sources))
    assert words.replace("\\", "\\\\") in text or words in text
    assert any("read as" in n and page in n for n in collected.file_notes)


def test_a_localized_access_denied_message_is_read_by_provider_id_and_code():
    for name in ("legacy-code-pages/get-winevent-export-csv-encoding-default-cp1251.csv",
                 "legacy-code-pages/get-winevent-format-list-console-cp866.txt"):
        found = events(facts_of(EXPORTS / name))
        assert found[6329]["detail"] == "access-denied" and found[6329]["code"] == "0x80070005"


def test_format_table_names_the_cut_messages():
    collected = collect([str(EXPORTS / "format-table/get-winevent-windows-powershell-5.1.txt")])
    assert {e["id"] for e in collected.facts["event_log"]["events"]} == {32002, 31019, 6329}
    assert any("Format-Table cut 2 value(s)" in n for n in collected.file_notes)


def test_depth_2_names_what_was_lost_and_reads_what_is_intact():
    collected = collect([str(EXPORTS / "convertto-json-depth-2/get-mgsubscribedsku-powershell-7.json")])
    assert collected.facts["tenant"] == {"assigned_licenses": 3, "premium_licenses_assigned": 2}
    assert any("written as type names" in n and "-Depth 5" in n for n in collected.file_notes)


# ---------------------------------------------------------------- refused and skipped files

def test_one_unreadable_file_never_hides_the_rest_in_every_format(tmp_path, capsys):
    folder = tmp_path / "collected"
    shutil.copytree(SERVER, folder)
    (folder / "connectors.json").write_text('{"Identifier": "x", "Name": ', encoding="utf-8")   # cut short
    for fmt, top in (("json", '{\n  "refused"'), ("markdown", "# "), ("html", "<!DOCTYPE html>"), ("table", "")):
        status = main([str(folder), "--format", fmt])
        captured = capsys.readouterr()
        assert status == 1, (fmt, captured.err)
        assert f"{folder / 'connectors.json'}: refused: " in captured.err and "not valid JSON" in captured.err
        assert captured.out.startswith(top)
        named, first_finding = captured.out.find("connectors.json"), captured.out.find("minimum-password-age")
        assert 0 <= named < first_finding, fmt   # named at the top, before any finding
    main([str(folder), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert list(report)[0] == "refused" and "not valid JSON" in report["refused"][0]["reason"]


def test_a_report_built_without_a_refused_file_never_exits_0(tmp_path, capsys):
    good = tmp_path / "facts.json"
    good.write_text((Path(__file__).resolve().parent.parent / "examples" / "healthy-hybrid.json").read_text(encoding="utf-8"))
    assert main([str(good)]) == 0
    broken = tmp_path / "scheduler.txt"
    broken.write_bytes(b'{"StagingModeEnabled": maybe}')
    capsys.readouterr()
    assert main([str(good), str(broken)]) == 4
    assert f"{broken}: refused: " in capsys.readouterr().err


def test_exit_2_only_when_nothing_was_usable(tmp_path, capsys):
    broken = tmp_path / "a.json"
    broken.write_text("{", encoding="utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text("2024-06-01 10:40:09Z events.json: FAILED: access denied\r\n", encoding="utf-8")
    assert main([str(broken), str(notes)]) == 2
    err = capsys.readouterr().err
    assert "no export or facts file could be used" in err and "not valid JSON" in err and "Traceback" not in err


def test_a_file_list_with_the_collectors_notes_and_a_script_does_not_abort(tmp_path, capsys):
    folder = tmp_path / "collected"
    shutil.copytree(SERVER, folder)
    (folder / "connect-server.ps1").write_text("#Requires -Version 5.1\nparam([string]$OutputFolder)\n", encoding="utf-8")
    (folder / "README.md").write_text("# What I collected\n\nThe server is AADC01.\n", encoding="utf-8")
    files = sorted(str(p) for p in folder.iterdir())      # what the shell makes of diagnose folder/*
    status = main(files + ["--format", "json"])
    err = capsys.readouterr().err
    assert status == 1, err
    for name in ("notes.txt", "connect-server.ps1", "README.md"):
        assert f"{folder / name}: skipped: not an export" in err
    assert "refused" not in err


# ---------------------------------------------------------------- importer false positives (expert review §8)

def test_guests_and_disabled_accounts_are_not_users_in_scope(tmp_path):
    data = json.loads((EXPORTS / "users" / "graph.json").read_text(encoding="utf-8"))
    data["value"] += [
        {"userPrincipalName": "partner_fabrikam.com#EXT#@contoso.onmicrosoft.com", "onPremisesSyncEnabled": None,
         "assignedLicenses": []},
        {"userPrincipalName": "guest@contoso.onmicrosoft.com", "userType": "Guest", "onPremisesSyncEnabled": None,
         "assignedLicenses": [], "accountEnabled": True},
        {"userPrincipalName": "svc-backup@contoso.com", "onPremisesSyncEnabled": True, "assignedLicenses": [],
         "userType": "Member", "accountEnabled": False}]
    users = tmp_path / "users.json"
    users.write_text(json.dumps(data))
    collected = collect([str(users), str(EXPORTS / "subscribedskus" / "graph.json")])
    names = {u["name"] for u in collected.facts["users"]}
    assert not names & {"partner_fabrikam.com#EXT#@contoso.onmicrosoft.com", "guest@contoso.onmicrosoft.com",
                        "svc-backup@contoso.com"}
    assert any("2 account(s) left out, a B2B guest" in n for n in collected.file_notes)
    assert any("1 account(s) left out, a disabled account" in n for n in collected.file_notes)


@pytest.mark.parametrize("member, hardened", [
    ({"name": "Everyone", "SID": {"Value": "S-1-1-0"}}, False),
    ({"name": "MSOL_1a2b3c4d5e6f", "SamAccountName": "MSOL_1a2b3c4d5e6f", "SID": {"Value": "S-1-5-21-1-2-3-1601"}}, False),
    ({"name": "AADCONNECT01", "SID": {"Value": "S-1-5-21-1-2-3-1105"}}, True),
])
def test_pre_windows_2000_counts_everyone_and_the_connector_account(tmp_path, member, hardened):
    data = {"Group": "Pre-Windows 2000 Compatible Access", "GroupSid": "S-1-5-32-554", "Members": [member]}
    (tmp_path / "pre2000.json").write_text(json.dumps(data))
    assert facts_of(tmp_path / "pre2000.json")["ad"]["pre_windows_2000_access_hardened"] is hardened


def test_pre_windows_2000_with_a_group_of_the_connector_account_is_not_hardened(tmp_path):
    """A connector account of any name counts when it, or a group it is in, is a member (connectoraccount.json's SIDs)."""
    account = json.loads((SERVER / "connectoraccount.json").read_text(encoding="utf-8-sig"))
    member = {"name": "AADC service accounts", "SID": {"Value": account["GroupSids"][0]}}
    data = {"Group": "Pre-Windows 2000 Compatible Access", "GroupSid": "S-1-5-32-554", "Members": [member]}
    (tmp_path / "pre2000.json").write_text(json.dumps(data))
    alone = collect([str(tmp_path / "pre2000.json")])
    assert alone.facts["ad"]["pre_windows_2000_access_hardened"] is True
    both = collect([str(tmp_path / "pre2000.json"), str(SERVER / "connectoraccount.json")])
    assert both.facts["ad"]["pre_windows_2000_access_hardened"] is False
    assert {s.kind for s in both.provenance["ad.pre_windows_2000_access_hardened"]} == {
        "collector-connector-account", ps_pre2000_group.KIND}


SCHANNEL = "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\"


@pytest.mark.parametrize("value", [-1, 4294967295, "0xffffffff", 1])
def test_schannel_enabled_0xffffffff_is_enabled(value):
    rows = [{"Path": SCHANNEL + side, "Name": name, "Value": value if name == "Enabled" else 0}
            for side in ("Server", "Client") for name in ("Enabled", "DisabledByDefault")]
    parts, notes = server_info.tls12_parts(rows)
    assert parts == {"os": True, "dotnet": None} and len(notes) == 1 and "server.tls12_dotnet_enabled" in notes[0]
    rows[0]["Value"] = 0
    assert server_info.tls12_parts(rows)[0]["os"] is False and server_info.tls12_enabled(rows)[0] is False


def test_client_rows_alone_leave_the_os_part_undecided():
    """Expectation changed (issue S point 5): two SCHANNEL Client rows used to read as 'TLS 1.2 enabled'; the Server
    key's values are not in such an export, so the OS part (and TLS 1.2 as a whole) is undecided, never healthy."""
    rows = [{"Path": SCHANNEL + "Client", "Name": "Enabled", "Value": 1},
            {"Path": SCHANNEL + "Client", "Name": "DisabledByDefault", "Value": 0}]
    assert server_info.tls12_parts(rows)[0] == {"os": None, "dotnet": None}
    assert server_info.tls12_enabled(rows)[0] is None


# ---------------------------------------------------------------- cases decided before running

CASES = EXPORTS / "cases"
VERDICTS = json.loads((CASES / "verdicts.json").read_text(encoding="utf-8"))


def test_every_case_folder_has_a_verdict():
    assert {p.name for p in CASES.iterdir() if p.is_dir()} == set(VERDICTS)


@pytest.mark.parametrize("case", sorted(VERDICTS))
def test_each_case_diagnoses_as_decided(case, capsys):
    verdict = VERDICTS[case]
    status = main([str(CASES / case), "--format", "json"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    if "exit" in verdict:
        assert status == verdict["exit"], captured.err
    if status == 2:
        return
    report = json.loads(captured.out)
    found = [(d["id"], d["finding"]) for d in report["diagnoses"]]
    for rule, finding in verdict.get("findings", []):
        assert any(i == rule and finding in (None, f) for i, f in found), (rule, finding, found)
    for rule, finding in verdict.get("not_findings", []):
        assert (rule, finding) not in found, (rule, finding)
    for rule in verdict.get("passed", []):
        assert rule in report["passed"], rule
    assert len(report.get("refused", [])) == verdict.get("refused", 0), report.get("refused")


def test_a_member_list_cut_by_format_list_never_says_hardened(tmp_path):
    """Format-List shows 4 members, then '...': 'no Authenticated Users among them' is not 'none'."""
    cut = tmp_path / "group.txt"
    cut.write_text("Members : {CN=AADC01,OU=Servers,DC=contoso,DC=com, CN=X,OU=S,DC=contoso,DC=com, CN=Y,DC=contoso,DC=com, "
                   "CN=Z,DC=contoso,DC=com...}\nName    : Pre-Windows 2000 Compatible Access\nSID     : S-1-5-32-554\n",
                   encoding="utf-8")
    collected = collect([str(cut)])
    assert "ad" not in collected.facts and any("member list was cut" in n for n in collected.file_notes)


def test_a_refused_file_name_longer_than_the_line_is_never_cut(tmp_path, capsys):
    """A refused file's name is copied back by the reader: on a narrow terminal it overruns the line
    rather than being split in the middle of a folder's name (the split made the file name unfindable)."""
    folder = tmp_path / ("a-folder-name-long-enough-to-pass-the-terminal-width-" * 2) / "collected"
    shutil.copytree(SERVER, folder)
    (folder / "connectors.json").write_text('{"Identifier": "x", "Name": ', encoding="utf-8")
    main([str(folder), "--format", "table"])
    out = capsys.readouterr().out
    assert f"\n  {folder / 'connectors.json'}:" in out
