"""What a report adds on top of the verdicts: the questions that settle unknowns, and explanations (``--explain``).

The verdicts come from the engine; the explanations are built by the generic
``engine.explain``; the questions come from the fact schema's ``x-question`` texts.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

from .catalog import phrases, text
from .contract import Explanation, Question, Sources
from .engine import Conclusions, Context, Outcome, RuleSet, explain_outcome, question, schema_node
from .memo import remembered
from .report_unknowns import question_rank


def questions(unknown: Sequence[Outcome], schema: Mapping[str, Any], lang: str,
              ruleset: RuleSet | None = None) -> tuple[dict[str, tuple[Question, ...]], tuple[Question, ...]]:
    """Each undecided rule's questions (by rule id), and the report-wide list.

    The report-wide list holds one question per missing fact with ``decides``, the
    undecided rules whose missing facts include it, ordered by what can change the outcome
    most (``report_unknowns.question_rank``: the earliest stage and most severe finding of
    the rules that read the fact themselves, then how many do); without ``ruleset``, by how
    many rules an answer bears on, then by path.
    """
    asked: dict[str, str] = {}

    def ask_once(path: str) -> str:
        if path not in asked:
            asked[path] = ask(schema, path, lang)
        return asked[path]

    per_rule: dict[str, tuple[Question, ...]] = {}
    decides: dict[str, list[str]] = {}
    for outcome in unknown:
        per_rule[outcome.rule.id] = tuple(Question(path, ask_once(path)) for path in outcome.missing)
        for path in outcome.missing:
            decides.setdefault(path, []).append(outcome.rule.id)
    rules = {outcome.rule.id: outcome.rule for outcome in unknown}
    if ruleset is not None:
        ordered = sorted(decides.items(), key=lambda item: question_rank(item[0], [rules[r] for r in item[1]], ruleset))
    else:
        ordered = sorted(decides.items(), key=lambda item: (-len(item[1]), item[0]))
    return per_rule, tuple(Question(path, ask_once(path), tuple(rules)) for path, rules in ordered)


_ASKED: dict[Any, tuple[object, Any]] = {}
"""(schema id, path, lang) -> (that schema, its question): the same texts for every report of a process."""


def ask(schema: Mapping[str, Any], path: str, lang: str) -> str:
    """The question for a fact path; falls back to the schema's description, then to the path itself.

    Computed once per schema, path and language (a batch asks the same questions of
    thousands of tenants); the schema object is kept beside its texts, so that another
    schema at a reused address is never answered from the cache.
    """
    return remembered(_ASKED, schema, (path, lang), lambda: _ask(schema, path, lang))


def _ask(schema: Mapping[str, Any], path: str, lang: str) -> str:
    asked = question(schema, path, lang)
    if asked:
        return asked
    node = schema_node(schema, path) or {}
    fallback = text("report", lang, "question_fallback", path=path)
    return f"{fallback} ({node['description']})" if node.get("description") else fallback


def explainer(conclusions: Conclusions, ruleset: RuleSet, facts: Mapping[str, Any], schema: Mapping[str, Any],
              lang: str, sources: Mapping[str, Sources]) -> Callable[[Outcome], Explanation]:
    """A function from an outcome to its explanation; ``sources`` (fact path -> provenance) is shown beside each fact."""
    context = Context(ruleset, conclusions, facts, lang, phrases("explain", lang), describe_fact=_describer(schema),
                      sources=sources)
    return lambda outcome: explain_outcome(outcome, context)


def _describer(schema: Mapping[str, Any]) -> Callable[[str], str | None]:
    def describe(path: str) -> str | None:
        node = schema_node(schema, path)
        return node.get("description") if node else None

    return describe
