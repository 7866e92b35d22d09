"""Which rule set ``diagnose rules`` reads, and whether it is the one the author is editing.

After a plain ``pip install .`` the command reads the rules copied into the installed package,
while the author edits ``rules/`` in the checkout: lint then says "no problems" of files it never
read. ``rules_beside`` finds the ``rules/`` folder of the current directory (or of the nearest
folder above it that has one, as in a checkout's subfolder) and ``differences`` compares it with
the rule set read, file by file, so that the command can say which one it read and warn when they
differ.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from expert_engine import FRAME_FILE


def rules_beside(start: Path | None = None) -> Path | None:
    """The ``rules/`` folder (holding ``ruleset.yaml``) of ``start`` (the current directory) or of the nearest
    folder above it; None when there is none."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "rules" / FRAME_FILE).is_file():
            return folder / "rules"
    return None


@dataclass(frozen=True)
class Difference:
    """How the rule files of a folder differ from those read: names only there, only in the read set, edited."""

    only_here: tuple[str, ...]
    only_read: tuple[str, ...]
    edited: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.only_here or self.only_read or self.edited)


def differences(here: Path, read: Path) -> Difference:
    """The rule files (``*.yaml``, by path inside the folder) of ``here`` that the set in ``read`` lacks, has
    alone, or holds with other bytes."""
    mine, theirs = _files(here), _files(read)
    return Difference(
        tuple(sorted(set(mine) - set(theirs))),
        tuple(sorted(set(theirs) - set(mine))),
        tuple(sorted(name for name in set(mine) & set(theirs) if mine[name] != theirs[name])))


def shown(folder: Path) -> str:
    """A folder as the user would type it: relative to the current directory when inside it or a few folders
    up (``../rules``), else absolute."""
    try:
        relative = os.path.relpath(folder.resolve(), Path.cwd().resolve())
    except ValueError:  # another drive (Windows)
        return str(folder)
    return relative if Path(relative).parts[:NEAR].count("..") < NEAR else str(folder.resolve())


NEAR = 3
"""A folder this many levels up or more is shown by its absolute path."""


def _files(folder: Path) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*.yaml")):
        try:
            found[path.relative_to(folder).as_posix()] = path.read_bytes()
        except OSError:
            found[path.relative_to(folder).as_posix()] = b""
    return found
