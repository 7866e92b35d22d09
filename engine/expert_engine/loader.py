"""Loading a rule set: the frame (``ruleset.yaml``) and one YAML file per rule.

A broken rule file is reported with its file, line and what is wrong, and the other
rules still load: ``load_ruleset`` returns the rules it could use together with the
problems of those it could not.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import constants as frame_constants
from .compile import problems as condition_problems
from .conditions import JsonPath, node_places, parse
from .errors import Problem, RuleFileError, RuleSetError
from .model import BlastRadius, Claim, Derivation, Finding, Prior, ReachLevel, ReportOrder, Rule, RuleSet, Severity
from .schema_check import Check, compile_check
from .schema_words import comparison_problems, explained
from .startup import Verdict, Verdicts

if TYPE_CHECKING:
    import jsonschema

    from .yaml_source import YamlDocument

FRAME_FILE = "ruleset.yaml"


def _rule_schema() -> dict[str, Any]:
    # beside this module, as the cache keys read it (startup.keys): importlib.resources would cost a start ~8 ms of imports
    text = Path(__file__).with_name("rule_schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def rule_validator() -> jsonschema.Draft202012Validator:
    """The rule format's validator, made (and jsonschema imported) only when a rule file is validated: a rule set
    served from the shipped or cached verdict never needs it."""
    import jsonschema

    return jsonschema.Draft202012Validator(_rule_schema())


@cache
def quick_rule_check() -> Check | None:
    """A fast yes/no of the same schema (``schema_check``): a rule file it accepts skips jsonschema, which costs
    most of a cold load (and its import); one it refuses is validated by ``rule_validator`` for the located errors."""
    return compile_check(_rule_schema())


@dataclass(frozen=True)
class LoadResult:
    """The usable rule set and the problems of the files left out of it."""

    ruleset: RuleSet
    problems: tuple[Problem, ...]


def load_ruleset(directory: Path, extra_files: Iterable[Path] = (), cache_dir: Path | None = None,
                 shipped: Path | None = None) -> LoadResult:
    """Load ``directory/ruleset.yaml`` and every ``*.yaml`` rule below ``directory`` (plus ``extra_files``).

    Frame, then each rule file (read, validated, its constants filled in, its conditions parsed),
    then the checks across files. Files are read in sorted order so the result never depends on the
    file system. Raises ``RuleSetError`` only when the frame itself is unusable.

    ``cache_dir`` and ``shipped`` only make it cheaper (``startup``): a file an earlier verdict
    covers (the same bytes, frame, schema and engine) is not validated again, and a rule set that
    loads without problems is remembered in ``cache_dir``; ``shipped`` is the verdict a built
    package carries for its own rules. The result is the same without them.
    """
    frame_file = directory / FRAME_FILE
    rule_files = sorted(p for p in directory.rglob("*.yaml") if p.name != FRAME_FILE)
    rule_files += sorted(Path(p) for p in extra_files)
    verdicts = Verdicts.open(directory, frame_file, rule_files, cache_dir, shipped)  # NO_VERDICTS without either
    frame_data, frame = _frame_from(verdicts.frame, frame_file)
    rules: list[Rule] = []
    problems: list[Problem] = []
    validated: list[Verdict] = []
    for index, path in enumerate(rule_files):
        earlier = verdicts.earlier(index)
        loaded = _rule_from_verdict(earlier, path) if earlier is not None else None
        if loaded is None:
            try:
                loaded = _load_rule_document(path, frame)
            except RuleFileError as error:
                problems.extend(error.problems)
                continue
        rules.append(loaded[0])
        validated.append(loaded[1])
    if not problems:
        verdicts.remember(frame_data, validated)
    rules, cross_problems = _check_together(rules)
    problems.extend(cross_problems)
    ruleset = RuleSet(
        name=frame.name,
        languages=frame.languages,
        stages=frame.stages,
        severities=frame.severities,
        rules=tuple(sorted(rules, key=lambda r: (frame.stages.index(r.stage), r.order, r.id))),
        order=frame.order,
        blast_radius=frame.blast_radius,
        constants=frame.constants,
        constants_checked=frame.constants_checked,
    )
    return LoadResult(ruleset, tuple(problems))


def _rule_from_verdict(verdict: Verdict, path: Path) -> tuple[Rule, Verdict] | None:
    """The rule of an earlier verdict on the same bytes and frame (``startup``), or None (validate the file)."""
    try:
        return _build_rule(verdict.document, str(path), verdict.lines), verdict
    except Exception:  # noqa: BLE001  whatever is wrong with an entry, the rule file itself is the truth
        return None


def load_frame_data(path: Path) -> Any:
    """The frame file's data, read as safely as a rule file; raises ``RuleSetError`` when it cannot be read."""
    import yaml

    from .yaml_source import read_yaml

    try:
        return read_yaml(path).data
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise RuleSetError([Problem(str(path), f"cannot read the rule set frame: {error}")]) from None


