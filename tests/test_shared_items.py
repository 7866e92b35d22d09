"""A long array is grouped once per document (``expert_engine.one_document``), never across documents: the same
list changed in place between two diagnoses (as the interview changes its facts) is judged afresh."""

from __future__ import annotations

import copy

from expert_engine import one_document
from expert_engine.nodes import items_of
from tests.helpers import example, shipped
from writeback_doctor.diagnosis import diagnose


def test_an_array_is_grouped_once_inside_one_document_and_afresh_outside():
    items = [{"id": n % 3} for n in range(40)]
    with one_document():
        assert items_of(items, ("id",)) is items_of(items, ("id",))
        assert items_of(items, ("id",)) is not items_of(list(items), ("id",))
    assert items_of(items, ("id",)) is not items_of(items, ("id",))


def test_a_log_changed_in_place_between_two_diagnoses_is_read_again():
    facts = example("event-log-failing-server")
    events = facts["event_log"]["events"]
    facts["event_log"]["events"] = [dict(events[n % len(events)], time=f"2024-06-01T10:{n:02d}:00Z") for n in range(40)]
    first = diagnose(shipped(), facts).to_json()
    facts["event_log"]["events"][:] = [dict(event, id=656, code="none") for event in facts["event_log"]["events"]]
    again = diagnose(shipped(), facts).to_json()
    fresh = diagnose(shipped(), copy.deepcopy(facts)).to_json()
    assert again == fresh
    assert again["summary"] != first["summary"] or again["diagnoses"] != first["diagnoses"]
