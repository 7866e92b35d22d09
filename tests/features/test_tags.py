"""Every feature carries its stage and its origin as tags, so that ``pytest -m connectivity`` or
``-m microsoft-docs`` selects what a reader asks for, and the tags never contradict the rules."""

from __future__ import annotations

from pathlib import Path

import yaml
from pytest_bdd.feature import get_features

REPO = Path(__file__).resolve().parents[2]
FEATURES = REPO / "features"
ORIGIN_TAGS = {"article": "article", "current-docs": "microsoft-docs", "story": "public-story"}  # rule origin -> tag


def test_every_feature_is_tagged_with_its_stage_and_its_origin():
    wrong = {}
    for feature in get_features([str(FEATURES)]):
        path = Path(feature.filename)
        stage = path.parent.name
        expected = {stage}
        rule_file = REPO / "rules" / stage / f"{path.stem}.yaml"
        if rule_file.is_file():
            expected.add(ORIGIN_TAGS[yaml.safe_load(rule_file.read_text(encoding="utf-8"))["origin"]])
        origins = feature.tags & set(ORIGIN_TAGS.values())
        if not expected <= feature.tags or len(origins) != 1:
            wrong[str(path.relative_to(REPO))] = (f"has {sorted(feature.tags)}; needs @{stage} and one of "
                                                  f"@article, @microsoft-docs ({sorted(expected)} for its rule)")
    assert wrong == {}


def test_every_tag_of_a_feature_or_scenario_is_a_registered_marker(pytestconfig):
    """pytest-bdd turns each tag into a marker; an unregistered one warns on every run (tests/conftest.py lists them)."""
    registered = {line.split(":")[0].strip() for line in pytestconfig.getini("markers")}
    used = set()
    for feature in get_features([str(FEATURES)]):
        used |= feature.tags | {tag for scenario in feature.scenarios.values() for tag in scenario.tags}
    assert used - registered == set()
