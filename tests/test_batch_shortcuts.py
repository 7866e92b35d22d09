"""The batch path's shortcuts give what the general path gives: a plain facts document's provenance
without its claims, and a facts document told from an export without being flattened."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings

from tests.helpers import FUZZ, facts_documents
from writeback_doctor.sources.merge import FactsFileError, claims_of, facts_provenance, flatten_facts, provenance_of, read_document
from writeback_doctor.sources.model import FACTS

REPO = Path(__file__).resolve().parent.parent
HEALTHY = json.loads((REPO / "examples" / "healthy-hybrid.json").read_text(encoding="utf-8"))


@settings(FUZZ)
@given(facts_documents())
def test_a_facts_documents_provenance_is_that_of_its_claims(document):
    assert facts_provenance(document, "<stdin>:7") == provenance_of(flatten_facts(document, "<stdin>:7"))
    assert list(facts_provenance(document, "x")) == list(provenance_of(flatten_facts(document, "x")))  # same order


@pytest.mark.parametrize("document", [
    {"users": [{"name": "a", "sspr_registered": True}, {"name": "a", "is_admin": False}]},  # a name given twice
    {"$schema": "x", "sspr": {"enabled_for": "all"},
     "$sources": {"sspr.enabled_for": [{"file": "policy.json", "kind": "graph", "location": "$.x"}]}},  # recorded sources
    HEALTHY, {}])
def test_the_general_cases_give_the_same_provenance(document):
    assert facts_provenance(document, "f.json") == provenance_of(flatten_facts(document, "f.json"))


def test_a_facts_document_is_validated_but_not_flattened_and_an_export_is_read():
    assert read_document("f.json", HEALTHY) == (FACTS, None)
    assert claims_of("f.json", HEALTHY) == (FACTS, flatten_facts(HEALTHY, "f.json"))
    export = json.loads((REPO / "tests" / "fixtures" / "exports" / "collectors" / "tenant" / "subscribedskus.json").read_text(encoding="utf-8"))
    kind, claims = read_document("skus.json", export)
    assert kind != FACTS and claims and claims == claims_of("skus.json", export)[1]
    with pytest.raises(FactsFileError):
        read_document("typo.json", {"tenat": {}})
