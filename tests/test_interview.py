"""The interview, driven end to end through a real subprocess (pipes and a pseudo-terminal)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from writeback_doctor.diagnosis import diagnose_facts

DIAGNOSE = [sys.executable, "-m", "writeback_doctor.cli"]
PROMPT = re.compile(r"Q(\d+[ab]?) \[([^\n]+?)\] ")


@pytest.fixture
def firewall_rules(tmp_path, repo) -> Path:
    """Only the two firewall rules, without their cloud scope and version condition: the questions and their
    order are then known in advance."""
    import yaml

    rules = tmp_path / "rules"
    (rules / "connectivity").mkdir(parents=True)
    shutil.copy(repo / "rules" / "ruleset.yaml", rules)
    for name in ("firewall-passwordreset-endpoint.yaml", "firewall-servicebus-endpoint.yaml"):
        rule = yaml.safe_load((repo / "rules" / "connectivity" / name).read_text(encoding="utf-8"))
        for key in ("applies_when", "not_applicable", "derives"):  # the global-cloud scope reads other facts
            rule.pop(key, None)
        rule["findings"] = [f for f in rule["findings"] if "connect.version" not in json.dumps(f["when"])]
        for finding in rule["findings"]:
            finding.pop("provided", None)  # the Connect version the endpoint list assumes
            finding.pop("explains", None)  # the symptoms they explain: no opening on the symptom here
            finding.pop("prior", None)
        (rules / "connectivity" / name).write_text(yaml.safe_dump(rule, allow_unicode=True), encoding="utf-8")
    return rules


def interview(*args, answers: str) -> subprocess.CompletedProcess:
    return subprocess.run(DIAGNOSE + ["interview", *map(str, args)], input=answers, capture_output=True, text=True, timeout=120)


def test_piped_answers_make_a_facts_file_whose_diagnosis_matches(tmp_path, firewall_rules):
    out = tmp_path / "facts.json"
    result = interview("--rules", firewall_rules, "--out", out, "--format", "json", answers="yes\nno\n")
    assert result.returncode == 1, result.stderr
    assert json.loads(out.read_text()) == {"network": {"passwordreset_https": True, "servicebus_https": False}}
    report = json.loads(result.stdout)
    assert [d["finding"] for d in report["diagnoses"]] == ["servicebus-blocked"]
    assert [b["source"] for b in report["diagnoses"][0]["because"]] == [[{"file": None, "kind": "interview", "location": "network.servicebus_https"}]]
    assert [m.group(2) for m in PROMPT.finditer(result.stderr)] == ["network.passwordreset_https", "network.servicebus_https"]


def test_a_bad_answer_is_asked_again_with_the_reason(tmp_path, firewall_rules):
    result = interview("--rules", firewall_rules, answers="maybe\nyes\nno\n")
    assert "Not accepted: expected yes or no" in result.stderr
    assert result.returncode == 1


def test_i_dont_know_is_recorded_and_not_asked_again(tmp_path, firewall_rules):
    transcript = tmp_path / "t.json"
    result = interview("--rules", firewall_rules, "--transcript", transcript, answers="?\n\n")
    assert result.returncode == 4  # inconclusive: both checks stay undecided
    assert [(e["path"], e["known"]) for e in json.loads(transcript.read_text())] == [
        ("network.passwordreset_https", False), ("network.servicebus_https", False)]
    assert "I don't know" in result.stderr and "Nothing undecided" in result.stderr


def test_ukrainian_yes_no(tmp_path, firewall_rules):
    out = tmp_path / "facts.json"
    # ні: a blocking finding is certain, and the offer to stop is declined (ні) before the next question
    result = interview("--rules", firewall_rules, "--lang", "uk", "--out", out, answers="ні\nні\nтак\n")
    assert result.returncode == 1
    assert json.loads(out.read_text()) == {"network": {"passwordreset_https": False, "servicebus_https": True}}


def test_starts_from_a_partial_facts_file_and_stops_at_end_of_input(tmp_path, firewall_rules):
    start = tmp_path / "start.json"
    start.write_text(json.dumps({"network": {"passwordreset_https": False}}))
    out = tmp_path / "facts.json"
    result = interview("--rules", firewall_rules, "--from", start, "--out", out, answers="")
    assert result.returncode == 1 and "stopped" in result.stderr
    # the start file already makes a finding certain: the interview says so and offers to stop first
    assert "Certain now: Outbound HTTPS to *.passwordreset.microsoftonline.com is blocked" in result.stderr
    assert json.loads(out.read_text()) == {"network": {"passwordreset_https": False}}
    resumed = interview("--rules", firewall_rules, "--from", start, "--out", out, answers="no\nyes\n")
    assert [m.group(2) for m in PROMPT.finditer(resumed.stderr)] == ["network.servicebus_https"]


def test_bad_start_file_exits_2(tmp_path):
    start = tmp_path / "start.json"
    start.write_text('{"network": {"servicebus_https": "maybe"}}')
    result = interview("--from", start, answers="")
    assert result.returncode == 2 and "$.network.servicebus_https" in result.stderr and "Traceback" not in result.stderr


def answer_from(truth: dict, path: str) -> str:
    """What a support engineer who knows ``truth`` types for the question labelled ``path``."""
    if path == "users":
        return ""  # handled by the role prompts
    item = None
    if " @ " in path:
        path, item = path.split(" @ ")
    if path.startswith("users[]."):
        field = path.split(".", 1)[1]
        user = next((u for u in truth["users"] if u["name"] == item), {})
        value = user.get(field)
    else:
        top, key = path.split(".", 1)
        value = truth.get(top, {}).get(key)
    if value is None:
        return "?"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def test_interactive_interview_with_all_rules_asks_only_what_is_missing(tmp_path, repo):
    """A scripted engineer answers from the Contoso truth; every question was missing when asked."""
    truth = json.loads((repo / "examples" / "contoso-exports-broken.json").read_text(encoding="utf-8"))
    out, transcript = tmp_path / "facts.json", tmp_path / "t.json"
    process = subprocess.Popen(DIAGNOSE + ["interview", "--out", str(out), "--transcript", str(transcript), "--format", "json"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
    buffer, asked = "", 0
    while True:
        char = process.stderr.read(1)
        if not char:
            break
        buffer += char
        if buffer.endswith("(yes/no) > ") and "Certain now:" in buffer:
            process.stdin.write("no\n")  # go on after each certain finding: this engineer wants them all
            process.stdin.flush()
            buffer = ""
            continue
        if buffer.endswith(") > "):
            label = PROMPT.findall(buffer)[-1]
            number, path = label
            listed = re.findall(r"(\d+)\) (\S+@[^,\s]+)", buffer)
            if path.startswith("users[].") and " @ " not in path and listed:
                field = path.split(".", 1)[1]
                users = [next((u for u in truth["users"] if u["name"] == name), {}) for _, name in listed]
                if all(field in user for user in users):
                    reply = ",".join(n for (n, _), user in zip(listed, users, strict=False) if user[field]) or "none"
                else:
                    reply = "?"
            elif number.endswith("a"):
                reply = "test.user@contoso.com"
            elif number.endswith("b"):
                reply = "admin@contoso.onmicrosoft.com"
            else:
                reply = answer_from(truth, path)
            process.stdin.write(reply + "\n")
            process.stdin.flush()
            buffer, asked = "", asked + 1
    stdout = process.stdout.read()
    assert process.wait(timeout=60) == 1
    facts = json.loads(out.read_text())
    for user in facts["users"]:
        expected = next(u for u in truth["users"] if u["name"] == user["name"])
        assert {k: v for k, v in expected.items() if k in user} == user
    report = json.loads(stdout)
    found = {(d["id"], d["finding"]) for d in report["diagnoses"]}
    assert {("firewall-servicebus-endpoint", "servicebus-blocked"), ("admin-and-test-user", "test-user-without-premium")} <= found
    assert found == {(d["id"], d["finding"]) for d in diagnose_facts(facts)["diagnoses"]}
    entries = json.loads(transcript.read_text())
    assert entries and asked >= len(entries)
    for entry in entries:  # never a question whose answer cannot change the outcome
        if entry["path"].startswith("symptom."):
            continue  # the opening (issue 24): what the user saw, where, who; it orders the questions and may decide
        missing = {m for u in diagnose_facts(entry["facts_before"])["unknown"] for m in u["missing"]}
        assert entry["path"] in missing, entry["path"]
