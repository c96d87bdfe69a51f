"""What every practice log offers the app, saved or not.

:class:`PracticeStore` is the interface the UI talks to. Two logs provide it: the saved
:class:`~kapcompanion.storage.log.PracticeLog` (SQLite, in the private data folder) and
:class:`~kapcompanion.storage.guest.GuestLog`, which keeps everything in memory and writes
nothing at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Protocol, runtime_checkable

from kapcompanion.domain.practice import (
    DayRatings,
    IntegrationWindow,
    Kind,
    PracticeRecord,
    RatingPoint,
    Status,
    StepTime,
)

#: How many practices one page of the history list shows.
PAGE_SIZE = 50


class NoticeKind(StrEnum):
    #: A damaged log was moved aside and a new one begun.
    SET_ASIDE = "set_aside"
    #: Saving failed; what is being practised is kept in memory.
    NOT_SAVED = "not_saved"
    #: What was kept in memory has been saved after all.
    SAVED_AGAIN = "saved_again"
    #: The log can be read but nothing new can be saved to it.
    READ_ONLY = "read_only"
    #: Practices that were running when the app last ended are marked interrupted.
    INTERRUPTED = "interrupted"


@dataclass(frozen=True)
class Notice:
    """Something the person should be told, once, in a calm sentence or two."""

    kind: NoticeKind
    message: str
    path: Path | None = None


@dataclass(frozen=True)
class ImportResult:
    added: int
    already_present: int
    sessions_added: int


class NotRunningError(LookupError):
    """A practice that is not running was asked to continue or finish."""

    def __init__(self, practice_id: str) -> None:
        self.practice_id = practice_id
        super().__init__(f"practice {practice_id} is not running (it has ended or is unknown)")


class UnknownPracticeError(LookupError):
    def __init__(self, practice_id: str) -> None:
        self.practice_id = practice_id
        super().__init__(f"there is no practice {practice_id} in the log")


@runtime_checkable
class PracticeStore(Protocol):
    """The practice log as the UI sees it. Practice ids are the records' UUIDs."""

    @property
    def path(self) -> Path | None: ...

    @property
    def saves(self) -> bool:
        """Whether what is practised now is being written to disk."""
        ...

    def take_notices(self) -> list[Notice]: ...

    def start_practice(
        self,
        kind: Kind | str,
        ref: str,
        *,
        planned_s: float | None = None,
        rating_before: int | None = None,
        intention: str | None = None,
    ) -> str: ...

    def record_progress(
        self, practice_id: str, *, actual_s: float, steps: Iterable[StepTime] = ()
    ) -> None: ...

    def finish_practice(
        self,
        practice_id: str,
        *,
        actual_s: float,
        status: Status | str = Status.COMPLETED,
        steps: Iterable[StepTime] = (),
        rating_after: int | None = None,
        answers: Mapping[str, Iterable[str]] | None = None,
        note: str | None = None,
        intention: str | None = None,
    ) -> PracticeRecord: ...

    def record_after(
        self,
        practice_id: str,
        *,
        rating_after: int | None = None,
        intention: str | None = None,
        answers: Mapping[str, Iterable[str]] | None = None,
        note: str | None = None,
    ) -> PracticeRecord:
        """Add what the person gave after a practice ended (its row was finished at the
        end): the after rating and the answers they chose to keep. None changes nothing."""
        ...

    def get(self, practice_id: str) -> PracticeRecord | None: ...

    def list_practices(
        self,
        *,
        first: date | None = None,
        last: date | None = None,
        kind: Kind | None = None,
        limit: int | None = PAGE_SIZE,
        offset: int = 0,
        newest_first: bool = True,
    ) -> list[PracticeRecord]: ...

    def count_practices(
        self, *, first: date | None = None, last: date | None = None, kind: Kind | None = None
    ) -> int: ...

    def update_note(self, practice_id: str, note: str | None) -> None: ...

    def delete_practice(self, practice_id: str) -> bool: ...

    def delete_all(self) -> int: ...

    def minutes_per_day(
        self, first: date, last: date, kind: Kind | None = None
    ) -> dict[date, float]: ...

    def minutes_per_week(
        self, first: date, last: date, kind: Kind | None = None
    ) -> dict[date, float]: ...

    def ratings_over_time(
        self, first: date | None = None, last: date | None = None, kind: Kind | None = None
    ) -> list[RatingPoint]: ...

    def ratings_per_day(
        self, first: date | None = None, last: date | None = None, kind: Kind | None = None
    ) -> list[DayRatings]:
        """The ratings in the range summed per day, oldest first (rated days only)."""
        ...

    def days_practised_in_week(self, day: date | None = None) -> list[date]: ...

    def add_session_date(self, day: date) -> bool: ...

    def remove_session_date(self, day: date) -> bool: ...

    def session_dates(self) -> list[date]: ...

    def integration_window(
        self, today: date | None = None, window_days: int = ...
    ) -> IntegrationWindow: ...

    def unsaved(self) -> list[PracticeRecord]: ...

    def retry_unsaved(self) -> int: ...

    def iter_records(
        self, first: date | None = None, last: date | None = None
    ) -> Iterator[PracticeRecord]: ...

    def merge_records(
        self, records: Iterable[PracticeRecord], sessions: Iterable[date] = ()
    ) -> ImportResult: ...

    def close(self) -> None: ...