def _frame_from(earlier: Any, path: Path) -> tuple[Any, RuleSet]:
    """The frame's data and the frame: from the data an earlier verdict read under the same frame key (``startup``),
    else (none, or anything wrong with it) from the frame file."""
    if earlier is not None:
        try:
            return earlier, _frame_of(earlier, path)
        except Exception:  # noqa: BLE001  whatever is wrong with an entry, the frame file itself is the truth
            pass
    data = load_frame_data(path)
    return data, _frame_of(data, path)


def _frame_of(data: Any, path: Path) -> RuleSet:
    """The frame (name, languages, stages, severities, report order) of the frame file's data."""
    try:
        severities = tuple(Severity(str(s["name"]), bool(s["fails"]),
                                    bool(s["blocks_later_stages"]) if "blocks_later_stages" in s else None)
                           for s in data["severities"])
        order = None
        if "report_order" in data:
            declared = data["report_order"]
            order = ReportOrder(tuple(tuple(str(s) for s in group) for group in declared["groups"]),
                                tuple(str(k) for k in declared["within"]))
        languages = tuple(str(x) for x in data["languages"])
        constants, checked, constant_problems = frame_constants.frame_constants(data, languages)
        frame = RuleSet(
            name=str(data["name"]),
            languages=languages,
            stages=tuple(str(x) for x in data["stages"]),
            severities=severities,
            rules=(),
            order=order,
            constants=constants,
            constants_checked=checked,
        )
    except (KeyError, TypeError) as error:
        raise RuleSetError([Problem(str(path), f"expected name, languages, stages and severities ({error})")]) from None
    if constant_problems:
        raise RuleSetError([Problem(str(path), message) for message in constant_problems])
    if "blast_radius" in data:
        frame = _with_blast_radius(frame, data["blast_radius"], path)
    if order is not None:
        names = [s.name for s in severities]
        grouped = [name for group in order.groups for name in group]
        if sorted(grouped) != sorted(names) or set(order.within) - {"stage", "severity", "order"}:
            raise RuleSetError([Problem(str(path), "report_order: its groups must name every severity once, and "
                                        "'within' only stage, severity and order")])
    return frame


def _with_blast_radius(frame: RuleSet, data: Any, path: Path) -> RuleSet:
    """The frame with its declared blast radius (``blast_radius``: items, everyone, levels widest first)."""
    from dataclasses import replace

    def level(entry: Any) -> ReachLevel:
        says = entry["says"]
        if not isinstance(says, Mapping) or any(not str(says.get(lang, "")).strip() for lang in frame.languages):
            raise TypeError(f"level {entry.get('name')!r}: 'says' needs a text in {', '.join(frame.languages)}")
        when = parse(entry["when"], str(path)) if "when" in entry else None
        if when is not None and condition_problems(when):
            raise TypeError(f"level {entry['name']!r}: " + "; ".join(condition_problems(when)))
        return ReachLevel(str(entry["name"]), dict(says), when, bool(entry.get("advisory", False)))

    try:
        radius = BlastRadius(str(data["items"]), level({"name": "everyone", "says": data["everyone"]}),
                             tuple(level(entry) for entry in data["levels"]))
    except (KeyError, TypeError, AttributeError, StopIteration) as error:
        raise RuleSetError([Problem(str(path), "blast_radius: expected items, everyone (a text) and levels "
                                               f"(name, says, when or advisory) ({error})")]) from None
    return replace(frame, blast_radius=radius)


