"""Command-line conventions a user expects (issue P, point 9), read as printed: severity colours on a
terminal only (NO_COLOR, --no-color, a pipe; FORCE_COLOR), "did you mean" for a mistyped subcommand,
a short help for bare ``diagnose``, and the healthy headline that says what passed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pexpect

REPO = Path(__file__).resolve().parent.parent
SSPR_OFF = REPO / "examples" / "sspr-off.json"
HEALTHY = REPO / "examples" / "healthy-hybrid.json"
SGR = re.compile(r"\x1b\[[0-9;]*m")
RED_CRITICAL = "1. \x1b[1;31m[CRITICAL]\x1b[0m Self-service password reset is off in the tenant"


def environment(**changes: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    env.update(PYTHONIOENCODING="utf-8", COLUMNS="100", TERM="xterm")
    env.update({k: v for k, v in changes.items() if v is not None})
    return env


def on_a_terminal(*argv: str, **env: str) -> tuple[int, str]:
    """What a person sees: ``diagnose ARGV`` in a real pseudo-terminal, its whole output and exit status."""
    child = pexpect.spawn(sys.executable, ["-m", "writeback_doctor", *argv], env=environment(**env), encoding="utf-8",
                          timeout=120, dimensions=(50, 100))
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, child.before.replace("\r\n", "\n")


def piped(*argv: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "writeback_doctor", *argv], capture_output=True, text=True,
                          encoding="utf-8", env=environment(**env), timeout=120)


def test_on_a_terminal_severities_are_coloured_and_nothing_else_changes():
    status, seen = on_a_terminal(str(SSPR_OFF))
    assert status == 1
    assert any(line.startswith(RED_CRITICAL) for line in seen.splitlines())
    assert "\x1b[1mStart with #1 (critical, affects every user): Self-service password reset is off in the tenant.\x1b[0m" \
        in seen.splitlines()
    assert SGR.sub("", seen) == piped(str(SSPR_OFF)).stdout  # the same report, only coloured


def test_no_color_in_the_environment_turns_colour_off():
    status, seen = on_a_terminal(str(SSPR_OFF), NO_COLOR="1")
    assert status == 1 and "[CRITICAL] Self-service password reset is off" in seen and "\x1b[" not in seen


def test_the_no_color_option_turns_colour_off():
    status, seen = on_a_terminal(str(SSPR_OFF), "--no-color")
    assert status == 1 and "[CRITICAL] Self-service password reset is off" in seen and "\x1b[" not in seen


def test_a_pipe_gets_no_colour_unless_force_color_asks_and_no_color_does_not_forbid():
    assert "\x1b[" not in piped(str(SSPR_OFF)).stdout
    forced = piped(str(SSPR_OFF), FORCE_COLOR="1").stdout
    assert any(line.startswith(RED_CRITICAL) for line in forced.splitlines())
    assert "\x1b[" not in piped(str(SSPR_OFF), FORCE_COLOR="1", NO_COLOR="1").stdout
    assert "\x1b[" not in piped(str(SSPR_OFF), "--no-color", FORCE_COLOR="1").stdout
    assert "\x1b[" not in piped(str(SSPR_OFF), FORCE_COLOR="0").stdout
    assert "\x1b[" not in piped(str(SSPR_OFF), "--format", "markdown", FORCE_COLOR="1").stdout  # only the terminal report


def test_a_healthy_report_says_so_in_green_and_counts_the_applicable_checks():
    summary = json.loads(piped(str(HEALTHY), "--format", "json").stdout)["summary"]
    applicable = sum(summary.values()) - summary["not_applicable"]
    status, seen = on_a_terminal(str(HEALTHY))
    assert status == 0
    assert f"\x1b[32mHealthy: all {applicable} applicable checks passed.\x1b[0m" in seen.splitlines()
    uk = piped(str(HEALTHY), "--lang", "uk").stdout.splitlines()
    assert f"Усе гаразд: пройдено всі застосовні перевірки ({applicable})." in uk


def test_a_mistyped_subcommand_gets_a_did_you_mean_and_exit_2():
    for typed, meant in (("diagnoze", "diagnose"), ("bacth", "batch"), ("interveiw", "interview"), ("rule", "rules")):
        result = piped(typed, "examples")
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr == f"diagnose: unknown command '{typed}'; did you mean '{meant}'?\n"


def test_a_missing_file_is_still_a_missing_file_and_an_existing_one_named_like_a_command_is_read(tmp_path):
    result = piped(str(tmp_path / "facts.json"))
    assert result.returncode == 2 and result.stderr.endswith("facts.json: no such file\n")
    (tmp_path / "bacth").write_text(SSPR_OFF.read_text(encoding="utf-8"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "writeback_doctor", "bacth"], cwd=tmp_path, capture_output=True,
                          text=True, encoding="utf-8", env=environment(), timeout=120)
    assert done.returncode == 1 and "Self-service password reset is off" in done.stdout


def test_bare_diagnose_prints_a_short_help_and_exits_2():
    result = piped()
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("diagnose: explains, in order, why Microsoft Entra ID password writeback is not working")
    for name in ("diagnose", "interview", "import", "rules", "batch", "collect"):
        assert any(line.startswith(f"  {name} ") for line in lines), name
    assert "example (in a checkout): diagnose examples/sspr-off.json" in lines
    assert len(lines) <= 20 and max(map(len, lines)) <= 100
    status, seen = on_a_terminal()
    assert status == 2 and "commands:" in seen


def test_a_mistyped_option_or_choice_gets_a_did_you_mean_under_its_own_command_usage():
    cases = [
        (("rules", "lnt"), "usage: diagnose rules ", "invalid choice: 'lnt' (choose from 'list', 'show', 'lint'); did you mean 'lint'?"),
        ((str(SSPR_OFF), "--format", "jsn"), "usage: diagnose [-h]", "invalid choice: 'jsn' (choose from 'html', 'json', "
                                                                 "'markdown', 'table'); did you mean 'json'?"),
        ((str(SSPR_OFF), "--formt", "json"), "usage: diagnose [-h] [--prefer FILE]",
         "diagnose: error: unrecognized arguments: --formt json; did you mean '--format'?"),
        (("batch", "x", "--sumary-only"), "usage: diagnose batch ", "unrecognized arguments: --sumary-only; "
                                                                   "did you mean '--summary-only'?"),
    ]
    for argv, usage, said in cases:
        result = piped(*argv)
        assert (result.returncode, result.stdout) == (2, ""), argv
        assert result.stderr.startswith(usage) and result.stderr.rstrip("\n").endswith(said), result.stderr
