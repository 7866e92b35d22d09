"""Explaining outcomes: which part of a condition held, failed or stayed undecided, in plain words.

Verdicts come from durable-rules (``inference.py``); this module never decides one. It
re-walks a rule's condition tree with the plain-Python evaluator (``evaluate.py``) on the
same facts and derived facts, so that every sub-condition gets its own truth, and renders
conditions as sentences in each language the rules are written in. It knows nothing of
any domain: fact descriptions and the provenance of facts are optional inputs.

An explanation is plain data (dicts and lists) so that it can go into a JSON report as
is; ``explanation_lines`` turns it into indented sentences for text renderers.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Mapping

from . import conditions
from .evaluate import evaluate, kleene_and
from .model import FAIL, NOT_APPLICABLE, PASS, UNKNOWN, Condition, Conclusions, Outcome, RuleSet

Describe = Callable[[str], "str | None"]
"""Optional lookup of a fact path's description (``array[].field`` for item fields)."""

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "equals": "{fact} is {value}",
        "not_equals": "{fact} is not {value}",
        "in": "{fact} is one of {values}",
        "lt": "{fact} is less than {value}",
        "lte": "{fact} is at most {value}",
        "gt": "{fact} is greater than {value}",
        "gte": "{fact} is at least {value}",
        "version_lt": "{fact} is below {value}",
        "version_gte": "{fact} is {value} or later",
        "present": "{fact} is known",
        "absent": "{fact} is not known",
        "all": "all of these",
        "any": "at least one of these",
        "not": "it is not so that",
        "any_item": "some item of {array} has",
        "all_items": "every item of {array} has",
        "derived": "{name} is {value}",
        "earlier_stages": "every earlier stage passed",
        "true": "true",
        "false": "false",
        "held": "holds",
        "failed": "does not hold",
        "undecided": "undecided",
        "value": "value {value}",
        "missing": "not known",
        "from": "from {source}",
        "derived_by": "derived by rule {rule}",
        "item": "item {index}",
        "fail": "Rule {rule} fails with finding {finding} because:",
        "pass": "Rule {rule} passes because none of its findings holds:",
        "not_applicable": "Rule {rule} does not apply because:",
        "unknown": "Rule {rule} is undecided because:",
        "finding": "finding {finding}",
        "applies": "it applies only when",
        "almost": "almost: only this failed",
        "no_items": "{array} is empty",
    },
    "uk": {
        "equals": "{fact} дорівнює {value}",
        "not_equals": "{fact} не дорівнює {value}",
        "in": "{fact} — одне з: {values}",
        "lt": "{fact} менше за {value}",
        "lte": "{fact} не більше за {value}",
        "gt": "{fact} більше за {value}",
        "gte": "{fact} не менше за {value}",
        "version_lt": "версія {fact} нижча за {value}",
        "version_gte": "версія {fact} — {value} або новіша",
        "present": "{fact} відомо",
        "absent": "{fact} невідомо",
        "all": "усе з переліченого",
        "any": "хоча б одне з переліченого",
        "not": "неправда, що",
        "any_item": "якийсь елемент {array} має",
        "all_items": "кожен елемент {array} має",
        "derived": "{name} — {value}",
        "earlier_stages": "усі попередні етапи пройдено",
        "true": "істина",
        "false": "хиба",
        "held": "виконується",
        "failed": "не виконується",
        "undecided": "невизначено",
        "value": "значення {value}",
        "missing": "невідомо",
        "from": "джерело: {source}",
        "derived_by": "виведено правилом {rule}",
        "item": "елемент {index}",
        "fail": "Правило {rule} не пройдено зі знахідкою {finding}, тому що:",
        "pass": "Правило {rule} пройдено, бо жодна його знахідка не справджується:",
        "not_applicable": "Правило {rule} не застосовується, тому що:",
        "unknown": "Правило {rule} невизначене, тому що:",
        "finding": "знахідка {finding}",
        "applies": "воно застосовується лише тоді, коли",
        "almost": "майже: не виконалася лише ця умова",
        "no_items": "{array} порожній",
    },
}


def _words(lang: str) -> Mapping[str, str]:
    return WORDS.get(lang, WORDS["en"])


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _truth_word(truth: bool | None) -> str:
    return "held" if truth is True else "failed" if truth is False else "undecided"


