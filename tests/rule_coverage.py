"""A pytest plugin: rule coverage from the living documentation (the Gherkin scenarios).

After each scenario it reads the ``report`` the scenario diagnosed and counts, per rule,
how many scenarios made it fail (fire), pass, not apply or stay unknown, and how many
scenarios name it in a step. At the end it prints a summary table and writes the numbers to
``rule-coverage.json`` under pytest's base temporary directory (never into the working tree;
``--basetemp`` chooses the place). Loaded by ``tests/conftest.py`` (``pytest_plugins``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from writeback_doctor.report.contract import Report

STATUSES = ("fail", "pass", "not_applicable", "unknown")
_KEY = pytest.StashKey[dict]()
_TMP = pytest.StashKey[pytest.TempPathFactory]()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_KEY] = {"scenarios": 0, "rules": {}}


@pytest.fixture(autouse=True, scope="session")
def _rule_coverage_temp(tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config) -> None:
    """Remember pytest's temporary directories, where the coverage file goes at the end of the run."""
    pytestconfig.stash[_TMP] = tmp_path_factory


def _record(request: pytest.FixtureRequest, scenario: Any) -> None:
    try:
        report = request.getfixturevalue("report")
    except pytest.FixtureLookupError:
        return  # the scenario failed before diagnosing
    if not isinstance(report, Report):
        return
    data = request.config.stash[_KEY]
    data["scenarios"] += 1
    texts = " ".join(step.name for step in scenario.steps)
    for rule_id, status in report.statuses().items():
        counts = data["rules"].setdefault(rule_id, dict.fromkeys(STATUSES + ("named_by",), 0))
        counts[status] += 1
        if f'"{rule_id}"' in texts:
            counts["named_by"] += 1


def pytest_bdd_after_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    _record(request, scenario)


def pytest_bdd_step_error(request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, step_func: Any,
                          step_func_args: Any, exception: Exception) -> None:
    if step.type == "then":  # a wrong expectation still diagnosed: count what the rules did
        _record(request, scenario)


def coverage(data: dict[str, Any]) -> dict[str, Any]:
    """The JSON document: per-rule counts (sorted by id) and the rules no scenario names, fires or quiets."""
    rules = {rule_id: data["rules"][rule_id] for rule_id in sorted(data["rules"])}
    return {
        "scenarios": data["scenarios"],
        "rules": rules,
        "not_named_by_any_scenario": [r for r, c in rules.items() if c["named_by"] == 0],
        "never_fired": [r for r, c in rules.items() if c["fail"] == 0],
        "never_passed_or_not_applicable": [r for r, c in rules.items() if c["pass"] + c["not_applicable"] == 0],
    }


def _target(config: pytest.Config) -> Path | None:
    factory = config.stash.get(_TMP, None)
    return factory.getbasetemp() / "rule-coverage.json" if factory is not None else None


def pytest_sessionfinish(session: pytest.Session) -> None:
    data = session.config.stash.get(_KEY, None)
    target = _target(session.config)
    if not data or not data["scenarios"] or target is None:
        return
    target.write_text(json.dumps(coverage(data), indent=2) + "\n", encoding="utf-8")


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    data = config.stash.get(_KEY, None)
    if not data or not data["scenarios"]:
        return
    from tabulate import tabulate

    report = coverage(data)
    rows = [[rule_id, c["fail"], c["pass"], c["not_applicable"], c["unknown"], c["named_by"]] for rule_id, c in report["rules"].items()]
    terminalreporter.section("rule coverage of the scenarios")
    terminalreporter.write_line(f"{report['scenarios']} scenarios diagnosed; written to {_target(config)}")
    terminalreporter.write_line(tabulate(rows, headers=["rule", "fires", "passes", "n/a", "unknown", "named by"], tablefmt="simple"))
    for key, label in (("not_named_by_any_scenario", "named by no scenario"), ("never_fired", "never fired"),
                       ("never_passed_or_not_applicable", "never passed nor was not applicable")):
        if report[key]:
            terminalreporter.write_line(f"{label}: {', '.join(report[key])}")
