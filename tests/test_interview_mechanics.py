"""The interview's mechanics as a support engineer meets them (issue P, point 7): no question that an
earlier answer made moot, every question worded to its answer type, an estimate of the questions left
that does not jump around, the answers and the transcript kept on every way of stopping (Ctrl-C,
SIGTERM, SIGHUP, end of input), and an opening that names the collectors and --from. The interview is
driven through a real pseudo-terminal (pexpect) or, for long scripted runs, in process with answers
chosen from the prompts it writes."""

from __future__ import annotations

import io
import json
import re
import signal
from pathlib import Path
from typing import Any, Iterator, Mapping

import pexpect
import pytest

from expert_engine import schema_node
from writeback_doctor.commands.interview import Interview
from writeback_doctor.diagnosis import diagnose
from writeback_doctor.knowledge import facts_schema
from writeback_doctor.partial import plain

from .helpers import finish_interview, shipped, spawn_interview, with_symptom

REPO = Path(__file__).resolve().parent.parent
HEALTHY = with_symptom(json.loads((REPO / "examples" / "healthy-hybrid.json").read_text(encoding="utf-8")))
PROGRESS = re.compile(r"\[(\d+)/~(\d+)\] Q(\w+) \[(.+?)\] ")


def spawn(tmp_path: Path, *argv: str) -> pexpect.spawn:
    return spawn_interview(tmp_path, *argv, timeout=90)


finish = finish_interview


def answer_next(child: pexpect.spawn, answers: Mapping[str, str], default: str = "") -> str:
    """Wait for the next prompt, answer it from ``answers`` (by fact path; the stop offer: "no"); the path asked."""
    index = child.expect([r"Q(\w+) \[(.+?)\] [^\n]*\n  \([^\n]*\) > ", r"Stop here and see the report\?.*> "])
    if index == 1:
        child.sendline("no")
        return "<offer>"
    path = child.match.group(2)
    child.sendline(answers.get(path, default))
    return path


# ---------------------------------------------------------------- no moot question


def connect_only_facts() -> set[str]:
    """The facts that only rules about Connect's own settings read (those that apply once Connect is in place)."""
    rules = shipped().ruleset.rules
    gated = [r for r in rules if getattr(r.applies_when, "name", None) == "connect-in-place"]
    others = {path for r in rules if r not in gated for path in r.facts_read()}
    return {path for r in gated for path in r.facts_read()} - others


def test_connect_not_installed_makes_every_question_about_its_own_settings_moot():
    moot = connect_only_facts()
    assert {"connector_account.reset_password", "server.os", "connect.staging_mode", "server.tls12_enabled"} <= moot
    before = {q.path for q in diagnose(shipped(), {}).questions}
    after = {q.path for q in diagnose(shipped(), {"connect": {"installed": False}}).questions}
    assert len(moot & before) >= 10 and not moot & after
    assert "sspr.writeback_enabled_for_synced_users" in after  # what the other path needs is still asked


# Read by rules that also read other facts (firewall endpoints, the DC tested on, the idle window):
# each of those rules decides without them once Connect is said not to be installed.
CONNECT_SETTINGS_READ_ELSEWHERE = {"connect.version", "connect.preferred_dcs_only", "connect.writeback_enabled",
                                   "connect.minutes_since_writeback_enabled"}


def test_connect_not_installed_makes_its_version_dcs_and_writeback_switch_moot_too():
    before = {q.path for q in diagnose(shipped(), {"problem": {"persists": True}}).questions}
    after = {q.path for q in diagnose(shipped(), {"problem": {"persists": True}, "connect": {"installed": False}}).questions}
    assert CONNECT_SETTINGS_READ_ELSEWHERE <= before and not CONNECT_SETTINGS_READ_ELSEWHERE & after, after
    assert {"network.servicebus_https", "network.passwordreset_https"} <= after  # a blocked endpoint is still a problem


def test_a_blocked_relay_with_connect_not_installed_is_certain_without_the_version():
    facts = {"tenant": {"cloud": "global"}, "connect": {"installed": False}, "network": {"servicebus_https": False}}
    report = diagnose(shipped(), facts)
    blocked = next(d for d in report.diagnoses if d.rule.id == "firewall-servicebus-endpoint")
    assert blocked.finding.id == "servicebus-blocked" and blocked.provided == ()


