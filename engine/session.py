"""The one place that talks to durable-rules.

durable-rules' measured behaviour (see the project README's engine notes) shapes this
adapter: one ``Host`` and one ruleset registered once per compiled rule set; per
diagnosis a fresh session id whose state is always deleted; a catch-all rule so that no
asserted fact is "not handled" (deleting such a session crashes the process); actions
that catch their own exceptions, because durable-rules swallows them; a distinct ``id``
on every asserted fact.
"""

from __future__ import annotations

import copy
import itertools
import threading
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from durable import engine as durable

from .errors import EngineFailure

Action = Callable[["Session", Any], None]
"""An action receives the session (to assert derived facts) and the durable context."""

_ruleset_names = itertools.count(1)
_CATCH_ALL = {"all": [{"m": {"$ex": {"kind": 1}}}], "pri": 1_000_000}


class Session:
    """One diagnosis: its collector of records and the durable context to chain facts through."""

    def __init__(self, sid: str):
        self.sid = sid
        self.records: set[tuple[Any, ...]] = set()
        self.errors: list[str] = []
        self._context: Any = None

    def record(self, *record: Any) -> None:
        self.records.add(record)

    def assert_derived(self, fact: dict[str, Any]) -> None:
        """Assert a fact from inside an action so that the rules it triggers run at once."""
        self._context.assert_fact(fact)


class DurableRuleset:
    """A compiled set of durable-rules rules, registered once, run many times."""

    def __init__(self, rules: dict[str, tuple[dict[str, Any], Action]]):
        self._name = f"ruleset_{next(_ruleset_names)}"
        self._host = durable.Host()
        self._sids = itertools.count(1)
        self._current: Session | None = None
        self._lock = threading.Lock()
        definitions: dict[str, dict[str, Any]] = {}
        for name, (definition, action) in rules.items():
            definitions[name] = dict(copy.deepcopy(definition), run=self._wrap(name, action))
        definitions["__catch_all__"] = dict(copy.deepcopy(_CATCH_ALL), run=lambda c: None)
        try:
            self._host.register_rulesets({self._name: definitions})
        except Exception as error:  # the C core reports unknown operators as bare error codes
            raise EngineFailure(f"durable-rules refused the compiled rules: {error}") from None

    def _wrap(self, name: str, action: Action) -> Callable[[Any], None]:
        def run(context: Any) -> None:
            session = self._current
            if session is None:
                return
            previous = session._context
            session._context = context
            try:
                action(session, context)
            except Exception as error:  # durable-rules would swallow it: keep it
                session.errors.append(f"{name}: {type(error).__name__}: {error}")
            finally:
                session._context = previous

        return run

    @contextmanager
    def session(self) -> Iterator["_OpenSession"]:
        """A fresh diagnosis session; its durable state is deleted on exit, whatever happens."""
        with self._lock:
            sid = str(next(self._sids))
            session = Session(sid)
            self._current = session
            try:
                yield _OpenSession(self, session)
            finally:
                self._current = None
                try:
                    self._host.delete_state(self._name, sid)
                except Exception:
                    pass
            if session.errors:
                raise EngineFailure("a rule action failed: " + "; ".join(session.errors))

    def _assert(self, session: Session, fact: dict[str, Any]) -> None:
        try:
            self._host.assert_fact(self._name, dict(fact, sid=session.sid))
        except Exception as error:
            raise EngineFailure(f"durable-rules refused a fact: {error}") from None


class _OpenSession:
    """What the engine holds during one diagnosis."""

    def __init__(self, ruleset: DurableRuleset, session: Session):
        self._ruleset = ruleset
        self.state = session

    def assert_fact(self, fact: dict[str, Any]) -> None:
        """Assert a top-level fact and let every rule it triggers (and their derived facts) run."""
        self._ruleset._assert(self.state, fact)
