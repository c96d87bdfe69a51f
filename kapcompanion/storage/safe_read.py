"""Reading a small file the app did not write itself, without hanging or running out of memory.

A file at one of the app's paths may be anything: a named pipe (reading would wait forever), a
link to ``/dev/zero`` (reading would never end), a huge file, or a link placed to make the app
read somewhere else. :func:`read_limited` opens without following a final link and without
blocking, checks that it is a regular file and not larger than a limit *before* reading, and
then reads at most that much.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class UnsafeFileError(OSError):
    """A file that is not read: ``reason`` says why in words for a person."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path.name} {reason}")
        self.path = path
        self.reason = reason


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a plain file"


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises :class:`FileNotFoundError` when there is none, and :class:`UnsafeFileError` for a
    link, a pipe, a device, a folder or a file over ``limit`` bytes."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        if os.path.islink(path):
            raise UnsafeFileError(path, "is a link; only a plain file is read") from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFileError(path, f"is {_kind(info.st_mode)}; only a plain file is read")
        if info.st_size > limit:
            raise UnsafeFileError(
                path, f"is {info.st_size:,} bytes, more than the {limit:,} this file may have"
            )
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise UnsafeFileError(path, f"grew past the {limit:,} bytes this file may have")
        return data
    finally:
        os.close(fd)
