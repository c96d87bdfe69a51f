"""The saved practice log: one SQLite file in the private data folder.

A practice is written when it starts (in progress), every so often while it runs (how far it
has come) and again when it ends (completed or stopped early, with the real end time), so a
crash leaves a record, never a gap: the next time the log is opened, practices still marked in
progress become "interrupted". What the person adds once it has ended (how they feel now,
the answers they chose to keep) goes into the finished row (:meth:`PracticeLog.record_after`).
Every write is one transaction (WAL journal, synchronous=FULL), so a killed process never
leaves half a record.

When something stops the log from saving (a full disk, a read-only folder, a file in use),
nothing already saved is touched, the practice in progress carries on in memory and the
person is told once, in plain words (see :meth:`PracticeLog.take_notices`). What is kept in
memory is written as soon as saving works again (at the next write, or with
:meth:`PracticeLog.retry_unsaved`); the UI can offer an export of :meth:`PracticeLog.unsaved`
before closing.

Opening the log (:func:`open_log`) deals with the rest:

- a damaged file is moved aside to ``<name>.corrupt-<time>`` (never deleted or overwritten)
  and a new log is begun; the notice says where the old file is;
- a file from a newer version is left untouched and :class:`NewerVersionError` is raised;
- a log already open in another running copy raises :class:`LogLockedError`;
- an older file is copied to ``<name>.v<N>-backup-<time>`` and then upgraded.

The two refusals leave guest practice (:class:`~kapcompanion.storage.guest.GuestLog`) open.
"""

from __future__ import annotations

import contextlib
import heapq
import json
import logging
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from kapcompanion.domain.clock import Clock, MonotonicClock
from kapcompanion.domain.practice import Kind, PracticeRecord, RatingPoint, Status, StepTime
from kapcompanion.domain.practice_flow import interrupted, with_note
from kapcompanion.domain.practice_history import (
    DayRatings,
    days,
    days_practised_in_week,
    merge_day_ratings,
    week_start,
)

from .base import (
    PAGE_SIZE,
    ImportResult,
    Notice,
    NoticeKind,
    NotRunningError,
    PracticeFlow,
    UnknownPracticeError,
    local_now,
)
from .errors import NewerVersionError, Problem, StorageFailure, problem_of
from .lock import InstanceLock
from .memory import MemoryRecords, page_of
from .migrations import CURRENT_VERSION, migrate, user_version
from .paths import FILE_MODE, database_path, ensure_private_dir, make_private

T = TypeVar("T")
_logger = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
_COLUMNS = (
    "id, uuid, kind, ref, status, planned_s, actual_s, rating_before, rating_after, "
    "inputs, note, started_utc, ended_utc, local_date"
)
_BATCH = 500
#: After a failed write, how long to keep new records in memory before trying the disk again
#: (a busy file makes every try wait for the busy timeout).
RETRY_AFTER_S = 30.0


def _utc_text(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="microseconds")


