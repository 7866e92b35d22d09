"""Generated rule sets for measuring headroom: N distinct rules, their fact schema and facts documents.

The rules are written as real YAML rule files (with a frame, ``ruleset.yaml``) in the
shape ``engine/expert_engine/rule_schema.json`` defines, so that they go through the real loader
(read, validate, compile, durable-rules ``create_ruleset``). They are not copies of the
shipped rules: every rule draws its own facts, operators, constants and nesting from a
seeded generator: comparisons of every operator, ``all``/``any``/``not``, ``any_item`` and
``all_items`` over arrays of objects, timelines (``not_followed_by``), derived facts read by
later rules, ``applies_when`` (with the earlier stages or a derived fact), provisos, one to
three findings, English and Ukrainian texts. Same seed, same bytes.

The fact vocabulary is generated too (``facts_schema.json`` beside the rules): groups of
scalar facts and one array of objects per group. It stays under the number of properties
durable-rules' C core accepts in one fact (about 250 outside arrays, error 302, measured on
2.0.28): the rules grow, the vocabulary they share does not.

    from bench.synthetic_rules import write_ruleset, documents
    schema = write_ruleset(folder, count=500, seed=1)   # folder/ruleset.yaml, folder/<stage>/<id>.yaml, folder/facts_schema.json
    facts = documents(folder, schema, count=2000, seed=2)
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

STAGES = ("intake", "checks", "closing")
SEVERITIES = (("critical", True), ("error", True), ("warning", True), ("note", False))
GROUPS = 14
"""Groups of facts in the generated vocabulary: 7 scalars and one array each, ~150 properties in a facts document."""

_EN = ("ledger", "beacon", "harbor", "quartz", "meadow", "signal", "lantern", "orbit", "canyon", "ember", "falcon",
       "glacier", "hollow", "island", "jasper", "kernel", "lumen", "marble", "nectar", "oasis", "pillar", "quiver",
       "ripple", "summit", "timber", "umbra", "vertex", "willow", "zephyr", "anchor", "bridge", "cobalt")
_UK = ("книга", "маяк", "гавань", "кварц", "луг", "сигнал", "ліхтар", "орбіта", "каньйон", "жарина", "сокіл",
       "льодовик", "западина", "острів", "яшма", "ядро", "світло", "мармур", "нектар", "оаза", "стовп", "сагайдак",
       "брижі", "вершина", "деревина", "тінь", "вершок", "верба", "вітер", "якір", "міст", "кобальт")
_STATES = ("idle", "busy", "failed", "retrying", "done", "paused", "queued", "stale")


# ------------------------------------------------------------------ the fact vocabulary


def fact_schema(rng: random.Random) -> dict[str, Any]:
    """The generated fact vocabulary: ``GROUPS`` objects of scalar facts, each with one array of objects."""
    properties: dict[str, Any] = {}
    for number in range(GROUPS):
        words = rng.sample(_EN, 8)
        properties[f"g{number:02d}"] = {
            "type": "object", "additionalProperties": False,
            "properties": {
                "enabled": _leaf({"type": "boolean"}, words[0]),
                "count": _leaf({"type": "integer", "minimum": 0}, words[1]),
                "level": _leaf({"enum": words[2:7]}, words[2]),
                "ratio": _leaf({"type": "number", "minimum": 0}, words[3]),
                "version": _leaf({"type": "string", "pattern": "^[0-9]+(\\.[0-9]+){0,3}$"}, words[4]),
                "mode": _leaf({"enum": ["auto", "manual", words[7]]}, words[5]),
                "name": _leaf({"type": "string", "minLength": 1}, words[6]),
                "entries": _leaf({"type": "array", "items": {
                    "type": "object", "additionalProperties": False,
                    "properties": {
                        "name": _leaf({"type": "string", "minLength": 1}, "name"),
                        "state": _leaf({"enum": list(rng.sample(_STATES, 5))}, "state"),
                        "size": _leaf({"type": "integer", "minimum": 0}, "size"),
                        "ok": _leaf({"type": "boolean"}, "ok"),
                        "at": _leaf({"type": "string", "minLength": 1}, "time"),
                    }}}, words[7]),
            },
        }
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
            "additionalProperties": False, "properties": properties}


def _leaf(node: dict[str, Any], word: str) -> dict[str, Any]:
    return dict(node, **{"x-question": {"en": f"What is the {word}?", "uk": f"Яке значення «{word}»?"}})


class _Vocabulary:
    """The facts a condition can read: document scalars by type, the arrays, and the item fields by type."""

    def __init__(self, schema: Mapping[str, Any]):
        self.scalars: list[tuple[str, Mapping[str, Any]]] = []
        self.arrays: list[tuple[str, Mapping[str, Any]]] = []
        for group, node in schema["properties"].items():
            for name, leaf in node["properties"].items():
                if leaf.get("type") == "array":
                    self.arrays.append((f"{group}.{name}", leaf["items"]["properties"]))
                else:
                    self.scalars.append((f"{group}.{name}", leaf))


# ------------------------------------------------------------------ conditions


class _Conditions:
    """Random conditions over a vocabulary; what each compares is remembered for the documents' edges."""

    def __init__(self, rng: random.Random, vocabulary: _Vocabulary):
        self.rng = rng
        self.vocabulary = vocabulary

    def top(self, depth: int = 2) -> dict[str, Any]:
        """A document-level condition: a comparison, a connective or a quantifier."""
        roll = self.rng.random()
        if depth <= 0 or roll < 0.35:
            return self.compare(*self.rng.choice(self.vocabulary.scalars))
        if roll < 0.55:
            return self.quantifier()
        if roll < 0.70:
            return {"all": [self.top(depth - 1) for _ in range(self.rng.randint(2, 3))]}
        if roll < 0.88:
            return {"any": [self.top(depth - 1) for _ in range(self.rng.randint(2, 3))]}
        return {"not": self.top(depth - 1)}

    def quantifier(self) -> dict[str, Any]:
        array, fields = self.rng.choice(self.vocabulary.arrays)
        if self.rng.random() < 0.08:  # a timeline: an error with no later recovery
            return {"any_item": array, "where": self.compare("state", fields["state"]),
                    "not_followed_by": {"fact": "ok", "equals": True}, "order_by": "at"}
        where = self.item(fields, depth=1)
        return {("any_item" if self.rng.random() < 0.6 else "all_items"): array, "where": where}

    def item(self, fields: Mapping[str, Any], depth: int) -> dict[str, Any]:
        """A condition on one array item's fields (no quantifier, no version inside items)."""
        names = [n for n in fields if n != "at"]
        if depth <= 0 or self.rng.random() < 0.5:
            name = self.rng.choice(names)
            return self.compare(name, fields[name])
        if self.rng.random() < 0.7:
            return {"all": [self.item(fields, depth - 1) for _ in range(2)]}
        return {"not": self.item(fields, depth - 1)}

    def compare(self, fact: str, leaf: Mapping[str, Any]) -> dict[str, Any]:
        """A comparison of ``fact`` by an operator its type allows, with a constant it can take."""
        rng = self.rng
        if rng.random() < 0.06:
            return {"fact": fact, "present": rng.random() < 0.5}
        if "enum" in leaf:
            options = list(leaf["enum"])
            op = rng.choice(("equals", "not_equals", "in", "in"))
            if op == "in":
                return {"fact": fact, "in": rng.sample(options, rng.randint(2, min(4, len(options))))}
            return {"fact": fact, op: rng.choice(options)}
        kind = leaf.get("type")
        if kind == "boolean":
            return {"fact": fact, rng.choice(("equals", "equals", "not_equals")): rng.random() < 0.5}
        if kind == "integer":
            op = rng.choice(("lt", "lte", "gt", "gte", "equals", "not_equals", "in"))
            if op == "in":
                return {"fact": fact, "in": sorted(rng.sample(range(0, 40), rng.randint(2, 12)))}
            return {"fact": fact, op: rng.randint(0, 30)}
        if kind == "number":
            return {"fact": fact, rng.choice(("lt", "lte", "gt", "gte")): round(rng.uniform(0, 50), 1)}
        if "pattern" in leaf:
            version = ".".join(str(rng.randint(0, 12)) for _ in range(rng.randint(1, 4)))
            return {"fact": fact, rng.choice(("version_lt", "version_gte")): version}
        if rng.random() < 0.5:
            return {"fact": fact, "in": [rng.choice(_EN) for _ in range(rng.randint(2, 5))]}
        return {"fact": fact, rng.choice(("equals", "not_equals")): rng.choice(_EN)}


