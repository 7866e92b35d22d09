"""Round 3 of the reliability review (``../shared/reference/reliability-review.md``, D1-D12): each test runs the
review's reproduction and checks what the user must get instead: a located message with exit 2, a batch item of
its own with the others and the summary still written, text from input inert on the terminal, answers saved on
SIGTERM and SIGHUP, never a wait on a FIFO, never a traceback."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run, with_symptom
from writeback_doctor.sources import server_info

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SCHEDULER = REPO / "tests" / "fixtures" / "exports" / "collectors" / "connect-server" / "scheduler.json"
POLICY = REPO / "tests" / "fixtures" / "exports" / "get-addefaultdomainpasswordpolicy" / "powershell-7.json"
EVENT = REPO / "tests" / "fixtures" / "exports" / "winevent" / "single-event-ps7.json"
TERMINAL_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
"""What must never reach a terminal from input: controls but the line break, C1, bidi and invisible characters."""
HOSTILE_NAME = "a\nb\x1b]0;PWNED\x07\x1b[2J\x1b[31m"
HOSTILE_TITLE = "\x1b]0;PWNED\x07\x1b[2J\u202e"
TLS = {"Tls12": [{"Path": "HKLM:\\x", "Name": [], "Value": 1}], "OperatingSystem": {"BuildNumber": "17763"}}


def process(*argv: str, shell_redirect: str = "", env: dict[str, str] | None = None,
            stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``diagnose ARGS`` as a user runs it; ``shell_redirect`` (``<&-``, ``2>&-``) closes a standard stream first."""
    command = " ".join([sys.executable, "-m", "writeback_doctor", *map(_quote, argv), shell_redirect])
    return subprocess.run(["sh", "-c", command], input=stdin, capture_output=True, timeout=120, cwd=cwd,
                          env={**os.environ, **(env or {})})


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


# ------------------------------------------------------------------ D1 a list or object where a string is


@pytest.mark.parametrize("name", [[], {}, {"a": [1]}, [["SchUseStrongCrypto"]]])
def test_d1_a_list_or_object_tls12_name_is_a_located_exit_2(capsys, tmp_path, name):
    path = tmp_path / "tls.json"
    path.write_text(json.dumps({**TLS, "Tls12": [{**TLS["Tls12"][0], "Name": name}]}), encoding="utf-8")
    status, out, err = run(capsys, str(path))
    assert status == 2 and out == "" and f"{path}: $.Tls12[0].Name: " in err and len(err.splitlines()) == 1, err


def test_d1_import_refuses_it_and_leaves_the_previous_file(capsys, tmp_path):
    path, target = tmp_path / "tls.json", tmp_path / "f.json"
    path.write_text(json.dumps(TLS), encoding="utf-8")
    target.write_text("previous\n", encoding="utf-8")
    status, _, err = run(capsys, "import", str(path), "--out", str(target))
    assert status == 2 and "$.Tls12[0].Name" in err and target.read_text(encoding="utf-8") == "previous\n"


def test_d1_batch_gives_the_item_its_own_status_and_writes_the_rest_and_the_summary(capsys, tmp_path):
    path = tmp_path / "tls.json"
    path.write_text(json.dumps(TLS), encoding="utf-8")
    status, out, _ = run(capsys, "batch", str(EXAMPLES / "sspr-off.json"), str(path), str(EXAMPLES / "healthy-hybrid.json"))
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line.get("status") for line in lines[:3]] == ["diagnosed", "invalid", "ok"] and status == 2
    assert lines[1]["problems"][0]["path"] == "$.Tls12[0].Name" and lines[3]["summary"]["items"] == 3


def test_d1_a_bug_in_one_batch_item_is_an_internal_line_not_the_end_of_the_run(capsys, tmp_path, monkeypatch):
    def broken(data):
        raise RuntimeError("a bug in a reader")

    monkeypatch.setattr(server_info, "extract", broken)
    path = tmp_path / "tls.json"
    path.write_text(json.dumps(TLS), encoding="utf-8")
    status, out, _ = run(capsys, "batch", str(path), str(EXAMPLES / "healthy-hybrid.json"), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["status"] for row in rows] == ["internal", "ok"] and "a bug in a reader" in rows[0]["error"]
    assert status == 3


