"""The report leads with the problem and says where to start (issue P, points 1-3), read as the user reads it:
rendered lines of the terminal, Markdown, HTML, batch and ``rules show``.

1. Every diagnosis is headed by its finding's headline (the problem), never the requirement's title.
2. The report opens with "Start with #N (severity, reach): headline", chosen by the declared blast
   radius; findings about users writeback never carries are advisory.
3. One observed event claimed by several findings is reported once, with the candidate causes ranked
   and the facts that tell them apart.
"""

from __future__ import annotations

import copy
import io
import json
import sys
from pathlib import Path

from expert_engine import load_ruleset
from expert_engine.lint import lint_ruleset
from tests.helpers import cli_process, example, shipped, with_shared_6329
from writeback_doctor import cli
from writeback_doctor.diagnosis import diagnose, exit_status
from writeback_doctor.report.render import render_html, render_markdown, render_table

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
COLLECTORS = REPO / "tests" / "fixtures" / "exports" / "collectors"
LINT = Path(__file__).parent / "lint_fixtures"


def lines(report, width: int = 80) -> list[str]:
    return render_table(report, width=width).splitlines()


def headings(text_lines: list[str]) -> list[str]:
    """The numbered heading lines of the stacked layout ("1. [CRITICAL] ...")."""
    return [line for line in text_lines if line[:1].isdigit() and ". [" in line[:6]]


# ---------------------------------------------------------------- 1. headlines


def test_a_diagnosis_is_headed_by_the_problem_not_by_the_requirement():
    out = lines(diagnose(shipped(), example("firewall-blocks-servicebus")))
    assert headings(out) == ["1. [CRITICAL] Outbound HTTPS to *.servicebus.windows.net is blocked"]
    assert not any("is open" in line for line in out)


def test_every_format_and_language_uses_the_headline():
    report = diagnose(shipped(), example("sspr-off"))
    assert "**[critical] Self-service password reset is off in the tenant**" in render_markdown(report)
    assert "<strong>Self-service password reset is off in the tenant</strong>" in render_html(report)
    uk = lines(diagnose(shipped(), example("sspr-off"), lang="uk"))
    assert "1. [КРИТИЧНО] Самостійне скидання пароля (SSPR) у клієнті вимкнено" in uk
    data = diagnose(shipped(), example("sspr-off")).to_json()["diagnoses"][0]
    assert (data["title"], data["headline"]) == ("Self-service password reset is enabled for the users who test it",
                                                 "Self-service password reset is off in the tenant")


def test_passed_checks_keep_the_requirement_as_their_title():
    out = render_table(diagnose(shipped(), example("sspr-off")), width=80, verbose=True).splitlines()
    assert "  license-assigned: At least one license is assigned in the tenant" in out


