"""``diagnose interview``: ask, one at a time, only the questions whose answers the rules are still waiting for.

The loop: diagnose what is known; among the facts the ``unknown`` rules list as
``missing``, ask the one that can change the outcome most (the report's question order,
``report.unknowns.question_rank``: earliest stage, most severe finding, then the article's
order); record the answer; diagnose again. No question is moot: only the facts that an
undecided rule still waits for are asked, and the engine lists only those that can still
change the rule's outcome given the answers so far (a decided alternative asks for nothing;
a rule whose ``applies_when`` is false is not applicable and asks for nothing: the rules
about Connect's own settings apply once Connect is in place, so "Connect is not installed"
ends every question about its connector account, version or server). Each prompt shows its
progress (``[3/~12]``: this question and an estimate of how many in all, ``open_questions``:
it stays as it is after "I don't know" and falls when an answer makes questions moot). The
opening names the collectors (``diagnose collect``) and ``--from``. As soon as a finding of
a failing severity is certain, the interview says so and offers to stop and report
(``no`` goes on; it is offered again only for a new finding). It stops when no undecided
rule waits for a fact that has not been asked, or when the user types ``stop``
(``стоп``) or ends the input (Ctrl-D, end of a pipe). ``?`` or an empty line means "I
don't know": it is recorded and that question is not asked again; ``skip`` asks it again
after the others (skipped twice: "I don't know"); ``back`` undoes the previous answer and
asks that question again.

Ctrl-C, SIGTERM, SIGHUP or the end of the input never lose the answers or the transcript:
they are written (temporary file + ``os.replace``) to ``--out`` and ``--transcript``, or
else (when there is at least one answer) to a recovery file in the current directory that
the interview names, which ``--from`` resumes. A signal then exits with 130, 143 or 129,
without a traceback.

Question texts are the fact schema's ``x-question`` (falling back to its description).
Answers are checked against the schema: enum choices (by name or number), yes/no
(так/ні), numbers with their minimum, versions by pattern; a bad answer is asked again
with the reason.

Users (an array) are asked by role: "the test user" and "the administrator" are each
one account (a user principal name; the same name twice makes one account with both
roles); a yes/no field that several accounts lack (``is_test_user``, ``in_sspr_scope``,
...) is asked once for the list ("which of these accounts?"); every other field of each
account (source, license, ...) is asked per account, only when a rule waits for it. More
accounts can come from ``--from FILE``.

Prompts go to standard error, the final report to standard output, so answers can be
piped in and the report redirected. Exit status as ``diagnose``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import signal
import sys
import tempfile
from dataclasses import dataclass
from typing import Any, Iterator, Mapping, TextIO

import jsonschema

from expert_engine import FactsError, schema_node
from writeback_doctor.catalog import phrases
from writeback_doctor.diagnosis import diagnose, exit_status
from writeback_doctor.errors import ExitStatus, UsageError, UserError, install_handlers, restore_handlers
from writeback_doctor.files import WriteError, write_text
from writeback_doctor.inert import inert_lines, inert_terminal
from writeback_doctor.inputs import InputError, read_json
from writeback_doctor.knowledge import Knowledge, facts_schema, languages, load_knowledge
from writeback_doctor.partial import interval, partial_kind, plain, some, takes_some
from writeback_doctor.report.contract import Report
from writeback_doctor.report.explanations import ask
from writeback_doctor.report.render import RENDERERS
from writeback_doctor.report.terminal import term
from writeback_doctor.sources.merge import Collected, FactsFileError, build_facts, collect, flatten_facts, provenance_of
from writeback_doctor.sources.model import INTERVIEW, Claim, Source
from writeback_doctor.sources.symptom_text import recognise

USERS = "users"
ERROR_CODE = "symptom.error_code"
OPENING = (ERROR_CODE, "symptom.where", "symptom.since", "symptom.affected", "symptom.affected_admins_only")
"""The symptom, asked first while nothing observed points at a cause: what the user saw, where, since when, who;
each only when some finding's ``explains`` reads it (an answer nothing reads would change nothing)."""

EXPECTED_ACCOUNTS = 2
"""Accounts the estimate counts a per-account question for before any is named: the test user and an administrator."""


class Stop(Exception):
    """The user stopped the interview (``stop`` or end of input)."""


