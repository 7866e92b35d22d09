"""Making text that came from input inert where it is shown: a terminal, Markdown, HTML, JSON.

A user name, a computer name or a file name in an export is written by whoever made the
export. Shown raw, it could set the terminal's title, clear the screen or recolour it
(ESC and CSI sequences, C1 controls such as U+009B), reorder what is read (bidi overrides
such as U+202E), break a line, or, in a Markdown ticket, become an active link, an image,
raw HTML or the end of a code block. Every function here returns text that shows the value
exactly (each unsafe character as a visible escape such as ``\\x1b`` or ``\\u202e``) and can
do nothing else. Lone surrogates (a non-UTF-8 file name read with ``surrogateescape``) are
shown as the byte they stand for (``\\xe9``), so the result always encodes as UTF-8.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f"          # C0 (newline and tab included: a value never breaks a line), DEL, C1
    "\u061c\u200b-\u200f"          # Arabic letter mark, zero-width space/joiners, LRM, RLM
    "\u2028\u2029"                 # line and paragraph separators
    "\u202a-\u202e\u2066-\u2069"   # bidi embeddings, overrides and isolates
    "\ufeff\ud800-\udfff]"         # BOM / zero-width no-break space, lone surrogates
)


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    if match[0] in _NAMED:
        return _NAMED[match[0]]
    code = ord(match[0])
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the undecodable byte itself
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def inert_terminal(value: object) -> str:
    """``value`` as text safe for a terminal: every control, C1, bidi and invisible format character escaped."""
    return _UNSAFE.sub(_escape, str(value))


def inert_lines(value: object) -> str:
    """``inert_terminal`` of each line of ``value``, its line breaks kept: a message of several lines (a located
    error that names a file, a prompt that names a user) shown as written, anything in it that came from input inert."""
    return "\n".join(inert_terminal(line) for line in str(value).split("\n"))


_CSV_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def inert_csv(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula: a text starting with ``=``, ``+``,
    ``-``, ``@``, tab or carriage return gets a leading ``'`` (OWASP's advice against CSV injection); numbers
    and other texts are kept as they are."""
    if isinstance(value, str) and value.startswith(_CSV_FORMULA):
        return "'" + value
    return value


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~&])")  # brackets suffice against links: () stay readable
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto)(:)|(www)(\.)")


def inert_markdown(value: object) -> str:
    """``value`` as Markdown inline text that renders as exactly that text (no link, image, HTML, emphasis,
    heading or table cell break), on one line."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", inert_terminal(value))
    text = _LINE_START.sub(lambda m: m[1] + "\\" + m[2], text)
    # GitHub's extended autolinks turn a bare https://... or www. into a link; an entity breaks the pattern
    return _AUTOLINK.sub(lambda m: f"{m[1]}&#58;" if m[1] else f"{m[3]}&#46;", text)


def markdown_code(value: object, in_table: bool = False) -> str:
    """``value`` as a Markdown code span (shown verbatim, never a link), fenced by more backticks than it holds."""
    text = inert_terminal(value)
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    if text.startswith("`") or text.endswith("`") or not text.strip():
        text = f" {text} "
    if in_table:
        text = text.replace("|", "\\|")  # GitHub splits table cells at | even inside code spans
    return f"{fence}{text}{fence}"


def markdown_fence(body: str) -> str:
    """A code fence for ``body`` that no line of it can close: longer than any backtick run in it (at least 3)."""
    return "`" * max(3, max((len(run) for run in re.findall("`+", body)), default=0) + 1)


def inert_html(value: object) -> str:
    """``value`` as HTML text: markup and quotes escaped, and unsafe characters shown as escapes."""
    import html  # here: only the HTML report needs it, and every start imports this module

    return html.escape(inert_terminal(value), quote=True)


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")


def inert_json(text: str) -> str:
    """Serialised JSON with the characters ``json.dumps`` leaves raw but a terminal obeys (DEL, C1, bidi,
    invisible format characters) written as ``\\uXXXX``: the same data, inert on a terminal. Lone surrogates
    (a file name that is not UTF-8) become ``\\udcXX`` escapes too, so that the text always encodes as UTF-8."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)
