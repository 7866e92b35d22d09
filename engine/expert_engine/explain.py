"""Explaining outcomes: which part of a condition held, failed or stayed undecided, in plain words.

Verdicts come from durable-rules (``inference.py``); this module never decides one. It
re-walks a rule's condition tree with the plain-Python evaluator (``conditions.evaluate``)
on the same facts, with the derived facts and stage gates the diagnosis concluded, so
that every sub-condition gets its own truth, and renders conditions as sentences with
the templates the caller passes in (one language's ``Phrases``, keys as in the
application's catalog). It knows nothing of any domain nor of any language: sentence
templates, fact descriptions and the provenance of facts are inputs.

An explanation is typed (``OutcomeExplanation`` of ``FindingTrace``s of ``TraceNode``s,
frozen dataclasses); ``to_json`` gives the JSON a report carries (keys in a fixed order,
absent ones left out) and ``explanation_lines`` indented sentences for text renderers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .conditions import (
    Condition,
    DerivedRef,
    EarlierStages,
    Phrases,
    children,
    evaluate,
    head,
    kind,
    lookup,
    show,
)
from .evidence import canonical
from .model import FAIL, NOT_APPLICABLE, PASS, UNKNOWN, Conclusions, Outcome, RuleSet
from .node_kinds import kind_of

Describe = Callable[[str], "str | None"]
"""Optional lookup of a fact path's description (``array[].field`` for item fields)."""


_UNSET: Any = type("Unset", (), {"__repr__": lambda self: "UNSET"})()
"""An optional field not shown (``None`` is a value: undecided, or a JSON null)."""


@dataclass(frozen=True)
class TraceNode:
    """One node of a traced condition: its kind (``op``, ``conditions.kind``), its words and its truth (None:
    undecided); the fact it read (``fact``, ``present``, ``value``) with its ``source`` and description
    (``about``); an array's ``note`` (it is empty); for a derived fact its name, value and the rule that
    derived it (``by``), that rule's ``meaning`` and its own trace (``how``); and the node's ``children``."""

    op: str
    text: str
    truth: bool | None
    derived: Any = _UNSET
    fact: Any = _UNSET
    present: Any = _UNSET
    value: Any = _UNSET
    children: tuple[TraceNode, ...] | None = None
    note: Any = _UNSET
    source: Any = _UNSET
    about: Any = _UNSET
    by: Any = _UNSET
    meaning: Any = _UNSET
    how: TraceNode | None = None

    def to_json(self) -> dict[str, Any]:
        """The node as JSON data: the fields that are set, in the order above."""
        data: dict[str, Any] = {"op": self.op, "text": self.text, "truth": self.truth}
        for name in ("derived", "fact", "present", "value"):
            if getattr(self, name) is not _UNSET:
                data[name] = getattr(self, name)
        if self.children is not None:
            data["children"] = [child.to_json() for child in self.children]
        for name in ("note", "source", "about", "by", "meaning"):
            if getattr(self, name) is not _UNSET:
                data[name] = getattr(self, name)
        if self.how is not None:
            data["how"] = self.how.to_json()
        return data


@dataclass(frozen=True)
class FindingTrace:
    """One finding's traced condition (and proviso); ``almost`` when only one conjunct kept it from holding,
    named in ``why_not``."""

    finding: str
    truth: bool | None
    condition: TraceNode
    provided: TraceNode | None = None
    almost: bool = False
    why_not: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The finding's trace as JSON data."""
        data: dict[str, Any] = {"finding": self.finding, "truth": self.truth, "condition": self.condition.to_json()}
        if self.provided is not None:
            data["provided"] = self.provided.to_json()
        if self.almost:
            data["almost"] = True
            data["why_not"] = self.why_not
        return data


@dataclass(frozen=True)
class OutcomeExplanation:
    """How, why or why not yet a rule reached its outcome: a ``headline``, the applicability traced
    (``applies``) and the findings traced (None when not traced: the rule does not apply)."""

    status: str
    headline: str
    applies: TraceNode | None = None
    findings: tuple[FindingTrace, ...] | None = None

    def to_json(self) -> dict[str, Any]:
        """The explanation as JSON data (what ``--explain --format json`` shows)."""
        data: dict[str, Any] = {"status": self.status, "headline": self.headline}
        if self.applies is not None:
            data["applies"] = self.applies.to_json()
        if self.findings is not None:
            data["findings"] = [finding.to_json() for finding in self.findings]
        return data


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
    derived = kind_of(condition).derived_fact(condition)
    if derived is not None and meanings and derived[0] in meanings:
        text += f" ({meanings[derived[0]]})"
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