def _stamp(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _unused(path: Path) -> Path:
    """``path``, or ``path`` with a number added when that name is taken."""
    if not path.exists():
        return path
    n = 2
    while path.with_name(f"{path.name}-{n}").exists():
        n += 1
    return path.with_name(f"{path.name}-{n}")


def _companions(path: Path) -> list[Path]:
    """The database file and the journal files SQLite keeps beside it."""
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def _header_version(path: Path) -> int | None:
    """The schema version written in the file's header, without opening it with SQLite.

    Returns None for an empty file (SQLite treats it as a new database) and raises
    :class:`StorageFailure` (corrupt) for a file that is not an SQLite database.
    """
    with open(path, "rb") as f:
        header = f.read(100)
    if not header:
        return None
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise StorageFailure(Problem.CORRUPT, path, "not an SQLite database")
    return int.from_bytes(header[60:64], "big", signed=True)


def _record_from_row(row: Sequence[Any], steps: Sequence[StepTime]) -> PracticeRecord:
    inputs = json.loads(row[9] or "{}")
    answers = {str(k): tuple(str(x) for x in v) for k, v in inputs.get("answers", {}).items()}
    return PracticeRecord(
        uuid=row[1],
        kind=Kind(row[2]),
        ref=row[3],
        status=Status(row[4]),
        planned_s=row[5],
        actual_s=row[6],
        rating_before=row[7],
        rating_after=row[8],
        intention=inputs.get("intention"),
        answers=answers,
        note=row[10],
        started_utc=datetime.fromisoformat(row[11]),
        ended_utc=datetime.fromisoformat(row[12]) if row[12] else None,
        local_date=date.fromisoformat(row[13]),
        steps=tuple(steps),
    )


def _record_params(record: PracticeRecord) -> dict[str, Any]:
    inputs: dict[str, Any] = {}
    if record.intention is not None:
        inputs["intention"] = record.intention
    if record.answers:
        inputs["answers"] = {k: list(v) for k, v in record.answers.items()}
    return {
        "uuid": record.uuid,
        "kind": record.kind.value,
        "ref": record.ref,
        "status": record.status.value,
        "planned_s": record.planned_s,
        "actual_s": record.actual_s,
        "rating_before": record.rating_before,
        "rating_after": record.rating_after,
        "inputs": json.dumps(inputs, ensure_ascii=False, separators=(",", ":")),
        "note": record.note,
        "started_utc": _utc_text(record.started_utc),
        "ended_utc": _utc_text(record.ended_utc) if record.ended_utc else None,
        "local_date": record.local_date.isoformat(),
    }


_UPSERT = """
INSERT INTO practices (uuid, kind, ref, status, planned_s, actual_s, rating_before,
                       rating_after, inputs, note, started_utc, ended_utc, local_date)
VALUES (:uuid, :kind, :ref, :status, :planned_s, :actual_s, :rating_before,
        :rating_after, :inputs, :note, :started_utc, :ended_utc, :local_date)
ON CONFLICT (uuid) DO UPDATE SET
    kind = excluded.kind, ref = excluded.ref, status = excluded.status,
    planned_s = excluded.planned_s, actual_s = excluded.actual_s,
    rating_before = excluded.rating_before, rating_after = excluded.rating_after,
    inputs = excluded.inputs, note = excluded.note, started_utc = excluded.started_utc,
    ended_utc = excluded.ended_utc, local_date = excluded.local_date
RETURNING id
"""

_INSERT_NEW = """
INSERT INTO practices (uuid, kind, ref, status, planned_s, actual_s, rating_before,
                       rating_after, inputs, note, started_utc, ended_utc, local_date)
VALUES (:uuid, :kind, :ref, :status, :planned_s, :actual_s, :rating_before,
        :rating_after, :inputs, :note, :started_utc, :ended_utc, :local_date)
ON CONFLICT (uuid) DO NOTHING
RETURNING id
"""

_INSERT_STEP = """
INSERT INTO practice_steps (practice_id, position, step_id, started_s, duration_s, skipped)
VALUES (?, ?, ?, ?, ?, ?)
"""


def _write_steps(conn: sqlite3.Connection, practice_id: int, steps: Sequence[StepTime]) -> None:
    conn.executemany(
        _INSERT_STEP,
        [
            (practice_id, i, s.step_id, s.started_s, s.duration_s, int(s.skipped))
            for i, s in enumerate(steps)
        ],
    )


def _upsert(conn: sqlite3.Connection, record: PracticeRecord, *, steps_known: bool) -> None:
    (row_id,) = conn.execute(_UPSERT, _record_params(record)).fetchone()
    if steps_known:
        conn.execute("DELETE FROM practice_steps WHERE practice_id = ?", (row_id,))
        _write_steps(conn, row_id, record.steps)


class _Filter:
    """The WHERE clause shared by the history queries.

    With ``in_time_order`` the query will walk an index on ``started_utc``: the day range is
    then also given as a slightly wider range of UTC start times (local days begin between
    14 hours before and 12 hours after midnight UTC), which that index can seek to, while the
    exact test on ``local_date`` is kept out of the index choice (the unary ``+``).
    ``where_and(condition)`` adds one more condition.
    """

    def __init__(
        self,
        first: date | None = None,
        last: date | None = None,
        kind: Kind | None = None,
        exclude: Sequence[str] = (),
        *,
        in_time_order: bool = False,
        kind_in_index: bool = True,
    ) -> None:
        parts: list[str] = []
        self.params: list[Any] = []
        day = "+local_date" if in_time_order else "local_date"
        if first is not None:
            parts.append(f"{day} >= ?")
            self.params.append(first.isoformat())
            if in_time_order:
                parts.append("started_utc >= ?")
                self.params.append((first - timedelta(days=1)).isoformat())
        if last is not None:
            parts.append(f"{day} <= ?")
            self.params.append(last.isoformat())
            if in_time_order:
                parts.append("started_utc < ?")
                self.params.append((last + timedelta(days=2)).isoformat())
        if kind is not None:
            # ``+kind`` keeps the kind out of the index choice (for the ratings, whose
            # covering indexes hold the kind but do not begin with it).
            parts.append("kind = ?" if kind_in_index else "+kind = ?")
            self.params.append(Kind(kind).value)
        if exclude:
            parts.append("uuid NOT IN (SELECT value FROM json_each(?))")
            self.params.append(json.dumps(list(exclude)))
        self.where = (" WHERE " + " AND ".join(parts)) if parts else ""

    def where_and(self, condition: str) -> str:
        return f"{self.where} AND {condition}" if self.where else f" WHERE {condition}"


_RATED = "(rating_before IS NOT NULL OR rating_after IS NOT NULL)"
_RATINGS_PER_DAY = """
SELECT local_date, count(*),
       count(rating_before), total(rating_before),
       count(rating_after), total(rating_after),
       count(rating_before + rating_after),
       total(CASE WHEN rating_after IS NOT NULL THEN rating_before END),
       total(CASE WHEN rating_before IS NOT NULL THEN rating_after END)
FROM practices{where}
GROUP BY local_date
ORDER BY local_date
"""


class PracticeLog(PracticeFlow):
    """The saved practice log. Open it with :func:`open_log`."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection | None,
        lock: InstanceLock | None,
        *,
        wall: Callable[[], datetime] = local_now,
        clock: Clock | None = None,
        notices: Iterable[Notice] = (),
        offline: StorageFailure | None = None,
    ) -> None:
        self._path = path
        self._clock = clock or MonotonicClock()
        self._retry_at = 0.0
        self._conn = conn
        self._lock = lock
        self._wall = wall
        self._notices = list(notices)
        # Practices started here and not yet ended (the latest state of each).
        self._running: dict[str, PracticeRecord] = {}
        # Records that could not be written yet (the latest state of each).
        self._unsaved = MemoryRecords()
        # Why saving does not work at the moment (None while it does).
        self._failure: StorageFailure | None = offline

    # --- state and notices ----------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self._path

    @property
    def saves(self) -> bool:
        return self._conn is not None and self._failure is None

    def take_notices(self) -> list[Notice]:
        """What the person should be told since the last call (each notice once)."""
        notices, self._notices = self._notices, []
        return notices

    def _notify(self, kind: NoticeKind, message: str, path: Path | None = None) -> None:
        self._notices.append(Notice(kind, message, path or self._path))

    # --- talking to SQLite ----------------------------------------------------------------

    def _offline(self) -> StorageFailure:
        return self._failure or StorageFailure(Problem.CANNOT_OPEN, self._path)

    def _read(self, action: Callable[[sqlite3.Connection], T]) -> T:
        if self._conn is None:
            raise self._offline()
        try:
            return action(self._conn)
        except (sqlite3.Error, OSError) as exc:
            problem = problem_of(exc)
            if problem is None:
                raise
            raise StorageFailure(problem, self._path) from exc

    def _write(self, action: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``action`` in one transaction; known storage problems become StorageFailure."""
        if self._conn is None:
            raise self._offline()
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = action(conn)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                raise
        except (sqlite3.Error, OSError) as exc:
            problem = problem_of(exc)
            if problem is None:
                raise
            raise StorageFailure(problem, self._path) from exc
        return result

    def _save(self, record: PracticeRecord, *, steps_known: bool = True) -> None:
        """Write ``record``, or keep it in memory when that is not possible."""
        if self._failure is not None and self._clock.now() < self._retry_at:
            self._keep(record)
            return
        if len(self._unsaved) and not self._flush():
            self._keep(record)
            return
        try:
            self._write(lambda c: _upsert(c, record, steps_known=steps_known))
        except StorageFailure as failure:
            self._keep(record, failure)

    def _keep(self, record: PracticeRecord, failure: StorageFailure | None = None) -> None:
        self._unsaved.put(record)
        if failure is not None:
            self._retry_at = self._clock.now() + RETRY_AFTER_S
        if failure is not None and self._failure is None:
            self._failure = failure
            self._notify(
                NoticeKind.NOT_SAVED,
                "Your practice cannot be saved right now, so it is being kept in memory; "
                "you can carry on as usual. " + failure.message + " It will be saved as soon "
                "as that works again; if it cannot be, you might export it before closing.",
                failure.path,
            )

    def _flush(self) -> bool:
        """Try to write what is kept in memory; True when nothing is left there."""
        if not len(self._unsaved):
            return True
        if self._conn is None:
            return False
        records = self._unsaved.select()

        def write_all(conn: sqlite3.Connection) -> None:
            for record in records:
                _upsert(conn, record, steps_known=True)

        try:
            self._write(write_all)
        except StorageFailure:
            self._retry_at = self._clock.now() + RETRY_AFTER_S
            return False
        for record in records:
            if self._unsaved.get(record.uuid) is record:
                self._unsaved.remove(record.uuid)
        if self._failure is not None:
            self._failure = None
            self._notify(
                NoticeKind.SAVED_AGAIN,
                f"Saving works again: the practice kept in memory is now saved in {self._path}.",
            )
        return not len(self._unsaved)

    def retry_unsaved(self) -> int:
        """Try again to write what is kept in memory; returns how many records remain."""
        self._flush()
        return len(self._unsaved)

    def unsaved(self) -> list[PracticeRecord]:
        """Records kept in memory because they could not be written (oldest first)."""
        return self._unsaved.select()

    # --- practising -----------------------------------------------------------------------

    # Where a practice's record goes at each stage (see PracticeFlow). None of these fails
    # for storage reasons: a record that cannot be written is kept in memory (see notices).

    def _running_record(self, practice_id: str) -> PracticeRecord:
        record = self._running.get(practice_id)
        if record is None:
            raise NotRunningError(practice_id)
        return record

    def _started(self, record: PracticeRecord) -> None:
        self._running[record.uuid] = record
        self._save(record)

    def _progressed(self, record: PracticeRecord) -> None:
        self._running[record.uuid] = record
        self._save(record)

    def _finished(self, record: PracticeRecord) -> None:
        del self._running[record.uuid]
        self._save(record)

    def _ended_or_running(self, practice_id: str) -> PracticeRecord | None:
        return self._running.get(practice_id) or self.get(practice_id)

    def _added_after(self, record: PracticeRecord) -> None:
        """What was added after goes into the finished row in one write (and into the running
        practice's state while it still runs)."""
        if record.uuid in self._running:
            self._running[record.uuid] = record
        self._save(record)

    # --- reading --------------------------------------------------------------------------

    def _steps_for(self, conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, list[StepTime]]:
        found: dict[int, list[StepTime]] = {i: [] for i in ids}
        if not ids:
            return found
        rows = conn.execute(
            "SELECT practice_id, step_id, started_s, duration_s, skipped FROM practice_steps "
            "WHERE practice_id IN (SELECT value FROM json_each(?)) "
            "ORDER BY practice_id, position",
            (json.dumps(list(ids)),),
        )
        for pid, step_id, started_s, duration_s, skipped in rows:
            found[pid].append(StepTime(step_id, started_s, duration_s, bool(skipped)))
        return found

    def _records(self, conn: sqlite3.Connection, rows: Sequence[Any]) -> list[PracticeRecord]:
        steps = self._steps_for(conn, [row[0] for row in rows])
        return [_record_from_row(row, steps[row[0]]) for row in rows]

    def _query_records(
        self, sql_tail: str, flt: _Filter, extra: Sequence[Any] = ()
    ) -> list[PracticeRecord]:
        def run(conn: sqlite3.Connection) -> list[PracticeRecord]:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM practices{flt.where} {sql_tail}", [*flt.params, *extra]
            ).fetchall()
            return self._records(conn, rows)

        return self._read(run)

    def get(self, practice_id: str) -> PracticeRecord | None:
        kept = self._unsaved.get(practice_id)
        if kept is not None or self._conn is None:
            return kept
        found = self._query_records("WHERE uuid = ?", _Filter(), [practice_id])
        return found[0] if found else None

    def list_practices(
        self,
        *,
        first: date | None = None,
        last: date | None = None,
        kind: Kind | None = None,
        limit: int | None = PAGE_SIZE,
        offset: int = 0,
        newest_first: bool = True,
    ) -> list[PracticeRecord]:
        """One page of practices, newest first unless asked otherwise."""
        order = "DESC" if newest_first else "ASC"
        kept = self._unsaved.select(first, last, kind)
        if self._conn is None:
            return page_of(kept, limit, offset, newest_first)
        flt = _Filter(first, last, kind, self._unsaved.ids(), in_time_order=True)
        if not kept:
            tail = f"ORDER BY started_utc {order}, uuid {order} LIMIT ? OFFSET ?"
            return self._query_records(tail, flt, [-1 if limit is None else limit, offset])
        # Some records live in memory: take enough from disk to cover the page, then merge.
        wanted = -1 if limit is None else offset + limit
        tail = f"ORDER BY started_utc {order}, uuid {order} LIMIT ?"
        saved = self._query_records(tail, flt, [wanted])
        return page_of([*saved, *kept], limit, offset, newest_first)

    def count_practices(
        self, *, first: date | None = None, last: date | None = None, kind: Kind | None = None
    ) -> int:
        kept = len(self._unsaved.select(first, last, kind))
        if self._conn is None:
            return kept
        flt = _Filter(first, last, kind, self._unsaved.ids())
        saved = self._read(
            lambda c: c.execute(f"SELECT count(*) FROM practices{flt.where}", flt.params)
        ).fetchone()[0]
        return int(saved) + kept

    def iter_records(
        self, first: date | None = None, last: date | None = None
    ) -> Iterator[PracticeRecord]:
        """Every practice in the range, oldest first, read in batches (for export)."""
        kept = self._unsaved.select(first, last)
        if self._conn is None:
            yield from kept
            return
        flt = _Filter(first, last, None, self._unsaved.ids(), in_time_order=True)

        def saved() -> Iterator[PracticeRecord]:
            cursor = self._read(
                lambda c: c.execute(
                    f"SELECT {_COLUMNS} FROM practices{flt.where} ORDER BY started_utc, uuid",
                    flt.params,
                )
            )
            while True:
                rows: list[Any] = self._read(lambda _c: cursor.fetchmany(_BATCH))
                if not rows:
                    return
                yield from self._read(partial(self._records, rows=rows))

        yield from heapq.merge(saved(), kept, key=lambda r: (r.started_utc, r.uuid))

    # --- changing what is saved -----------------------------------------------------------

    def update_note(self, practice_id: str, note: str | None) -> None:
        """Replace a practice's note (None or blank removes it)."""
        if practice_id in self._running:
            self._running[practice_id] = with_note(self._running[practice_id], note)
        record = self.get(practice_id)
        if record is None:
            raise UnknownPracticeError(practice_id)
        self._save(with_note(record, note))

    def delete_practice(self, practice_id: str) -> bool:
        """Delete one practice for good; True when there was one."""
        removed = False
        if self._conn is not None:
            removed = (
                self._write(
                    lambda c: c.execute("DELETE FROM practices WHERE uuid = ?", (practice_id,))
                ).rowcount
                > 0
            )
        removed = self._unsaved.remove(practice_id) or removed
        self._running.pop(practice_id, None)
        return removed

    def delete_all(self) -> int:
        """Delete every practice and medicine-session date (the UI asks first). Deleted
        content is overwritten in the file, not only unlinked. Returns how many practices
        were deleted."""
        count = 0
        if self._conn is not None:

            def wipe(conn: sqlite3.Connection) -> int:
                n = conn.execute("DELETE FROM practices").rowcount
                conn.execute("DELETE FROM medicine_sessions")
                return int(n)

            count = self._write(wipe)
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        count += self._unsaved.clear()
        self._running.clear()
        return count

    def merge_records(
        self, records: Iterable[PracticeRecord], sessions: Iterable[date] = ()
    ) -> ImportResult:
        """Add the records whose UUID the log does not know yet, in one transaction (all or
        nothing). A record that was in progress when it was exported comes in as interrupted."""
        incoming = list(records)
        dates = sorted(set(sessions))

        def merge(conn: sqlite3.Connection) -> ImportResult:
            added = present = 0
            for record in incoming:
                if record.uuid in self._unsaved:
                    present += 1
                    continue
                row = conn.execute(_INSERT_NEW, _record_params(interrupted(record))).fetchone()
                if row is None:
                    present += 1
                    continue
                added += 1
                if record.steps:
                    _write_steps(conn, row[0], record.steps)
            before = conn.total_changes
            conn.executemany(
                "INSERT OR IGNORE INTO medicine_sessions (day) VALUES (?)",
                [(d.isoformat(),) for d in dates],
            )
            return ImportResult(added, present, conn.total_changes - before)

        return self._write(merge)

    # --- history --------------------------------------------------------------------------

    def minutes_per_day(
        self, first: date, last: date, kind: Kind | None = None
    ) -> dict[date, float]:
        """Minutes practised on each day from ``first`` to ``last`` (every day present)."""
        totals = self._unsaved.minutes_per_day(first, last, kind)
        if self._conn is None:
            return totals
        flt = _Filter(first, last, kind, self._unsaved.ids())
        rows = self._read(
            lambda c: c.execute(
                f"SELECT local_date, total(actual_s) FROM practices{flt.where} GROUP BY local_date",
                flt.params,
            ).fetchall()
        )
        for day, seconds in rows:
            totals[date.fromisoformat(day)] += seconds / 60.0
        return totals

    def ratings_over_time(
        self, first: date | None = None, last: date | None = None, kind: Kind | None = None
    ) -> list[RatingPoint]:
        """The rated practices in the range (of one kind, when given), oldest first."""
        points = self._unsaved.ratings(first, last, kind)
        if self._conn is None:
            return points
        flt = _Filter(
            first, last, kind, self._unsaved.ids(), in_time_order=True, kind_in_index=False
        )
        rows = self._read(
            lambda c: c.execute(
                "SELECT uuid, started_utc, local_date, rating_before, rating_after "
                f"FROM practices{flt.where_and(_RATED)} ORDER BY started_utc, uuid",
                flt.params,
            ).fetchall()
        )
        saved = [
            RatingPoint(u, datetime.fromisoformat(s), date.fromisoformat(d), b, a)
            for u, s, d, b, a in rows
        ]
        if not points:
            return saved
        return sorted([*saved, *points], key=lambda p: (p.started_utc, p.uuid))

    def ratings_per_day(
        self, first: date | None = None, last: date | None = None, kind: Kind | None = None
    ) -> list[DayRatings]:
        """The ratings in the range (of one kind, when given) summed per day, oldest first;
        days without a rating are left out. Read from one covering index, so a long range
        costs one row a day, not one a practice."""
        kept = self._unsaved.ratings_per_day(first, last, kind)
        if self._conn is None:
            return kept
        flt = _Filter(first, last, kind, self._unsaved.ids(), kind_in_index=False)
        rows = self._read(
            lambda c: c.execute(
                _RATINGS_PER_DAY.format(where=flt.where_and(_RATED)), flt.params
            ).fetchall()
        )
        saved = [DayRatings(date.fromisoformat(row[0]), *(int(v) for v in row[1:])) for row in rows]
        return merge_day_ratings(saved, kept) if kept else saved

    def days_practised_in_week(self, day: date | None = None) -> list[date]:
        """The days of the week of ``day`` (default today) with some practice. No streaks."""
        monday = week_start(day or self._wall().date())
        week = days(monday, monday + timedelta(days=6))
        found = set(days_practised_in_week(self._unsaved.select(week[0], week[-1]), monday))
        if self._conn is not None:
            flt = _Filter(week[0], week[-1], None, self._unsaved.ids())
            rows = self._read(
                lambda c: c.execute(
                    f"SELECT DISTINCT local_date FROM practices{flt.where} AND actual_s > 0",
                    flt.params,
                ).fetchall()
            )
            found |= {date.fromisoformat(r[0]) for r in rows}
        return sorted(found)

    # --- medicine-session dates -----------------------------------------------------------

    def add_session_date(self, day: date) -> bool:
        """Remember the date of a medicine session (only the date); True when it was new."""
        return bool(
            self._write(
                lambda c: (
                    c.execute(
                        "INSERT OR IGNORE INTO medicine_sessions (day) VALUES (?)",
                        (day.isoformat(),),
                    ).rowcount
                )
            )
        )

    def remove_session_date(self, day: date) -> bool:
        return bool(
            self._write(
                lambda c: (
                    c.execute(
                        "DELETE FROM medicine_sessions WHERE day = ?", (day.isoformat(),)
                    ).rowcount
                )
            )
        )

    def session_dates(self) -> list[date]:
        if self._conn is None:
            return []
        rows = self._read(
            lambda c: c.execute("SELECT day FROM medicine_sessions ORDER BY day").fetchall()
        )
        return [date.fromisoformat(r[0]) for r in rows]

    # --- closing --------------------------------------------------------------------------

    def close(self) -> None:
        """Save what can be saved, then close the file and release the lock. Records that
        still cannot be written stay available from :meth:`unsaved` until the object goes."""
        with contextlib.suppress(StorageFailure):
            self._flush()
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("PRAGMA optimize")
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __del__(self) -> None:
        if getattr(self, "_lock", None) is not None or getattr(self, "_conn", None) is not None:
            with contextlib.suppress(Exception):
                self.close()