# ------------------------------------------------------------------ D2, D6 file names; D3 user names; D9 titles


def test_d2_a_hostile_file_name_is_inert_in_the_report_footer(capsys, tmp_path):
    folder = tmp_path / "f"
    folder.mkdir()
    shutil.copy(SCHEDULER, folder / f"{HOSTILE_NAME}.json")
    shutil.copy(SCHEDULER, folder / "x\u202egnp.json")
    status, out, err = run(capsys, str(folder))
    assert status in (0, 1, 4) and not TERMINAL_UNSAFE.search(out + err), out + err
    shown = out.replace("\n", "")  # a long name may be wrapped
    assert "a\\nb\\x1b]0;PWNED\\x07\\x1b[2J\\x1b[31m.json" in shown and "x\\u202egnp.json" in shown


def test_d2_a_hostile_file_name_is_inert_in_a_located_error(capsys, tmp_path):
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "x\x1b]0;T\x07\x1b[2J.json").write_text("{bad", encoding="utf-8")
    status, out, err = run(capsys, str(folder))
    assert status == 2 and not TERMINAL_UNSAFE.search(err) and "x\\x1b]0;T\\x07\\x1b[2J.json:1:2: not valid JSON" in err
    status, out, err = run(capsys, "zz\x1b[31m.json")  # the user's own argument, echoed
    assert status == 2 and "zz\\x1b[31m.json: no such file" in err and not TERMINAL_UNSAFE.search(err)


def test_d6_a_file_name_that_is_not_utf8_under_a_strict_utf8_stdout(tmp_path):
    folder = tmp_path / "h"
    folder.mkdir()
    shutil.copy(SCHEDULER, os.path.join(os.fsencode(folder), b"caf\xe9.json"))
    done = process(str(folder), env={"PYTHONIOENCODING": "utf-8:strict"})
    assert done.returncode in (0, 1, 4) and b"Traceback" not in done.stderr, done.stderr[-2000:]
    assert b"caf\\xe9.json" in done.stdout


def test_d3_user_names_are_inert_in_the_interview(capsys, tmp_path, monkeypatch):
    start = tmp_path / "h.json"
    start.write_text(json.dumps(with_symptom({"users": [{"name": "\x1b]0;PWNED\x07\x1b[2Jadmin\u202e@x",
                                                           "is_test_user": True}]})), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO("?\n?\n?\nstop\n"))
    status, out, err = run(capsys, "interview", "--from", str(start), "--out", str(tmp_path / "out.json"))
    assert status in (0, 1, 4) and "PWNED" in err and not TERMINAL_UNSAFE.search(err), err
    assert "\\x1b]0;PWNED\\x07\\x1b[2Jadmin\\u202e@x" in err and not TERMINAL_UNSAFE.search(out)


@pytest.fixture
def titled_rules(tmp_path) -> Path:
    """The shipped rules, sspr-enabled titled (and its finding headed) with an OSC title-set, a clear screen and a
    right-to-left override."""
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    rule = rules / "setup" / "sspr-enabled.yaml"
    text = rule.read_text(encoding="utf-8").replace(
        "  en: Self-service password reset is enabled for the users who test it",
        '  en: "\\e]0;PWNED\\a\\e[2J\\u202e [x](https://evil.example) reset"').replace(  # and the finding's headline
        '      en: "Self-service password reset is off in the tenant"', '      en: "\\e]0;PWNED\\a\\e[2J\\u202e [x](https://evil.example) off"')
    rule.write_text(text, encoding="utf-8")
    return rules


@pytest.mark.parametrize("argv", [("rules", "list"), ("rules", "show", "sspr-enabled"), (str(EXAMPLES / "sspr-off.json"),),
                                  (str(EXAMPLES / "sspr-off.json"), "--verbose"),
                                  (str(EXAMPLES / "sspr-off.json"), "--format", "markdown")])
def test_d9_a_hostile_rule_title_is_inert(capsys, titled_rules, argv):
    status, out, err = run(capsys, *argv, "--rules", str(titled_rules))
    assert status in (0, 1) and "PWNED" in out and not TERMINAL_UNSAFE.search(out + err), out
    if "markdown" in argv:
        assert "\\[x\\](https://evil.example)" in out  # no live link in a ticket


