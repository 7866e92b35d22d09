"""``diagnose rules list|show|lint`` and the authoring guide's example, which must keep working."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from writeback_doctor.cli import main
from writeback_doctor.commands.rules import describe_rule
from writeback_doctor.knowledge import facts_schema, rules_directory

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "docs" / "example-rule"
EXAMPLE_ID = "guide-test-user-not-admin"


def test_list_shows_every_rule_with_stage_severity_title_origin_and_source(capsys, knowledge):
    assert main(["rules", "list", "--lang", "uk"]) == 0
    out = capsys.readouterr().out
    result, _, _ = knowledge
    for rule in result.ruleset.rules:
        assert rule.id in out
    assert "етап" in out and "Інстальовано найновішу версію Azure AD Connect" in out
    assert "https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/reference-connect-version-history" in out


def test_show_gives_the_article_sentence_in_both_languages_the_conditions_and_the_scenarios(capsys):
    assert main(["rules", "show", "connect-latest-version", "--features", str(REPO / "features")]) == 0
    out = capsys.readouterr().out
    assert "uk: Завантаження та активація найновішої версії Azure AD Підключення" in out
    assert "en: Download and activate the latest version of Azure AD Connect." in out
    assert ('Fails with connect-v1-retired (critical), "Azure AD Connect 1.x is retired and no longer syncs", when:\n'
            '  - connect.version is below "2.0"') in out
    feature = REPO / "features" / "connectivity" / "connect-latest-version.feature"
    title = "Scenario: An old Azure AD Connect 1.x server is still syncing the forest"
    step = 'Then "connect-latest-version" fails with "connect-v1-retired"'
    line = next(n for n, text in enumerate(feature.read_text(encoding="utf-8").splitlines(), 1) if text.strip() == step)
    assert f"    {feature}:{line}  {title}" in out


def test_show_names_what_a_rule_derives_and_who_uses_it(capsys):
    assert main(["rules", "show", "connect-installed-ad-prepared"]) == 0
    out = capsys.readouterr().out
    assert "Derives connect-in-place" in out
    assert "  - connect.installed is true" in out


def test_show_says_so_when_no_scenarios_are_available(knowledge):
    result, _, _ = knowledge
    lines = describe_rule(result.ruleset.rule("license-assigned"), result, "en", None)
    assert lines[-1].strip().startswith("No features/ folder is available")


def test_show_of_an_unknown_rule_is_a_usage_error(capsys):
    assert main(["rules", "show", "no-such-rule"]) == 2
    assert "no rule 'no-such-rule'" in capsys.readouterr().err
    assert main(["rules", "show", "license-assigned", "--features", "/nonexistent"]) == 2
    assert main(["rules", "frobnicate"]) == 2


# ---------------------------------------------------------------- the guide's example


def _rules_with_example(tmp_path: Path) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(rules_directory(), rules, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    shutil.copy(EXAMPLE / f"{EXAMPLE_ID}.yaml", rules / "setup" / f"{EXAMPLE_ID}.yaml")
    return rules


def test_the_guide_shows_the_real_example_files():
    guide = (REPO / "docs" / "authoring-rules.md").read_text(encoding="utf-8")
    for suffix in ("yaml", "feature"):
        text = (EXAMPLE / f"{EXAMPLE_ID}.{suffix}").read_text(encoding="utf-8")
        assert text.strip() in guide, f"docs/authoring-rules.md must quote docs/example-rule/{EXAMPLE_ID}.{suffix} verbatim"


def test_the_example_rule_lints_clean_beside_the_shipped_rules(tmp_path, capsys):
    rules = _rules_with_example(tmp_path)
    features = tmp_path / "features"
    shutil.copytree(REPO / "features", features)
    shutil.copy(EXAMPLE / f"{EXAMPLE_ID}.feature", features / f"{EXAMPLE_ID}.feature")
    main(["rules", "lint", str(rules), "--features", str(features)])
    out = capsys.readouterr().out
    assert f"{EXAMPLE_ID}" not in out, out  # whatever others still lack, the example itself is clean


def test_the_example_rule_fires_through_the_cli(tmp_path, capsys):
    rules = _rules_with_example(tmp_path)
    facts = json.loads((REPO / "examples" / "healthy-hybrid.json").read_text(encoding="utf-8"))
    for user in facts["users"]:
        user["is_test_user"] = user["is_admin"]
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(facts), encoding="utf-8")
    main([str(path), "--rules", str(rules), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert [d["finding"] for d in report["diagnoses"] if d["id"] == EXAMPLE_ID] == ["test-user-is-admin"]


def test_the_example_scenarios_pass_against_the_rules_with_the_example(tmp_path):
    rules = _rules_with_example(tmp_path)
    # a source checkout keeps the fact schema beside rules/: so does this copy
    (tmp_path / "facts_schema.json").write_text(json.dumps(facts_schema()), encoding="utf-8")
    shutil.copy(EXAMPLE / f"{EXAMPLE_ID}.feature", tmp_path / f"{EXAMPLE_ID}.feature")
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = -p no:cacheprovider\n", encoding="utf-8")
    (tmp_path / "conftest.py").write_text(
        "from pathlib import Path\n"
        "import writeback_doctor.knowledge as knowledge\n"
        "pytest_plugins = ['tests.features.conftest']  # the project's step definitions\n"
        f"knowledge.rules_directory = lambda: Path({str(rules)!r})  # the shipped rules plus the example\n",
        encoding="utf-8")
    (tmp_path / "test_example.py").write_text(
        "from pytest_bdd import scenarios\n"
        f"scenarios({str(tmp_path / (EXAMPLE_ID + '.feature'))!r})\n",
        encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", str(tmp_path / "test_example.py")],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 passed" in run.stdout
