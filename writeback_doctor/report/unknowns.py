"""What is still unknown, made actionable: which questions change the outcome most, where
each is answered, and which undecided checks only wait on other undecided checks.

Three ideas, each a function:

- ``question_rank``: a question about a fact that an early-stage, severe rule reads
  itself comes before one that many late, advisory rules read (stage, then severity,
  then how many rules read it, then the path), so the SSPR switch comes before the
  event log.
- ``own_missing`` / ``waits_on``: a rule gated on earlier stages (or on a derived fact)
  lists every fact its gate waits for as missing; the report shows those as "waits on N
  undecided earlier checks" instead of repeating them.
- ``separation_order``: with symptoms, a question that decides a suspect cause (one with a finding
  that explains an observed symptom and is still undecided) comes first, the more so the better its
  answer splits the suspects' posterior weight in two halves: the binary entropy of the share of the
  weight it decides (its expected information gain under a single-fault model). A cause is weighed
  once, however many findings describe it (``suspect_weights``). The others keep their order.
- ``group_by_place``: the questions grouped by where they are answered
  (``answered_at.yaml``: Entra admin center, Connect server, domain controller, the user),
  each place with the one step that answers several of them (``messages/places.yaml``).
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping, NamedTuple, Sequence

from expert_engine import Finding, Observed, Rule, RuleSet
from expert_engine.conditions import paths
from writeback_doctor.catalog import phrases
from writeback_doctor.report.contract import Question, Report, Unknown

if TYPE_CHECKING:
    from writeback_doctor.report.symptoms import Seen
from writeback_doctor.startup import load_yaml

ANSWERED_AT = Path(__file__).resolve().parent.parent / "answered_at.yaml"
OTHER_PLACE = "user"
"""Where a fact whose top-level name ``answered_at.yaml`` does not list is asked."""


def own_facts(rule: Rule) -> frozenset[str]:
    """The fact paths a rule's own conditions read (not those of the rules its gates wait on), an array as a whole.

    Remembered inside the rule value itself (``Rule.whole_facts_read``), not in this module: a rule edited and
    loaded again is another value and never gets the old rule's facts (audit, O point 3)."""
    return rule.whole_facts_read


def own_missing(unknown: Unknown) -> tuple[str, ...]:
    """The missing facts that the undecided rule reads itself."""
    own = own_facts(unknown.rule)
    return tuple(path for path in unknown.missing if path in own)


def waits_on(unknown: Unknown, report: Report) -> tuple[str, ...]:
    """The other undecided rules whose missing facts this rule waits for through its gates."""
    inherited = set(unknown.missing) - set(own_missing(unknown))
    if not inherited:
        return ()
    return tuple(other.id for other in report.unknown
                 if other.id != unknown.id and other.holds_back and inherited & set(own_missing(other)))


def question_rank(path: str, rules: Sequence[Rule], ruleset: RuleSet,
                  urgencies: dict[str, tuple[int, int, int]] | None = None) -> tuple[int, int, int, int, str]:
    """Sort key of a question: the most urgent rule that reads ``path`` itself (earliest stage, most
    severe finding, then the requirement's order in the article), then how many rules read it, then the path.

    A report remembers each rank inside its knowledge base (``report.explanations.questions``); ``urgencies``:
    rule id -> its (stage, severity, order), filled as met, for a caller that ranks many questions."""
    direct = [rule for rule in rules if path in own_facts(rule)] or list(rules)
    known = {} if urgencies is None else urgencies
    found = []
    for rule in direct:
        urgency = known.get(rule.id)
        if urgency is None:
            urgency = known[rule.id] = _urgency(rule, ruleset)
        found.append(urgency)
    stage, severity, order = min(found)
    return stage, severity, order, -len(direct), path


def _urgency(rule: Rule, ruleset: RuleSet) -> tuple[int, int, int]:
    severities = [s.name for s in ruleset.severities]
    severity = min((_index(severities, f.severity) for f in rule.findings), default=len(severities))
    return _index(ruleset.stages, rule.stage), severity, rule.order


def _index(names: Sequence[str], name: str) -> int:
    return names.index(name) if name in names else len(names)


LEAK = 0.1
"""How likely a cause shows an observation its findings do not declare they explain (an assumption, the same
for every cause): a suspect that accounts for every observation outweighs, by this factor per observation,
one that accounts for fewer (naive Bayes with a leak; ``separation_order``)."""

IMPLIED = (("symptom.worked_before", "symptom.changes"),)
"""(observation, what implies it): a cause that explains an observed change (``symptom.changes``) explains that
writeback worked before it as well, since a change can only break what worked. "It broke after X" is then one
observation for a cause that explains X, not two of which one is unexplained; a cause that explains only "it
worked before" (a connectivity failure) still leaves X unexplained, once."""

Cause = tuple[str, str]
"""(rule id, id of the finding that declares the cause's prior): a cause, weighed once however many of its
rule's findings describe it (a finding's ``prior: {same_cause_as: ...}`` names the finding that declares it)."""