def _load_rule_document(path: Path, frame: RuleSet) -> tuple[Rule, Verdict]:
    """Read, validate and check one rule file; raises ``RuleFileError`` with ``file:line`` locations.

    Returns the rule and its verdict: the validated document and the line of every condition node.
    """
    import yaml

    from .yaml_source import read_yaml

    try:
        document = read_yaml(path)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise RuleFileError([Problem(f"{path}:{line}", f"not valid YAML: {error.problem or error}")]) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise RuleFileError([Problem(f"{path}:1", f"cannot read: {error}")]) from None
    data = document.data
    quick = quick_rule_check()
    valid = quick is not None and quick(data)
    schema_errors = [] if valid else sorted(rule_validator().iter_errors(data),
                                            key=lambda e: (list(map(str, e.absolute_path)), e.message))
    if schema_errors:
        worded = comparison_problems(data, _rule_schema())  # "unknown operator 'equal'; did you mean 'equals'?"
        places = [mistake.node for mistake in worded]
        problems = [Problem(f"{path}:{document.line_of(mistake.at)}", mistake.message) for mistake in worded]
        problems += [_schema_problem(document, error) for error in _most_specific(schema_errors)
                     if not explained(list(error.absolute_path), places)]
        raise RuleFileError(problems)
    problems = [Problem(f"{path}:{document.line_of(p)}", m)
                for p, m in frame_constants.problems(data, frame.constants, frame.languages)]
    if problems:
        raise RuleFileError(problems)
    resolved = frame_constants.resolve(data, frame.constants, frame.languages)
    problems = [Problem(f"{path}:{document.line_of(p)}", m) for p, m in _check_rule(resolved, frame)]
    if problems:
        raise RuleFileError(problems)
    lines = [[document.line_of(place) for place in node_places(top, at)]
             for at, top in (*_top_conditions(data), *_observations(data))]
    # the verdict holds the document with its constants filled in: a later load under the same frame (the frame is
    # part of every verdict's key) builds the rule from it without resolving again
    return _build_rule(resolved, str(path), lines), Verdict(resolved, lines)


def _observations(data: Mapping[str, Any]) -> Iterator[tuple[JsonPath, Any]]:
    """Every observation a rule document's findings explain, with its place (after the top-level conditions)."""
    for index, finding in enumerate(data["findings"]):
        for number, condition in enumerate(finding.get("explains", ())):
            yield ("findings", index, "explains", number), condition


def _prior(data: Mapping[str, Any] | None, findings: Sequence[Mapping[str, Any]]) -> Prior | None:
    """A finding's prior; ``same_cause_as``: the prior its rule's finding of that id declares, marked as that cause's."""
    if data is None:
        return None
    owner = data.get("same_cause_as")
    if owner is not None:
        declared = next(f["prior"] for f in findings if f["id"] == owner)  # checked by _problems
        return Prior(float(declared["weight"]), declared.get("source"), declared.get("assumption"), owner)
    return Prior(float(data["weight"]), data.get("source"), data.get("assumption"))


def _top_conditions(data: Mapping[str, Any]) -> Iterator[tuple[JsonPath, Any]]:
    """Every top-level condition of a rule document with its place: findings, derivations, applicability."""
    for index, finding in enumerate(data["findings"]):
        yield ("findings", index, "when"), finding["when"]
        if "provided" in finding:
            yield ("findings", index, "provided"), finding["provided"]
    for index, derivation in enumerate(data.get("derives", ())):
        yield ("derives", index, "when"), derivation["when"]
    if "applies_when" in data:
        yield ("applies_when",), data["applies_when"]


def _most_specific(errors: list[jsonschema.ValidationError]) -> list[jsonschema.ValidationError]:
    """Replace each 'not valid under any of the given schemas' by its best-matching cause."""
    from jsonschema.exceptions import best_match

    result = []
    for error in errors:
        if error.context:
            error = best_match(error.context) or error
        result.append(error)
    return result


def _schema_problem(document: YamlDocument, error: jsonschema.ValidationError) -> Problem:
    path = list(error.absolute_path)
    where = "/".join(str(step) for step in path) or "(top)"
    return Problem(f"{document.path}:{document.line_of(path)}", f"at {where}: {error.message}")


