"""The integration journal and the body map's marks, kept in SQLite beside the practice log.

:class:`JournalStore` works on an open connection (in the app, the practice log's own, so the
journal lives in the same private file and its medicine-session dates are at hand). Its
tables are made by :func:`ensure_schema`, which may be run on every start: it only adds what is
missing. :data:`SCHEMA` holds the same statements for a numbered migration.

Every write is one transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``), so a process killed at
any moment leaves whole rows only. Known storage problems (a full disk, a busy or read-only
file) become :class:`~kapcompanion.storage.errors.StorageFailure` with a message for the person;
anything else is a bug and is raised as it is.

Search is case-insensitive and ignores accents: each entry keeps a folded copy of its words
(:func:`kapcompanion.domain.journal.fold`), and every word of the query must appear in it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

from kapcompanion.domain.body_map import (
    Around,
    Mark,
    RegionSummary,
    Sensation,
    check_mark,
    spans_around,
    summary_from_counts,
)
from kapcompanion.domain.journal import (
    Draft,
    EntryHead,
    JournalEntry,
    check_entry,
    clean_text,
    fold,
    preview,
    search_terms,
)

from .errors import StorageFailure, problem_of
from .paths import FILE_MODE, ensure_private_dir, make_private

T = TypeVar("T")

SCHEMA: tuple[str, ...] = (
    # Times are kept twice: in UTC for their order, and as the person's local time with its
    # offset (what they saw, and the day it belongs to).
    """
    CREATE TABLE IF NOT EXISTS journal_entries (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        written_utc TEXT NOT NULL,
        written_at TEXT NOT NULL,
        local_date TEXT NOT NULL,
        follows TEXT,
        prompt_id TEXT,
        edited_at TEXT,
        length INTEGER NOT NULL,
        preview TEXT NOT NULL,
        text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
        folded TEXT NOT NULL
    )
    """,
    # The journal's list, newest first (covering: the list never reads the words themselves).
    "CREATE INDEX IF NOT EXISTS journal_list ON journal_entries "
    "(written_utc, uuid, written_at, follows, prompt_id, edited_at, length, preview)",
    """
    CREATE TABLE IF NOT EXISTS journal_drafts (
        entry_uuid TEXT PRIMARY KEY,
        prompt_id TEXT,
        text TEXT NOT NULL,
        saved_utc TEXT NOT NULL,
        saved_at TEXT NOT NULL
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE IF NOT EXISTS body_marks (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        region TEXT NOT NULL,
        sensation TEXT,
        own_word TEXT,
        label TEXT NOT NULL,
        intensity INTEGER CHECK (intensity BETWEEN 0 AND 10),
        at_utc TEXT NOT NULL,
        at_local TEXT NOT NULL,
        local_date TEXT NOT NULL,
        entry_uuid TEXT,
        practice_uuid TEXT,
        CHECK ((sensation IS NULL) <> (own_word IS NULL))
    )
    """,
    # Summaries over a span of days (covering: the sums never read the table itself).
    "CREATE INDEX IF NOT EXISTS body_marks_by_day "
    "ON body_marks (local_date, region, label, intensity)",
    # The marks made while writing an entry (they go with it).
    "CREATE INDEX IF NOT EXISTS body_marks_by_entry "
    "ON body_marks (entry_uuid) WHERE entry_uuid IS NOT NULL",
)

_HEAD_COLUMNS = "uuid, written_at, follows, prompt_id, edited_at, preview, length"
_ENTRY_COLUMNS = "uuid, written_at, follows, prompt_id, edited_at, text"
_MARK_COLUMNS = "uuid, region, sensation, own_word, intensity, at_local, entry_uuid, practice_uuid"
_NEWEST_FIRST = "ORDER BY written_utc DESC, uuid DESC"


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Create the journal's tables and indexes where they are missing (one transaction)."""
    _transaction(conn, lambda c: [c.execute(statement) for statement in SCHEMA])


def connect(path: Path, *, busy_timeout_s: float = 2.0) -> sqlite3.Connection:
    """Open (creating it 0600 in a private folder) an SQLite file for a :class:`JournalStore`
    of its own, set up as the practice log sets up its file: WAL, synchronous writes, deleted
    words overwritten. The app passes the practice log's connection instead."""
    ensure_private_dir(path.parent)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)
    conn = sqlite3.connect(path, isolation_level=None, timeout=busy_timeout_s)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA journal_mode = WAL")
        ensure_schema(conn)
    except BaseException:
        conn.close()
        raise
    for suffix in ("", "-wal", "-shm"):
        make_private(path.with_name(path.name + suffix))
    return conn


