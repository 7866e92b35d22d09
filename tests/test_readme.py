"""The README as a new user reads it (issue P, point 9): its first screen says what the tool does, gives
the two commands (the test command exactly what CI runs), then use, exit statuses and collection; the
engine's internals live in docs/, linked, and every link resolves."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
FIRST_SCREEN = 80
"""Lines a reader sees before scrolling far: what the first screens must hold."""


def test_the_first_screen_is_what_it_does_the_two_commands_use_exit_statuses_and_collection():
    first = README.splitlines()[:FIRST_SCREEN]
    headings = [line for line in first if line.startswith("## ")]
    assert headings[:3] == ["## Use", "## Exit status", "## Collecting the facts"]
    assert "why Microsoft Entra ID (Azure AD) **password" in "\n".join(first[:5])
    commands = [line for line in first if line.startswith("python3 -m venv")]
    assert commands == [
        "python3 -m venv .venv && . .venv/bin/activate && pip install . && diagnose examples/sspr-off.json",
        'python3 -m venv .venv && . .venv/bin/activate && pip install ".[test]" && pytest',
    ]
    assert "diagnose collect connect-server" in "\n".join(first)


def test_the_test_command_is_what_ci_runs():
    """``.ci/run`` runs the README's test command (pip quietly): the same steps, in the same order."""
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    steps = [line for line in script if line and not line.startswith(("#", "set ", "cd "))]
    readme = next(line for line in README.splitlines() if line.endswith("&& pytest")).split(" && ")
    ci = [part.replace("pip install -q ", "pip install ") for line in steps for part in line.split(" && ")]
    assert ci == readme


def test_the_internals_live_in_docs_and_every_link_resolves():
    for heading in ("## How it works", "### durable-rules, as measured", "## Performance", "## Installing compiles C"):
        assert heading not in README
    for name, heading in (("how-it-works.md", "# How it works"), ("durable-rules.md", "# durable-rules, as measured"),
                          ("performance.md", "# Performance"), ("install.md", "# Installing")):
        assert (REPO / "docs" / name).read_text(encoding="utf-8").startswith(heading)
        assert f"](docs/{name})" in README
    for document in (REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))):
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", document.read_text(encoding="utf-8")):
            assert (document.parent / target).exists(), f"{document.name}: {target}"
