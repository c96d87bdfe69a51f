"""Helpers shared by the storage tests (this module holds no tests itself)."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from kapcompanion.domain.practice import PracticeRecord
from kapcompanion.storage.base import PracticeStore

CET = timezone(timedelta(hours=1))


class Wall:
    """A wall clock for tests: every reading is ``step`` later than the one before."""

    def __init__(
        self, start: datetime | None = None, step: timedelta = timedelta(seconds=1)
    ) -> None:
        self.t = start or datetime(2025, 3, 3, 9, 0, tzinfo=CET)
        self.step = step

    def __call__(self) -> datetime:
        now = self.t
        self.t += self.step
        return now

    def jump(self, delta: timedelta) -> None:
        self.t += delta


def practise(
    store: PracticeStore, minutes: float = 5.0, kind: str = "breathing", **finish: Any
) -> PracticeRecord:
    """One whole practice: start, then finish after ``minutes``."""
    pid = store.start_practice(kind, "resonance" if kind == "breathing" else "orienting")
    return store.finish_practice(pid, actual_s=minutes * 60.0, **finish)


def raw_rows(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Read the database file with a connection of its own (what is really on disk)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def snapshot(folder: Path) -> dict[str, tuple[int, str, int]]:
    """Every file under ``folder``: mode, content hash and modification time."""
    found = {}
    for p in sorted(folder.rglob("*")):
        st = p.stat()
        digest = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        found[str(p.relative_to(folder))] = (st.st_mode, digest, st.st_mtime_ns)
    return found
