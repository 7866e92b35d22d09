"""``diagnose rules``: tools for the people who write rules (list, show, lint).

``list`` tabulates the loaded rules; ``show ID`` prints one rule as an author reads it
(the article's sentence, its conditions in plain words, what it derives, the scenarios
that cover it); ``lint [PATHS]`` checks rule files against the rule schema, the fact
schema and the scenarios, and exits 1 when it finds problems, 2 when it cannot read its
input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from tabulate import tabulate

from .engine import RuleSetError, load_ruleset
from .engine.explain import describe_lines
from .engine.lint import lint, read_features, scenario_steps
from .engine.loader import FRAME_FILE, LoadResult
from .engine.model import Rule

from .diagnosis import LANGUAGES
from .knowledge import facts_schema, rules_directory

EXIT_OK, EXIT_PROBLEMS, EXIT_BAD_INPUT = 0, 1, 2

WORDS = {
    "en": {
        "id": "id", "stage": "stage", "severity": "severity", "title": "title", "origin": "origin", "source": "source",
        "article": "The source says", "section": "Section", "applies": "Applies only when",
        "otherwise": "Otherwise it does not apply", "finding": "Fails with {id} ({severity}) when",
        "derives": "Derives {name} (true when, false when it cannot hold)", "scenarios": "Scenarios",
        "firing": "fires in", "quiet": "does not fire in", "none": "(none)",
        "no_features": "No features/ folder is available (an installed package ships no scenarios); pass --features DIR.",
        "ok": "{count} rule(s) checked, no problems.", "problems": "{count} problem(s):",
    },
    "uk": {
        "id": "id", "stage": "етап", "severity": "серйозність", "title": "назва", "origin": "походження", "source": "джерело",
        "article": "Джерело каже", "section": "Розділ", "applies": "Застосовується лише тоді, коли",
        "otherwise": "Інакше не застосовується", "finding": "Не проходить зі знахідкою {id} ({severity}), коли",
        "derives": "Виводить {name} (істина, коли виконується; хиба, коли не може виконатися)", "scenarios": "Сценарії",
        "firing": "спрацьовує в", "quiet": "не спрацьовує в", "none": "(немає)",
        "no_features": "Теки features/ немає (інстальований пакет не містить сценаріїв); вкажіть --features DIR.",
        "ok": "Перевірено правил: {count}, проблем немає.", "problems": "Проблем: {count}:",
    },
}


class UsageError(Exception):
    """The command line names something that cannot be read (a missing path, a broken frame)."""


def build_parser() -> argparse.ArgumentParser:
    from .cli import ArgumentParser

    parser = ArgumentParser(prog="diagnose rules", description="List, show and lint the rule files.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="{list,show,lint}")
    listing = commands.add_parser("list", help="every loaded rule: id, stage, severity, title, origin, source")
    show = commands.add_parser("show", help="one rule in plain words, with the scenarios that cover it")
    show.add_argument("id", help="the rule's id")
    check = commands.add_parser("lint", help="check rule files; exit 1 on problems, 2 on unreadable input")
    check.add_argument("paths", nargs="*", metavar="PATHS",
                       help="rule files or folders (default: the shipped rules); a folder with ruleset.yaml gives the frame")
    for sub in (listing, show, check):
        sub.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default: en)")
        sub.add_argument("--rules", metavar="DIR", help="rules folder (with ruleset.yaml) instead of the shipped one")
    for sub in (show, check):
        sub.add_argument("--features", metavar="DIR", help="scenario folder (default: ./features if it exists)")
    return parser


def main(argv: Sequence[str]) -> int:
    """``diagnose rules list|show|lint``; returns the exit status."""
    args = build_parser().parse_args(list(argv))
    try:
        if args.command == "list":
            return list_rules(_load(args.rules), args.lang)
        if args.command == "show":
            return show_rule(_load(args.rules), args.id, args.lang, _features_dir(args.features))
        return lint_paths(args.paths, args.rules, args.lang, _features_dir(args.features))
    except UsageError as error:
        sys.stderr.write(f"diagnose rules: {error}\n")
        return EXIT_BAD_INPUT


# ---------------------------------------------------------------- loading


def _load(rules_dir: str | None, extra: Sequence[Path] = ()) -> LoadResult:
    directory = Path(rules_dir) if rules_dir else rules_directory()
    if not (directory / FRAME_FILE).is_file():
        raise UsageError(f"{directory}: no {FRAME_FILE} here (not a rules folder)")
    try:
        return load_ruleset(directory, extra)
    except RuleSetError as error:
        raise UsageError(error.render()) from None


def _features_dir(option: str | None) -> Path | None:
    """The scenario folder: ``--features``, else ./features, else the one beside the rules of a source checkout."""
    if option:
        directory = Path(option)
        if not directory.is_dir():
            raise UsageError(f"{option}: no such folder")
        return directory
    for candidate in (Path("features"), rules_directory().parent / "features"):
        if candidate.is_dir():
            return candidate
    return None


# ---------------------------------------------------------------- list and show


def list_rules(result: LoadResult, lang: str) -> int:
    """Print the loaded rules as a table, in diagnosis order."""
    words = WORDS[lang]
    rows = [[r.id, r.stage, ", ".join(dict.fromkeys(f.severity for f in r.findings)), r.title[lang], r.origin, r.source["url"]]
            for r in result.ruleset.rules]
    headers = [words[k] for k in ("id", "stage", "severity", "title", "origin", "source")]
    sys.stdout.write(tabulate(rows, headers=headers, tablefmt="simple", maxcolwidths=[None, None, None, 50, None, None]) + "\n")
    return EXIT_OK


def show_rule(result: LoadResult, rule_id: str, lang: str, features: Path | None) -> int:
    """Print one rule: the article's sentence (uk and en), its conditions in words, derivations, scenarios."""
    matches = [r for r in result.ruleset.rules if r.id == rule_id]
    if not matches:
        known = ", ".join(r.id for r in result.ruleset.rules)
        raise UsageError(f"no rule {rule_id!r}; the rules are: {known}")
    sys.stdout.write("\n".join(describe_rule(matches[0], result, lang, features)) + "\n")
    return EXIT_OK


