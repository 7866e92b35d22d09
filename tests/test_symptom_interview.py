"""Issue 24 'done when': given SSPR_0029 and nothing else, the interview reaches the deciding question of each
cause Microsoft's SSPR_0029 article lists within five questions; the report names the suspects and what no
rule explains; without symptoms the report is as before."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from tests.helpers import finish_interview, shipped, spawn_interview
from writeback_doctor.diagnosis import diagnose

DIAGNOSE = [sys.executable, "-m", "writeback_doctor"]
SSPR_0029_ARTICLE = "https://learn.microsoft.com/en-us/troubleshoot/entra/entra-id/user-prov-sync/password-writeback-error-code-sspr-0029"
DECIDING = {  # the article's causes, and the fact that decides each
    "cause 1: a synced administrator in a protected group": "users[].admin_count_protected",
    "cause 2: the AD DS connector account's permissions": "connector_account.reset_password",
    "cause 2, workaround: Connect on a domain controller": "server.is_domain_controller",
    "cause 3: remote calls to SAM restricted": "connector_account.remote_sam_allowed",
}


def asked(tmp_path: Path, answers: str, *argv: str) -> list[str]:
    """The fact paths the interview asked, in order (its transcript), given ``answers`` as typed in advance.

    It runs in ``tmp_path``: stopped before the end without ``--out``, the interview keeps its answers in a
    recovery file in the working folder (``writeback-doctor-answers-*.json``), which must not land in the tree."""
    transcript = tmp_path / "t.json"
    subprocess.run(DIAGNOSE + ["interview", "--transcript", str(transcript), *argv], input=answers,
                   capture_output=True, text=True, timeout=300, check=False, cwd=tmp_path)
    assert list(tmp_path.glob("writeback-doctor-answers-*.json")), "stopped early: the answers are kept for --from"
    return [entry["path"] for entry in json.loads(transcript.read_text(encoding="utf-8"))]


PROMPT = re.compile(r"\] Q\d+(?P<part>[a-z]?) \[(?P<path>[^\] @]+)")


def answered(tmp_path: Path, by_path: dict[str, str], questions: int, *argv: str) -> list[str]:
    """The fact paths the interview asked, in order (its transcript), each question answered as it comes, whatever
    the order: ``by_path`` (fact path -> answer to the first part of its question), else "I don't know"; ``stop``
    after ``questions`` questions."""
    child = spawn_interview(tmp_path, "--transcript", "t.json", *argv)
    seen = 0
    while True:
        child.expect(PROMPT)
        path, first = child.match.group("path"), child.match.group("part") in ("", "a")
        child.expect("> ")
        if first and seen == questions:
            child.sendline("stop")
            break
        seen += first
        child.sendline(by_path.get(path, "?") if first else "")
    finish_interview(child)
    assert list(tmp_path.glob("writeback-doctor-answers-*.json")), "stopped early: the answers are kept for --from"
    return [entry["path"] for entry in json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))]


def test_from_sspr_0029_alone_each_cause_of_the_article_is_decided_within_five_questions(tmp_path):
    start = tmp_path / "start.json"
    start.write_text(json.dumps({"symptom": {"error_code": "SSPR_0029"}}), encoding="utf-8")
    # the users question names the test user (the account that saw the error) whenever it comes; every other
    # answer: I don't know
    paths = answered(tmp_path, {"users": "alice@contoso.com"}, 8, "--from", str(start))
    first_five = paths[:5]
    assert {cause: fact for cause, fact in DECIDING.items() if fact not in first_five} == {}, paths


def test_typed_as_the_first_answer_sspr_0029_leads_to_the_same_five_questions(tmp_path):
    paths = answered(tmp_path, {"symptom.error_code": "SSPR_0029", "users": "alice@contoso.com"}, 9)
    assert paths[0] == "symptom.error_code"
    assert set(DECIDING.values()) <= set(paths[1:6]), paths


def test_the_message_as_displayed_is_recognised_as_its_code(tmp_path):
    out = tmp_path / "facts.json"
    subprocess.run(DIAGNOSE + ["interview", "--out", str(out)], capture_output=True, text=True, timeout=300, check=False,
                   cwd=tmp_path, input="We're unable to reset your password due to an error in your on-premises configuration.\nstop\n")
    symptom = json.loads(out.read_text(encoding="utf-8"))["symptom"]
    assert symptom["error_code"] == "SSPR_0029" and symptom["error_text"].startswith("We're unable")


def test_without_a_symptom_a_fresh_interview_opens_with_what_the_user_saw(tmp_path):
    paths = asked(tmp_path, "?\n" * 5 + "stop\n")
    assert paths[:4] == ["symptom.error_code", "symptom.where", "symptom.affected", "symptom.affected_admins_only"]
    assert paths[4] == "tenant.assigned_licenses"  # then the order of the report, as before


def test_the_report_names_the_suspects_of_sspr_0029_and_asks_their_deciding_facts_first():
    report = diagnose(shipped(), {"symptom": {"error_code": "SSPR_0029"}}).to_json()
    (entry,) = report["suspects"]
    assert entry["observation"] == "SSPR_0029"
    suspects = {s["id"] for s in entry["consistent_with"]}
    assert {"protected-accounts-by-design", "connector-account-permissions", "connect-not-on-domain-controller",
            "remote-sam-allows-connector"} <= suspects
    first = [q["path"] for q in report["questions"][:4]]
    assert set(first) == {"users", "connector_account.reset_password", "server.is_domain_controller",
                          "connector_account.remote_sam_allowed"}


def test_a_ruled_out_suspect_leaves_the_list_and_is_named_as_checked():
    report = diagnose(shipped(), {"symptom": {"error_code": "SSPR_0029"}, "connector_account": {"remote_sam_allowed": True}}).to_json()
    (entry,) = report["suspects"]
    assert "remote-sam-allows-connector" not in {s["id"] for s in entry["consistent_with"]}
    assert "remote-sam-allows-connector" in entry["ruled_out"]


def test_a_symptom_only_one_cause_explains_is_reported_as_that_finding_provided_that_it_holds():
    report = diagnose(shipped(), {"symptom": {"error_code": "SSPR_0013"}}).to_json()
    (diagnosis,) = [d for d in report["diagnoses"] if d["id"] == "sspr-enabled"]
    assert diagnosis["finding"] == "test-user-outside-sspr-scope" and diagnosis["provided_that"]
    assert diagnosis["because"][0] == {"fact": "symptom.error_code", "value": "SSPR_0013"}


def test_an_unknown_code_and_a_change_no_rule_explains_are_reported_as_unexplained():
    report = diagnose(shipped(), {"symptom": {"error_code": "unknown", "error_text": "SSPR_0031",
                                   "error_note": "SSPR_0031 as reported: not among the codes Microsoft documents",
                                   "changes": [{"kind": "connect-upgrade"}]}}).to_json()
    unexplained = {u["observation"]: u for u in report["unexplained"]}
    assert set(unexplained) == {"unknown: SSPR_0031", "connect-upgrade"}
    assert "SSPR_0031 as reported" in unexplained["unknown: SSPR_0031"]["note"]


def test_a_symptom_whose_causes_are_all_ruled_out_names_what_was_checked():
    facts = {"symptom": {"error_code": "SSPR_0010"}, "sspr": {"writeback_enabled_for_synced_users": True},
             "connect": {"writeback_enabled": True, "installed": True}, "cloud_sync": {"used": False}}
    report = diagnose(shipped(), facts).to_json()
    (entry,) = [u for u in report.get("unexplained", []) if u["observation"] == "SSPR_0010"]
    assert {"portal-writeback-switch", "writeback-enabled-in-connect"} <= set(entry["checked"])


def test_without_symptoms_the_report_has_no_symptom_sections(repo):
    for example in sorted((repo / "examples").glob("*.json")):
        report = diagnose(shipped(), json.loads(example.read_text(encoding="utf-8"))).to_json()
        assert "suspects" not in report and "unexplained" not in report, example.name
