"""The interview as a support engineer meets it in a terminal (a real pseudo-terminal, pexpect):
the most decisive question first, progress, an offer to stop as soon as a blocking finding is
certain, back and skip, one question for a list of accounts, and Ctrl-C that keeps the answers
(exit 130, no traceback) for --from to resume."""

from __future__ import annotations

import json
from pathlib import Path

import pexpect
import pytest

from tests.helpers import finish_interview, spawn_interview, with_symptom

REPO = Path(__file__).resolve().parent.parent
HEALTHY = json.loads((REPO / "examples" / "healthy-hybrid.json").read_text(encoding="utf-8"))
VERSION = HEALTHY["connect"]["version"]  # current enough: no finding


def healthy_without(**missing: tuple[str, ...]) -> dict:
    """The healthy example with some facts taken out (top-level name -> keys removed)."""
    facts = json.loads(json.dumps(HEALTHY))
    for top, keys in missing.items():
        for key in keys:
            facts[top].pop(key)
    return with_symptom(facts)


def spawn(tmp_path: Path, *argv: str) -> pexpect.spawn:
    return spawn_interview(tmp_path, *argv, timeout=60)


finish = finish_interview


@pytest.fixture
def sspr_unknown(tmp_path: Path) -> Path:
    """A tenant whose SSPR switch, Connect version and Service Bus test are not known yet."""
    start = tmp_path / "start.json"
    facts = healthy_without(sspr=("enabled_for",), connect=("version",), network=("servicebus_https",))
    start.write_text(json.dumps(facts), encoding="utf-8")
    return start


def test_the_deciding_question_comes_first_with_progress_and_an_offer_to_stop(tmp_path, sspr_unknown):
    child = spawn(tmp_path, "--from", str(sspr_unknown), "--out", "facts.json")
    child.expect(r"\[1/~3\] Q1 \[sspr\.enabled_for\]")  # setup before connectivity, progress shown
    child.expect(r"\) > ")
    child.sendline("none")
    child.expect("Certain now: Self-service password reset is off in the tenant")
    child.expect(r"Stop here and see the report\? .*\(yes/no\) > ")
    child.sendline("yes")
    child.expect("Interview stopped")
    child.expect("1. \\[CRITICAL\\] Self-service password reset")
    assert finish(child) == 1
    facts = json.loads((tmp_path / "facts.json").read_text(encoding="utf-8"))
    assert facts["sspr"]["enabled_for"] == "none" and "version" not in facts["connect"]


def test_back_asks_the_previous_question_again_and_skip_asks_it_later(tmp_path, sspr_unknown):
    child = spawn(tmp_path, "--from", str(sspr_unknown), "--out", "facts.json", "--transcript", "t.json")
    child.expect(r"Q1 \[sspr\.enabled_for\].*\) > ")
    child.sendline("all")
    child.expect(r"\[2/~3\] Q2 \[(\S+)\]")
    second = child.match.group(1)
    child.expect(r"\) > ")
    child.sendline("back")
    child.expect(r"\[1/~3\] Q1 \[sspr\.enabled_for\].*\) > ")  # asked again, its answer forgotten
    child.sendline("selected")
    child.expect(rf"Q2 \[{second}\].*\) > ")
    child.sendline("skip")
    child.expect(r"Q2 \[(\S+)\].*\) > ")
    third = child.match.group(1)
    assert third != second
    child.sendline("yes" if "https" in third else VERSION)
    child.expect(rf"Q3 \[{second}\].*\) > ")  # the skipped question, after the others
    child.sendline("yes" if "https" in second else VERSION)
    assert finish(child) == 0
    facts = json.loads((tmp_path / "facts.json").read_text(encoding="utf-8"))
    assert facts["sspr"]["enabled_for"] == "selected"
    assert [e["path"] for e in json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))] == [
        "sspr.enabled_for", third, second]


def test_ctrl_c_keeps_the_answers_exits_130_without_a_traceback_and_from_resumes(tmp_path, sspr_unknown):
    child = spawn(tmp_path, "--from", str(sspr_unknown))
    child.expect(r"Q1 \[sspr\.enabled_for\].*\) > ")
    child.sendline("all")
    child.expect(r"Q2 \[\S+\].*\) > ")
    child.sendintr()
    child.expect(r"the answers so far are saved in (\S+) \(continue with: diagnose interview --from \S+\)")
    saved = Path(child.match.group(1))
    status = finish(child)
    assert "Traceback" not in child.before
    assert status == 130
    assert saved.parent == tmp_path  # named on standard error, in the current directory
    assert json.loads(saved.read_text(encoding="utf-8"))["sspr"]["enabled_for"] == "all"
    resumed = spawn(tmp_path, "--from", str(saved))
    resumed.expect(r"\[1/~2\] Q1 \[(\S+)\]")
    assert resumed.match.group(1) != "sspr.enabled_for"  # answered before the interruption
    resumed.sendintr()
    assert finish(resumed) == 130


def test_end_of_input_keeps_the_answers_in_a_named_recovery_file(tmp_path, sspr_unknown):
    child = spawn(tmp_path, "--from", str(sspr_unknown))
    child.expect(r"Q1 \[sspr\.enabled_for\].*\) > ")
    child.sendline("all")
    child.expect(r"Q2 \[\S+\].*\) > ")
    child.sendeof()
    child.expect(r"Answers so far saved to (\S+);")
    saved = Path(child.match.group(1))
    finish(child)
    assert json.loads(saved.read_text(encoding="utf-8"))["sspr"]["enabled_for"] == "all"


def test_a_yes_no_field_of_several_accounts_is_asked_once_for_the_list(tmp_path):
    facts = json.loads(json.dumps(HEALTHY))
    for user in facts["users"]:
        user.pop("is_test_user")
    start = tmp_path / "start.json"
    start.write_text(json.dumps(facts), encoding="utf-8")
    names = [u["name"] for u in facts["users"]]
    child = spawn(tmp_path, "--from", str(start), "--out", "facts.json")
    while child.expect([r"Q\d+ \[users\[\]\.is_test_user\] .*Which of these accounts\?", r"Q\d+ \[[^\]]+\] "]) == 1:
        child.expect(r"\) > ")
        child.sendline("?")  # another question the same rule waits for: not known here
    child.expect(r"\) > ")
    assert all(name in child.before for name in names)
    child.sendline("maybe")
    child.expect("Not accepted")
    child.expect(r"\) > ")
    child.sendline("2")
    child.expect(r"\) > |Interview|Nothing undecided")  # whatever the rules still wait for comes next
    child.sendeof()
    finish(child)
    written = json.loads((tmp_path / "facts.json").read_text(encoding="utf-8"))
    assert {u["name"]: u["is_test_user"] for u in written["users"]} == {n: n == names[1] for n in names}
    assert child.before.count("is_test_user") == 0  # asked once, never per account
