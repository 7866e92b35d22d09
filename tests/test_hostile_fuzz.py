"""A standing mutation fuzz of every input path (reliability review, "in-process mutation fuzz"): exports,
facts files, JSON Lines for batch and interview answers, each mutated with the values that broke the landed
code before (numbers no double holds, out-of-range dates and time spans, lone surrogates, control and bidi
characters, deep nesting). Whatever comes in: no traceback, never exit 3, a located message with exit 2 or a
report that parses, every batch line answered and the summary written, an interview's answers saved.

CI runs a bounded number of examples (the ``writeback-ci`` profile of tests/test_fuzz.py); a long run:
``FUZZ_EXAMPLES=2000 FUZZ_REPORT=fuzz.json pytest tests/test_hostile_fuzz.py`` writes the figures
(inputs tried, tracebacks, wrong exits, data lost) to ``fuzz.json`` (tests/README.md).
"""

from __future__ import annotations

import atexit
import io
import itertools
import json
import os
import sys
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_fuzz import FUZZ
from writeback_doctor import cli

REPO = Path(__file__).resolve().parent.parent
EXPORTS = sorted(p for p in (REPO / "tests" / "fixtures" / "exports").rglob("*.json"))
EXAMPLES = sorted((REPO / "examples").glob("*.json"))
FIGURES = {"inputs": 0, "tracebacks": 0, "wrong_exits": 0, "data_lost": 0}
_names = itertools.count()

if os.environ.get("FUZZ_REPORT"):  # under pytest-xdist each worker writes its own file (FUZZ_REPORT.gw0, ...)
    _REPORT = os.environ["FUZZ_REPORT"] + (f".{os.environ['PYTEST_XDIST_WORKER']}" if os.environ.get("PYTEST_XDIST_WORKER") else "")
    atexit.register(lambda: Path(_REPORT).write_text(json.dumps(FIGURES, indent=2) + "\n"))

# Raw JSON text spliced in where a value was: what json.dumps cannot write, and what broke the code before.
HOSTILE_LITERALS = [
    "1e400", "-1e400", "1" + "0" * 400, "9" * 5000, "1e-400", "5e-324", "1.7976931348623157e308", "-0", "0.1e1",
    '"0001-01-01T00:00:00+01:00"', '"9999-12-31T23:59:59-01:00"', '"/Date(99999999999999999999)/"',
    '"/Date(-62135596800001)/"', '"9999999999.00:00:00"', '"-10675200.00:00:00"', '{"Ticks": 1e300}',
    '{"Ticks": 99999999999999999999, "TotalDays": 1}', '{"TotalDays": 1e300}', '"bad\\ud800name"', '"\\udfff"',
    '"\\u001b]0;PWNED\\u0007\\u001b[2J"', '"a\\u202eb\\u009bc"', '"line\\nbreak\\r\\n"', '"[x](https://evil.example)"',
    '"```\\n# h"', "[" * 70 + "]" * 70, "null", "true", '""', "[]", "{}", '"True"', "-1", "4294967296",
]


