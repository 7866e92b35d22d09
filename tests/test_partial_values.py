"""Issue 24 point 5: partial values. A version or an age known only as a range is a fact (facts_schema.json allows
an interval where the fact says ``x-partial: interval``), the interview takes it in the engineer's words, and the
rules compare it three-valued: "below 2.5.79.0" is decided by "2.6 or later" and undecided by "2.4 or later"."""

from __future__ import annotations

import io

import pytest

from expert_engine import schema_node
from tests.helpers import shipped
from writeback_doctor.commands.interview import Interview
from writeback_doctor.diagnosis import diagnose
from writeback_doctor.partial import interval

SCHEMA = shipped().schema


@pytest.mark.parametrize("path, answer, expected", [
    ("connect.version", "2.6 or later", {"at_least": "2.6"}),
    ("connect.version", "later than 1.1.819.0", {"above": "1.1.819.0"}),
    ("connect.version", "Below 2.5.79.0", {"below": "2.5.79.0"}),
    ("connect.version", "at least version 2.4", {"at_least": "2.4"}),
    ("connect.version", "between 2.4 and 2.5", {"at_least": "2.4", "below": "2.5"}),
    ("connect.version", "2.4.1 or earlier", {"at_most": "2.4.1"}),
    ("connect.version", "2.6 або новіша", {"at_least": "2.6"}),
    ("server.dotnet_version", "older than 4.8", {"below": "4.8"}),
    ("cloud_sync.agent_version", "1.1.977.0+", {"at_least": "1.1.977.0"}),
    ("password_policy.minimum_age_days", "a few days", {"at_least": 2, "below": 10}),
    ("password_policy.minimum_age_days", "less than a day", {"below": 1}),
    ("password_policy.minimum_age_days", "more than 12 hours", {"above": 0.5}),
    ("password_policy.minimum_age_days", "кілька днів", {"at_least": 2, "below": 10}),
    ("connect.minutes_since_writeback_enabled", "a few minutes", {"at_least": 2, "below": 10}),
    ("connect.minutes_since_writeback_enabled", "more than an hour", {"above": 60}),
    # not a range: the exact value's own parsing takes over
    ("connect.version", "2.4.131.0", None),
    ("password_policy.minimum_age_days", "1", None),
    ("password_policy.minimum_age_days", "a few fortnights", None),
    # a fact that takes no range
    ("tenant.assigned_licenses", "at least 5", None),
])
def test_the_engineers_words_for_a_range_become_an_interval(path, answer, expected):
    assert interval(answer, schema_node(SCHEMA, path), path) == expected


def _interview() -> Interview:
    return Interview({}, "en", shipped(), io.StringIO(), io.StringIO())


def test_the_interview_accepts_a_range_where_the_fact_takes_one_and_the_exact_value_as_before():
    asking = _interview()
    node = schema_node(SCHEMA, "connect.version")
    assert asking.parse(node, "2.6 or later", "connect.version") == ({"at_least": "2.6"}, None)
    assert asking.parse(node, "2.4.131.0", "connect.version") == ("2.4.131.0", None)
    value, reason = asking.parse(node, "soon", "connect.version")
    assert value is None and reason
    ages = schema_node(SCHEMA, "password_policy.minimum_age_days")
    assert asking.parse(ages, "a few days", "password_policy.minimum_age_days") == ({"at_least": 2, "below": 10}, None)
    assert asking.parse(ages, "3", "password_policy.minimum_age_days") == (3, None)
    assert "2.6 or later" in asking._hint(node)


def _outcome(facts: dict, rule: str) -> str:
    report = diagnose(shipped(), facts).to_json()
    if any(d["id"] == rule for d in report["diagnoses"]):
        return "fails"
    if any(u["id"] == rule for u in report["unknown"]):
        return "undecided"
    return "passes"


def test_a_rule_on_below_2_5_79_0_is_decided_by_2_6_or_later_and_undecided_by_2_4_or_later():
    base = {"tenant": {"cloud": "global"}, "connect": {"installed": True}}
    assert _outcome({**base, "connect": {"installed": True, "version": {"at_least": "2.6"}}}, "connect-latest-version") == "passes"
    assert _outcome({**base, "connect": {"installed": True, "version": {"at_least": "2.4"}}}, "connect-latest-version") == "undecided"
    assert _outcome({**base, "connect": {"installed": True, "version": {"below": "2.0"}}}, "connect-latest-version") == "fails"


def test_a_minimum_password_age_of_a_few_days_is_above_zero():
    assert _outcome({"password_policy": {"minimum_age_days": {"at_least": 2, "below": 10}}}, "minimum-password-age-zero") == "fails"
    assert _outcome({"password_policy": {"minimum_age_days": {"below": 1}}}, "minimum-password-age-zero") == "undecided"
