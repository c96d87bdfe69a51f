"""Writing private files safely: 0600 from the first byte, and all or nothing.

A file is written to a temporary name in the same folder, flushed to the disk and then renamed
over the target, so a crash or a full disk leaves either the old file or the new one, never a
half-written one.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .paths import FILE_MODE


@contextmanager
def private_text_file(target: Path, *, newline: str | None = None) -> Iterator[IO[str]]:
    """Open a temporary 0600 text file beside ``target``; on success it replaces ``target``.

    On any error the temporary file is removed and ``target`` is left as it was.
    """
    target = Path(target)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    fd = os.open(
        tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), FILE_MODE
    )
    try:
        os.fchmod(fd, FILE_MODE)  # the umask may have taken bits away; make it exactly 0600
        raw = os.fdopen(fd, "wb")
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    try:
        with raw, io.TextIOWrapper(raw, encoding="utf-8", newline=newline) as text:
            yield text
            text.flush()
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _sync_folder(target.parent)


def write_private_text(target: Path, write: Callable[[IO[str]], None]) -> None:
    with private_text_file(target) as f:
        write(f)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
