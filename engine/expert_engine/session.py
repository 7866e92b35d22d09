"""The one place that talks to durable-rules.

durable-rules' measured behaviour (see docs/durable-rules.md) shapes this
adapter: one ruleset registered once per compiled rule set; per diagnosis a fresh session
id whose state is always deleted; a catch-all rule so that no asserted fact is "not
handled" (deleting such a session crashes the process); actions that catch their own
exceptions; a distinct ``id`` on every asserted fact.

It drives durable-rules' C core (``durable_rules_engine``, the module that does all the
matching) directly rather than through ``durable.engine.Host``. The C core still
evaluates every condition; what the Host adds around it costs more than the matching:
per fired action it decodes the whole matched document from JSON, wraps it in a
closure and re-encodes the session state, and it starts two timer threads that poll the
ruleset in the background (and could pick up a diagnosis' pending actions on another
thread). Here a fired action costs one C call and reading the rule's name from the head
of the message.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
from collections.abc import Callable, Hashable, Iterator, Mapping
from contextlib import contextmanager
from json import decoder
from typing import Any, Generic, TypeVar

import durable_rules_engine as durable_core  # type: ignore[import-not-found,import-untyped,unused-ignore]  # C core, no stubs

from .errors import EngineFailure, FactsError, Problem

K = TypeVar("K", bound=Hashable)
"""What a record is kept under (the engine's record keys)."""

Action = Callable[["Session[K]", str], None]
"""An action receives the session (to record, and to assert derived facts) and the name of the durable rule that fired."""

_scanstring: Callable[[str, int], tuple[str, int]] = decoder.scanstring  # type: ignore[attr-defined]
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
"""A fact as compact JSON text, non-ASCII kept (one encoder for every fact)."""
_ruleset_names = itertools.count(1)
_CATCH_ALL_NAME = "__catch_all__"
_CATCH_ALL = {"all": [{"m": {"$ex": {"kind": 1}}}], "pri": 1_000_000}
# result codes of the C core's assert_fact (durable.engine.Ruleset._handle_result)
_NOT_HANDLED, _OBSERVED, _QUEUED = 1, 2, 3
PARTITION_SIZE = 48
"""The most compiled rules one durable-rules ruleset holds; more are spread over several rulesets, each
asserted every fact. One ruleset of ~200 rules refuses valid documents as "already observed" (code 2) or
corrupts the C core's heap (free(): invalid size, measured on 2.0.28 with the 55 shipped rules); see the
docs/durable-rules.md and tests/test_durable_behaviour.py."""
MAX_FACT_BYTES = 16 * 1024 * 1024
"""The largest fact, as JSON text, handed to the C core: it refuses (error 314) a fact a few dozen bytes over
2**24 (measured on 2.0.28), so a fact over this is refused here, by name, before any work."""


MAX_PARTITION_ALTERNATIVES = 256
"""The most ``$or`` alternatives one durable-rules ruleset holds. ``create_ruleset`` spins for minutes, ignoring
SIGINT, on some 400-500 alternatives in one ruleset (one ``in`` list of 500 values; 10 rules with 256 values;
48 rules with 100; measured on 2.0.28), so rules are also spread by their alternatives; the rule schema caps
one ``in`` list at 256 values."""


def _alternatives(definition: Any) -> int:
    """How many ``$or`` alternatives a compiled rule holds, nested ones included."""
    if isinstance(definition, dict):
        here = len(definition["$or"]) if isinstance(definition.get("$or"), list) else 0
        return here + sum(_alternatives(value) for value in definition.values())
    if isinstance(definition, list):
        return sum(_alternatives(value) for value in definition)
    return 0


def _chunks(names: list[str], alternatives: Mapping[str, int], size: int) -> list[list[str]]:
    """Consecutive groups of at most ``size`` rules and ``MAX_PARTITION_ALTERNATIVES`` alternatives (a rule
    over that limit alone stands alone)."""
    chunks: list[list[str]] = [[]]
    weight = 0
    for name in names:
        if chunks[-1] and (len(chunks[-1]) >= size or weight + alternatives[name] > MAX_PARTITION_ALTERNATIVES):
            chunks.append([])
            weight = 0
        chunks[-1].append(name)
        weight += alternatives[name]
    return chunks


class Session(Generic[K]):
    """One diagnosis: the facts asserted into durable-rules and the records its fired actions made."""

    def __init__(self, sid: str, ruleset: DurableRuleset[K]):
        self.sid = sid
        self.records: dict[K, bool] = {}
        self.errors: list[str] = []
        self.derived: list[dict[str, Any]] = []
        """Facts derived by actions, waiting to be asserted (``DurableRuleset._assert``)."""
        self.posted: list[tuple[Any, str]] = []
        """(partition, the fact's text) of every fact asserted: what ends the session retracts."""
        self._ruleset = ruleset

    def record(self, key: K, value: bool) -> None:
        """Remember what a fired action concluded: ``key`` (which condition) -> ``value``."""
        self.records[key] = value

    def assert_fact(self, fact: dict[str, Any]) -> None:
        """Assert a top-level fact and let every rule it triggers (and their derived facts) run."""
        self._ruleset._assert(self, fact)

    def assert_derived(self, fact: dict[str, Any]) -> None:
        """Assert a fact from inside an action; the rules it triggers run before ``assert_fact`` returns."""
        self.derived.append(fact)


class DurableRuleset(Generic[K]):
    """A compiled set of durable-rules rules, registered once, run many times."""

    def __init__(self, rules: Mapping[str, tuple[Mapping[str, Any], Action[K]]], partition_size: int = PARTITION_SIZE):
        self._name = f"ruleset_{next(_ruleset_names)}"
        self._sids = itertools.count(1)
        self._sid = str(next(self._sids))
        """The durable session every diagnosis runs in (``session``), until one could not be cleaned up."""
        self._lock = threading.Lock()
        self._actions: dict[str, Action[K] | None] = {name: action for name, (_, action) in rules.items()}
        self._actions[_CATCH_ALL_NAME] = None
        # rules that read the same kinds of fact side by side, so that a derived fact or a gate (read by few
        # rules) is asserted only into the partitions whose rules can match it
        kinds = {name: _kinds(definition) for name, (definition, _) in rules.items()}
        names = list(rules) if len(rules) <= partition_size else \
            sorted(rules, key=lambda name: (kinds[name] is None, sorted(kinds[name] or ())))
        chunks = _chunks(names, {name: _alternatives(rules[name][0]) for name in names}, partition_size)
        self._handles: list[Any] = []
        self._reads: list[frozenset[str] | None] = []
        """Per partition, the route keys of the facts its rules match (``_kinds``; None: any fact)."""
        self._routes: dict[tuple[str, ...], tuple[Any, ...]] = {}
        """A fact's route keys -> the partitions it is asserted into (worked out once per kind of fact)."""
        for number, chunk in enumerate(chunks):
            read = [kinds[name] for name in chunk]
            self._reads.append(None if any(k is None for k in read) else frozenset(k for r in read if r for k in r))
            definitions = {name: rules[name][0] for name in chunk}  # only read: json.dumps copies them
            definitions[_CATCH_ALL_NAME] = _CATCH_ALL
            try:
                self._handles.append(durable_core.create_ruleset(f"{self._name}_{number}",
                                                                 json.dumps(definitions, ensure_ascii=False)))
            except Exception as error:  # noqa: BLE001 - the C core reports unknown operators as bare error codes
                raise EngineFailure(f"durable-rules refused the compiled rules: {error}") from None

    @contextmanager
    def session(self) -> Iterator[Session[K]]:
        """A diagnosis session; on exit every fact it asserted is retracted, whatever happens.

        One durable session (one sid) serves every diagnosis in turn: retracting the few facts
        a diagnosis asserted costs the C core less than deleting its state and building a new
        one (measured: -15 to -25% of the C core's time). Should a retraction fail, the state
        is deleted and the next diagnosis starts on a fresh sid, as it always did.
        """
        with self._lock:
            session: Session[K] = Session(self._sid, self)
            clean = False
            try:
                yield session
                clean = not session.errors
            finally:
                if not (clean and self._retract(session)):
                    self._discard(session.sid)
            if session.errors:
                raise EngineFailure("a rule action failed: " + "; ".join(session.errors))

    def _retract(self, session: Session[K]) -> bool:
        """Retract every fact ``session`` asserted, in every partition it went to; False if the C core refused one."""
        try:
            for handle, text in reversed(session.posted):
                durable_core.retract_fact(handle, text)
        except Exception:  # noqa: BLE001 - the C core raises bare Exceptions: start the next diagnosis afresh
            return False
        return True

    def _discard(self, sid: str) -> None:
        """Delete the durable state of ``sid`` in every partition; the next session uses a fresh sid."""
        for handle in self._handles:
            try:
                durable_core.delete_state(handle, sid)
            except Exception:  # noqa: BLE001 - nothing left to delete, or the core is gone: the session is over either way
                pass
        self._sid = str(next(self._sids))

    def _encode(self, session: Session[K], fact: dict[str, Any]) -> str:
        """A fact as the JSON text handed to the C core (once per fact, whatever the number of partitions)."""
        text = _ENCODE(dict(fact, sid=session.sid))
        if len(text) > MAX_FACT_BYTES // 4 and len(text.encode("utf-8", "backslashreplace")) > MAX_FACT_BYTES:
            raise FactsError([Problem("$", f"too large for the rule engine: {len(text.encode('utf-8', 'backslashreplace')):,} "
                                           f"bytes as compact JSON, over durable-rules' limit of {MAX_FACT_BYTES:,} bytes "
                                           "(16 MiB); leave out the array items the diagnosis does not need")])
        return text

    def _post(self, session: Session[K], fact: dict[str, Any], text: str, handle: Any) -> int:
        """Hand one fact (``text``, encoded) to one ruleset of the C core; returns the state handle its actions run under.

        The text the C core took is kept in ``session.posted``, to be retracted when the session ends."""
        try:
            code, state = durable_core.assert_fact(handle, text)
        except Exception:  # noqa: BLE001 - the C core raises bare Exceptions with error codes
            try:  # its own JSON reader is narrower than JSON: retry in the form it reads
                text = durable_json(text)
                code, state = durable_core.assert_fact(handle, text)
            except Exception as error:  # noqa: BLE001 - the C core raises bare Exceptions
                raise EngineFailure(f"durable-rules refused a fact: {error}") from None
        if code in (_NOT_HANDLED, _OBSERVED):
            raise EngineFailure(f"durable-rules refused a fact (code {code}): {fact.get('id')}")
        session.posted.append((handle, text))
        return 0 if code == _QUEUED else int(state)

    def _assert(self, session: Session[K], fact: dict[str, Any]) -> None:
        """Assert a top-level fact into every partition and run every action it triggers, then the facts derived on the way.

        A fact derived by an action is queued and asserted, the same way, once the actions
        of the fact that led to it have run (into every partition: any may read it).
        """
        pending = [fact]
        while pending:
            current = pending.pop(0)
            text = self._encode(session, current)
            for handle in self._partitions(current):
                self._run(session, current, text, handle)
                pending += session.derived
                session.derived.clear()

    def _partitions(self, fact: Mapping[str, Any]) -> tuple[Any, ...]:
        """The partitions some rule of which can match ``fact``: by its kind and, for rules that test one,
        its ``name`` or ``stage`` (a derived fact reaches only the rules that read that derived fact)."""
        keys = _fact_keys(fact)
        found = self._routes.get(keys)
        if found is None:
            found = self._routes[keys] = tuple(handle for handle, reads in zip(self._handles, self._reads, strict=True)
                                               if reads is None or not reads.isdisjoint(keys))
        return found

    def _run(self, session: Session[K], fact: dict[str, Any], text: str, handle: Any) -> None:
        """Post ``fact`` (encoded as ``text``) to one partition and run the actions it triggers there."""
        state = self._post(session, fact, text, handle)
        try:
            result = durable_core.start_action_for_state(handle, state)
            message = result[1] if result else None
            while message:
                name = _scanstring(message, 2)[0]  # the message is {"<rule name>": {...}}
                action = self._actions.get(name)
                if action is not None:
                    try:
                        action(session, name)
                    except Exception as error:  # noqa: BLE001 - keep it: the diagnosis must not pass silently
                        session.errors.append(f"{name}: {type(error).__name__}: {error}")
                message = durable_core.complete_and_start_action(handle, state)
        except EngineFailure:
            raise
        except Exception as error:  # noqa: BLE001 - the C core raises bare Exceptions with error codes
            raise EngineFailure(f"durable-rules failed while running actions: {error}") from None


ROUTE_FIELDS = ("name", "stage")
"""Fields besides ``kind`` that route a fact to the partitions that can match it, when a rule's pattern tests
one of them for equality (a derived fact's ``name``, a gate's ``stage``)."""


def _route_key(kind: str, field: str = "", value: str = "") -> str:
    return f"{kind}\0{field}\0{value}" if field else kind


def _fact_keys(fact: Mapping[str, Any]) -> tuple[str, ...]:
    """A fact's route keys: its kind alone, and its kind with each routing field it has."""
    kind = fact.get("kind")
    if not isinstance(kind, str):
        return ()
    return (kind, *(_route_key(kind, f, fact[f]) for f in ROUTE_FIELDS if isinstance(fact.get(f), str)))


def _kinds(definition: Mapping[str, Any]) -> frozenset[str] | None:
    """The route keys of the facts a compiled rule can match, or None when a pattern may match any fact.

    Per pattern: its ``kind`` conjunct (``{"kind": K}`` as the expression or one of its top ``$and`` terms), with
    the first ``ROUTE_FIELDS`` field it also tests for equality (``{"name": N}``), if any; durable-rules
    matches no fact that lacks a field a pattern tests, so no other fact can match it."""
    patterns = definition.get("all", definition.get("any"))
    if not isinstance(patterns, list) or not patterns:
        return None
    found: set[str] = set()
    for pattern in patterns:
        # a pattern is {"<binding name>": expression}
        expression = next(iter(pattern.values())) if isinstance(pattern, dict) and len(pattern) == 1 else None
        terms = expression.get("$and", [expression]) if isinstance(expression, dict) else []
        tested = {field: term[field] for term in terms if isinstance(term, dict) and len(term) == 1
                  for field in term if field == "kind" or field in ROUTE_FIELDS}
        kind = tested.get("kind")
        if not isinstance(kind, str):
            return None
        routed = next((f for f in ROUTE_FIELDS if isinstance(tested.get(f), str)), None)
        found.add(_route_key(kind, routed, tested[routed]) if routed else kind)
    return frozenset(found)


_STRING_OR_BARE_EXPONENT = re.compile(r'"(?:[^"\\]|\\.)*"|(?<![0-9.])(-?[0-9]+)([eE][-+]?[0-9]+)')


def durable_json(text: str) -> str:
    """The same JSON in the form durable-rules' C reader accepts (measured on 2.0.28).

    It rejects (error 204) a number with an exponent but no fraction, which is how Python
    writes ``1e-05`` or ``5e-324``: those become ``1.0e-05``. It rejects (invalid argument) a
    string holding a lone UTF-16 surrogate, which strict JSON ``"\\ud800"`` decodes to: that
    becomes the six characters ``\\ud800``, which no rule constant can equal either. Strings
    are left alone otherwise; the C reader does not decode ``\\u`` escapes, so non-ASCII text
    must stay raw to compare equal.
    """
    fixed = _STRING_OR_BARE_EXPONENT.sub(lambda m: m[0] if m[1] is None else f"{m[1]}.0{m[2]}", text)
    return fixed.encode("utf-8", "backslashreplace").decode("utf-8")
