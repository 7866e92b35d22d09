"""The symptom vocabulary: the documented codes, what a pasted message is recognised as, and the schema's lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from writeback_doctor.sources.symptom_text import catalogue, codes, failure_reason, recognise

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "facts_schema.json").read_text(encoding="utf-8"))
SYMPTOM = SCHEMA["properties"]["symptom"]["properties"]
ENTRY = SCHEMA["properties"]["audit_log"]["properties"]["entries"]["items"]["properties"]


def test_the_schema_lists_every_documented_code_plus_unknown_and_none() -> None:
    assert sorted(SYMPTOM["error_code"]["enum"]) == sorted([*codes(), "unknown", "none"])


def test_the_schema_lists_every_documented_reason_plus_other_and_none() -> None:
    assert sorted(ENTRY["failure_reason"]["enum"]) == sorted([*catalogue()["reasons"], "other", "none"])


def test_every_code_and_reason_cites_a_microsoft_page() -> None:
    entries = [*catalogue()["codes"].values(), *catalogue()["reasons"].values()]
    assert all(str(e["source"]).startswith("https://learn.microsoft.com/") for e in entries)


@pytest.mark.parametrize(("reported", "code"), [
    ("SSPR_0029", "SSPR_0029"),
    ("sspr 29", "SSPR_0029"),
    ("SSPR_009", "SSPR_0009"),
    ("AADSTS120013", "AADSTS120013"),
    ("OnPremisesAdminActionRequired = 29", "SSPR_0029"),
    ("We\u2019re unable to reset your password due to an error in your on-premises configuration.", "SSPR_0029"),
    ("SSPR_0029: Your organization hasn't properly set up the on-premises configuration for password reset.", "SSPR_0029"),
    ("Nie możemy zresetować hasła z powodu błędu w konfiguracji lokalnej.", "SSPR_0029"),
    ("The password does not meet the length, complexity, age, or history requirements of your corporate password policy.",
     "on-premises-policy-violation"),
    ("We can't reset your password due to a poor connection with your on-premises environment.", "SSPR_0030"),
    ("none", "none"),
])
def test_a_reported_error_is_recognised_in_any_documented_form(reported: str, code: str) -> None:
    assert recognise(reported) == (code, None)


def test_an_unknown_code_is_carried_as_unknown_with_a_note_quoting_it() -> None:
    recognised = recognise("SSPR_0031")
    assert recognised.code == "unknown" and recognised.note is not None and "SSPR_0031" in recognised.note
    assert recognise("the page just spins").code == "unknown"


@pytest.mark.parametrize(("reason", "name"), [
    ("OnPremisesConnectivityError", "OnPremisesConnectivityError"),
    ("onpremisesadminactionrequired", "OnPremisesAdminActionRequired"),
    ("FuzzyPolicyViolationInvalidPassword", "FuzzyPolicyViolationInvalidPassword"),
    ("User's password could not be reset", "other"),
    ("", "none"),
])
def test_an_audit_reason_is_named_as_documented(reason: str, name: str) -> None:
    assert failure_reason(reason) == name
