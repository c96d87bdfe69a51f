"""The practice log's schema, version by version.

The version of a database file is kept in ``pragma user_version``. A new file is built by
running every migration from version 0, so a fresh log and an upgraded one end up with the
same schema. Migrations only ever move forward and, once released, are never edited: add a
new one instead. Every earlier version has a stored example under ``tests/data/db/``.

- v1: practices (inputs and per-step times as JSON), medicine-session dates.
- v2: every practice gets a stable UUID (so backups merge without duplicates); per-step times
  move to their own table.
- v3: the note gets its own column (so it can be edited alone); indexes for the history.
- v4: kept answers may come from any exercise input, not only 5-4-3-2-1 (they stay in
  ``inputs`` as ``{"answers": {key: [text, ...]}}``; an older version, which would refuse them
  in a backup, is kept from opening the file by the version number); the ratings indexes carry
  the kind, so ratings of one kind and ratings summed per day are read from an index alone.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable

_V1 = (
    """
    CREATE TABLE practices (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('breathing', 'exercise')),
        ref TEXT NOT NULL,
        status TEXT NOT NULL
            CHECK (status IN ('in_progress', 'completed', 'stopped', 'interrupted')),
        planned_s REAL,
        actual_s REAL,
        rating_before INTEGER CHECK (rating_before BETWEEN 0 AND 10),
        rating_after INTEGER CHECK (rating_after BETWEEN 0 AND 10),
        inputs TEXT NOT NULL DEFAULT '{}',
        steps TEXT NOT NULL DEFAULT '[]',
        started_utc TEXT NOT NULL,
        ended_utc TEXT,
        local_date TEXT NOT NULL
    )
    """,
    "CREATE INDEX practices_by_day ON practices (local_date)",
    "CREATE TABLE medicine_sessions (day TEXT PRIMARY KEY) WITHOUT ROWID",
)

_V2 = (
    """
    CREATE TABLE practices_v2 (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('breathing', 'exercise')),
        ref TEXT NOT NULL,
        status TEXT NOT NULL
            CHECK (status IN ('in_progress', 'completed', 'stopped', 'interrupted')),
        planned_s REAL,
        actual_s REAL,
        rating_before INTEGER CHECK (rating_before BETWEEN 0 AND 10),
        rating_after INTEGER CHECK (rating_after BETWEEN 0 AND 10),
        inputs TEXT NOT NULL DEFAULT '{}',
        started_utc TEXT NOT NULL,
        ended_utc TEXT,
        local_date TEXT NOT NULL
    )
    """,
    """
    INSERT INTO practices_v2 (id, uuid, kind, ref, status, planned_s, actual_s, rating_before,
                              rating_after, inputs, started_utc, ended_utc, local_date)
    SELECT id, kapcompanion_new_uuid(), kind, ref, status, planned_s, actual_s, rating_before,
           rating_after, inputs, started_utc, ended_utc, local_date
    FROM practices ORDER BY id
    """,
    """
    CREATE TABLE practice_steps (
        practice_id INTEGER NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        step_id TEXT NOT NULL,
        started_s REAL NOT NULL,
        duration_s REAL NOT NULL,
        skipped INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
        PRIMARY KEY (practice_id, position)
    ) WITHOUT ROWID
    """,
    """
    INSERT INTO practice_steps (practice_id, position, step_id, started_s, duration_s, skipped)
    SELECT p.id, CAST(s.key AS INTEGER), json_extract(s.value, '$.step'),
           json_extract(s.value, '$.start'), json_extract(s.value, '$.seconds'),
           CASE WHEN json_extract(s.value, '$.skipped') THEN 1 ELSE 0 END
    FROM practices AS p, json_each(p.steps) AS s
    """,
    "DROP TABLE practices",
    "ALTER TABLE practices_v2 RENAME TO practices",
    "CREATE INDEX practices_by_day ON practices (local_date)",
)

_V3 = (
    "ALTER TABLE practices ADD COLUMN note TEXT",
    """
    UPDATE practices
    SET note = json_extract(inputs, '$.note'), inputs = json_remove(inputs, '$.note')
    WHERE json_type(inputs, '$.note') IS NOT NULL
    """,
    "DROP INDEX practices_by_day",
    # Minutes per day (covering: the sums never read the table itself).
    "CREATE INDEX practices_day_minutes ON practices (local_date, actual_s, kind)",
    # The list, newest first, with or without a kind.
    "CREATE INDEX practices_by_start ON practices (started_utc, uuid)",
    "CREATE INDEX practices_kind_start ON practices (kind, started_utc, uuid)",
    # Ratings over time, in time order (covering, and only the rated practices).
    """
    CREATE INDEX practices_rated
    ON practices (started_utc, uuid, local_date, rating_before, rating_after)
    WHERE rating_before IS NOT NULL OR rating_after IS NOT NULL
    """,
    # Finding practices a crash left running, at every start.
    "CREATE INDEX practices_running ON practices (status) WHERE status = 'in_progress'",
)

_RATED = "rating_before IS NOT NULL OR rating_after IS NOT NULL"

_V4 = (
    "DROP INDEX practices_rated",
    # Ratings over time, in time order, of every kind or of one (covering).
    f"""
    CREATE INDEX practices_rated
    ON practices (started_utc, uuid, local_date, kind, rating_before, rating_after)
    WHERE {_RATED}
    """,
    # Ratings summed per day, with or without a kind (covering, already in day order).
    f"""
    CREATE INDEX practices_rated_by_day
    ON practices (local_date, kind, rating_before, rating_after)
    WHERE {_RATED}
    """,
)

Migration = tuple[str, ...]

#: MIGRATIONS[n] takes a database from version n to version n + 1.
MIGRATIONS: tuple[Migration, ...] = (_V1, _V2, _V3, _V4)
CURRENT_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def install_functions(conn: sqlite3.Connection) -> None:
    """SQL functions the migrations use."""
    conn.create_function("kapcompanion_new_uuid", 0, lambda: str(uuid.uuid4()))


def migrate(
    conn: sqlite3.Connection,
    target: int = CURRENT_VERSION,
    before: Callable[[int], None] | None = None,
) -> int:
    """Bring ``conn`` (opened with ``isolation_level=None``) to version ``target`` in a single
    transaction: either every step is applied or none is. Returns the version found.

    ``before(version)`` is called first when there is something to do (to keep a copy of the
    file). The caller has checked that the version is not newer than this code knows.
    """
    found = user_version(conn)
    if found >= target:
        return found
    if before is not None:
        before(found)
    install_functions(conn)
    # A table rebuild must not cascade; foreign keys are checked by hand before committing.
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = user_version(conn)
            for step in MIGRATIONS[version:target]:
                for statement in step:
                    conn.execute(statement)
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise sqlite3.IntegrityError(f"migration left broken references: {broken[:5]}")
            conn.execute(f"PRAGMA user_version = {int(target)}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
    return found