# ------------------------------------------------------------------ rules


def _text(rng: random.Random, words: int, lead: str = "") -> dict[str, str]:
    picks = [rng.randrange(len(_EN)) for _ in range(words)]
    return {"en": (lead + " ".join(_EN[p] for p in picks)).capitalize() + ".",
            "uk": (lead + " ".join(_UK[p] for p in picks)).capitalize() + "."}


def _compiles(condition: Mapping[str, Any]) -> bool:
    """Whether the engine can run a condition (the loader refuses the rest: see ``engine.compile.problems``)."""
    from expert_engine.compile import problems
    from expert_engine.conditions import parse

    return not problems(parse(condition))


def rules(count: int, schema: Mapping[str, Any], seed: int) -> Iterator[dict[str, Any]]:
    """``count`` distinct rule documents over ``schema``'s facts, deterministic by ``seed``."""
    rng = random.Random(seed)
    conditions = _Conditions(rng, _Vocabulary(schema))
    derived: list[str] = []  # derived facts of earlier rules, for later rules to read (no cycle)

    def plain(depth: int) -> dict[str, Any]:
        while True:
            found = conditions.top(depth)
            if _compiles(found):
                return found

    def condition() -> dict[str, Any]:
        found = plain(rng.choice((1, 2, 2, 3)))
        if derived and rng.random() < 0.15:
            reference = {"derived": rng.choice(derived)} | ({"is": False} if rng.random() < 0.3 else {})
            return {"all": [reference, found]} if rng.random() < 0.7 else reference
        return found

    for number in range(count):
        stage = STAGES[min(len(STAGES) - 1, int(rng.random() * len(STAGES)))]
        words = rng.sample(_EN, 2)
        rule_id = f"gen-{number:04d}-{words[0]}-{words[1]}"
        rule: dict[str, Any] = {
            "id": rule_id, "stage": stage, "order": number, "origin": rng.choice(("article", "current-docs")),
            "source": {"section": _text(rng, 3), "url": f"https://example.invalid/rules/{rule_id}"},
            "title": _text(rng, rng.randint(3, 7)),
        }
        if rng.random() < 0.25:
            gate = stage != STAGES[0] and rng.random() < 0.3
            rule["applies_when"] = {"all": [{"earlier_stages": "passed"}, plain(1)]} if gate else condition()
            rule["not_applicable"] = _text(rng, 4, "not applicable: ")
        if rng.random() < 0.15:
            rule["derives"] = [{"name": f"d{number:04d}-{k}", "meaning": _text(rng, 3), "when": condition()}
                               for k in range(rng.randint(1, 2))]
        findings = []
        for k in range(rng.choice((1, 1, 2, 2, 3))):
            severity = rng.choice([s for s, _ in SEVERITIES])
            finding: dict[str, Any] = {"id": f"f{k}-{rng.choice(_EN)}", "severity": severity, "when": condition()}
            if rng.random() < 0.08:
                finding["provided"] = plain(1)
            finding |= {"diagnosis": _text(rng, rng.randint(5, 10)), "remedy": _text(rng, rng.randint(4, 8))}
            if rng.random() < 0.3:
                finding["links"] = [f"https://example.invalid/docs/{rule_id}/{k}"]
            findings.append(finding)
        rule["findings"] = findings
        derived += [d["name"] for d in rule.get("derives", ())]
        yield rule