def test_minutes_since_enabling_writeback_show_connect_in_place():
    """Minutes counted from enabling writeback in the Connect wizard (or restarting ADSync) exist only where
    Connect is: the idle-window finding then waits for the writeback switch alone, not for connect.installed."""
    idle = diagnose(shipped(), {"connect": {"minutes_since_writeback_enabled": 1}}).diagnosis("idle-connection-window")
    assert idle is not None and idle.finding.id == "tested-too-soon"
    assert [q.path for proviso in idle.provided for q in proviso.questions] == ["connect.writeback_enabled"]


def test_a_user_holding_premium_makes_the_premium_licence_count_moot():
    """The usability review's Q6: the premium licence count right after the test user was said to hold premium."""
    count = "tenant.premium_licenses_assigned"
    none_named = diagnose(shipped(), {"users": [{"name": "test.user@contoso.com", "license": "basic"}]})
    premium = diagnose(shipped(), {"users": [{"name": "test.user@contoso.com", "license": "premium"}]})
    assert count in {q.path for q in none_named.questions} and count not in {q.path for q in premium.questions}
    stated = diagnose(shipped(), {"tenant": {"premium_licenses_assigned": 0},
                                  "users": [{"name": "test.user@contoso.com", "license": "premium"}]})
    assert stated.diagnosis("license-premium-for-writeback") is not None  # a stated 0 is still read, never hidden


def test_writeback_off_in_connect_makes_the_idle_minutes_moot():
    assert "connect.minutes_since_writeback_enabled" in {q.path for q in diagnose(shipped(), {}).questions}
    off = diagnose(shipped(), {"connect": {"installed": True, "ad_connector_configured": True, "writeback_enabled": False}})
    assert "connect.minutes_since_writeback_enabled" not in {q.path for q in off.questions}


def test_in_a_terminal_no_question_about_connect_follows_connect_is_not_installed(tmp_path):
    start = tmp_path / "start.json"
    facts = json.loads(json.dumps(HEALTHY))
    for top in ("connect", "connector_account", "server", "event_log"):  # the log's success events show Connect
        facts.pop(top, None)
    del facts["sspr"]["writeback_enabled_for_synced_users"]  # asked whether Connect is there or not
    start.write_text(json.dumps(facts), encoding="utf-8")
    child = spawn(tmp_path, "--from", str(start))
    asked = []
    while "connect.installed" not in asked:
        asked.append(answer_next(child, {"connect.installed": "no"}))
    child.expect(r"Certain now: Azure AD Connect")
    questions = []
    while (index := child.expect([r"Q\w+ \[(.+?)\] ", r"Stop here and see the report\?.*> ", pexpect.EOF])) != 2:
        child.sendline("" if index == 0 else "no")  # "I don't know" to each question, to see every one that comes
        if index == 0:
            questions.append(child.match.group(1))
    assert finish(child) == 1
    assert questions and not set(questions) & connect_only_facts(), questions
    assert not set(questions) & CONNECT_SETTINGS_READ_ELSEWHERE, questions


# ---------------------------------------------------------------- questions worded to their answer type


YES_NO_EN = re.compile(r"(^|, )(Is|Are|Does|Do|Did|Has|Have|Can|Was|Were|is|are|does|do|did|has|have|can)\b")
WH_EN = re.compile(r"^(Which|What|How|Where|When|Who|Why|By how|In which|At which|Since when|Anything)\b")


def asked_facts(schema: Mapping[str, Any], path: str = "") -> Iterator[tuple[str, Mapping[str, Any]]]:
    """(path, schema node) of every fact with a question of its own, items' fields as ``array[].field``."""
    for key, node in schema.get("properties", {}).items():
        here = f"{path}.{key}" if path else key
        if "x-question" in node and node.get("type") not in ("object", "array"):
            yield here, node
        yield from asked_facts(node, here)
        if node.get("type") == "array" and isinstance(node.get("items"), Mapping):
            for item_key, item in node["items"].get("properties", {}).items():
                if "x-question" in item and item.get("type") not in ("object", "array"):
                    yield f"{here}[].{item_key}", item


def test_every_question_is_worded_to_its_answer_type():
    wrong = []
    questions = list(asked_facts(facts_schema()))
    assert len(questions) > 80
    for path, node in questions:
        en, uk = node["x-question"]["en"], node["x-question"]["uk"]
        if plain(node).get("type") == "boolean" and "enum" not in node:  # a yes/no fact (or yes/no/"some") asks yes/no
            if WH_EN.match(en) or not YES_NO_EN.search(en) or not uk.startswith("Чи "):
                wrong.append((path, "boolean", en, uk))
        elif YES_NO_EN.match(en) and " or " not in en or uk.startswith("Чи ") and " чи " not in uk:
            wrong.append((path, node.get("type", "enum"), en, uk))  # a choice, a number or a text: never yes/no
    assert wrong == []


