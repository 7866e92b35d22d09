"""Checking a rule set as an author would want it checked, beyond what loading requires.

Loading (``loader.py``) already rejects what cannot run: schema violations, duplicate
ids, derived facts nobody derives. Linting adds what runs but is wrong or incomplete:
fact paths the fact schema does not know (with did-you-mean suggestions), values outside
a fact's enumeration, derived facts nobody uses, texts missing a language or left
untranslated, facts without a question to ask for them, and rules without a scenario in
which they fire or one in which they do not. Every problem carries ``file:line``.

Generic: the fact schema, the scenario texts and the wording of their steps are inputs, not knowledge.
Conditions are checked on the typed tree the loader built (each node knows its line); only
the texts' lines are read from the rule files again.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .conditions import Condition, paths
from .errors import Problem
from .loader import LoadResult
from .model import Rule, RuleSet
from .node_kinds import Read, kind_of
from .schema import QUESTION_KEY, Schema, schema_node, schema_paths
from .yaml_source import YamlDocument, read_yaml

UNTRANSLATED_MIN_LENGTH = 30
"""Texts at least this long that are identical in every language are reported as untranslated."""
HEADLINE_MAX_LENGTH = 100
"""A finding's headline is a heading: at most this many characters in any language."""


# ---------------------------------------------------------------- scenarios


@dataclass(frozen=True)
class ScenarioSteps:
    """How the application's scenarios state a rule's outcome (the engine knows no step wording).

    ``firing`` and ``quiet`` are regular expressions in which ``{rule}`` stands for the
    rule id: a step that states the rule fails, and one that states it does not fire.
    ``firing_example`` and ``quiet_example`` are the steps a lint message suggests
    adding, ``{rule}`` again standing for the rule id.
    """

    firing: str
    quiet: str
    firing_example: str
    quiet_example: str

    def pattern(self, template: str, rule_id: str) -> re.Pattern[str]:
        """``firing`` or ``quiet`` for one rule, compiled."""
        return re.compile(template.replace("{rule}", re.escape(rule_id)))


@dataclass(frozen=True)
class Scenarios:
    """The scenario texts (by file name) that the scenario checks read, and how their steps are worded."""

    texts: Mapping[str, str]
    steps: ScenarioSteps


def scenario_steps(features: Mapping[str, str], rule_id: str, steps: ScenarioSteps) -> tuple[list[str], list[str]]:
    """``(firing, not firing)``: the ``file:line`` of each step that states the rule fails, or that it does not fire."""
    firing_re = steps.pattern(steps.firing, rule_id)
    quiet_re = steps.pattern(steps.quiet, rule_id)
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


def lint_ruleset(result: LoadResult, fact_schema: Schema, scenarios: Scenarios | None = None) -> list[Problem]:
    """Every problem of a loaded rule set: the loader's, then each rule's, then the set's; sorted by location.

    ``scenarios`` enables the scenario checks; None skips them.
    """
    problems = list(result.problems)
    ruleset = result.ruleset
    known = schema_paths(fact_schema)
    used = _derived_used(ruleset)
    for rule in ruleset.rules:
        problems += _facts_problems(rule, fact_schema, known, ruleset.languages)
        try:  # the texts' lines: conditions know theirs, texts are read again
            document = read_yaml(Path(rule.file))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:  # it loaded a moment ago; report rather than crash
            problems.append(Problem(f"{rule.file}:1", f"cannot read again: {error}"))
            continue
        problems += _text_problems(document, ruleset.languages)
        problems += _headline_problems(rule, document, ruleset.languages)
        for index, derivation in enumerate(rule.derives):
            if derivation.name not in used:
                where = f"{rule.file}:{document.line_of(['derives', index, 'name'])}"
                problems.append(Problem(where, f"derived fact {derivation.name!r} is used by no rule "
                                               f"(no 'derived: {derivation.name}' anywhere)"))
        if scenarios is not None:
            problems += _scenario_problems(rule, scenarios)
    problems += _claim_problems(ruleset)
    return sorted(dict.fromkeys(problems), key=_location_key)


def _claim_problems(ruleset: RuleSet) -> list[Problem]:
    """A ``cause_of`` must name a derived fact, and two findings claiming the same observation need different ranks."""
    problems: list[Problem] = []
    ranks: dict[tuple[str, int], str] = {}
    for rule in ruleset.rules:
        for finding in rule.findings:
            claim = finding.cause_of
            if claim is None:
                continue
            where = f"{rule.file}:{finding.when.at.line if finding.when.at.line else 1}"
            if claim.observed not in ruleset.derivations:
                problems.append(Problem(where, f"finding {finding.id!r}: cause_of names {claim.observed!r}, "
                                               "which no rule derives"))
            other = ranks.setdefault((claim.observed, claim.rank), f"{rule.id}/{finding.id}")
            if other != f"{rule.id}/{finding.id}":
                problems.append(Problem(where, f"finding {finding.id!r}: rank {claim.rank} for {claim.observed!r} "
                                               f"is also {other}'s; candidate causes need distinct ranks"))
    return problems


