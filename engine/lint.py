"""Checking a rule set as an author would want it checked, beyond what loading requires.

Loading (``loader.py``) already rejects what cannot run: schema violations, duplicate
ids, derived facts nobody derives. Linting adds what runs but is wrong or incomplete:
fact paths the fact schema does not know (with did-you-mean suggestions), values outside
a fact's enumeration, derived facts nobody uses, texts missing a language or left
untranslated, facts without a question to ask for them, and rules without a scenario in
which they fire or one in which they do not. Every problem carries ``file:line``.

Generic: the fact schema and the scenario texts are inputs, not knowledge.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from .errors import Problem
from .loader import LoadResult
from .model import Rule, RuleSet
from .yaml_source import YamlDocument, read_yaml

QUESTION_KEY = "x-question"
"""The fact-schema keyword holding, per language, the question that asks for a fact."""

UNTRANSLATED_MIN_LENGTH = 30
"""Texts at least this long that are identical in every language are reported as untranslated."""


# ---------------------------------------------------------------- the fact schema


def schema_node(schema: Mapping[str, Any], path: str) -> Mapping[str, Any] | None:
    """The fact-schema node of a fact path (``a.b``, ``array[].field``), or None when the schema has no such fact."""
    node: Mapping[str, Any] = schema
    for step in path.split("."):
        is_item = step.endswith("[]")
        name = step[:-2] if is_item else step
        node = _resolve(schema, node)
        properties = node.get("properties", {})
        if name not in properties:
            return None
        node = _resolve(schema, properties[name])
        if is_item:
            if "items" not in node:
                return None
            node = _resolve(schema, node["items"])
    return _resolve(schema, node)


def _resolve(schema: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    """Follow a local ``$ref`` (``#/$defs/x``) once; other nodes are returned unchanged."""
    ref = node.get("$ref") if isinstance(node, Mapping) else None
    if isinstance(ref, str) and ref.startswith("#/"):
        target: Any = schema
        for step in ref[2:].split("/"):
            target = target.get(step, {}) if isinstance(target, Mapping) else {}
        return target if isinstance(target, Mapping) else {}
    return node if isinstance(node, Mapping) else {}


def schema_paths(schema: Mapping[str, Any]) -> list[str]:
    """Every fact path the schema defines (objects, arrays and leaves), item fields as ``array[].field``."""
    paths: list[str] = []

    def walk(node: Mapping[str, Any], prefix: str) -> None:
        for name, child in sorted(_resolve(schema, node).get("properties", {}).items()):
            if name.startswith("$"):
                continue
            child = _resolve(schema, child)
            path = f"{prefix}{name}"
            paths.append(path)
            if "properties" in child:
                walk(child, path + ".")
            elif isinstance(child.get("items"), Mapping) and "properties" in _resolve(schema, child["items"]):
                walk(child["items"], path + "[].")

    walk(schema, "")
    return paths


def schema_leaves(schema: Mapping[str, Any]) -> list[str]:
    """The paths of the schema's leaf facts (neither objects nor arrays of objects)."""
    return [p for p in schema_paths(schema) if not _is_container(schema_node(schema, p) or {}, schema)]


def _is_container(node: Mapping[str, Any], schema: Mapping[str, Any]) -> bool:
    if "properties" in node:
        return True
    items = node.get("items")
    return isinstance(items, Mapping) and "properties" in _resolve(schema, items)


def question(schema: Mapping[str, Any], path: str, lang: str) -> str | None:
    """The question that asks for a fact (its ``x-question`` in ``lang``), or None."""
    node = schema_node(schema, path)
    texts = node.get(QUESTION_KEY) if node else None
    return texts.get(lang) if isinstance(texts, Mapping) else None


# ---------------------------------------------------------------- scenarios


def scenario_steps(features: Mapping[str, str], rule_id: str) -> tuple[list[str], list[str]]:
    """``(firing, not firing)``: the ``file:line`` of each step that states the rule fails, or passes / does not apply."""
    quoted = re.escape(f'"{rule_id}"')
    firing_re = re.compile(quoted + r"\s+fails with\b")
    quiet_re = re.compile(quoted + r"\s+(passes|does not apply)\b")
    firing: list[str] = []
    quiet: list[str] = []
    for name in sorted(features):
        for number, line in enumerate(features[name].splitlines(), 1):
            if firing_re.search(line):
                firing.append(f"{name}:{number}")
            elif quiet_re.search(line):
                quiet.append(f"{name}:{number}")
    return firing, quiet


def read_features(directory: Path) -> dict[str, str]:
    """Every ``*.feature`` text below ``directory``, keyed by its path (sorted, UTF-8)."""
    return {str(p): p.read_text(encoding="utf-8") for p in sorted(directory.rglob("*.feature"))}


# ---------------------------------------------------------------- linting


def lint(result: LoadResult, fact_schema: Mapping[str, Any], features: Mapping[str, str] | None = None) -> list[Problem]:
    """Every problem of a loaded rule set: the loader's, then each rule's, then the set's; sorted by location.

    ``features`` (scenario texts by file name) enables the scenario checks; None skips them.
    """
    problems = list(result.problems)
    ruleset = result.ruleset
    known = schema_paths(fact_schema)
    used = _derived_used(ruleset)
    for rule in ruleset.rules:
        try:
            document = read_yaml(Path(rule.file))
        except Exception as error:  # it loaded a moment ago; report rather than crash
            problems.append(Problem(f"{rule.file}:1", f"cannot read again: {error}"))
            continue
        problems += _facts_problems(document, fact_schema, known, ruleset.languages)
        problems += _text_problems(document, ruleset.languages)
        for index, derivation in enumerate(rule.derives):
            if derivation.name not in used:
                where = f"{rule.file}:{document.line_of(['derives', index, 'name'])}"
                problems.append(Problem(where, f"derived fact {derivation.name!r} is used by no rule (no 'derived: {derivation.name}' anywhere)"))
        if features is not None:
            problems += _scenario_problems(rule, features)
    return sorted(dict.fromkeys(problems), key=_location_key)


def _location_key(problem: Problem) -> tuple[str, int, str]:
    file, _, line = problem.location.rpartition(":")
    return (file, int(line), problem.message) if line.isdigit() else (problem.location, 0, problem.message)


def _derived_used(ruleset: RuleSet) -> set[str]:
    from .conditions import derived_names_used

    return {name for rule in ruleset.rules for name in derived_names_used(rule)}


def _top_conditions(data: Mapping[str, Any]) -> Iterator[tuple[list[Any], Any]]:
    for index, finding in enumerate(data.get("findings", [])):
        yield ["findings", index, "when"], finding.get("when")
    for index, derivation in enumerate(data.get("derives", [])):
        yield ["derives", index, "when"], derivation.get("when")
    if "applies_when" in data:
        yield ["applies_when"], data["applies_when"]


def _comparisons(condition: Any, at: list[Any], prefix: str) -> Iterator[tuple[list[Any], str, Mapping[str, Any]]]:
    """``(json path of the node, fact path as the schema sees it, node)`` for every fact a condition reads."""
    if not isinstance(condition, Mapping):
        return
    for key in ("all", "any"):
        if isinstance(condition.get(key), list):
            for index, part in enumerate(condition[key]):
                yield from _comparisons(part, at + [key, index], prefix)
            return
    if "not" in condition:
        yield from _comparisons(condition["not"], at + ["not"], prefix)
    elif "any_item" in condition or "all_items" in condition:
        key = "any_item" if "any_item" in condition else "all_items"
        yield at + [key], prefix + str(condition[key]), condition
        yield from _comparisons(condition.get("where"), at + ["where"], f"{prefix}{condition[key]}[].")
    elif "fact" in condition:
        yield at + ["fact"], prefix + str(condition["fact"]), condition


def _facts_problems(document: YamlDocument, schema: Mapping[str, Any], known: Sequence[str],
                    languages: Sequence[str]) -> list[Problem]:
    problems: list[Problem] = []
    asked: set[str] = set()
    for top_path, top in _top_conditions(document.data):
        for at, path, node in _comparisons(top, top_path, ""):
            where = f"{document.path}:{document.line_of(at)}"
            fact = schema_node(schema, path)
            if fact is None:
                close = difflib.get_close_matches(path, known, n=3, cutoff=0.8)
                hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
                problems.append(Problem(where, f"fact {path!r} is not in the fact schema{hint}"))
                continue
            if ("any_item" in node or "all_items" in node) and fact.get("type") != "array":
                problems.append(Problem(where, f"fact {path!r} is not an array, so no quantifier can range over it"))
            problems += _value_problems(where, path, node, fact)
            missing = [lang for lang in languages if not (fact.get(QUESTION_KEY) or {}).get(lang)]
            if missing and path not in asked:
                asked.add(path)
                problems.append(Problem(where, f"fact {path!r} has no {QUESTION_KEY} in {', '.join(missing)} in the fact schema, "
                                               "so an unknown cannot say what to ask"))
    return problems


def _value_problems(where: str, path: str, node: Mapping[str, Any], fact: Mapping[str, Any]) -> list[Problem]:
    """Values compared with a fact that the fact's enumeration cannot hold."""
    options = fact.get("enum")
    if not isinstance(options, list):
        return []
    values = node.get("in") if "in" in node else [node[k] for k in ("equals", "not_equals") if k in node]
    problems = []
    for value in values or []:
        if value not in options:
            close = difflib.get_close_matches(str(value), [str(o) for o in options], n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else f"; expected one of {', '.join(repr(o) for o in options)}"
            problems.append(Problem(where, f"{value!r} is not a value fact {path!r} can take{hint}"))
    return problems


def _texts(data: Any, at: list[Any]) -> Iterator[tuple[list[Any], Mapping[str, Any]]]:
    """Every language-keyed text in a rule file (mappings with an ``en`` key), with its JSON path."""
    if isinstance(data, Mapping):
        if "en" in data and all(isinstance(v, str) for v in data.values()):
            yield at, data
            return
        for key, value in data.items():
            yield from _texts(value, at + [key])
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts(value, at + [index])


def _text_problems(document: YamlDocument, languages: Sequence[str]) -> list[Problem]:
    problems = []
    for at, text in _texts(document.data, []):
        where = f"{document.path}:{document.line_of(at)}"
        name = "/".join(str(step) for step in at)
        missing = [lang for lang in languages if not str(text.get(lang, "")).strip()]
        if missing:
            problems.append(Problem(where, f"{name} has no translation in {', '.join(missing)}"))
        elif at[:1] != ["source"] and len(languages) > 1 and len({text[lang].strip() for lang in languages}) == 1 \
                and len(text[languages[0]]) >= UNTRANSLATED_MIN_LENGTH:  # a quoted source may be verbatim
            problems.append(Problem(where, f"{name} is the same in {', '.join(languages)}: left untranslated?"))
    return problems


def _scenario_problems(rule: Rule, features: Mapping[str, str]) -> list[Problem]:
    firing, quiet = scenario_steps(features, rule.id)
    problems = []
    if not firing:
        problems.append(Problem(f"{rule.file}:1", f"no scenario makes rule {rule.id!r} fire "
                                                  f"(add one with the step: Then \"{rule.id}\" fails with \"<finding id>\")"))
    if not quiet:
        problems.append(Problem(f"{rule.file}:1", f"no scenario shows rule {rule.id!r} not firing "
                                                  f"(add one with the step: Then \"{rule.id}\" passes, or: does not apply)"))
    return problems
