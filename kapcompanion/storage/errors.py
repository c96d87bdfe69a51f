"""What can go wrong with the practice log, told apart from bugs.

Known storage problems (a full disk, a read-only folder, a damaged file, a file in use) become
:class:`StorageFailure` with a message for the person: which file, what happened, what they
can do. Anything else, such as an SQL mistake or a broken constraint, is a bug and is raised
as it is, so it is noticed instead of being passed off as a storage problem.
"""

from __future__ import annotations

import errno
import sqlite3
from enum import StrEnum
from pathlib import Path

from kapcompanion.i18n import _


class Problem(StrEnum):
    DISK_FULL = "disk_full"
    READ_ONLY = "read_only"
    LOCKED = "locked"
    CORRUPT = "corrupt"
    CANNOT_OPEN = "cannot_open"
    IO = "io"


# Primary result codes of SQLite (the low byte of an extended code).
_SQLITE_PROBLEMS: dict[int, Problem] = {
    3: Problem.READ_ONLY,  # SQLITE_PERM
    5: Problem.LOCKED,  # SQLITE_BUSY
    6: Problem.LOCKED,  # SQLITE_LOCKED
    8: Problem.READ_ONLY,  # SQLITE_READONLY
    10: Problem.IO,  # SQLITE_IOERR
    11: Problem.CORRUPT,  # SQLITE_CORRUPT
    13: Problem.DISK_FULL,  # SQLITE_FULL
    14: Problem.CANNOT_OPEN,  # SQLITE_CANTOPEN
    26: Problem.CORRUPT,  # SQLITE_NOTADB
}
_SQLITE_IOERR_NOMEM = 10 | (12 << 8)

_OS_PROBLEMS: dict[int, Problem] = {
    errno.ENOSPC: Problem.DISK_FULL,
    errno.EDQUOT: Problem.DISK_FULL,
    errno.EFBIG: Problem.DISK_FULL,
    errno.EROFS: Problem.READ_ONLY,
    errno.EACCES: Problem.READ_ONLY,
    errno.EPERM: Problem.READ_ONLY,
    errno.EIO: Problem.IO,
    errno.ENOENT: Problem.CANNOT_OPEN,
    errno.ENOTDIR: Problem.CANNOT_OPEN,
}


def problem_of(exc: BaseException) -> Problem | None:
    """The known storage problem behind ``exc``, or None when it is not one (a bug)."""
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if code is None or code == _SQLITE_IOERR_NOMEM:
            return None
        return _SQLITE_PROBLEMS.get(code & 0xFF)
    if isinstance(exc, OSError) and exc.errno is not None:
        return _OS_PROBLEMS.get(exc.errno)
    return None


def advice(problem: Problem, path: Path) -> str:
    """One or two sentences for the person: what happened to ``path`` and what they can do."""
    folder = path.parent
    if problem is Problem.DISK_FULL:
        return _(
            "There is no room left on the disk that holds {folder}. "
            "You might free some space; nothing saved before is affected."
        ).format(folder=folder)
    if problem is Problem.READ_ONLY:
        return _(
            "The folder {folder} cannot be written to (it may be read-only or belong to "
            "another user). You might check its permissions; nothing saved before is affected."
        ).format(folder=folder)
    if problem is Problem.LOCKED:
        return _(
            "The practice log {path} is busy: another program seems to be using it. "
            "You might close that program and try again."
        ).format(path=path)
    if problem is Problem.CORRUPT:
        return _(
            "The practice log {path} looks damaged. It will be kept aside, unchanged, the "
            "next time the app starts, and a new log will be begun."
        ).format(path=path)
    if problem is Problem.CANNOT_OPEN:
        return _(
            "The practice log {path} could not be opened. You might check that {folder} exists."
        ).format(path=path, folder=folder)
    return _(
        "Reading or writing {path} failed (an input/output error from the disk). "
        "You might check the disk; nothing saved before has been removed."
    ).format(path=path)


class StorageFailure(Exception):
    """A known storage problem, with a message that can be shown as it is."""

    def __init__(self, problem: Problem, path: Path, message: str | None = None) -> None:
        self.problem = problem
        self.path = path
        self.message = message or advice(problem, path)
        super().__init__(self.message)


class LogUnavailable(Exception):
    """The practice log cannot be used at all from this copy of the app (the message says
    why and what the person can do). Guest practice, which saves nothing, still works."""

    def __init__(self, path: Path, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(message)


class LogLockedError(LogUnavailable):
    """Another running copy of the app has the practice log open."""

    def __init__(self, path: Path, pid: int | None) -> None:
        self.pid = pid
        if pid:
            message = _(
                "The practice log {path} is already open in another copy of kapcompanion that "
                "is still running (process {pid}). You might switch to that window, or close it "
                "and start this one again. You can still practise here as a guest; nothing "
                "would be saved."
            ).format(path=path, pid=pid)
        else:
            message = _(
                "The practice log {path} is already open in another copy of kapcompanion that "
                "is still running. You might switch to that window, or close it and start this "
                "one again. You can still practise here as a guest; nothing would be saved."
            ).format(path=path)
        super().__init__(path, message)


class NewerVersionError(LogUnavailable):
    """The practice log was written by a newer version of the app; it is left untouched."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.found = found
        self.supported = supported
        super().__init__(
            path,
            _(
                "The practice log {path} was written by a newer version of kapcompanion "
                "(log format {found}; this version knows formats up to {supported}). "
                "It has been left exactly as it is. You might open it with the newer version; "
                "here you can practise as a guest, and nothing would be saved."
            ).format(path=path, found=found, supported=supported),
        )


class ImportFormatError(ValueError):
    """A backup file cannot be imported; nothing was imported from it."""

    def __init__(self, path: Path, where: str, problem: str) -> None:
        self.path = path
        self.where = where
        self.problem = problem
        if where:
            message = _(
                "The backup {path} could not be imported ({where}): {problem}. "
                "Nothing from it was added, and your log is unchanged."
            ).format(path=path, where=where, problem=problem)
        else:
            message = _(
                "The backup {path} could not be imported: {problem}. "
                "Nothing from it was added, and your log is unchanged."
            ).format(path=path, problem=problem)
        super().__init__(message)
