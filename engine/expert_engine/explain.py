"""Explaining outcomes: which part of a condition held, failed or stayed undecided, in plain words.

Verdicts come from durable-rules (``inference.py``); this module never decides one. It
re-walks a rule's condition tree with the plain-Python evaluator (``conditions.evaluate``)
on the same facts, with the derived facts and stage gates the diagnosis concluded, so
that every sub-condition gets its own truth, and renders conditions as sentences with
the templates the caller passes in (one language's ``Phrases``, keys as in the
application's catalog). It knows nothing of any domain nor of any language: sentence
templates, fact descriptions and the provenance of facts are inputs.

An explanation is plain data (dicts and lists) so that it can go into a JSON report as
is; ``explanation_lines`` turns it into indented sentences for text renderers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .conditions import (
    AllItems,
    AllOf,
    AnyItem,
    Compare,
    Condition,
    DerivedRef,
    EarlierStages,
    Phrases,
    children,
    evaluate,
    head,
    kind,
    kleene_and,
    later_truth,
    lookup,
    show,
)
from .evidence import canonical
from .model import FAIL, NOT_APPLICABLE, PASS, UNKNOWN, Conclusions, Outcome, RuleSet

Describe = Callable[[str], "str | None"]
"""Optional lookup of a fact path's description (``array[].field`` for item fields)."""


def _truth_word(truth: bool | None) -> str:
    return "held" if truth is True else "failed" if truth is False else "undecided"


# ---------------------------------------------------------------- plain words


def describe(condition: Condition, words: Phrases, meanings: Mapping[str, str] | None = None) -> str:
    """One condition (of any depth) as one line of plain words, e.g. ``firmware is below "1.10"``.

    ``words`` are the sentence templates of one language; ``meanings`` (derived fact name
    -> its meaning in that language) are shown beside references to derived facts.
    """
    text = _head(condition, words, meanings)
    parts = children(condition)
    if not parts:
        return text
    inner = "; ".join(describe(c, words, meanings) for c in parts)
    return f"{text}: ({inner})" if len(parts) > 1 else f"{text}: {inner}"


def describe_lines(condition: Condition, words: Phrases, meanings: Mapping[str, str] | None = None,
                   indent: int = 0) -> list[str]:
    """A condition as an indented outline, one sub-condition per line (for ``rules show`` and guides)."""
    parts = children(condition)
    lines = ["  " * indent + "- " + _head(condition, words, meanings) + (":" if parts else "")]
    for child in parts:
        lines += describe_lines(child, words, meanings, indent + 1)
    return lines


def _head(condition: Condition, words: Phrases, meanings: Mapping[str, str] | None) -> str:
    text = head(condition, words)
    if isinstance(condition, DerivedRef) and meanings and condition.name in meanings:
        text += f" ({meanings[condition.name]})"
    return text


# ---------------------------------------------------------------- traces


@dataclass(frozen=True)
class Context:
    """What a trace needs besides the condition: the facts, the conclusions, the words, and optional extras.

    ``words`` are the sentence templates of ``lang`` (the application's catalog);
    ``describe_fact`` and ``sources`` (fact path -> provenance) annotate the facts shown.
    """

    ruleset: RuleSet
    conclusions: Conclusions
    facts: Mapping[str, Any]
    lang: str
    words: Phrases
    describe_fact: Describe | None = None
    sources: Mapping[str, Any] = field(default_factory=dict)

    @property
    def derived(self) -> dict[str, bool]:
        """The derived facts the diagnosis decided, by name."""
        return {name: value for name, (value, _) in self.conclusions.derived.items()}

    def earlier_passed(self, stage: str) -> bool | None:
        """Whether every stage before ``stage`` passed, as the diagnosis' stage gate found (None: undecided)."""
        return self.conclusions.gates.get(stage)