# ------------------------------------------------------------------ D4 signals during the interview


@pytest.mark.parametrize("number, status", [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_d4_sigterm_and_sighup_save_the_answers_and_the_transcript(tmp_path, number, status):
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(sys.executable, ["-m", "writeback_doctor", "interview", "--out", "t.json", "--transcript",
                                           "tr.json"], cwd=str(tmp_path), env=dict(os.environ), timeout=120)
    child.expect(r"\[1/")
    child.sendline("SSPR_0029")  # the interview opens with what the user saw (issue 24)
    child.expect(r"\[2/")
    child.kill(number)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == status and child.signalstatus is None
    assert json.loads((tmp_path / "t.json").read_text(encoding="utf-8")) == {"symptom": {"error_code": "SSPR_0029"}}
    assert [entry["answer"] for entry in json.loads((tmp_path / "tr.json").read_text(encoding="utf-8"))] == [
        {"error_code": "SSPR_0029"}]


# ------------------------------------------------------------------ D5 closed standard streams


@pytest.mark.parametrize("argv", [("-",), ("batch", "-"), ("interview",)])
def test_d5_a_closed_stdin_is_exit_2_without_a_traceback(argv):
    done = process(*argv, shell_redirect="<&-")
    assert done.returncode == 2 and b"Traceback" not in done.stderr, done.stderr[-2000:]
    assert b"standard input is closed" in done.stderr + done.stdout
    if argv == ("-",):
        assert done.stderr.count(b"\n") == 1


def test_d5_a_closed_stderr_still_exits_2():
    assert process("/nonexistent", shell_redirect="2>&-").returncode == 2


# ------------------------------------------------------------------ D7 FIFOs, devices, link loops in a rule folder


@pytest.mark.parametrize("argv", [(str(EXAMPLES / "sspr-off.json"),), ("rules", "lint"), ("rules", "list"),
                                  ("batch", str(EXAMPLES / "sspr-off.json"))])
@pytest.mark.parametrize("special", ["fifo", "device", "loop"])
def test_d7_a_fifo_device_or_link_loop_in_a_rule_folder_is_exit_2_never_a_wait(tmp_path, argv, special):
    rules = tmp_path / "R"
    shutil.copytree(REPO / "rules", rules)
    place = rules / "setup" / "zz.yaml"
    if special == "fifo":
        os.mkfifo(place)
    elif special == "device":
        os.symlink("/dev/null", place)
    else:
        os.symlink("zz.yaml", place)
    done = process(*argv, "--rules", str(rules))  # a wait would end in subprocess.TimeoutExpired
    assert done.returncode == 2 and b"Traceback" not in done.stderr and b"zz.yaml" in done.stderr, done.stderr[-2000:]


# ------------------------------------------------------------------ D8 CSV formula injection


@pytest.mark.parametrize("label", ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "-1+1"])
def test_d8_a_csv_cell_is_never_a_formula(capsys, monkeypatch, label):
    line = json.dumps({"tenant": {"label": label, "cloud": "global"}}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(line.encode()), encoding="utf-8"))
    status, out, _ = run(capsys, "batch", "-", "--format", "csv")
    (row,) = csv.DictReader(io.StringIO(out))
    assert row["label"] == "'" + label and status == 4


# ------------------------------------------------------------------ D10 --out and --transcript one file


def test_d10_out_and_transcript_naming_one_file_is_a_usage_error(tmp_path):
    done = subprocess.run([sys.executable, "-m", "writeback_doctor", "interview", "--out", "same.json", "--transcript",
                           "./same.json"], cwd=tmp_path, input=b"?\n?\n?\nstop\n", capture_output=True, timeout=120)
    assert done.returncode == 2 and b"same file" in done.stderr and not (tmp_path / "same.json").exists()


# ------------------------------------------------------------------ D11 a cache secret of the wrong length


