"""Two promises no other test pinned (a code review's mutations survived the whole suite):
the summary counts problems and notes apart, and with several ``--prefer`` files the first one wins."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import EXAMPLES, REPO, run, shipped
from writeback_doctor.diagnosis import diagnose

NETCONN = REPO / "tests" / "fixtures" / "exports" / "test-netconnection" / "powershell-7-select.json"
MIXED = EXAMPLES / "event-log-failing-server.json"
"""An example whose diagnoses are of failing and of advisory severities."""


def test_the_summary_counts_problems_and_notes_apart(capsys):
    report = diagnose(shipped(), json.loads(MIXED.read_text(encoding="utf-8")))
    failing_severities = {s.name for s in shipped().ruleset.severities if s.fails}
    problems = sum(1 for d in report.diagnoses if d.severity in failing_severities)
    notes = len(report.diagnoses) - problems
    assert problems >= 1 and notes >= 1, "the example must have both kinds of diagnosis"
    assert (report.summary.failing, report.summary.advisory) == (problems, notes)
    status, out, _ = run(capsys, str(MIXED), "--format", "json")
    assert json.loads(out)["summary"]["advisory"] == notes and status == 1
    _, out, _ = run(capsys, str(MIXED), "--format", "markdown")
    assert f"{problems} problem(s), {notes} note(s)" in out


def _netconn_with(tmp_path: Path, name: str, servicebus_ok: bool) -> Path:
    data = json.loads(NETCONN.read_text(encoding="utf-8"))
    data[1]["TcpTestSucceeded"] = servicebus_ok
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_first_prefer_wins(capsys, tmp_path):
    """Three exports disagree about Service Bus; ``--prefer`` names two of them: the first named is believed."""
    up, down = _netconn_with(tmp_path, "up.json", True), _netconn_with(tmp_path, "down.json", False)
    third = _netconn_with(tmp_path, "third.json", False)
    for first, second, chosen in ((up, down, True), (down, up, False)):
        status, out, err = run(capsys, str(up), str(down), str(third), "--prefer", str(first), "--prefer", str(second),
                               "--format", "json")
        report = json.loads(out)
        conflict = next(c for c in report["conflicts"] if c["fact"] == "network.servicebus_https")
        assert conflict["chosen"] is chosen, (first.name, err)
        blocked = "servicebus-blocked" in [d["finding"] for d in report["diagnoses"]]
        assert blocked is not chosen
