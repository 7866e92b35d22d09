"""The quick schema check says yes only when jsonschema does: compared on mutated facts documents
and on the edge cases where Python and JSON Schema disagree about types."""

from __future__ import annotations

import copy
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expert_engine import FactsError, make_validator, validate_facts
from expert_engine.schema_check import accepts, compile_check
from tests.helpers import FUZZ, budget, facts_documents, shipped
from writeback_doctor.knowledge import facts_schema

HOSTILE = [True, False, None, 0, -1, 1.0, 1.5, -0.5, 10**20, "", "x", "4.8", " 4.8", "all", [], [{}], {}, {"zz": 1},
           "a" * 201, {"name": "u"}, [1, "a"], {"enabled_for": "all"}]


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _mutated(document: dict, path: tuple, change: str, value: Any) -> Any:
    document = copy.deepcopy(document)
    if not path:
        return value if change == "replace" else document
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if change == "replace":
        parent[last] = value
    elif change == "delete" and isinstance(parent, dict):
        del parent[last]
    elif change == "add" and isinstance(parent, dict):
        parent["zz_unknown"] = value
    return document


@settings(FUZZ, max_examples=budget(150, 1500))
@given(facts_documents(), st.data())
def test_the_quick_check_agrees_with_jsonschema_on_mutated_documents(document, data):
    validator = shipped().validator
    check = compile_check(validator.schema)
    assert check is not None  # the shipped fact schema is in the supported subset
    path = data.draw(st.sampled_from(_paths(document)))
    change = data.draw(st.sampled_from(["replace", "delete", "add"]))
    value = data.draw(st.sampled_from(HOSTILE))
    mutated = _mutated(document, path, change, value)
    assert check(mutated) == validator.is_valid(mutated)
    assert check(document) and validator.is_valid(document)


@pytest.mark.parametrize("schema, value, valid", [
    ({"type": "integer"}, True, False), ({"type": "integer"}, 1.0, True), ({"type": "integer"}, 1.5, False),
    ({"type": "number"}, False, False), ({"type": "boolean"}, 0, False), ({"type": ["string", "null"]}, None, True),
    ({"enum": ["a"]}, "a", True), ({"enum": ["1"]}, 1, False), ({"minimum": 0}, -1, False), ({"minimum": 0}, "-1", True),
    ({"minimum": 0}, True, True), ({"minLength": 1}, "", False), ({"maxLength": 2}, "abc", False),
    ({"pattern": "^[0-9]+$"}, "12", True), ({"pattern": "[0-9]"}, "a1b", True), ({"pattern": "^[0-9]+$"}, 12, True),
    ({"required": ["a"]}, {}, False), ({"required": ["a"]}, [], True), ({"additionalProperties": False}, {"a": 1}, False),
    ({"properties": {"a": {"type": "string"}}, "additionalProperties": False}, {"a": "x"}, True),
    ({"additionalProperties": {"type": "string"}}, {"a": 1}, False), ({"items": {"type": "string"}}, ["a", 1], False),
    ({"type": "integer", "minimum": 0}, -1, False), ({"type": "integer", "minimum": 0}, 2.0, True),
    ({"type": "integer", "minimum": 0}, True, False), ({"type": "number", "minimum": 0}, -0.5, False),
    ({"type": "number", "minimum": 0}, "1", False), ({"type": "string", "enum": ["a"]}, "b", False),
    ({"items": False}, [], True), ({"items": False}, [1], False), ({"type": "object"}, {"a": 1}, True),
])
def test_edge_cases_match_jsonschema(schema, value, valid):
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    assert jsonschema.Draft202012Validator(schema).is_valid(value) is valid
    assert compile_check(schema)(value) is valid


@pytest.mark.parametrize("schema", [{"$ref": "other.json#/a"}, {"enum": [[1], True]}, {"oneOf": [{"format": "date"}]},
                                    {"patternProperties": {"^a": {}}}, {"format": "date-time"}, {"prefixItems": [{}]},
                                    {"properties": {"a": {"anyOf": [{"contains": {}}]}}}])
def test_a_schema_outside_the_subset_is_left_to_jsonschema(schema):
    assert compile_check(schema) is None
    validator = make_validator(schema, check=False)
    assert not accepts(validator, {"a": 1}) and not accepts(validator, 1)


def test_an_invalid_document_is_still_worded_by_jsonschema():
    validator = make_validator(facts_schema(), check=False)
    with pytest.raises(FactsError) as raised:
        validate_facts({"tenant": {"assigned_licenses": True, "assigned_licences": 3}}, validator)
    rendered = raised.value.render()
    assert "$.tenant.assigned_licenses" in rendered and "assigned_licences" in rendered


def test_the_quick_check_is_kept_by_its_validator_and_keeps_no_validator_alive():
    """O point 3: the compiled check lives on the validator that owns the schema (no module-level cache keyed
    by ``id``), so a validator dropped by its caller is collected, and one made for another schema never gets it."""
    import gc
    import weakref

    from expert_engine import schema_check

    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
              "properties": {"a": {"type": "integer"}}, "additionalProperties": False}
    validator = make_validator(schema, check=False)
    assert accepts(validator, {"a": 1}) and not accepts(validator, {"a": "1"})
    assert validator.quick is validator.quick  # compiled once, kept by the validator
    other = make_validator({**schema, "properties": {"a": {"type": "string"}}}, check=False)
    assert accepts(other, {"a": "1"}) and not accepts(other, {"a": 1})
    gone = weakref.ref(validator)
    del validator
    gc.collect()
    assert gone() is None
    assert not [name for name, value in vars(schema_check).items()
                if isinstance(value, dict) and not name.startswith("__") and name != "TYPES"]
    plain = jsonschema.Draft202012Validator(schema)  # a jsonschema validator itself is still checked quickly
    assert accepts(plain, {"a": 1}) and not accepts(plain, {"b": 1})
