"""From the files a user gives (exports and facts files, mixed) to one facts document that remembers its sources.

Every value becomes a ``Claim`` with its ``Source``; claims about the same fact that
agree are kept together (all their sources are shown), claims that disagree become a
``Conflict`` (the fact is left unknown unless ``--prefer FILE`` names the winner).
Nothing is silently overwritten or dropped: unusable values are returned as notes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Iterable, Mapping, Sequence

from expert_engine import FactsError, validate_facts
from writeback_doctor.errors import UsageError, UserError
from writeback_doctor.inputs import InputError, check_names
from writeback_doctor.knowledge import facts_schema, facts_validator
from writeback_doctor.sources import links, registry
from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.model import FACTS, NOTE, Claim, Conflict, FileReport, Refused, Source, canonical
from writeback_doctor.sources.reading import NotAnExport, read_file
from writeback_doctor.sources.text_shapes import JSON
from writeback_doctor.sources.values import read_export


class FactsFileError(UserError):
    """A facts document breaks the fact schema; located by its file name, carries the engine's error."""

    def __init__(self, file: str, error: FactsError, hint: str = ""):
        self.file, self.error = file, error
        super().__init__(file, f"{error.render()}{hint}")


@dataclass(frozen=True)
class Collected:
    """The merged facts, each fact path's sources, the disagreements and the notes about unused values."""

    facts: dict[str, Any]
    provenance: Mapping[str, tuple[Source, ...]]
    conflicts: tuple[Conflict, ...] = ()
    notes: tuple[str, ...] = ()
    kinds: Mapping[str, str] = field(default_factory=dict)
    files: tuple[FileReport, ...] = ()
    skipped: tuple[str, ...] = ()
    file_notes: tuple[str, ...] = ()
    from_folder: bool = False
    refused: tuple[Refused, ...] = ()
    digests: Mapping[str, str] = field(default_factory=dict)
    """Label -> SHA-256 of the bytes of every file this collection read (skipped and refused ones too): the
    report's metadata names standard input by it (``report.metadata.input_digests``)."""

    @property
    def unresolved(self) -> tuple[Conflict, ...]:
        return tuple(c for c in self.conflicts if not c.resolved)

    def messages(self) -> list[str]:
        """What the user must hear about the merge: per file when a folder was read, then unused values and conflicts."""
        return self.report_lines(per_file=self.from_folder)

    def report_lines(self, per_file: bool) -> list[str]:
        """The merge's messages; ``per_file``: one line per file read (its kind, the facts it gave, what was
        skipped in it) and one per file skipped whole, instead of the skipped parts alone."""
        head = self.file_lines() if per_file else list(self.skipped) + list(self.file_notes)
        return [r.render() for r in self.refused] + head + list(self.notes) + [c.render() for c in self.conflicts]

    def file_lines(self) -> list[str]:
        """One line per file read: its kind, the facts it gave and what was skipped in it; then the files skipped whole."""
        return [report.render() for report in self.files] + list(self.skipped)


def label(name: str) -> str:
    """How a file named on the command line is named in messages (``-`` is standard input)."""
    return "<stdin>" if name == "-" else name


def claims_of(file: str, data: Any) -> tuple[str, list[Claim]]:
    """The claims of one already-parsed document named ``file``."""
    kind, claims = read_document(file, data)
    return kind, flatten_facts(data, file) if claims is None else claims


def read_document(file: str, data: Any) -> tuple[str, list[Claim] | None]:
    """The kind of one already-parsed document and, for exports, their claims; a facts document
    is validated (``FactsFileError``) and given as ``(FACTS, None)``: used as it is, it needs no claims."""
    kinds = registry.recognise_all(data)
    if kinds:
        return "+".join(kind.KIND for kind in kinds), [claim for kind in kinds for claim in _extract(file, kind, data)]
    try:
        validate_facts(data, facts_validator())
    except FactsError as error:
        hint = "" if _looks_like_facts(data) else (
            "\n  (nor is it a recognised export; recognised exports: " + "; ".join(registry.recognised_kinds()) +
            "; docs/collect.md has the commands that produce them)")
        raise FactsFileError(file, error, hint) from None
    return FACTS, None