# --- opening ------------------------------------------------------------------------------


def _connect(path: Path, busy_timeout_s: float, *, read_only: bool) -> sqlite3.Connection:
    if read_only:
        uri = path.resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=busy_timeout_s)
        try:
            conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        except sqlite3.OperationalError as exc:
            if problem_of(exc) is not Problem.CANNOT_OPEN:
                conn.close()
                raise
            # A WAL database in a folder nobody can write (no shared-memory file can be
            # made): nothing can change it, so it may be read as an immutable file.
            conn.close()
            conn = sqlite3.connect(
                uri + "&immutable=1", uri=True, isolation_level=None, timeout=busy_timeout_s
            )
    else:
        conn = sqlite3.connect(path, isolation_level=None, timeout=busy_timeout_s)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return conn


def _check(conn: sqlite3.Connection, path: Path) -> None:
    """Raise StorageFailure (corrupt) unless SQLite finds the file sound."""
    try:
        result = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        if problem_of(exc) is Problem.CORRUPT:
            raise StorageFailure(Problem.CORRUPT, path, str(exc)) from exc
        raise
    if result != ["ok"]:
        raise StorageFailure(Problem.CORRUPT, path, "; ".join(map(str, result[:3])))


def _set_aside(path: Path, now: datetime) -> Path:
    """Move a damaged database (and its journal files) to ``<name>.corrupt-<time>``."""
    aside = _unused(path.with_name(f"{path.name}.corrupt-{_stamp(now)}"))
    for suffix in ("-wal", "-shm"):
        journal = path.with_name(path.name + suffix)
        if journal.exists():
            os.replace(journal, aside.with_name(aside.name + suffix))
    os.replace(path, aside)
    return aside


