"""The history's list: the practices matching the filters, newest first, read a page at a time.

A long log is never read whole: the table asks the log for the number of practices, then for
each page of :data:`~kapcompanion.storage.PAGE_SIZE` rows when the view first shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from kapcompanion.domain.history_text import (
    list_day,
    list_length,
    list_name,
    list_tooltip,
    start_time,
)
from kapcompanion.domain.practice import PracticeRecord
from kapcompanion.domain.practice_history import Filters
from kapcompanion.domain.words import rating_text
from kapcompanion.i18n import N_, _
from kapcompanion.storage import PAGE_SIZE, PracticeStore, StorageFailure

COLUMNS = (N_("Day"), N_("Time"), N_("Practice"), N_("Length"), N_("Ratings"))
#: The column of the practice's name.
PRACTICE_COLUMN = 2
#: Pages kept in memory at most; beyond, they are read again when shown.
KEPT_PAGES = 40

_SHOWN = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.ToolTipRole,
)


class PracticeTable(QAbstractTableModel):
    """The practices matching the filters. ``titles`` names the exercises by id (see
    :meth:`set_titles`). ``failure`` holds the log's message when reading failed."""

    def __init__(
        self,
        store: PracticeStore,
        today: Callable[[], date],
        titles: Mapping[str, str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._today = today
        self._titles = dict(titles)
        self._filters = Filters(None, None, None)
        self._count = 0
        self._pages: dict[int, list[PracticeRecord]] = {}
        self.failure: str | None = None

    def set_filters(self, filters: Filters, count: int | None = None) -> None:
        self.beginResetModel()
        self._filters = filters
        self._pages.clear()
        self.failure = None
        if count is None:
            try:
                count = self._store.count_practices(
                    first=filters.first, last=filters.last, kind=filters.kind
                )
            except StorageFailure as failure:
                self.failure = failure.message
                count = 0
        self._count = count
        self.endResetModel()

    def refresh(self) -> None:
        self.set_filters(self._filters)

    def set_titles(self, titles: Mapping[str, str]) -> None:
        """Name the exercises anew (a script was renamed, added or imported)."""
        self._titles = dict(titles)
        if self._count:
            column = PRACTICE_COLUMN
            self.dataChanged.emit(
                self.index(0, column), self.index(self._count - 1, column), list(_SHOWN)
            )

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def record(self, row: int) -> PracticeRecord | None:
        if not 0 <= row < self._count:
            return None
        page = row // PAGE_SIZE
        if page not in self._pages:
            if len(self._pages) > KEPT_PAGES:
                self._pages.clear()
            try:
                self._pages[page] = self._store.list_practices(
                    first=self._filters.first,
                    last=self._filters.last,
                    kind=self._filters.kind,
                    limit=PAGE_SIZE,
                    offset=page * PAGE_SIZE,
                )
            except StorageFailure as failure:
                self.failure = failure.message
                self._pages[page] = []
        records = self._pages[page]
        index = row - page * PAGE_SIZE
        return records[index] if index < len(records) else None

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.UserRole:
            return self.record(index.row())
        if role not in _SHOWN:
            return None
        record = self.record(index.row())
        if record is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return list_tooltip(record)
        column = index.column()
        if column == 0:
            return list_day(record.local_date, self._today())
        if column == 1:
            return start_time(record)
        if column == 2:
            return list_name(record, self._titles)
        if column == 3:
            return list_length(record)
        if column == 4:
            return rating_text(record.rating_before, record.rating_after)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        return None