def _looks_like_facts(data: Any) -> bool:
    if not isinstance(data, dict):
        return False
    return not data or bool(set(data) & set(facts_schema()["properties"]))


def _extract(file: str, kind: ModuleType, data: Any) -> list[Claim]:
    try:
        triples = read_export(kind.extract, data)
    except ExportError as error:
        raise InputError(f"{file}: {error.location}", f"{error.message} (in a {registry.describe(kind)} export)") from None
    except ValueError as error:
        raise InputError(file, f"{error} (in a {registry.describe(kind)} export)") from None
    return [Claim(path, value, (Source(file, kind.KIND, location),)) for path, value, location in triples]


def flatten_facts(facts: Mapping[str, Any], file: str | None, kind: str = FACTS) -> list[Claim]:
    """A facts document as claims, each located by its JSON path (users keyed by name).

    A fact the file's ``$sources`` names (``diagnose import`` writes it) keeps those sources,
    the exports it came from, rather than the place in this file.
    """
    kept_sources = facts.get("$sources")
    recorded: Mapping[str, Any] = kept_sources if isinstance(kept_sources, Mapping) else {}

    def sources(path: str, location: str) -> tuple[Source, ...]:
        kept = recorded.get(path)
        if kept:
            return tuple(Source(s.get("file"), s["kind"], s["location"]) for s in kept)
        return (Source(file, kind, location),)

    claims = []
    for top, value in facts.items():
        if top in ("$schema", "$sources"):
            continue
        if top == "users":
            for index, user in enumerate(value):
                for key, item in user.items():
                    path = f"users[{user['name']}].{key}"
                    claims.append(Claim(path, item, sources(path, f"$.users[{index}].{key}")))
        else:
            for key, item in value.items():
                claims.append(Claim(f"{top}.{key}", item, sources(f"{top}.{key}", f"$.{top}.{key}")))
    return claims


def collect(names: Sequence[str], prefer: Sequence[str] = ()) -> Collected:
    """Read every file (a folder: every file in it, as the collectors write them) and merge what could be read.

    A single facts file is used exactly as written. Files that hold no export (a collector's notes,
    a README, a script, an empty file, some other tool's JSON) are skipped with the reason; a file that
    looks like an export or a facts file but cannot be used (broken JSON, a bad field, bytes no encoding
    reads) is refused with the reason, and the rest is still read: one unreadable file never hides the
    others. Only when no file at all could be used is that an error (``InputError``, exit 2).
    """
    check_names(names)
    claims: list[Claim] = []
    kinds: dict[str, str] = {}
    skipped: list[str] = []
    refused: list[Refused] = []
    problems: list[UserError] = []
    unused: list[UserError] = []
    read: list[str] = []
    digests: dict[str, str] = {}
    data: Any = None
    from_folder = False
    for name in names:
        try:
            paths = _expand(name)
        except InputError as error:
            refused.append(Refused(label(name), error.message))
            problems.append(error)
            continue
        for path, in_folder in paths:
            from_folder = from_folder or in_folder
            try:
                found = _read_one(path, skipped, unused, digests)
            except UserError as error:
                refused.append(Refused(label(path), _reason(error, label(path))))
                problems.append(error)
                continue
            if found is None:
                continue
            data, kind, file_claims = found
            kinds[label(path)] = kind
            read.append(label(path))
            claims += file_claims
    if not read:
        _nothing_usable(names, skipped, refused, problems + unused)
    unknown = [p for p in prefer if label(p) not in kinds]
    if unknown:
        raise UsageError(f"--prefer {unknown[0]}: not one of the files read ({', '.join(read)}); "
                         "name a file given (or found in a folder given)")
    if len(read) == 1 and kinds[read[0]] == FACTS and not skipped and not refused:
        provenance = provenance_of(claims)
        return Collected(data, provenance, kinds=kinds, files=_file_reports(read, kinds, claims, provenance),
                         from_folder=from_folder, digests=digests)
    collected = merge(claims, [label(p) for p in prefer], kinds)
    return Collected(collected.facts, collected.provenance, collected.conflicts, collected.notes, kinds,
                     _file_reports(read, kinds, claims, collected.provenance), tuple(skipped), collected.file_notes,
                     from_folder, tuple(refused), digests)


