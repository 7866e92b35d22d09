"""diagnose batch for a team lead: CSV, a table and a summary alone; problems by frequency with
titles, percentages and how often each is a tenant's top problem; tenants by outcome; and a
free-form tenant label carried into every output line."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from writeback_doctor import cli

REPO = Path(__file__).resolve().parent.parent
HEALTHY = json.loads((REPO / "examples" / "healthy-hybrid.json").read_text(encoding="utf-8"))


def tenant(label: str, **changes: dict) -> dict:
    facts = json.loads(json.dumps(HEALTHY))
    facts["tenant"]["label"] = label
    for key, value in changes.items():
        facts[key] = {**facts[key], **value}
    return facts


FLEET = [
    tenant("Fabrikam #1", sspr={"enabled_for": "none"}),
    tenant("Fabrikam #2", sspr={"enabled_for": "none"}),
    tenant("Tailspin", sspr={"enabled_for": "none"}, network={"servicebus_https": False}),
    tenant("Northwind", network={"servicebus_https": False}),
    tenant("Contoso"),
    {"tenant": {"label": "Empty Inc."}},
]


def run(capsys, monkeypatch, *argv: str) -> tuple[int, str]:
    lines = "".join(json.dumps(facts) + "\n" for facts in FLEET) + '{"tenat": {}}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode()), encoding="utf-8"))
    status = cli.main(["batch", "-", *argv])
    return status, capsys.readouterr().out


def test_the_csv_summary_ranks_problems_by_frequency_with_titles_percentages_and_top_problems(capsys, monkeypatch):
    status, out = run(capsys, monkeypatch, "--format", "csv", "--summary-only")
    assert status == 2  # one line is not a valid facts document: the worst item's status
    assert out.startswith("section,id,headline,severity,tenants,percent,top_problem_tenants,top_problem_percent\r\n")
    rows = list(csv.DictReader(io.StringIO(out)))
    outcomes = {r["id"]: (int(r["tenants"]), float(r["percent"])) for r in rows if r["section"] == "tenants"}
    assert outcomes == {"problems": (4, 57.1), "healthy": (1, 14.3), "inconclusive": (1, 14.3),
                        "bad_input": (1, 14.3), "internal": (0, 0.0)}
    problems = [r for r in rows if r["section"] == "problem"]
    assert [(r["id"], r["tenants"], r["top_problem_tenants"]) for r in problems[:2]] == [
        ("sspr-enabled", "3", "3"), ("firewall-servicebus-endpoint", "2", "1")]
    assert problems[0]["headline"] == "Self-service password reset is off in the tenant"
    assert problems[0]["percent"] == "42.9" and problems[1]["top_problem_percent"] == "14.3"


def test_the_csv_rows_carry_each_tenants_label_status_and_top_problem(capsys, monkeypatch):
    _, out = run(capsys, monkeypatch, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["label"] for r in rows] == ["Fabrikam #1", "Fabrikam #2", "Tailspin", "Northwind", "Contoso", "Empty Inc.", ""]
    assert [r["status"] for r in rows] == ["diagnosed"] * 4 + ["ok", "inconclusive", "invalid"]
    assert rows[2]["top_problem"] == "sspr-enabled" and rows[2]["all_problems"] == "sspr-enabled;firewall-servicebus-endpoint"
    assert rows[6]["item"] == "<stdin>:7" and "tenat" in rows[6]["error"]


def test_every_json_line_carries_the_label_and_the_summary_can_come_alone(capsys, monkeypatch):
    _, out = run(capsys, monkeypatch)
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line.get("label") for line in lines[:-1]] == [f.get("tenant", {}).get("label") for f in FLEET] + [None]
    _, alone = run(capsys, monkeypatch, "--summary-only")
    assert len(alone.splitlines()) == 1 and json.loads(alone) == lines[-1]
    assert lines[-1]["summary"]["metadata"]["tool"] == "writeback-doctor"


@pytest.mark.parametrize("columns", ["80", "120"])
def test_the_table_lists_tenants_then_the_summary_within_the_terminal(capsys, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", columns)
    _, out = run(capsys, monkeypatch, "--format", "table")
    assert "Tailspin" in out
    assert "7 tenants: 4 with problems (4 critical), 1 healthy, 1 inconclusive, 1 bad input" in " ".join(out.split())
    assert "42.9%" in out and "(sspr-enabled)" in out
    _, summary = run(capsys, monkeypatch, "--format", "table", "--summary-only")
    assert "Tailspin" not in summary and "42.9%" in summary


def test_a_label_is_a_free_form_fact_that_no_rule_reads(capsys, monkeypatch, tmp_path):
    with_label, without = tmp_path / "a.json", tmp_path / "b.json"
    with_label.write_text(json.dumps(tenant("ticket 4711 / Contoso")), encoding="utf-8")
    bare = json.loads(json.dumps(HEALTHY))
    del bare["tenant"]["label"]
    without.write_text(json.dumps(bare), encoding="utf-8")
    assert cli.main([str(with_label), "--format", "json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert cli.main([str(without), "--format", "json"]) == 0
    second = json.loads(capsys.readouterr().out)
    assert first["summary"] == second["summary"] and first["diagnoses"] == second["diagnoses"] == []