def describe_rule(rule: Rule, result: LoadResult, lang: str, features: Path | None) -> list[str]:
    """The lines of ``rules show``."""
    words = WORDS[lang]
    meanings = {d.name: d.meaning for r in result.ruleset.rules for d in r.derives}
    out = [f"{rule.id}: {rule.title[lang]}", f"{words['stage']}: {rule.stage}, {words['origin']}: {rule.origin}, {rule.file}", ""]
    if "section" in rule.source:
        out.append(f"{words['section']}: {rule.source['section'][lang]}")
    if "quote" in rule.source:
        out.append(f"{words['article']}:")
        out += [f"  uk: {rule.source['quote']['uk']}", f"  en: {rule.source['quote']['en']}"]
    out += [f"{words['source']}: {rule.source['url']}", ""]
    if rule.applies_when is not None:
        out.append(f"{words['applies']}:")
        out += describe_lines(rule.applies_when, lang, 1, meanings)
        out.append(f"  {words['otherwise']}: {rule.not_applicable[lang]}")
    for finding in rule.findings:
        out.append(words["finding"].format(id=finding.id, severity=finding.severity) + ":")
        out += describe_lines(finding.when, lang, 1, meanings)
    for derivation in rule.derives:
        out.append(words["derives"].format(name=derivation.name) + f": {derivation.meaning[lang]}")
        out += describe_lines(derivation.when, lang, 1, meanings)
    out += ["", f"{words['scenarios']}:"]
    if features is None:
        out.append(f"  {words['no_features']}")
    else:
        texts = read_features(features)
        firing, quiet = scenario_steps(texts, rule.id)
        for label, steps in ((words["firing"], firing), (words["quiet"], quiet)):
            out.append(f"  {label}:" + ("" if steps else f" {words['none']}"))
            out += [f"    {step}  {_scenario_title(texts, step)}" for step in steps]
    return out


def _scenario_title(texts: dict[str, str], step: str) -> str:
    """The title of the scenario a ``file:line`` step belongs to (the nearest ``Scenario:`` above it)."""
    name, _, line = step.rpartition(":")
    lines = texts[name].splitlines()[: int(line)]
    for text in reversed(lines):
        if text.strip().startswith(("Scenario:", "Scenario Outline:", "Example:")):
            return text.strip()
    return ""


# ---------------------------------------------------------------- lint


def lint_paths(paths: Sequence[str], rules_dir: str | None, lang: str, features: Path | None) -> int:
    """Lint the rule files in ``paths`` (with the frame's other rules); print the problems, return 0/1/2."""
    frame_dir, extra = _split_paths(paths, rules_dir)
    result = _load(str(frame_dir), extra)
    try:
        schema = facts_schema()
    except (OSError, ValueError) as error:
        raise UsageError(f"cannot read the fact schema: {error}") from None
    feature_texts = read_features(features) if features is not None else None
    problems = lint(result, schema, feature_texts)
    words = WORDS[lang]
    if not problems:
        sys.stdout.write(words["ok"].format(count=len(result.ruleset.rules)) + "\n")
        return EXIT_OK
    sys.stdout.write(words["problems"].format(count=len(problems)) + "\n")
    sys.stdout.write("".join(f"{p}\n" for p in problems))
    return EXIT_PROBLEMS


def _split_paths(paths: Sequence[str], rules_dir: str | None) -> tuple[Path, list[Path]]:
    """The frame folder and the extra rule files: a folder holding ruleset.yaml is the frame, other paths add rules."""
    frame_dir = Path(rules_dir) if rules_dir else None
    extra: list[Path] = []
    for name in paths:
        path = Path(name)
        if not path.exists():
            raise UsageError(f"{name}: no such file or folder")
        if path.is_dir() and (path / FRAME_FILE).is_file() and frame_dir is None:
            frame_dir = path
        elif path.is_dir():
            extra += sorted(p for p in path.rglob("*.yaml") if p.name != FRAME_FILE)
        else:
            extra.append(path)
    frame_dir = frame_dir or rules_directory()
    inside = {p.resolve() for p in frame_dir.rglob("*.yaml")}
    return frame_dir, [p for p in dict.fromkeys(extra) if p.resolve() not in inside]