def _reason(error: UserError, file: str) -> str:
    """An error's text without the file name it starts with (the refused entry names the file)."""
    location = error.location or ""
    if location == file:
        return error.message
    if location.startswith(file):
        return f"{location[len(file):].lstrip(': ')}: {error.message}".lstrip(": ")
    return str(error)


def _nothing_usable(names: Sequence[str], skipped: Sequence[str], refused: Sequence[Refused],
                    problems: Sequence[UserError]) -> None:
    """No file could be used: one given file's own error as it was, else every reason in one ``InputError``."""
    if len(problems) == 1 and len(skipped) + len(refused) == 1:
        raise problems[0]  # one file, neither usable: its own located error, as it always read
    why = [line.split(": skipped: ", 1)[-1] for line in skipped] + [f"{r.file}: {r.reason}" for r in refused]
    where = names[0] if len(names) == 1 else ", ".join(label(n) for n in names)
    hint = ("run a collector into it first: diagnose collect --list" if len(names) == 1 and os.path.isdir(names[0])
            else "docs/collect.md lists what is read")
    if any("neither a recognised export" in line or "of no export this tool reads" in line for line in skipped):
        hint += "; recognised exports: " + "; ".join(registry.recognised_kinds())
    raise InputError(where, f"no export or facts file could be used (skipped or refused: {'; '.join(sorted(set(why)))}); {hint}")


def folder_files(folder: str) -> list[str]:
    """The regular files directly in ``folder``, sorted by name (so the output never depends on the file system's order)."""
    try:
        entries = sorted(os.listdir(folder))
    except OSError as error:
        raise InputError(folder, f"cannot read the folder: {error.strerror or error}") from None
    return [os.path.join(folder, entry) for entry in entries if os.path.isfile(os.path.join(folder, entry))]


def _expand(name: str) -> list[tuple[str, bool]]:
    if name != "-" and os.path.isdir(name):
        files = folder_files(name)
        if not files:
            raise InputError(name, "the folder holds no file; run a collector (diagnose collect --list) into it first")
        return [(path, True) for path in files]
    return [(name, False)]


NOTES_FILE = "notes.txt"
"""What the collector scripts write beside the exports: one line per step, ``<step>: FAILED: <reason>`` when one failed."""
_NOTES_LIMIT = 256 * 1024


