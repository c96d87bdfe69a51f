"""Reading the saved practice log: one practice, a page of the list, an export's worth, and
the history's sums per day.

:class:`LogReader` is the reading half of :class:`~kapcompanion.storage.log.PracticeLog`.
What could not be written yet is kept in memory (``_unsaved``); every answer joins it with
what the file holds, so nothing practised goes missing from the history while the disk is
unavailable.
"""

from __future__ import annotations

import heapq
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from kapcompanion.domain.limits import EARLIEST_DAY, LATEST_DAY, day_in_range
from kapcompanion.domain.practice import Kind, PracticeRecord, RatingPoint, Status, StepTime
from kapcompanion.domain.practice_history import (
    DayRatings,
    days,
    days_practised_in_week,
    merge_day_ratings,
    week_start,
)
from kapcompanion.i18n import ngettext

from .base import PAGE_SIZE, Notice, NoticeKind
from .errors import Problem, StorageFailure, problem_of
from .log_rows import (
    BATCH,
    COLUMNS,
    RATED,
    RATINGS_PER_DAY,
    Filter,
    record_from_row,
)
from .memory import MemoryRecords, page_of

T = TypeVar("T")


def _day(text: object) -> date | None:
    """A day read from the file; None for one that cannot be read or lies out of range."""
    try:
        day = date.fromisoformat(str(text))
    except ValueError:
        return None
    return day if day_in_range(day) else None


def _time(text: object) -> datetime | None:
    try:
        when = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return when if when.tzinfo is not None and day_in_range(when.date()) else None


#: The rows that cannot be read as practices (changed by another program): found in one pass
#: so that every count, list and sum leaves out the same rows. What this misses, the reading of
#: each row catches (see LogReader._records).
UNREADABLE = f"""
SELECT id, uuid FROM practices
WHERE kind NOT IN ({", ".join(repr(k.value) for k in Kind)})
   OR status NOT IN ({", ".join(repr(s.value) for s in Status)})
   OR NOT json_valid(coalesce(inputs, '{{}}'))
   OR json_type(coalesce(inputs, '{{}}')) <> 'object'
   OR local_date IS NOT date(local_date)
   OR local_date NOT BETWEEN '{EARLIEST_DAY.isoformat()}' AND '{LATEST_DAY.isoformat()}'
   OR datetime(started_utc) IS NULL
   OR substr(started_utc, 1, 10) NOT BETWEEN '{EARLIEST_DAY.isoformat()}'
                                        AND '{LATEST_DAY.isoformat()}'
   OR (ended_utc IS NOT NULL AND datetime(ended_utc) IS NULL)
"""


