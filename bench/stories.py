"""How soon the real stories' deciding question is asked (issue 24, "done when").

    python bench/stories.py            # the table, one line per story of features/stories/
    python bench/stories.py --markdown # the same as a Markdown table (for notes and the README)

For each story that gives the symptom but withholds the cause (its scenario "The symptom alone"),
the deciding fact is the one its step 'Then the report asks for <words>' names. Two ranks:
- report: its place in the report's questions for the symptom alone (1 = asked first);
- interview: the number of the question at which ``diagnose interview`` asks it, starting from the
  symptom alone and answering as the poster's story answers (``I don't know`` where it is silent).
The share counts, among the stories whose symptom alone gives at least one fact (the issue's "a story
that gives the symptom but withholds the cause"), those whose deciding question is among the first
three in both. A story whose first symptom the vocabulary cannot hold is listed with "-" and left out
of the share; stories tagged @uncovered (no rule covers the confirmed cause) are listed apart.

Not part of the test suite: it measures (tests/test_stories.py checks only that it computes).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # tests.features.storybook: the stories read with the scenarios' own phrase table

from tests.features.storybook import FIRST, Rank, ranks, stories  # noqa: E402


def _cell(rank: int | None) -> str:
    return "never" if rank is None else str(rank)


def table(rows: list[Rank], markdown: bool) -> list[str]:
    """The table's lines: story, deciding fact, rank in the report, rank in the interview, within the first three."""
    head = ("story", "symptom given", "deciding fact", "report", "interview", f"first {FIRST}")
    body = [(r.story, ", ".join(r.given) or "-", r.deciding, _cell(r.report), _cell(r.interview),
             ("yes" if r.within else "no") if r.given else "-") for r in rows]
    if markdown:
        return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)] + ["| " + " | ".join(row) + " |" for row in body]
    widths = [max(len(str(row[i])) for row in [head, *body]) for i in range(len(head))]
    return ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in [head, *body]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args(argv)
    found = stories()
    rows = list(ranks(found))
    print("\n".join(table(rows, args.markdown)))
    given = [row for row in rows if row.given]
    within = sum(row.within for row in given)
    uncovered = [story.name for story in found if story.uncovered]
    print(f"\nstories: {len(found)}; covered with a symptom alone (cause withheld): {len(rows)}, "
          f"of which give a symptom fact: {len(given)}; "
          f"deciding question within the first {FIRST} (report and interview): {within}/{len(given)}"
          f" = {100 * within / max(len(given), 1):.0f}%")
    print(f"uncovered (no rule covers the confirmed cause): {len(uncovered)}: {', '.join(uncovered)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
