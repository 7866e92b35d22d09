"""The Ukrainian texts the expert re-review (2026-12-07, §7) asked to mend, and the label on the 2021 article's
machine translation wherever a view quotes it (issue Q)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import shipped
from writeback_doctor.cli import main

REPO = Path(__file__).resolve().parent.parent


def finding_text(rule_id: str, finding_id: str, part: str) -> str:
    rule = shipped().ruleset.rule(rule_id)
    return next(getattr(f, part)["uk"] for f in rule.findings if f.id == finding_id)


@pytest.mark.parametrize(("rule", "finding", "part", "mended", "gone"), [
    ("license-assigned", "no-license-assigned", "diagnosis", "самостійне скидання пароля та зворотний запис паролів не працюють",
     "та зворотного запису паролів не працюють"),
    ("writeback-enabled-in-connect", "writeback-disabled", "remedy", "увійдіть, використовуючи хмарний обліковий запис адміністратора",
     "увійдіть хмарним обліковим записом"),
    ("writeback-enabled-in-connect", "writeback-disabled", "remedy", "Entra ID > Password reset", "Protection > Password reset"),
    ("event-service-not-running", "writeback-service-stopped-31016", "diagnosis",
     "усі запити щодо паролів із хмари завершуються помилкою", "кожен запит щодо пароля з хмари не вдається"),
    ("proxy-and-tls-inspection", "tls-inspection-in-path", "diagnosis", "перехоплення й аналіз", "розривання"),
    ("writeback-admin-role-assigned-directly", "admin-role-only-eligible", "diagnosis", "відповідне призначення (eligible)",
     "допустимий"),
    ("password-filter-on-domain-controllers", "password-protection-refuses", "remedy", "Центр адміністрування Microsoft Entra >",
     "Центр адміністрування Entra >"),
    ("sspr-enabled", "sspr-disabled", "remedy", "установіть для «Self service password reset enabled» значення Selected",
     "у Selected"),
    ("idle-connection-window", "tested-too-soon", "remedy", "у стані простою", "без дій"),
])
def test_the_uk_texts_the_review_named_are_mended(rule, finding, part, mended, gone):
    text = finding_text(rule, finding, part)
    assert mended in text and gone not in text


def test_the_role_question_uses_the_glossary_term_and_the_scope_question_is_split():
    schema = json.loads((REPO / "facts_schema.json").read_text(encoding="utf-8"))
    role = schema["properties"]["writeback_admin"]["properties"]["role_assignment"]["x-question"]["uk"]
    assert "відповідне призначення (eligible)" in role and "допустим" not in role
    scope = schema["properties"]["users"]["items"]["properties"]["in_password_hash_sync_scope"]["x-question"]["uk"]
    first, _, rest = scope.partition("? ")
    assert rest and len(first.split()) < 30 and "(" not in first


def test_a_uk_view_labels_the_2021_article_as_microsofts_machine_translation(capsys):
    assert main(["rules", "show", "connect-latest-version", "--lang", "uk"]) == 0
    out = capsys.readouterr().out
    assert "Виникла проблема з підключенням до записування паролем" in out  # quoted as written
    label = "(машинний переклад Microsoft 2021 року, наведено дослівно)"
    assert out.count(label) == 2  # the section and the quote
    assert main(["rules", "show", "connect-server-clock-in-sync", "--lang", "uk"]) == 0  # current docs: no label
    assert "машинний переклад" not in capsys.readouterr().out
