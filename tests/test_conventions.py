"""The command follows the conventions a user expects: --version, --help with examples and the exit
statuses, a word when it waits on a terminal's standard input, "did you mean" for a misspelt fact,
and no colour codes (so NO_COLOR holds trivially). Terminal behaviour is tried through a real
pseudo-terminal (pexpect)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pexpect

from tests.helpers import cli_process
from writeback_doctor import __version__

REPO = Path(__file__).resolve().parent.parent
SSPR_OFF = REPO / "examples" / "sspr-off.json"


def spawn(*argv: str) -> pexpect.spawn:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="100")
    return pexpect.spawn(sys.executable, ["-m", "writeback_doctor", *argv], env=env, encoding="utf-8",
                         timeout=60, dimensions=(40, 100))


def test_version_prints_the_version_and_exits_0():
    result = cli_process("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"diagnose (writeback-doctor) {__version__}"


def test_help_leads_to_examples_and_lists_every_exit_status():
    result = cli_process("--help")
    assert result.returncode == 0
    assert "examples:" in result.stdout and "cat facts.json | diagnose -" in result.stdout
    for status in ("0 ", "1 ", "2 ", "3 ", "4 ", "130", "143"):
        assert f"\n  {status}" in result.stdout


def test_standard_input_on_a_terminal_is_announced_then_read():
    child = spawn("-")
    child.expect("reading facts from standard input")
    child.sendline(SSPR_OFF.read_text(encoding="utf-8").replace("\n", " "))
    child.sendeof()
    child.expect("Self-service password reset is off in the tenant")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1


def test_standard_input_from_a_pipe_is_read_silently():
    result = subprocess.run([sys.executable, "-m", "writeback_doctor", "-"], input=SSPR_OFF.read_text(encoding="utf-8"),
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 1 and result.stderr == ""


def test_a_misspelt_fact_gets_a_did_you_mean(tmp_path):
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps({"sspr": {"enabeld_for": "all"}, "tenat": {}}), encoding="utf-8")
    result = cli_process(str(facts))
    assert result.returncode == 2
    assert "'enabeld_for': did you mean 'enabled_for'?" in result.stderr
    assert "'tenat': did you mean 'tenant'?" in result.stderr
    assert "$.sspr" in result.stderr and "Traceback" not in result.stderr
