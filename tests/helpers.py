"""What several test modules share: the repository's folders, the shipped knowledge base, running the
CLI in-process, the property-test budgets and the generator of valid facts documents.

Test modules import from here (and from ``tests/oracle.py``, the reference evaluator), never from
each other. ``pytest --long`` (or ``FUZZ_EXAMPLES=N``) runs the fuzz and property tests at length;
the default runs every one of them with a smaller budget.
"""

from __future__ import annotations

import atexit
import copy
import itertools
import json
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any, Iterator, Mapping

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from expert_engine import INTERVAL_KEYS
from tests.oracle import compared_values
from writeback_doctor import cli
from writeback_doctor.knowledge import Knowledge, facts_schema, load_knowledge

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
LONG_ENV = "WRITEBACK_DOCTOR_LONG_TESTS"
"""Set to 1 by ``pytest --long`` (tests/conftest.py)."""


def long_run() -> bool:
    """Whether the fuzz and property tests run at length (``--long``)."""
    return os.environ.get(LONG_ENV) == "1"


def budget(quick: int, long: int) -> int:
    """Examples of a property test: ``FUZZ_EXAMPLES`` when set, else ``long`` with ``--long``, else ``quick``."""
    chosen = int(os.environ.get("FUZZ_EXAMPLES") or 0)
    return chosen or (long if long_run() else quick)


def derandomized() -> bool:
    """The default run draws the same examples every time; a long or chosen run explores."""
    return not (long_run() or os.environ.get("FUZZ_EXAMPLES"))


FIGURES = {"inputs": 0, "tracebacks": 0, "wrong_exits": 0, "data_lost": 0}
"""What the hostile fuzz tests tried and what escaped (test_hostile_fuzz.py, test_hostile_types.py);
``FUZZ_REPORT=FILE`` writes them to FILE at exit."""
if os.environ.get("FUZZ_REPORT"):  # under pytest-xdist each worker writes its own file (FUZZ_REPORT.gw0, ...)
    _REPORT = os.environ["FUZZ_REPORT"] + (f".{os.environ['PYTEST_XDIST_WORKER']}" if os.environ.get("PYTEST_XDIST_WORKER") else "")
    atexit.register(lambda: Path(_REPORT).write_text(json.dumps(FIGURES, indent=2) + "\n"))

SUPPRESS = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]
FUZZ = settings(max_examples=budget(30, 300), deadline=None, derandomize=derandomized(), suppress_health_check=SUPPRESS)
"""The fuzz tests' settings (hostile inputs through the CLI)."""


@cache
def shipped() -> Knowledge:
    """The shipped rules, loaded and compiled once per test process."""
    return load_knowledge()


def suite_cache() -> Path:
    """The rule cache the suite uses instead of the user's (tests/conftest.py makes it)."""
    return Path(os.environ["WRITEBACK_DOCTOR_CACHE"])


# ------------------------------------------------------------------ running the CLI in-process

_names = itertools.count()
LOCATED_RULE = re.compile(r"\.yaml:\d+")


def run(capsys: Any, *argv: str | Path) -> tuple[int, str, str]:
    """``diagnose ARGV`` in this process: exit status, standard output and error (never a traceback)."""
    status = cli.main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return status, captured.out, captured.err


def run_counted(capsys: Any, *argv: str) -> tuple[int, str, str]:
    """``run``, counting the input and any traceback in ``FIGURES`` (the hostile fuzz tests' figures)."""
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


