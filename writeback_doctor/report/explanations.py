"""What a report adds on top of the verdicts: the questions that settle unknowns, and explanations (``--explain``).

The verdicts come from the engine; the explanations are built by the generic
``engine.explain``; the questions come from the fact schema's ``x-question`` texts.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

from expert_engine import Conclusions, Observed, Outcome, Rule, RuleSet, question, schema_node
from writeback_doctor.catalog import phrases, text
from writeback_doctor.knowledge import Knowledge
from writeback_doctor.report.contract import Explanation, Question, Sources
from writeback_doctor.report.symptoms import Seen
from writeback_doctor.report.unknowns import question_rank, separation_order


def questions(unknown: Sequence[Outcome], knowledge: Knowledge, lang: str,
              observed: Sequence[Observed] = (), seen: Seen | None = None,
              ) -> tuple[dict[str, tuple[Question, ...]], tuple[Question, ...]]:
    """Each undecided rule's questions (by rule id), and the report-wide list.

    The report-wide list holds one question per missing fact with ``decides``, the
    undecided rules whose missing facts include it, ordered by what can change the outcome
    most (``report.unknowns.question_rank``: the earliest stage and most severe finding of
    the rules that read the fact themselves, then how many do). Texts and ranks are
    remembered inside ``knowledge``, per language (a batch asks the same of thousands of tenants). With
    ``observed`` (the observations the facts show, with their explaining findings), the questions that decide
    a suspect come first, by how well each separates the remaining suspects weighted by their priors
    (``report.unknowns.separation``); ``seen``: what was observed, value by value (``report.symptoms.units``).
    """
    schema, ruleset = knowledge.schema, knowledge.ruleset
    texts: dict[str, str] = knowledge.table("question texts", lang)
    """Path -> question text, filled as met."""
    own: dict[tuple[str, ...], tuple[Question, ...]] = knowledge.table("rule questions", lang)
    """An undecided rule's missing facts -> its questions, filled as met."""
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
    # (path, ids of the undecided rules it decides) -> (its ``question_rank``, its report-wide question), filled
    # as met (rule ids are unique in a rule set, so ids name the rules)
    ranked: dict[tuple[str, tuple[str, ...]], tuple[Any, Question]] = knowledge.table("ranked questions", lang)
    rules: dict[str, Rule] = {}
    entries = []
    for path, ids in decides.items():
        key = (path, tuple(ids))
        entry = ranked.get(key)
        if entry is None:
            rules = rules or {outcome.rule.id: outcome.rule for outcome in unknown}
            entry = ranked[key] = (question_rank(path, [rules[r] for r in ids], ruleset),
                                   Question(path, _text(texts, schema, path, lang), key[1]))
        entries.append(entry)
    entries.sort()  # a rank ends with its path, unique here: no two entries tie (the questions are never compared)
    listed = tuple([entry[1] for entry in entries])
    return per_rule, separation_order(listed, observed, knowledge.table("finding reads"), seen) if observed else listed


def _text(texts: dict[str, str], schema: Mapping[str, Any], path: str, lang: str) -> str:
    found = texts.get(path)
    if found is None:
        found = texts[path] = ask(schema, path, lang)
    return found


def ask(schema: Mapping[str, Any], path: str, lang: str) -> str:
    """The question for a fact path; falls back to the schema's description, then to the path itself."""
    return _ask(schema, path, lang)


def _ask(schema: Mapping[str, Any], path: str, lang: str) -> str:
    asked = question(schema, path, lang)
    if asked:
        return asked
    node = schema_node(schema, path) or {}
    fallback = text("report", lang, "question_fallback", path=path)
    return f"{fallback} ({node['description']})" if node.get("description") else fallback


DESCRIPTION_LANGUAGE = "en"
"""The language of the fact schema's ``description`` texts (an explanation's ``about``)."""


def explainer(conclusions: Conclusions, ruleset: RuleSet, facts: Mapping[str, Any], schema: Mapping[str, Any],
              lang: str, sources: Mapping[str, Sources]) -> Callable[[Outcome], Explanation]:
    """A function from an outcome to its explanation; ``sources`` (fact path -> provenance) is shown beside each fact."""
    from expert_engine import Context, explain_outcome  # the engine's explaining: imported for --explain, not every start

    # a fact's description in the schema is English: a report in another language does not quote it ("about")
    context = Context(ruleset, conclusions, facts, lang, phrases("explain", lang),
                      describe_fact=_describer(schema) if lang == DESCRIPTION_LANGUAGE else None, sources=sources)
    return lambda outcome: explain_outcome(outcome, context)


def _describer(schema: Mapping[str, Any]) -> Callable[[str], str | None]:
    def describe(path: str) -> str | None:
        node = schema_node(schema, path)
        return node.get("description") if node else None

    return describe
