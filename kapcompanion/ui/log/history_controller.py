"""The history's decisions: what is read from the log for the dates shown, and what happens
when a note is saved, a practice deleted, the log exported, a backup imported or everything
deleted.

:class:`HistoryController` holds the figures of the dates shown and the list's model; the
screen (:mod:`kapcompanion.ui.log.history`) shows them and forwards what the person asks for.
Every change to the log goes through here, and every message for the person comes back as
``said``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kapcompanion.domain.history_text import (
    deleted_all_text,
    imported_text,
    period_text,
    saved_text,
    week_line,
)
from kapcompanion.domain.practice import PracticeInputError, PracticeRecord, RatingPoint
from kapcompanion.domain.practice_history import (
    DayRatings,
    Filters,
    local_midnight,
    minutes_per_week,
)
from kapcompanion.i18n import _, ngettext
from kapcompanion.services.library import ExerciseLibrary
from kapcompanion.storage import (
    ImportFormatError,
    PracticeStore,
    StorageFailure,
    UnknownPracticeError,
)
from kapcompanion.storage.export import export_csv, export_json, import_json
from kapcompanion.storage.journal_open import journal_for
from kapcompanion.ui.log.history_charts import NOON, Series
from kapcompanion.ui.log.history_table import PracticeTable
from kapcompanion.ui.log.report import export_pdf

#: Up to this many ratings each practice is a point; beyond, each day's average is one.
MAX_RATING_POINTS = 1500
#: How far back the history begins when the log holds nothing yet, in days.
EMPTY_DAYS_BACK = 27


class HistoryController(QObject):
    """What the history shows and does, for one log.

    Signals: ``loaded`` once the figures for the filters have been read again (the screen
    redraws), ``changed`` after the log was changed here (a note, a deletion, an import),
    ``said(str)`` with a message for the person ("" clears it), ``titles_changed`` when the
    exercises were renamed.
    """

    loaded = Signal()
    changed = Signal()
    said = Signal(str)
    titles_changed = Signal()

    def __init__(
        self,
        store: PracticeStore,
        library: ExerciseLibrary,
        today: Callable[[], date],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._library = library
        self.today = today
        self.titles: Mapping[str, str] = library.titles()
        self.filters = Filters(None, None, None)
        self.per_day: dict[date, float] = {}
        self.ratings: list[RatingPoint] = []
        self.day_ratings: list[DayRatings] = []
        self.sessions: list[date] = []
        self.this_week: list[date] = []
        self.model = PracticeTable(store, today, self.titles, self)
        library.changed.connect(self._titles_changed)

    def _titles_changed(self) -> None:
        self.titles = self._library.titles()
        self.model.set_titles(self.titles)
        self.titles_changed.emit()

    # -- reading -------------------------------------------------------------------------------

    def earliest(self) -> date | None:
        """The first day the log knows of: its oldest practice or session date."""
        try:
            oldest = self.store.list_practices(limit=1, newest_first=False)
            sessions = self.store.session_dates()
        except StorageFailure:
            return None
        candidates = [r.local_date for r in oldest] + sessions[:1]
        return min(candidates) if candidates else None

    def dates_back(self, days_back: int | None) -> tuple[date, date]:
        """The days to show for "the last ``days_back`` days" (None: everything)."""
        today = self.today()
        if days_back is None:
            return self.earliest() or today - timedelta(days=EMPTY_DAYS_BACK), today
        return today - timedelta(days=int(days_back) - 1), today

    def load(self, filters: Filters) -> None:
        """Read everything the screen shows for ``filters`` (both dates given)."""
        f = self.filters = filters
        assert f.first is not None and f.last is not None
        problems: list[str] = []
        try:
            self.per_day = self.store.minutes_per_day(f.first, f.last, f.kind)
        except StorageFailure as failure:
            problems.append(failure.message)
            self.per_day = {}
        try:
            # Summed per day first (one row a day, whatever the range); each practice's own
            # point is read only when there are few enough to show them all.
            self.day_ratings = self.store.ratings_per_day(f.first, f.last, f.kind)
            rated = sum(d.rated for d in self.day_ratings)
            self.ratings = (
                self.store.ratings_over_time(f.first, f.last, f.kind)
                if rated <= MAX_RATING_POINTS
                else []
            )
        except StorageFailure as failure:
            problems.append(failure.message)
            self.ratings, self.day_ratings = [], []
        try:
            self.sessions = self.store.session_dates()
            self.this_week = self.store.days_practised_in_week(self.today())
        except StorageFailure as failure:
            problems.append(failure.message)
            self.sessions, self.this_week = [], []
        self.model.set_filters(f)
        if self.model.failure:
            problems.append(self.model.failure)
        self.said.emit(" ".join(dict.fromkeys(problems)))
        self.loaded.emit()

    def reload(self) -> None:
        self.load(self.filters)

    @property
    def week_text(self) -> str:
        return week_line(self.this_week)

    @property
    def period_text(self) -> str:
        return period_text(self.model.rowCount(), self.per_day, self.day_ratings)

    def minutes_series(self, per_week: bool) -> tuple[list[date], list[float]]:
        """What the minutes chart shows: (days or Mondays, minutes)."""
        if per_week:
            weeks = minutes_per_week(self.per_day)
            return list(weeks), list(weeks.values())
        days = sorted(self.per_day)
        return days, [self.per_day[d] for d in days]

    def rating_series(self) -> tuple[Series, Series]:
        """What the ratings chart shows: ((x, before), (x, after)). Each practice is a point;
        with more than :data:`MAX_RATING_POINTS` ratings, each day's average is one."""
        if sum(d.rated for d in self.day_ratings) <= MAX_RATING_POINTS:
            points = self.ratings
            before = [(p.started_utc.timestamp(), p.before) for p in points if p.before is not None]
            after = [(p.started_utc.timestamp(), p.after) for p in points if p.after is not None]
            return (
                ([x for x, _ in before], [float(y) for _, y in before]),
                ([x for x, _ in after], [float(y) for _, y in after]),
            )
        b: Series = ([], [])
        a: Series = ([], [])
        for day in self.day_ratings:
            noon = local_midnight(day.local_date) + NOON
            if day.before_mean is not None:
                b[0].append(noon)
                b[1].append(day.before_mean)
            if day.after_mean is not None:
                a[0].append(noon)
                a[1].append(day.after_mean)
        return b, a

    def record(self, uuid: str) -> PracticeRecord | None:
        return self.store.get(uuid)

    # -- changing one practice -----------------------------------------------------------------

    def save_note(self, record: PracticeRecord, text: str) -> PracticeRecord | None:
        """Keep ``text`` as the practice's note; returns the record as the log now holds it,
        or None (and says why) when it could not be kept."""
        try:
            self.store.update_note(record.uuid, text)
        except PracticeInputError as problem:
            self.said.emit(
                _("The note was not saved: {why}. Your text is still here.").format(
                    why=problem.allowed
                )
            )
            return None
        except StorageFailure as failure:
            self.said.emit(
                _("The note could not be saved. {why} Your text is still here.").format(
                    why=failure.message
                )
            )
            return None
        except UnknownPracticeError as unknown:
            self.said.emit(
                _("The note could not be saved. {why} Your text is still here.").format(why=unknown)
            )
            return None
        self.said.emit("")
        updated = self.store.get(record.uuid) or record
        self.model.refresh()
        self.changed.emit()
        return updated

    def delete(self, record: PracticeRecord) -> bool:
        try:
            self.store.delete_practice(record.uuid)
            journal_for(self.store).delete_marks_of_practice(record.uuid)  # its body-map marks
        except StorageFailure as failure:
            self.said.emit(
                _("The practice could not be deleted. {why}").format(why=failure.message)
            )
            return False
        self.reload()
        self.changed.emit()
        return True

    # -- the whole log -------------------------------------------------------------------------

    def export_to(self, target: Path, fmt: str, *, everything: bool = False) -> int:
        """Write an export of the dates shown (or of ``everything``); returns how many
        practices it holds, or -1. Says so either way."""
        f = self.filters
        first, last = (None, None) if everything else (f.first, f.last)
        try:
            if fmt == "csv":
                count = export_csv(self.store, target, first, last)
            elif fmt == "json":
                count = export_json(self.store, target, first, last)
            elif fmt == "pdf":
                count = export_pdf(self.store, target, first, last, titles=self.titles).practices
            else:
                raise ValueError(f"unknown export format {fmt!r}; use csv, json or pdf")
        except StorageFailure as failure:
            self.said.emit(failure.message)
            return -1
        self.said.emit(saved_text(count, target))
        return count

    def import_from(self, source: Path) -> str:
        """Add what a JSON backup holds that the log does not; returns what was said."""
        try:
            result = import_json(self.store, source)
        except ImportFormatError as problem:
            message = str(problem)
        except StorageFailure as failure:
            message = _("Nothing was imported. {why}").format(why=failure.message)
        else:
            message = imported_text(result.added, result.already_present, result.sessions_added)
            if result.journal_added or result.marks_added:
                n, m = result.journal_added, result.marks_added
                entries = ngettext("{n} journal entry", "{n} journal entries", n).format(n=n)
                marks = ngettext("{n} body-map mark", "{n} body-map marks", m).format(n=m)
                journal = _("From the journal: {entries} and {marks}.").format(
                    entries=entries, marks=marks
                )
                message = f"{message} {journal}"
            self.reload()
            self.changed.emit()
        self.said.emit(message)
        return message

    def delete_everything(self) -> int:
        """Delete every practice and session date (the screen asks first); returns how many
        practices were deleted, or -1."""
        try:
            count = self.store.delete_all()
        except StorageFailure as failure:
            self.said.emit(_("Nothing was deleted. {why}").format(why=failure.message))
            return -1
        self.reload()
        self.changed.emit()
        self.said.emit(deleted_all_text(count))
        return count