# ---------------------------------------------------------------- plain words


def describe(condition: Condition, lang: str = "en", meanings: Mapping[str, Mapping[str, str]] | None = None) -> str:
    """One condition (of any depth) as one line of plain words, e.g. ``connect.version is below "1.1.443"``."""
    words = _words(lang)
    head = _head(condition, words, "")
    children = _children(condition)
    if "derived" in condition and meanings and condition["derived"] in meanings:
        head += f" ({meanings[condition['derived']].get(lang, '')})"
    if not children:
        return head
    inner = "; ".join(describe(c, lang, meanings) for c in children)
    return f"{head}: ({inner})" if len(children) > 1 else f"{head}: {inner}"


def describe_lines(condition: Condition, lang: str = "en", indent: int = 0,
                   meanings: Mapping[str, Mapping[str, str]] | None = None) -> list[str]:
    """A condition as an indented outline, one sub-condition per line (for ``rules show`` and guides)."""
    words = _words(lang)
    head = _head(condition, words, "")
    if "derived" in condition and meanings and condition["derived"] in meanings:
        head += f" ({meanings[condition['derived']].get(lang, '')})"
    children = _children(condition)
    lines = ["  " * indent + "- " + head + (":" if children else "")]
    for child in children:
        lines += describe_lines(child, lang, indent + 1, meanings)
    return lines


def _head(c: Condition, words: Mapping[str, str], prefix: str) -> str:
    if "derived" in c:
        value = words["true"] if bool(c.get("is", True)) else words["false"]
        return words["derived"].format(name=c["derived"], value=value)
    if "earlier_stages" in c:
        return words["earlier_stages"]
    if "all" in c:
        return words["all"]
    if "any" in c:
        return words["any"]
    if "not" in c:
        return words["not"]
    if "any_item" in c or "all_items" in c:
        key = "any_item" if "any_item" in c else "all_items"
        return words[key].format(array=prefix + c[key])
    operator = conditions.operator_of(c)
    fact = prefix + c["fact"]
    if operator == "present":
        return words["present" if c[operator] else "absent"].format(fact=fact)
    if operator == "in":
        return words["in"].format(fact=fact, values=", ".join(_show(v) for v in c["in"]))
    return words[operator].format(fact=fact, value=_show(c[operator]))


def _children(c: Condition) -> list[Condition]:
    if "all" in c or "any" in c:
        return list(c.get("all", c.get("any", [])))
    if "not" in c:
        return [c["not"]]
    if "any_item" in c or "all_items" in c:
        return [c["where"]]
    return []


# ---------------------------------------------------------------- traces


class Context:
    """What a trace needs besides the condition: the facts, the conclusions and optional extras."""

    def __init__(self, ruleset: RuleSet, conclusions: Conclusions, facts: Mapping[str, Any], lang: str,
                 describe_fact: Describe | None = None, sources: Mapping[str, Any] | None = None):
        self.ruleset = ruleset
        self.facts = facts
        self.lang = lang
        self.words = _words(lang)
        self.derived = {name: value for name, (value, _) in conclusions.derived.items()}
        self.derived_by = {d.name: (rule, d) for rule in ruleset.rules for d in rule.derives}
        self.describe_fact = describe_fact
        self.sources = dict(sources or {})
        self._stage_passed = _stages_passed(ruleset, conclusions)

    def earlier_passed(self, stage: str) -> bool | None:
        return self._stage_passed.get(stage)


def _stages_passed(ruleset: RuleSet, conclusions: Conclusions) -> dict[str, bool | None]:
    """For each stage, whether every earlier stage passed (False on a failing diagnosis, None on an unknown)."""
    result: dict[str, bool | None] = {}
    for index, stage in enumerate(ruleset.stages):
        earlier = set(ruleset.stages[:index])
        failing = any(o.rule.stage in earlier and ruleset.severity(o.finding.severity).fails for o in conclusions.diagnoses)
        unknown = any(o.rule.stage in earlier for o in conclusions.unknown)
        result[stage] = False if failing else None if unknown else True
    return result