def _check_rule(data: dict[str, Any], frame: RuleSet) -> list[tuple[list[Any], str]]:
    """What the schema cannot say: stage and severity names exist, languages are complete, conditions make sense."""
    problems: list[tuple[list[Any], str]] = []
    if data["stage"] not in frame.stages:
        problems.append((["stage"], f"unknown stage {data['stage']!r}; expected one of {', '.join(frame.stages)}"))
    severity_names = [s.name for s in frame.severities]
    seen_findings: set[str] = set()
    for index, finding in enumerate(data["findings"]):
        if finding["severity"] not in severity_names:
            problems.append((["findings", index, "severity"],
                             f"unknown severity {finding['severity']!r}; expected one of {', '.join(severity_names)}"))
        if finding["id"] in seen_findings:
            problems.append((["findings", index, "id"], f"duplicate finding id {finding['id']!r}"))
        seen_findings.add(finding["id"])
        owner = finding.get("prior", {}).get("same_cause_as")
        if owner is not None:
            declared = next((f.get("prior") for f in data["findings"] if f["id"] == owner and f is not finding), None)
            if declared is None or "weight" not in declared:
                problems.append((["findings", index, "prior", "same_cause_as"],
                                 f"{owner!r} is not another finding of this rule that declares a prior weight"))
    for at, top in (*_top_conditions(data), *_observations(data)):
        problems += [(list(at), message) for message in condition_problems(parse(top))]
    return problems


def _build_rule(data: dict[str, Any], file: str, lines: Sequence[Sequence[int]]) -> Rule:
    """The rule of a validated document whose constants are filled in (``constants.resolve``), its conditions
    parsed once, each node knowing its line.

    ``lines`` holds, per top-level condition of the document as written (in ``_top_conditions``
    order), the line of each of its nodes (in ``node_places`` order).
    """
    tops = list(_top_conditions(data))
    parsed = iter([parse(top, file, iter(top_lines)) for (_, top), top_lines in zip(tops, lines[:len(tops)], strict=True)])
    observed = iter([parse(cond, file, iter(cond_lines))
                     for (_, cond), cond_lines in zip(_observations(data), lines[len(tops):], strict=True)])
    findings = []
    for f in data["findings"]:  # in _top_conditions order: a finding's condition, then its proviso
        when = next(parsed)
        provided = next(parsed) if "provided" in f else None
        claim = f.get("cause_of")
        explains = tuple(next(observed) for _ in f.get("explains", ()))
        findings.append(Finding(f["id"], f["severity"], when, f["diagnosis"], f["remedy"], tuple(f.get("links", ())), provided,
                                f.get("headline"), Claim(claim["observed"], int(claim["rank"])) if claim else None,
                                explains=explains, prior=_prior(f.get("prior"), data["findings"]),
                                disputes=tuple(f.get("disputes", ()))))
    derives = tuple(Derivation(d["name"], d["meaning"], next(parsed)) for d in data.get("derives", ()))
    return Rule(
        id=data["id"],
        stage=data["stage"],
        order=data["order"],
        origin=data["origin"],
        source=data["source"],
        title=data["title"],
        findings=tuple(findings),
        derives=derives,
        applies_when=next(parsed) if "applies_when" in data else None,
        not_applicable=data.get("not_applicable"),
        file=file,
    )


def _check_together(rules: list[Rule]) -> tuple[list[Rule], list[Problem]]:
    """Drop rules whose id or derived names clash with an earlier file, and report derived facts nobody derives."""
    problems: list[Problem] = []
    kept: list[Rule] = []
    ids: dict[str, str] = {}
    derivers: dict[str, str] = {}
    for rule in rules:
        clash = ids.get(rule.id)
        derived_clash = next((d.name for d in rule.derives if d.name in derivers), None)
        if clash:
            problems.append(Problem(f"{rule.file}:1", f"duplicate rule id {rule.id!r} (also in {clash}); this file is left out"))
            continue
        if derived_clash:
            problems.append(Problem(f"{rule.file}:1", f"derived fact {derived_clash!r} is already derived by "
                                                      f"{derivers[derived_clash]}; this file is left out"))
            continue
        ids[rule.id] = rule.file
        derivers.update({d.name: rule.file for d in rule.derives})
        kept.append(rule)
    # A rule that uses a derived fact nobody derives could never be decided: leave it out, loudly.
    usable = []
    for rule in kept:
        dangling = sorted(name for name in rule.derived_names() if name not in derivers)
        if dangling:
            problems.append(Problem(f"{rule.file}:1",
                                    f"uses derived fact(s) no rule derives: {', '.join(dangling)}; this file is left out"))
        else:
            usable.append(rule)
    return usable, problems
