"""The parts of the history screen: the filters along the top, the list of practices and one
practice opened from it. Layout only: each part shows what it is given and says what the
person chose; the screen (:mod:`kapcompanion.ui.log.history`) puts them together.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QAbstractItemModel, QDate, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.practice import MAX_TEXT, Kind
from kapcompanion.domain.practice_history import Filters
from kapcompanion.i18n import N_, _, pgettext
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.date_field import DateField
from kapcompanion.ui.shell.theme import width
from kapcompanion.ui.shell.wrapping import WrapButton

#: Ranges the person can pick, in days back from today (None: everything).
RANGES: tuple[tuple[str, int | None], ...] = (
    (N_("Last 4 weeks"), 28),
    (N_("Last 3 months"), 91),
    (N_("Last 12 months"), 365),
    (N_("Everything"), None),
)
#: The range shown first, in days back (the last three months).
DEFAULT_DAYS_BACK = 91
#: The range item for dates the person chose themselves.
CHOSEN = -1
KINDS: tuple[tuple[str, Kind | None], ...] = (
    (N_("All practice"), None),
    (N_("Breathing"), Kind.BREATHING),
    (N_("Exercises"), Kind.EXERCISE),
)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class FilterBar(QWidget):
    """Which dates (a range back from today, or chosen ones) and which kind of practice.
    ``chosen`` whenever the person changes any of them. ``dates_back(days)`` gives the first
    and last day of a range (None: everything)."""

    chosen = Signal()

    def __init__(
        self,
        dates_back: Callable[[int | None], tuple[date, date]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._dates_back = dates_back
        self.range_combo = QComboBox()
        self.range_combo.setAccessibleName(_("Which dates to show"))
        for label, days_back in RANGES:
            self.range_combo.addItem(_(label), days_back)
        self.range_combo.addItem(_("Chosen dates"), CHOSEN)
        self.first_edit = DateField(accessible_name=_("From date"))
        self.last_edit = DateField(accessible_name=_("To date"))
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(_("Which kind of practice to show"))
        for label, kind in KINDS:
            self.kind_combo.addItem(_(label), kind)
        self.range_combo.setCurrentIndex(self.range_combo.findData(DEFAULT_DAYS_BACK))
        self._set_dates_for_range()
        span = QHBoxLayout()
        span.setSpacing(10)
        for word, edit in (
            (pgettext("dates in the history", "from"), self.first_edit),
            (pgettext("dates in the history", "to"), self.last_edit),
        ):
            # Each word stays with its date when "from ... to ..." breaks.
            pair = QHBoxLayout()
            pair.setSpacing(10)
            pair.addWidget(scaffold.label(word, "muted"))
            pair.addWidget(edit)
            pair.addStretch(1)
            span.addLayout(pair)
        span.addStretch(1)
        dates = QHBoxLayout()
        dates.setSpacing(10)
        dates.addWidget(self.range_combo, 0, Qt.AlignmentFlag.AlignLeft)  # as wide as its words
        dates.addLayout(span)
        dates.addStretch(1)
        # The kind of practice goes under the dates when the text is too large for one line.
        row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(20)
        row.addLayout(dates)
        row.addWidget(self.kind_combo, 0, Qt.AlignmentFlag.AlignLeft)
        row.addStretch(1)
        scaffold.line_or_column(self, row)
        # With large text in a longer language the dates themselves break: the range, then
        # "from ... to ..." under it (a line wider than the page made History scroll sideways).
        scaffold.line_or_column(self, dates)
        # And then "from ..." and "to ..." one under the other, when even they are too wide.
        scaffold.line_or_column(self, span)
        self.range_combo.currentIndexChanged.connect(self._range_chosen)
        self.first_edit.dateChanged.connect(self._dates_edited)
        self.last_edit.dateChanged.connect(self._dates_edited)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.chosen.emit())

    def _set_dates_for_range(self) -> None:
        days_back = self.range_combo.currentData()
        if days_back != CHOSEN:
            self._set_dates(*self._dates_back(days_back))

    def _set_dates(self, first: date, last: date) -> None:
        for edit, day in ((self.first_edit, first), (self.last_edit, last)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)

    def _range_chosen(self, _index: int) -> None:
        if self.range_combo.currentData() != CHOSEN:
            self._set_dates_for_range()
            self.chosen.emit()

    def _dates_edited(self, _day: QDate) -> None:
        chosen = self.range_combo.findData(CHOSEN)
        if self.range_combo.currentIndex() != chosen:
            self.range_combo.blockSignals(True)
            self.range_combo.setCurrentIndex(chosen)
            self.range_combo.blockSignals(False)
        self.chosen.emit()

    def set_range(self, first: date, last: date) -> None:
        """Choose the dates from ``first`` to ``last``."""
        self.range_combo.blockSignals(True)
        self.range_combo.setCurrentIndex(self.range_combo.findData(CHOSEN))
        self.range_combo.blockSignals(False)
        self._set_dates(first, last)
        self.chosen.emit()

    def set_kind(self, kind: Kind | None) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))

    def filters(self) -> Filters:
        """What the person chose (the earlier date first)."""
        first = _pydate(self.first_edit.date())
        last = _pydate(self.last_edit.date())
        if last < first:
            first, last = last, first
        # (Qt hands the item's data back as plain text.)
        data = self.kind_combo.currentData()
        return Filters(first, last, Kind(data) if data is not None else None)


#: Day, time, practice (it stretches), length and ratings, in pixels at 100 % text.
COLUMN_WIDTHS = (112, 60, 0, 80, 70)
PRACTICE_COLUMN = 2
#: The practice's title is never given less than this, in pixels at 100 % text.
LEAST_PRACTICE_WIDTH = 120
#: When the list is too narrow for every column (large text, a small window), these give way
#: first, in this order: opening a practice (or its tooltip) still says all of them.
GIVE_WAY = (1, 3, 4)


class PracticeList(QWidget):
    """The practices of the dates shown, newest first. ``open_requested`` on Enter, a double
    click or the Open button."""

    open_requested = Signal()

    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setAccessibleName(_("Practices, newest first"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setTabKeyNavigation(False)  # Tab goes on to Open, arrows move in the list
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The practice's title takes the room the others leave, so it is not cut short.
        header.setSectionResizeMode(PRACTICE_COLUMN, QHeaderView.ResizeMode.Stretch)

        def widths() -> None:  # in step with the text size, as soon as it changes
            for column in range(len(COLUMN_WIDTHS)):
                if column != PRACTICE_COLUMN:
                    header.resizeSection(column, self._column_width(column))
            self._fit_columns()

        scaffold.follow_text_size(self.table, widths)
        self.table.doubleClicked.connect(lambda _i: self.open_requested.emit())
        self.table.activated.connect(lambda _i: self.open_requested.emit())
        self.empty_label = scaffold.label(_("No practice in these dates."), "muted", wrap=True)
        self.empty_label.hide()
        self.open_button = QPushButton(_("Open"))
        self.open_button.setAccessibleName(_("Open the chosen practice"))
        self.open_button.clicked.connect(self.open_requested.emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        # The hint's words wrap beside Open rather than holding the list wide with large text.
        hint = QHBoxLayout()
        hint.addWidget(scaffold.label(_("Enter opens the chosen practice"), "hint", wrap=True), 1)
        hint.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(hint)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _column_width(self, column: int) -> int:
        # Never narrower than the heading: its words differ between languages.
        fit = self.table.horizontalHeader().sectionSizeHint(column)
        return max(width(COLUMN_WIDTHS[column]), fit)

    def _fit_columns(self) -> None:
        """Show every column that fits beside a readable title; the others give way (a list
        wider than its place would scroll sideways, or cut the title to a letter)."""
        room = self.table.viewport().width() - width(LEAST_PRACTICE_WIDTH)
        shown = [c for c in range(len(COLUMN_WIDTHS)) if c != PRACTICE_COLUMN]
        for column in GIVE_WAY:
            if sum(self._column_width(c) for c in shown) <= room:
                break
            shown.remove(column)
        for column in range(len(COLUMN_WIDTHS)):
            if column != PRACTICE_COLUMN:
                self.table.setColumnHidden(column, column not in shown)


class PracticeDetail(QWidget):
    """One practice: its facts, what was kept, and its note. The buttons' ``clicked`` signals
    are the screen's to connect."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = scaffold.label("", "heading", wrap=True)
        self.text = scaffold.label("", wrap=True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop)
        note_label = QLabel(_("&Note"))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setAccessibleName(_("Note for this practice"))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(120)
        note_label.setBuddy(self.note_edit)
        self.note_count = scaffold.label("", "hint")
        self.note_edit.textChanged.connect(self._note_typed)
        # Their words wrap with large text, so the three keep side by side in a narrow card.
        self.save_note_button = WrapButton(_("Save note"))
        self.delete_button = WrapButton(_("Delete…"))
        self.delete_button.setAccessibleName(_("Delete this practice"))
        self.back_button = WrapButton(_("Back to the list"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        note_row = QHBoxLayout()
        note_row.addWidget(note_label)
        note_row.addStretch(1)
        note_row.addWidget(self.note_count)
        layout.addLayout(note_row)
        layout.addWidget(self.note_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.save_note_button)
        layout.addLayout(buttons)

    def show_practice(self, title: str, text: str, note: str | None) -> None:
        self.title.setText(title)
        self.text.setText(text)
        self.note_edit.blockSignals(True)
        self.note_edit.setPlainText(note or "")
        self.note_edit.blockSignals(False)
        self._note_typed()

    @property
    def note(self) -> str:
        return self.note_edit.toPlainText()

    def _note_typed(self) -> None:
        self.note_count.setText(f"{len(self.note_edit.toPlainText())} / {MAX_TEXT}")
