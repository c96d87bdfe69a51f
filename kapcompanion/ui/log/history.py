"""The history screen: what was practised, when, for how long, and how it felt.

Charts show minutes practised per day or per week and the ratings before and after practice
over time, with the dates of medicine sessions marked on the time axis. Below them a list of
practices can be filtered by dates and kind; a practice can be opened, its note edited, or it
can be deleted (after a confirmation). The screen also holds the person's data tools: export
(CSV, JSON backup, the PDF summary), import of a backup, and deleting everything.

This module builds the screen and forwards what the person asks for to its
:class:`~kapcompanion.ui.log.history_controller.HistoryController`, which reads the log and
makes every change. The list and the figures are shown first; the charts
(:mod:`~kapcompanion.ui.log.history_charts`, the only user of pyqtgraph) are built on the next
turn of the event loop, so the screen appears at once even the first time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.history_text import delete_question, detail_text, detail_title
from kapcompanion.domain.practice import Kind, PracticeRecord
from kapcompanion.domain.practice_history import Filters
from kapcompanion.i18n import N_, _
from kapcompanion.services.library import ExerciseLibrary
from kapcompanion.storage import PracticeStore
from kapcompanion.ui.log.history_charts import HistoryCharts
from kapcompanion.ui.log.history_controller import HistoryController
from kapcompanion.ui.log.history_dialogs import (
    FORMATS,
    DeleteAllDialog,
    ExportDialog,
    confirm_delete,
)
from kapcompanion.ui.log.history_parts import FilterBar, PracticeDetail, PracticeList
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.scaffold import styled_with_text_size
from kapcompanion.ui.shell.theme import DARK, SMALL_PT, Theme, pt
from kapcompanion.ui.shell.wrapping import WrapButton, WrapCheck

TITLE = N_("Your practice")
GUEST_LINE = N_(
    "You are practising as a guest: only this run's practice is shown, and none of it is saved."
)
#: How long "Note saved." stays in place of the period's figures, in ms.
BRIEFLY_MS = 2500


class HistoryScreen(QWidget):
    """Emits ``closed`` to leave, ``changed`` after the log was changed here (a note, a
    deletion, an import) and ``sessions_requested`` to open the session-dates editor.
    ``library`` names the exercises (and says when they change)."""

    closed = Signal()
    changed = Signal()
    sessions_requested = Signal()
    journal_requested = Signal()

    def __init__(
        self,
        store: PracticeStore,
        library: ExerciseLibrary,
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
        self.title = _("History")
        self.theme = theme
        self.guest = guest
        self.controller = HistoryController(store, library, today, self)
        self.model = self.controller.model
        self._defer_charts = defer_charts
        self._charts_asked = False
        self._per_week = False
        self._selected: PracticeRecord | None = None
        #: Asks the person to confirm (title, text) -> yes; replaced in tests.
        self.confirm: Callable[[str, str], bool] = lambda title, text: confirm_delete(
            self, title, text
        )
        self.timings: dict[str, float] = {}

        t0 = time.perf_counter()
        self._build(ask_ratings, on_ask_ratings)
        c = self.controller
        c.loaded.connect(self._loaded)
        c.said.connect(self._say)
        c.changed.connect(self.changed)
        c.titles_changed.connect(self._titles_changed)
        self.reload()
        self.timings["build_ms"] = (time.perf_counter() - t0) * 1000
        if not defer_charts:
            self.ensure_charts()

    # -- building ------------------------------------------------------------------------------

    def _build(self, ask_ratings: bool | None, on_ask: Callable[[bool], None] | None) -> None:
        # It may wrap in a narrow window, so the buttons beside it keep their words.
        heading = scaffold.label(_(TITLE), "title", wrap=True)
        self.filter_bar = FilterBar(self.controller.dates_back)
        self.range_combo = self.filter_bar.range_combo
        top = QHBoxLayout()
        top.addWidget(heading, 1)

        self.week_label = scaffold.label("", wrap=True)
        self.period_label = scaffold.label("", "muted", wrap=True)
        self.guest_label = scaffold.label(_(GUEST_LINE), "notice", wrap=True)
        self.status = scaffold.label("", "notice", wrap=True)
        self.status.hide()

        self.charts = HistoryCharts(self.theme)
        self.charts.per_week_chosen.connect(self.show_per_week)

        self.list = PracticeList(self.model)
        self.list.open_requested.connect(self.open_selected)
        self.table = self.list.table
        self.empty_label = self.list.empty_label
        self.open_button = self.list.open_button
        self.detail = PracticeDetail()
        self.detail_title, self.detail_text = self.detail.title, self.detail.text
        self.note_edit, self.note_count = self.detail.note_edit, self.detail.note_count
        self.save_note_button = self.detail.save_note_button
        self.delete_button = self.detail.delete_button
        self.back_button = self.detail.back_button
        self.save_note_button.clicked.connect(self.save_note)
        self.delete_button.clicked.connect(self.delete_selected)
        self.back_button.clicked.connect(self.show_list)
        self.pages = QStackedWidget()
        self.pages.setObjectName("historyPages")
        self.pages.addWidget(self.list)
        self.pages.addWidget(self.detail)

        # Data tools.
        self.sessions_button = QPushButton(_("Session dates…"))
        self.sessions_button.setAccessibleName(_("Medicine-session dates"))
        self.sessions_button.clicked.connect(self.sessions_requested.emit)
        self.export_button = QPushButton(_("Export…"))
        self.export_button.clicked.connect(self.export_interactively)
        self.import_button = WrapButton(_("Import a backup…"))
        self.import_button.clicked.connect(self.import_interactively)
        self.delete_all_button = QPushButton(_("Delete all my data…"))
        self.delete_all_button.clicked.connect(self.delete_all_interactively)
        self.ask_check = WrapCheck(_("Ask how I feel, once a practice"))
        self.ask_check.setAccessibleName(
            _("Ask how settled I feel, once with each practice, before or after it")
        )
        self.ask_check.setChecked(bool(ask_ratings))
        if on_ask is not None:
            self.ask_check.toggled.connect(on_ask)
        self.close_button = QPushButton(_("Back home"))
        self.close_button.setObjectName("primary")
        self.close_button.clicked.connect(self.stop)
        self.close_button.setMinimumWidth(130)
        tools = scaffold.button_row(
            self.sessions_button,
            self.export_button,
            self.import_button,
            self.delete_all_button,
            spacing=10,
        )
        tools.addWidget(self.ask_check)
        self.journal_button = QPushButton(_("Journal and body map"))
        self.journal_button.setAccessibleName(_("Open your journal and the body map over time"))
        self.journal_button.clicked.connect(self.journal_requested.emit)
        top.addWidget(self.journal_button)
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
            self.journal_button,
            self.close_button,
        ):
            button.setAutoDefault(True)

        right = QFrame()
        right.setObjectName("card")
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(16, 12, 16, 12)
        right_layout.addWidget(self.pages)

        # The list stands under the charts at every width: beside them it would cut the
        # practices' names, which the list is there to show whole.
        body = QBoxLayout(QBoxLayout.Direction.TopToBottom)
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
        outer.addWidget(self.filter_bar)
        outer.addWidget(self.guest_label)
        outer.addWidget(self.week_label)
        outer.addWidget(self.period_label)
        outer.addWidget(self.status)
        outer.addLayout(body, 1)
        outer.addLayout(tools)
        # With large text, the tools go one under another.
        scaffold.line_or_column(page, tools)
        # The title and its two buttons too: side by side they were wider than a small window.
        scaffold.line_or_column(page, top)
        # A narrow window scrolls instead of squeezing the charts and the list.
        scroll = scaffold.scroll_area(page)
        whole = QVBoxLayout(self)
        whole.setContentsMargins(0, 0, 0, 0)
        whole.addWidget(scroll)
        # Only now, inside their layouts (a widget without a parent would open a window).
        self.guest_label.setVisible(self.guest)
        self.ask_check.setVisible(ask_ratings is not None and not self.guest)
        self.filter_bar.chosen.connect(self.reload)
        styled_with_text_size(self, self._styles)

    def _styles(self) -> str:
        t = self.theme
        return f"""
            QStackedWidget#historyPages {{ background: transparent; }}
            QPushButton#toggle {{ padding: 4px 14px; min-height: 20px; }}
            QPushButton#toggle:checked {{
                background: {t.accent}; border-color: {t.accent}; color: {t.accent_text};
            }}
            QPushButton#toggle:checked:focus {{ border-color: {t.focus}; }}
            QTableView {{
                background: {t.surface}; font-size: {pt(SMALL_PT)}pt;
                border: 2px solid transparent; border-radius: 6px;
                selection-background-color: {t.button_hover}; selection-color: {t.text};
            }}
            QTableView:focus {{ border-color: {t.focus}; }}
            QHeaderView::section {{
                background: {t.surface}; color: {t.muted}; border: none;
                font-size: {pt(SMALL_PT)}pt;
                border-bottom: 1px solid {t.guide}; padding: 4px 6px;
            }}
            QPlainTextEdit, QLineEdit {{
                background: {t.background}; border: 1px solid {t.guide}; border-radius: 6px;
            }}
            """

    # -- filters -------------------------------------------------------------------------------

    def set_range(self, first: date, last: date) -> None:
        """Show the practices from ``first`` to ``last``."""
        self.filter_bar.set_range(first, last)

    def set_kind(self, kind: Kind | None) -> None:
        self.filter_bar.set_kind(kind)

    @property
    def filters(self) -> Filters:
        """What is shown now."""
        return self.controller.filters

    # -- showing -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read everything the screen shows for the chosen dates and kind."""
        self.controller.load(self.filter_bar.filters())

    def _loaded(self) -> None:
        c = self.controller
        self.week_label.setText(c.week_text)
        self.period_label.setText(c.period_text)
        self.empty_label.setVisible(self.model.rowCount() == 0)
        if self.pages.currentIndex() == 1:
            self.show_list()
        self._draw_charts()

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _say_briefly(self, text: str) -> None:
        self.period_label.setText(text)
        QTimer.singleShot(BRIEFLY_MS, self, self._show_period)

    def _show_period(self) -> None:
        self.period_label.setText(self.controller.period_text)

    def _titles_changed(self) -> None:
        record = self._selected
        if record is not None:
            self.detail_title.setText(detail_title(record, self.controller.titles))

    # -- charts --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # getattr: while the screen is being taken down its page may still send events after
        # the screen's own attributes are gone.
        if (
            watched is getattr(self, "_page", None)
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
        if self.charts.built:
            return
        t0 = time.perf_counter()
        self.charts.build()
        self._draw_charts()
        self.timings.update(self.charts.timings)
        self.timings["charts_ms"] = (time.perf_counter() - t0) * 1000

    def show_per_week(self, per_week: bool) -> None:
        self._per_week = per_week
        self.charts.show_per_week(per_week)
        self._draw_charts()

    def _draw_charts(self) -> None:
        if not self.charts.built:
            return
        c = self.controller
        f = c.filters
        assert f.first is not None and f.last is not None
        minutes = c.minutes_series(self._per_week)
        ratings = c.rating_series()
        self.charts.draw(minutes, ratings, c.sessions, f.first, f.last, per_week=self._per_week)

    # -- one practice --------------------------------------------------------------------------

    def select_row(self, row: int) -> None:
        self.table.setCurrentIndex(self.model.index(row, 0))
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
        title = detail_title(record, self.controller.titles)
        self.detail.show_practice(title, detail_text(record), record.note)
        self.pages.setCurrentIndex(1)
        self.note_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_list(self) -> None:
        self.pages.setCurrentIndex(0)
        self._selected = None
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def save_note(self) -> bool:
        record = self._selected
        if record is None:
            return False
        updated = self.controller.save_note(record, self.detail.note)
        if updated is None:
            return False
        self._selected = updated
        self._say_briefly(_("Note saved."))
        return True

    def delete_selected(self) -> bool:
        record = self._selected or self.selected_record()
        if record is None:
            return False
        question = delete_question(record, self.controller.titles)
        if not self.confirm(_("Delete this practice"), question):
            return False
        if not self.controller.delete(record):
            return False
        self.show_list()
        return True

    # -- data tools ----------------------------------------------------------------------------

    def export_interactively(self) -> None:
        f = self.filters
        dialog = ExportDialog((f.first, f.last), self.theme, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        fmt = dialog.format
        pattern = next(p for key, _label, p in FORMATS if key == fmt)
        today = self.controller.today()
        suggested = Path.home() / f"kapcompanion-practice-{today.isoformat()}.{fmt}"
        name, _chosen = QFileDialog.getSaveFileName(
            self, _("Export to"), str(suggested), _(pattern)
        )
        if name:
            self.controller.export_to(Path(name), fmt, everything=dialog.everything)

    def import_interactively(self) -> None:
        name, _chosen = QFileDialog.getOpenFileName(
            self, _("Import a backup"), str(Path.home()), _("JSON backups (*.json)")
        )
        if name:
            self.controller.import_from(Path(name))

    def delete_all_interactively(self) -> None:
        dialog = DeleteAllDialog(self.theme, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.confirmed:
            self.controller.delete_everything()

    # -- leaving -------------------------------------------------------------------------------

    def note_changed(self) -> bool:
        record = self._selected
        if record is None or self.pages.currentIndex() != 1:
            return False
        return (self.detail.note.strip() or None) != (record.note or None)

    def stop(self) -> None:
        """Leave the screen; a note typed but not saved yet is saved first."""
        if self.note_changed():
            self.save_note()
        self.closed.emit()