def test_a_per_account_yes_no_question_reads_as_one_and_a_which_question_never_takes_yes(tmp_path):
    start = tmp_path / "start.json"
    facts = json.loads(json.dumps(HEALTHY))
    facts["users"] = [{"name": "admin@contoso.com", "is_admin": True}]
    start.write_text(json.dumps(facts), encoding="utf-8")
    child = spawn(tmp_path, "--from", str(start))
    while answer_next(child, {}) != "users[].is_test_user @ admin@contoso.com":
        pass
    shown = " ".join((child.before + child.after).split())
    assert "Is each account in scope used to test password reset with writeback? (about admin@contoso.com)" in shown
    assert shown.endswith("(yes/no) >")
    child.sendline("stop")
    finish(child)


def test_a_which_question_refuses_yes(tmp_path):
    start = tmp_path / "start.json"
    facts = json.loads(json.dumps(HEALTHY))
    del facts["server"]["os"]
    start.write_text(json.dumps(facts), encoding="utf-8")
    child = spawn(tmp_path, "--from", str(start))
    child.expect(r"\[server\.os\] Which Windows Server version runs Azure AD Connect\?")
    child.expect(r"> ")
    child.sendline("yes")
    child.expect("Not accepted: expected one of")
    child.sendline("stop")
    finish(child)


# ---------------------------------------------------------------- a stable estimate


class _Prompts(io.StringIO):
    """What the interview writes to the engineer."""


class _Answers:
    """Answers chosen from what the interview just asked (the prompt's ``[path]``), as a person at it would."""

    def __init__(self, prompts: _Prompts, answers: Mapping[str, str]):
        self.prompts, self.answers, self.seen = prompts, answers, 0

    def readline(self) -> str:
        text = self.prompts.getvalue()
        new, self.seen = text[self.seen:], len(text)
        if "Stop here and see the report?" in new:
            return "no\n"
        found = re.findall(r"Q(\w+) \[(.+?)\] ", new)
        number, path = found[-1]
        key = f"{path}:{'test' if number.endswith('a') else 'admin'}" if path == "users" else path
        return self.answers.get(key, self.answers.get(path, "")) + "\n"


def estimates(answers: Mapping[str, str], facts: dict | None = None) -> list[tuple[str, int]]:
    """(question label, total estimated) of each prompt of a scripted interview, as shown: ``[n/~total]``."""
    prompts = _Prompts()
    Interview(facts or {}, "en", shipped(), _Answers(prompts, answers), prompts).run()
    return [(match[3], int(match[1])) for match in PROGRESS.findall(prompts.getvalue())]


def test_with_i_dont_know_to_everything_the_estimate_holds_still():
    seen = estimates({})
    totals = [total for _, total in seen]
    assert len(seen) == totals[-1] or len(seen) == totals[-1] + 1  # it came true (the users question: two prompts)
    changes = [(seen[n][0], a, b) for n, (a, b) in enumerate(zip(totals, totals[1:], strict=False)) if a != b]
    # the only change: no account named, so no question about accounts is left
    assert len(changes) <= 1 and all(label == "users" and b < a for label, a, b in changes), changes


def test_with_real_answers_the_estimate_only_falls():
    answers = {"symptom.error_code": "SSPR_0029", "users:test": "olena@contoso.com", "users:admin": "admin@contoso.com",
               "sspr.enabled_for": "all", "connect.installed": "yes", "connect.ad_connector_configured": "yes",
               "connect.writeback_enabled": "yes", "sspr.writeback_enabled_for_synced_users": "yes",
               "connector_account.reset_password": "yes", "connector_account.change_password": "yes",
               "tenant.assigned_licenses": "40", "tenant.premium_licenses_assigned": "40"}
    seen = estimates(answers)
    totals = [total for _, total in seen]
    assert len(seen) > 10
    assert all(b <= a for a, b in zip(totals, totals[1:], strict=False)), seen
    assert totals[-1] < totals[0] and len(seen) <= totals[-1] + 1  # answers made questions moot, and it came true


# ---------------------------------------------------------------- answers and transcript kept on every stop


