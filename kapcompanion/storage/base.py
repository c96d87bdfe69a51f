"""What every practice log offers the app, saved or not.

:class:`PracticeStore` is the interface the UI talks to. Two logs provide it: the saved
:class:`~kapcompanion.storage.log.PracticeLog` (SQLite, in the private data folder) and
:class:`~kapcompanion.storage.guest.GuestLog`, which keeps everything in memory and writes
nothing at all. Both follow a practice through its life the same way (:class:`PracticeFlow`);
they differ only in where its record is kept.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Protocol, Self, runtime_checkable

from kapcompanion.domain.integration import (
    DEFAULT_WINDOW_DAYS,
    IntegrationWindow,
    integration_window,
)
from kapcompanion.domain.practice import Kind, PracticeRecord, RatingPoint, Status, StepTime
from kapcompanion.domain.practice_flow import (
    begin_record,
    finish_record,
    with_after,
    with_progress,
    with_words_forgotten,
)
from kapcompanion.domain.practice_history import DayRatings, minutes_per_week, whole_weeks
from kapcompanion.i18n import _

#: How many practices one page of the history list shows.
PAGE_SIZE = 50


def local_now() -> datetime:
    """The wall time here, with its time zone."""
    return datetime.now().astimezone()


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
    #: Rows of the file that could not be read are left out of History and exports.
    SKIPPED_ROWS = "skipped_rows"
    #: A damaged write-ahead journal was copied aside (with the log) before it was replayed.
    JOURNAL_KEPT = "journal_kept"


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
    #: Journal entries and body-map marks added (a backup may hold them too).
    journal_added: int = 0
    marks_added: int = 0


class NotRunningError(LookupError):
    """A practice that is not running was asked to continue or finish."""

    def __init__(self, practice_id: str) -> None:
        self.practice_id = practice_id
        super().__init__(
            _("practice {id} is not running (it has ended or is unknown)").format(id=practice_id)
        )


class UnknownPracticeError(LookupError):
    def __init__(self, practice_id: str) -> None:
        self.practice_id = practice_id
        super().__init__(_("there is no practice {id} in the log").format(id=practice_id))


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

    def forget_words(self, practice_id: str, *, note: str | None = None) -> PracticeRecord:
        """Remove a practice's intention and answers (the person chose not to keep them) and
        set its note back to ``note``."""
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


class PracticeFlow(ABC):
    """A practice's life as every log follows it: begun, followed while it runs, finished, and
    added to afterwards; and what the log answers from its other answers.

    A log reads the wall time with ``_wall`` and says where records go: :meth:`_running_record`
    finds a practice that is still running, :meth:`_started`, :meth:`_progressed` and
    :meth:`_finished` keep a record at each stage, :meth:`_ended_or_running` finds a practice
    to add to afterwards and :meth:`_added_after` keeps what was added.
    """

    _wall: Callable[[], datetime]

    @abstractmethod
    def _running_record(self, practice_id: str) -> PracticeRecord:
        """The practice's latest state; raises :class:`NotRunningError` unless it runs."""

    @abstractmethod
    def _started(self, record: PracticeRecord) -> None: ...

    @abstractmethod
    def _progressed(self, record: PracticeRecord) -> None: ...

    @abstractmethod
    def _finished(self, record: PracticeRecord) -> None: ...

    @abstractmethod
    def _ended_or_running(self, practice_id: str) -> PracticeRecord | None: ...

    @abstractmethod
    def _added_after(self, record: PracticeRecord) -> None: ...

    @abstractmethod
    def minutes_per_day(
        self, first: date, last: date, kind: Kind | None = None
    ) -> dict[date, float]: ...

    @abstractmethod
    def session_dates(self) -> list[date]: ...

    @abstractmethod
    def close(self) -> None: ...

    def start_practice(
        self,
        kind: Kind | str,
        ref: str,
        *,
        planned_s: float | None = None,
        rating_before: int | None = None,
        intention: str | None = None,
    ) -> str:
        """Begin a practice, in progress; returns its id."""
        record = begin_record(
            kind,
            ref,
            self._wall(),
            planned_s=planned_s,
            rating_before=rating_before,
            intention=intention,
        )
        self._started(record)
        return record.uuid

    def record_progress(
        self, practice_id: str, *, actual_s: float, steps: Iterable[StepTime] = ()
    ) -> None:
        """Keep how far a running practice has come, so that a crash loses little."""
        record = with_progress(self._running_record(practice_id), actual_s=actual_s, steps=steps)
        self._progressed(record)

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
    ) -> PracticeRecord:
        """End a running practice (completed, or stopped early)."""
        record = finish_record(
            self._running_record(practice_id),
            self._wall(),
            status=status,
            actual_s=actual_s,
            steps=steps,
            rating_after=rating_after,
            answers=answers,
            note=note,
            intention=intention,
        )
        self._finished(record)
        return record

    def record_after(
        self,
        practice_id: str,
        *,
        rating_after: int | None = None,
        intention: str | None = None,
        answers: Mapping[str, Iterable[str]] | None = None,
        note: str | None = None,
    ) -> PracticeRecord:
        """Add what the person gave after the practice ended (its row was finished at the
        real end): the after rating and the answers they chose to keep. A value of None
        changes nothing."""
        record = self._ended_or_running(practice_id)
        if record is None:
            raise UnknownPracticeError(practice_id)
        updated = with_after(
            record, rating_after=rating_after, intention=intention, answers=answers, note=note
        )
        self._added_after(updated)
        return updated

    def forget_words(self, practice_id: str, *, note: str | None = None) -> PracticeRecord:
        """Remove a practice's intention and answers, because the person chose not to keep
        them, and set its note back to ``note`` (what it held before they were added)."""
        record = self._ended_or_running(practice_id)
        if record is None:
            raise UnknownPracticeError(practice_id)
        updated = with_words_forgotten(record, note)
        self._added_after(updated)
        self._scrub()
        return updated

    @abstractmethod
    def _scrub(self) -> None:
        """After words were removed: leave no copy of them behind (a saved log overwrites
        them on disk; a log kept in memory has nothing to do)."""

    def minutes_per_week(
        self, first: date, last: date, kind: Kind | None = None
    ) -> dict[date, float]:
        """Minutes per ISO week (keyed by Monday) for the weeks from ``first`` to ``last``."""
        return minutes_per_week(self.minutes_per_day(*whole_weeks(first, last), kind))

    def integration_window(
        self, today: date | None = None, window_days: int = DEFAULT_WINDOW_DAYS
    ) -> IntegrationWindow:
        return integration_window(self.session_dates(), today or self._wall().date(), window_days)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
