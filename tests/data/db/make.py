"""Make the stored practice logs of every earlier schema version (v1.sqlite3, v2.sqlite3, ...).

Each file is built by running the migrations up to that version and then writing sample rows
the way that version of the app wrote them. The migration tests open these files with the
current code and check that every row arrives intact. Run from the repository root:

    .venv/bin/python tests/data/db/make.py

A released version's file is never changed; when the schema moves on, add the next one.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from kapcompanion.storage.migrations import CURRENT_VERSION, migrate  # noqa: E402

SESSIONS = ("2025-02-27", "2025-03-05")

# One row per practice, as every version stores it; the migration tests expect these values.
PRACTICES: tuple[dict[str, Any], ...] = (
    {
        "uuid": "0b6f1a52-3c1e-4d0a-9a55-2f3c6d1e9a01",
        "kind": "breathing",
        "ref": "resonance",
        "status": "completed",
        "planned_s": 300.0,
        "actual_s": 300.0,
        "rating_before": 4,
        "rating_after": 7,
        "intention": "to arrive",
        "answers": {},
        "note": "calmer after",
        "steps": [("settle", 0.0, 60.0, False), ("pace", 60.0, 240.0, False)],
        "started_utc": "2025-03-01T09:00:00.000000+00:00",
        "ended_utc": "2025-03-01T09:05:00.000000+00:00",
        "local_date": "2025-03-01",
    },
    {
        "uuid": "0b6f1a52-3c1e-4d0a-9a55-2f3c6d1e9a02",
        "kind": "exercise",
        "ref": "five-four-three-two-one",
        "status": "stopped",
        "planned_s": 600.0,
        "actual_s": 200.5,
        "rating_before": 6,
        "rating_after": None,
        "intention": None,
        "answers": {"see": ["lamp", "window"], "hear": ["rain"]},
        "note": "Ängste – leiser; 静か",
        "steps": [("see", 0.0, 90.0, False), ("touch", 90.0, 110.5, True)],
        "started_utc": "2025-03-02T21:30:00.250000+00:00",
        "ended_utc": "2025-03-02T21:33:20.750000+00:00",
        "local_date": "2025-03-02",
    },
    {
        "uuid": "0b6f1a52-3c1e-4d0a-9a55-2f3c6d1e9a03",
        "kind": "exercise",
        "ref": "body-scan-10",
        "status": "in_progress",
        "planned_s": 600.0,
        "actual_s": None,
        "rating_before": None,
        "rating_after": None,
        "intention": None,
        "answers": {},
        "note": None,
        "steps": [],
        "started_utc": "2025-03-03T23:10:00.000000+00:00",
        "ended_utc": None,
        "local_date": "2025-03-04",
    },
    {
        "uuid": "0b6f1a52-3c1e-4d0a-9a55-2f3c6d1e9a04",
        "kind": "breathing",
        "ref": "longer-exhale",
        "status": "completed",
        "planned_s": None,
        "actual_s": 120.0,
        "rating_before": None,
        "rating_after": 5,
        "intention": None,
        "answers": {},
        "note": None,
        "steps": [],
        "started_utc": "2025-03-05T07:00:00.000000+00:00",
        "ended_utc": "2025-03-05T07:02:00.000000+00:00",
        "local_date": "2025-03-05",
    },
)


def _inputs(p: dict, *, with_note: bool) -> str:
    inputs: dict[str, object] = {}
    if p["intention"] is not None:
        inputs["intention"] = p["intention"]
    if p["answers"]:
        inputs["answers"] = p["answers"]
    if with_note and p["note"] is not None:
        inputs["note"] = p["note"]
    return json.dumps(inputs, ensure_ascii=False)


def _columns(p: dict) -> tuple:
    return (
        p["kind"],
        p["ref"],
        p["status"],
        p["planned_s"],
        p["actual_s"],
        p["rating_before"],
        p["rating_after"],
    )


def write_v1(conn: sqlite3.Connection) -> None:
    for p in PRACTICES:
        steps = [
            {"step": s, "start": a, "seconds": d, **({"skipped": True} if k else {})}
            for s, a, d, k in p["steps"]
        ]
        conn.execute(
            "INSERT INTO practices (kind, ref, status, planned_s, actual_s, rating_before,"
            " rating_after, inputs, steps, started_utc, ended_utc, local_date)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                *_columns(p),
                _inputs(p, with_note=True),
                json.dumps(steps),
                p["started_utc"],
                p["ended_utc"],
                p["local_date"],
            ),
        )


def _write_steps(conn: sqlite3.Connection, practice_id: int | None, p: dict) -> None:
    conn.executemany(
        "INSERT INTO practice_steps (practice_id, position, step_id, started_s, duration_s,"
        " skipped) VALUES (?, ?, ?, ?, ?, ?)",
        [(practice_id, i, s, a, d, int(k)) for i, (s, a, d, k) in enumerate(p["steps"])],
    )


def write_v2(conn: sqlite3.Connection) -> None:
    for p in PRACTICES:
        cur = conn.execute(
            "INSERT INTO practices (uuid, kind, ref, status, planned_s, actual_s, rating_before,"
            " rating_after, inputs, started_utc, ended_utc, local_date)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                p["uuid"],
                *_columns(p),
                _inputs(p, with_note=True),
                p["started_utc"],
                p["ended_utc"],
                p["local_date"],
            ),
        )
        _write_steps(conn, cur.lastrowid, p)


def write_v3(conn: sqlite3.Connection) -> None:
    """v3: the note in its own column, no longer inside ``inputs``."""
    for p in PRACTICES:
        cur = conn.execute(
            "INSERT INTO practices (uuid, kind, ref, status, planned_s, actual_s, rating_before,"
            " rating_after, inputs, note, started_utc, ended_utc, local_date)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                p["uuid"],
                *_columns(p),
                _inputs(p, with_note=False),
                p["note"],
                p["started_utc"],
                p["ended_utc"],
                p["local_date"],
            ),
        )
        _write_steps(conn, cur.lastrowid, p)


WRITERS = {1: write_v1, 2: write_v2, 3: write_v3}


def make(version: int, folder: Path = HERE) -> Path:
    path = folder / f"v{version}.sqlite3"
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        migrate(conn, target=version)
        conn.execute("BEGIN")
        WRITERS[version](conn)
        conn.executemany("INSERT INTO medicine_sessions (day) VALUES (?)", [(d,) for d in SESSIONS])
        conn.execute("COMMIT")
        # Store a single self-contained file.
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("VACUUM")
    finally:
        conn.close()
    return path


def main() -> None:
    """Make the file of every earlier version that is not stored yet (a stored file is never
    made again: it stands for what that version really wrote)."""
    for version in range(1, CURRENT_VERSION):
        path = HERE / f"v{version}.sqlite3"
        if path.exists():
            print(f"{path} (kept as it is)")
        else:
            print(make(version))


if __name__ == "__main__":
    main()
