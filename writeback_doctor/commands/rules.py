"""``diagnose rules``: tools for the people who write rules (list, show, lint).

``list`` tabulates the loaded rules; ``show ID`` prints one rule as an author reads it
(the article's sentence, its conditions in plain words, what it derives, the scenarios
that cover it); ``lint [PATHS]`` checks rule files against the rule schema, the fact
schema and the scenarios, and exits 1 when it finds problems, 2 when it cannot read its
input.
"""

from __future__ import annotations

import argparse
import json
import stat
import sys
from pathlib import Path
from typing import Sequence

from tabulate import tabulate

from expert_engine import (
    FRAME_FILE,
    LoadResult,
    Rule,
    RuleFileError,
    RuleSetError,
    Scenarios,
    ScenarioSteps,
    describe_lines,
    lint_ruleset,
    load_ruleset,
    read_features,
    scenario_steps,
)
from writeback_doctor.catalog import phrases
from writeback_doctor.commands.rules_where import differences, rules_beside, shown
from writeback_doctor.errors import ExitStatus, UsageError
from writeback_doctor.inert import inert_lines, inert_terminal
from writeback_doctor.knowledge import facts_schema, languages, rules_directory

SCENARIO_STEPS = ScenarioSteps(
    firing=r'"{rule}"\s+fails with\b',
    quiet=r'"{rule}"\s+(passes|does not apply)\b',
    firing_example='Then "{rule}" fails with "<finding id>"',
    quiet_example='Then "{rule}" passes, or: does not apply',
)
"""How the scenarios (tests/features) state a rule's outcome: the steps lint and ``rules show`` look for."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``diagnose rules list|show|lint``."""
    commands = parser.add_subparsers(dest="rules_command", required=True, metavar="{list,show,lint}")
    listing = commands.add_parser("list", help="every loaded rule: id, stage, severity, title, origin, source")
    show = commands.add_parser("show", help="one rule in plain words, with the scenarios that cover it")
    show.add_argument("id", help="the rule's id")
    check = commands.add_parser("lint", help="check rule files; exit 1 on problems, 2 on unreadable input")
    check.add_argument("paths", nargs="*", metavar="PATHS",
                       help="rule files or folders (default: the shipped rules); a folder with ruleset.yaml gives the frame")
    for sub in (listing, show, check):
        sub.add_argument("--lang", choices=languages(), default="en", help="language (default: en)")
        sub.add_argument("--rules", metavar="DIR", help="rules folder (with ruleset.yaml) instead of the shipped one")
    for sub in (show, check):
        sub.add_argument("--features", metavar="DIR", help="scenario folder (default: ./features if it exists)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> ExitStatus:
    """``diagnose rules list|show|lint``."""
    if args.rules_command == "list":
        warn_if_elsewhere(Path(args.rules) if args.rules else None, "list", args.lang)
        return _told(list_rules(result := _load(args.rules), args.lang), result)
    if args.rules_command == "show":
        warn_if_elsewhere(Path(args.rules) if args.rules else None, f"show {args.id}", args.lang)
        return _told(show_rule(result := _load(args.rules), args.id, args.lang, _features_dir(args.features)), result)
    return lint_paths(args.paths, args.rules, args.lang, _features_dir(args.features))


def warn_if_elsewhere(chosen: Path | None, command: str, lang: str) -> None:
    """On standard error, when no rules folder was chosen and the ``rules/`` of the current directory (or of the
    folder above it that has one) differs from the rule set read: which one is read, how they differ, and how
    to read the other. After ``pip install .`` the installed copy is read, not the checkout being edited."""
    if chosen is not None:
        return
    here, read = rules_beside(), rules_directory()
    if here is None or here.resolve() == read.resolve():
        return
    difference = differences(here, read)
    if not difference:
        return
    words = phrases("authoring", lang)
    parts = [words[key].format(count=len(names), names=_some(names))
             for key, names in (("only_here", difference.only_here), ("only_read", difference.only_read),
                                ("edited", difference.edited)) if names]
    sys.stderr.write(inert_lines(words["elsewhere"].format(
        here=shown(here), read=shown(read), differences="; ".join(parts), command=command)) + "\n")


def _some(names: Sequence[str], most: int = 3) -> str:
    return ", ".join(names[:most]) + (f", +{len(names) - most}" if len(names) > most else "")


def _told(status: ExitStatus, result: LoadResult) -> ExitStatus:
    """``status``, unless some rule files could not be loaded: then they are named (exit 2), never left out silently."""
    if result.problems:
        raise UsageError(RuleFileError(result.problems).render() + "\n(the rules above are the others)")
    return status


def main(argv: Sequence[str]) -> int:
    """``diagnose rules ARGS`` through the command line's one spine (its errors rendered there)."""
    from writeback_doctor.cli import main as cli_main

    return cli_main(["rules", *argv])


# ---------------------------------------------------------------- loading


def _load(rules_dir: str | None, extra: Sequence[Path] = ()) -> LoadResult:
    directory = Path(rules_dir) if rules_dir else rules_directory()
    if not (directory / FRAME_FILE).is_file():
        raise UsageError(f"no {FRAME_FILE} here (not a rules folder)", str(directory))
    try:
        return load_ruleset(directory, extra)
    except RuleSetError as error:
        raise UsageError(error.render()) from None


def _features_dir(option: str | None) -> Path | None:
    """The scenario folder: ``--features``, else ./features, else the one beside the rules of a source checkout."""
    if option:
        directory = Path(option)
        if not directory.is_dir():
            raise UsageError("no such folder", option)
        return directory
    for candidate in (Path("features"), rules_directory().parent / "features"):
        if candidate.is_dir():
            return candidate
    return None


# ---------------------------------------------------------------- list and show


def list_rules(result: LoadResult, lang: str) -> ExitStatus:
    """Print the loaded rules as a table, in diagnosis order."""
    words = phrases("authoring", lang)
    rows = [[r.id, r.stage, ", ".join(dict.fromkeys(f.severity for f in r.findings)), r.title[lang], r.origin, r.source["url"]]
            for r in result.ruleset.rules]
    headers = [words[k] for k in ("id", "stage", "severity", "title", "origin", "source")]
    table = tabulate(rows, headers=headers, tablefmt="simple", maxcolwidths=[None, None, None, 50, None, None])
    sys.stdout.write(inert_lines(table) + "\n")  # titles come from rule files (--rules DIR): shown, never obeyed
    return ExitStatus.OK


def show_rule(result: LoadResult, rule_id: str, lang: str, features: Path | None) -> ExitStatus:
    """Print one rule: the article's sentence (uk and en), its conditions in words, derivations, scenarios."""
    matches = [r for r in result.ruleset.rules if r.id == rule_id]
    if not matches:
        known = ", ".join(r.id for r in result.ruleset.rules)
        raise UsageError(f"no rule {rule_id!r}; the rules are: {known}")
    sys.stdout.write("\n".join(map(inert_terminal, describe_rule(matches[0], result, lang, features))) + "\n")
    return ExitStatus.OK


def describe_rule(rule: Rule, result: LoadResult, lang: str, features: Path | None) -> list[str]:
    """The lines of ``rules show``."""
    words = phrases("authoring", lang)
    meanings = {name: derivation.meaning.get(lang, "") for name, (_, derivation) in result.ruleset.derivations.items()}
    templates = phrases("explain", lang)
    out = [f"{rule.id}: {rule.title[lang]}", f"{words['stage']}: {rule.stage}, {words['origin']}: {rule.origin}, {rule.file}", ""]
    # the article's Ukrainian is Microsoft's 2021 machine translation: quoted as written, and said so
    translated = rule.origin == "article"
    label = f" ({words['machine_translation']})"
    if "section" in rule.source:
        marked = label if translated and lang == "uk" else ""
        out.append(f"{words['section']}: {rule.source['section'][lang]}{marked}")
    if "quote" in rule.source:
        out.append(f"{words['article']}:")
        out += [f"  {code}: {said}{label if translated and code == 'uk' else ''}" for code, said in rule.source["quote"].items()]
    out += [f"{words['source']}: {rule.source['url']}", ""]
    if rule.applies_when is not None:
        out.append(f"{words['applies']}:")
        out += describe_lines(rule.applies_when, templates, meanings, 1)
        out.append(f"  {words['otherwise']}: {(rule.not_applicable or {}).get(lang, '')}")
    for finding in rule.findings:
        headline = (finding.headline or rule.title).get(lang, "")
        out.append(words["finding"].format(id=finding.id, severity=finding.severity, headline=headline) + ":")
        out += describe_lines(finding.when, templates, meanings, 1)
    for derivation in rule.derives:
        out.append(words["derives"].format(name=derivation.name) + f": {derivation.meaning[lang]}")
        out += describe_lines(derivation.when, templates, meanings, 1)
    out += ["", f"{words['scenarios']}:"]
    if features is None:
        out.append(f"  {words['no_features']}")
    else:
        texts = read_features(features)
        firing, quiet = scenario_steps(texts, rule.id, SCENARIO_STEPS)
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


def lint_paths(paths: Sequence[str], rules_dir: str | None, lang: str, features: Path | None) -> ExitStatus:
    """Lint the rule files in ``paths`` (with the frame's other rules); print the problems; OK, PROBLEMS (or a UsageError)."""
    frame_dir, extra = _split_paths(paths, rules_dir)
    chosen = rules_dir is not None or frame_dir != rules_directory()
    warn_if_elsewhere(frame_dir if chosen else None, "lint" + "".join(f" {p}" for p in paths), lang)
    for path in [*frame_dir.rglob("*.yaml"), *extra]:
        _refuse_special(path)
    result = _load(str(frame_dir), extra)
    schema_file = _facts_schema_beside(frame_dir)
    try:
        schema = facts_schema() if schema_file is None else json.loads(schema_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise UsageError(f"cannot read the fact schema: {error}", str(schema_file or "facts_schema.json")) from None
    scenarios = Scenarios(read_features(features), SCENARIO_STEPS) if features is not None else None
    problems = lint_ruleset(result, schema, scenarios)
    words = phrases("authoring", lang)
    if not problems:
        sys.stdout.write(inert_lines(words["ok"].format(count=len(result.ruleset.rules), folder=shown(frame_dir))) + "\n")
        return ExitStatus.OK
    sys.stdout.write(inert_lines(words["problems"].format(count=len(problems), folder=shown(frame_dir))) + "\n")
    sys.stdout.write("".join(f"{inert_lines(p)}\n" for p in problems))
    return ExitStatus.PROBLEMS


def _facts_schema_beside(frame_dir: Path) -> Path | None:
    """The fact schema of a rules folder chosen by the author: ``facts_schema.json`` beside it (a checkout's,
    edited with the rules), else None (the installed one)."""
    if frame_dir.resolve() == rules_directory().resolve():
        return None
    candidate = frame_dir.parent / "facts_schema.json"
    return candidate if candidate.is_file() else None


def _split_paths(paths: Sequence[str], rules_dir: str | None) -> tuple[Path, list[Path]]:
    """The frame folder and the extra rule files: a folder holding ruleset.yaml is the frame, other paths add rules."""
    frame_dir = Path(rules_dir) if rules_dir else None
    extra: list[Path] = []
    for name in paths:
        path = Path(name)
        if not path.exists():
            raise UsageError("no such file or folder", name)
        if path.is_dir() and (path / FRAME_FILE).is_file() and frame_dir is None:
            frame_dir = path
        elif path.is_dir():
            extra += sorted(p for p in path.rglob("*.yaml") if p.name != FRAME_FILE)
        else:
            extra.append(path)
    frame_dir = frame_dir or rules_directory()
    inside = {_resolved(p) for p in frame_dir.rglob("*.yaml")}
    return frame_dir, [p for p in dict.fromkeys(extra) if _resolved(p) not in inside]


def _refuse_special(path: Path) -> None:
    """A FIFO, a device or a link that loops where a rule file should be: a ``UsageError`` (exit 2), never waited on."""
    try:
        mode = path.stat().st_mode  # follows links; never opens, so a FIFO cannot block
    except OSError as error:
        raise UsageError(f"cannot read: {error.strerror or error}", str(path)) from None
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        kind = "a FIFO" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket"
        raise UsageError(f"{kind}, not a regular file: a rule file must be a regular file", str(path))


def _resolved(path: Path) -> Path:
    """``path`` with its links followed; a link that loops (or cannot be followed) is a ``UsageError``, exit 2."""
    try:
        return path.resolve()
    except (RuntimeError, OSError) as error:  # Python 3.11 raises RuntimeError for a loop, 3.13 OSError
        raise UsageError(f"cannot follow the link: {error}", str(path)) from None
