"""Is the practice log's write-ahead journal (``<log>-wal``) whole?

After a crash the recent commits may still live only in the WAL file. SQLite replays its frames
up to the first one whose checksum fails and silently forgets the rest, then removes the file
at the next clean close. A damaged WAL would so take committed practice with it, unseen.
:func:`wal_damage` reads the file the way SQLite does (the format is SQLite's documented WAL
format) and says whether a frame of the current journal fails its checksum while a committed
frame follows it; the opener then keeps a copy of the log and its journal aside before SQLite
touches them, and says so.

A torn last frame (a write cut off by the crash, never committed) is not damage: nothing that
was committed follows it.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path

_MAGIC = (0x377F0682, 0x377F0683)
_HEADER = 32
_FRAME_HEADER = 24
#: A WAL larger than this is not read whole here (SQLite keeps it near 4 MB by itself).
MAX_CHECKED_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class WalDamage:
    """The first frame that fails, and how many committed frames follow it."""

    frame: int
    lost_commits: int


def _checksum(data: bytes, big_endian: bool, s0: int, s1: int) -> tuple[int, int]:
    fmt = ">II" if big_endian else "<II"
    for x0, x1 in struct.iter_unpack(fmt, data):
        s0 = (s0 + x0 + s1) & 0xFFFFFFFF
        s1 = (s1 + x1 + s0) & 0xFFFFFFFF
    return s0, s1


def wal_damage(wal: Path) -> WalDamage | None:
    """What in ``wal`` SQLite would silently drop; None when nothing committed would be."""
    try:
        size = os.lstat(wal).st_size
    except OSError:
        return None
    if size <= _HEADER or size > MAX_CHECKED_BYTES:
        return None
    with open(wal, "rb") as f:
        data = f.read(size)
    magic, _version, page_size, _seq, salt1, salt2, c1, c2 = struct.unpack(">8I", data[:_HEADER])
    if magic not in _MAGIC or page_size < 512 or page_size & (page_size - 1):
        return None  # not a journal SQLite would replay at all
    big = magic & 1 == 1
    s0, s1 = _checksum(data[:24], big, 0, 0)
    if (s0, s1) != (c1, c2):
        return None  # SQLite ignores a journal whose header fails: it was never replayed
    step = _FRAME_HEADER + page_size
    broken: int | None = None
    lost = 0
    for n, at in enumerate(range(_HEADER, size - step + 1, step)):
        header = data[at : at + _FRAME_HEADER]
        _page, commit, f_salt1, f_salt2, f1, f2 = struct.unpack(">6I", header)
        if (f_salt1, f_salt2) != (salt1, salt2):
            if broken is None:
                break  # an older journal's frames: where the current one ends
            continue
        if broken is not None:
            lost += 1 if commit else 0
            continue
        s0, s1 = _checksum(header[:8], big, s0, s1)
        s0, s1 = _checksum(data[at + _FRAME_HEADER : at + step], big, s0, s1)
        if (s0, s1) != (f1, f2):
            broken = n
    if broken is None or lost == 0:
        return None
    return WalDamage(broken, lost)
