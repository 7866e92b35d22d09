"""What a report adds on top of the verdicts: the questions that settle unknowns, and explanations (``--explain``).

The verdicts come from the engine; the explanations are built by the generic
``engine.explain``; the questions come from the fact schema's ``x-question`` texts.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

from expert_engine import Conclusions, Context, Observed, Outcome, RuleSet, explain_outcome, question, schema_node
from writeback_doctor.catalog import phrases, text
from writeback_doctor.memo import remembered
from writeback_doctor.report.contract import Explanation, Question, Sources
from writeback_doctor.report.unknowns import question_rank, separation_order


def questions(unknown: Sequence[Outcome], schema: Mapping[str, Any], lang: str,
              ruleset: RuleSet | None = None,
              observed: Sequence[Observed] = ()) -> tuple[dict[str, tuple[Question, ...]], tuple[Question, ...]]:
    """Each undecided rule's questions (by rule id), and the report-wide list.

    The report-wide list holds one question per missing fact with ``decides``, the
    undecided rules whose missing facts include it, ordered by what can change the outcome
    most (``report.unknowns.question_rank``: the earliest stage and most severe finding of
    the rules that read the fact themselves, then how many do); without ``ruleset``, by how
    many rules an answer bears on, then by path. With ``observed`` (the observations the facts show, with
    their explaining findings), the questions that decide a suspect come first, by how well each separates
    the remaining suspects weighted by their priors (``report.unknowns.separation``).
    """
    texts = _texts(schema, lang)
    own = _rule_questions(schema, lang)
    per_rule: dict[str, tuple[Question, ...]] = {}
    decides: dict[str, list[str]] = {}
    for outcome in unknown:
        rule_id, missing = outcome.rule.id, tuple(outcome.missing)
        found = own.get(missing)
        if found is None:
            found = own[missing] = tuple(Question(path, _text(texts, schema, path, lang)) for path in missing)
        per_rule[rule_id] = found
        for path in missing:
            waiting = decides.get(path)
            if waiting is None:
                decides[path] = [rule_id]
            else:
                waiting.append(rule_id)
    if ruleset is None:
        ordered = sorted(decides.items(), key=lambda item: (-len(item[1]), item[0]))
        return per_rule, tuple(Question(path, _text(texts, schema, path, lang), tuple(ids)) for path, ids in ordered)
    ranked = _ranked(ruleset, schema, lang)
    rules = {outcome.rule.id: outcome.rule for outcome in unknown}
    entries = []
    for path, ids in decides.items():
        key = (path, tuple(ids))
        entry = ranked.get(key)
        if entry is None:
            entry = ranked[key] = (question_rank(path, [rules[r] for r in ids], ruleset),
                                   Question(path, _text(texts, schema, path, lang), key[1]))
        entries.append(entry)
    entries.sort(key=_first)  # a rank ends with its path, unique here: no two entries tie
    listed = tuple(entry[1] for entry in entries)
    return per_rule, separation_order(listed, observed) if observed else listed


def _first(entry: tuple[Any, Question]) -> Any:
    return entry[0]


_TEXTS: dict[Any, tuple[object, Any]] = {}
_RULE_QUESTIONS: dict[Any, tuple[object, Any]] = {}
_RANKED: dict[Any, tuple[object, Any]] = {}


def _texts(schema: Mapping[str, Any], lang: str) -> dict[str, str]:
    """Path -> question text, filled as met: one table per schema and language."""
    return remembered(_TEXTS, schema, lang, dict)


def _text(texts: dict[str, str], schema: Mapping[str, Any], path: str, lang: str) -> str:
    found = texts.get(path)
    if found is None:
        found = texts[path] = ask(schema, path, lang)
    return found


def _rule_questions(schema: Mapping[str, Any], lang: str) -> dict[tuple[str, ...], tuple[Question, ...]]:
    """An undecided rule's missing facts -> its questions, filled as met: one table per schema and language."""
    return remembered(_RULE_QUESTIONS, schema, lang, dict)


def _ranked(ruleset: RuleSet, schema: Mapping[str, Any], lang: str) -> dict[tuple[str, tuple[str, ...]], tuple[Any, Question]]:
    """(path, ids of the undecided rules it decides) -> (its ``question_rank``, its report-wide question), filled as
    met: one table per rule set, schema and language (rule ids are unique in a rule set, so ids name the rules)."""
    tables: dict[Any, Any] = remembered(_RANKED, ruleset, None, dict)
    return remembered(tables, schema, lang, dict)


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
