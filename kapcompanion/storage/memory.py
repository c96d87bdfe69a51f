"""Practice records held in memory: the whole of a guest log, and the part of a saved log
that could not be written yet. Every query is answered with the pure functions of
:mod:`kapcompanion.domain.practice_history`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from kapcompanion.domain.practice import Kind, PracticeRecord, RatingPoint
from kapcompanion.domain.practice_history import (
    DayRatings,
    matches,
    minutes_per_day,
    ratings_over_time,
    ratings_per_day,
    sort_newest_first,
)


class MemoryRecords:
    def __init__(self) -> None:
        self._records: dict[str, PracticeRecord] = {}

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, practice_id: object) -> bool:
        return practice_id in self._records

    def ids(self) -> list[str]:
        return list(self._records)

    def put(self, record: PracticeRecord) -> None:
        self._records[record.uuid] = record

    def get(self, practice_id: str) -> PracticeRecord | None:
        return self._records.get(practice_id)

    def remove(self, practice_id: str) -> bool:
        return self._records.pop(practice_id, None) is not None

    def clear(self) -> int:
        count = len(self._records)
        self._records.clear()
        return count

    def select(
        self, first: date | None = None, last: date | None = None, kind: Kind | None = None
    ) -> list[PracticeRecord]:
        """Matching records, oldest first."""
        found = [r for r in self._records.values() if matches(r, first, last, kind)]
        return list(reversed(sort_newest_first(found)))

    def page(
        self,
        first: date | None,
        last: date | None,
        kind: Kind | None,
        limit: int | None,
        offset: int,
        newest_first: bool,
    ) -> list[PracticeRecord]:
        return page_of(self.select(first, last, kind), limit, offset, newest_first)

    def minutes_per_day(self, first: date, last: date, kind: Kind | None) -> dict[date, float]:
        return minutes_per_day(self._records.values(), first, last, kind)

    def ratings(
        self, first: date | None, last: date | None, kind: Kind | None = None
    ) -> list[RatingPoint]:
        return ratings_over_time(self._records.values(), first, last, kind)

    def ratings_per_day(
        self, first: date | None, last: date | None, kind: Kind | None = None
    ) -> list[DayRatings]:
        return ratings_per_day(self._records.values(), first, last, kind)


def page_of(
    records: Iterable[PracticeRecord], limit: int | None, offset: int, newest_first: bool
) -> list[PracticeRecord]:
    ordered = sort_newest_first(records)
    if not newest_first:
        ordered.reverse()
    end = None if limit is None else offset + limit
    return ordered[offset:end]
