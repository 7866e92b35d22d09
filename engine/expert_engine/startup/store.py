"""The per-account store of validated rule sets, so that a start-up skips re-validating them.

Validating every rule file against ``rule_schema.json`` costs more than everything else a
single diagnosis does. A rule set that loaded without a single problem is stored as JSON (each
document with the line of every condition node and its own file's key) under the rule set's
key (``keys``); a rule set with a problem is never stored (its errors are found again, with
their lines).

An entry is input too, and trusted only as far as it can be (a cache folder may be shared, or
written by someone else): it is read only when it is a regular file (not a FIFO, device or
symlink) owned by the account running it, writable by nobody else, at most ``MAX_ENTRY_BYTES``,
and carrying a valid HMAC-SHA256 of its content keyed by a per-account secret (``secret``, mode
0600, in the cache folder), over the cache key too, so that an entry cannot be renamed to
another key. Anything else, and any error while reading, is a miss: the rules are validated
again. Every file is written through a temporary file and ``os.replace``; a temporary file a
killed run left is removed by a later write.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
import time
from pathlib import Path
from typing import Any, NamedTuple

from ..capped import read_at_most

MAX_ENTRY_BYTES = 8 * 1024 * 1024
"""An entry larger than this is not read (the shipped rule set's entry is about 450 KB)."""
_SECRET = "secret"
_STALE_SECONDS = 3600
"""A temporary file older than this was left by a killed run, and is removed by the next write."""
KEEP_ENTRIES = 8
"""Entries kept after a write (the newest by modification time): every rule edit makes a new key, so an
unpruned cache would grow without bound; the cache is used only by rule sets that load unchanged."""


class Entry(NamedTuple):
    """A stored verdict: the frame file's data (with the key of the frame it was read under) and the validated
    documents, each with the line of JSON it was stored as (an unchanged document is written again as it was)."""

    documents: list[dict[str, Any]]
    raw: list[bytes]
    frame_key: str | None = None
    frame: Any = None


def newest_entry(cache_dir: Path) -> Entry | None:
    """The newest trusted entry in ``cache_dir`` (whatever its key), or None: after a rule edit its other files'
    verdicts still stand (each document carries its file's key, ``keys.cache_keys``)."""
    try:
        newest = max(((p.lstat().st_mtime_ns, p.name) for p in cache_dir.glob("rules-*.json")), default=None)
    except OSError:
        return None
    return None if newest is None else read_entry(cache_dir, newest[1][len("rules-"):-len(".json")])


def read_cached(cache_dir: Path, key: str) -> list[Any] | None:
    """The validated rule documents stored under ``key``, or None (absent, untrusted, unreadable: validate again)."""
    entry = read_entry(cache_dir, key)
    return None if entry is None else entry.documents


def read_entry(cache_dir: Path, key: str) -> Entry | None:
    """The entry stored under ``key``, or None (absent, untrusted, unreadable, malformed: validate again).

    Its form, after the signature's line: one line of JSON with the frame (``frame_key``, ``frame``),
    then one line of JSON per document (JSON text holds no raw line break)."""
    try:
        payload = read_signed(cache_dir, f"rules-{key}.json", key)
        if payload is None:
            return None
        header, *raw = payload.split(b"\n")
        frame = json.loads(header.decode("utf-8"))
        documents = [json.loads(line.decode("utf-8")) for line in raw]
    except (OSError, ValueError, RecursionError):
        return None
    if not (isinstance(frame, dict) and all(isinstance(d, dict) for d in documents)):
        return None
    frame_key = frame.get("frame_key")
    return Entry(documents, raw, frame_key if isinstance(frame_key, str) else None, frame.get("frame"))


def write_cached(cache_dir: Path, key: str, documents: list[Any], raw: list[bytes | None] | None = None,
                 frame_key: str | None = None, frame: Any = None) -> None:
    """Store validated rule documents atomically, signed, with the frame's data; a document whose ``raw`` line is
    given is written as that line (it was read so). A cache that cannot be written is simply not used."""
    try:
        lines = [_line({"frame_key": frame_key, "frame": frame})]
        lines += [given if given is not None else _line(document)
                  for document, given in zip(documents, raw or [None] * len(documents), strict=True)]
    except (TypeError, ValueError):
        return
    if write_signed(cache_dir, f"rules-{key}.json", key, b"\n".join(lines)):
        _make_newest(cache_dir / f"rules-{key}.json")
        _prune(cache_dir, keep=cache_dir / f"rules-{key}.json")


def read_signed(cache_dir: Path, name: str, key: str) -> bytes | None:
    """The content of the entry ``name`` signed for ``key`` (module docstring: ours, private, capped, its signature
    valid), or None."""
    secret = _read_secret(cache_dir / _SECRET)
    content = _read_trusted(cache_dir / name, MAX_ENTRY_BYTES)
    if secret is None or content is None:
        return None
    mac, _, payload = content.partition(b"\n")
    return payload if hmac.compare_digest(mac, _mac(secret, key, payload).encode()) else None


def write_signed(cache_dir: Path, name: str, key: str, payload: bytes) -> bool:
    """Write the entry ``name``, signed for ``key``, through a temporary file and ``os.replace``; False when the cache
    cannot be written (then it is simply not used)."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        secret = _read_secret(cache_dir / _SECRET) or _create_secret(cache_dir / _SECRET)
        if secret is None:
            return False
        _remove_stale_temporaries(cache_dir)
        _replace(cache_dir / name, _mac(secret, key, payload).encode() + b"\n" + payload)
        return True
    except OSError:
        return False


def _make_newest(written: Path) -> None:
    """Give the entry just written a modification time later than every other entry's. File times move in clock
    ticks, so two runs within one tick would tie, and ``newest_entry`` would then pick by name, not by age."""
    try:
        others = [p.lstat().st_mtime_ns for p in written.parent.glob("rules-*.json") if p != written]
        mine = written.lstat().st_mtime_ns
        if others and max(others) >= mine:
            os.utime(written, ns=(mine, max(others) + 1), follow_symlinks=False)
    except (OSError, NotImplementedError):
        pass  # the order only saves validations; a tie costs time, never a wrong verdict


def _line(value: Any) -> bytes:
    """``value`` as one line of JSON (a line break inside a string is written escaped, as JSON always writes it)."""
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def _prune(cache_dir: Path, keep: Path) -> None:
    """Remove our own entries beyond the newest ``KEEP_ENTRIES`` (never ``keep``, the one just written)."""
    entries: list[tuple[int, Path]] = []
    for entry in cache_dir.glob("rules-*.json"):
        try:
            info = entry.lstat()
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and (not hasattr(os, "getuid") or info.st_uid == os.getuid()):
            entries.append((info.st_mtime_ns, entry))
    entries.sort(key=lambda item: (item[0], item[1].name), reverse=True)
    for _, entry in entries[KEEP_ENTRIES:]:
        if entry != keep:
            try:
                entry.unlink()
            except OSError:
                pass


def _mac(secret: bytes, key: str, payload: bytes) -> str:
    return hmac.new(secret, key.encode() + b"\0" + payload, hashlib.sha256).hexdigest()


def _read_trusted(path: Path, limit: int) -> bytes | None:
    """The bytes of ``path`` if it is a regular file of ours that nobody else can write, and at most ``limit`` bytes."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)  # a FIFO must not block
    try:
        handle = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return None
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return None
        return read_at_most(handle, limit)
    finally:
        os.close(handle)


_SECRET_BYTES = 64
"""A secret is 32 random bytes written as 64 hexadecimal digits; anything else is not one of ours, or half written."""


def _read_secret(path: Path) -> bytes | None:
    """The secret, if it is a trusted file (``_read_trusted``) of exactly ``_SECRET_BYTES`` bytes: an empty one (a
    run killed between creating and writing it) must never become the key that signs every entry."""
    secret = _read_trusted(path, _SECRET_BYTES)
    return secret if secret is not None and len(secret) == _SECRET_BYTES else None


def _create_secret(path: Path) -> bytes | None:
    """A new random per-account secret, created exclusively (never over someone else's file); a secret of ours
    of the wrong length (empty, cut short) is replaced atomically."""
    import secrets  # only when a secret is made: a start that reads the store never needs it

    value = secrets.token_hex(32).encode()
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except FileExistsError:
        if _read_secret(path) is None and _read_trusted(path, _SECRET_BYTES) is not None:  # ours, wrong length
            _replace(path, value)  # mode 0600, as mkstemp makes it
            return _read_secret(path)
        return _read_secret(path)  # another run made it first (or it is not ours: then no cache)
    try:
        os.write(handle, value)
    finally:
        os.close(handle)
    return value


def _replace(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` whole: a temporary file beside it, then ``os.replace``; the temporary file is removed
    when anything fails."""
    handle, temporary = _temporary(target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _temporary(folder: Path) -> tuple[int, Path]:
    """A new temporary file in ``folder``, mode 0600, created exclusively (never over or through an existing name), as
    ``tempfile.mkstemp`` makes one, without importing tempfile (a third of a cache write's time)."""
    for _ in range(100):
        path = folder / f".rules-{os.urandom(8).hex()}.tmp"
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
            return os.open(path, flags, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def _remove_stale_temporaries(cache_dir: Path) -> None:
    """Temporary files of runs killed before their rename (earlier versions named them ``tmp*.tmp``)."""
    now = time.time()
    for pattern in (".rules-*.tmp", "tmp*.tmp"):
        for stray in cache_dir.glob(pattern):
            try:
                info = stray.lstat()
                if stat.S_ISREG(info.st_mode) and now - info.st_mtime > _STALE_SECONDS and (
                        not hasattr(os, "getuid") or info.st_uid == os.getuid()):
                    stray.unlink()
            except OSError:
                pass
