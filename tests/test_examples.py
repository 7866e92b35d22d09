"""Each shipped example gives the diagnoses its name promises."""

from __future__ import annotations

import json

import pytest

from tests.helpers import shipped
from writeback_doctor.diagnosis import diagnose_facts

PROMISES = {
    "healthy-hybrid": [],
    # its administrator is cloud-only with Office 365: allowed (expert review), so the test user is what lacks P1/P2
    "hybrid-office365-only": [("license-premium-for-writeback", "no-premium-license"),
                              ("license-current-products", "synced-user-product-without-writeback"),
                              ("admin-and-test-user", "test-user-without-premium")],
    "sspr-off": [("sspr-enabled", "sspr-disabled")],
    "firewall-blocks-servicebus": [("firewall-servicebus-endpoint", "servicebus-blocked")],
    "connect-older-than-1-1-443": [("connect-latest-version", "connect-v1-retired")],
}


@pytest.mark.parametrize("name", sorted(PROMISES))
def test_example_promises(repo, name):
    report = diagnose_facts(shipped(), json.loads((repo / "examples" / f"{name}.json").read_text(encoding="utf-8")))
    found = [(d["id"], d["finding"]) for d in report["diagnoses"]]
    for promise in PROMISES[name]:
        assert promise in found
    if not PROMISES[name]:
        assert found == [] and report["unknown"] == []
    assert found[: len(PROMISES[name])] == PROMISES[name]


def test_nearly_empty_file_names_the_missing_facts(repo):
    report = diagnose_facts(shipped(), json.loads((repo / "examples" / "nearly-empty.json").read_text(encoding="utf-8")))
    assert report["diagnoses"] == []
    missing = {u["id"]: u["missing"] for u in report["unknown"]}
    assert missing["license-assigned"] == ["tenant.assigned_licenses"]
    assert "connect.ad_connector_configured" in missing["connect-installed-ad-prepared"]
    assert "connect.installed" not in missing["connect-installed-ad-prepared"]


def test_every_example_is_valid_against_the_fact_schema(repo, knowledge):
    validator = knowledge.validator
    for path in sorted((repo / "examples").glob("*.json")):
        assert list(validator.iter_errors(json.loads(path.read_text(encoding="utf-8")))) == [], path.name


def test_the_fact_schema_is_a_valid_2020_12_schema():
    import jsonschema

    from writeback_doctor.knowledge import facts_schema
    jsonschema.Draft202012Validator.check_schema(facts_schema())
