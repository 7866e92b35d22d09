"""Writing the user's files so that nothing is lost, and writing standard output so that a closed pipe is no crash.

A file is written whole or not at all: the text goes to a temporary file in the same
folder, is flushed to the disk, and only then replaces the target (``os.replace``, atomic
on one file system). Any failure (no such folder, a full disk, text the encoding cannot
hold) removes the temporary file, leaves the previous file as it was and raises
``WriteError`` with the reason. A target that exists but is not a regular file
(``/dev/null``, ``/dev/full``, a FIFO) is written in place: replacing it would swap a
device for a file.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from typing import Callable

from writeback_doctor.errors import ExitStatus, UserError

EXIT_CLOSED_PIPE = ExitStatus.CLOSED_PIPE


class WriteError(UserError):
    """A file could not be written; ``location`` is its name, the previous content (if any) is intact."""


def write_text(path: str | os.PathLike[str], text: str, mode: int | None = None) -> None:
    """Replace the content of ``path`` with ``text`` in UTF-8, atomically (see the module's docstring).

    ``mode`` is the new file's permission bits; by default an existing file keeps its own and a
    new one gets what the umask allows (as ``open`` would give it).
    """
    write_bytes(path, _encode(text, str(path)), mode)


def write_bytes(path: str | os.PathLike[str], data: bytes, mode: int | None = None) -> None:
    """``write_text`` for bytes."""
    name = os.fspath(path)
    target = Path(os.path.realpath(name))  # a symlink to a file: replace the file, keep the link
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise WriteError(name, _reason(error)) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise WriteError(name, "is a directory, expected a file name")
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_in_place(name, data)
        return
    if mode is None:
        mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    import tempfile  # here, not at the top: most runs write no file, and every run starts with this module

    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise WriteError(name, _reason(error, kept=info is not None)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as error:  # also Ctrl-C: never leave a half-written temporary behind
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(error, OSError):
            raise WriteError(name, _reason(error, kept=info is not None)) from None
        raise


def _write_in_place(name: str, data: bytes) -> None:
    try:
        with open(name, "wb") as stream:
            stream.write(data)
    except OSError as error:
        raise WriteError(name, _reason(error)) from None


def _encode(text: str, name: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise WriteError(name, f"cannot be written as UTF-8 (character {error.start}: "
                               f"{text[error.start]!r}); nothing was written") from None


def _reason(error: OSError, kept: bool = False) -> str:
    reason = error.strerror or str(error)
    if error.errno == errno.ENOENT:
        reason = "no such folder"
    return f"cannot write: {reason}" + ("; the previous file is unchanged" if kept else "")


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def guard_output(run: Callable[[], int], program: str = "diagnose") -> int:
    """Run ``run`` (a command that writes standard output) and end quietly when that output cannot be written.

    A reader that went away (``| head -1``) ends the run with ``EXIT_CLOSED_PIPE`` and no
    message; any other failure to write standard output (``> /dev/full``, stdout closed)
    with one line on standard error and status 2. Never a traceback.
    """
    if sys.stdout is None:  # started with standard output closed (>&-): fail when something is written
        sys.stdout = _ClosedOutput()
    if sys.stdin is None:  # started with standard input closed (<&-): reading it is an error, located
        sys.stdin = _ClosedInput()
    if sys.stderr is None:  # started with standard error closed (2>&-): messages are lost, statuses are not
        sys.stderr = _Discard()
    try:
        status = run()
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_CLOSED_PIPE
    except OSError as error:
        if error.errno == errno.EPIPE:
            _silence_stdout()
            return EXIT_CLOSED_PIPE
        _silence_stdout()
        try:
            sys.stderr.write(f"{program}: cannot write the output: {error.strerror or error}\n")
        except (OSError, ValueError):
            pass
        return ExitStatus.BAD_INPUT


class _ClosedOutput:
    """Standard output when there is none: writing is an error, as it is to a closed descriptor."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def isatty(self) -> bool:
        return False


class _ClosedStream:
    """The bytes of a closed standard input: reading fails as it does from a closed descriptor."""

    def _closed(self, *args: object) -> bytes:
        raise OSError(errno.EBADF, "standard input is closed")

    read = readline = read1 = _closed

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "standard input is closed")

    def isatty(self) -> bool:
        return False


class _ClosedInput(_ClosedStream):
    """Standard input when there is none (``<&-``): reading it, as text or bytes, is an ``OSError`` that every
    reader turns into a located message (``<stdin>: cannot read: standard input is closed``), exit 2."""

    buffer = _ClosedStream()

    def _closed_text(self, *args: object) -> str:
        raise OSError(errno.EBADF, "standard input is closed")

    read = readline = _closed_text  # type: ignore[assignment]


class _Discard:
    """Standard error when there is none (``2>&-``): what is written goes nowhere, and the run still ends with
    its status (2 for bad input), not with a failure to report it."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that the flush at interpreter exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