def _transaction(conn: sqlite3.Connection, action: Callable[[sqlite3.Connection], T]) -> T:
    if conn.in_transaction:
        raise RuntimeError("the connection is already inside a transaction")
    conn.execute("BEGIN IMMEDIATE")
    try:
        result = action(conn)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
    return result


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    query = "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?"
    return conn.execute(query, (name,)).fetchone() is not None


# --- rows ---------------------------------------------------------------------------------------


def _utc_text(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="microseconds")


def _local_text(when: datetime) -> str:
    """The local time with its offset ("2025-03-10T20:15:30.000000+02:00")."""
    return when.isoformat(timespec="microseconds")


def _local(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _entry_params(entry: JournalEntry) -> dict[str, Any]:
    return {
        "uuid": entry.uuid,
        "written_utc": _utc_text(entry.written_at),
        "written_at": _local_text(entry.written_at),
        "local_date": entry.written_on.isoformat(),
        "follows": entry.follows.isoformat() if entry.follows else None,
        "prompt_id": entry.prompt_id,
        "edited_at": _local_text(entry.edited_at) if entry.edited_at else None,
        "length": len(entry.text),
        "preview": preview(entry.text),
        "text": entry.text,
        "folded": fold(entry.text),
    }


def _entry_from_row(row: Sequence[Any]) -> JournalEntry:
    return JournalEntry(row[0], _at(row[1]), row[5], row[3], _day(row[2]), _local(row[4]))


def _head_from_row(row: Sequence[Any]) -> EntryHead:
    return EntryHead(row[0], _at(row[1]), row[5], row[6], row[3], _day(row[2]), _local(row[4]))


def _mark_params(mark: Mark) -> dict[str, Any]:
    return {
        "uuid": mark.uuid,
        "region": mark.region,
        "sensation": mark.sensation.value if mark.sensation else None,
        "own_word": mark.own_word,
        "label": mark.label,
        "intensity": mark.intensity,
        "at_utc": _utc_text(mark.at),
        "at_local": _local_text(mark.at),
        "local_date": mark.day.isoformat(),
        "entry_uuid": mark.entry_uuid,
        "practice_uuid": mark.practice_uuid,
    }


def _mark_from_row(row: Sequence[Any]) -> Mark:
    sensation = Sensation(row[2]) if row[2] else None
    return Mark(row[0], row[1], _at(row[5]), sensation, row[3], row[4], row[6], row[7])


_INSERT_ENTRY = """
INSERT INTO journal_entries (uuid, written_utc, written_at, local_date, follows, prompt_id,
                             edited_at, length, preview, text, folded)
VALUES (:uuid, :written_utc, :written_at, :local_date, :follows, :prompt_id, :edited_at,
        :length, :preview, :text, :folded)
"""

_UPDATE_ENTRY = """
UPDATE journal_entries SET text = :text, folded = :folded, preview = :preview,
       length = :length, prompt_id = :prompt_id, follows = :follows, edited_at = :edited_at
WHERE uuid = :uuid
"""

_SAVE_MARK = """
INSERT INTO body_marks (uuid, region, sensation, own_word, label, intensity, at_utc, at_local,
                        local_date, entry_uuid, practice_uuid)
VALUES (:uuid, :region, :sensation, :own_word, :label, :intensity, :at_utc, :at_local,
        :local_date, :entry_uuid, :practice_uuid)
ON CONFLICT (uuid) DO UPDATE SET
    region = excluded.region, sensation = excluded.sensation, own_word = excluded.own_word,
    label = excluded.label, intensity = excluded.intensity, at_utc = excluded.at_utc,
    at_local = excluded.at_local, local_date = excluded.local_date,
    entry_uuid = excluded.entry_uuid, practice_uuid = excluded.practice_uuid
"""

_ADD_MARK = _SAVE_MARK[: _SAVE_MARK.index("ON CONFLICT")].replace("INSERT", "INSERT OR IGNORE", 1)


class JournalStore:
    """Journal entries, drafts and body-map marks on ``conn`` (opened with
    ``isolation_level=None``; its tables made by :func:`ensure_schema`). ``path`` names the file
    in messages (by default the file ``conn`` has open)."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        path: Path | None = None,
        sessions: Callable[[], list[date]] | None = None,
        intention: Callable[[date], str | None] | None = None,
    ) -> None:
        self._conn = conn
        # A journal held in memory (guest practice) asks its log for these.
        self._sessions = sessions
        self._intention = intention
        if path is None:
            row = conn.execute("PRAGMA database_list").fetchone()
            path = Path(row[2]) if row and row[2] else Path(":memory:")
        self._path = path

    @property
    def path(self) -> Path:
        return self._path

    # --- talking to SQLite --------------------------------------------------------------------

    def _failure(self, exc: sqlite3.Error | OSError) -> StorageFailure | None:
        problem = problem_of(exc)
        return None if problem is None else StorageFailure(problem, self._path)

    def _read(self, action: Callable[[sqlite3.Connection], T]) -> T:
        try:
            return action(self._conn)
        except (sqlite3.Error, OSError) as exc:
            failure = self._failure(exc)
            if failure is None:
                raise
            raise failure from exc

    def _write(self, action: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``action`` in one transaction; nothing of it is kept unless all of it is."""
        try:
            return _transaction(self._conn, action)
        except (sqlite3.Error, OSError) as exc:
            failure = self._failure(exc)
            if failure is None:
                raise
            raise failure from exc

    # --- entries ------------------------------------------------------------------------------

    def add_entry(self, entry: JournalEntry) -> JournalEntry:
        """Keep a new entry (checked first); the entry as kept. Its draft, if any, goes."""
        kept = check_entry(entry)

        def write(conn: sqlite3.Connection) -> None:
            conn.execute(_INSERT_ENTRY, _entry_params(kept))
            conn.execute("DELETE FROM journal_drafts WHERE entry_uuid = ?", (kept.uuid,))

        self._write(write)
        return kept

    def add_entries(self, entries: Iterable[JournalEntry]) -> int:
        """Keep many new entries in one transaction (all or none); how many."""
        rows = [_entry_params(check_entry(e)) for e in entries]
        self._write(lambda conn: conn.executemany(_INSERT_ENTRY, rows))
        return len(rows)

    def update_entry(self, entry: JournalEntry) -> bool:
        """Write an entry's new words (and its draft goes); False when it is not there."""
        kept = check_entry(entry)

        def write(conn: sqlite3.Connection) -> bool:
            changed = conn.execute(_UPDATE_ENTRY, _entry_params(kept)).rowcount
            conn.execute("DELETE FROM journal_drafts WHERE entry_uuid = ?", (kept.uuid,))
            return changed > 0

        return self._write(write)

    def delete_entry(self, entry_uuid: str) -> bool:
        """Delete an entry, the marks made while writing it and its draft; False when it was not
        there. The words are overwritten on disk (secure_delete on the app's connection)."""

        def write(conn: sqlite3.Connection) -> bool:
            gone = conn.execute("DELETE FROM journal_entries WHERE uuid = ?", (entry_uuid,))
            conn.execute("DELETE FROM body_marks WHERE entry_uuid = ?", (entry_uuid,))
            conn.execute("DELETE FROM journal_drafts WHERE entry_uuid = ?", (entry_uuid,))
            return gone.rowcount > 0

        return self._write(write)

    def get_entry(self, entry_uuid: str) -> JournalEntry | None:
        row = self._read(
            lambda c: c.execute(
                f"SELECT {_ENTRY_COLUMNS} FROM journal_entries WHERE uuid = ?", (entry_uuid,)
            ).fetchone()
        )
        return _entry_from_row(row) if row else None

    def _rows(
        self, columns: str, where: str, params: Sequence[Any], limit: int | None
    ) -> list[Any]:
        sql = f"SELECT {columns} FROM journal_entries WHERE {where} {_NEWEST_FIRST} LIMIT ?"
        args = (*params, -1 if limit is None else limit)
        return self._read(lambda c: c.execute(sql, args).fetchall())

    def list_entries(self, limit: int | None = None) -> list[JournalEntry]:
        """Whole entries, newest first."""
        return [_entry_from_row(r) for r in self._rows(_ENTRY_COLUMNS, "1", (), limit)]

    def list_heads(self, limit: int | None = None) -> list[EntryHead]:
        """The start of each entry, newest first (for the journal's list)."""
        return [_head_from_row(r) for r in self._rows(_HEAD_COLUMNS, "1", (), limit)]

    def search(self, query: str, limit: int | None = None) -> list[EntryHead]:
        """Entries holding every word of ``query`` (case and accents aside), newest first; an
        empty query finds every entry."""
        terms = search_terms(query)
        where = " AND ".join("instr(folded, ?) > 0" for _ in terms) or "1"
        return [_head_from_row(r) for r in self._rows(_HEAD_COLUMNS, where, terms, limit)]

    def count_entries(self) -> int:
        row = self._read(lambda c: c.execute("SELECT count(*) FROM journal_entries").fetchone())
        return int(row[0])

    # --- drafts -------------------------------------------------------------------------------

    def save_draft(self, draft: Draft) -> None:
        """Keep words not yet kept as an entry (one draft per entry; a newer one replaces the
        older)."""
        if draft.saved_at.utcoffset() is None:
            raise ValueError("a draft needs a time with its time zone")
        row = (draft.entry_uuid, draft.prompt_id, clean_text(draft.text))
        when = (_utc_text(draft.saved_at), _local_text(draft.saved_at))
        sql = "INSERT OR REPLACE INTO journal_drafts VALUES (?, ?, ?, ?, ?)"
        self._write(lambda c: c.execute(sql, row + when))

    def drafts(self) -> list[Draft]:
        """Every draft, the newest first."""
        rows = self._read(
            lambda c: c.execute(
                "SELECT entry_uuid, text, saved_at, prompt_id FROM journal_drafts "
                "ORDER BY saved_utc DESC"
            ).fetchall()
        )
        return [Draft(r[0], r[1], _at(r[2]), r[3]) for r in rows]

    def discard_draft(self, entry_uuid: str) -> bool:
        sql = "DELETE FROM journal_drafts WHERE entry_uuid = ?"
        return self._write(lambda c: c.execute(sql, (entry_uuid,)).rowcount > 0)

    # --- body-map marks -----------------------------------------------------------------------

    def save_mark(self, mark: Mark) -> Mark:
        """Keep a mark, or its new state when one with its uuid is kept already."""
        kept = check_mark(mark)
        self._write(lambda c: c.execute(_SAVE_MARK, _mark_params(kept)))
        return kept

    def save_marks(self, marks: Iterable[Mark]) -> int:
        """Keep many marks in one transaction (all or none); how many."""
        rows = [_mark_params(check_mark(m)) for m in marks]
        self._write(lambda c: c.executemany(_SAVE_MARK, rows))
        return len(rows)

    def delete_mark(self, mark_uuid: str) -> bool:
        return self._write(
            lambda c: c.execute("DELETE FROM body_marks WHERE uuid = ?", (mark_uuid,)).rowcount > 0
        )

    def delete_marks_of_practice(self, practice_uuid: str) -> int:
        """Delete the marks made in one practice (it was deleted); how many."""
        sql = "DELETE FROM body_marks WHERE practice_uuid = ?"
        return self._write(lambda c: int(c.execute(sql, (practice_uuid,)).rowcount))

    def marks(self, first: date, last: date) -> list[Mark]:
        """Marks made from ``first`` to ``last`` (inclusive), oldest first."""
        rows = self._read(
            lambda c: c.execute(
                f"SELECT {_MARK_COLUMNS} FROM body_marks WHERE local_date BETWEEN ? AND ? "
                "ORDER BY at_utc, uuid",
                (first.isoformat(), last.isoformat()),
            ).fetchall()
        )
        return [_mark_from_row(r) for r in rows]

    def marks_for_entry(self, entry_uuid: str) -> list[Mark]:
        rows = self._read(
            lambda c: c.execute(
                f"SELECT {_MARK_COLUMNS} FROM body_marks WHERE entry_uuid = ? ORDER BY at_utc",
                (entry_uuid,),
            ).fetchall()
        )
        return [_mark_from_row(r) for r in rows]

    def summary(self, first: date, last: date) -> dict[str, RegionSummary]:
        """Marks from ``first`` to ``last`` (inclusive) summed per region, as
        :func:`kapcompanion.domain.body_map.summarise` sums them."""
        rows = self._read(
            lambda c: c.execute(
                "SELECT region, label, count(*), coalesce(sum(intensity), 0), count(intensity) "
                "FROM body_marks WHERE local_date BETWEEN ? AND ? GROUP BY region, label",
                (first.isoformat(), last.isoformat()),
            ).fetchall()
        )
        return summary_from_counts(rows)

    def around_session(self, session: date, days: int = 7) -> Around:
        """The marks of the days before ``session`` and of the days from it on, summed."""
        before, after = spans_around(session, days, self.session_days())
        return Around(session, before, after, self.summary(*before), self.summary(*after))

    # --- what the practice log knows ----------------------------------------------------------

    def session_days(self) -> list[date]:
        """The medicine-session dates the practice log keeps (none in a file without them)."""
        if self._sessions is not None:
            return sorted(self._sessions())

        def read(conn: sqlite3.Connection) -> list[date]:
            if not _has_table(conn, "medicine_sessions"):
                return []
            rows = conn.execute("SELECT day FROM medicine_sessions ORDER BY day").fetchall()
            return [date.fromisoformat(r[0]) for r in rows]

        return self._read(read)

    def intention_for(self, day: date) -> str | None:
        """The intention kept with the latest practice of ``day``, if one was kept."""
        if self._intention is not None:
            return self._intention(day)

        def read(conn: sqlite3.Connection) -> str | None:
            if not _has_table(conn, "practices"):
                return None
            row = conn.execute(
                "SELECT json_extract(inputs, '$.intention') FROM practices "
                "WHERE local_date = ? AND json_valid(inputs) "
                "AND json_type(inputs, '$.intention') = 'text' "
                "ORDER BY started_utc DESC LIMIT 1",
                (day.isoformat(),),
            ).fetchone()
            return str(row[0]) if row and row[0] else None

        return self._read(read)

    # --- all of it ----------------------------------------------------------------------------

    def merge(self, entries: Iterable[JournalEntry], marks: Iterable[Mark]) -> tuple[int, int]:
        """Add the entries and marks whose uuid is new (from a backup), all in one transaction;
        those already kept stay as they are. How many entries and marks were added."""
        entry_rows = [_entry_params(check_entry(e)) for e in entries]
        mark_rows = [_mark_params(check_mark(m)) for m in marks]

        def write(conn: sqlite3.Connection) -> tuple[int, int]:
            before = conn.total_changes
            conn.executemany(_INSERT_ENTRY.replace("INSERT", "INSERT OR IGNORE", 1), entry_rows)
            added_entries = conn.total_changes - before
            before = conn.total_changes
            conn.executemany(_ADD_MARK, mark_rows)
            return added_entries, conn.total_changes - before

        return self._write(write)

    def all_entries(
        self, first: date | None = None, last: date | None = None
    ) -> list[JournalEntry]:
        """Whole entries written from ``first`` to ``last`` (either open), oldest first."""
        sql = (
            f"SELECT {_ENTRY_COLUMNS} FROM journal_entries WHERE local_date BETWEEN ? AND ? "
            "ORDER BY written_utc, uuid"
        )
        span = ((first or date.min).isoformat(), (last or date.max).isoformat())
        return [_entry_from_row(r) for r in self._read(lambda c: c.execute(sql, span).fetchall())]

    def delete_all(self) -> int:
        """Delete every entry, draft and mark (the UI asks first); how many entries."""

        def wipe(conn: sqlite3.Connection) -> int:
            return delete_everything(conn)

        return self._write(wipe)


def delete_everything(conn: sqlite3.Connection) -> int:
    """Inside the caller's transaction: delete the journal's rows where its tables exist; how
    many entries there were."""
    if not _has_table(conn, "journal_entries"):
        return 0
    count = int(conn.execute("DELETE FROM journal_entries").rowcount)
    conn.execute("DELETE FROM journal_drafts")
    conn.execute("DELETE FROM body_marks")
    return count


def memory_store(
    sessions: Callable[[], list[date]], intention: Callable[[date], str | None]
) -> JournalStore:
    """A journal held in memory only (guest practice): nothing is written anywhere."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    ensure_schema(conn)
    return JournalStore(conn, path=Path(":memory:"), sessions=sessions, intention=intention)