def cause_of(rule_id: str, finding: Finding) -> Cause:
    """The cause a finding describes: its own, or the one its prior names (``same_cause_as``)."""
    cause = finding.prior.cause if finding.prior is not None else None
    return rule_id, cause or finding.id


def suspect_weights(observed: Sequence[Observed], seen: Seen | None = None,
                    ) -> dict[Cause, tuple[tuple[Finding, ...], float]]:
    """Each suspect cause (one with an undecided finding that explains an observation the facts show), once, with
    its suspect findings (its forms still undecided) and its weight given all the observations.

    The model (single fault: one cause accounts for what is observed; observations independent given the cause):
    the weight is proportional to the cause's posterior, its prior (``report.symptoms.weight``, declared once per
    cause) times, for each observation, 1 when one of its suspect findings explains it and ``LEAK`` otherwise
    (``IMPLIED``: an explained change explains "it worked before" too). One user failing and event 33004 point more
    to a cause that explains both (a protected account) than to one that explains either alone (the SSPR group, the
    connector's rights); a cause split into several findings weighs what it weighs as one.

    ``seen``: what was observed (``report.symptoms.units``), one entry per observed value as the indices of the
    ``observed`` conditions that hold on it (a value that two findings word apart is still one observation), and the
    single-valued facts whose observed value no finding explains: each also counts ``LEAK`` against a cause one of
    whose suspect findings declares it explains other values of that fact ("everyone" affected, against a cause that
    explains "one user, some users or a group"). Without it, each condition is one observation."""
    from writeback_doctor.report.symptoms import weight

    groups = [frozenset({i}) for i in range(len(observed))] if seen is None else list(seen.values)
    against = () if seen is None else seen.against
    forms: dict[Cause, dict[str, Finding]] = {}
    explaining: dict[Cause, set[int]] = {}  # cause -> the indices of the observed conditions it explains
    for index, o in enumerate(observed):
        for e in o.explainers:
            if e.holds is None:
                cause = cause_of(e.rule.id, e.finding)
                forms.setdefault(cause, {})[e.finding.id] = e.finding
                explaining.setdefault(cause, set()).add(index)
    reads = [frozenset(p for i in group for p in paths(observed[i].condition)) for group in groups]
    explained = {cause: {g for g, group in enumerate(groups) if group & found} for cause, found in explaining.items()}
    for implied, by in IMPLIED:
        implying = {g for g, r in enumerate(reads) if by in r}
        for g in (g for g, r in enumerate(reads) if implied in r):
            for found in explained.values():
                if found & implying:
                    found.add(g)
    return {cause: (tuple(found.values()), weight(next(iter(found.values())))
                    * LEAK ** (len(groups) - len(explained[cause]) + _declared(found.values(), against)))
            for cause, found in forms.items()}


def _declared(findings: Iterable[Finding], facts: Sequence[str]) -> int:
    """How many of ``facts`` the ``explains`` of one of ``findings`` read: values of them it declares it explains."""
    read = {path for finding in findings for condition in finding.explains for path in paths(condition)} if facts else set()
    return sum(fact in read for fact in facts)


def separation_order(questions: Sequence[Question], observed: Sequence[Observed],
                     reads: dict[tuple[str, str], frozenset[str]] | None = None,
                     seen: Seen | None = None,
                     shares: Mapping[str, tuple[float, float]] | None = None) -> tuple[Question, ...]:
    """``questions`` with those deciding a suspect cause first, best separating first (ties keep their order).

    The suspect causes are weighted by their posterior given the observations (``suspect_weights``). A question
    decides a cause when it decides every suspect finding of that cause, and it decides a finding when the finding's
    condition (``when``, not its proviso) reads the fact: an answer that fails one part of a condition rules the
    finding out, whatever the other parts wait for; a question that tells only one form of a cause from another
    (Connect on a DC, pinned to preferred DCs or not) leaves the cause where it was. Under the single-fault model the
    answer then tells the causes it decides from the others, so its expected information gain about the cause is the
    binary entropy of the share of the posterior it decides (the expected posterior mass it rules out, ``2p(1-p)``,
    orders the questions alike): the question whose answer best splits the likely causes in two comes first, not the
    one that the most rules read.

    ``reads``: (rule id, finding id) -> the facts its condition reads, filled as met, for a caller that orders the
    questions of many reports of one rule set. ``seen``: what was observed (``suspect_weights``). ``shares``:
    ``separation_shares(observed, reads, seen)``, when the caller has it (it depends on the observations, where
    their findings stand and the observed values, not on the questions).
    """
    if shares is None:
        shares = separation_shares(observed, reads, seen)
    if not shares:
        return tuple(questions)
    deciding: list[tuple[float, float, int, Question]] = []
    rest: list[Question] = []
    for index, question in enumerate(questions):
        found = shares.get(question.path)
        if found is None:
            rest.append(question)  # decides no suspect: after those that do, in its own order
        else:
            deciding.append((found[0], found[1], index, question))
    deciding.sort()  # (-entropy, -share, index): the index is unique, questions are never compared
    return tuple([entry[3] for entry in deciding] + rest)


