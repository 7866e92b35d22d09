"""Shared fixtures: the repository's folders and the installed knowledge base."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

pytest_plugins = ["tests.rule_coverage"]  # per-rule coverage of the Gherkin scenarios

REPO = Path(__file__).resolve().parent.parent

# Subprocesses (the CLI run as a user runs it) import the tree too, not an installed copy.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
# A report says when it was generated; SOURCE_DATE_EPOCH pins that time, so that the same input gives
# the same bytes in every test (report/metadata.py). tests/test_report_metadata.py checks the default.
os.environ.setdefault("SOURCE_DATE_EPOCH", "1764115200")  # 2025-11-26T00:00:00Z

# The suite (and its subprocesses) never reads or writes the user's rule cache (~/.cache/writeback-doctor):
# results must not depend on it, nor leave entries in it. Its own cache is removed at exit.
SUITE_CACHE = tempfile.mkdtemp(prefix="writeback-doctor-test-cache-")
os.environ["WRITEBACK_DOCTOR_CACHE"] = SUITE_CACHE
atexit.register(shutil.rmtree, SUITE_CACHE, True)


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--long``: the fuzz and property tests at length (tests/helpers.py ``budget``)."""
    parser.addoption("--long", action="store_true", help="run the fuzz and property tests at length (minutes)")


def pytest_configure(config: pytest.Config) -> None:
    """``--long`` for the test modules (read when they are imported, in every worker), and the feature files'
    tags, which pytest-bdd turns into markers (``pytest -m connectivity``)."""
    if config.getoption("--long"):
        os.environ["WRITEBACK_DOCTOR_LONG_TESTS"] = "1"  # tests/helpers.py LONG_ENV
    for tag, meaning in (("consistency", "scenarios of facts that disagree with each other"),
                         ("setup", "scenarios of the article's setup stage"),
                         ("connectivity", "scenarios of the connectivity stage"),
                         ("persisting", "scenarios of the last stage, when the problem persists"),
                         ("symptoms", "scenarios that start from what the user saw (the error, the audit log)"),
                         ("article", "requirements of the source article"),
                         ("microsoft-docs", "rules from current Microsoft documentation"),
                         ("stories", "real public writeback stories (features/stories/)"),
                         ("public-story", "a story told in public (a GitHub issue, a forum thread, an admin's blog), cited by URL"),
                         ("uncovered", "a story whose confirmed cause no rule covers")):
        config.addinivalue_line("markers", f"{tag}: {meaning}")


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def knowledge():
    """The shipped rules' ``Knowledge``, compiled once for the whole run."""
    from tests.helpers import shipped

    return shipped()
