"""Questions where they are really answered, and attachments a customer can read (issue P, point 4).

Read as the user reads them: the rendered terminal, Markdown and HTML lines.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import cli_process, example, shipped
from writeback_doctor.diagnosis import diagnose
from writeback_doctor.report.render import render_html, render_markdown, render_table
from writeback_doctor.report.unknowns import answered_at, collector_of

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
COLLECTORS = REPO / "tests" / "fixtures" / "exports" / "collectors"


def place_of(lines: list[str], path: str) -> str:
    """The place heading above the question that asks for ``path`` (terminal or Markdown)."""
    at = next(n for n, line in enumerate(lines) if f"[{path}]" in line or f"(`{path}`)" in line)
    return next(line for line in reversed(lines[:at]) if line.startswith("### ") or (line and line[0].isupper()
                                                                                       and line.endswith(")")))


def test_ad_attributes_of_users_are_asked_in_active_directory_not_in_the_entra_admin_center():
    assert answered_at("users[].admin_count_protected") == "domain_controller"
    assert answered_at("users[].in_password_hash_sync_scope") == "domain_controller"
    assert answered_at("users[].license") == "entra"
    out = render_table(diagnose(shipped(), example("contoso-exports-broken")), width=400, verbose=True).splitlines()
    assert place_of(out, "users[].admin_count_protected").startswith("Domain controller (Active Directory)")
    assert place_of(out, "users[].in_password_hash_sync_scope").startswith("Domain controller (Active Directory)")


def test_a_place_names_a_collector_only_for_the_facts_it_reads():
    assert collector_of("connector_account.reset_password") == "connect-server"
    assert collector_of("users[].license") == "tenant" and collector_of("users") == "tenant"
    assert collector_of("domain_controllers.oldest_os") is None
    out = " ".join(render_table(diagnose(shipped(), example("nearly-empty")), width=100).split())
    assert "The script of diagnose collect connect-server answers" in out
    assert "No collector reads domain_controllers: oldest_os" in out


def imported(folder: Path, tmp_path: Path) -> set[str]:
    out = tmp_path / f"{folder.name}.json"
    assert cli_process("import", str(folder), "--out", str(out), columns=100).returncode in (0, 1)
    facts = json.loads(out.read_text(encoding="utf-8"))
    found: set[str] = set()

    def walk(node: dict, at: str) -> None:
        for key, value in node.items():
            if key.startswith("$"):
                continue
            if key == "users" and isinstance(value, list):
                found.update(f"users[].{field}" for user in value for field in user)
            elif isinstance(value, dict):
                walk(value, f"{at}{key}.")
            else:
                found.add(f"{at}{key}")
    walk(facts, "")
    return found


def test_every_fact_the_collectors_fixtures_give_is_declared_for_that_collector(tmp_path):
    for name in ("connect-server", "tenant"):
        facts = imported(COLLECTORS / name, tmp_path)
        others = {path: collector_of(path) for path in facts - {"users[].name"} if collector_of(path) != name}
        assert facts and others == {}, name  # users[].name: the key both collectors read


def test_the_markdown_attachment_groups_questions_by_place_and_folds_long_lists():
    text = render_markdown(diagnose(shipped(), example("nearly-empty")))
    lines = text.splitlines()
    places = [line for line in lines if line.startswith("### ")]
    assert [p.rsplit(" (", 1)[0] for p in places] == ["### Microsoft Entra admin center",
                                                      "### Azure AD Connect (Entra Connect Sync) server",
                                                      "### Domain controller (Active Directory)",
                                                      "### The user who reports the problem"]
    open_items = [line for line in lines if line.startswith("- [ ]")]
    assert len(open_items) > 40 and text.count("more questions here</summary>") >= 3
    assert "bears on" not in text
    first = lines.index(places[0])
    assert [line.startswith("- [ ]") for line in lines[first + 4:first + 7]] == [True, True, True]
    assert lines[first + 8].startswith("<details><summary>")


def test_attachments_name_inputs_as_given_or_by_base_name_with_one_source_per_user():
    given = cli_process("examples/contoso-exports-broken.json", "--format", "markdown", columns=100)
    assert "[examples/contoso-exports-broken.json:$.users[2] (facts)]" in given.stdout
    assert "$.users[2].license" not in given.stdout  # one source per user, not one per field
    absolute = str(EXAMPLES / "contoso-exports-broken.json")
    for fmt in ("markdown", "html", "table"):
        out = cli_process(absolute, "--format", fmt, columns=100).stdout
        assert str(REPO) not in out, fmt
        assert "contoso-exports-broken.json:$.users[2] (facts)" in out, fmt


def test_passed_checks_carry_their_titles_in_the_attachments():
    report = diagnose(shipped(), example("sspr-off"))
    assert "- `license-assigned`: At least one license is assigned in the tenant" in render_markdown(report)
    assert "<li><code>license-assigned</code>: At least one license is assigned in the tenant" in render_html(report)