def trace(condition: Condition, context: Context, stage: str, seen: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The condition tree with each node's truth, the facts it read (with values) and, for derived facts, how.

    Each node is ``{"op", "text", "truth", "children"?, "fact"?, "present"?, "value"?,
    "note"?, "source"?, "about"?, "derived"?, "by"?, "meaning"?, "how"?}``: ``op`` is the
    node's kind (``conditions.kind``), ``truth`` is true, false or null (undecided),
    ``note`` says that an array is empty, ``about`` describes the fact.
    """
    match condition:
        case DerivedRef(name):
            value = context.conclusions.derived.get(name, (None, ""))[0]
            node: dict[str, Any] = {"op": "derived", "text": head(condition, context.words),
                                    "truth": evaluate(condition, {}, context.derived), "derived": name, "value": value}
            if name in context.conclusions.derivations:
                rule, derivation = context.conclusions.derivations[name]
                node["by"] = rule.id
                node["meaning"] = derivation.meaning.get(context.lang, "")
                if name not in seen:
                    node["how"] = trace(derivation.when, context, rule.stage, seen | {name})
            return node
        case EarlierStages():
            return {"op": "earlier_stages", "text": head(condition, context.words), "truth": context.earlier_passed(stage)}
        case AllOf(parts) if any(isinstance(p, (DerivedRef, EarlierStages)) for p in parts):
            traced = [trace(p, context, stage, seen) for p in parts]
            return {"op": "all", "text": head(condition, context.words), "truth": kleene_and(ch["truth"] for ch in traced),
                    "children": traced}
        case _:
            return _trace_document(condition, context, context.facts, "")


def _trace_document(node: Condition, context: Context, scope: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    truth = evaluate(node, scope)
    traced: dict[str, Any] = {"op": kind(node), "text": head(node, context.words, prefix), "truth": truth}
    match node:
        case AnyItem(array, where) | AllItems(array, where):
            present, items = lookup(scope, array)
            traced["fact"] = prefix + array
            traced["present"] = present
            if present and isinstance(items, list):
                kept = []
                timeline = later_truth(node, items) if isinstance(node, AnyItem) and node.later is not None else None
                for index, item in enumerate(items):
                    if not isinstance(item, Mapping):
                        continue
                    inner = [_trace_document(where, context, item, f"{prefix}{array}[{index}].")]
                    if timeline is not None and isinstance(node, AnyItem) and node.later is not None:
                        inner.append(_trace_document(node.later, context, item, f"{prefix}{array}[{index}]."))
                    kept.append({"op": "item", "text": context.words["item"].format(index=f"{prefix}{array}[{index}]"),
                                 "truth": inner[0]["truth"] if timeline is None else timeline[index], "children": inner})
                # witnesses: the items that decide the quantifier (all of them when it stays open)
                if truth is isinstance(node, AnyItem):
                    kept = [k for k in kept if k["truth"] is truth]
                traced["children"] = kept
                if not items:
                    traced["note"] = context.words["no_items"].format(array=prefix + array)
            _annotate(traced, prefix + array, context)
        case Compare(fact):
            present, value = lookup(scope, fact)
            traced["fact"] = prefix + fact
            traced["present"] = present
            if present:
                traced["value"] = canonical(value)  # a presence test may read a whole object or array
            _annotate(traced, prefix + fact, context)
        case _:
            parts = children(node)
            if parts:
                traced["children"] = [_trace_document(child, context, scope, prefix) for child in parts]
    return traced


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
    if outcome.status == FAIL and outcome.provided:
        headline_key = "fail_provided"
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
        if outcome.status == FAIL and outcome.finding is not None and finding.id != outcome.finding.id:
            continue
        node = trace(finding.when, context, rule.stage)
        entry: dict[str, Any] = {"finding": finding.id, "truth": node["truth"], "condition": node}
        if finding.provided is not None:
            entry["provided"] = trace(finding.provided, context, rule.stage)
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
        return str(failing[0]["text"])
    return None


def _conjuncts(node: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    if node.get("op") == "all":
        return [leaf for child in node["children"] for leaf in _conjuncts(child)]
    return [node]


# ---------------------------------------------------------------- text


def explanation_lines(explanation: Mapping[str, Any], words: Phrases) -> list[str]:
    """An explanation dict as indented sentences (two spaces per level), headline first, with ``words``' templates."""
    lines = [explanation["headline"]]
    if "applies" in explanation:
        lines.append(f"  {words['applies']}:")
        lines += _node_lines(explanation["applies"], words, 2)
    for entry in explanation.get("findings", []):
        suffix = f" — {words['almost']}: {entry['why_not']}" if entry.get("almost") else ""
        lines.append(f"  {words['finding'].format(finding=entry['finding'])} [{words[_truth_word(entry['truth'])]}]{suffix}")
        lines += _node_lines(entry["condition"], words, 2)
        if "provided" in entry:
            lines.append(f"  {words['provided']}:")
            lines += _node_lines(entry["provided"], words, 2)
    return lines


def source_text(source: Any) -> str:
    """Provenance as short text: ``file:location`` for located sources, JSON for anything else."""
    if isinstance(source, str):
        return source
    if isinstance(source, list):
        return ", ".join(source_text(item) for item in source)
    if isinstance(source, Mapping) and "file" in source and "location" in source:
        return f"{source['file']}:{source['location']}"
    return show(source)


def _node_lines(node: Mapping[str, Any], words: Phrases, depth: int) -> list[str]:
    details: list[str] = []
    if "fact" in node and "children" not in node:
        details.append(words["value"].format(value=show(node["value"])) if node.get("present") else words["missing"])
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
