"""Three generic concepts of the engine on the unrelated printers rule set (issue Q): constants of the frame
that rules read, severities that fail without holding later stages back, and facts in dispute."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from expert_engine import InferenceEngine, load_ruleset

PRINTERS = Path(__file__).parent / "printers"
HEALTHY = {
    "power": {"cable": True, "switch": "on"},
    "trays": [{"in_use": True, "sheets": 50, "size": "A4"}],
    "firmware": "1.10.2",
    "still_broken": True,
}


@pytest.fixture()
def rules(tmp_path: Path) -> Path:
    copy = tmp_path / "rules"
    shutil.copytree(PRINTERS / "rules", copy)
    return copy


def engine(rules: Path) -> InferenceEngine:
    result = load_ruleset(rules)
    assert result.problems == (), result.problems
    return InferenceEngine(result.ruleset)


def status(engine: InferenceEngine, facts: dict, rule: str) -> str:
    outcome = next(o for o in engine.diagnose(facts).outcomes if o.rule.id == rule)
    return outcome.status + (f":{outcome.finding.id}" if outcome.finding else "")


def test_a_constant_of_the_frame_is_read_by_a_condition_and_filled_into_texts(rules: Path):
    frame = rules / "ruleset.yaml"
    frame.write_text(frame.read_text(encoding="utf-8") + 'constants_checked: "2026-12-07"\nconstants:\n'
                     '  firmware-minimum: {value: "1.12", source: "https://example.org/firmware"}\n'
                     '  release-day: {value: {en: "1 May", uk: "1 травня"}, source: "https://example.org/firmware"}\n',
                     encoding="utf-8")
    rule = rules / "service" / "firmware.yaml"
    text = rule.read_text(encoding="utf-8").replace('version_lt: "1.10"', "version_lt: {const: firmware-minimum}")
    rule.write_text(text.replace('diagnosis: {en: "t", uk: "т"}',
                                 'diagnosis: {en: "Below {{firmware-minimum}} (since {{release-day}}).", '
                                 'uk: "Нижче за {{firmware-minimum}} (від {{release-day}})."}'), encoding="utf-8")
    loaded = engine(rules)
    assert status(loaded, HEALTHY, "firmware") == "fail:old-firmware"  # 1.10.2 is below the constant 1.12
    finding = loaded.ruleset.rule("firmware").findings[0]
    assert finding.diagnosis == {"en": "Below 1.12 (since 1 May).", "uk": "Нижче за 1.12 (від 1 травня)."}
    assert loaded.ruleset.constants_checked == "2026-12-07"


def test_a_severity_that_does_not_block_leaves_the_later_stages_open(rules: Path):
    facts = dict(HEALTHY, power={"cable": True, "switch": "standby"})  # switched-off: a warning of the power stage
    assert status(engine(rules), facts, "call-technician") == "not_applicable"
    frame = rules / "ruleset.yaml"
    frame.write_text(frame.read_text(encoding="utf-8").replace("{name: warning, fails: true}",
                                                               "{name: warning, fails: true, blocks_later_stages: false}"),
                     encoding="utf-8")
    assert status(engine(rules), facts, "call-technician") == "pass"  # applies now; still-broken needs the printer on


def test_a_finding_that_disputes_facts_leaves_what_rests_on_them_undecided(rules: Path):
    (rules / "basics" / "agree.yaml").write_text(
        "id: power-facts-agree\nstage: power\norder: 0\norigin: article\nsource: {url: \"https://example.org/printers\"}\n"
        "title: {en: \"t\", uk: \"т\"}\nfindings:\n  - id: unplugged-yet-on\n    severity: critical\n"
        "    when: {all: [{fact: power.cable, equals: false}, {fact: power.switch, equals: \"on\"}]}\n"
        "    disputes: [power.cable]\n    diagnosis: {en: \"t\", uk: \"т\"}\n    remedy: {en: \"t\", uk: \"т\"}\n",
        encoding="utf-8")
    loaded = engine(rules)
    facts = dict(HEALTHY, power={"cable": False, "switch": "on"})
    conclusions = loaded.diagnose(facts)
    outcomes = {o.rule.id: o for o in conclusions.outcomes}
    assert outcomes["power-facts-agree"].status == "fail"
    assert outcomes["powered"].status == "unknown" and outcomes["powered"].missing == ("power.cable",)
    assert outcomes["paper"].status == "unknown"  # its applicability rests on printer-on, derived from power.cable
    assert outcomes["firmware"].status == "pass"  # reads nothing in dispute
    assert status(loaded, HEALTHY, "power-facts-agree") == "pass"