def trace(condition: Condition, context: Context, stage: str, seen: frozenset[str] = frozenset()) -> TraceNode:
    """The condition tree with each node's truth, the facts it read (with values) and, for derived facts, how."""
    return kind_of(condition).explain(condition, _TopTracer(context, stage, seen))


def _trace_document(node: Condition, context: Context, scope: Mapping[str, Any], prefix: str) -> TraceNode:
    return kind_of(node).explain(node, _DocumentTracer(context, scope, prefix))


@dataclass(frozen=True)
class _TopTracer:
    """Traces a top-level condition (``node_kinds.Tracer``): a reference with how it was concluded, a top-level
    ``all`` holding references part by part, anything else as a condition on the facts document."""

    context: Context
    stage: str
    seen: frozenset[str]

    def derived(self, node: DerivedRef) -> TraceNode:
        context, name = self.context, node.name
        value = context.conclusions.derived.get(name, (None, ""))[0]
        truth = evaluate(node, {}, context.derived)
        if name not in context.conclusions.derivations:
            return TraceNode(kind(node), head(node, context.words), truth, derived=name, value=value)
        rule, derivation = context.conclusions.derivations[name]
        how = trace(derivation.when, context, rule.stage, self.seen | {name}) if name not in self.seen else None
        return TraceNode(kind(node), head(node, context.words), truth, derived=name, value=value, by=rule.id,
                         meaning=derivation.meaning.get(context.lang, ""), how=how)

    def earlier_stages(self, node: EarlierStages) -> TraceNode:
        return TraceNode(kind(node), head(node, self.context.words), self.context.earlier_passed(self.stage))

    def parts(self, node: Condition) -> TraceNode:
        parts = children(node)
        if not any(kind_of(part).reference for part in parts):
            return _trace_document(node, self.context, self.context.facts, "")
        context = self.context
        traced = tuple(trace(part, context, self.stage, self.seen) for part in parts)
        truth = evaluate(node, context.facts, context.derived, context.earlier_passed(self.stage))
        return TraceNode(kind(node), head(node, context.words), truth, children=traced)

    def items(self, node: Condition, array: str, judged: tuple[Condition, ...], existential: bool,
              per_item: Callable[[list[Any]], list[bool | None]] | None) -> TraceNode:
        return _trace_document(node, self.context, self.context.facts, "")

    def fact(self, node: Condition, fact: str) -> TraceNode:
        return _trace_document(node, self.context, self.context.facts, "")

    def judge(self, node: Condition, item: Any) -> bool | None:
        return evaluate(node, item)


@dataclass(frozen=True)
class _DocumentTracer:
    """Traces a condition on the facts document or on one array item (``scope``; ``prefix`` before its paths)."""

    context: Context
    scope: Mapping[str, Any]
    prefix: str

    def _node(self, node: Condition, **shown: Any) -> TraceNode:
        return TraceNode(kind(node), head(node, self.context.words, self.prefix), evaluate(node, self.scope), **shown)

    def derived(self, node: DerivedRef) -> TraceNode:
        return self._node(node)

    def earlier_stages(self, node: EarlierStages) -> TraceNode:
        return self._node(node)

    def parts(self, node: Condition) -> TraceNode:
        parts = children(node)
        return self._node(node, children=tuple(_trace_document(child, self.context, self.scope, self.prefix)
                                               for child in parts) if parts else None)

    def items(self, node: Condition, array: str, judged: tuple[Condition, ...], existential: bool,
              per_item: Callable[[list[Any]], list[bool | None]] | None) -> TraceNode:
        context, prefix = self.context, self.prefix
        truth = evaluate(node, self.scope)
        present, items = lookup(self.scope, array)
        kept: tuple[TraceNode, ...] | None = None
        note: Any = _UNSET
        if present and isinstance(items, list):
            found = []
            truths = per_item(items) if per_item is not None else None
            for index, item in enumerate(items):
                if not isinstance(item, Mapping):
                    continue
                inner = tuple(_trace_document(part, context, item, f"{prefix}{array}[{index}].") for part in judged)
                found.append(TraceNode("item", context.words["item"].format(index=f"{prefix}{array}[{index}]"),
                                       inner[0].truth if truths is None else truths[index], children=inner))
            # witnesses: the items that decide the quantifier (all of them when it stays open)
            if truth is existential:
                found = [k for k in found if k.truth is truth]
            kept = tuple(found)
            if not items:
                note = context.words["no_items"].format(array=prefix + array)
        return TraceNode(kind(node), head(node, context.words, prefix), truth, fact=prefix + array, present=present,
                         children=kept, note=note, **_annotations(prefix + array, context))

    def fact(self, node: Condition, fact: str) -> TraceNode:
        present, value = lookup(self.scope, fact)
        shown = canonical(value) if present else _UNSET  # a presence test may read a whole object or array
        return self._node(node, fact=self.prefix + fact, present=present, value=shown,
                          **_annotations(self.prefix + fact, self.context))

    def judge(self, node: Condition, item: Any) -> bool | None:
        return evaluate(node, item)