def trace(condition: Condition, context: Context, stage: str, seen: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The condition tree with each node's truth, the facts it read (with values) and, for derived facts, how.

    Each node is ``{"text", "truth", "children"?, "fact"?, "value"?, "present"?, "source"?,
    "derived"?, "by"?, "meaning"?, "how"?}``; ``truth`` is true, false or null (undecided).
    """
    if "derived" in condition:
        name = condition["derived"]
        value = context.derived.get(name)
        truth = None if value is None else value == bool(condition.get("is", True))
        node: dict[str, Any] = {"op": "derived", "text": _head(condition, context.words, ""), "truth": truth,
                                "derived": name, "value": value}
        if name in context.derived_by:
            rule, derivation = context.derived_by[name]
            node["by"] = rule.id
            node["meaning"] = derivation.meaning.get(context.lang, "")
            if name not in seen:
                node["how"] = trace(derivation.when, context, rule.stage, seen | {name})
        return node
    if "earlier_stages" in condition:
        return {"op": "earlier_stages", "text": context.words["earlier_stages"], "truth": context.earlier_passed(stage)}
    if set(condition) == {"all"} and any("derived" in c or "earlier_stages" in c for c in condition["all"]):
        children = [trace(c, context, stage, seen) for c in condition["all"]]
        return {"op": "all", "text": context.words["all"], "truth": kleene_and(ch["truth"] for ch in children),
                "children": children}
    return _trace_doc(condition, context, context.facts, "")


def _trace_doc(c: Condition, context: Context, scope: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    truth = evaluate(c, scope)
    node: dict[str, Any] = {"op": _op(c), "text": _head(c, context.words, prefix), "truth": truth}
    if "any_item" in c or "all_items" in c:
        array = c.get("any_item", c.get("all_items"))
        present, items = conditions.lookup(scope, array)
        node["fact"] = prefix + array
        node["present"] = present
        if present and isinstance(items, list):
            kept = []
            for index, item in enumerate(items):
                if not isinstance(item, Mapping):
                    continue
                item_prefix = f"{prefix}{array}[{index}]."
                inner = _trace_doc(c["where"], context, item, item_prefix)
                kept.append({"op": "item", "text": context.words["item"].format(index=f"{prefix}{array}[{index}]"),
                             "truth": inner["truth"], "children": [inner]})
            # witnesses: the items that decide the quantifier (all of them when it stays open)
            decisive = {("any_item", True), ("all_items", False)}
            key = ("any_item" if "any_item" in c else "all_items", truth)
            if key in decisive:
                kept = [k for k in kept if k["truth"] is truth]
            node["children"] = kept
            if not items:
                node["note"] = context.words["no_items"].format(array=prefix + array)
        _annotate(node, prefix + array, context)
        return node
    children = _children(c)
    if children:
        node["children"] = [_trace_doc(child, context, scope, prefix) for child in children]
        return node
    present, value = conditions.lookup(scope, c["fact"])
    node["fact"] = prefix + c["fact"]
    node["present"] = present
    if present:
        node["value"] = value
    _annotate(node, prefix + c["fact"], context)
    return node


def _op(c: Condition) -> str:
    """The node's kind: a connective, a quantifier, a reference or a comparison operator."""
    for key in ("derived", "earlier_stages", "all", "any", "not", "any_item", "all_items"):
        if key in c:
            return key
    operator = conditions.operator_of(c)
    return operator if operator != "present" else ("present" if c[operator] else "absent")


def _annotate(node: dict[str, Any], shown_path: str, context: Context) -> None:
    """Add the fact's provenance and description when the caller provided them."""
    generic = _generic_path(shown_path)
    source = context.sources.get(shown_path, context.sources.get(generic))
    if source is not None:
        node["source"] = source
    if context.describe_fact is not None:
        about = context.describe_fact(generic)
        if about:
            node["about"] = about


def _generic_path(shown: str) -> str:
    """``trays[3].size`` -> ``trays[].size`` (the schema's view of an item field)."""
    out, depth = [], 0
    for char in shown:
        if char == "[":
            depth += 1
            out.append("[]")
        elif char == "]":
            depth -= 1
        elif depth == 0:
            out.append(char)
    return "".join(out)


# ---------------------------------------------------------------- outcomes


def explain_outcome(outcome: Outcome, context: Context) -> dict[str, Any]:
    """How (fail), why (pass, not applicable) or why not yet (unknown) a rule reached its outcome.

    ``findings`` traces every finding's condition; a finding that did not hold but whose
    conjuncts all held except one is marked ``almost`` and names that one in ``why_not``.
    """
    rule = outcome.rule
    words = context.words
    headline_key = {FAIL: "fail", PASS: "pass", NOT_APPLICABLE: "not_applicable", UNKNOWN: "unknown"}[outcome.status]
    result: dict[str, Any] = {
        "status": outcome.status,
        "headline": words[headline_key].format(rule=rule.id, finding=outcome.finding.id if outcome.finding else ""),
    }
    if rule.applies_when is not None:
        result["applies"] = trace(rule.applies_when, context, rule.stage)
    if outcome.status == NOT_APPLICABLE:
        return result
    findings = []
    for finding in rule.findings:
        if outcome.status == FAIL and finding.id != outcome.finding.id:
            continue
        node = trace(finding.when, context, rule.stage)
        entry: dict[str, Any] = {"finding": finding.id, "truth": node["truth"], "condition": node}
        if node["truth"] is False:
            failed = _almost(node)
            if failed is not None:
                entry["almost"] = True
                entry["why_not"] = failed
        findings.append(entry)
    result["findings"] = findings
    return result


def _almost(node: Mapping[str, Any]) -> str | None:
    """The text of the only failing conjunct when all the others hold (a finding that nearly held)."""
    conjuncts = _conjuncts(node)
    failing = [c for c in conjuncts if c["truth"] is False]
    if len(conjuncts) > 1 and len(failing) == 1 and all(c["truth"] is True for c in conjuncts if c is not failing[0]):
        return failing[0]["text"]
    return None


def _conjuncts(node: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    if node.get("op") == "all":
        return [leaf for child in node["children"] for leaf in _conjuncts(child)]
    return [node]


def explain_conclusions(conclusions: Conclusions, context: Context) -> dict[str, dict[str, Any]]:
    """Every rule's explanation, keyed by rule id."""
    return {o.rule.id: explain_outcome(o, context) for o in conclusions.outcomes}


# ---------------------------------------------------------------- text


def explanation_lines(explanation: Mapping[str, Any], lang: str = "en") -> list[str]:
    """An explanation dict as indented sentences (two spaces per level), headline first."""
    words = _words(lang)
    lines = [explanation["headline"]]
    if "applies" in explanation:
        lines.append(f"  {words['applies']}:")
        lines += _node_lines(explanation["applies"], words, 2)
    for entry in explanation.get("findings", []):
        suffix = f" — {words['almost']}: {entry['why_not']}" if entry.get("almost") else ""
        lines.append(f"  {words['finding'].format(finding=entry['finding'])} [{words[_truth_word(entry['truth'])]}]{suffix}")
        lines += _node_lines(entry["condition"], words, 2)
    return lines


def source_text(source: Any) -> str:
    """Provenance as short text: ``file:location`` for located sources, JSON for anything else."""
    if isinstance(source, str):
        return source
    if isinstance(source, list):
        return ", ".join(source_text(item) for item in source)
    if isinstance(source, Mapping) and "file" in source and "location" in source:
        return f"{source['file']}:{source['location']}"
    return _show(source)


def _node_lines(node: Mapping[str, Any], words: Mapping[str, str], depth: int) -> list[str]:
    details = []
    if "fact" in node and "children" not in node:
        details.append(words["value"].format(value=_show(node["value"])) if node.get("present") else words["missing"])
    if "derived" in node and node.get("by"):
        details.append(words["derived_by"].format(rule=node["by"]))
    if "source" in node:
        details.append(words["from"].format(source=source_text(node["source"])))
    if "note" in node:
        details.append(node["note"])
    text = f"{node['text']} — {words[_truth_word(node['truth'])]}"
    if details:
        text += f" ({'; '.join(details)})"
    lines = ["  " * depth + "- " + text]
    for child in node.get("children", []):
        lines += _node_lines(child, words, depth + 1)
    if "how" in node:
        if node.get("meaning"):
            lines.append("  " * (depth + 1) + node["meaning"])
        lines += _node_lines(node["how"], words, depth + 1)
    return lines