def _location_key(problem: Problem) -> tuple[str, int, str]:
    file, _, line = problem.location.rpartition(":")
    return (file, int(line), problem.message) if line.isdigit() else (problem.location, 0, problem.message)


def _derived_used(ruleset: RuleSet) -> set[str]:
    return {name for rule in ruleset.rules for name in rule.derived_names()}


def _facts_read(node: Condition, prefix: str = "") -> Iterator[Read]:
    """``(fact path as the schema sees it, node)`` for every node of a condition that reads a fact."""
    return kind_of(node).facts_read(node, prefix, _facts_read)


def _facts_problems(rule: Rule, schema: Schema, known: Sequence[str], languages: Sequence[str]) -> list[Problem]:
    problems: list[Problem] = []
    asked: set[str] = set()
    observations = tuple(c for f in rule.findings for c in f.explains)
    for top in (*rule.conditions(), *observations):
        for path, node in _facts_read(top):
            where = str(node.at)
            fact = schema_node(schema, path)
            if fact is None:
                close = difflib.get_close_matches(path, known, n=3, cutoff=0.8)
                hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
                problems.append(Problem(where, f"fact {path!r} is not in the fact schema{hint}"))
                continue
            problems += [Problem(where, message) for message in kind_of(node).fact_problems(node, path, fact)]
            missing = [lang for lang in languages if not (fact.get(QUESTION_KEY) or {}).get(lang)]
            if missing and path not in asked:
                asked.add(path)
                problems.append(Problem(where, f"fact {path!r} has no {QUESTION_KEY} in {', '.join(missing)} in the fact schema, "
                                               "so an unknown cannot say what to ask"))
    for finding in rule.findings:  # a disputed fact must exist, and must be one the finding itself reads
        read = set(paths(finding.when))
        for path in finding.disputes:
            where = str(finding.when.at)
            if schema_node(schema, path) is None:
                problems.append(Problem(where, f"finding {finding.id!r} disputes {path!r}, which is not in the fact schema"))
            elif path not in read:
                problems.append(Problem(where, f"finding {finding.id!r} disputes {path!r} but does not read it"))
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
    problems: list[Problem] = []
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


def _words(text: str) -> set[str]:
    return {word for word in re.split(r"[^\w*.-]+", text.casefold()) if word.strip(".-")}


def _headline_problems(rule: Rule, document: YamlDocument, languages: Sequence[str]) -> list[Problem]:
    """Every finding needs a headline that states the problem: present, short, and not the requirement's title
    (a headline whose words all appear in the title only restates it, as "X is open" beside "X is open")."""
    problems: list[Problem] = []
    for index, finding in enumerate(rule.findings):
        if finding.headline is None:
            where = f"{rule.file}:{document.line_of(['findings', index, 'severity'])}"
            problems.append(Problem(where, f"finding {finding.id!r} has no headline (the problem in a few words, "
                                           "e.g. 'Outbound HTTPS to *.servicebus.windows.net is blocked'), "
                                           "put right after its severity"))
            continue
        where = f"{rule.file}:{document.line_of(['findings', index, 'headline'])}"
        for lang in languages:
            headline, title = str(finding.headline.get(lang, "")), str(rule.title.get(lang, ""))
            if not headline.strip():
                continue  # _text_problems reports the missing language
            if len(headline) > HEADLINE_MAX_LENGTH:
                problems.append(Problem(where, f"finding {finding.id!r}: the {lang} headline has {len(headline)} "
                                               f"characters; a heading keeps to {HEADLINE_MAX_LENGTH}"))
            if _words(headline) <= _words(title):
                problems.append(Problem(where, f"finding {finding.id!r}: the {lang} headline only restates the rule's "
                                               "title (the requirement); say what is wrong instead"))
    return problems


def _scenario_problems(rule: Rule, scenarios: Scenarios) -> list[Problem]:
    steps = scenarios.steps
    firing, quiet = scenario_steps(scenarios.texts, rule.id, steps)
    problems = []
    if not firing:
        example = steps.firing_example.replace("{rule}", rule.id)
        problems.append(Problem(f"{rule.file}:1",
                                f"no scenario makes rule {rule.id!r} fire (add one with the step: {example})"))
    if not quiet:
        example = steps.quiet_example.replace("{rule}", rule.id)
        problems.append(Problem(f"{rule.file}:1",
                                f"no scenario shows rule {rule.id!r} not firing (add one with the step: {example})"))
    return problems