def separation_shares(observed: Sequence[Observed], reads: dict[tuple[str, str], frozenset[str]] | None = None,
                      seen: Seen | None = None) -> dict[str, tuple[float, float]]:
    """Each fact whose answer decides some suspect cause's weight (``separation_order``), with how well it
    separates: ``(-entropy, -share)`` of the share of the suspects' posterior weight it decides (sorting first the
    question that best splits the likely causes in two); empty when no fact decides any weight."""
    weighted = suspect_weights(observed, seen)
    total = sum(w for _, w in weighted.values())
    if not total:
        return {}
    known = {} if reads is None else reads
    weights: dict[str, list[float]] = {}  # fact -> the weights of the causes it decides, in the causes' order
    for (rule_id, _), (forms, w) in weighted.items():
        decided: frozenset[str] | None = None
        for finding in forms:
            waits = known.get((rule_id, finding.id))
            if waits is None:
                waits = known[(rule_id, finding.id)] = frozenset(paths(finding.when))
            decided = waits if decided is None else decided & waits
        for path in sorted(decided or ()):
            weights.setdefault(path, []).append(w)
    found: dict[str, tuple[float, float]] = {}
    for path, decides in weights.items():
        share = sum(decides) / total
        if share:
            found[path] = (-_entropy(min(share, 1.0)), -share)
    return found


def _entropy(p: float) -> float:
    """Binary entropy of ``p`` in bits (0 for 0 and 1); ``1 - p`` for a certain split keeps the ordering."""
    if p <= 0.0 or p >= 1.0:
        return 1e-9 * p  # a question that decides every suspect at once still precedes the ones that decide none
    return -(p * math.log2(p) + (1 - p) * math.log2(1 - p))


class Place(NamedTuple):
    """Where a group of questions is answered, with the step that answers several of them."""

    key: str
    name: str
    step: str
    questions: tuple[Question, ...]


@cache
def _table() -> tuple[tuple[str, ...], Mapping[str, str]]:
    data = load_yaml(ANSWERED_AT)
    return tuple(data["places"]), dict(data["prefixes"])


@cache
def _collectors() -> Mapping[str, tuple[str, ...]]:
    return {str(name): tuple(str(p) for p in paths) for name, paths in (load_yaml(ANSWERED_AT).get("collectors") or {}).items()}


def _listed(path: str, prefixes: Iterable[str]) -> bool:
    plain = path.replace("[]", "")  # an array is read when fields of its items are
    return any(plain == prefix or plain.startswith(prefix + ".") or prefix.startswith(plain + ".") for prefix in prefixes)


def answered_at(path: str) -> str:
    """The place (key of ``answered_at.yaml``) where the fact ``path`` is answered."""
    places, prefixes = _table()
    parts = path.replace("[]", "").split(".")
    for n in range(len(parts), 0, -1):  # the longest listed prefix wins
        place = prefixes.get(".".join(parts[:n]))
        if place is not None:
            return place
    return OTHER_PLACE


def collector_of(path: str) -> str | None:
    """The collector (``diagnose collect NAME``) whose script reads the fact ``path``; None: no collector reads it."""
    return next((name for name, prefixes in _collectors().items() if _listed(path, prefixes)), None)


def group_by_place(questions: Iterable[Question], lang: str) -> list[Place]:
    """The questions by place, keeping their order inside each place; places ordered by their first question.

    A place's step names each collector with the number of its questions that collector reads, and says
    which facts no collector reads (asked by hand or in the interview); a place without a collector keeps
    its own step (``places.yaml``: ``<place>_step``)."""
    words = phrases("places", lang)
    groups: dict[str, list[Question]] = {}
    for question in questions:
        groups.setdefault(answered_at(question.path), []).append(question)
    return [Place(key, words.get(key, key), _step(key, found, words), tuple(found)) for key, found in groups.items()]


def compact(paths: Iterable[str]) -> str:
    """Fact paths named once per top-level name: ``sspr: enabled_for, enabled_for_admins; users``."""
    groups: dict[str, list[str]] = {}
    for path in paths:
        head, _, rest = path.partition(".")
        groups.setdefault(head, [])
        if rest:
            groups[head].append(rest)
    return "; ".join(f"{head}: {', '.join(rest)}" if rest else head for head, rest in groups.items())


def _step(place: str, questions: Sequence[Question], words: Mapping[str, str]) -> str:
    by_collector: dict[str | None, list[Question]] = {}
    for question in questions:
        by_collector.setdefault(collector_of(question.path), []).append(question)
    if None in by_collector and len(by_collector) == 1:
        return str(words.get(f"{place}_step", words.get("no_collector_step", "")))
    parts = [str(words["collector_step"]).format(count=len(found), collector=name)
             for name, found in by_collector.items() if name is not None]
    if None in by_collector:
        paths = compact(q.path for q in by_collector[None])
        parts.append(str(words["no_collector"]).format(paths=paths))
    return " ".join(parts)
