"""What a report adds on top of the verdicts: the questions that settle unknowns, and explanations (``--explain``).

The verdicts come from the engine; the explanations are built by the generic
``engine.explain``; the questions come from the fact schema's ``x-question`` texts.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable, Mapping, Sequence

from expert_engine import Conclusions, Observed, Outcome, Rule, RuleSet, question, schema_node
from writeback_doctor.catalog import phrases, text
from writeback_doctor.knowledge import Knowledge
from writeback_doctor.report.contract import Explanation, Question, Sources
from writeback_doctor.report.symptoms import Seen
from writeback_doctor.report.unknowns import question_rank, separation_order, separation_shares


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
    decides: defaultdict[str, list[str]] = defaultdict(list)  # in the order first met
    for outcome in unknown:
        rule_id, missing = outcome.rule.id, tuple(outcome.missing)
        found = own.get(missing)
        if found is None:
            found = own[missing] = tuple(Question(path, _text(texts, schema, path, lang)) for path in missing)
        per_rule[rule_id] = found
        for path in missing:
            decides[path].append(rule_id)
    # (path, ids of the undecided rules it decides) -> (its ``question_rank`` as text, its report-wide question),
    # filled as met (rule ids are unique in a rule set, so ids name the rules)
    ranked: dict[tuple[str, tuple[str, ...]], tuple[str, Question]] = knowledge.table("ranked questions", lang)
    rules: dict[str, Rule] = {}
    entries = []
    for path, ids in decides.items():
        key = (path, tuple(ids))
        entry = ranked.get(key)
        if entry is None:
            rules = rules or {outcome.rule.id: outcome.rule for outcome in unknown}
            rank = question_rank(path, [rules[r] for r in ids], ruleset, knowledge.table("rule urgencies"))
            entry = ranked[key] = (sortable(rank),
                                   Question(path, _text(texts, schema, path, lang), key[1]))
        entries.append(entry)
    entries.sort(key=_first)  # a rank ends with its path, unique here: no two entries tie
    listed = tuple([entry[1] for entry in entries])
    if not observed:
        return per_rule, listed
    # how each fact separates the suspects depends on the observations, where their findings stand and the observed
    # values (``seen``): the same for many tenants. An observation's findings are its condition's
    # (``RuleSet.observations``), so the condition and its findings' standing name it; the entry holds the conditions
    # (the rule set's own objects), so that no other object can take their ``id`` while it is remembered
    standing = (tuple([(id(o.condition), tuple([e.holds for e in o.explainers])) for o in observed]),
                seen)
    remembered: dict[Any, tuple[tuple[Any, ...], dict[str, tuple[float, float]]]] = knowledge.table("separation shares")
    known = remembered.get(standing)
    if known is None or any(kept is not o.condition for kept, o in zip(known[0], observed, strict=True)):
        if len(remembered) > REMEMBERED:
            remembered.clear()
        known = remembered[standing] = (tuple(o.condition for o in observed),
                                        separation_shares(observed, knowledge.table("finding reads"), seen))
    shares = known[1]
    return per_rule, separation_order(listed, observed, knowledge.table("finding reads"), seen, shares)


REMEMBERED = 4096
"""How many standings of the observations a knowledge base remembers the separation of (then it starts again)."""


def sortable(rank: tuple[int, int, int, int, str]) -> str:
    """A ``question_rank`` as one text that sorts as the rank does (comparing a text is one C call; a tuple of
    five compares element by element, and sorting the ~50 questions of a report was a third of its questions'
    time). Each number is non-negative once ``-len(direct)`` is offset, and is written as its length then its
    digits, so that a shorter number sorts first and numbers of one length sort by their digits; the path
    follows, compared character by character as Python compares texts."""
    stage, severity, order, fewer, path = rank
    return "".join(f"{chr(48 + len(str(n)))}{n}" for n in (stage, severity, int(order), _MOST + fewer)) + path


_MOST = 10 ** 9
"""More rules than any rule set has: ``_MOST - len(direct)`` is never negative."""


def _first(entry: tuple[str, Question]) -> str:
    return entry[0]


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
