"""The standing type fuzz (reliability review round 3): every field of every export kind, and every interview
answer, given each JSON type in turn (string, number, list, object, null, boolean).

18 of the 22 tracebacks of round 3 had one cause: a field whose type no fuzz varied (``Tls12[].Name`` as a list).
So this fuzz is not random: it walks every field of every export fixture (``tests/fixtures/exports``, every kind
the doctor reads, as Windows PowerShell 5.1, PowerShell 7 and Graph write it) and puts each type there. The
outcome must be the export's facts or a located error (exit 2, the JSON path of the value); never a traceback,
never exit 3. An interview question answered with text of each type is accepted as a schema-valid value or asked
again with a reason.

Quick by default (CI, a few seconds): the readers get every field (an array's first item standing for its
items) with each of the six types, in-process; ``diagnose FILE`` runs once per fixture with one type. The long
run (``FUZZ_EXAMPLES=N``, tests/README.md) varies an array's first and last items with twelve values, and sends each
through ``diagnose FILE``, ``diagnose -``, ``import --out`` (the previous file must stay whole) and
``batch --format csv`` (every item answered, the summary written), and runs a whole interview per answer type.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import zlib
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from expert_engine import schema_node
from tests.test_fuzz import json_path
from tests.test_hostile_fuzz import FIGURES, _run
from tests.test_hostile_fuzz import _set as replaced
from writeback_doctor.errors import UserError
from writeback_doctor.sources.merge import claims_of

REPO = Path(__file__).resolve().parent.parent
EXPORTS = sorted((REPO / "tests" / "fixtures" / "exports").rglob("*.json"))
LONG = bool(os.environ.get("FUZZ_EXAMPLES"))
TYPES: dict[str, Any] = {"string": "text", "number": 7, "list": [], "object": {}, "null": None, "boolean": True}
"""One value of each JSON type: what every field is given in turn."""
MORE: dict[str, Any] = {"empty string": "", "negative": -1.5, "huge": 1e300, "list of text": ["SchUseStrongCrypto"],
                        "list of object": [{}], "nested": {"a": [1]}}
"""The long run's further shapes of the same types."""
VALUES = {**TYPES, **MORE} if LONG else TYPES
for _name in ("hangs", "injections"):
    FIGURES.setdefault(_name, 0)


def _decode(raw: bytes) -> Any:
    return json.loads(raw.decode("utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"))


def field_paths(value: Any, prefix: tuple = (), both_ends: bool = LONG) -> list[tuple]:
    """Every path into ``value`` but the root: each object's fields, each array's first item (standing for its
    items, which share their fields) and with ``both_ends`` its last one too."""
    found: list[tuple] = []
    if isinstance(value, dict):
        for key, child in value.items():
            found += [prefix + (key,)] + field_paths(child, prefix + (key,), both_ends)
    elif isinstance(value, list):
        for index in sorted({0, len(value) - 1} if both_ends else {0}):
            if 0 <= index < len(value):
                found += [prefix + (index,)] + field_paths(value[index], prefix + (index,), both_ends)
    return found


def _name(export: Path) -> str:
    return export.relative_to(REPO / "tests" / "fixtures" / "exports").as_posix()


# ------------------------------------------------------------------ the readers, every field, every type


@pytest.mark.parametrize("export", EXPORTS, ids=_name)
def test_every_field_of_every_export_takes_every_type(export):
    data = _decode(export.read_bytes())
    failures = []
    for path in field_paths(data):
        for type_name, value in VALUES.items():
            FIGURES["inputs"] += 1
            try:
                claims_of("export.json", replaced(data, path, value))
            except UserError as error:
                if not str(error).startswith("export.json"):
                    FIGURES["wrong_exits"] += 1
                    failures.append(f"{json_path(path)} = {type_name}: unlocated: {error}")
            except Exception as error:  # noqa: BLE001 - the figure counts every escape, whatever it is
                FIGURES["tracebacks"] += 1
                failures.append(f"{json_path(path)} = {type_name}: {type(error).__name__}: {error}")
    assert not failures, "\n".join(failures[:20])


# ------------------------------------------------------------------ the command line


def _cases(export: Path) -> list[tuple[tuple, str, tuple[str, ...]]]:
    """(path, type, surfaces) to run through the command line. Quick: one field with one type per fixture (chosen
    by the fixture's name, so the run is the same every time) through ``diagnose FILE``. Long: every field with
    every value through ``diagnose FILE``, and each of ``diagnose -``, ``import --out`` and ``batch`` once per
    field, the type turning from field to field."""
    paths = field_paths(_decode(export.read_bytes()))
    if LONG:
        values = list(VALUES)
        cases = [(path, name, ("file",)) for path in paths for name in values]
        for index, path in enumerate(paths):
            for offset, surface in enumerate(("stdin", "import", "batch")):
                cases.append((path, values[(index + offset * 5) % len(values)], (surface,)))
        return cases
    seed = zlib.crc32(_name(export).encode())
    return [(paths[seed % len(paths)], list(TYPES)[seed % len(TYPES)], ("file",))] if paths else []


