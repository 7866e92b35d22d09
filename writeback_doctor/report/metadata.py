"""What makes a report traceable: the tool and its version, a content hash of the rule set,
when it was generated, and every input with its hash, so that a report attached to a ticket
can be reproduced (same version, same rules, same inputs: same report).

It also says when the rule set's dated knowledge (versions, deadlines: the frame's constants) was
last compared with its sources, and whether that is more than ``STALE_AFTER_MONTHS`` before the
report's own date, so that a reader knows when to distrust a version or a deadline.

The generation time is the current time in UTC, to the second, unless ``SOURCE_DATE_EPOCH``
is set (seconds since 1970-01-01 UTC, https://reproducible-builds.org/specs/source-date-epoch/):
then it is that time, so that the same inputs give byte-identical output (the test suite
sets it). The specification wants "an ASCII representation of an integer with no fractional
component, identical to the output format of ``date +%s``" and a malformed value to end the run
with a non-zero status: so the value is ASCII digits only (no sign, blank, underscore or other
script's digits, which Python's ``int`` would accept), at most 9999-12-31T23:59:59Z, else the
command stops with exit 2 and says why. Set but empty counts as unset, as the specification's
own shell example (``${SOURCE_DATE_EPOCH:-$(date +%s)}``) reads it.
"""

from __future__ import annotations

import calendar
import hashlib
import os
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Mapping, NamedTuple

from writeback_doctor import __version__
from writeback_doctor.errors import UsageError

TOOL = "writeback-doctor"
STDIN = "<stdin>"
STALE_AFTER_MONTHS = 6
"""Dated knowledge checked longer ago than this before the report's date is called out in the report."""


class InputDigest(NamedTuple):
    """One input as the report names it, and the SHA-256 of its bytes."""

    name: str
    sha256: str

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "sha256": self.sha256}


class Metadata(NamedTuple):
    """Tool, version, rule-set hash, generation time (ISO 8601, UTC) and inputs of one report."""

    tool: str
    version: str
    rules_sha256: str
    generated: str
    inputs: tuple[InputDigest, ...] = ()
    knowledge_checked: str | None = None
    """When the rule set's dated knowledge was last checked against its sources (``YYYY-MM-DD``), if it says."""

    @property
    def knowledge_stale(self) -> bool:
        """Whether the dated knowledge was checked more than ``STALE_AFTER_MONTHS`` before the report's date."""
        return knowledge_stale(self.knowledge_checked, self.generated)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"tool": self.tool, "version": self.version, "rules_sha256": self.rules_sha256,
                                "generated": self.generated, "inputs": [i.to_json() for i in self.inputs]}
        if self.knowledge_checked is not None:
            data["knowledge_checked"] = self.knowledge_checked
            data["knowledge_stale"] = self.knowledge_stale
        return data


def knowledge_stale(checked: str | None, generated: str) -> bool:
    """True when ``checked`` (``YYYY-MM-DD``) lies more than ``STALE_AFTER_MONTHS`` calendar months before the date
    of ``generated`` (ISO 8601); False when either is missing or unreadable (nothing to warn about)."""
    try:
        then = date.fromisoformat(checked) if checked else None
        now = date.fromisoformat(generated[:10])
    except ValueError:
        return False
    if then is None:
        return False
    month = then.month - 1 + STALE_AFTER_MONTHS
    year, month = then.year + month // 12, month % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return now > date(year, month, min(then.day, last_day))  # six calendar months later, at the month's end at most


LAST_EPOCH = 253402300799
"""9999-12-31T23:59:59Z, the last second a four-digit year can write."""


def generation_time() -> str:
    """Now in UTC to the second, or ``SOURCE_DATE_EPOCH`` when set and not empty; ``UsageError`` (exit 2) when it is
    not ASCII digits alone or is later than ``LAST_EPOCH`` (module docstring: what the specification asks)."""
    fixed = os.environ.get("SOURCE_DATE_EPOCH")
    if not fixed:
        moment = datetime.now(timezone.utc)
    elif fixed.isascii() and fixed.isdigit() and len(fixed) <= len(str(LAST_EPOCH)) and int(fixed) <= LAST_EPOCH:
        moment = datetime.fromtimestamp(int(fixed), tz=timezone.utc)
    else:
        raise UsageError(f"SOURCE_DATE_EPOCH={fixed!r} is not a number of seconds since 1970-01-01 UTC: expected ASCII "
                         f"digits only (as `date +%s` prints them), at most {LAST_EPOCH}; unset it to use the current time")
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def rules_digest(rules_dir: Path, schema_file: Path) -> str:
    """SHA-256 over every rule file (relative path and bytes, in sorted order) and the fact schema's bytes."""
    digest = hashlib.sha256()
    for parts in _rule_files(str(rules_dir)):
        digest.update("/".join(parts).encode("utf-8") + b"\0")
        with open(os.path.join(rules_dir, *parts), "rb") as rule:
            digest.update(hashlib.sha256(rule.read()).digest())
    digest.update(b"facts_schema.json\0" + hashlib.sha256(schema_file.read_bytes()).digest())
    return digest.hexdigest()


def _rule_files(rules_dir: str) -> list[tuple[str, ...]]:
    """The path parts, below ``rules_dir``, of every file named ``*.yaml`` or ``*.yml`` (a link to a file too), in the
    order of ``Path`` (part by part): what ``sorted(rglob("*"))`` keeps, with ``os.walk`` (it neither descends into a
    linked folder) at a third of the cost, at every start."""
    found = []
    for folder, _, names in os.walk(rules_dir):
        relative = os.path.relpath(folder, rules_dir)
        parts = () if relative == "." else tuple(relative.split(os.sep))
        for name in names:
            if os.path.splitext(name)[1] in (".yaml", ".yml") and os.path.isfile(os.path.join(folder, name)):
                found.append((*parts, name))
    return sorted(found)


def input_digests(names: Iterable[str], read: Mapping[str, str] | None = None) -> tuple[InputDigest, ...]:
    """Each input named as the report's sources name it (a folder: each file in it; ``-``: ``<stdin>``),
    hashed from disk, or from ``read`` (label -> SHA-256 of the bytes read) for standard input; sorted
    by name, so that the order the files were given in does not change the report."""
    read = read or {}
    found: list[InputDigest] = []
    for name in names:
        if name == "-":
            if STDIN in read:
                found.append(InputDigest(STDIN, read[STDIN]))
            continue
        path = Path(name)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            label = str(file) if file != path else name
            try:
                found.append(InputDigest(label, hashlib.sha256(file.read_bytes()).hexdigest()))
            except OSError:
                continue  # an unreadable input was already reported by the reader
    return tuple(sorted(set(found), key=lambda item: (item.name, item.sha256)))  # not the order given


def describe_run(names: Iterable[str], rules_dir: Path, schema_file: Path, read: Mapping[str, str] | None = None,
                 knowledge_checked: str | None = None) -> Metadata:
    """The metadata of a report made now from the inputs ``names`` with the rules in ``rules_dir``, whose dated
    knowledge was last checked on ``knowledge_checked``."""
    return Metadata(TOOL, __version__, rules_digest(rules_dir, schema_file), generation_time(),
                    input_digests(names, read), knowledge_checked)