def _two_answers(child: pexpect.spawn) -> None:
    child.expect(r"diagnose collect")  # the opening names the collectors ...
    child.expect(r"--from")  # ... and --from
    child.expect(r"Q1 \[symptom\.error_code\][^\n]*\n  \([^\n]*\) > ")
    child.sendline("SSPR_0029")
    child.expect(r"Q2(?P<part>[ab]?) \[[^\n]*\n  \([^\n]*\) > ")  # whichever question the suspects put second
    child.sendline("")  # I don't know
    if child.match.group("part") == "a":  # the accounts: a test user and an administrator, both "I don't know"
        child.expect(r"Q2b \[users\][^\n]*\n  \([^\n]*\) > ")
        child.sendline("")


@pytest.mark.parametrize("stop, status", [("ctrl-c", 130), ("sigterm", 143), ("sighup", 129), ("end of input", None)])
def test_every_way_of_stopping_keeps_the_answers_and_the_transcript(tmp_path, stop, status):
    child = spawn(tmp_path, "--out", "facts.json", "--transcript", "transcript.json")
    _two_answers(child)
    child.expect(r"Q3 \[")
    if stop == "ctrl-c":
        child.sendintr()
    elif stop == "sigterm":
        child.kill(signal.SIGTERM)
    elif stop == "sighup":
        child.kill(signal.SIGHUP)
    else:
        child.expect(r"> ")
        child.sendeof()
    code = finish(child)
    if status is not None:
        assert code == status
        assert "Interrupted; the answers so far are saved in facts.json" in child.before.replace("\r", "") or \
            stop == "sighup"  # after a hang-up nobody reads the terminal: the files are what counts
    else:
        assert code in (1, 4)  # the report of what is known
    facts = json.loads((tmp_path / "facts.json").read_text(encoding="utf-8"))
    assert facts["symptom"]["error_code"] == "SSPR_0029"
    transcript = json.loads((tmp_path / "transcript.json").read_text(encoding="utf-8"))
    assert [entry["path"] for entry in transcript][:1] == ["symptom.error_code"] and len(transcript) == 2
    assert transcript[0]["answer"] == {"error_code": "SSPR_0029"} and transcript[1]["known"] is False
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.json", "transcript.json"]  # no temporary left


def test_without_out_a_stop_keeps_the_answers_in_a_named_recovery_file_that_from_resumes(tmp_path):
    child = spawn(tmp_path, "--transcript", "transcript.json")
    _two_answers(child)
    child.expect(r"Q3 \[")
    child.kill(signal.SIGTERM)
    assert finish(child) == 143
    recovery = re.search(r"saved in (\S+\.json)", child.before.replace("\r", "").replace("\n", ""))
    assert recovery is not None
    saved = Path(tmp_path / recovery.group(1).split("/")[-1])
    assert json.loads(saved.read_text(encoding="utf-8"))["symptom"]["error_code"] == "SSPR_0029"
    assert oct(saved.stat().st_mode & 0o777) == oct(0o600)  # the answers name accounts: private to the engineer
    assert len(json.loads((tmp_path / "transcript.json").read_text(encoding="utf-8"))) == 2
    child = spawn(tmp_path, "--from", str(saved))
    index = child.expect([r"diagnose collect", r"Q1a? \["])
    assert index == 1  # a resumed interview does not repeat the advice about collectors
    child.sendline("stop")
    finish(child)


def test_the_opening_names_the_collectors_and_from_in_ukrainian_too(tmp_path):
    child = spawn(tmp_path, "--lang", "uk")
    child.expect(r"скрипти diagnose collect")
    child.expect(r"diagnose interview --from FOLDER")
    child.expect(r"> ")
    child.sendline("стоп")
    finish(child)


def leaf_facts(schema: Mapping[str, Any], path: str = "") -> Iterator[str]:
    """Every fact that holds a value (not an object or array), items' fields as ``array[].field``."""
    for key, node in schema.get("properties", {}).items():
        here = f"{path}.{key}" if path else key
        if node.get("type") not in ("object", "array") and not key.startswith("$"):
            yield here
        yield from leaf_facts(node, here)
        if node.get("type") == "array" and isinstance(node.get("items"), Mapping):
            yield from leaf_facts(node["items"], here + "[]")


def test_every_fact_has_its_own_question_so_the_generic_what_is_x_is_never_asked():
    schema = facts_schema()
    asked = {path for path, _ in asked_facts(schema)}
    assert set(leaf_facts(schema)) - asked == set()  # "What is X?" would be a which-question for a yes/no fact
    assert all(schema_node(schema, path) is not None for path in asked)