def _leaf_paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _leaf_paths(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _leaf_paths(child, prefix + (index,))
    return found


_MARK = "@@HOSTILE@@"


def _set(value: Any, path: tuple, new: Any) -> Any:
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _set(value[path[0]], path[1:], new)
    return copy


@st.composite
def mutated_documents(draw, sources: list[Path]) -> str:
    """One of ``sources`` with one to three values replaced by hostile JSON text (or a key dropped)."""
    source = draw(st.sampled_from(sources))
    data = json.loads(source.read_bytes().decode(_encoding(source.read_bytes())))
    literals = []
    for _ in range(draw(st.integers(1, 3))):
        paths = _leaf_paths(data)
        path = draw(st.sampled_from(paths))
        if path and draw(st.booleans()) and isinstance(path[-1], str) and draw(st.integers(0, 4)) == 0:
            parent = path[:-1]
            node = data
            for step in parent:
                node = node[step]
            data = _set(data, parent, {k: v for k, v in node.items() if k != path[-1]})
            continue
        literals.append(draw(st.sampled_from(HOSTILE_LITERALS)))
        data = _set(data, path, f"{_MARK}{len(literals) - 1}")
    text = json.dumps(data, ensure_ascii=False)
    for index, literal in enumerate(literals):
        text = text.replace(json.dumps(f"{_MARK}{index}"), literal)
    return text


def _encoding(raw: bytes) -> str:
    return "utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    FIGURES["inputs"] += 1
    try:
        status = cli.main(list(argv))
    except BaseException:
        FIGURES["tracebacks"] += 1
        raise
    captured = capsys.readouterr()
    if "Traceback" in captured.err:
        FIGURES["tracebacks"] += 1
    return status, captured.out, captured.err


def _check_outcome(status: int, out: str, err: str) -> None:
    wrong = status not in (0, 1, 2, 4) or "Traceback" in err
    if status == 2:
        wrong = wrong or not err.startswith("diagnose")
    elif not wrong:
        json.loads(out)
    if wrong:
        FIGURES["wrong_exits"] += 1
    assert not wrong, (status, err[-2000:])


@FUZZ
@given(text=mutated_documents(EXPORTS))
def test_mutated_exports_are_diagnosed_or_refused_with_a_location(tmp_path, capsys, text):
    path = tmp_path / f"export-{next(_names)}.json"
    path.write_text(text, encoding="utf-8")
    _check_outcome(*_run(capsys, str(path), "--format", "json"))


@FUZZ
@given(text=mutated_documents(EXAMPLES))
def test_mutated_facts_files_are_diagnosed_or_refused_with_a_location(tmp_path, capsys, text):
    path = tmp_path / f"facts-{next(_names)}.json"
    path.write_text(text, encoding="utf-8")
    _check_outcome(*_run(capsys, str(path), "--format", "json"))


@settings(FUZZ, max_examples=max(FUZZ.max_examples // 4, 5))
@given(lines=st.lists(mutated_documents(EXAMPLES + EXPORTS) | st.sampled_from(["", "{not json", "\ufeff{}", "[]"]),
                      min_size=1, max_size=6))
def test_batch_answers_every_line_and_writes_the_summary(capsys, monkeypatch, lines):
    data = "\n".join(lines).encode("utf-8", "surrogatepass") + b"\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    status, out, err = _run(capsys, "batch", "-")
    results = [json.loads(line) for line in out.splitlines()]
    expected = sum(1 for line in lines if line.strip())
    answered = [r for r in results if "item" in r]
    if len(answered) != expected or "summary" not in results[-1] or results[-1]["summary"]["items"] != expected:
        FIGURES["data_lost"] += 1
    if status not in (0, 1, 2, 4) or any(r.get("exit") == 3 for r in answered):
        FIGURES["wrong_exits"] += 1
    assert len(answered) == expected and results[-1]["summary"]["items"] == expected
    assert status in (0, 1, 2, 4) and not any(r.get("exit") == 3 for r in answered)


ANSWERS = st.one_of(
    st.sampled_from(["nan", "inf", "-inf", "infinity", "1e400", "1" * 400, "9" * 5000, "-1", "0", "3.5", "?", "",
                     "yes", "no", "так", "1", "99", "\x1b[2J", "a\u202eb", "admin@contoso.com", "t@x", "back"]),
    st.text(max_size=12).filter(lambda t: "\n" not in t and "\r" not in t and t.strip().lower() not in ("stop", "стоп")),
)


@settings(FUZZ, max_examples=max(FUZZ.max_examples // 10, 4))
@given(answers=st.lists(ANSWERS, min_size=1, max_size=12), raw=st.sampled_from([b"", b"\xff\xfe@x\n", b"\xc3(\n"]))
def test_an_interview_never_loses_its_answers(tmp_path, capsys, monkeypatch, answers, raw):
    data = raw + ("\n".join(answers) + "\nstop\n").encode("utf-8", "surrogatepass")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="surrogateescape"))
    out_file = tmp_path / f"answers-{next(_names)}.json"
    status, out, err = _run(capsys, "interview", "--out", str(out_file), "--format", "json")
    try:
        saved = json.loads(out_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        saved = None
    if not isinstance(saved, dict):
        FIGURES["data_lost"] += 1
    if status not in (0, 1, 4):
        FIGURES["wrong_exits"] += 1
    assert isinstance(saved, dict) and status in (0, 1, 4), err[-2000:]
