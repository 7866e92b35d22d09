"""The Get-WinEvent importer: recognises both PowerShell date forms and UTF-16, derives code/detail, names bad fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import shipped
from writeback_doctor.cli import main
from writeback_doctor.diagnosis import diagnose_facts
from writeback_doctor.inputs import read_json
from writeback_doctor.sources import winevent
from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.merge import collect
from writeback_doctor.sources.model import NOTE

FIXTURES = Path(__file__).parent / "fixtures" / "exports" / "winevent"


def load(name: str):
    return read_json(str(FIXTURES / name))


def events_of(name: str) -> list[dict]:
    [(path, events, _)] = [claim for claim in winevent.extract(load(name)) if claim[0] == "event_log.events"]
    return events


@pytest.mark.parametrize("name", ["failing-server-ps51.json", "failing-server-ps51-utf16.json",
                                  "healthy-server-ps7.json", "single-event-ps7.json"])
def test_recognises_every_export_form(name):
    assert winevent.recognise(load(name))


@pytest.mark.parametrize("data", [[], {}, {"value": []}, [{"Id": 1}], [{"ComputerName": "x", "TcpTestSucceeded": True}]])
def test_does_not_claim_other_shapes(data):
    assert not winevent.recognise(data)


def test_utf16_export_reads_the_same_as_utf8():
    assert events_of("failing-server-ps51-utf16.json") == events_of("failing-server-ps51.json")


def test_ps51_dates_become_iso_utc_and_events_are_sorted_oldest_first():
    events = events_of("failing-server-ps51.json")
    assert [e["time"] for e in events] == sorted(e["time"] for e in events)
    assert events[0] == {"id": 656, "source": "Directory Synchronization", "time": "2024-06-01T10:00:00Z",
                         "level": "Information", "message": events[0]["message"], "code": "none", "detail": "none"}


def test_ps7_offsets_are_converted_to_utc():
    times = {e["id"]: e["time"] for e in events_of("healthy-server-ps7.json")}
    assert times[31005] == "2024-06-01T07:58:12Z"


def test_codes_and_details_are_derived_from_the_messages():
    derived = {(e["id"], e["code"], e["detail"]) for e in events_of("failing-server-ps51.json")}
    assert (6329, "0x8023061f", "none") in derived
    assert (6329, "none", "access-denied") in derived
    assert (31034, "none", "remote-certificate-invalid") in derived
    assert events_of("single-event-ps7.json")[0]["detail"] == "ldap-policy-control-missing"
    assert winevent.code_of("Synchronization Engine returned an error hr=80230402, message=...") == "0x80230402"


def test_a_single_record_is_located_at_the_root():
    [(_, events, where)] = [c for c in winevent.extract(load("single-event-ps7.json")) if c[0] == "event_log.events"]
    assert where == "$" and len(events) == 1


def test_missing_message_is_named():
    with pytest.raises(ExportError) as caught:
        winevent.extract(load("missing-message.json"))
    assert caught.value.location == "$[0].Message"


def test_other_provider_is_skipped_and_counted_not_dropped_silently():
    claims = winevent.extract(load("other-provider.json"))
    assert [path for path, _, _ in claims] == [NOTE]           # no events claimed: the export proves nothing
    assert "1 record(s) of other providers (Application Error 1)" in claims[0][1]


def test_a_whole_application_log_is_filtered_to_the_writeback_providers():
    data = load("whole-application-log-ps7.json")
    assert winevent.recognise(data)
    claims = winevent.extract(data)
    [(_, events, _)] = [c for c in claims if c[0] == "event_log.events"]
    assert [e["id"] for e in events] == [31015, 31019]
    [(_, note, _)] = [c for c in claims if c[0] == NOTE]
    assert note.startswith("4 record(s) of other providers (Application Error 2, Microsoft-Windows-Security-SPP 1, MsiInstaller 1)")


def test_the_whole_log_diagnoses_and_reports_what_was_skipped(capsys):
    status = main([str(FIXTURES / "whole-application-log-ps7.json"), "--format", "json"])
    out, err = capsys.readouterr()
    assert status in (0, 1, 4) and json.loads(out)["diagnoses"] is not None
    assert "4 record(s) of other providers" in err and "Traceback" not in err


def test_the_newest_heartbeat_names_the_tenants_service_bus_namespace():
    claims = dict((path, value) for path, value, _ in winevent.extract(load("whole-application-log-ps7.json")))
    assert claims["~servicebus_namespace"]["host"] == "ssprdedicatedsbprodfra-1.servicebus.windows.net"
    bare = dict((path, value) for path, value, _ in winevent.extract(load("healthy-server-ps7.json")))
    assert bare["~servicebus_namespace"]["host"] == "ssprdedicatedsbprodncu.servicebus.windows.net"
    facts = collect([str(FIXTURES / "whole-application-log-ps7.json"), str(FIXTURES / "healthy-server-ps7.json")]).facts
    assert facts["network"]["servicebus_namespace"] == "ssprdedicatedsbprodfra-1.servicebus.windows.net"  # the newest


def test_malformed_id_and_date_are_named():
    with pytest.raises(ExportError, match=r"\$\[0\]\.Id"):
        winevent.extract([{"Id": "x", "ProviderName": "ADSync", "TimeCreated": "2024-06-01T10:00:00Z", "Message": ""}])
    with pytest.raises(ExportError, match=r"\$\.TimeCreated"):
        winevent.extract({"Id": 1, "ProviderName": "ADSync", "TimeCreated": "yesterday", "Message": ""})


def test_extracted_events_fit_the_fact_schema_and_name_the_failure():
    report = diagnose_facts(shipped(), {"event_log": {"events": events_of("failing-server-ps51.json")}})
    fired = {d["id"]: d["finding"] for d in report["diagnoses"]}
    assert fired["event-servicebus-unreachable"] == "servicebus-certificate-invalid-31034"
    # events alone do not say whether RestrictRemoteSam or NetUserGetInfo rights (SSPR_0029 cause 3 or 2) refused access
    assert fired["event-ad-permissions"] == "access-denied-6329"
    assert fired["event-forest-added-after-writeback"] == "password-sync-not-enabled-on-ma"
    assert fired["event-benign-password-change-656-657"] == "benign-656-657"


def test_healthy_log_passes_every_event_rule():
    report = diagnose_facts(shipped(), {"event_log": {"events": events_of("healthy-server-ps7.json")}})
    event_rules = [d for d in report["diagnoses"] if d["id"].startswith("event-")]
    assert event_rules == []
    assert "event-servicebus-unreachable" in report["passed"]


def test_examples_event_log_file_names_the_failure_from_events_alone(repo):
    facts = json.loads((repo / "examples" / "event-log-failing-server.json").read_text(encoding="utf-8"))
    assert set(facts) == {"event_log"}
    report = diagnose_facts(shipped(), facts)
    first = report["diagnoses"][0]
    assert first["remedy"] and first["origin"] == "current-docs"
    assert {"event-servicebus-unreachable", "event-ad-permissions"} <= {d["id"] for d in report["diagnoses"]}


def test_the_message_variants_of_6329_name_their_symptom():
    # expert review: real 6329 texts say "Access is denied" (0x80070005) and "the object cannot be found" (0x80230405)
    assert winevent.detail_of("... hr=80070005, message=Access is denied.") == "access-denied"
    assert winevent.detail_of("0x80230405 (An attempt to get an object failed because the object cannot be found.)") == "object-not-found"