class Back(Exception):
    """The user asked for the previous question again (``back``)."""


class Skip(Exception):
    """The user wants this question after the others (``skip``)."""


UNKNOWN = object()
"""The answer "I don't know"."""


@dataclass(frozen=True)
class Question:
    """One question: a fact path (``users[].license`` for a user's field) and, for users, whose."""

    path: str
    item: str | None = None

    @property
    def key(self) -> str:
        return self.path if self.item is None else f"{self.path} @ {self.item}"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``diagnose interview``."""
    parser.add_argument("--from", dest="start", metavar="FILE",
                        help="start from this (partial) facts file, or a collector folder (read as diagnose reads it)")
    parser.add_argument("--out", metavar="FILE", help="write the facts gathered to FILE")
    parser.add_argument("--transcript", metavar="FILE",
                        help="write every question, answer and the facts known when it was asked (JSON)")
    parser.add_argument("--format", choices=sorted(RENDERERS), default="table", help="format of the final report")
    parser.add_argument("--lang", choices=languages(), default="en", help="language of questions and report")
    parser.add_argument("--rules", metavar="DIR", help="use the rule files in DIR instead of the shipped ones")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> ExitStatus:
    """Ask, then diagnose what the answers and the starting facts say; the report's exit status."""
    if args.out and args.transcript and _same_file(args.out, args.transcript):
        raise UsageError(f"--out and --transcript name the same file ({args.out}); the transcript would replace the "
                         "facts: give two names")
    knowledge = load_knowledge(args.rules)
    read: Collected | None = None
    if args.start and os.path.isdir(args.start):  # a collector folder: read and merged as diagnose reads it
        read = _read_folder(args.start, args.lang)
    facts = read.facts if read else read_json(args.start) if args.start else {}
    try:
        diagnose(knowledge, facts, args.lang)  # validates the starting facts
    except FactsError as error:
        raise FactsFileError(str(args.start), error) from None
    claims = flatten_facts(facts, args.start) if args.start and not read else []
    interview = Interview(facts, args.lang, knowledge, sys.stdin, sys.stderr)
    words = phrases("interview", args.lang)
    try:
        with _Hangup():
            finished = interview.run()
    except KeyboardInterrupt as stop:  # Ctrl-C, SIGTERM, SIGHUP: keep every answer given so far, and say where
        return _save_interrupted(args, interview, words, stop)
    except InputError:  # the answers cannot be read (a terminal gone, a closed input): keep what was given
        if interview.transcript:
            _save_interrupted(args, interview, words, None)
        raise
    claims += interview.claims
    sys.stderr.write("\n" + words["done" if finished else "stopped"] + "\n")
    if interview.unknown:  # user names come from --from or the answers: inert
        sys.stderr.write(inert_lines(words["unknown"].format(paths=", ".join(q.key for q in interview.unknown))) + "\n")
    facts = build_facts(flatten_facts(interview.facts, None), facts_schema())
    saved_elsewhere = False
    if args.out:
        saved = _save(args.out, facts, words)
        saved_elsewhere = saved != args.out
        sys.stderr.write(words["wrote"].format(file=inert_terminal(saved)) + "\n")
    elif not finished and interview.transcript:  # stopped before the end: keep the answers for --from
        sys.stderr.write(words["saved"].format(file=inert_terminal(_save(None, facts, words))) + "\n")
    if args.transcript:
        saved_elsewhere = _save(args.transcript, interview.transcript, words) != args.transcript or saved_elsewhere
    provenance = {**(read.provenance if read else {}), **provenance_of(claims)}
    report = diagnose(knowledge, facts, args.lang, provenance=provenance)
    sys.stdout.write(RENDERERS[args.format](report))
    if saved_elsewhere:
        return ExitStatus.BAD_INPUT
    status = exit_status(report)
    if read and read.refused and status == ExitStatus.OK:  # as diagnose: built without a refused file, never "healthy"
        return ExitStatus.INCONCLUSIVE
    return status


def _read_folder(folder: str, lang: str) -> Collected:
    """A collector folder for ``--from``, read and merged by ``diagnose``'s own reader (``sources.merge.collect``):
    its notes go to standard error; files that disagree stop the interview (exit 2) with the way to settle them."""
    read = collect([folder])
    for line in read.messages():
        sys.stderr.write(f"diagnose interview: {inert_terminal(line)}\n")
    if read.unresolved:
        raise UserError(None, inert_terminal(phrases("interview", lang)["folder_conflicts"].format(folder=folder)))
    return read


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP during the interview: handled as Ctrl-C is (the answers saved), with the signal's status."""

    def __init__(self, number: int):
        super().__init__(signal.Signals(number).name)
        self.number = number


