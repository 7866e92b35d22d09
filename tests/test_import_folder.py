"""``diagnose FOLDER`` and ``diagnose import FOLDER``: a collector's folder diagnoses in one command, each file
reported with what it gave and what was skipped, and ``import`` confirms what it wrote."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from writeback_doctor.cli import main

COLLECTED = Path(__file__).resolve().parent / "fixtures" / "exports" / "collectors"
SERVER, TENANT = COLLECTED / "connect-server", COLLECTED / "tenant"
NOT_IN_EXPORTS = Path(__file__).resolve().parent / "fixtures" / "exports" / "contoso" / "not-in-exports.json"


def findings(out: str) -> list[tuple[str, str]]:
    return [(d["id"], d["finding"]) for d in json.loads(out)["diagnoses"]]


def test_the_collectors_folders_diagnose_in_one_command(capsys):
    status = main([str(SERVER), str(TENANT), "--format", "json"])
    out, err = capsys.readouterr()
    assert status == 1 and "Traceback" not in err
    found = findings(out)
    assert ("firewall-servicebus-endpoint", "servicebus-blocked") in found            # the tenant's own namespace, tested
    assert ("minimum-password-age-zero", "minimum-password-age-above-zero") in found
    assert ("license-premium-for-writeback", "synced-user-without-premium") in found   # from the tenant folder
    for file in sorted(SERVER.glob("*.json")) + sorted(TENANT.glob("*.json")):
        # eventlog.json only says the log was read: with events in events.json it adds no fact
        assert re.search(rf"{re.escape(str(file))} \(.*\): (\d+ fact\(s\)|no fact)", err), file.name
    assert f"{SERVER / 'notes.txt'}: skipped: not an export" in err


def test_each_file_says_what_it_gave(capsys):
    main([str(SERVER), "--format", "json"])
    err = capsys.readouterr().err
    assert f"{SERVER / 'scheduler.json'} (powershell-Get-ADSyncScheduler): 2 fact(s) (connect.installed, connect.staging_mode)" in err
    assert "events.json (Get-WinEvent" in err and "network.servicebus_namespace" in err


def test_import_of_a_folder_prints_a_summary_and_writes_what_diagnose_reads(tmp_path, capsys):
    out = tmp_path / "facts.json"
    status = main(["import", str(SERVER), str(TENANT), str(NOT_IN_EXPORTS), "--out", str(out)])
    _, err = capsys.readouterr()
    assert status == 0
    summary = err.strip().splitlines()[-1]
    match = re.fullmatch(r"diagnose import: (\d+) facts from (\d+) files -> (.+)", summary)
    given = len(list(SERVER.glob("*.json"))) + len(list(TENANT.glob("*.json"))) + 1   # every export, and the facts file
    assert match and match.group(2) == str(given) and match.group(3) == str(out)
    facts = json.loads(out.read_text(encoding="utf-8"))
    assert facts["network"]["servicebus_namespace"] == "ssprdedicatedsbprodncu.servicebus.windows.net"
    assert facts["connect"]["staging_mode"] is False and facts["ad"]["pre_windows_2000_access_hardened"] is False
    main([str(out), "--format", "json"])
    from_file = findings(capsys.readouterr().out)
    main([str(SERVER), str(TENANT), str(NOT_IN_EXPORTS), "--format", "json"])
    assert findings(capsys.readouterr().out) == from_file


def test_a_folder_skips_what_is_not_an_export_and_says_why(tmp_path, capsys):
    folder = tmp_path / "collected"
    shutil.copytree(SERVER, folder)
    (folder / "finegrained.json").write_bytes(b"")                       # the command returned nothing (old collector)
    (folder / "empty-utf16.json").write_bytes(b"\xff\xfe\r\x00\n\x00")   # '>' of nothing in Windows PowerShell 5.1
    (folder / "inventory.json").write_text('{"servers": ["a", "b"]}')      # some other tool's JSON
    status = main(["import", str(folder), "--out", str(tmp_path / "facts.json")])
    err = capsys.readouterr().err
    assert status == 0
    assert f"{folder / 'finegrained.json'}: skipped: empty (the command returned nothing)" in err
    assert f"{folder / 'empty-utf16.json'}: skipped: empty" in err
    assert f"{folder / 'inventory.json'}: skipped: neither a recognised export nor a facts file" in err
    assert f"facts from {len(list(SERVER.glob('*.json'))) - 1} files" in err     # all but the empty finegrained.json


def test_a_bad_field_in_a_folder_is_refused_located_and_the_rest_diagnosed(tmp_path, capsys):
    folder = tmp_path / "collected"
    shutil.copytree(SERVER, folder)
    (folder / "scheduler.json").write_text('{"StagingModeEnabled": "perhaps", "SyncCycleEnabled": true}')
    status = main([str(folder), "--format", "json"])
    captured = capsys.readouterr()
    assert status == 1  # issue X: one unreadable file never hides the rest; exit 2 only when nothing was usable
    assert (f"{folder / 'scheduler.json'}: refused: $.StagingModeEnabled: expected true or false" in captured.err
            and "Traceback" not in captured.err)
    report = json.loads(captured.out)
    assert report["refused"][0]["file"] == str(folder / "scheduler.json")
    assert ("minimum-password-age-zero", "minimum-password-age-above-zero") in findings(captured.out)


def test_import_with_a_refused_file_writes_the_rest_names_it_and_never_exits_0(tmp_path, capsys):
    """Issue X (noted by the readers helper): import follows diagnose's rule, a refused file never exits 0."""
    folder = tmp_path / "collected"
    shutil.copytree(SERVER, folder)
    (folder / "scheduler.json").write_text('{"StagingModeEnabled": "perhaps", "SyncCycleEnabled": true}')
    out = tmp_path / "facts.json"
    status = main(["import", str(folder), "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 4
    assert f"{folder / 'scheduler.json'}: refused: $.StagingModeEnabled: expected true or false" in err
    assert "1 file(s) refused" in err and "Traceback" not in err
    facts = json.loads(out.read_text(encoding="utf-8"))
    assert "staging_mode" not in facts.get("connect", {})                      # nothing of the refused file
    assert facts["network"]["servicebus_namespace"]                            # the rest is written
    assert main([str(folder), "--format", "json"]) != 0                         # diagnose, same inputs: never 0
    capsys.readouterr()


def test_import_help_states_the_exit_rule(capsys):
    assert main(["import", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "4 written, but a file was refused" in text and "2 nothing written: no file could be used" in text


@pytest.mark.parametrize("make", [lambda p: p.mkdir(), lambda p: (p.mkdir(), (p / "notes.txt").write_text("x"))])
def test_a_folder_with_no_export_is_refused(tmp_path, capsys, make):
    folder = tmp_path / "nothing"
    make(folder)
    status = main([str(folder)])
    err = capsys.readouterr().err
    assert status == 2 and "Traceback" not in err and str(folder) in err


def test_the_output_does_not_depend_on_the_order_files_were_written(tmp_path, capsys):
    folder = tmp_path / "reversed"
    folder.mkdir()
    for file in sorted(SERVER.iterdir(), reverse=True):
        shutil.copyfile(file, folder / file.name)
    main([str(folder), "--format", "json"])
    reversed_out = capsys.readouterr()
    main([str(SERVER), "--format", "json"])
    original = capsys.readouterr()
    assert reversed_out.out.replace(str(folder), "F") == original.out.replace(str(SERVER), "F")
    assert reversed_out.err.replace(str(folder), "F") == original.err.replace(str(SERVER), "F")


def test_the_collectors_failed_steps_are_told(tmp_path, capsys):
    folder = tmp_path / "collected"
    shutil.copytree(SERVER, folder)
    (folder / "writeback.json").unlink()
    with open(folder / "notes.txt", "a", encoding="utf-8") as notes:
        notes.write("2024-06-01 10:40:09Z writeback.json: FAILED: The term 'Get-ADSyncConnector' is not recognized\r\n")
    main([str(folder), "--format", "json"])
    err = capsys.readouterr().err
    assert (f"{folder / 'notes.txt'}: skipped: not an export (text: neither JSON, CSV nor Format-List/Format-Table "
            "output) (the collector's notes: 1 step(s) failed: "
            "writeback.json: The term 'Get-ADSyncConnector' is not recognized)") in err
