"""A rule edited and loaded again reads its new facts in the report's questions (audit, O point 3)."""

from __future__ import annotations

import shutil
from pathlib import Path

from writeback_doctor.knowledge import load_knowledge, rules_directory
from writeback_doctor.report.unknowns import own_facts


def test_an_edited_rule_loaded_again_is_not_served_its_old_facts(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(rules_directory(), rules)
    first = next(r for r in load_knowledge(rules).ruleset.rules if r.id == "tls12-enabled")
    assert "server.tls12_enabled" in own_facts(first)
    path = rules / "connectivity" / "tls12-enabled.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("fact: server.tls12_enabled", "fact: server.is_domain_controller"),
                    encoding="utf-8")
    again = next(r for r in load_knowledge(rules).ruleset.rules if r.id == "tls12-enabled")
    assert "server.is_domain_controller" in own_facts(again)
    assert "server.tls12_enabled" not in own_facts(again)
