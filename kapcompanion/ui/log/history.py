"""The history screen: what was practised, when, for how long, and how it felt.

Charts show minutes practised per day or per week and the ratings before and after practice
over time, with the dates of medicine sessions marked on the time axis. Below them a list of
practices can be filtered by dates and kind; a practice can be opened, its note edited, or it
can be deleted (after a confirmation). The screen also holds the person's data tools: export
(CSV, JSON backup, the PDF summary), import of a backup, and deleting everything.

There are no streaks here: the screen says on which days of this week there was some practice,
and that is all.

pyqtgraph is imported only here, and this module only when the screen opens. The list and the
figures are shown first; the charts are built on the next turn of the event loop, so the screen
appears at once even the first time.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.practice import (
    MAX_TEXT,
    Kind,
    PracticeInputError,
    PracticeRecord,
    RatingPoint,
    Status,
)
from kapcompanion.domain.practice_history import (
    DayRatings,
    minutes_per_week,
    summarise_ratings,
    week_start,
)
from kapcompanion.storage import (
    PAGE_SIZE,
    ImportFormatError,
    PracticeStore,
    StorageFailure,
    UnknownPracticeError,
)
from kapcompanion.storage.export import export_csv, export_json, import_json
from kapcompanion.ui.log.report import export_pdf, long_date, minutes_text, practice_name
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.theme import DARK, SMALL_PT, Theme

if TYPE_CHECKING:  # pragma: no cover
    import pyqtgraph

log = logging.getLogger(__name__)

TITLE = "Your practice"
GUEST_LINE = (
    "You are practising as a guest: only this run's practice is shown, and none of it is saved."
)
NO_PRACTICE_THIS_WEEK = "This week so far: no practice yet. Whenever you like."
DELETE_ONE = "Delete this practice from your log? This cannot be undone."
DELETE_ALL_WORD = "delete"
DELETE_ALL_TEXT = (
    "This deletes every practice and every medicine-session date in your log, for good. "
    "If you might want them later, you could export a JSON backup first."
)

#: Ranges the person can pick, in days back from today (None: everything).
RANGES: tuple[tuple[str, int | None], ...] = (
    ("Last 4 weeks", 28),
    ("Last 3 months", 91),
    ("Last 12 months", 365),
    ("Everything", None),
)
DEFAULT_RANGE = "Last 3 months"
#: Up to this many ratings each practice is a point; beyond, each day's average is one.
MAX_RATING_POINTS = 1500
KINDS: tuple[tuple[str, Kind | None], ...] = (
    ("All practice", None),
    ("Breathing", Kind.BREATHING),
    ("Exercises", Kind.EXERCISE),
)
OUTCOMES = {
    Status.COMPLETED: "completed",
    Status.STOPPED: "ended early",
    Status.INTERRUPTED: "interrupted",
    Status.IN_PROGRESS: "in progress",
}
COLUMNS = ("Day", "Time", "Practice", "Length", "Ratings")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FORMATS = (
    ("csv", "A table (CSV), for a spreadsheet", "CSV files (*.csv)"),
    ("json", "A backup (JSON), which can be imported again", "JSON files (*.json)"),
    ("pdf", "A one-page summary (PDF), for your therapist", "PDF files (*.pdf)"),
)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def joined(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def week_line(days: Sequence[date]) -> str:
    """Which days of this week had some practice; never a count of missed days."""
    if not days:
        return NO_PRACTICE_THIS_WEEK
    return (
        "This week so far you practised on " + joined([WEEKDAYS[d.weekday()] for d in days]) + "."
    )


def _day_x(day: date) -> float:
    """A day's place on the time axis: its local midnight in seconds since the epoch."""
    return datetime(day.year, day.month, day.day).timestamp()


def answer_label(key: str) -> str:
    """A kept answer's input key as words: "first-words" becomes "First words"."""
    words = " ".join(key.replace("_", " ").replace("-", " ").split())
    return words[:1].upper() + words[1:]


def rating_text(before: int | None, after: int | None) -> str:
    if before is None and after is None:
        return "—"
    b = "–" if before is None else str(before)
    a = "–" if after is None else str(after)
    return f"{b} → {a}"


@dataclass(frozen=True)
class Filters:
    first: date | None
    last: date | None
    kind: Kind | None


# -- the list --------------------------------------------------------------------------------


