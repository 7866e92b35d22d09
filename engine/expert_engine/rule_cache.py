"""A cache of rule files that already passed validation, so that a start-up skips re-validating them.

Validating every rule file against ``rule_schema.json`` costs more than everything else a
single diagnosis does. A rule set that loaded without a single problem is stored as
JSON (each document with the line of every condition node) under a key that hashes every
input of that verdict: the frame and each rule file's name and bytes, the rule schema and
the engine's code (every module of it, so that no list of "the modules that check rules"
can fall behind). Any change to any of them is a new key, so a cached verdict is never
stale, and a rule set with a problem is never cached (its errors are found again, with
their lines).

An entry is trusted only as far as it can be (a cache folder may be shared, or written by
someone else): it is read only when it is a regular file (not a FIFO, device or symlink)
owned by the account running it, writable by nobody else, at most ``MAX_ENTRY_BYTES``, and
carrying a valid HMAC-SHA256 of its content keyed by a per-account secret (``secret``, mode
0600, in the cache folder), over the cache key too, so that an entry cannot be renamed to
another key. Anything else, and any error while reading, is a cache miss: the rules are
validated again. Writes go through a temporary file that is removed if the rename fails.

A built package also ships the verdict (``shipped_entry``, written by the wheel build next to
the rules it validated): the first run after installing it validates nothing. It is plain
JSON inside the installed package, as trusted as the code beside it, and used only under the
same key: a rule, the schema or the engine edited after the build no longer matches it, and
those rules are validated (and cached) as in a checkout.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

from .capped import read_capped

MAX_ENTRY_BYTES = 8 * 1024 * 1024
"""An entry larger than this is not read (the shipped rule set's entry is about 200 KB)."""
_SECRET = "secret"
_STALE_SECONDS = 3600
KEEP_ENTRIES = 8
"""Entries kept after a write (the newest by modification time): every rule edit makes a new key, so an
unpruned cache would grow without bound; the cache is used only by rule sets that load unchanged."""
"""A temporary file older than this was left by a killed run, and is removed by the next write."""


def cache_key(directory: Path, files: list[Path]) -> str | None:
    """The hash of everything the validity of the rule set depends on; None when a file cannot be read
    (or is over the size cap): then the rules are not cached, and loading them says what is wrong."""
    keys = cache_keys(directory, files)
    return keys[0] if keys else None


def cache_keys(directory: Path, files: list[Path]) -> tuple[str, list[str]] | None:
    """The rule set's key (``cache_key``) and, for each of ``files`` after the first (the frame), the key of
    that file's own verdict: its name and bytes under the same frame, rule schema and engine code. A rule
    file whose key an earlier entry holds need not be validated again after another file was edited."""
    digest = hashlib.sha256()
    engine_dir = Path(__file__).parent
    file_keys: list[str] = []
    try:
        for code in sorted([*engine_dir.glob("*.py"), engine_dir / "rule_schema.json"]):
            digest.update(b"\0" + code.name.encode() + b"\0" + code.read_bytes())
        context = b""
        for index, path in enumerate(files):
            name = path.relative_to(directory).as_posix() if path.is_relative_to(directory) else str(path)
            content = read_capped(path)
            digest.update(b"\0" + name.encode())
            digest.update(b"\0" + content)
            if index == 0:
                context = digest.digest()  # the engine, the rule schema and the frame
            else:
                file_keys.append(hashlib.sha256(context + b"\0" + name.encode() + b"\0" + content).hexdigest())
    except OSError:
        return None
    return digest.hexdigest(), file_keys


def newest_cached(cache_dir: Path) -> list[Any] | None:
    """The documents of the newest trusted entry in ``cache_dir`` (whatever its key), or None: after a rule
    edit its other files' verdicts still stand (each document carries its file's key, ``cache_keys``)."""
    try:
        newest = max(((p.lstat().st_mtime, p.name) for p in cache_dir.glob("rules-*.json")), default=None)
    except OSError:
        return None
    return None if newest is None else read_cached(cache_dir, newest[1][len("rules-"):-len(".json")])


def shipped_entry(key: str, documents: list[Any], frame: Any = None) -> bytes:
    """The shipped form of a validated rule set (what the wheel build writes): its key, its documents and the
    frame file's data (so that a start reads no YAML at all), as JSON."""
    entry = {"key": key, "documents": documents, **({"frame": frame} if frame is not None else {})}
    return json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def read_shipped(path: Path, key: str) -> tuple[list[Any] | None, Any]:
    """The validated rule documents and the frame's data of a shipped entry made for exactly ``key``;
    ``(None, None)`` otherwise (validate), a frame of None when the entry has none (read the frame file)."""
    entry_key, documents, frame = read_shipped_entry(path)
    return (documents, frame) if entry_key == key and documents is not None else (None, None)


def read_shipped_entry(path: Path) -> tuple[str | None, list[Any] | None, Any]:
    """A shipped entry as it is: its key, its documents (each with its own file's key) and the frame's data."""
    try:
        entry = json.loads(read_capped(path, MAX_ENTRY_BYTES).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None, None, None
    if not isinstance(entry, dict):
        return None, None, None
    documents = entry.get("documents")
    if not (isinstance(documents, list) and all(isinstance(d, dict) for d in documents)):
        documents = None
    frame = entry.get("frame")
    key = entry.get("key")
    return key if isinstance(key, str) else None, documents, frame if isinstance(frame, dict) else None


def read_cached(cache_dir: Path, key: str) -> list[Any] | None:
    """The validated rule documents stored under ``key``, or None (absent, untrusted, unreadable: validate again)."""
    try:
        secret = _read_secret(cache_dir / _SECRET)
        entry = _read_trusted(cache_dir / f"rules-{key}.json", MAX_ENTRY_BYTES)
        if secret is None or entry is None:
            return None
        mac, _, payload = entry.partition(b"\n")
        if not hmac.compare_digest(mac, _mac(secret, key, payload).encode()):
            return None
        documents = json.loads(payload.decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return documents if isinstance(documents, list) and all(isinstance(d, dict) for d in documents) else None


def write_cached(cache_dir: Path, key: str, documents: list[Any]) -> None:
    """Store validated rule documents atomically, signed; a cache that cannot be written is simply not used."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        secret = _read_secret(cache_dir / _SECRET) or _create_secret(cache_dir / _SECRET)
        if secret is None:
            return
        payload = json.dumps(documents, ensure_ascii=False).encode("utf-8")
        _remove_stale_temporaries(cache_dir)
        _replace(cache_dir / f"rules-{key}.json", _mac(secret, key, payload).encode() + b"\n" + payload)
        _prune(cache_dir, keep=cache_dir / f"rules-{key}.json")
    except (OSError, ValueError):
        pass


def _prune(cache_dir: Path, keep: Path) -> None:
    """Remove our own entries beyond the newest ``KEEP_ENTRIES`` (never ``keep``, the one just written)."""
    entries: list[tuple[float, Path]] = []
    for entry in cache_dir.glob("rules-*.json"):
        try:
            info = entry.lstat()
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and (not hasattr(os, "getuid") or info.st_uid == os.getuid()):
            entries.append((info.st_mtime, entry))
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
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(handle, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks) if size <= limit else None
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
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".rules-", suffix=".tmp")  # mode 0600
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