class LogReader:
    """The queries of the saved log; :class:`~kapcompanion.storage.log.PracticeLog` holds
    the connection and what is kept in memory."""

    _path: Path
    _conn: sqlite3.Connection | None
    _failure: StorageFailure | None
    _unsaved: MemoryRecords
    _wall: Callable[[], datetime]
    _notices: list[Notice]

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
        """The rows as records; a row that cannot be read (changed by hand, or by another
        program) is left out and counted, so it never blocks History or an export."""
        steps = self._steps_for(conn, [row[0] for row in rows])
        records = []
        unread: list[tuple[int, str]] = []
        for row in rows:
            try:
                record = record_from_row(row, steps[row[0]])
                readable = day_in_range(record.local_date) and day_in_range(
                    record.started_utc.date()
                )
            except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
                readable = False
            if readable:
                records.append(record)
            else:
                unread.append((int(row[0]), str(row[1])))
        if unread:
            self._skip(unread)
        return records

    def _skip(self, rows: Sequence[tuple[int, str]]) -> None:
        """Leave ``rows`` (id, uuid) out of every list, sum and export from now on, and say
        how many there are in all, once more each time there are more."""
        skipped: dict[int, str] = self.__dict__.setdefault("_skipped_rows", {})
        before = len(skipped)
        skipped.update(rows)
        n = len(skipped)
        if n == before:
            return  # told already
        said = ngettext(
            "{n} practice in {path} could not be read (changed outside the app, it seems), "
            "so History and exports leave it out. It is kept in the file as it is.",
            "{n} practices in {path} could not be read (changed outside the app, it seems), "
            "so History and exports leave them out. They are kept in the file as they are.",
            n,
        ).format(n=n, path=self._path)
        self._notices.append(Notice(NoticeKind.SKIPPED_ROWS, said, self._path))

    def _excluded(self) -> list[str]:
        """The uuids every query leaves out: records held in memory (read from there) and
        rows that cannot be read (found once, on the first query, by one pass over the
        file, so counts and lists agree)."""
        if "_skipped_rows" not in self.__dict__ and self._conn is not None:
            self.__dict__["_skipped_rows"] = {}
            try:
                found = self._conn.execute(UNREADABLE).fetchall()
            except sqlite3.Error:
                found = []
            if found:
                self._skip([(int(r[0]), str(r[1])) for r in found])
        skipped: dict[int, str] = self.__dict__.get("_skipped_rows", {})
        return [*self._unsaved.ids(), *skipped.values()]

    @property
    def skipped_rows(self) -> int:
        """How many rows of the file could not be read so far (left out of lists and exports)."""
        return len(self.__dict__.get("_skipped_rows", ()))

    def _query_records(
        self, sql_tail: str, flt: Filter, extra: Sequence[Any] = ()
    ) -> list[PracticeRecord]:
        def run(conn: sqlite3.Connection) -> list[PracticeRecord]:
            rows = conn.execute(
                f"SELECT {COLUMNS} FROM practices{flt.where} {sql_tail}", [*flt.params, *extra]
            ).fetchall()
            return self._records(conn, rows)

        return self._read(run)

    def get(self, practice_id: str) -> PracticeRecord | None:
        kept = self._unsaved.get(practice_id)
        if kept is not None or self._conn is None:
            return kept
        found = self._query_records("WHERE uuid = ?", Filter(), [practice_id])
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
        flt = Filter(first, last, kind, self._excluded(), in_time_order=True)
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
        flt = Filter(first, last, kind, self._excluded())
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
        flt = Filter(first, last, None, self._excluded(), in_time_order=True)

        def saved() -> Iterator[PracticeRecord]:
            cursor = self._read(
                lambda c: c.execute(
                    f"SELECT {COLUMNS} FROM practices{flt.where} ORDER BY started_utc, uuid",
                    flt.params,
                )
            )
            while True:
                rows: list[Any] = self._read(lambda _c: cursor.fetchmany(BATCH))
                if not rows:
                    return
                yield from self._read(partial(self._records, rows=rows))

        yield from heapq.merge(saved(), kept, key=lambda r: (r.started_utc, r.uuid))

    # --- history --------------------------------------------------------------------------

    def minutes_per_day(
        self, first: date, last: date, kind: Kind | None = None
    ) -> dict[date, float]:
        """Minutes practised on each day from ``first`` to ``last`` (every day present)."""
        totals = self._unsaved.minutes_per_day(first, last, kind)
        if self._conn is None:
            return totals
        flt = Filter(first, last, kind, self._excluded())
        rows = self._read(
            lambda c: c.execute(
                f"SELECT local_date, total(actual_s) FROM practices{flt.where} GROUP BY local_date",
                flt.params,
            ).fetchall()
        )
        for day, seconds in rows:
            when = _day(day)
            if when is not None and when in totals:
                totals[when] += seconds / 60.0
        return totals

    def ratings_over_time(
        self, first: date | None = None, last: date | None = None, kind: Kind | None = None
    ) -> list[RatingPoint]:
        """The rated practices in the range (of one kind, when given), oldest first."""
        points = self._unsaved.ratings(first, last, kind)
        if self._conn is None:
            return points
        flt = Filter(first, last, kind, self._excluded(), in_time_order=True, kind_in_index=False)
        rows = self._read(
            lambda c: c.execute(
                "SELECT uuid, started_utc, local_date, rating_before, rating_after "
                f"FROM practices{flt.where_and(RATED)} ORDER BY started_utc, uuid",
                flt.params,
            ).fetchall()
        )
        saved = [
            RatingPoint(u, started, day, b, a)
            for u, s, d, b, a in rows
            if (started := _time(s)) is not None and (day := _day(d)) is not None
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
        flt = Filter(first, last, kind, self._excluded(), kind_in_index=False)
        rows = self._read(
            lambda c: c.execute(
                RATINGS_PER_DAY.format(where=flt.where_and(RATED)), flt.params
            ).fetchall()
        )
        saved = [
            DayRatings(day, *(int(v) for v in row[1:]))
            for row in rows
            if (day := _day(row[0])) is not None
        ]
        return merge_day_ratings(saved, kept) if kept else saved

    def days_practised_in_week(self, day: date | None = None) -> list[date]:
        """The days of the week of ``day`` (default today) with some practice. No streaks."""
        monday = week_start(day or self._wall().date())
        week = days(monday, monday + timedelta(days=6))
        found = set(days_practised_in_week(self._unsaved.select(week[0], week[-1]), monday))
        if self._conn is not None:
            flt = Filter(week[0], week[-1], None, self._excluded())
            rows = self._read(
                lambda c: c.execute(
                    f"SELECT DISTINCT local_date FROM practices{flt.where} AND actual_s > 0",
                    flt.params,
                ).fetchall()
            )
            found |= {day for r in rows if (day := _day(r[0])) is not None}
        return sorted(found)

    # --- medicine-session dates -----------------------------------------------------------

    def session_dates(self) -> list[date]:
        if self._conn is None:
            return []
        rows = self._read(
            lambda c: c.execute("SELECT day FROM medicine_sessions ORDER BY day").fetchall()
        )
        return [day for r in rows if (day := _day(r[0])) is not None]