class _Hangup:
    """While the questions are asked, SIGTERM (``timeout``, systemd) and SIGHUP (the terminal window closed) raise
    ``Terminated`` instead of ending the process, so the answers given so far are saved as Ctrl-C saves them."""

    SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))

    def __enter__(self) -> _Hangup:
        self._previous = install_handlers(self.SIGNALS, self._receive)
        return self

    def __exit__(self, *exc: Any) -> None:
        restore_handlers(self._previous)

    @staticmethod
    def _receive(number: int, frame: Any) -> None:
        raise Terminated(number)


def _save_interrupted(args: argparse.Namespace, interview: Interview, words: Mapping[str, Any],
                      stop: KeyboardInterrupt | None) -> ExitStatus:
    """Save the answers so far (``--out`` or a recovery file) and the transcript, say where; the exit status of
    ``stop`` (Ctrl-C 130, SIGTERM 143, SIGHUP 129). A second signal waits until the files are written."""
    held = install_handlers(_Hangup.SIGNALS + (signal.SIGINT,), signal.SIG_IGN)
    try:
        answers = build_facts(flatten_facts(interview.facts, None), facts_schema())
        saved = _save(args.out, answers, words)
        if args.transcript:
            _save(args.transcript, interview.transcript, words)
    finally:
        restore_handlers(held)
    try:  # after SIGHUP the terminal may be gone: the files are written, the message is a courtesy
        sys.stderr.write("\n" + words["interrupted"].format(file=inert_terminal(saved)) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    if isinstance(stop, Terminated):
        return ExitStatus.HANGUP if stop.number == getattr(signal, "SIGHUP", None) else ExitStatus.TERMINATED
    return ExitStatus.INTERRUPTED


def _same_file(first: str, second: str) -> bool:
    """Whether two names are one file (the same path, a link to it, or a hard link)."""
    try:
        return os.path.samefile(first, second)
    except OSError:  # one does not exist yet: compare where they would be
        return os.path.realpath(first) == os.path.realpath(second)


class _InertPrompts:
    """The prompt stream with every line made inert (``inert.inert_lines``): a question names users and rule titles
    that come from files (``--from``, ``--rules``), which must never drive the terminal."""

    def __init__(self, stream: TextIO):
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(inert_lines(text))

    def flush(self) -> None:
        self.stream.flush()

    def __getattr__(self, name: str) -> Any:  # isatty, encoding, ...: the stream's own
        return getattr(self.stream, name)


class Interview:
    """The question loop over one facts document (changed in place as answers come)."""

    def __init__(self, facts: dict[str, Any], lang: str, knowledge: Knowledge, answers: TextIO, prompts: TextIO):
        self.facts = json.loads(json.dumps(facts))
        self.lang, self.knowledge = lang, knowledge
        self.answers, self.prompts = answers, _InertPrompts(prompts)
        self.words = phrases("interview", lang)
        self.schema = facts_schema()
        self.order = list(_leaf_paths(self.schema))
        self.asked: set[Question] = set()
        self.unknown: list[Question] = []
        self.claims: list[Claim] = []
        self.transcript: list[dict[str, Any]] = []
        self.history: list[tuple[Question, int]] = []  # each answered question, with len(claims) before it
        self.deferred: list[Question] = []
        self.redo: Question | None = None
        self.offered: set[str] = set()
        self.shown_progress = ""
        self.fresh = not facts
        # every interview, --from or not, opens with the symptom questions the facts do not answer yet, while no
        # observation points at a cause (``opening``); each only when some finding's ``explains`` reads it
        observed = knowledge.ruleset.observed_facts
        self.opening_paths = tuple(path for path in OPENING if path in observed)

    def run(self) -> bool:
        """Ask until nothing undecided waits for an unasked fact (True) or the user stops (False)."""
        self.prompts.write(self.words["intro"] + "\n")
        if self.fresh:  # nothing read yet: say that collectors and --from would spare most questions
            self.prompts.write(self.words["intro_collect"] + "\n")
        while True:
            report = diagnose(self.knowledge, self.facts, self.lang)
            next_question = self.redo or self.next_question(report)
            self.redo = None
            if next_question is None:
                return True
            try:
                if self.offer_to_stop(report):
                    return False
                answer = self.ask(next_question, len(self.transcript) + 1, self.progress(report))
            except Stop:
                return False
            except Back:
                self.undo(next_question)
                continue
            except Skip:
                if next_question in self.deferred:  # skipped twice: "I don't know"
                    answer = UNKNOWN
                else:
                    self.deferred.append(next_question)
                    continue
            self.record(next_question, answer)

    def record(self, question: Question, answer: Any) -> None:
        """Remember an answer (or "I don't know") and put it into the facts."""
        before = json.loads(json.dumps(self.facts))
        self.history.append((question, len(self.claims)))
        self.asked.add(question)
        self.transcript.append({"n": len(self.transcript) + 1, "path": question.path, "item": question.item,
                                "answer": None if answer is UNKNOWN else answer, "known": answer is not UNKNOWN,
                                "facts_before": before})
        if answer is UNKNOWN:
            self.unknown.append(question)
        else:
            self.apply(question, answer)

    def undo(self, current: Question) -> None:
        """``back``: forget the previous answer and ask that question again (the current one comes later)."""
        if not self.history:
            self.prompts.write(self.words["nothing_back"] + "\n")
            self.redo = current
            return
        question, claims = self.history.pop()
        entry = self.transcript.pop()
        self.facts = entry["facts_before"]
        self.claims = self.claims[:claims]
        self.asked.discard(question)
        if question in self.unknown:
            self.unknown.remove(question)
        self.redo = question

    def progress(self, report: Report) -> str:
        """``[n/~total]``: this question's number and an estimate of how many there will be in all.

        The estimate is the questions answered so far plus every question still open: the symptom questions
        not yet asked, and each missing fact the undecided rules wait for, a per-account field once per account
        that lacks it (``EXPECTED_ACCOUNTS`` while no account is named: the interview asks for a test user and
        an administrator). An "I don't know" leaves it as it was; an answer lowers it by the questions it made
        moot; only naming more accounts than expected raises it."""
        n = len(self.transcript) + 1
        return self.words["progress"].format(n=n, total=max(n, len(self.transcript) + self.open_questions(report)))

    def open_questions(self, report: Report) -> int:
        """How many questions are still open (``progress``)."""
        pending: set[Question] = set()
        named = bool(self.facts.get(USERS))
        for path in dict.fromkeys(q.path for q in report.questions):
            if not (path.startswith(USERS + "[].") and not named):
                pending.update(q for q in self._questions_for(path) if q not in self.asked)
        pending.update(Question(path) for path in self.opening_paths if Question(path) not in self.asked
                       and path.split(".", 1)[1] not in (self.facts.get(path.split(".", 1)[0]) or {}))
        accounts_to_come = not named and Question(USERS) not in self.asked  # "I don't know" to accounts: none to ask about
        return len(pending) + (self._per_account(report) if accounts_to_come else 0)

    def _per_account(self, report: Report) -> int:
        """Before any account is named: the per-account questions the undecided rules that read accounts will
        ask about a test user and an administrator (``EXPECTED_ACCOUNTS``): a yes/no field once for the list
        (a role flag only for the account without that role), any other field once per account."""
        fields = {path for unknown in report.unknown if any(m == USERS or m.startswith(USERS + "[].") for m in unknown.missing)
                  for path in unknown.rule.facts_read() if path.startswith(USERS + "[].") and path != USERS + "[].name"}
        return sum(1 if (schema_node(self.schema, path) or {}).get("type") == "boolean" else EXPECTED_ACCOUNTS
                   for path in fields)

    def offer_to_stop(self, report: Report) -> bool:
        """When a finding of a failing severity has become certain, say so and offer to stop (True: stop)."""
        failing = report.failing_diagnoses()
        new = [d for d in failing if d.id not in self.offered]
        if not new:
            return False
        self.offered.update(d.id for d in failing)
        first = next((d for d in new if d.id == report.start), new[0])  # the one to start with, when it is new
        self.prompts.write("\n" + self.words["certain"].format(title=first.heading, severity=term(first.severity, self.lang))
                           + "\n" + self.words["offer_stop"])
        self.prompts.flush()
        while True:
            line = self._readline()
            if not line:
                raise Stop
            answer = line.strip().lower()
            if answer in self.words["yes"] or answer in self.words["stop"]:
                return True
            if answer in self.words["no"] or answer == "":
                return False
            self.prompts.write(self.words["bad"].format(reason=self.words["not_yes_no"]) + "\n" + self.words["offer_stop"])
            self.prompts.flush()

    # ------------------------------------------------------------ choosing

    def next_question(self, report: Report) -> Question | None:
        """The unasked question that can change the outcome most (the report's question order); a skipped
        one only when no other is left."""
        opening = self.opening(report)
        if opening is not None:
            return opening
        later = None
        for path in (q.path for q in report.questions):
            for candidate in self._questions_for(path):
                if candidate in self.asked:
                    continue
                if candidate not in self.deferred:
                    return candidate
                later = later or candidate
        return later

    def opening(self, report: Report) -> Question | None:
        """The next symptom question (``OPENING``) not yet known nor asked, while no observation has a cause to
        suspect or a finding that explains it; None once one has (then the report's order takes over)."""
        if not self.opening_paths or any(o.suspects or o.explained_by for o in report.observations):
            return None
        for path in self.opening_paths:
            top, key = path.split(".", 1)
            question = Question(path)
            if key not in (self.facts.get(top) or {}) and question not in self.asked and question not in self.deferred:
                return question
        return None

    def _rank(self, path: str) -> int:
        return self.order.index(path) if path in self.order else len(self.order)

    def _questions_for(self, path: str) -> Iterator[Question]:
        if path == USERS:
            yield Question(USERS)
        elif path.startswith(USERS + "[]."):
            field = path.split(".", 1)[1]
            lacking = [user["name"] for user in self.facts.get(USERS, []) if field not in user]
            if len(lacking) > 1 and (schema_node(self.schema, path) or {}).get("type") == "boolean":
                yield Question(path)  # once for the list: which of these accounts?
                return
            for name in lacking:
                yield Question(path, name)
        elif (schema_node(self.schema, path) or {"type": "array"}).get("type") != "array":
            yield Question(path)  # other arrays (events) come from exports, not from questions

    # ------------------------------------------------------------ asking

    def ask(self, q: Question, number: int, progress: str = "") -> Any:
        """Ask one question until the answer is accepted; UNKNOWN for "I don't know"."""
        self.shown_progress = f"{progress} " if progress else ""
        if q.path == USERS:
            test = self._ask_value(f"{number}a", "users[].name", self.words["test_user"], None, label=USERS)
            admin = self._ask_value(f"{number}b", "users[].name", self.words["admin"], None, label=USERS)
            if test is UNKNOWN and admin is UNKNOWN:
                return UNKNOWN
            return {"test_user": None if test is UNKNOWN else test, "admin": None if admin is UNKNOWN else admin}
        text = self.question_text(q.path)
        if q.item is None and q.path.startswith(USERS + "[]."):
            return self._ask_which_users(str(number), q.path, text)
        if q.item is not None:
            text = f"{text} ({self.words['about'].format(name=q.item)})"
        return self._ask_value(str(number), q.path, text, q.item)

    def question_text(self, path: str) -> str:
        """The question for a fact path, as the report asks it (``explanations.ask``)."""
        return ask(self.schema, path, self.lang)

    def _ask_value(self, number: str, path: str, text: str, item: str | None, label: str | None = None) -> Any:
        node = schema_node(self.schema, path) or {}
        hint = self._hint(node)
        label = label or (path if item is None else f"{path} @ {item}")
        while True:
            answer = self._read(f"\n{self.shown_progress}Q{number} [{label}] {text}\n  ({hint}) > ")
            if answer in ("", "?"):
                return UNKNOWN
            if path == ERROR_CODE and not _NOT_TEXT.search(answer):
                return self._error_seen(answer)
            if path == ERROR_CODE:
                self.prompts.write(self.words["bad"].format(reason=self.words["not_text"]) + "\n")
                continue
            value, reason = self.parse(node, answer, path)
            if reason is None:
                return value
            self.prompts.write(self.words["bad"].format(reason=reason) + "\n")

    def _readline(self) -> str:
        """One line of the answers; one that cannot be read (a closed input, a terminal gone) is a located error."""
        try:
            return self.answers.readline()
        except OSError as error:
            raise InputError("<stdin>", f"cannot read the answers: {error.strerror or error}") from None

    def _read(self, prompt: str) -> str:
        """Show ``prompt``, read one answer; ``stop``, ``back`` and ``skip`` (and end of input) act at once."""
        self.prompts.write(prompt)
        self.prompts.flush()
        line = self._readline()
        if not line:
            raise Stop
        answer = line.strip()
        lowered = answer.lower()
        if lowered in self.words["stop"]:
            raise Stop
        if lowered in self.words["back"]:
            raise Back
        if lowered in self.words["skip"]:
            raise Skip
        return answer

    def _ask_which_users(self, number: str, path: str, text: str) -> Any:
        """A yes/no field of several accounts, asked once: the names chosen get yes, the others no."""
        field = path.split(".", 1)[1]
        names = [user["name"] for user in self.facts.get(USERS, []) if field not in user]
        choices = ", ".join(f"{i}) {name}" for i, name in enumerate(names, 1))
        prompt = self.words["which_users"].format(question=text, choices=choices)
        while True:
            answer = self._read(f"\n{self.shown_progress}Q{number} [{path}] {prompt} > ")
            if answer in ("", "?"):
                return UNKNOWN
            chosen = self._chosen_users(answer, names)
            if chosen is not None:
                return {name: name in chosen for name in names}
            self.prompts.write(self.words["bad"].format(reason=self.words["not_users"].format(count=len(names))) + "\n")

    def _chosen_users(self, answer: str, names: list[str]) -> set[str] | None:
        if answer.lower() in self.words["none_word"]:
            return set()
        chosen: set[str] = set()
        for token in (t for t in answer.replace(",", " ").split() if t):
            if token.isdigit() and 1 <= int(token) <= len(names):
                chosen.add(names[int(token) - 1])
            elif token.lower() in (n.lower() for n in names):
                chosen.add(next(n for n in names if n.lower() == token.lower()))
            else:
                return None
        return chosen

    def _error_seen(self, answer: str) -> dict[str, str]:
        """What the user saw, as the vocabulary codes it (``symptom_text.recognise``), with the text and any note."""
        recognised = recognise(answer)
        self.prompts.write(phrases("symptoms", self.lang)["recognised"].format(code=recognised.code) + "\n")
        seen = {"error_code": recognised.code}
        if answer.strip().upper() != recognised.code.upper():
            seen["error_text"] = answer[:2000]
        if recognised.note:
            seen["error_note"] = recognised.note
        return seen

    def _hint(self, node: Mapping[str, Any]) -> str:
        kind = partial_kind(node)  # a fact that takes a range too (issue 24 point 5)
        if kind is not None:
            return f"{self._hint(plain(node))}, {phrases('symptoms', self.lang)['range_' + kind]}"
        if takes_some(node):  # yes, no, or some of the names (issue 24 point 5)
            return f"{self._hint(plain(node))}, {phrases('symptoms', self.lang)['some_hint']}"
        if node.get("enum") and "SSPR_0029" in node["enum"]:
            return str(phrases("symptoms", self.lang)["error_hint"])
        if "enum" in node:
            return f"{self.words['choices']}: " + ", ".join(f"{i}) {v}" for i, v in enumerate(node["enum"], 1))
        kind = node.get("type")
        if kind == "boolean":
            return self.words["yes_no"]
        if kind in ("integer", "number"):
            return self.words["number"]
        if "pattern" in node:
            return node.get("examples", [None])[0] or node["pattern"]
        return "?"

    def parse(self, node: Mapping[str, Any], answer: str, path: str = "") -> tuple[Any, str | None]:
        """(value, None) for an accepted answer, (None, reason) otherwise; checked against the schema node.
        A fact that takes a range (``partial``) accepts one too ("2.6 or later", "a few days")."""
        if _NOT_TEXT.search(answer):  # bytes that are not UTF-8 (read with surrogateescape): no file could hold them
            return None, self.words["not_text"]
        ranged = interval(answer, node, path) or some(answer, node)
        if ranged is not None:
            return ranged, None
        node = plain(node)
        value: Any = answer
        if "enum" in node:
            options = list(node["enum"])
            matches = [o for o in options if str(o).lower() == answer.lower()]
            if answer.isdigit() and len(answer) <= 4 and 1 <= int(answer) <= len(options):
                matches = [options[int(answer) - 1]]
            if not matches:
                return None, self.words["not_choice"].format(choices=", ".join(map(str, options)))
            value = matches[0]
        elif node.get("type") == "boolean":
            lowered = answer.lower()
            if lowered in self.words["yes"]:
                value = True
            elif lowered in self.words["no"]:
                value = False
            else:
                return None, self.words["not_yes_no"]
        elif node.get("type") in ("integer", "number"):
            try:
                number = float(answer.replace(",", "."))
            except ValueError:
                return None, self.words["not_number"]
            if not math.isfinite(number):  # nan, inf, 1e400, a 400-digit number
                return None, self.words["not_number"]
            value = int(number) if number == int(number) else number
        checker = {k: v for k, v in node.items() if not k.startswith("x-")}
        errors = list(jsonschema.Draft202012Validator(checker).iter_errors(value))
        if errors:
            return None, errors[0].message
        return value, None

    # ------------------------------------------------------------ recording

    def apply(self, q: Question, answer: Any) -> None:
        """Put an accepted answer into the facts, remembering that it came from the interview."""
        if q.path == USERS:
            users = self.facts.setdefault(USERS, [])
            for role, flag in (("test_user", "is_test_user"), ("admin", "is_admin")):
                name = answer[role]
                if name is None:
                    continue
                user = next((u for u in users if u["name"] == name), None)
                if user is None:
                    user = {"name": name}
                    users.append(user)
                    self._claim(f"users[{name}].name", name, "users")
                user[flag] = True
                self._claim(f"users[{name}].{flag}", True, f"users ({role})")
            return
        if q.item is None and q.path.startswith(USERS + "[]."):
            field = q.path.split(".", 1)[1]
            for user in self.facts[USERS]:
                if user["name"] in answer:
                    user[field] = answer[user["name"]]
                    self._claim(f"users[{user['name']}].{field}", answer[user["name"]], f"{q.path} @ {user['name']}")
            return
        if q.item is not None:
            field = q.path.split(".", 1)[1]
            user = next(u for u in self.facts[USERS] if u["name"] == q.item)
            user[field] = answer
            self._claim(f"users[{q.item}].{field}", answer, q.key)
            return
        top, key = q.path.split(".", 1)
        if q.path == ERROR_CODE and isinstance(answer, dict):  # the code, with the text as displayed and any note
            for field, value in answer.items():
                self.facts.setdefault(top, {})[field] = value
                self._claim(f"{top}.{field}", value, q.path)
            return
        self.facts.setdefault(top, {})[key] = answer
        self._claim(q.path, answer, q.path)

    def _claim(self, path: str, value: Any, location: str) -> None:
        self.claims.append(Claim(path, value, (Source(None, INTERVIEW, location),)))


def _leaf_paths(schema: Mapping[str, Any]) -> Iterator[str]:
    """Fact paths in schema order (``users`` itself before its fields)."""
    for top, node in schema.get("properties", {}).items():
        if node.get("type") == "array":
            yield top
            for key in node.get("items", {}).get("properties", {}):
                yield f"{top}[].{key}"
        for key in node.get("properties", {}) if isinstance(node, Mapping) else ():
            yield f"{top}.{key}"


_NOT_TEXT = re.compile("[\ud800-\udfff]")


def _save(name: str | None, data: Any, words: Mapping[str, Any]) -> str:
    """Write ``data`` to ``name`` whole (``files.write_text``); when that fails (or there is no ``name``), to a
    recovery file of its own, so that no answer is lost. Returns the file written."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if name:
        try:
            write_text(name, text)
            return name
        except WriteError as error:
            sys.stderr.write(f"diagnose interview: {inert_lines(error)}\n")
    handle, recovery = tempfile.mkstemp(prefix="writeback-doctor-answers-", suffix=".json", dir=_recovery_folder())
    os.close(handle)  # the name is reserved; the text goes in whole (temporary file + os.replace) or not at all
    write_text(recovery, text, mode=0o600)
    return recovery


def _recovery_folder() -> str:
    return os.getcwd() if os.access(os.getcwd(), os.W_OK) else tempfile.gettempdir()