class PracticeTable(QAbstractTableModel):
    """The practices matching the filters, newest first, read a page at a time."""

    def __init__(
        self,
        store: PracticeStore,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._today = today
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

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def record(self, row: int) -> PracticeRecord | None:
        if not 0 <= row < self._count:
            return None
        page = row // PAGE_SIZE
        if page not in self._pages:
            if len(self._pages) > 40:
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
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        record = self.record(index.row())
        if record is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole:
            note = f"\n{record.note}" if record.note else ""
            return f"{long_date(record.local_date)} · {OUTCOMES[record.status]}{note}"
        if column == 0:
            d = record.local_date
            year = "" if d.year == self._today().year else f" {d.year}"
            return f"{WEEKDAYS[d.weekday()][:3]} {d.day} {d.strftime('%b')}{year}"
        if column == 1:
            return record.started_utc.astimezone().strftime("%H:%M")
        if column == 2:
            mark = "  ✎" if record.note else ""
            return practice_name(record.kind, record.ref) + mark
        if column == 3:
            length = minutes_text(record.practised_s / 60.0)
            if record.status is not Status.COMPLETED and record.planned_s:
                length = (
                    f"{round(record.practised_s / 60.0)} of {minutes_text(record.planned_s / 60)}"
                )
            return length
        if column == 4:
            return rating_text(record.rating_before, record.rating_after)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None


# -- dialogs ---------------------------------------------------------------------------------


class DeleteAllDialog(QDialog):
    """Type the word to confirm: deleting everything is never one click away."""

    def __init__(self, theme: Theme = DARK, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Delete all my data")
        self.setModal(True)
        text = QLabel(DELETE_ALL_TEXT)
        text.setWordWrap(True)
        ask = QLabel(f"To go ahead, type the word {DELETE_ALL_WORD} below.")
        ask.setObjectName("muted")
        ask.setWordWrap(True)
        self.word = QLineEdit()
        self.word.setAccessibleName(f"Type {DELETE_ALL_WORD} to confirm")
        self.word.setPlaceholderText(DELETE_ALL_WORD)
        self.keep_button = QPushButton("Keep my data")
        self.keep_button.setDefault(True)
        self.keep_button.clicked.connect(self.reject)
        self.delete_button = QPushButton("Delete everything")
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.accept)
        self.word.textChanged.connect(self._typed)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        layout.addWidget(text)
        layout.addWidget(ask)
        layout.addWidget(self.word)
        layout.addLayout(buttons)
        self.setMinimumWidth(520)
        self.setStyleSheet(f"QDialog {{ background: {theme.surface}; }}")

    def _typed(self, text: str) -> None:
        self.delete_button.setEnabled(text.strip().lower() == DELETE_ALL_WORD)

    @property
    def confirmed(self) -> bool:
        return self.word.text().strip().lower() == DELETE_ALL_WORD


class ExportDialog(QDialog):
    """Which format and which dates; the file name is asked next."""

    def __init__(
        self,
        shown: tuple[date | None, date | None],
        theme: Theme = DARK,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        intro = QLabel("Nothing leaves this computer unless you choose to share the file.")
        intro.setObjectName("muted")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self._formats = QButtonGroup(self)
        for i, (key, label, _pattern) in enumerate(FORMATS):
            radio = QRadioButton(label)
            radio.setProperty("format", key)
            self._formats.addButton(radio, i)
            layout.addWidget(radio)
        self._formats.button(0).setChecked(True)
        layout.addSpacing(8)
        first, last = shown
        shown_text = (
            f"The dates shown ({long_date(first)} to {long_date(last)})"
            if first is not None and last is not None
            else "The dates shown (everything)"
        )
        self.shown_radio = QRadioButton(shown_text)
        self.all_radio = QRadioButton("Everything in my log")
        self.shown_radio.setChecked(True)
        self._range = QButtonGroup(self)
        self._range.addButton(self.shown_radio)
        self._range.addButton(self.all_radio)
        layout.addWidget(self.shown_radio)
        layout.addWidget(self.all_radio)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton("Cancel")
        cancel.clicked.connect(self.reject)
        go = QPushButton("Choose where to save…")
        go.setDefault(True)
        go.clicked.connect(self.accept)
        buttons.addWidget(cancel)
        buttons.addWidget(go)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        self.setStyleSheet(f"QDialog {{ background: {theme.surface}; }}")

    @property
    def format(self) -> str:
        button = self._formats.checkedButton()
        return str(button.property("format")) if button is not None else FORMATS[0][0]

    @property
    def everything(self) -> bool:
        return self.all_radio.isChecked()


# -- the screen ------------------------------------------------------------------------------


class HistoryScreen(QWidget):
    """Emits ``closed`` to leave, ``changed`` after the log was changed here (a note, a
    deletion, an import) and ``sessions_requested`` to open the session-dates editor."""

    closed = Signal()
    changed = Signal()
    sessions_requested = Signal()

    def __init__(
        self,
        store: PracticeStore,
        theme: Theme = DARK,
        *,
        guest: bool = False,
        today: Callable[[], date] = date.today,
        ask_ratings: bool | None = None,
        on_ask_ratings: Callable[[bool], None] | None = None,
        defer_charts: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        scaffold.as_screen(self)
        self.title = "History"
        self.store = store
        self.theme = theme
        self.guest = guest
        self._today = today
        self._defer_charts = defer_charts
        self._charts_built = False
        self._charts_asked = False
        self._per_week = False
        self._per_day: dict[date, float] = {}
        self._ratings: list[RatingPoint] = []
        self._day_ratings: list[DayRatings] = []
        self._sessions: list[date] = []
        self._selected: PracticeRecord | None = None
        #: Asks the person to confirm (title, text) -> yes; replaced in tests.
        self.confirm: Callable[[str, str], bool] = self._confirm_box
        self.timings: dict[str, float] = {}

        t0 = time.perf_counter()
        self._build(ask_ratings, on_ask_ratings)
        self.reload()
        self.timings["build_ms"] = (time.perf_counter() - t0) * 1000
        if not defer_charts:
            self.ensure_charts()

    # -- building ------------------------------------------------------------------------------

    def _build(self, ask_ratings: bool | None, on_ask: Callable[[bool], None] | None) -> None:
        heading = scaffold.label(TITLE, "title")
        self.range_combo = QComboBox()
        self.range_combo.setAccessibleName("Which dates to show")
        for label, days_back in RANGES:
            self.range_combo.addItem(label, days_back)
        self.range_combo.addItem("Chosen dates", -1)
        self.first_edit = QDateEdit()
        self.last_edit = QDateEdit()
        for edit, name in ((self.first_edit, "From"), (self.last_edit, "To")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setAccessibleName(f"{name} date")
            edit.setMinimumDate(QDate(2000, 1, 1))
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Which kind of practice to show")
        for label, kind in KINDS:
            self.kind_combo.addItem(label, kind)
        self.range_combo.setCurrentText(DEFAULT_RANGE)
        self._set_dates_for_range()

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        filters = QHBoxLayout()
        filters.setSpacing(10)
        filters.addWidget(self.range_combo)
        filters.addWidget(scaffold.label("from", "muted"))
        filters.addWidget(self.first_edit)
        filters.addWidget(scaffold.label("to", "muted"))
        filters.addWidget(self.last_edit)
        filters.addSpacing(10)
        filters.addWidget(self.kind_combo)
        filters.addStretch(1)

        self.week_label = scaffold.label("", wrap=True)
        self.period_label = scaffold.label("", "muted", wrap=True)
        self.guest_label = scaffold.label(GUEST_LINE, "notice", wrap=True)
        self.status = scaffold.label("", "notice", wrap=True)
        self.status.hide()

        # Charts (filled in by ensure_charts).
        self.charts = QFrame()
        self.charts.setObjectName("card")
        self.charts.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._charts_layout = QVBoxLayout(self.charts)
        self._charts_layout.setContentsMargins(16, 12, 16, 12)
        self._charts_layout.setSpacing(6)
        minutes_head = QHBoxLayout()
        self.minutes_title = scaffold.label("Minutes practised each day", "heading")
        self.day_button = QPushButton("Per day")
        self.week_button = QPushButton("Per week")
        self._grain = QButtonGroup(self)
        for i, button in enumerate((self.day_button, self.week_button)):
            button.setCheckable(True)
            button.setObjectName("toggle")
            self._grain.addButton(button, i)
        self.day_button.setChecked(True)
        self._grain.idClicked.connect(lambda i: self.show_per_week(i == 1))
        minutes_head.addWidget(self.minutes_title)
        minutes_head.addStretch(1)
        minutes_head.addWidget(self.day_button)
        minutes_head.addWidget(self.week_button)
        self._charts_layout.addLayout(minutes_head)
        self._minutes_slot = QVBoxLayout()
        self._charts_layout.addLayout(self._minutes_slot, 3)
        ratings_head = QHBoxLayout()
        ratings_title = scaffold.label("Before and after practice", "heading")
        self.legend = scaffold.label("", "hint")
        self.legend.setAccessibleName(
            "Legend: open circles are ratings before practice, filled circles after; "
            "dashed lines mark medicine sessions"
        )
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        t = self.theme
        self.legend.setText(
            f"<span style='color:{t.muted}'>○ before</span> &nbsp; "
            f"<span style='color:{t.accent}'>● after</span> &nbsp; "
            f"<span style='color:{t.focus}'>┆</span> sessions"
        )
        ratings_head.addWidget(ratings_title)
        ratings_head.addStretch(1)
        ratings_head.addWidget(self.legend)
        self._charts_layout.addLayout(ratings_head)
        self._ratings_slot = QVBoxLayout()
        self._charts_layout.addLayout(self._ratings_slot, 2)
        self.charts_waiting = scaffold.label("Drawing the charts…", "muted")
        self.charts_waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._minutes_slot.addWidget(self.charts_waiting)
        self.minutes_plot: pyqtgraph.PlotWidget | None = None
        self.ratings_plot: pyqtgraph.PlotWidget | None = None
        self.minutes_bars: pyqtgraph.BarGraphItem | None = None
        self.before_points: pyqtgraph.ScatterPlotItem | None = None
        self.after_points: pyqtgraph.ScatterPlotItem | None = None
        self.session_lines: list[pyqtgraph.InfiniteLine] = []
        self._session_items: list[tuple[pyqtgraph.PlotWidget, pyqtgraph.InfiniteLine]] = []

        # The list and one practice.
        self.model = PracticeTable(self.store, self._today, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Practices, newest first")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for column, width in enumerate((112, 60, 200, 80)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.activated.connect(lambda _i: self.open_selected())
        self.empty_label = scaffold.label("No practice in these dates.", "muted")
        self.empty_label.hide()
        self.open_button = QPushButton("Open")
        self.open_button.setAccessibleName("Open the chosen practice")
        self.open_button.clicked.connect(self.open_selected)
        list_page = QWidget()
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.setSpacing(8)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.empty_label)
        list_layout.addLayout(
            scaffold.hint_row("Enter opens the chosen practice", self.open_button)
        )

        self.detail_title = scaffold.label("", "heading", wrap=True)
        self.detail_text = scaffold.label("", wrap=True)
        self.detail_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_text.setAlignment(Qt.AlignmentFlag.AlignTop)
        note_label = QLabel("&Note")
        self.note_edit = QPlainTextEdit()
        self.note_edit.setAccessibleName("Note for this practice")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(120)
        note_label.setBuddy(self.note_edit)
        self.note_count = scaffold.label("", "hint")
        self.note_edit.textChanged.connect(self._note_typed)
        self.save_note_button = QPushButton("Save note")
        self.save_note_button.clicked.connect(self.save_note)
        self.delete_button = QPushButton("Delete…")
        self.delete_button.setAccessibleName("Delete this practice")
        self.delete_button.clicked.connect(self.delete_selected)
        self.back_button = QPushButton("Back to the list")
        self.back_button.clicked.connect(self.show_list)
        detail_page = QWidget()
        detail = QVBoxLayout(detail_page)
        detail.setContentsMargins(0, 0, 0, 0)
        detail.setSpacing(8)
        detail.addWidget(self.detail_title)
        detail.addWidget(self.detail_text, 1)
        note_row = QHBoxLayout()
        note_row.addWidget(note_label)
        note_row.addStretch(1)
        note_row.addWidget(self.note_count)
        detail.addLayout(note_row)
        detail.addWidget(self.note_edit)
        detail_buttons = QHBoxLayout()
        detail_buttons.addWidget(self.back_button)
        detail_buttons.addStretch(1)
        detail_buttons.addWidget(self.delete_button)
        detail_buttons.addWidget(self.save_note_button)
        detail.addLayout(detail_buttons)

        self.pages = QStackedWidget()
        self.pages.setObjectName("historyPages")
        self.pages.addWidget(list_page)
        self.pages.addWidget(detail_page)

        # Data tools.
        self.sessions_button = QPushButton("Session dates…")
        self.sessions_button.setAccessibleName("Medicine-session dates")
        self.sessions_button.clicked.connect(self.sessions_requested.emit)
        self.export_button = QPushButton("Export…")
        self.export_button.clicked.connect(self.export_interactively)
        self.import_button = QPushButton("Import a backup…")
        self.import_button.clicked.connect(self.import_interactively)
        self.delete_all_button = QPushButton("Delete all my data…")
        self.delete_all_button.clicked.connect(self.delete_all_interactively)
        self.ask_check = QCheckBox("Ask how I feel before and after")
        self.ask_check.setAccessibleName("Ask how settled I feel before and after each practice")
        self.ask_check.setChecked(bool(ask_ratings))
        if on_ask is not None:
            self.ask_check.toggled.connect(on_ask)
        self.close_button = QPushButton("Back home")
        self.close_button.setObjectName("primary")
        self.close_button.clicked.connect(self.stop)
        tools = scaffold.button_row(
            self.sessions_button,
            self.export_button,
            self.import_button,
            self.delete_all_button,
            spacing=10,
        )
        tools.addWidget(self.ask_check)
        top.addWidget(self.close_button)
        # Enter presses whichever of these has the focus (the chart toggles keep arrows/Space).
        for button in (
            self.open_button,
            self.save_note_button,
            self.delete_button,
            self.back_button,
            self.sessions_button,
            self.export_button,
            self.import_button,
            self.delete_all_button,
            self.close_button,
        ):
            button.setAutoDefault(True)
        for button in (self.day_button, self.week_button):
            button.setAutoDefault(False)
        self.close_button.setMinimumWidth(130)

        right = QFrame()
        right.setObjectName("card")
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(16, 12, 16, 12)
        right_layout.addWidget(self.pages)

        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(self.charts, 11)
        body.addWidget(right, 10)

        page = QWidget()
        page.setObjectName("screen")
        self._page = page
        page.installEventFilter(self)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(28, 18, 28, 16)
        outer.setSpacing(8)
        outer.addLayout(top)
        outer.addLayout(filters)
        outer.addWidget(self.guest_label)
        outer.addWidget(self.week_label)
        outer.addWidget(self.period_label)
        outer.addWidget(self.status)
        outer.addLayout(body, 1)
        outer.addLayout(tools)
        # A narrow window scrolls instead of squeezing the charts and the list.
        scroll = scaffold.scroll_area(page)
        whole = QVBoxLayout(self)
        whole.setContentsMargins(0, 0, 0, 0)
        whole.addWidget(scroll)
        # Only now, inside their layouts (a widget without a parent would open a window).
        self.guest_label.setVisible(self.guest)
        self.ask_check.setVisible(ask_ratings is not None and not self.guest)

        self.range_combo.currentIndexChanged.connect(self._range_chosen)
        self.first_edit.dateChanged.connect(self._dates_edited)
        self.last_edit.dateChanged.connect(self._dates_edited)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self._style_toggles()

    def _style_toggles(self) -> None:
        t = self.theme
        self.setStyleSheet(
            f"""
            QStackedWidget#historyPages {{ background: transparent; }}
            QPushButton#toggle {{ padding: 4px 14px; min-height: 20px; }}
            QPushButton#toggle:checked {{
                background: {t.accent}; border-color: {t.accent}; color: {t.accent_text};
            }}
            QTableView {{
                background: {t.surface}; border: none; font-size: {SMALL_PT}pt;
                selection-background-color: {t.button_hover}; selection-color: {t.text};
            }}
            QHeaderView::section {{
                background: {t.surface}; color: {t.muted}; border: none; font-size: {SMALL_PT}pt;
                border-bottom: 1px solid {t.guide}; padding: 4px 6px;
            }}
            QPlainTextEdit, QLineEdit {{
                background: {t.background}; border: 1px solid {t.guide}; border-radius: 6px;
            }}
            """
        )

    # -- filters -------------------------------------------------------------------------------

    def _set_dates_for_range(self) -> None:
        days_back = self.range_combo.currentData()
        today = self._today()
        if days_back is None or days_back == -1:
            if days_back is None:
                first = self._earliest() or today - timedelta(days=27)
                self._set_dates(first, today)
            return
        self._set_dates(today - timedelta(days=int(days_back) - 1), today)

    def _earliest(self) -> date | None:
        try:
            oldest = self.store.list_practices(limit=1, newest_first=False)
            sessions = self.store.session_dates()
        except StorageFailure:
            return None
        candidates = [r.local_date for r in oldest] + sessions[:1]
        return min(candidates) if candidates else None

    def _set_dates(self, first: date, last: date) -> None:
        for edit, day in ((self.first_edit, first), (self.last_edit, last)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)

    def _range_chosen(self, _index: int) -> None:
        if self.range_combo.currentData() != -1:
            self._set_dates_for_range()
            self.reload()

    def _dates_edited(self, _day: QDate) -> None:
        chosen = self.range_combo.findData(-1)
        if self.range_combo.currentIndex() != chosen:
            self.range_combo.blockSignals(True)
            self.range_combo.setCurrentIndex(chosen)
            self.range_combo.blockSignals(False)
        self.reload()

    def set_range(self, first: date, last: date) -> None:
        """Show the practices from ``first`` to ``last``."""
        self.range_combo.blockSignals(True)
        self.range_combo.setCurrentIndex(self.range_combo.findData(-1))
        self.range_combo.blockSignals(False)
        self._set_dates(first, last)
        self.reload()

    def set_kind(self, kind: Kind | None) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))

    @property
    def filters(self) -> Filters:
        first = _pydate(self.first_edit.date())
        last = _pydate(self.last_edit.date())
        if last < first:
            first, last = last, first
        # (Qt hands the item's data back as plain text.)
        data = self.kind_combo.currentData()
        return Filters(first, last, Kind(data) if data is not None else None)

    # -- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read everything the screen shows for the current filters."""
        f = self.filters
        assert f.first is not None and f.last is not None
        problems: list[str] = []
        try:
            self._per_day = self.store.minutes_per_day(f.first, f.last, f.kind)
        except StorageFailure as failure:
            problems.append(failure.message)
            self._per_day = {}
        try:
            # Summed per day first (one row a day, whatever the range); each practice's own
            # point is read only when there are few enough to show them all.
            self._day_ratings = self.store.ratings_per_day(f.first, f.last, f.kind)
            rated = sum(d.rated for d in self._day_ratings)
            self._ratings = (
                self.store.ratings_over_time(f.first, f.last, f.kind)
                if rated <= MAX_RATING_POINTS
                else []
            )
        except StorageFailure as failure:
            problems.append(failure.message)
            self._ratings, self._day_ratings = [], []
        try:
            self._sessions = self.store.session_dates()
            this_week = self.store.days_practised_in_week(self._today())
        except StorageFailure as failure:
            problems.append(failure.message)
            self._sessions, this_week = [], []
        self.week_label.setText(week_line(this_week))
        self.model.set_filters(f)
        if self.model.failure:
            problems.append(self.model.failure)
        self.period_label.setText(self._period_text())
        self.empty_label.setVisible(self.model.rowCount() == 0)
        self._say(" ".join(dict.fromkeys(problems)))
        if self.pages.currentIndex() == 1:
            self.show_list()
        if self._charts_built:
            self._draw_charts()

    def _period_text(self) -> str:
        minutes = math.fsum(self._per_day.values())
        days_with = sum(1 for m in self._per_day.values() if m > 0)
        count = self.model.rowCount()
        parts = [
            f"{count} practice{'s' if count != 1 else ''}",
            minutes_text(minutes),
            f"on {days_with} day{'s' if days_with != 1 else ''}",
        ]
        summary = summarise_ratings(self._day_ratings)
        if summary.before_mean is not None and summary.after_mean is not None:
            parts.append(
                f"rated {summary.before_mean:.1f} before and {summary.after_mean:.1f} after on "
                f"average ({summary.paired} rated both times)"
            )
        return "In these dates: " + " · ".join(parts)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    # -- charts --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._page
            and event.type() == QEvent.Type.Paint
            and self._defer_charts
            and not self._charts_asked
        ):
            # Once the list and the figures are on the screen, build the charts.
            self._charts_asked = True
            QTimer.singleShot(0, self, self.ensure_charts)
        return super().eventFilter(watched, event)

    def ensure_charts(self) -> None:
        """Build the charts (importing pyqtgraph) if that has not happened yet."""
        if self._charts_built:
            return
        t0 = time.perf_counter()
        import pyqtgraph as pg

        self.timings["import_ms"] = (time.perf_counter() - t0) * 1000
        t = self.theme
        pg.setConfigOptions(antialias=True, background=t.surface, foreground=t.muted)

        def plot(y_label: str) -> pg.PlotWidget:
            widget = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
            widget.setMenuEnabled(False)
            widget.setMouseEnabled(x=False, y=False)
            widget.hideButtons()
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            # Take the room the layout gives; never ask the page to grow for a chart.
            widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
            widget.setMinimumSize(240, 130)
            item = widget.getPlotItem()
            item.showGrid(x=False, y=True, alpha=0.12)
            item.setLabel("left", y_label)
            tick_font = QFont(self.font())
            tick_font.setPointSize(SMALL_PT - 1)
            for side in ("left", "bottom"):
                axis = item.getAxis(side)
                axis.setStyle(tickFont=tick_font)
                axis.setPen(pg.mkPen(t.guide))
                axis.setTextPen(pg.mkPen(t.muted))
            return widget

        self.charts_waiting.hide()
        self.minutes_plot = plot("minutes")
        self.ratings_plot = plot("0–10")
        self.minutes_plot.setAccessibleName("Chart of minutes practised")
        self.ratings_plot.setAccessibleName("Chart of ratings before and after practice")
        self.ratings_plot.setYRange(0, 10.5, padding=0)
        self.ratings_plot.getPlotItem().getAxis("left").setTicks(
            [[(v, str(v)) for v in (0, 5, 10)]]
        )
        self.ratings_plot.setXLink(self.minutes_plot)
        self._minutes_slot.addWidget(self.minutes_plot)
        self._ratings_slot.addWidget(self.ratings_plot)
        self.minutes_bars = pg.BarGraphItem(
            x=[], height=[], width=1, brush=t.accent, pen=pg.mkPen(None)
        )
        self.minutes_plot.addItem(self.minutes_bars)
        self.before_points = pg.ScatterPlotItem(
            size=7, pen=pg.mkPen(t.muted, width=1.5), brush=pg.mkBrush(t.surface)
        )
        self.after_points = pg.ScatterPlotItem(size=7, pen=pg.mkPen(None), brush=t.accent)
        self.ratings_plot.addItem(self.before_points)
        self.ratings_plot.addItem(self.after_points)
        self._charts_built = True
        self._draw_charts()
        self.timings["charts_ms"] = (time.perf_counter() - t0) * 1000

    def show_per_week(self, per_week: bool) -> None:
        self._per_week = per_week
        self.week_button.setChecked(per_week)
        self.day_button.setChecked(not per_week)
        self.minutes_title.setText(
            "Minutes practised each week" if per_week else "Minutes practised each day"
        )
        if self._charts_built:
            self._draw_charts()

    def minutes_series(self) -> tuple[list[date], list[float]]:
        """What the minutes chart shows: (days or Mondays, minutes)."""
        if self._per_week:
            weeks = minutes_per_week(self._per_day)
            return list(weeks), list(weeks.values())
        days = sorted(self._per_day)
        return days, [self._per_day[d] for d in days]

    def rating_series(self) -> tuple[tuple[list[float], list[float]], ...]:
        """What the ratings chart shows: ((x, before), (x, after)). Each practice is a point;
        with more than :data:`MAX_RATING_POINTS` ratings, each day's average is one."""
        if sum(d.rated for d in self._day_ratings) <= MAX_RATING_POINTS:
            points = self._ratings
            before = [(p.started_utc.timestamp(), p.before) for p in points if p.before is not None]
            after = [(p.started_utc.timestamp(), p.after) for p in points if p.after is not None]
            return (
                ([x for x, _ in before], [float(y) for _, y in before]),
                ([x for x, _ in after], [float(y) for _, y in after]),
            )
        b: tuple[list[float], list[float]] = ([], [])
        a: tuple[list[float], list[float]] = ([], [])
        for day in self._day_ratings:
            noon = _day_x(day.local_date) + 43200.0
            if day.before_mean is not None:
                b[0].append(noon)
                b[1].append(day.before_mean)
            if day.after_mean is not None:
                a[0].append(noon)
                a[1].append(day.after_mean)
        return b, a

    def _draw_charts(self) -> None:
        import pyqtgraph as pg

        assert self.minutes_plot is not None and self.ratings_plot is not None
        assert self.minutes_bars is not None
        assert self.before_points is not None and self.after_points is not None
        t = self.theme
        days, minutes = self.minutes_series()
        span = 7 if self._per_week else 1
        xs = [_day_x(d) + span * 43200.0 for d in days]
        self.minutes_bars.setOpts(x=xs, height=minutes, width=span * 86400.0 * 0.72)
        top = max(minutes, default=0.0)
        self.minutes_plot.setYRange(0, max(10.0, top * 1.08), padding=0)
        f = self.filters
        assert f.first is not None and f.last is not None
        start = week_start(f.first) if self._per_week else f.first
        x0 = _day_x(start)
        x1 = _day_x(f.last + timedelta(days=1 if not self._per_week else 7 - f.last.weekday()))
        self.minutes_plot.setXRange(x0, x1, padding=0.01)

        (bx, by), (ax, ay) = self.rating_series()
        self.before_points.setData(x=bx, y=by)
        self.after_points.setData(x=ax, y=ay)

        for chart, line in self._session_items:
            chart.removeItem(line)
        self._session_items = []
        self.session_lines = []
        pen = pg.mkPen(t.focus, width=1.4, style=Qt.PenStyle.DashLine)
        for day in self._sessions:
            if not (f.first <= day <= f.last):
                continue
            for chart in (self.minutes_plot, self.ratings_plot):
                line = pg.InfiniteLine(pos=_day_x(day) + 43200.0, angle=90, pen=pen)
                line.setToolTip(f"Medicine session, {long_date(day)}")
                chart.addItem(line)
                self._session_items.append((chart, line))
                self.session_lines.append(line)

    def session_positions(self) -> list[date]:
        """The session dates marked on the charts (once per date)."""
        seen = []
        for line in self.session_lines[::2]:
            seen.append(datetime.fromtimestamp(line.value() - 43200.0).date())
        return seen

    # -- one practice --------------------------------------------------------------------------

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.selectRow(row)

    def selected_record(self) -> PracticeRecord | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def open_selected(self) -> bool:
        record = self.selected_record()
        if record is None:
            return False
        self.open_record(record)
        return True

    def open_record(self, record: PracticeRecord) -> None:
        self._selected = record
        self.detail_title.setText(
            f"{practice_name(record.kind, record.ref)} · "
            f"{'breathing' if record.kind is Kind.BREATHING else 'exercise'}"
        )
        self.detail_text.setText(self._detail(record))
        self.note_edit.blockSignals(True)
        self.note_edit.setPlainText(record.note or "")
        self.note_edit.blockSignals(False)
        self._note_typed()
        self.pages.setCurrentIndex(1)
        self.note_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _detail(self, r: PracticeRecord) -> str:
        started = r.started_utc.astimezone()
        lines = [
            f"{WEEKDAYS[r.local_date.weekday()]} {long_date(r.local_date)}, "
            f"{started.strftime('%H:%M')}",
        ]
        length = minutes_text(r.practised_s / 60.0)
        if r.planned_s:
            length += f" of {minutes_text(r.planned_s / 60.0)} planned"
        lines.append(f"{length} · {OUTCOMES[r.status]}")
        if r.rating_before is not None or r.rating_after is not None:
            b = "not rated" if r.rating_before is None else str(r.rating_before)
            a = "not rated" if r.rating_after is None else str(r.rating_after)
            lines.append(f"How settled and present: before {b}, after {a}")
        if r.steps:
            lines.append(f"{len(r.steps)} steps")
        # What the person chose to keep, set apart from the facts.
        words = [f"Intention: “{r.intention}”"] if r.intention else []
        words += [f"{answer_label(key)}: {', '.join(items)}" for key, items in r.answers.items()]
        if words:
            lines += ["", *words]
        return "\n".join(lines)

    def _note_typed(self) -> None:
        n = len(self.note_edit.toPlainText())
        self.note_count.setText(f"{n} / {MAX_TEXT}")

    def show_list(self) -> None:
        self.pages.setCurrentIndex(0)
        self._selected = None
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def save_note(self) -> bool:
        record = self._selected
        if record is None:
            return False
        text = self.note_edit.toPlainText()
        try:
            self.store.update_note(record.uuid, text)
        except PracticeInputError as problem:
            self._say(f"The note was not saved: {problem.allowed}. Your text is still here.")
            return False
        except (StorageFailure, UnknownPracticeError) as failure:
            message = getattr(failure, "message", str(failure))
            self._say(f"The note could not be saved. {message} Your text is still here.")
            return False
        self._say("")
        updated = self.store.get(record.uuid)
        self._selected = updated or record
        self.model.refresh()
        self.changed.emit()
        self._say_briefly("Note saved.")
        return True

    def _say_briefly(self, text: str) -> None:
        self.period_label.setText(text)
        QTimer.singleShot(2500, self, self._show_period)

    def _show_period(self) -> None:
        self.period_label.setText(self._period_text())

    def delete_selected(self) -> bool:
        record = self._selected or self.selected_record()
        if record is None:
            return False
        when = f"{long_date(record.local_date)}, {practice_name(record.kind, record.ref)}"
        if not self.confirm("Delete this practice", f"{when}\n\n{DELETE_ONE}"):
            return False
        try:
            self.store.delete_practice(record.uuid)
        except StorageFailure as failure:
            self._say(f"The practice could not be deleted. {failure.message}")
            return False
        self.reload()
        self.show_list()
        self.changed.emit()
        return True

    def _confirm_box(self, title: str, text: str) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(title)
        box.setText(text)
        keep = box.addButton("Keep it", QMessageBox.ButtonRole.RejectRole)
        delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is delete

    # -- data tools ----------------------------------------------------------------------------

    def export_to(self, target: Path, fmt: str, *, everything: bool = False) -> int:
        """Write an export; returns how many practices it holds. Shows a line either way."""
        f = self.filters
        first, last = (None, None) if everything else (f.first, f.last)
        try:
            if fmt == "csv":
                count = export_csv(self.store, target, first, last)
            elif fmt == "json":
                count = export_json(self.store, target, first, last)
            elif fmt == "pdf":
                count = export_pdf(self.store, target, first, last).practices
            else:
                raise ValueError(f"unknown export format {fmt!r}; use csv, json or pdf")
        except StorageFailure as failure:
            self._say(failure.message)
            return -1
        self._say(f"Saved {count} practice{'s' if count != 1 else ''} to {target}.")
        return count

    def export_interactively(self) -> None:
        dialog = ExportDialog((self.filters.first, self.filters.last), self.theme, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        fmt = dialog.format
        pattern = next(p for key, _label, p in FORMATS if key == fmt)
        suggested = Path.home() / f"kapcompanion-practice-{self._today().isoformat()}.{fmt}"
        name, _ = QFileDialog.getSaveFileName(self, "Export to", str(suggested), pattern)
        if name:
            self.export_to(Path(name), fmt, everything=dialog.everything)

    def import_from(self, source: Path) -> str:
        try:
            result = import_json(self.store, source)
        except ImportFormatError as problem:
            message = str(problem)
        except StorageFailure as failure:
            message = f"Nothing was imported. {failure.message}"
        else:
            message = (
                f"Added {result.added} practice{'s' if result.added != 1 else ''} "
                f"({result.already_present} {'was' if result.already_present == 1 else 'were'} "
                f"already in your log) and {result.sessions_added} session "
                f"date{'s' if result.sessions_added != 1 else ''}."
            )
            self.reload()
            self.changed.emit()
        self._say(message)
        return message

    def import_interactively(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Import a backup", str(Path.home()), "JSON backups (*.json)"
        )
        if name:
            self.import_from(Path(name))

    def delete_everything(self) -> int:
        """Delete every practice and session date (ask first: see delete_all_interactively)."""
        try:
            count = self.store.delete_all()
        except StorageFailure as failure:
            self._say(f"Nothing was deleted. {failure.message}")
            return -1
        self.reload()
        self.changed.emit()
        self._say(f"Deleted {count} practice{'s' if count != 1 else ''} and every session date.")
        return count

    def delete_all_interactively(self) -> None:
        dialog = DeleteAllDialog(self.theme, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.confirmed:
            self.delete_everything()

    # -- leaving -------------------------------------------------------------------------------

    def note_changed(self) -> bool:
        record = self._selected
        if record is None or self.pages.currentIndex() != 1:
            return False
        return (self.note_edit.toPlainText().strip() or None) != (record.note or None)

    def stop(self) -> None:
        """Leave the screen; a note typed but not saved yet is saved first."""
        if self.note_changed():
            self.save_note()
        self.closed.emit()
