"""``--explain`` as a user reads it (issue P, point 5): failing and undecided checks explained by default,
every check with ``--explain=all``, every line within the terminal; a wide terminal never cuts a word and is
never longer than the stacked layout."""

from __future__ import annotations

import pytest

from tests.helpers import EXAMPLES, cli_process


def lines(*argv: str, columns: int = 80) -> list[str]:
    """The report's lines; a run that did not end as a report does (1: problems found) fails here, with its errors."""
    done = cli_process(*argv, columns=columns)
    assert done.returncode == 1 and done.stderr == "", (argv, columns, done.returncode, done.stderr)
    return done.stdout.splitlines()


def test_explain_explains_what_fails_or_is_undecided_and_all_explains_every_check():
    sspr_off = str(EXAMPLES / "sspr-off.json")
    problems, every = lines(sspr_off, "--explain"), lines(sspr_off, "--explain=all")
    assert len(problems) * 5 < len(every)  # 1,282 lines for one finding before
    assert any(line.startswith("sspr-enabled") or "sspr-enabled" in line for line in problems[problems.index("Explanations"):])
    explained = "\n".join(problems[problems.index("Explanations"):])
    assert "license-assigned" not in explained  # a passed check: only with --explain=all
    assert "license-assigned" in "\n".join(every[every.index("Explanations"):])


@pytest.mark.parametrize("columns", [80, 120])
def test_explanations_are_wrapped_to_the_terminal(columns):
    out = lines(str(EXAMPLES / "event-log-failing-server.json"), "--explain", columns=columns)
    assert max(len(line) for line in out) <= columns


@pytest.mark.parametrize("example", ["firewall-blocks-servicebus", "contoso-exports-broken", "event-log-failing-server"])
@pytest.mark.parametrize("columns", [120, 160, 200])
def test_a_wide_terminal_is_never_longer_than_the_stacked_layout_and_cuts_no_word(example, columns):
    narrow, wide = lines(str(EXAMPLES / f"{example}.json")), lines(str(EXAMPLES / f"{example}.json"), columns=columns)
    assert len(wide) <= len(narrow) and max(len(line) for line in wide) <= columns

    def diagnoses(out: list[str]) -> set[str]:  # the words of the findings: a cut word would show as two fragments
        start = out.index("Diagnoses, in order")
        end = next((n for n, line in enumerate(out) if line.startswith("Still unknown")), len(out))
        return {word for line in out[start:end] for word in line.split()}

    assert diagnoses(wide) == diagnoses(narrow)
