"""Severity colours in the terminal report, and when to use them.

Colour is for a person reading a terminal: ``wanted`` says yes only when standard output is a
terminal (never in a pipe or a file), ``--no-color`` was not given, ``NO_COLOR`` is unset or
empty (https://no-color.org) and ``TERM`` is not ``dumb``. ``FORCE_COLOR`` set to a non-empty
value other than ``0`` asks for colour where there is no terminal (a CI log, ``less -R``); an
explicit ``--no-color`` and ``NO_COLOR`` still win over it.

``paint`` adds the colour to lines already made inert (``inert.inert_terminal``): only the
report's own words are coloured (a diagnosis' ``[SEVERITY]`` tag, the "Start with" line, the
verdict), never text that came from input, and stripping the SGR sequences gives back the
uncoloured report byte for byte.
"""

from __future__ import annotations

import os
from typing import Mapping, Sequence, TextIO

RESET = "\x1b[0m"
SEVERITY_SGR: Mapping[str, str] = {"critical": "1;31", "error": "31", "warning": "33", "note": "36"}
"""SGR parameters per severity name of the rule set's frame (bold red, red, yellow, cyan); others stay plain."""
START_SGR = "1"
"""The "Start with #N" line: bold."""
VERDICT_SGR: Mapping[str, str] = {"healthy": "32", "inconclusive": "33"}
"""The report's verdict line when it lists no problem: green when healthy, yellow when inconclusive."""


def wanted(no_color: bool, stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Whether to colour what is written to ``stream``: see the module's docstring for the order of the rules."""
    env = os.environ if environ is None else environ
    if no_color or env.get("NO_COLOR", "") != "" or env.get("TERM") == "dumb":
        return False
    if env.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def sgr(text: str, parameters: str) -> str:
    """``text`` between an SGR sequence and its reset."""
    return f"\x1b[{parameters}m{text}{RESET}"


def paint(lines: Sequence[str], tags: Sequence[tuple[str, str]], start: str, verdict: tuple[str, str] | None) -> list[str]:
    """``lines`` with colour: each ``(prefix, severity)`` of ``tags`` colours the bracketed tag of the first line
    after the previous one that starts with ``prefix`` ("3. [CRITICAL]"), in that order; the first line equal to
    ``start`` is bold; the first line equal to ``verdict[0]`` takes the colour of ``verdict[1]``."""
    out = list(lines)
    at = 0
    for prefix, severity in tags:
        code = SEVERITY_SGR.get(severity)
        for index in range(at, len(out)):
            if out[index].startswith(prefix):
                at = index + 1
                if code:
                    number, _, tag = prefix.partition(" ")
                    out[index] = f"{number} {sgr(tag, code)}{out[index][len(prefix):]}"
                break
    for index, line in enumerate(out):
        if start and line == start:
            out[index] = sgr(line, START_SGR)
            break
    if verdict is not None and verdict[1] in VERDICT_SGR:
        for index, line in enumerate(out):
            if line == verdict[0]:
                out[index] = sgr(line, VERDICT_SGR[verdict[1]])
                break
    return out