def _check(status: int, out: str, err: str, name: str) -> None:
    wrong = status not in (0, 1, 2, 4) or "Traceback" in err or (status == 2 and name not in err)
    if wrong:
        FIGURES["wrong_exits"] += 1
    assert not wrong, (status, err[-2000:])
    if status != 2:
        json.loads(out)


@pytest.mark.parametrize("export", EXPORTS, ids=_name)
def test_diagnose_import_and_batch_answer_every_type(export, tmp_path, capsys, monkeypatch):
    data = _decode(export.read_bytes())
    for path, type_name, surfaces in _cases(export):
        text = json.dumps(replaced(data, path, VALUES[type_name]))
        file = tmp_path / "export.json"
        file.write_text(text, encoding="utf-8")
        if "file" in surfaces:
            _check(*_run(capsys, str(file), "--format", "json"), str(file))
        if "stdin" in surfaces:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8"))
            _check(*_run(capsys, "-", "--format", "json"), "<stdin>")
        if "import" in surfaces:
            target = tmp_path / "facts.json"
            target.write_text("previous\n", encoding="utf-8")
            status, out, err = _run(capsys, "import", str(file), "--out", str(target))
            kept = target.read_text(encoding="utf-8")
            lost = status == 2 and kept != "previous\n" or status != 2 and not isinstance(json.loads(kept), dict)
            FIGURES["data_lost"] += lost
            FIGURES["wrong_exits"] += status not in (0, 2)
            assert status in (0, 2) and not lost and "Traceback" not in err, (status, err[-2000:])
        if "batch" in surfaces:
            status, out, err = _run(capsys, "batch", str(file), str(REPO / "examples" / "healthy-hybrid.json"),
                                    "--format", "csv")
            rows = list(csv.DictReader(io.StringIO(out)))
            FIGURES["data_lost"] += len(rows) != 2
            FIGURES["wrong_exits"] += len(rows) == 2 and rows[0]["status"] == "internal"
            assert len(rows) == 2 and rows[1]["status"] == "ok" and rows[0]["status"] != "internal", out


# ------------------------------------------------------------------ the interview, every answer, every type


ANSWERS = ["text", "7", "-1.5", "0", "[]", "{}", "[\"a\"]", "{\"a\": 1}", "null", "true", "false", "yes", "no", "",
           "1e400", "0x10", "-0", "99999999999999999999", "\x1b[2J", "a\u202eb"]
"""An answer of each type as typed at a prompt (text, number, list, object, null, boolean) and the odd cases."""


def _question_paths() -> list[str]:
    from writeback_doctor.commands.interview import _leaf_paths
    from writeback_doctor.knowledge import facts_schema

    return list(_leaf_paths(facts_schema()))


def test_every_question_takes_an_answer_of_every_type():
    from writeback_doctor.commands.interview import Interview
    from writeback_doctor.knowledge import facts_schema

    schema = facts_schema()
    asking = Interview({}, "en", None, io.StringIO(), io.StringIO())
    for path in _question_paths():
        node = schema_node(schema, path) or {}
        checker = {k: v for k, v in node.items() if not k.startswith("x-")}
        for answer in ANSWERS:
            FIGURES["inputs"] += 1
            value, reason = asking.parse(node, answer)
            if reason is None:
                assert not list(jsonschema.Draft202012Validator(checker).iter_errors(value)), (path, answer, value)
            else:
                assert value is None and isinstance(reason, str) and reason, (path, answer)


@pytest.mark.parametrize("answers", [ANSWERS] + ([[answer] for answer in ANSWERS] if LONG else []),
                         ids=lambda answers: "cycled" if len(answers) > 1 else repr(answers[0]))
def test_an_interview_answered_with_each_type_saves_valid_facts(tmp_path, capsys, monkeypatch, answers):
    """Every question answered in turn with each answer (the long run: one session per answer, every question)."""
    from expert_engine import validate_facts
    from writeback_doctor.knowledge import facts_validator

    typed = "\n".join(answers[i % len(answers)] for i in range(150)) + "\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(typed))
    out_file = tmp_path / "answers.json"
    status, out, err = _run(capsys, "interview", "--out", str(out_file), "--format", "json")
    try:
        saved = json.loads(out_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        saved = None
    FIGURES["data_lost"] += not isinstance(saved, dict)
    FIGURES["wrong_exits"] += status not in (0, 1, 4)
    assert isinstance(saved, dict) and status in (0, 1, 4), err[-2000:]
    validate_facts(saved, facts_validator())
    json.loads(out)
