"""A rule author's first runs of ``diagnose rules``, read as printed (issue P, point 8).

After ``pip install .`` the command reads the installed copy while the author edits ``rules/`` in a
checkout; here the "installed" set is the repository's and the author's folder a copy with one more
rule: the command says which set it read and warns that the folder here differs, with the command
that reads it. A value of the wrong type and an operator typo are told in the author's terms.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import run

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "docs" / "example-rule" / "guide-test-user-not-admin.yaml"


def authors_checkout(tmp_path: Path) -> Path:
    """A folder holding a copy of the rules plus the guide's new rule, as an author's checkout would."""
    shutil.copytree(REPO / "rules", tmp_path / "rules")
    shutil.copy(EXAMPLE, tmp_path / "rules" / "setup" / EXAMPLE.name)
    return tmp_path


def shipped_count() -> int:
    return sum(1 for p in (REPO / "rules").rglob("*.yaml") if p.name != "ruleset.yaml")


def test_lint_names_the_rules_it_read_and_warns_that_the_rules_here_differ(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(authors_checkout(tmp_path))
    status, out, err = run(capsys, "rules", "lint")
    assert status == 0
    assert out.splitlines() == [f"{shipped_count()} rule(s) checked, no problems ({REPO / 'rules'})."]
    [warning] = err.splitlines()
    assert warning.startswith(f"warning: rules is not the rule set this command reads ({REPO / 'rules'}), and they differ: "
                              "1 file(s) only in the folder here (setup/guide-test-user-not-admin.yaml).")
    assert "To read rules: diagnose rules lint --rules rules; or install with pip install -e ." in warning


def test_lint_of_the_folder_here_reads_the_new_rule_and_warns_no_more(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(authors_checkout(tmp_path))
    status, out, err = run(capsys, "rules", "lint", "--rules", "rules")
    assert err == ""
    lines = out.splitlines()
    assert status == 1 and lines[0] == "2 problem(s) (rules):"  # the new rule's scenarios are not in features/ yet
    assert all(line.startswith("rules/setup/guide-test-user-not-admin.yaml:1: no scenario") for line in lines[1:])


def test_show_warns_too_when_the_rule_asked_for_is_only_here(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(authors_checkout(tmp_path / "checkout"))
    (tmp_path / "checkout" / "docs").mkdir()
    monkeypatch.chdir(tmp_path / "checkout" / "docs")  # a subfolder of the checkout: its rules/ is found above
    status, out, err = run(capsys, "rules", "show", "guide-test-user-not-admin")
    assert status == 2 and out == ""
    warning, refusal = err.splitlines()
    assert warning.startswith("warning: ../rules is not the rule set this command reads")
    assert "diagnose rules show guide-test-user-not-admin --rules ../rules" in warning
    assert refusal.startswith("diagnose rules: no rule 'guide-test-user-not-admin'; the rules are: ")


def test_in_the_checkout_that_runs_nothing_is_said_of_other_rules(monkeypatch, capsys):
    monkeypatch.chdir(REPO / "rules" / "setup")
    status, out, err = run(capsys, "rules", "list")
    assert status == 0 and err == "" and "guide" not in out


def test_a_quoted_value_on_a_boolean_fact_is_an_error_at_its_line(tmp_path, capsys):
    text = EXAMPLE.read_text(encoding="utf-8")
    rule = tmp_path / "quoted.yaml"
    rule.write_text(text.replace("fact: is_admin\n            equals: true", 'fact: is_admin\n            equals: "yes"'),
                    encoding="utf-8")
    line = next(n for n, row in enumerate(rule.read_text(encoding="utf-8").splitlines(), 1) if "fact: is_admin" in row)
    status, out, err = run(capsys, "rules", "lint", str(rule), "--features", str(EXAMPLE.parent))
    assert status == 1, out + err
    said = [row for row in out.splitlines() if row.startswith(str(rule))]
    assert said == [f"{rule}:{line}: 'yes' is a string, but fact 'users[].is_admin' is boolean in the "
                    "fact schema, so 'equals' can never hold; write true (no quotes)"]


def test_an_operator_typo_is_named_with_the_operator_meant(tmp_path, capsys):
    rule = tmp_path / "typo.yaml"
    rule.write_text(EXAMPLE.read_text(encoding="utf-8").replace("fact: is_admin\n            equals: true",
                                                                "fact: is_admin\n            equal: true"), encoding="utf-8")
    line = next(n for n, row in enumerate(rule.read_text(encoding="utf-8").splitlines(), 1) if "equal: true" in row)
    status, out, err = run(capsys, "rules", "lint", str(rule), "--features", str(EXAMPLE.parent))
    assert status == 1 and "Additional properties" not in out + err
    said = [row for row in out.splitlines() if row.startswith(str(rule))]
    assert said == [f"{rule}:{line}: unknown operator 'equal' in the comparison of 'is_admin'; did you mean 'equals'?"]