def write_ruleset(directory: Path, count: int, seed: int = 1) -> dict[str, Any]:
    """Write a frame, ``count`` rule files and ``facts_schema.json`` below ``directory``; returns the fact schema."""
    rng = random.Random(seed)
    schema = fact_schema(rng)
    directory.mkdir(parents=True, exist_ok=True)
    frame = {"name": f"generated-{count}", "languages": ["en", "uk"], "stages": list(STAGES),
             "severities": [{"name": name, "fails": fails} for name, fails in SEVERITIES]}
    (directory / "ruleset.yaml").write_text(yaml.safe_dump(frame, sort_keys=False), encoding="utf-8")
    for stage in STAGES:
        (directory / stage).mkdir(exist_ok=True)
    for rule in rules(count, schema, seed + 1):
        text = yaml.safe_dump(rule, allow_unicode=True, sort_keys=False, width=120)
        (directory / rule["stage"] / f"{rule['id']}.yaml").write_text(text, encoding="utf-8")
    (directory / "facts_schema.json").write_text(json.dumps(schema, ensure_ascii=False, indent=1), encoding="utf-8")
    return schema


# ------------------------------------------------------------------ facts documents


def _constants(ruleset: Any) -> dict[str, list[Any]]:
    """Per fact path (item fields by their own name), the values the rules compare it against: the edges."""
    from expert_engine.conditions import AllItems, AnyItem, Compare, walk

    found: dict[str, list[Any]] = {}
    for rule in ruleset.rules:
        for top in rule.conditions():
            for node in walk(top):
                if isinstance(node, Compare):
                    found.setdefault(node.fact, []).extend(node.value if isinstance(node.value, tuple) else (node.value,))
                elif isinstance(node, (AnyItem, AllItems)):
                    found.setdefault(node.array, [])
    return found