def _annotations(shown_path: str, context: Context) -> dict[str, Any]:
    """The fact's provenance and description, when the caller provided them."""
    found: dict[str, Any] = {}
    generic = _generic_path(shown_path)
    source = context.sources.get(shown_path, context.sources.get(generic))
    if source is not None:
        found["source"] = source
    if context.describe_fact is not None:
        about = context.describe_fact(generic)
        if about:
            found["about"] = about
    return found


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


def explain_outcome(outcome: Outcome, context: Context) -> OutcomeExplanation:
    """How (fail), why (pass, not applicable) or why not yet (unknown) a rule reached its outcome.

    ``findings`` traces every finding's condition; a finding that did not hold but whose
    conjuncts all held except one is marked ``almost`` and names that one in ``why_not``.
    """
    rule = outcome.rule
    words = context.words
    headline_key = {FAIL: "fail", PASS: "pass", NOT_APPLICABLE: "not_applicable", UNKNOWN: "unknown"}[outcome.status]
    if outcome.status == FAIL and outcome.provided:
        headline_key = "fail_provided"
    headline = words[headline_key].format(rule=rule.id, finding=outcome.finding.id if outcome.finding else "")
    applies = trace(rule.applies_when, context, rule.stage) if rule.applies_when is not None else None
    if outcome.status == NOT_APPLICABLE:
        return OutcomeExplanation(outcome.status, headline, applies)
    findings = []
    for finding in rule.findings:
        if outcome.status == FAIL and outcome.finding is not None and finding.id != outcome.finding.id:
            continue
        node = trace(finding.when, context, rule.stage)
        provided = trace(finding.provided, context, rule.stage) if finding.provided is not None else None
        why_not = _almost(node) if node.truth is False else None
        findings.append(FindingTrace(finding.id, node.truth, node, provided, why_not is not None, why_not))
    return OutcomeExplanation(outcome.status, headline, applies, tuple(findings))


def _almost(node: TraceNode) -> str | None:
    """The text of the only failing conjunct when all the others hold (a finding that nearly held)."""
    conjuncts = _conjuncts(node)
    failing = [c for c in conjuncts if c.truth is False]
    if len(conjuncts) > 1 and len(failing) == 1 and all(c.truth is True for c in conjuncts if c is not failing[0]):
        return failing[0].text
    return None


def _conjuncts(node: TraceNode) -> list[TraceNode]:
    if node.op == "all":
        return [leaf for child in node.children or () for leaf in _conjuncts(child)]
    return [node]


# ---------------------------------------------------------------- text


def explanation_lines(explanation: OutcomeExplanation, words: Phrases,
                      show_source: Callable[[Any], str | None] | None = None) -> list[str]:
    """An explanation as indented sentences (two spaces per level), headline first, with ``words``' templates;
    ``show_source`` words a fact's provenance the caller knows (None: ``source_text``'s words)."""

    def shown(source: Any) -> str:
        text = show_source(source) if show_source is not None else None
        return source_text(source) if text is None else text

    lines = [explanation.headline]
    if explanation.applies is not None:
        lines.append(f"  {words['applies']}:")
        lines += _node_lines(explanation.applies, words, 2, shown)
    for entry in explanation.findings or ():
        suffix = f" — {words['almost']}: {entry.why_not}" if entry.almost else ""
        lines.append(f"  {words['finding'].format(finding=entry.finding)} [{words[_truth_word(entry.truth)]}]{suffix}")
        lines += _node_lines(entry.condition, words, 2, shown)
        if entry.provided is not None:
            lines.append(f"  {words['provided']}:")
            lines += _node_lines(entry.provided, words, 2, shown)
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


ITEMS_SHOWN = 1
"""Items of a quantifier an explanation text shows in full when there are more than ``ITEMS_SHOWN + 1``: the
others become one line that counts them by truth and names each by the first field its condition reads."""
VALUES_SHOWN = 4
"""Distinct values a summary names ("6329 x2, 31034, ..."); the rest are an ellipsis."""
VALUE_CHARS = 60
"""A list value longer than this (as JSON) is summarised in an explanation text ("7 events: 6329 x2, ...")."""


