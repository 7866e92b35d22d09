"""``--explain`` on long arrays (issue P, point 5), read on the rendered lines: a list value is summarised
("6 events: 656, 6329 x2, ..."), a quantifier shows one item in full and counts the others, so the text
does not grow with the array; the JSON contract keeps every item."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.helpers import run

REPO = Path(__file__).resolve().parent.parent
EVENTS = REPO / "examples" / "event-log-failing-server.json"
WIDTH = 80


def explained(capsys, monkeypatch, path: Path, *extra: str) -> list[str]:
    monkeypatch.setenv("COLUMNS", str(WIDTH))
    status, out, err = run(capsys, str(path), "--explain", *extra)
    assert status == 1, err
    return out.splitlines()


def joined(lines: list[str]) -> str:
    """The rendered lines with their wrapping undone (continuation indents folded into one space)."""
    return re.sub(r"\s*\n\s+", " ", "\n".join(lines))


def test_a_long_list_value_is_summarised_by_count_and_counted_ids(capsys, monkeypatch):
    text = joined(explained(capsys, monkeypatch, EVENTS, "--explain=all"))
    assert "event_log.events is known — holds (value 6 events: 656, 6329 x2, 33004, 31034, ...; from" in text
    assert '"message": "Password Change Request' not in text  # the array itself is not printed


def test_a_quantifier_shows_one_item_and_counts_the_others(capsys, monkeypatch):
    lines = explained(capsys, monkeypatch, EVENTS)
    assert max(map(len, lines)) <= WIDTH
    text = joined(lines)
    assert "- and 5 more items (does not hold 5), event_log.events[].id: 6329 x2, 33004, 31034, 32002" in text
    assert "item event_log.events[5]" not in text  # counted, not listed


def test_the_explanation_does_not_grow_with_the_array(capsys, monkeypatch, tmp_path):
    facts = json.loads(EVENTS.read_text(encoding="utf-8"))
    base = len(explained(capsys, monkeypatch, EVENTS))
    first = facts["event_log"]["events"][0]  # the benign 656: many more of it changes no verdict
    facts["event_log"]["events"] += [dict(first, time=f"2024-06-02T{h:02d}:{m:02d}:00Z") for h in range(10) for m in range(60)]
    many = tmp_path / "many-events.json"
    many.write_text(json.dumps(facts), encoding="utf-8")
    lines = explained(capsys, monkeypatch, many)
    assert len(lines) <= base + 10 and max(map(len, lines)) <= WIDTH
    text = joined(lines)
    assert "because: event_log.events = 601 events: 656 x601 [many-events.json:$.event_log.events (facts)]" in text
    assert "- and 605 more items (does not hold 605), event_log.events[].id: 6329 x2, 33004, 31034, 32002, ..." in text
    assert "(value 606 events: 656 x601, 6329 x2, 33004, 31034, ...;" in joined(explained(capsys, monkeypatch, many,
                                                                                           "--explain=all"))


def test_the_summaries_read_in_ukrainian_too(capsys, monkeypatch):
    text = joined(explained(capsys, monkeypatch, EVENTS, "--explain=all", "--lang", "uk"))
    assert "(значення «events», елементів 6: 656, 6329 x2, 33004, 31034, ...;" in text
    assert "- і ще елементів: 5 (не виконується 5), event_log.events[].id: 6329 x2, 33004, 31034, 32002" in text


def test_the_json_contract_keeps_every_item(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", str(WIDTH))
    _, out, _ = run(capsys, str(EVENTS), "--explain", "--format", "json")
    report = json.loads(out)
    nodes = [report]
    items = 0
    while nodes:
        node = nodes.pop()
        if isinstance(node, dict):
            items = max(items, sum(1 for child in node.get("children", []) if child.get("op") == "item"))
            nodes += list(node.values())
        elif isinstance(node, list):
            nodes += node
    assert items == 6