def _value(leaf: Mapping[str, Any], edges: list[Any], rng: random.Random) -> Any:
    if "enum" in leaf:
        return rng.choice(leaf["enum"])
    kind = leaf.get("type")
    if kind == "boolean":
        return rng.random() < 0.7
    usable = [e for e in edges if isinstance(e, (int, float)) and not isinstance(e, bool) and e >= 0]
    if kind == "integer":
        base = rng.choice(usable) if usable and rng.random() < 0.7 else rng.randint(0, 40)
        return max(0, int(base) + rng.choice((-1, 0, 0, 1)))
    if kind == "number":
        base = rng.choice(usable) if usable and rng.random() < 0.7 else rng.uniform(0, 50)
        return round(max(0.0, base + rng.choice((-0.5, 0, 0, 0.5))), 2)
    if "pattern" in leaf:
        versions = [e for e in edges if isinstance(e, str)]
        if versions and rng.random() < 0.6:
            return rng.choice(versions)
        return ".".join(str(rng.randint(0, 12)) for _ in range(rng.randint(1, 4)))
    words = [e for e in edges if isinstance(e, str)]
    return rng.choice(words) if words and rng.random() < 0.7 else rng.choice(_EN)


def documents(ruleset: Any, schema: Mapping[str, Any], count: int, seed: int = 2) -> list[dict[str, Any]]:
    """``count`` valid facts documents for a generated rule set, values near the constants its rules compare
    against, facts left out at random (so that unknowns occur), each validated against ``schema``."""
    from expert_engine import make_validator, validate_facts

    rng = random.Random(seed)
    edges = _constants(ruleset)
    validator = make_validator(schema)
    found: list[dict[str, Any]] = []
    for _ in range(count):
        absent = rng.choice((0.02, 0.1, 0.3))
        document: dict[str, Any] = {}
        for group, node in schema["properties"].items():
            if rng.random() < absent:
                continue
            values: dict[str, Any] = {}
            for name, leaf in node["properties"].items():
                if rng.random() < absent:
                    continue
                if leaf.get("type") == "array":
                    fields = leaf["items"]["properties"]
                    values[name] = [
                        {field: (f"2026-01-01T10:{rng.randint(0, 9):02d}:00Z" if field == "at" else
                                 _value(item, edges.get(field, []), rng))
                         for field, item in fields.items() if rng.random() >= absent / 2}
                        for _ in range(rng.randint(0, 4))]
                else:
                    values[name] = _value(leaf, edges.get(f"{group}.{name}", []), rng)
            document[group] = values
        validate_facts(document, validator)
        found.append(document)
    return found
