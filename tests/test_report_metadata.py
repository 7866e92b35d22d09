"""A report can be traced: tool, version, rule-set hash, generation time (UTC, SOURCE_DATE_EPOCH
honoured) and every input with its hash, in JSON, Markdown, HTML and the terminal table; labels,
severities and stages in the report's language; the portal's values quoted as the portal shows them."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from writeback_doctor import __version__
from writeback_doctor.errors import UsageError
from writeback_doctor.report.metadata import generation_time

REPO = Path(__file__).resolve().parent.parent
SSPR_OFF = REPO / "examples" / "sspr-off.json"


def run(*argv: str, stdin: bytes | None = None, epoch: str | None = "1764115200") -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="100")
    env.pop("SOURCE_DATE_EPOCH", None)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    return subprocess.run([sys.executable, "-m", "writeback_doctor", *argv], input=stdin, capture_output=True,
                          env=env, timeout=120)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_json_report_names_tool_version_rule_set_time_and_inputs_with_their_hashes():
    result = run(str(SSPR_OFF), "--format", "json")
    metadata = json.loads(result.stdout)["metadata"]
    assert metadata["tool"] == "writeback-doctor"
    assert metadata["version"] == __version__
    assert re.fullmatch(r"[0-9a-f]{64}", metadata["rules_sha256"])
    assert metadata["generated"] == "2025-11-26T00:00:00Z"
    assert metadata["inputs"] == [{"name": str(SSPR_OFF), "sha256": sha256(SSPR_OFF)}]


def test_standard_input_is_named_and_hashed_as_read():
    metadata = json.loads(run("-", "--format", "json", stdin=SSPR_OFF.read_bytes()).stdout)["metadata"]
    assert metadata["inputs"] == [{"name": "<stdin>", "sha256": sha256(SSPR_OFF)}]


def test_with_source_date_epoch_the_same_input_gives_the_same_bytes_and_without_it_the_time_is_now():
    assert run(str(SSPR_OFF), "--format", "html").stdout == run(str(SSPR_OFF), "--format", "html").stdout
    before = datetime.now(timezone.utc).replace(microsecond=0)
    generated = json.loads(run(str(SSPR_OFF), "--format", "json", epoch=None).stdout)["metadata"]["generated"]
    moment = datetime.strptime(generated, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    assert before <= moment <= datetime.now(timezone.utc)
    bad = run(str(SSPR_OFF), epoch="yesterday")
    assert bad.returncode == 2 and b"SOURCE_DATE_EPOCH" in bad.stderr and b"Traceback" not in bad.stderr


@pytest.mark.parametrize("value", ["-1", " 12", "12 ", " ", "+12", "1_000", "1.5", "0x10", "\u0661\u0662", "253402300800",
                                   "9" * 5000])
def test_a_source_date_epoch_that_is_not_ascii_digits_alone_is_refused(monkeypatch, value):
    # reproducible-builds.org/specs/source-date-epoch: "an ASCII representation of an integer with no fractional
    # component, identical to the output format of date +%s"; malformed: "SHOULD exit with a non-zero error code"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH"):
        generation_time()


@pytest.mark.parametrize(("value", "moment"), [("0", "1970-01-01T00:00:00Z"), ("1764115200", "2025-11-26T00:00:00Z"),
                                               ("253402300799", "9999-12-31T23:59:59Z")])
def test_a_source_date_epoch_of_ascii_digits_is_the_generation_time(monkeypatch, value, moment):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert generation_time() == moment


def test_a_source_date_epoch_set_but_empty_counts_as_unset(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    before = datetime.now(timezone.utc).replace(microsecond=0)
    moment = datetime.strptime(generation_time(), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    assert before <= moment <= datetime.now(timezone.utc)


def test_a_refused_source_date_epoch_ends_the_command_with_exit_2_and_says_what_is_expected():
    bad = run(str(SSPR_OFF), epoch="-1")
    assert bad.returncode == 2 and b"Traceback" not in bad.stderr
    assert b"SOURCE_DATE_EPOCH='-1'" in bad.stderr and b"ASCII digits only" in bad.stderr


def test_the_rule_set_hash_changes_with_any_rule_file(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    same = json.loads(run(str(SSPR_OFF), "--format", "json", "--rules", str(rules)).stdout)["metadata"]["rules_sha256"]
    shipped = json.loads(run(str(SSPR_OFF), "--format", "json").stdout)["metadata"]["rules_sha256"]
    assert same == shipped
    rule = rules / "setup" / "sspr-enabled.yaml"
    rule.write_text(rule.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    edited = json.loads(run(str(SSPR_OFF), "--format", "json", "--rules", str(rules)).stdout)["metadata"]["rules_sha256"]
    assert edited != shipped


def test_markdown_html_and_table_carry_the_metadata_in_the_reports_language():
    digest = sha256(SSPR_OFF)
    markdown = run(str(SSPR_OFF), "--format", "markdown", "--lang", "uk").stdout.decode("utf-8")
    assert "## Відомості про звіт" in markdown
    assert f"- версія: `{__version__}`" in markdown and "- створено (UTC): `2025-11-26T00:00:00Z`" in markdown
    assert f"{SSPR_OFF.name} sha256:{digest}" in markdown and str(SSPR_OFF) not in markdown  # no local path
    page = run(str(SSPR_OFF), "--format", "html").stdout.decode("utf-8")
    assert '<dl class="metadata">' in page and digest in page and "2025-11-26T00:00:00Z" in page
    table = run(str(SSPR_OFF)).stdout.decode("utf-8")
    assert f"writeback-doctor {__version__}, rules " in table and f"{SSPR_OFF.name} {digest[:12]}" in table


def test_ukrainian_reports_name_severities_and_stages_in_ukrainian():
    markdown = run(str(SSPR_OFF), "--format", "markdown", "--lang", "uk").stdout.decode("utf-8")
    assert "**[критично]" in markdown and "`sspr-enabled`, налаштування)" in markdown
    assert "critical" not in markdown and ", setup)" not in markdown
    page = run(str(SSPR_OFF), "--format", "html", "--lang", "uk").stdout.decode("utf-8")
    assert '<span class="sev sev-critical">критично</span>' in page
    table = run(str(SSPR_OFF), "--lang", "uk").stdout.decode("utf-8")
    assert "[КРИТИЧНО]" in table and "(налаштування, sspr-enabled)" in table


def test_the_portals_none_option_is_quoted_as_the_portal_shows_it():
    table = run(str(SSPR_OFF)).stdout.decode("utf-8")
    assert '"Self service password reset enabled" is set to "None"' in " ".join(table.split())
    assert "is None" not in table
