"""One running copy per practice log.

A lock file beside the database (``<database>.lock``) is held with an exclusive, non-blocking
lock for as long as the log is open. The operating system drops the lock when the process
ends in any way, even when it is killed, so a stale lock file never blocks a restart. The file
holds the process id of the holder, only to name it in the message.

The lock file is made new without following a link (``O_EXCL | O_NOFOLLOW``), and an existing
one is used only when it is a plain file with one name: a link placed at its name would
otherwise have the app truncate and overwrite a file elsewhere. Anything else found there is
moved aside (``<name>.lock.unsafe-<time>``), never followed, and a new lock file is made.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sys
import time
from pathlib import Path

from .errors import LogLockedError
from .paths import FILE_MODE
from .safe_read import UnsafeFileError, open_lock_file

_logger = logging.getLogger(__name__)

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


class InstanceLock:
    """An exclusive lock on a practice log, held until :meth:`release`."""

    def __init__(self, path: Path, fd: int | None) -> None:
        self.path = path
        self._fd = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    @classmethod
    def acquire(cls, database: Path) -> InstanceLock:
        """Lock ``database`` for this process.

        Raises :class:`LogLockedError` when another copy holds it. When the folder cannot be
        written and there is no lock file yet, nobody can change the log, and an unheld lock
        is returned.
        """
        path = lock_path(database)
        try:
            fd = _open(path)
        except OSError:
            try:
                fd = os.open(
                    path,
                    os.O_RDONLY
                    | getattr(os, "O_NOFOLLOW", 0)
                    | getattr(os, "O_NONBLOCK", 0)
                    | getattr(os, "O_CLOEXEC", 0),
                )
            except OSError:
                return cls(path, None)
        if not _try_lock(fd):
            pid = _read_pid(fd)
            os.close(fd)
            raise LogLockedError(database, pid)
        with contextlib.suppress(OSError):
            os.fchmod(fd, FILE_MODE)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        return cls(path, fd)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        _unlock(fd)
        os.close(fd)

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _open(path: Path) -> int:
    """The lock file's descriptor; what is not a plain file of the app's own is moved aside
    first (a link is never followed)."""
    for _ in range(3):
        try:
            return open_lock_file(path, FILE_MODE)
        except UnsafeFileError as unsafe:
            aside = path.with_name(f"{path.name}.unsafe-{time.strftime('%Y%m%dT%H%M%S')}")
            _logger.warning("%s; moved aside to %s", unsafe, aside)
            with contextlib.suppress(FileNotFoundError):  # another copy moved it first
                os.rename(path, aside)
    return open_lock_file(path, FILE_MODE)


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None