@pytest.mark.parametrize("content", [b"", b"0" * 10])
def test_d11_a_secret_of_the_wrong_length_is_replaced_never_used(tmp_path, content):
    from expert_engine.startup import store as rule_cache

    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    secret = cache / "secret"
    secret.write_bytes(content)
    secret.chmod(0o600)
    documents = [{"rule": {"id": "x"}}]
    payload = json.dumps(documents, ensure_ascii=False).encode("utf-8")
    forged = rule_cache._mac(content, "k", payload).encode() + b"\n" + payload  # signed with the bad secret
    (cache / "rules-k.json").write_bytes(forged)
    (cache / "rules-k.json").chmod(0o600)
    assert rule_cache.read_cached(cache, "k") is None
    rule_cache.write_cached(cache, "k2", documents)
    assert len(secret.read_bytes()) == 64 and secret.read_bytes() != content
    assert rule_cache.read_cached(cache, "k2") == documents and rule_cache.read_cached(cache, "k") is None


# ------------------------------------------------------------------ D12 negative spans, NUL in dates, empty JSONL


@pytest.mark.parametrize("span", [{"Ticks": -1}, {"Ticks": -864000000000, "TotalDays": -1}, {"TotalDays": -0.5},
                                  "-1.00:00:00", "-00:00:01", "-0.00:00:00.0000001"])
def test_d12_a_negative_time_span_is_refused_in_every_form(capsys, tmp_path, span):
    data = json.loads(POLICY.read_text(encoding="utf-8-sig"))
    path = tmp_path / "policy.json"
    path.write_text(json.dumps({**data, "MinPasswordAge": span}), encoding="utf-8")
    status, _, err = run(capsys, str(path))
    assert status == 2 and "$.MinPasswordAge" in err and "negative" in err, err


def test_d12_minus_zero_ticks_is_zero_days_not_minus_zero(capsys, tmp_path):
    data = json.loads(POLICY.read_text(encoding="utf-8-sig"))
    path = tmp_path / "policy.json"
    path.write_text(json.dumps({**data, "MinPasswordAge": {"TotalDays": -0.0}}), encoding="utf-8")
    status, out, _ = run(capsys, "import", str(path))
    assert json.loads(out)["password_policy"]["minimum_age_days"] == 0 and "-0" not in out


@pytest.mark.parametrize("suffix", ["\x00", " ", "\n", "\x1b"])
def test_d12_a_date_with_a_nul_or_padding_is_not_a_date(capsys, tmp_path, suffix):
    data = json.loads(EVENT.read_text(encoding="utf-8-sig"))
    event = data[0] if isinstance(data, list) else data
    event["TimeCreated"] = event["TimeCreated"] + suffix
    path = tmp_path / "event.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    status, _, err = run(capsys, str(path))
    assert status == 2 and "TimeCreated: expected a date" in err, err


@pytest.mark.parametrize("stdin", [b"", b"\n\n  \n"])
def test_d12_an_empty_json_lines_stream_is_not_healthy(capsys, monkeypatch, stdin):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    status, out, err = run(capsys, "batch", "-")
    assert status == 2 and "no documents" in err and json.loads(out)["summary"]["items"] == 0


# ------------------------------------------------------------------ found on the way


def test_batch_table_keeps_its_line_breaks(capsys):
    status, out, _ = run(capsys, "batch", str(EXAMPLES / "sspr-off.json"), str(EXAMPLES / "healthy-hybrid.json"),
                         "--format", "table")
    assert "\\n" not in out and len(out.splitlines()) > 5 and status == 1


def test_import_of_odd_file_names_writes_inert_json_that_reads_back(tmp_path):
    folder = tmp_path / "f"
    folder.mkdir()
    shutil.copy(SCHEDULER, os.path.join(os.fsencode(folder), b"caf\xe9.json"))
    shutil.copy(SCHEDULER, folder / "x\u202egnp.json")
    done = process("import", str(folder), env={"PYTHONIOENCODING": "utf-8:strict"})
    assert done.returncode == 0 and not TERMINAL_UNSAFE.search(done.stdout.decode() + done.stderr.decode())
    assert b"caf\\\\xe9.json" in done.stdout and b"x\\u202egnp.json" in done.stdout
    (tmp_path / "facts.json").write_bytes(done.stdout)
    assert process(str(tmp_path / "facts.json")).returncode in (0, 1, 4)