def _backup_before_upgrade(conn: sqlite3.Connection, path: Path, found: int) -> None:
    copy = _unused(path.with_name(f"{path.name}.v{found}-backup-{_stamp(datetime.now(UTC))}"))
    fd = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    os.close(fd)
    target = sqlite3.connect(copy)
    try:
        conn.backup(target)
    except BaseException:
        target.close()
        with contextlib.suppress(OSError):
            copy.unlink()
        raise
    with contextlib.suppress(sqlite3.Error):
        target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    target.close()
    make_private(copy)


def _create_private(path: Path) -> None:
    """Create the database file 0600 before SQLite does (its journals copy the mode)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)  # exactly 0600, whatever the umask
    finally:
        os.close(fd)


def open_log(
    path: Path | None = None,
    *,
    wall: Callable[[], datetime] = local_now,
    clock: Clock | None = None,
    busy_timeout_s: float = 2.0,
) -> PracticeLog:
    """Open the practice log (by default the one in the private data folder).

    Raises :class:`LogLockedError` or :class:`NewerVersionError` (both :class:`LogUnavailable`,
    with a message for the person) when the log must not be used from here. Every other
    problem is handled and told through :meth:`PracticeLog.take_notices`: the returned log
    always accepts practice, in memory if it cannot write.

    ``wall`` gives the local wall time (the day a practice belongs to); ``clock`` is the
    monotonic clock used to space out retries after a failed write.
    """
    opening = _Opening(
        database_path(create=False) if path is None else Path(path),
        wall,
        clock or MonotonicClock(),
        busy_timeout_s,
    )
    try:
        ensure_private_dir(opening.path.parent)
    except OSError as exc:
        return opening.memory_only(_folder_failure(opening.path, exc))
    opening.lock = InstanceLock.acquire(opening.path)
    try:
        return opening.open()
    except BaseException:
        opening.lock.release()
        raise


def _folder_failure(path: Path, exc: OSError) -> StorageFailure | OSError:
    problem = problem_of(exc)
    if problem is None:
        return exc
    if problem is not Problem.CANNOT_OPEN:
        return StorageFailure(problem, path)
    return StorageFailure(
        problem,
        path,
        f"The folder {path.parent} could not be made ({exc.strerror}). You might check that "
        "the place it should be in exists and is a folder.",
    )


class _Opening:
    """The steps of opening a log, and what they gather on the way."""

    def __init__(
        self, path: Path, wall: Callable[[], datetime], clock: Clock, busy_timeout_s: float
    ) -> None:
        self.path = path
        self.wall = wall
        self.clock = clock
        self.busy_timeout_s = busy_timeout_s
        self.notices: list[Notice] = []
        self.lock: InstanceLock | None = None

    def log(
        self, conn: sqlite3.Connection | None, offline: StorageFailure | None = None
    ) -> PracticeLog:
        return PracticeLog(
            self.path,
            conn,
            self.lock,
            wall=self.wall,
            clock=self.clock,
            notices=self.notices,
            offline=offline,
        )

    def memory_only(self, exc: OSError | sqlite3.Error | StorageFailure) -> PracticeLog:
        if isinstance(exc, StorageFailure):
            failure = exc
        else:
            problem = problem_of(exc)
            if problem is None:
                raise exc
            failure = StorageFailure(problem, self.path)
        self.notices.append(
            Notice(
                NoticeKind.NOT_SAVED,
                f"The practice log {self.path} cannot be used right now, so what you practise "
                "is kept in memory while the app is open. " + failure.message,
                self.path,
            )
        )
        return self.log(None, failure)

    def open(self) -> PracticeLog:
        path = self.path
        folder_writable = os.access(path.parent, os.W_OK)
        # 1. Look at the header before SQLite touches anything.
        if path.exists():
            try:
                version = _header_version(path)
            except StorageFailure:
                version = -1
            except OSError as exc:
                return self.memory_only(exc)
            if version is not None and version > CURRENT_VERSION:
                raise NewerVersionError(path, version, CURRENT_VERSION)
            if version == -1:
                refused = self.set_aside()
                if refused is not None:
                    return refused

        # 2. Open it (read-only when the folder cannot be written).
        read_only = path.exists() and not (folder_writable and os.access(path, os.W_OK))
        conn: sqlite3.Connection | None = None
        try:
            if not path.exists():
                _create_private(path)
            conn = _connect(path, self.busy_timeout_s, read_only=read_only)
        except StorageFailure as failure:
            return self.memory_only(failure)
        except (OSError, sqlite3.Error) as exc:
            if problem_of(exc) is not Problem.CORRUPT:
                return self.memory_only(exc)

        # 3. Check it is sound; set it aside if not.
        try:
            if conn is None:
                raise StorageFailure(Problem.CORRUPT, path)
            _check(conn, path)
        except StorageFailure as failure:
            if conn is not None:
                conn.close()
            if failure.problem is not Problem.CORRUPT:
                return self.memory_only(failure)
            return self.set_aside() or self.open()

        # 4. Upgrade it, then mark what a crash left running.
        try:
            found = user_version(conn)
            if found > CURRENT_VERSION:
                conn.close()
                raise NewerVersionError(path, found, CURRENT_VERSION)
            if read_only:
                return self.read_only(conn, found)
            try:
                migrate(conn, before=lambda v: _backup_before_upgrade(conn, path, v) if v else None)
            except sqlite3.Error as exc:
                if problem_of(exc) is not None:
                    raise
                # Rows the upgrade cannot carry: keep the file as it is and say so.
                _logger.exception("the practice log %s could not be upgraded", path)
                conn.close()
                return self.memory_only(
                    StorageFailure(
                        Problem.CANNOT_OPEN,
                        path,
                        "It could not be brought up to date for this version of kapcompanion "
                        f"({exc}), so it has been left exactly as it was. You might keep a copy "
                        "of it safe.",
                    )
                )
            # WAL only once the file is known to be ours and up to date (switching changes
            # the header, and a file that could not be upgraded is left exactly as it was).
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StorageFailure(Problem.LOCKED, path)
            conn.execute("BEGIN IMMEDIATE")
            marked = conn.execute(
                "UPDATE practices SET status = 'interrupted' WHERE status = 'in_progress'"
            ).rowcount
            conn.execute("COMMIT")
        except (OSError, sqlite3.Error, StorageFailure) as exc:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            conn.close()
            return self.memory_only(exc)
        for companion in _companions(path):
            make_private(companion)
        if marked:
            what = (
                "A practice that was running when the app last closed unexpectedly is"
                if marked == 1
                else f"{marked} practices that were running when the app closed unexpectedly are"
            )
            self.notices.append(
                Notice(
                    NoticeKind.INTERRUPTED,
                    f"{what} kept in your history, marked as interrupted.",
                    path,
                )
            )
        return self.log(conn)

    def set_aside(self) -> PracticeLog | None:
        """Move a damaged file aside; None when done, else the log to use instead."""
        path = self.path
        try:
            aside = _set_aside(path, self.wall())
        except OSError as exc:
            return self.memory_only(
                StorageFailure(
                    Problem.CORRUPT,
                    path,
                    f"It looks damaged and could not be moved aside ({exc.strerror}); it has "
                    "been left exactly as it is. You might move it elsewhere yourself; the app "
                    "will then begin a new log.",
                )
            )
        self.notices.append(
            Notice(
                NoticeKind.SET_ASIDE,
                f"The practice log {path} could not be read; it looks damaged. It has been "
                f"kept, unchanged, as {aside}, and a new, empty log has been begun so you can go "
                "on practising. You might keep the old file somewhere safe: earlier entries may "
                "still be recoverable from it.",
                aside,
            )
        )
        return None

    def read_only(self, conn: sqlite3.Connection, found: int) -> PracticeLog:
        failure = StorageFailure(Problem.READ_ONLY, self.path)
        if found != CURRENT_VERSION:
            conn.close()
            return self.memory_only(failure)
        self.notices.append(
            Notice(
                NoticeKind.READ_ONLY,
                "Your earlier practice can be seen, but nothing new can be saved to "
                f"{self.path} right now; what you practise is kept in memory while the app is "
                "open. " + failure.message,
                self.path,
            )
        )
        return self.log(conn, failure)
