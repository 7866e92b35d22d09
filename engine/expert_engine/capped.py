"""Reading a file under a size cap: a rule file or a cache entry is data from whoever wrote it."""

from __future__ import annotations

from pathlib import Path

MAX_FILE_BYTES = 1024 * 1024
"""A rule file over this is refused unread (the largest shipped one is about 12 KB)."""


class FileTooLarge(OSError):
    """A file over its size cap (or endless, such as ``/dev/zero``): refused before it is read whole."""


def read_capped(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path``, or ``FileTooLarge`` when it holds more than ``limit``."""
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(f"larger than the {limit // 1024} KiB limit for a rule file")
    return data
