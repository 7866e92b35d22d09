"""Every fact remembers where it came from; disagreements are reported with both sources, never overwritten."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import run

EXPORTS = Path(__file__).resolve().parent / "fixtures" / "exports"
NETCONN = EXPORTS / "test-netconnection" / "powershell-7-select.json"


def servicebus_ok(tmp_path) -> Path:
    data = json.loads(NETCONN.read_text(encoding="utf-8"))
    data[1]["TcpTestSucceeded"] = True
    retest = tmp_path / "retest.json"
    retest.write_text(json.dumps(data))
    return retest


def because_of(report, rule_id):
    return next(d for d in report["diagnoses"] if d["id"] == rule_id)["because"]


def test_because_entries_name_file_kind_and_location(capsys):
    status, out, _ = run(capsys, NETCONN, "--format", "json")
    entry = next(b for b in because_of(json.loads(out), "firewall-servicebus-endpoint") if b.get("fact") == "network.servicebus_https")
    assert entry["source"] == [{"file": str(NETCONN), "kind": "powershell-Test-NetConnection",
                                "location": "$[1].TcpTestSucceeded (ssprdedicatedsbprodscu.servicebus.windows.net:443)"}]


def test_a_facts_file_is_a_source_too(capsys, repo):
    facts = repo / "examples" / "sspr-off.json"
    _, out, _ = run(capsys, facts, "--format", "json")
    entry = next(b for b in because_of(json.loads(out), "sspr-enabled") if b.get("fact") == "sspr.enabled_for")
    assert entry["source"] == [{"file": str(facts), "kind": "facts", "location": "$.sspr.enabled_for"}]


def test_table_and_markdown_show_the_sources(capsys):
    _, out, _ = run(capsys, NETCONN, "--format", "markdown")
    # given as an absolute path, the input is named by its base name: no path of this machine reaches a ticket
    assert f"[{NETCONN.name}:$[1].TcpTestSucceeded (ssprdedicatedsbprodscu.servicebus.windows.net:443) (powershell-Test-NetConnection)]" in out
    assert str(NETCONN.parent) not in out
    _, out, _ = run(capsys, NETCONN, "--format", "table")
    assert "powershell-Test-" in out


def test_disagreement_is_reported_with_both_sources_and_left_unknown(capsys, tmp_path):
    retest = servicebus_ok(tmp_path)
    status, out, err = run(capsys, NETCONN, retest, "--format", "json")
    report = json.loads(out)
    assert status == 2
    conflict = next(c for c in report["conflicts"] if c["fact"] == "network.servicebus_https")
    files = {s["file"] for v in conflict["values"] for s in v["source"]}
    assert files == {str(NETCONN), str(retest)} and "chosen" not in conflict
    assert {v["value"] for v in conflict["values"]} == {True, False}
    assert "network.servicebus_https" in [m for u in report["unknown"] for m in u["missing"]]
    assert "conflict on network.servicebus_https" in err and str(retest) in err and str(NETCONN) in err


def test_prefer_settles_a_conflict_and_still_reports_it(capsys, tmp_path):
    retest = servicebus_ok(tmp_path)
    status, out, err = run(capsys, NETCONN, retest, "--prefer", retest, "--format", "json")
    report = json.loads(out)
    conflict = next(c for c in report["conflicts"] if c["fact"] == "network.servicebus_https")
    assert conflict["chosen"] is True
    assert "servicebus-blocked" not in [d["finding"] for d in report["diagnoses"]]
    assert "--prefer" in err and status == 4  # nothing fails; the other exports' facts stay undecided


def test_output_does_not_depend_on_file_order(capsys):
    files = [EXPORTS / "users" / "graph.json", EXPORTS / "subscribedskus" / "graph.json", NETCONN,
             EXPORTS / "get-addomain" / "powershell-7.json", EXPORTS / "contoso" / "not-in-exports.json"]
    first = run(capsys, *files, "--format", "json")
    second = run(capsys, *reversed(files), "--format", "json")
    assert first[0] == second[0] and first[1] == second[1]


def test_import_refuses_to_write_a_conflict(capsys, tmp_path):
    out = tmp_path / "facts.json"
    status, _, err = run(capsys, "import", NETCONN, servicebus_ok(tmp_path), "--out", out)
    assert status == 2 and not out.exists() and "conflict on network.servicebus_https" in err


def test_an_explanation_shows_a_facts_sources_exactly_as_its_because_entry(capsys):
    _, out, _ = run(capsys, NETCONN, "--format", "markdown", "--explain")
    shown = (f"{NETCONN.name}:$[1].TcpTestSucceeded (ssprdedicatedsbprodscu.servicebus.windows.net:443) "
             "(powershell-Test-NetConnection)")
    lines = out.splitlines()
    because = next(line for line in lines if "**because:**" in line and "network.servicebus_https" in line)
    explained = next(line for line in lines if "network.servicebus_https is false" in line)
    assert f"[{shown}]" in because
    assert f"from {shown})" in explained
