"""diagnose batch as a team lead reads it (issue P, point 6): a table read line by line as it is rendered,
each result line on a pipe the moment it is written, severity in every view and ``--sort severity``, notes
and candidate causes counted apart from problems, CSV cells that never run as formulas, ``--excel``, and
problems counted as the reports list them (one observation with three candidate causes is one problem)."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest

from writeback_doctor import cli
from writeback_doctor.diagnosis import diagnose
from writeback_doctor.report.render import render_html, render_markdown, render_table

from .helpers import shipped, with_shared_6329

REPO = Path(__file__).resolve().parent.parent
HEALTHY = json.loads((REPO / "examples" / "healthy-hybrid.json").read_text(encoding="utf-8"))


def tenant(label: str, **changes: dict) -> dict:
    facts = copy.deepcopy(HEALTHY)
    facts["tenant"]["label"] = label
    for key, value in changes.items():
        facts[key] = {**facts[key], **value}
    return facts


def shared_6329(label: str = "Woodgrove (6329)") -> dict:
    """Expert review §3: Connect on a DC, Pre-Windows 2000 hardened, one ADSync 6329 access denied: one
    observation with three candidate causes."""
    return with_shared_6329(tenant(label))


def benign_events(label: str = "Litware (656)") -> dict:
    """Only events 656 and 657 (a password change synced): a note, nothing to do."""
    facts = tenant(label)
    facts["event_log"]["events"].append({"id": 656, "source": "Directory Synchronization", "time": "2025-06-01T10:00:00Z",
                                         "level": "Information", "code": "none", "detail": "none",
                                         "message": "Password Change Request - Anchor : abc==, Change Date : 06/01/2025"})
    return facts


FLEET = [
    tenant("Fabrikam #1", sspr={"enabled_for": "none"}),
    tenant("Northwind", network={"servicebus_https": False}),
    tenant("Tailspin Toys, Kyiv office", sspr={"enabled_for": "none"}, network={"servicebus_https": False}),
    benign_events(),
    shared_6329(),
    tenant("Contoso"),
    {"tenant": {"label": "Empty Inc."}},
]
"""Four tenants with problems (Tailspin with two criticals, Woodgrove with one error and two candidate causes),
one with a note only, one healthy, one inconclusive, and one line that is not a facts document."""
JSON_LINES = "".join(json.dumps(facts) + "\n" for facts in FLEET) + '{"tenat": {}}\n'


def run(capsys, monkeypatch, *argv: str) -> tuple[int, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(JSON_LINES.encode()), encoding="utf-8"))
    status = cli.main(["batch", "-", *argv])
    return status, capsys.readouterr().out


# ---------------------------------------------------------------- the table, read as rendered


def tables(out: str) -> list[tuple[list[tuple[int, int]], list[str]]]:
    """Each table of a rendered output: its column spans (from the ruler of dashes under the header) and its lines
    (header first), up to the blank line that ends it."""
    lines = out.split("\n")
    found = []
    for n, line in enumerate(lines):
        if line and set(line) <= {"-", " "} and n > 0:
            spans = [(m.start(), m.end()) for m in re.finditer(r"-+", line)]
            body = [lines[n - 1]]
            for following in lines[n + 1:]:
                if not following.strip():
                    break
                body.append(following)
            found.append((spans, body))
    return found


def cells(line: str, spans: list[tuple[int, int]]) -> list[str]:
    """The text of each column on one rendered line (a column ends where the next begins)."""
    starts = [start for start, _ in spans] + [10**6]
    return [line[starts[n]:starts[n + 1]].strip() for n in range(len(spans))]


def records(spans: list[tuple[int, int]], body: list[str], key: int) -> list[list[str]]:
    """The table's rows as a reader puts them together: a row starts on the line where column ``key`` (one
    never wrapped) has text; the lines under it continue its wrapped cells."""
    rows: list[list[list[str]]] = []
    for line in body[1:]:
        parts = cells(line, spans)
        if parts[key]:
            rows.append([[part] if part else [] for part in parts])
        else:
            for column, part in enumerate(parts):
                if part:
                    rows[-1][column].append(part)
    return [[" ".join(pieces) for pieces in row] for row in rows]


@pytest.mark.parametrize("columns", [80, 100, 132])
def test_every_line_of_the_table_keeps_its_columns_and_fits_the_terminal(capsys, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    _, out = run(capsys, monkeypatch, "--format", "table")
    assert "\\n" not in out and len(out.splitlines()) > 20  # the review's bug: one line with literal \n
    found = tables(out)
    assert len(found) >= 3  # the tenants, the problems, the notes (and the candidate causes)
    for spans, body in found:
        gaps = [range(end, start) for (_, end), (start, _) in zip(spans, spans[1:], strict=False)]
        for line in body:
            assert len(line) <= columns, line
            for gap in gaps:  # nothing ever crosses from one column into the next
                assert all(position >= len(line) or line[position] == " " for position in gap), (line, gap)
    spans, body = found[0]
    assert cells(body[0], spans) == ["tenant", "status", "critical", "problems", "notes", "top problem"]
    rows = records(spans, body, key=1)
    assert [row[1:5] for row in rows] == [
        ["critical", "1", "1", "0"], ["critical", "1", "1", "0"], ["critical", "2", "2", "0"], ["healthy", "0", "0", "1"],
        ["error", "0", "1", "0"], ["healthy", "0", "0", "0"], ["inconclusive", "0", "0", "0"], ["bad input", "", "", ""]]
    assert rows[2][0].replace(" ", "").startswith("TailspinToys,Kyivoffice<stdin>:3")
    assert [row[5].replace(" ", "") for row in rows[:3]] == ["sspr-enabled", "firewall-servicebus-endpoint", "sspr-enabled"]
    for numbers in (2, 3, 4):  # numbers right-aligned under their header
        header_end = spans[numbers][1]
        for line in body[1:]:
            if cells(line, spans)[numbers]:
                assert line[header_end - 1] != " ", line


def test_the_table_summary_counts_tenants_by_severity_and_lists_notes_and_candidates_apart(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    _, out = run(capsys, monkeypatch, "--format", "table", "--summary-only")
    flat = " ".join(out.split())
    assert "8 tenants: 4 with problems (3 critical), 2 healthy, 1 inconclusive, 1 bad input, 0 internal errors" in flat
    assert "Tenants by their most severe problem: critical 3, error 1" in flat
    found = tables(out)
    headers = [cells(body[0], spans)[-1] for spans, body in found]
    assert headers == ["problem", "note (advisory: blocks no writeback)", "candidate cause (listed under another problem)"]
    problems = records(*found[0], key=0)
    assert [(row[0], row[4]) for row in problems[:2]] == [("2", "critical"), ("2", "critical")]
    assert all("event-benign-password-change-656-657" not in row[5] for row in problems)
    notes = records(*found[1], key=0)
    assert [row[2] for row in notes] == ["note"] and "(event-benign-password-change-656-657)" in notes[0][3].replace(" ", "")
    candidates = " ".join(row[3] for row in records(*found[2], key=0)).replace(" ", "")
    assert "(connect-not-on-domain-controller)" in candidates and "(event-ad-permissions)" in candidates


# ---------------------------------------------------------------- lines on a pipe, one at a time


def _read_line(stream, timeout: float = 120.0) -> bytes:
    ready, _, _ = select.select([stream], [], [], timeout)
    assert ready, "no line within the time: the line was not flushed"
    return stream.readline()


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_reader_of_the_pipe_gets_each_line_before_the_input_ends(fmt):
    process = subprocess.Popen([sys.executable, "-m", "writeback_doctor", "batch", "-", "--format", fmt], cwd=REPO,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        process.stdin.write((json.dumps(FLEET[0]) + "\n").encode())
        process.stdin.flush()
        if fmt == "csv":
            assert _read_line(process.stdout).startswith(b"item,label,status,exit,top_severity,criticals,problems")
        first = _read_line(process.stdout).decode("utf-8")
        assert process.poll() is None  # the input is still open: the line came while batch waits for more
        if fmt == "jsonl":
            line = json.loads(first)
            assert (line["item"], line["label"], line["top_severity"], line["criticals"]) == (
                "<stdin>:1", "Fabrikam #1", "critical", 1)
        else:
            assert first.startswith("<stdin>:1,Fabrikam #1,diagnosed,1,critical,1,1,0,")
        process.stdin.write((json.dumps(FLEET[1]) + "\n").encode())
        process.stdin.flush()
        assert b"<stdin>:2" in _read_line(process.stdout)
        process.stdin.close()
        rest = process.stdout.read().decode("utf-8")
        assert process.wait(timeout=120) == 1
        assert ("summary" in rest) if fmt == "jsonl" else rest == ""
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_sorting_holds_the_lines_until_the_input_ends_and_says_so(capsys):
    process = subprocess.Popen([sys.executable, "-m", "writeback_doctor", "batch", "-", "--sort", "severity"], cwd=REPO,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        process.stdin.write((json.dumps(FLEET[1]) + "\n").encode())
        process.stdin.flush()
        assert select.select([process.stdout], [], [], 3)[0] == []  # nothing yet: sorting needs every tenant
        process.stdin.write((json.dumps(FLEET[2]) + "\n").encode())
        process.stdin.close()
        out = process.stdout.read().decode("utf-8").splitlines()
        process.wait(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert [json.loads(line).get("label") for line in out[:2]] == ["Tailspin Toys, Kyiv office", "Northwind"]
    assert cli.main(["batch", "--help"]) == 0
    assert "held until the input ends" in " ".join(capsys.readouterr().out.split())


# ---------------------------------------------------------------- severity everywhere, --sort severity


def test_every_json_line_and_the_summary_carry_severities(capsys, monkeypatch):
    _, out = run(capsys, monkeypatch)
    lines = [json.loads(line) for line in out.splitlines()]
    assert [(line.get("top_severity"), line.get("criticals")) for line in lines[:-1]] == [
        ("critical", 1), ("critical", 1), ("critical", 2), (None, 0), ("error", 0), (None, 0), (None, 0), (None, None)]
    woodgrove = lines[4]
    assert woodgrove["counts"]["problems"] == 1 and woodgrove["counts"]["failing"] == 3
    assert {d["id"]: d.get("reported_by") for d in woodgrove["diagnoses"]} == {
        "pre-windows-2000-access": None, "connect-not-on-domain-controller": "pre-windows-2000-access",
        "event-ad-permissions": "pre-windows-2000-access"}
    summary = lines[-1]["summary"]
    assert summary["top_severity"] == {"critical": 3, "error": 1, "warning": 0} and summary["criticals"] == 4
    kinds = {(d["id"], d["kind"]): (d["tenants"], d["severity"]) for d in summary["diagnoses"]}
    assert kinds[("sspr-enabled", "problem")] == (2, "critical")
    assert kinds[("event-benign-password-change-656-657", "note")] == (1, "note")
    assert kinds[("event-ad-permissions", "candidate")] == (1, "error")
    assert ("event-ad-permissions", "problem") not in kinds  # a candidate is not counted as a problem of its own


def test_the_csv_rows_carry_top_severity_criticals_and_problems_as_listed(capsys, monkeypatch):
    _, out = run(capsys, monkeypatch, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["label"], r["top_severity"], r["criticals"], r["problems"], r["notes"]) for r in rows] == [
        ("Fabrikam #1", "critical", "1", "1", "0"), ("Northwind", "critical", "1", "1", "0"),
        ("Tailspin Toys, Kyiv office", "critical", "2", "2", "0"), ("Litware (656)", "", "0", "0", "1"),
        ("Woodgrove (6329)", "error", "0", "1", "0"), ("Contoso", "", "0", "0", "0"), ("Empty Inc.", "", "0", "0", "0"),
        ("", "", "", "", "")]
    assert rows[3]["status"] == "ok" and rows[3]["all_problems"] == "" \
        and rows[3]["all_notes"] == "event-benign-password-change-656-657"
    assert rows[4]["all_problems"] == "pre-windows-2000-access"


def test_the_csv_summary_has_severity_rows_and_counts_notes_apart(capsys, monkeypatch):
    _, out = run(capsys, monkeypatch, "--format", "csv", "--summary-only")
    rows = list(csv.DictReader(io.StringIO(out)))
    severity = {r["id"]: r["tenants"] for r in rows if r["section"] == "top_severity"}
    assert severity == {"critical": "3", "error": "1"}
    assert {r["section"] for r in rows if r["id"] == "event-benign-password-change-656-657"} == {"note"}
    assert [r["section"] for r in rows] == sorted((r["section"] for r in rows), key=[
        "tenants", "top_severity", "problem", "note", "candidate"].index)


def test_sort_severity_puts_whom_to_call_first_at_the_top_in_every_format(capsys, monkeypatch):
    _, out = run(capsys, monkeypatch, "--format", "csv", "--sort", "severity")
    labels = [r["label"] for r in csv.DictReader(io.StringIO(out))]
    assert labels == ["Tailspin Toys, Kyiv office", "Fabrikam #1", "Northwind", "Woodgrove (6329)", "",
                      "Empty Inc.", "Litware (656)", "Contoso"]  # then bad input, inconclusive, healthy
    _, out = run(capsys, monkeypatch, "--sort", "severity")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line.get("label", "") for line in lines[:-1]] == labels and "summary" in lines[-1]
    severities = [d["severity"] for d in lines[-1]["summary"]["diagnoses"] if d["kind"] == "problem"]
    assert severities == sorted(severities, key=["critical", "error", "warning"].index)


# ---------------------------------------------------------------- spreadsheets


HOSTILE_LABEL = "=HYPERLINK(\"http://evil\",\"x\")"


def test_a_csv_cell_never_runs_as_a_formula(capsys, monkeypatch, tmp_path):
    (tmp_path / "a.json").write_text(json.dumps(tenant(HOSTILE_LABEL, sspr={"enabled_for": "none"})), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(tenant("@SUM(1+1)*cmd|' /C calc'!A0")), encoding="utf-8")
    cli.main(["batch", str(tmp_path), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["label"] for r in rows] == ["'" + HOSTILE_LABEL, "'@SUM(1+1)*cmd|' /C calc'!A0"]


def _excel(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess:
    out = tmp_path / "fleet.csv"
    with open(out, "wb") as handle:
        done = subprocess.run([sys.executable, "-m", "writeback_doctor", "batch", "-", *argv], cwd=REPO,
                              input=JSON_LINES.encode(), stdout=handle, stderr=subprocess.PIPE, timeout=300)
    done.stdout = out.read_bytes()
    return done


def test_excel_writes_utf16_with_its_mark_and_tabs_so_any_locale_reads_every_column(tmp_path):
    kyiv = tenant("Київ: «Світанок» ✓", sspr={"enabled_for": "none"})
    FLEET_UK = JSON_LINES + json.dumps(kyiv) + "\n"
    out = tmp_path / "fleet.csv"
    with open(out, "wb") as handle:
        done = subprocess.run([sys.executable, "-m", "writeback_doctor", "batch", "-", "--excel", "--lang", "uk"],
                              cwd=REPO, input=FLEET_UK.encode(), stdout=handle, stderr=subprocess.PIPE, timeout=300)
    assert done.returncode == 2  # the bad line: as without --excel
    data = out.read_bytes()
    assert data.startswith(b"\xff\xfe")  # UTF-16 little-endian, with its byte order mark
    text = data.decode("utf-16")
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter="\t"))
    assert rows[-1]["label"] == "Київ: «Світанок» ✓" and rows[-1]["top_headline"].startswith("Самостійне")
    assert rows[2]["label"] == "Tailspin Toys, Kyiv office"  # a comma inside a cell is just text
    assert "sep=" not in text


def test_excel_keeps_formulas_inert_and_refuses_other_formats(tmp_path, capsys):
    facts = tmp_path / "a.json"
    facts.write_text(json.dumps(tenant(HOSTILE_LABEL)), encoding="utf-8")
    out = tmp_path / "a.csv"
    with open(out, "wb") as handle:
        subprocess.run([sys.executable, "-m", "writeback_doctor", "batch", str(facts), "--excel"], cwd=REPO,
                       stdout=handle, stderr=subprocess.PIPE, timeout=300, check=True)
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-16"), newline=""), delimiter="\t"))
    assert rows[0]["label"] == "'" + HOSTILE_LABEL
    assert cli.main(["batch", str(facts), "--excel", "--format", "table"]) == 2
    assert "--excel writes CSV for Excel" in capsys.readouterr().err


# ---------------------------------------------------------------- problems counted as listed


def test_one_observation_with_three_candidate_causes_counts_as_one_problem_in_every_view():
    report = diagnose(shipped(), shared_6329())
    assert report.summary.failing == 3 and report.summary.problems == 1 and len(report.listed()) == 1
    terminal = render_table(report)
    assert terminal.splitlines()[1].startswith("1 problem(s), 0 note(s), ")
    assert "1 problem(s), 0 note(s)" in render_markdown(report)
    assert "1 problem(s), 0 note(s)" in render_html(report)
    data = report.to_json()["summary"]
    assert (data["problems"], data["failing"], data["notes"]) == (1, 3, 0)


def test_the_counts_in_ukrainian_are_the_listed_ones_too():
    report = diagnose(shipped(), shared_6329(), "uk")
    assert "проблем: 1, приміток: 0" in render_table(report)


def test_advisory_notes_are_not_problems_in_the_counts():
    facts = benign_events()
    report = diagnose(shipped(), facts)
    assert (report.summary.problems, report.summary.notes) == (0, 1)


@pytest.fixture(autouse=True)
def _no_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