def cli_process(*argv: str, columns: int | None = None, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    """``python -m writeback_doctor ARGV`` as a user runs it (UTF-8, ``COLUMNS`` when given): its status, output and errors."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8", **({"COLUMNS": str(columns)} if columns is not None else {}))
    return subprocess.run([sys.executable, "-m", "writeback_doctor", *argv], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=timeout)


def example(name: str) -> dict:
    """The facts of ``examples/NAME.json``."""
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def lookup(facts: Mapping[str, Any], path: str) -> Any:
    """The value at ``top.key`` in a facts document, or ``"<absent>"``."""
    top, key = path.split(".")
    return facts.get(top, {}).get(key, "<absent>")


def replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    """A copy of the JSON ``value`` with the value at ``path`` (keys and indexes) replaced by ``new``."""
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = replaced(value[path[0]], path[1:], new)
    return copy


def json_path(path: tuple[Any, ...]) -> str:
    """``path`` as a JSON path (``$.users[0].name``)."""
    return "$" + "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path)


def write(folder: Path, text: str | bytes, suffix: str = ".json") -> Path:
    """A new input file in ``folder`` holding ``text``."""
    path = folder / f"input-{next(_names)}{suffix}"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


# ------------------------------------------------------------------ generating facts


def rule_constants() -> dict[str, list[Any]]:
    """The values the shipped rules compare facts against, by JSON type: the interesting edges."""
    found: dict[str, list[Any]] = {"integer": [], "number": [], "string": []}
    for value in compared_values(shipped().ruleset):
        if isinstance(value, bool):
            continue
        if isinstance(value, int):
            found["integer"] += [value - 1, value, value + 1]
        if isinstance(value, (int, float)):
            found["number"] += [value - 1, value - 0.5, value, value + 0.5]
        elif isinstance(value, str):
            found["string"].append(value)
    return {kind: sorted(set(values), key=repr) for kind, values in found.items()}


def from_schema(schema: Mapping[str, Any], constants: Mapping[str, list[Any]]) -> st.SearchStrategy:
    """Valid values of one (facts_schema.json-style) schema node; every optional property may be absent.
    A node that also allows a partial value (``anyOf`` with an interval, issue 24 point 5) gives either."""
    if "$ref" in schema:
        return from_schema(_definition(schema["$ref"]), constants)
    if "anyOf" in schema:
        return st.one_of([from_schema(alternative, constants) for alternative in schema["anyOf"]])
    if set(schema.get("properties", ())) == set(INTERVAL_KEYS):
        bound = {key: from_schema(node, constants) for key, node in schema["properties"].items()}
        lower, upper = st.sampled_from(["above", "at_least"]), st.sampled_from(["below", "at_most"])
        one = st.one_of(lower, upper).flatmap(lambda key: bound[key].map(lambda value: {key: value}))
        two = st.tuples(lower, upper).flatmap(lambda keys: st.tuples(bound[keys[0]], bound[keys[1]]).map(
            lambda values: {keys[0]: values[0], keys[1]: values[1]}))
        return st.one_of(one, two)
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "object":
        properties = schema.get("properties", {})
        required = set(schema.get("required", ()))
        return st.fixed_dictionaries(
            {k: from_schema(v, constants) for k, v in properties.items() if k in required},
            optional={k: from_schema(v, constants) for k, v in properties.items() if k not in required and k != "$schema"},
        )
    if kind == "array":
        return st.lists(from_schema(schema.get("items", {}), constants), max_size=4)
    if kind == "boolean":
        return st.booleans()
    low = schema.get("minimum", 0)
    if kind == "integer":
        edges = [v for v in constants["integer"] if v >= low]
        return st.one_of(st.sampled_from(edges or [low]), st.integers(low, low + 10), st.integers(low, 10**9))
    if kind == "number":
        edges = [v for v in constants["number"] if v >= low]
        return st.one_of(st.sampled_from(edges or [low]), st.integers(low, 1000),
                         st.floats(low, 1e6, allow_nan=False, allow_infinity=False))
    if kind == "string":
        if "pattern" in schema:
            pattern = re.compile(schema["pattern"])
            edges = [v for v in constants["string"] if pattern.search(v)]
            generated = st.from_regex(pattern, fullmatch=True)
            return st.one_of(st.sampled_from(edges), generated) if edges else generated
        return st.text(min_size=schema.get("minLength", 0), max_size=8)
    return st.nothing()


def _definition(reference: str) -> Mapping[str, Any]:
    """The node a local ``$ref`` (``#/$defs/name``) of facts_schema.json names."""
    node: Any = facts_schema()
    for part in reference.removeprefix("#/").split("/"):
        node = node[part]
    return node


def facts_documents() -> st.SearchStrategy:
    """Valid facts documents, generated from facts_schema.json (partial ones included).

    ``tenant.label`` (a free-form name no rule reads) is left out: it cannot change an outcome.
    """
    schema = copy.deepcopy(facts_schema())
    schema["properties"]["tenant"]["properties"].pop("label", None)
    return from_schema(schema, rule_constants())


# ------------------------------------------------------------------ the features


def feature_steps() -> Iterator[tuple[str, str, str]]:
    """``(where, type, text)`` of every step of every scenario under features/, each Outline example rendered."""
    from pytest_bdd.feature import get_features

    for feature in get_features([str(REPO / "features")]):
        for template in feature.scenarios.values():
            contexts = [context for examples in template.examples for context in examples.as_contexts()] or [{}]
            for context in contexts:
                scenario = template.render(context)
                for step in scenario.steps:
                    yield f"{feature.rel_filename}:{step.line_number}", step.type, step.name


def spawn_interview(tmp_path: Path, *argv: str, timeout: int = 90) -> Any:
    """``diagnose interview ARGV`` in a real terminal (pexpect), 100 columns, started in ``tmp_path``."""
    import pexpect

    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="100")
    return pexpect.spawn(sys.executable, ["-m", "writeback_doctor", "interview", *argv], cwd=str(tmp_path), env=env,
                         encoding="utf-8", timeout=timeout, dimensions=(50, 100))


def finish_interview(child: Any) -> int:
    """Wait for the interview in ``child`` to end; its exit status (128 + the signal when a signal ended it)."""
    import pexpect

    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus if child.exitstatus is not None else 128 + child.signalstatus


def with_shared_6329(facts: dict) -> dict:
    """Expert review §3 on ``facts`` (changed in place and returned): Connect on a DC, Pre-Windows 2000 hardened,
    one ADSync 6329 access denied: one observation with three candidate causes."""
    facts["server"]["is_domain_controller"] = True
    facts["connect"]["preferred_dcs_only"] = False
    facts.setdefault("ad", {})["pre_windows_2000_access_hardened"] = True
    facts["event_log"]["events"].append({"id": 6329, "source": "ADSync", "time": "2025-06-01T11:00:00Z", "level": "Error",
                                         "code": "none", "detail": "access-denied",
                                         "message": "Failed to acquire user information: ERROR_ACCESS_DENIED"})
    return facts


GIVEN_SYMPTOM = {"error_code": "none", "where": "sspr-portal", "affected": "one-user", "affected_admins_only": False}
"""A symptom as the user told it (no error shown, on the SSPR portal, one user, not only admins): a starting file that
holds it is never asked the opening symptom questions again (issue 24)."""


def with_symptom(facts: dict) -> dict:
    """``facts`` (changed in place and returned) with ``GIVEN_SYMPTOM``: an interview ``--from`` it goes straight to
    the questions the rules wait for, as the tests of the interview's mechanics expect."""
    facts["symptom"] = {**GIVEN_SYMPTOM, **facts.get("symptom", {})}
    return facts
