"""Reading a file under a size cap: a rule file or a cache entry is data from whoever wrote it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_FILE_BYTES = 1024 * 1024
"""A rule file over this is refused unread (the largest shipped one is about 12 KB)."""


class FileTooLarge(OSError):
    """A file over its size cap (or endless, such as ``/dev/zero``): refused before it is read whole."""


class NotAFile(OSError):
    """A FIFO, a device or a socket where a file was expected: refused before it is read (reading a FIFO waits
    for a writer that may never come)."""


def read_capped(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path``, or ``FileTooLarge`` when it holds more than ``limit``; ``NotAFile`` when it is not a
    regular file (opened without waiting, as a FIFO would make ``open`` wait forever)."""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(handle).st_mode
        if not stat.S_ISREG(mode):
            kind = "a FIFO" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) \
                else "not a regular file"
            raise NotAFile(f"{kind}, not a regular file: a rule file must be a regular file")
        # a regular file: O_NONBLOCK does not apply to it, and os.read returns short only at its end (a start reads
        # ~100 files here: plain reads of the descriptor cost a quarter of a buffered stream's)
        content = read_at_most(handle, limit)
    finally:
        os.close(handle)
    if content is None:
        raise FileTooLarge(f"larger than the {limit // 1024} KiB limit for a rule file")
    return content


def read_at_most(handle: int, limit: int) -> bytes | None:
    """The rest of the open file ``handle``, or None when it holds more than ``limit`` bytes (read at most one byte
    past the cap, so an endless file costs nothing)."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = os.read(handle, limit + 1 - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        return None
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)
