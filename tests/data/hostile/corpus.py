"""The hostile corpus: the special, oversized and malformed files the app must meet calmly.

Nothing big is stored: each file is made at test time in a folder the test owns (a sparse file
takes no room on the disk, a pipe and a link take none either). The tests in tests/unit/storage
and tests/integration, and benchmarks/hostile.py, all make their files here, so a case is
written once.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

#: Deeper than a parser's stack allows, far deeper than the app does (safe_read.MAX_DEPTH),
#: and still small enough for any file the app reads (20 kB).
DEEP = 10_000


def fifo(path: Path) -> Path:
    """A named pipe: reading it would wait for a writer that never comes."""
    os.mkfifo(path)
    return path


def zero_link(path: Path) -> Path:
    """A link to /dev/zero: reading it would never end."""
    path.symlink_to("/dev/zero")
    return path


def sparse(path: Path, size: int = 3 * 1024**3) -> Path:
    """A file of ``size`` bytes (3 GB by default) that takes no room on the disk."""
    with path.open("wb") as f:
        f.truncate(size)
    return path


def folder(path: Path) -> Path:
    """A folder where a file should be."""
    path.mkdir()
    return path


def dangling_link(path: Path) -> Path:
    """A link to nothing: writing through it would make a file elsewhere."""
    path.symlink_to(path.with_name(path.name + ".nowhere"))
    return path


def deep_toml(path: Path) -> Path:
    """TOML nested :data:`DEEP` levels deep (a parser without a limit runs out of stack)."""
    path.write_text("a = " + "[" * DEEP + "]" * DEEP + "\n", encoding="utf-8")
    return path


def deep_json(path: Path) -> Path:
    path.write_text("[" * DEEP + "]" * DEEP, encoding="utf-8")
    return path


def deep_ini(path: Path) -> Path:
    """Not an INI file at all: bytes a settings reader might take for keys."""
    path.write_bytes(b"\x00\xff" * 1000)
    return path


#: Every kind of file that must never be read whole, or at all, by name.
SPECIAL: dict[str, Callable[[Path], Path]] = {
    "pipe": fifo,
    "link to /dev/zero": zero_link,
    "3 GB sparse file": sparse,
    "folder": folder,
}