def test_the_batch_summary_names_problems_by_their_headline(capsys, monkeypatch):
    docs = [example("sspr-off"), example("firewall-blocks-servicebus")]
    stdin = io.TextIOWrapper(io.BytesIO("".join(json.dumps(d) + "\n" for d in docs).encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    cli.main(["batch", "-", "--format", "csv", "--summary-only"])
    rows = [line.split(",") for line in capsys.readouterr().out.splitlines()]
    assert rows[0][:3] == ["section", "id", "headline"]
    assert ["problem", "sspr-enabled", "Self-service password reset is off in the tenant"] in [r[:3] for r in rows]
    assert ["problem", "firewall-servicebus-endpoint", "Outbound HTTPS to *.servicebus.windows.net is blocked"] in [
        r[:3] for r in rows]


def test_rules_show_gives_each_findings_headline():
    out = cli_process("rules", "show", "firewall-servicebus-endpoint", columns=80).stdout.splitlines()
    assert 'Fails with servicebus-blocked (critical), "Outbound HTTPS to *.servicebus.windows.net is blocked", when:' in out


def test_lint_asks_for_a_headline_that_states_the_problem(tmp_path):
    good = (LINT / "good.yaml").read_text(encoding="utf-8")
    missing = tmp_path / "missing.yaml"
    missing.write_text(good.replace("id: powered", "id: missing").replace("printer-on", "printer-up")
                       .replace('    headline: {en: "The cable is unplugged", uk: "Кабель від\'єднано"}\n', ""),
                       encoding="utf-8")
    restated = tmp_path / "restated.yaml"
    restated.write_text(good.replace("id: powered", "id: restated").replace("printer-on", "printer-live")
                        .replace('{en: "The cable is unplugged", uk: "Кабель від\'єднано"}',
                                 '{en: "The printer has power", uk: "Принтер живиться"}'), encoding="utf-8")
    schema = json.loads((LINT / "schema.json").read_text(encoding="utf-8"))
    problems = [str(p) for p in lint_ruleset(load_ruleset(LINT / "frame", [missing, restated]), schema)]
    assert any("missing.yaml:13: finding 'unplugged' has no headline" in p for p in problems), problems
    assert any("restated.yaml:14: finding 'unplugged': the en headline only restates the rule's title" in p
               for p in problems), problems
    assert any("the uk headline only restates" in p for p in problems)


# ---------------------------------------------------------------- 2. start here


def test_the_report_starts_with_the_blocker_of_every_user_and_demotes_a_user_writeback_never_carries():
    report = diagnose(shipped(), example("contoso-exports-broken"))
    out = lines(report)
    assert out[1].startswith("5 problem(s), 1 note(s), ")  # the advisory one is not a problem
    assert out[2] == "" and out[3].startswith("Start with #1 (critical, affects every user): ")
    start = " ".join(" ".join(out[3:5]).split())
    assert start.endswith(f": {report.listed()[0].heading}.") and report.listed()[0].severity == "critical"
    assert headings(out)[-1] == "6. [ERROR, ADVISORY] A cloud-only user holds no license (setup,"
    assert "   Advisory, it blocks no writeback: it affects only users whose resets" in out


def test_the_collectors_fixture_starts_with_a_critical_for_every_user_although_errors_come_first():
    result = cli_process(str(COLLECTORS / "connect-server"), str(COLLECTORS / "tenant"), columns=119)
    out = result.stdout.splitlines()
    number = int(out[3].removeprefix("Start with #").split()[0])
    listed = headings(out)
    assert listed[0].startswith("1. [ERROR]") and number > 1  # setup errors come first in order ...
    assert listed[number - 1].startswith(f"{number}. [CRITICAL]")  # ... but a critical for every user is where to start
    assert out[3].startswith(f"Start with #{number} (critical, affects every user): ")
    assert out[3].removesuffix(".").split("): ")[1] in listed[number - 1]


def test_the_test_users_path_comes_before_other_users():
    facts = example("hybrid-office365-only")
    report = diagnose(shipped(), facts)
    starts = [line for line in lines(report, 200) if line.startswith("Start with")]
    assert starts == ["Start with #1 (critical, affects every user): No Entra ID P1/P2 license is assigned in the tenant."]
    reach = {d["id"]: d.get("reach") for d in report.to_json()["diagnoses"]}
    assert reach["license-current-products"] == "test_user" and reach["license-premium-for-writeback"] == "everyone"


def test_an_unlicensed_user_writeback_never_carries_is_advice_not_a_failure():
    facts = example("healthy-hybrid")
    reception = next(u for u in facts["users"] if u["name"] == "reception@contoso.onmicrosoft.com")
    reception["license"] = "none"
    reception["license_product"] = "entra-id-free"
    report = diagnose(shipped(), facts)
    assert int(exit_status(report)) == 0 and report.summary.failing == 0 and report.summary.advisory == 2
    assert not [line for line in lines(report) if line.startswith("Start with")]
    reception["is_test_user"] = True  # the test user itself: it blocks the test
    report = diagnose(shipped(), facts)
    assert int(exit_status(report)) == 1
    assert [line for line in lines(report, 200) if line.startswith("Start with")] == [
        "Start with #1 (error, affects the test user): A cloud-only user holds no license."]


def test_start_here_reads_in_ukrainian():
    out = lines(diagnose(shipped(), example("contoso-exports-broken"), lang="uk"), 200)
    assert out[3].startswith("Почніть із №1 (критично, стосується всіх користувачів): ")


# ---------------------------------------------------------------- 3. one owner per observed event


def shared_event() -> dict:
    """Expert review §3: Connect on a DC, Pre-Windows 2000 hardened, and one ADSync 6329 access denied."""
    return with_shared_6329(copy.deepcopy(example("healthy-hybrid")))


def test_one_event_with_three_candidate_causes_is_one_diagnosis_with_the_causes_ranked():
    report = diagnose(shipped(), shared_event())
    out = lines(report, 100)
    assert headings(out) == ["1. [ERROR] Pre-Windows 2000 Compatible Access is hardened, and AD refuses the connector (6329)"]
    text = "\n".join(out)
    assert ("The Application log holds ADSync event 6329 with ERROR_ACCESS_DENIED (or \"Access is denied\"): one "
            "observation, 3 candidate causes, likeliest first:") in " ".join(text.split())
    ranked = [line.strip() for line in out if line.strip()[:3] in ("1) ", "2) ", "3) ")]
    assert [line.split(" (")[0] for line in ranked] == [
        "1) Pre-Windows 2000 Compatible Access is hardened, and AD refuses the connector",
        "2) Connect runs on a domain controller, and AD refuses it",
        "3) The connector account lacks the reads NetUserGetInfo needs"]
    flat = " ".join(text.split())
    assert "(connect-not-on-domain-controller, error); told apart by: server.is_domain_controller = true" in flat
    assert "(event-ad-permissions, error); told apart by: connector_account.remote_sam_allowed = true" in flat


def test_the_candidates_stay_diagnoses_in_the_json_and_every_format():
    report = diagnose(shipped(), shared_event())
    data = {d["id"]: d for d in report.to_json()["diagnoses"]}
    assert data["pre-windows-2000-access"]["candidates"] == ["connect-not-on-domain-controller", "event-ad-permissions"]
    assert data["event-ad-permissions"]["reported_by"] == "pre-windows-2000-access"
    assert report.status_of("connect-not-on-domain-controller") == "fail"
    markdown = render_markdown(report)
    assert "     2. Connect runs on a domain controller, and AD refuses it (6329 access denied)" in markdown
    assert markdown.count("\n1. **[") == 1 and "\n2. **[" not in markdown
    html = render_html(report)
    assert '<ol class="candidates"><li>Pre-Windows 2000 Compatible Access is hardened' in html
