"""Writing private files safely: 0600 from the first byte, and all or nothing.

A file is written to a temporary name in the same folder, flushed to the disk and then renamed
over the target, so a crash or a full disk leaves either the old file or the new one, never a
half-written one.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, BinaryIO

from .paths import FILE_MODE
from .safe_read import create_new


def _tidy_earlier(target: Path) -> None:
    """Remove what an earlier, killed write to ``target`` left beside it (its temporary
    file, named for a process that is gone), so an export killed midway does not leave a copy
    of the log in the folder it was written to. Only this user's plain files are touched."""
    from .cleanup import pid_alive

    prefix, suffix = f".{target.name}.", ".tmp"
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        pid = name[len(prefix) : -len(suffix)]
        if not (name.startswith(prefix) and name.endswith(suffix) and pid.isdigit()):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid() and not pid_alive(int(pid)):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


@contextmanager
def replacing(target: Path, *, mode: int = FILE_MODE) -> Iterator[BinaryIO]:
    """Open a temporary binary file beside ``target``, with exactly ``mode`` from the first
    byte. When the block ends without an error the file is flushed to the disk and renamed over
    ``target``, and the folder is synced; on any error the temporary file is removed and
    ``target`` is left as it was."""
    target = Path(target)
    _tidy_earlier(target)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        fd = create_new(tmp, mode)  # never through a link, exactly ``mode`` whatever the umask
    except FileExistsError:
        # Only this process makes this name: what is there is its own leftover, or a link
        # someone placed; take the name away (a link's target is never touched) and begin anew.
        tmp.unlink()
        fd = create_new(tmp, mode)
    try:
        raw = os.fdopen(fd, "wb")
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    try:
        with raw:
            yield raw
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    sync_folder(target.parent)


@contextmanager
def private_text_file(target: Path, *, newline: str | None = None) -> Iterator[IO[str]]:
    """Open a temporary 0600 UTF-8 text file beside ``target``; on success it replaces
    ``target`` (see :func:`replacing`)."""
    with replacing(target) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline=newline)
        yield text
        text.flush()
        text.detach()  # the binary file stays open for replacing() to sync and close


def write_private_text(target: Path, write: Callable[[IO[str]], None]) -> None:
    with private_text_file(target) as f:
        write(f)


def sync_folder(folder: Path) -> None:
    """Ask the disk to keep a folder's entries (a file just renamed into it), if it can."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
