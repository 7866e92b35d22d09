"""Hostile strings rendered in all four formats, with and without --explain (reliability review D10):
values from the input show themselves, escaped, and do nothing else; stderr notes too."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.helpers import run

REPO = Path(__file__).resolve().parent.parent
HOSTILE_NAME = "evil\u202e\x9b2J[x](https://evil.example) ![](https://evil.example/b.png)\n<script>alert(1)</script>\n```\n# Heading@contoso.com"
HOSTILE_HOST = "\x1b]0;PWNED\x07\x1b[2J\x1b[31mx.servicebus.windows.net"
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("hostile")
    facts = json.loads((REPO / "examples" / "healthy-hybrid.json").read_text(encoding="utf-8"))
    for user in facts["users"]:
        if user.get("is_test_user"):
            user["name"] = HOSTILE_NAME
            user["license"] = "none"
    (folder / "facts.json").write_text(json.dumps(facts), encoding="utf-8")
    test = json.loads((REPO / "tests/fixtures/exports/test-netconnection/powershell-7-one-result.json").read_text(encoding="utf-8-sig"))
    test["ComputerName"] = HOSTILE_HOST
    (folder / "netconnection.json").write_text(json.dumps(test), encoding="utf-8")
    return [str(folder / "facts.json"), str(folder / "netconnection.json")]


@pytest.mark.parametrize("explain", [[], ["--explain"]])
@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "html"])
def test_hostile_values_are_inert_in_every_format(capsys, inputs, fmt, explain):
    status, out, err = run(capsys, *inputs, "--format", fmt, *explain)
    assert "Traceback" not in err and status in (0, 1, 2, 4), err
    assert not RAW_CONTROL.search(out), repr(RAW_CONTROL.search(out))
    assert not RAW_CONTROL.search(err), repr(RAW_CONTROL.search(err))
    if fmt == "html":
        assert "<script>" not in out
    if fmt == "json":
        names = [u["name"] for u in json.loads(out).get("facts", {}).get("users", [])] if "facts" in json.loads(out) else []
        assert all(name == HOSTILE_NAME or "evil" not in name for name in names)
    if fmt == "markdown":
        fences = re.findall(r"(?m)^\s*(`{3,})", out)
        assert len(fences) % 2 == 0
        # what Markdown interprets: the text outside fenced blocks and code spans (shown verbatim there)
        prose = re.sub(r"(?ms)^\s*(`{3,})\w*$.*?^\s*\1$", "", out)
        prose = re.sub(r"(`+)(?!`).*?(?<!`)\1(?!`)", "", prose)
        assert "<script>" not in prose and not re.search(r"(?m)^#+ Heading", out)
        assert not re.search(r"(?<!\\)\[x\]\(https", prose) and "![](" not in prose
    if explain and fmt != "json":
        assert "evil" in out, "the hostile value is shown (escaped), not dropped"
