"""The terminal's width in columns, worked out as ``shutil.get_terminal_size`` does, without importing ``shutil``.

``shutil`` imports the compression modules (bz2, lzma): ~1.5 ms of every start, for one number. The report
(``report.terminal``) and ``--help`` (``cli``, where argparse would import ``shutil`` for it) read it here.
"""

from __future__ import annotations

import os
import sys


def terminal_columns(fallback: int = 80) -> int:
    """``COLUMNS`` when it is a positive number, else the width of the terminal standard output was started on,
    else ``fallback`` (no terminal, or one that says 0): ``shutil.get_terminal_size((fallback, ...)).columns``."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        size = os.get_terminal_size(sys.__stdout__.fileno())  # type: ignore[union-attr]  # None: AttributeError below
    except (AttributeError, ValueError, OSError):
        return fallback
    return size.columns or fallback
