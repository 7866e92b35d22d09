"""'Some' for reachability (issue 24 point 5): some relay names answer, others do not.

A partly open firewall is not an open one: wherever "unreachable" fails a rule, "some" must not make it pass,
and a check gated on "reachable" (32002 with the port test passing) must not take "some" for "reachable".
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from expert_engine import schema_node
from tests.helpers import shipped
from writeback_doctor.commands.interview import Interview
from writeback_doctor.diagnosis import diagnose
from writeback_doctor.knowledge import facts_schema
from writeback_doctor.partial import SOME, some, takes_some

REPO = Path(__file__).resolve().parents[1]
SCHEMA = facts_schema()
SOME_FACTS = ("network.servicebus_https", "network.servicebus_usgov_https", "network.servicebus_china_https")


def _healthy(cloud: str) -> dict:
    facts = json.loads((REPO / "examples" / "healthy-hybrid.json").read_text(encoding="utf-8"))
    facts.setdefault("tenant", {})["cloud"] = cloud
    return facts


def _statuses(facts: dict, path: str, value: object) -> dict[str, str]:
    group, name = path.split(".")
    changed = {**facts, group: {**facts.get(group, {}), name: value}}
    return diagnose(shipped(), changed).statuses()


def test_the_schema_offers_some_on_the_service_bus_reachability_facts_only():
    offered = sorted(path for path in (f"network.{name}" for name in SCHEMA["properties"]["network"]["properties"])
                     if takes_some(schema_node(SCHEMA, path)))
    assert offered == sorted(SOME_FACTS)


@pytest.mark.parametrize("path", SOME_FACTS)
@pytest.mark.parametrize("cloud", ["global", "usgov", "china"])
def test_some_never_passes_a_rule_that_unreachable_fails(path, cloud):
    facts = _healthy(cloud)
    unreachable, partly = _statuses(facts, path, False), _statuses(facts, path, SOME)
    softened = [rule for rule, status in unreachable.items() if status == "fail" and partly[rule] == "pass"]
    assert softened == []


@pytest.mark.parametrize("path, rule", [("network.servicebus_https", "firewall-servicebus-endpoint"),
                                        ("network.servicebus_usgov_https", "usgov-endpoints"),
                                        ("network.servicebus_china_https", "china-endpoints")])
def test_some_fails_the_endpoint_rule_of_its_cloud(path, rule):
    cloud = {"usgov-endpoints": "usgov", "china-endpoints": "china"}.get(rule, "global")
    assert _statuses(_healthy(cloud), path, SOME)[rule] == "fail"


def test_the_32002_check_gated_on_a_passing_port_test_does_not_take_some_for_passing():
    facts = _healthy("global")
    facts["event_log"] = {**facts.get("event_log", {}), "events": [{"source": "PasswordResetService", "id": 32002}]}
    facts["network"] = {**facts["network"], "servicebus_https": SOME}
    report = diagnose(shipped(), facts).to_json()
    fired = [d["finding"]["id"] if isinstance(d.get("finding"), dict) else d.get("finding") for d in report["diagnoses"]
             if d["id"] == "event-servicebus-unreachable"]
    assert fired and "servicebus-error-32002-ports-open" not in fired, fired


def _interview(lang: str = "en") -> Interview:
    return Interview({}, lang, shipped(), io.StringIO(), io.StringIO())


@pytest.mark.parametrize("lang, answer", [("en", "some"), ("en", "Only some"), ("en", "partly."), ("en", "partially"),
                                          ("uk", "деякі"), ("uk", "Частково"), ("uk", "лише деякі")])
def test_the_interview_takes_some_for_a_reachability_fact(lang, answer):
    node = schema_node(SCHEMA, "network.servicebus_https")
    assert _interview(lang).parse(node, answer, "network.servicebus_https") == (SOME, None)


def test_yes_and_no_stay_what_they_were_and_some_is_refused_where_the_fact_does_not_take_it():
    asking = _interview()
    node = schema_node(SCHEMA, "network.servicebus_https")
    assert asking.parse(node, "yes", "network.servicebus_https") == (True, None)
    assert asking.parse(node, "no", "network.servicebus_https") == (False, None)
    assert "'some'" in asking._hint(node)
    other = schema_node(SCHEMA, "network.proxy_required")
    value, reason = asking.parse(other, "some", "network.proxy_required")
    assert value is None and reason
    assert some("some", other) is None


def _tests(*results: tuple[str, bool]) -> list[dict]:
    return [{"ComputerName": host, "RemoteAddress": "20.49.97.8", "RemotePort": 443, "TcpTestSucceeded": ok}
            for host, ok in results]


def test_test_netconnection_of_several_relay_names_some_answering_is_some_not_a_conflict():
    from writeback_doctor.sources.ps_netconnection import extract
    claims = extract(_tests(("ssprdedicatedsbprodncu.servicebus.windows.net", True),
                            ("g15-prod-sn3-011-sb.servicebus.windows.net", False),
                            ("passwordreset.microsoftonline.com", True)))
    assert [(fact, value) for fact, value, _ in claims] == [("network.passwordreset_https", True),
                                                           ("network.servicebus_https", "some")]
    assert "not: g15-prod-sn3-011-sb.servicebus.windows.net" in claims[1][2]


def test_agreeing_relay_tests_and_one_name_tested_twice_with_two_results_stay_as_they_were():
    from writeback_doctor.sources.ps_netconnection import extract
    agreeing = extract(_tests(("a.servicebus.windows.net", False), ("b.servicebus.windows.net", False)))
    assert [value for _, value, _ in agreeing] == [False, False]
    flaky = extract(_tests(("a.servicebus.windows.net", True), ("a.servicebus.windows.net", False),
                           ("b.servicebus.windows.net", True)))
    assert [value for _, value, _ in flaky] == [True, False, True]  # a conflict the engineer settles