def _node_lines(node: TraceNode, words: Phrases, depth: int, show_source: Callable[[Any], str]) -> list[str]:
    details: list[str] = []
    if node.fact is not _UNSET and node.children is None:
        details.append(words["value"].format(value=_value_shown(node.value, str(node.fact), words))
                       if node.present else words["missing"])
    if node.derived is not _UNSET and node.by is not _UNSET and node.by:
        details.append(words["derived_by"].format(rule=node.by))
    if node.source is not _UNSET:
        details.append(words["from"].format(source=show_source(node.source)))
    if node.note is not _UNSET:
        details.append(node.note)
    text = f"{node.text} — {words[_truth_word(node.truth)]}"
    if details:
        text += f" ({'; '.join(details)})"
    lines = ["  " * depth + "- " + text]
    shown_children, rest = _items_kept(node.children or (), words)
    for child in shown_children:
        lines += _node_lines(child, words, depth + 1, show_source)
    if rest:
        lines.append("  " * (depth + 1) + "- " + _items_summary(rest, words))
    if node.how is not None:
        if node.meaning is not _UNSET and node.meaning:
            lines.append("  " * (depth + 1) + node.meaning)
        lines += _node_lines(node.how, words, depth + 1, show_source)
    return lines


def _items_kept(children: tuple[TraceNode, ...], words: Phrases) -> tuple[tuple[TraceNode, ...], tuple[TraceNode, ...]]:
    """A quantifier's item children split into those shown in full and those summarised (none when few, or when
    the phrases have no ``more_items`` template)."""
    items = [child for child in children if child.op == "item"]
    if len(items) <= ITEMS_SHOWN + 1 or "more_items" not in words or len(items) != len(children):
        return children, ()
    return children[:ITEMS_SHOWN], children[ITEMS_SHOWN:]


def _items_summary(items: tuple[TraceNode, ...], words: Phrases) -> str:
    """"and 5 more items (does not hold 5), events[].id: 6329 x2, 33004, ...": the items left out, by truth, each
    named by the value of the first field its condition reads."""
    truths: dict[str, int] = {}
    for item in items:
        word = words[_truth_word(item.truth)]
        truths[word] = truths.get(word, 0) + 1
    leaves = [_first_leaf(item) for item in items]
    field_path = next((re.sub(r"\[\d+\]", "[]", str(leaf.fact)) for leaf in leaves if leaf is not None), "")
    labels = [show(leaf.value) if leaf is not None and leaf.present else words["missing"] for leaf in leaves]
    return words["more_items"].format(count=len(items), truths=", ".join(f"{word} {n}" for word, n in truths.items()),
                                      field=field_path, labels=_counted(labels))


def _first_leaf(node: TraceNode) -> TraceNode | None:
    """The first comparison below ``node`` (depth first): what names an item in a summary."""
    if node.fact is not _UNSET and node.children is None:
        return node
    for child in node.children or ():
        found = _first_leaf(child)
        if found is not None:
            return found
    return None


def _value_shown(value: Any, fact: str, words: Phrases) -> str:
    """A value as an explanation text shows it: as JSON, or a list longer than ``VALUE_CHARS`` summarised."""
    return value_text(value, fact, words, len(show(value)) > VALUE_CHARS)


def value_text(value: Any, fact: str, words: Phrases, summarise: bool = True) -> str:
    """A fact's value in a text: as JSON, or (``summarise``, a list, and the phrases have a ``many`` template) as
    its length, the fact's name and its items counted: "7 events: 6329 x2, 31034, 656, 33004, ..."."""
    text = show(value)
    if not summarise or not isinstance(value, list) or "many" not in words:
        return text
    name = re.sub(r"\[\d*\]", "", fact.rsplit(".", 1)[-1]) or fact
    return words["many"].format(count=len(value), name=name, labels=_counted([_label(item) for item in value]))


def _label(item: Any) -> str:
    """An item of a list in a few characters: a mapping by its ``id`` or ``name``, else its first scalar field
    (keys sorted); anything else as JSON."""
    if isinstance(item, Mapping):
        for key in ("id", "name", *sorted(item)):
            if key in item and not isinstance(item[key], (Mapping, list)):
                return show(item[key])
        return "{…}"
    return show(item)


def _counted(labels: list[str]) -> str:
    """``["6329", "656", "6329"]`` -> ``6329 x2, 656``: distinct labels in first-seen order, counted, at most
    ``VALUES_SHOWN`` of them, then an ellipsis."""
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    named = [label if n == 1 else f"{label} x{n}" for label, n in counts.items()]
    return ", ".join(named[:VALUES_SHOWN] + (["..."] if len(named) > VALUES_SHOWN else []))
