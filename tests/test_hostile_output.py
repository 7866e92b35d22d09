"""Output is inert (reliability review D10): a value from input can show itself, escaped, and do nothing else,
on a terminal, in Markdown, in HTML and in JSON."""

from __future__ import annotations

import json
import re

import pytest

from writeback_doctor.inert import inert_html, inert_json, inert_markdown, inert_terminal, markdown_code, markdown_fence

HOSTILE = [
    "\x1b]0;PWNED\x07\x1b[2J\x1b[31mx.servicebus.windows.net",  # title, clear screen, colour
    "csi\x9b2J",                                                 # C1 CSI
    "admin\u202egnp.exe@contoso.com",                           # right-to-left override
    "isolate\u2066x\u2069 zero\u200bwidth \ufeffbom",
    "line\nbreak\r\nand\ttab \u2028sep",
    "[x](https://evil.example) ![](https://evil.example/beacon.png) <script>alert(1)</script>",
    "```\n# Heading\n<img src=x onerror=alert(1)>",
    "https://evil.example/fix.sh www.evil.example",
    "caf\udce9.json",                                            # a Latin-1 file name read with surrogateescape
    "lone \ud800 surrogate",
]
TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")


@pytest.mark.parametrize("value", HOSTILE)
def test_terminal_text_has_no_control_bidi_or_invisible_character_and_encodes(value):
    shown = inert_terminal(value)
    assert not TERMINAL_UNSAFE.search(shown) and "\n" not in shown
    shown.encode("utf-8")  # never a UnicodeEncodeError


def test_terminal_escapes_show_what_was_there():
    assert inert_terminal("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert inert_terminal("x\u202ey") == "x\\u202ey"
    assert inert_terminal("l1\nl2\t") == "l1\\nl2\\t"
    assert inert_terminal("caf\udce9") == "caf\\xe9"
    assert inert_terminal("Київ café 😀") == "Київ café 😀"  # ordinary text is untouched


@pytest.mark.parametrize("value", HOSTILE)
def test_markdown_text_makes_no_link_image_html_heading_or_line(value):
    shown = inert_markdown(value)
    assert "\n" not in shown and not TERMINAL_UNSAFE.search(shown)
    assert not re.search(r"(?<!\\)[\[\]<>]", shown)          # every bracket escaped: no link, image or tag
    assert not re.search(r"(?i)https?://|www\.", shown)      # no bare autolink
    assert not shown.startswith("#")


def test_markdown_code_span_cannot_be_closed_by_the_value():
    span = markdown_code("a ``` b ` c")
    fence = re.match("`+", span)[0]
    assert len(fence) == 4 and span.endswith(fence) and "`" * 4 not in span[4:-4]
    assert markdown_code("a|b", in_table=True) == "`a\\|b`"


def test_a_code_fence_is_longer_than_any_backtick_run_in_its_body():
    assert markdown_fence("plain") == "```"
    assert markdown_fence("x ```` y") == "`````"


@pytest.mark.parametrize("value", HOSTILE)
def test_html_text_has_no_markup(value):
    shown = inert_html(value)
    assert "<" not in shown and ">" not in shown and '"' not in shown and not TERMINAL_UNSAFE.search(shown)


@pytest.mark.parametrize("value", [v for v in HOSTILE if not re.search("[\ud800-\udfff]", v)])
def test_json_keeps_the_data_and_is_inert_on_a_terminal(value):
    text = inert_json(json.dumps({"v": value}, ensure_ascii=False))
    assert json.loads(text) == {"v": value}
    assert not TERMINAL_UNSAFE.search(text)