def _failed_steps(path: str) -> list[str]:
    """The steps a collector's notes file says failed (``events.json: FAILED: ...``), as printable one-line text."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(_NOTES_LIMIT)
    except OSError:
        return []
    for bom, encoding in ((b"\xff\xfe", "utf-16-le"), (b"\xef\xbb\xbf", "utf-8")):
        if raw.startswith(bom):
            raw, chosen = raw[len(bom):], encoding
            break
    else:
        chosen = "utf-8"
    failed = []
    for line in raw.decode(chosen, errors="replace").splitlines():
        if ": FAILED: " in line:
            step, _, reason = line.partition(": FAILED: ")
            text = f"{step.split(' ')[-1]}: {reason}"
            failed.append("".join(c if c.isprintable() else "?" for c in text)[:200])
    return failed


def _read_one(path: str, skipped: list[str], unused: list[UserError],
              digests: dict[str, str]) -> tuple[Any, str, list[Claim]] | None:
    """One file: its data, kind and claims; None (with the reason appended to ``skipped``, and for JSON the
    fact schema's verdict to ``unused``) when it holds no export.

    Raises ``UserError`` (an ``InputError`` or ``FactsFileError``) when it looks like an export or a facts file
    but cannot be used. ``digests``: as ``read_file``'s."""
    name = label(path)
    try:
        found = read_file(path, name, digests)
    except NotAnExport as skip:
        failed = _failed_steps(path) if os.path.basename(path).lower() == NOTES_FILE else []
        skipped.append(f"{name}: skipped: {skip.reason}" + (
            f" (the collector's notes: {len(failed)} step(s) failed: {'; '.join(failed)})" if failed else ""))
        return None
    try:
        kind, found_claims = claims_of(name, found.data)
    except FactsFileError as error:
        if found.shape == JSON and _looks_like_facts(found.data):
            raise
        if found.shape == JSON:
            unused.append(error)
        columns = _columns(found.data)
        skipped.append(f"{name}: skipped: " + ("neither a recognised export nor a facts file" if found.shape == JSON
                                               else f"{found.shape} text of no export this tool reads ({columns})"))
        return None
    notes = [Claim(NOTE, note, (Source(name, kind, ""),)) for note in found.notes]
    return found.data, kind, notes + found_claims


def _columns(data: Any) -> str:
    first = data[0] if isinstance(data, list) and data else data
    names = list(first)[:6] if isinstance(first, dict) else []
    return "properties: " + ", ".join(names) + (", ..." if isinstance(first, dict) and len(first) > 6 else "")


def _file_reports(files: Sequence[str], kinds: Mapping[str, str], claims: Sequence[Claim],
                  provenance: Mapping[str, tuple[Source, ...]]) -> tuple[FileReport, ...]:
    reports = []
    for file in files:
        facts = tuple(path for path, sources in provenance.items() if any(s.file == file for s in sources))
        notes = tuple(c.value for c in claims if c.path == NOTE and c.sources[0].file == file)
        reports.append(FileReport(file, kinds[file], facts, notes))
    return tuple(reports)


def merge(claims: Iterable[Claim], prefer: Sequence[str] = (), kinds: Mapping[str, str] | None = None) -> Collected:
    """Link observations across exports, group claims by fact, find conflicts and build the facts document."""
    claims = list(claims)
    file_notes = [f"{c.sources[0].file}: " + (f"{c.sources[0].location}: " if c.sources[0].location else "") + str(c.value)
                  for c in claims if c.path == NOTE]
    claims = [c for c in claims if c.path != NOTE]
    derived, notes = links.link(claims)
    claims = [c for c in claims if not c.path.startswith("~")] + derived
    schema = facts_schema()
    usable = []
    for claim in claims:
        if _in_schema(schema, claim.path):
            usable.append(claim)
        else:
            notes.append(f"{claim.sources[0].render()}: not used: the fact schema has no {_generic(claim.path)} (yet)")
    chosen: dict[str, Claim] = {}
    conflicts = []
    for path, group in _grouped(usable).items():
        if len(group) > 1 and _is_list_of_records(schema, path):
            chosen[path] = _union(path, group)
            continue
        options: dict[str, tuple[Any, list[Source]]] = {}
        for claim in group:
            options.setdefault(canonical(claim.value), (claim.value, []))[1].extend(claim.sources)
        ordered = tuple((value, tuple(sorted(set(sources)))) for _, (value, sources) in sorted(options.items()))
        if len(ordered) == 1:
            chosen[path] = Claim(path, ordered[0][0], ordered[0][1])
            continue
        winner = _preferred(ordered, prefer)
        conflicts.append(Conflict(path, ordered, None if winner is None else winner[0], winner is not None))
        if winner is not None:
            chosen[path] = Claim(path, winner[0], winner[1])
    facts = build_facts(chosen.values(), schema)
    return Collected(facts, {p: c.sources for p, c in sorted(chosen.items())},
                     tuple(sorted(conflicts, key=lambda c: c.path)),  # never in the order the files were given
                     tuple(sorted(set(notes))), dict(kinds or {}), file_notes=tuple(sorted(set(file_notes))))


def provenance_of(claims: Iterable[Claim]) -> dict[str, tuple[Source, ...]]:
    """Fact path -> its sources, for claims that do not conflict."""
    result: dict[str, tuple[Source, ...]] = {}
    for path, group in sorted(_grouped(claims).items()):
        result[path] = tuple(sorted({s for c in group for s in c.sources}))
    return result


def facts_provenance(facts: Mapping[str, Any], file: str | None) -> dict[str, tuple[Source, ...]]:
    """``provenance_of(flatten_facts(facts, file))`` of a valid facts document, without building its claims:
    each fact's source is its place in the file (a batch of plain facts documents asks this per tenant)."""
    users = facts.get("users", ())
    if "$sources" in facts or len({user["name"] for user in users}) != len(users):
        return provenance_of(flatten_facts(facts, file))  # recorded sources, or a user named twice: the general way
    found: dict[str, tuple[Source, ...]] = {}
    for top, value in facts.items():
        if top == "$schema":
            continue
        if top == "users":
            for index, user in enumerate(value):
                name = user["name"]
                for key in user:
                    found[f"users[{name}].{key}"] = (Source(file, FACTS, f"$.users[{index}].{key}"),)
        else:
            for key in value:
                found[f"{top}.{key}"] = (Source(file, FACTS, f"$.{top}.{key}"),)
    return dict(sorted(found.items()))


def build_facts(claims: Iterable[Claim], schema: Mapping[str, Any]) -> dict[str, Any]:
    """Nest claims into a facts document: keys in schema order, users sorted by name (order-independent output)."""
    facts: dict[str, Any] = {}
    users: dict[str, dict[str, Any]] = {}
    for claim in claims:
        if claim.path.startswith("users["):
            name, key = _user_path(claim.path)
            users.setdefault(name, {"name": name})[key] = claim.value
        else:
            top, key = claim.path.split(".", 1)
            facts.setdefault(top, {})[key] = claim.value
    if users:
        facts["users"] = [users[n] for n in sorted(users)]
    order = list(schema["properties"])
    item_order = list(schema["properties"]["users"]["items"]["properties"])
    result: dict[str, Any] = {}
    for top in sorted(facts, key=order.index):
        value = facts[top]
        if top == "users":
            result[top] = [{k: u[k] for k in sorted(u, key=item_order.index)} for u in value]
        else:
            keys = list(schema["properties"][top]["properties"])
            result[top] = {k: value[k] for k in sorted(value, key=keys.index)}
    return result


def _user_path(path: str) -> tuple[str, str]:
    name, key = path[len("users["):].rsplit("].", 1)
    return name, key


def _generic(path: str) -> str:
    return f"users[].{_user_path(path)[1]}" if path.startswith("users[") else path


def _in_schema(schema: Mapping[str, Any], path: str) -> bool:
    props = schema["properties"]
    if path.startswith("users["):
        return _user_path(path)[1] in props["users"]["items"]["properties"]
    top, _, key = path.partition(".")
    return top in props and key in props[top].get("properties", {})


def _is_list_of_records(schema: Mapping[str, Any], path: str) -> bool:
    """Whether ``path`` (outside users) is an array of records, such as event log entries, that several exports add to."""
    if path.startswith("users["):
        return False
    top, _, key = path.partition(".")
    node = schema["properties"][top]["properties"][key]
    return node.get("type") == "array" and node.get("items", {}).get("type") == "object"


def _union(path: str, group: list[Claim]) -> Claim:
    """Several exports' records of one list, combined: each distinct record once, in time order where records have one."""
    records: dict[str, Any] = {}
    for claim in group:
        for record in claim.value:
            records.setdefault(canonical(record), record)
    ordered = sorted(records.items(), key=lambda item: (str(item[1].get("time", "")), item[0]))
    sources = tuple(sorted({s for claim in group for s in claim.sources}))
    return Claim(path, [record for _, record in ordered], sources)


def _grouped(claims: Iterable[Claim]) -> dict[str, list[Claim]]:
    groups: dict[str, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(claim.path, []).append(claim)
    return groups


Option = tuple[Any, tuple[Source, ...]]
"""One value claimed for a fact, with the sources that claim it."""


def _preferred(options: tuple[Option, ...], prefer: Sequence[str]) -> Option | None:
    for file in prefer:
        matching = [o for o in options if any(s.file == file for s in o[1])]
        if len(matching) == 1:
            return matching[0]
    return None
