"""Guest practice: the same log, held in memory only.

A :class:`GuestLog` writes nothing at all: no folder is created, no file is opened, and when
the app closes every trace of the practice is gone. It is what the app uses when the person
chooses to practise without keeping a record, and when the saved log cannot be opened (another
copy of the app has it, or it comes from a newer version).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from kapcompanion.domain.practice import Kind, PracticeRecord, RatingPoint
from kapcompanion.domain.practice_flow import interrupted, with_note
from kapcompanion.domain.practice_history import DayRatings, days_practised_in_week

from .base import (
    PAGE_SIZE,
    ImportResult,
    Notice,
    NotRunningError,
    PracticeFlow,
    UnknownPracticeError,
    local_now,
)
from .memory import MemoryRecords


class GuestLog(PracticeFlow):
    """A practice log kept in memory; see the module's description."""

    def __init__(self, wall: Callable[[], datetime] = local_now) -> None:
        self._wall = wall
        self._records = MemoryRecords()
        self._running: set[str] = set()
        self._sessions: set[date] = set()

    @property
    def path(self) -> Path | None:
        return None

    @property
    def saves(self) -> bool:
        return False

    def take_notices(self) -> list[Notice]:
        return []

    def _running_record(self, practice_id: str) -> PracticeRecord:
        record = self._records.get(practice_id)
        if record is None or practice_id not in self._running:
            raise NotRunningError(practice_id)
        return record

    def _started(self, record: PracticeRecord) -> None:
        self._records.put(record)
        self._running.add(record.uuid)

    def _progressed(self, record: PracticeRecord) -> None:
        self._records.put(record)

    def _finished(self, record: PracticeRecord) -> None:
        self._records.put(record)
        self._running.discard(record.uuid)

    def _ended_or_running(self, practice_id: str) -> PracticeRecord | None:
        return self._records.get(practice_id)

    def _added_after(self, record: PracticeRecord) -> None:
        self._records.put(record)

    def _scrub(self) -> None:
        """Words removed from memory leave nothing on disk: there is nothing to do."""

    def get(self, practice_id: str) -> PracticeRecord | None:
        return self._records.get(practice_id)

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
        return self._records.page(first, last, kind, limit, offset, newest_first)

    def count_practices(
        self, *, first: date | None = None, last: date | None = None, kind: Kind | None = None
    ) -> int:
        return len(self._records.select(first, last, kind))

    def update_note(self, practice_id: str, note: str | None) -> None:
        record = self._records.get(practice_id)
        if record is None:
            raise UnknownPracticeError(practice_id)
        self._records.put(with_note(record, note))

    def delete_practice(self, practice_id: str) -> bool:
        self._running.discard(practice_id)
        return self._records.remove(practice_id)

    def delete_all(self) -> int:
        self._running.clear()
        self._sessions.clear()
        return self._records.clear()

    def minutes_per_day(
        self, first: date, last: date, kind: Kind | None = None
    ) -> dict[date, float]:
        return self._records.minutes_per_day(first, last, kind)

    def ratings_over_time(
        self, first: date | None = None, last: date | None = None, kind: Kind | None = None
    ) -> list[RatingPoint]:
        return self._records.ratings(first, last, kind)

    def ratings_per_day(
        self, first: date | None = None, last: date | None = None, kind: Kind | None = None
    ) -> list[DayRatings]:
        return self._records.ratings_per_day(first, last, kind)

    def days_practised_in_week(self, day: date | None = None) -> list[date]:
        return days_practised_in_week(self._records.select(), day or self._wall().date())

    def add_session_date(self, day: date) -> bool:
        if day in self._sessions:
            return False
        self._sessions.add(day)
        return True

    def remove_session_date(self, day: date) -> bool:
        if day not in self._sessions:
            return False
        self._sessions.discard(day)
        return True

    def session_dates(self) -> list[date]:
        return sorted(self._sessions)

    def unsaved(self) -> list[PracticeRecord]:
        return self._records.select()

    def retry_unsaved(self) -> int:
        return 0

    def iter_records(
        self, first: date | None = None, last: date | None = None
    ) -> Iterator[PracticeRecord]:
        return iter(self._records.select(first, last))

    def merge_records(
        self, records: Iterable[PracticeRecord], sessions: Iterable[date] = ()
    ) -> ImportResult:
        added = present = 0
        for record in records:
            if record.uuid in self._records:
                present += 1
            else:
                self._records.put(interrupted(record))
                added += 1
        new_sessions = set(sessions) - self._sessions
        self._sessions |= new_sessions
        return ImportResult(added, present, len(new_sessions))

    def close(self) -> None:
        """Nothing to close: what was practised as a guest is simply forgotten."""
