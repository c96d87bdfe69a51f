"""The dates of medicine sessions, and nothing else about them.

A person may note the days of their sessions so that home can say, gently, how many days it has
been and offer a short practice in the first days after one. Only the date is kept. Dates can be
added (also a planned one, up to a year ahead) and removed; Esc or Done goes back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from kapcompanion.domain.words import long_date, relative_day
from kapcompanion.i18n import N_, _, pgettext
from kapcompanion.storage import PracticeStore, StorageFailure
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.date_field import DateField
from kapcompanion.ui.shell.theme import DARK, Theme

TITLE = N_("Medicine-session dates")
ABOUT = N_(
    "If you like, note the days of your medicine sessions here. Only the date is kept, nothing "
    "about the session itself. Home then shows how many days it has been, and in the first "
    "days afterwards it may offer a short practice."
)
GUEST_NOTE = N_("You are practising as a guest: these dates are forgotten when the app closes.")
EMPTY = N_("No dates yet.")
KEYS = N_("Enter adds the date · Delete removes the chosen one · Esc goes back")
#: How far ahead a planned session may be noted.
AHEAD_DAYS = 365


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class SessionsScreen(QWidget):
    """Edit the list of session dates. Emits ``changed`` after each change, ``closed`` to
    leave."""

    closed = Signal()
    changed = Signal()

    def __init__(
        self,
        store: PracticeStore,
        theme: Theme = DARK,
        *,
        guest: bool = False,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        scaffold.as_screen(self)
        self.title = _(TITLE)
        self._store = store
        self._today = today

        heading = scaffold.label(_(TITLE), "title")
        about = scaffold.label(_(ABOUT), "muted", wrap=True)
        guest_note = scaffold.label(_(GUEST_NOTE), "notice", wrap=True)

        now = today()
        self.date_edit = DateField(
            now,
            # Qt's pattern for a date: the day, the month's whole name, the year.
            display=pgettext("Qt date format of a session date", "d MMMM yyyy"),
            accessible_name=_("Date of a medicine session"),
        )
        self.date_edit.setMaximumDate(_qdate(now + timedelta(days=AHEAD_DAYS)))
        self.date_edit.setMinimumWidth(240)
        date_label = QLabel(_("&Date"))
        date_label.setBuddy(self.date_edit)
        self.add_button = QPushButton(_("Add this date"))
        self.add_button.setAccessibleName(_("Add this date to the list"))
        self.add_button.clicked.connect(self.add_current)
        add_row = QHBoxLayout()
        add_row.setSpacing(14)
        add_row.addWidget(date_label)
        add_row.addWidget(self.date_edit)
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)

        self.list = QListWidget()
        self.list.setAccessibleName(_("Dates of medicine sessions, newest first"))
        self.list.setMinimumHeight(220)
        self.list.setStyleSheet(
            f"QListWidget {{ background: {theme.surface}; border: 2px solid transparent; "
            f"border-radius: 10px; padding: 6px; }} "
            f"QListWidget:focus {{ border-color: {theme.focus}; }} "
            f"QListWidget::item {{ padding: 6px 8px; }}"
        )
        self.remove_button = QPushButton(_("Remove the chosen date"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.done_button = QPushButton(_("Done"))
        self.done_button.setObjectName("primary")
        self.done_button.clicked.connect(self.stop)
        self.status = scaffold.label("", "notice", wrap=True)
        self.status.hide()
        keys = scaffold.label(_(KEYS), "hint")

        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)

        column, col = scaffold.page_column(760, top=36, bottom=24)
        col.addWidget(heading)
        col.addWidget(about)
        col.addWidget(guest_note)
        col.addSpacing(6)
        col.addLayout(add_row)
        col.addWidget(self.list, 1)
        col.addWidget(self.status)
        col.addLayout(buttons)
        col.addWidget(keys)

        scaffold.centre(column, QHBoxLayout(self))
        guest_note.setVisible(guest)  # inside its layout now: it never opens a window
        for button in (self.add_button, self.remove_button, self.done_button):
            button.setAutoDefault(True)
        self.setTabOrder(self.date_edit, self.add_button)
        self.setTabOrder(self.add_button, self.list)
        self.setTabOrder(self.list, self.remove_button)
        self.setTabOrder(self.remove_button, self.done_button)
        self.refresh()

    # -- showing -----------------------------------------------------------------------------

    def dates(self) -> list[date]:
        """The dates as listed (newest first)."""
        out = []
        for i in range(self.list.count()):
            item = self.list.item(i)
            value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
            if isinstance(value, date):
                out.append(value)
        return out

    def refresh(self) -> None:
        try:
            days = self._store.session_dates()
        except StorageFailure as failure:
            self._say(failure.message)
            days = []
        today = self._today()
        self.list.clear()
        for day in sorted(days, reverse=True):
            item = QListWidgetItem(f"{long_date(day)}  ·  {relative_day(day, today)}")
            item.setData(Qt.ItemDataRole.UserRole, day)
            self.list.addItem(item)
        if not days:
            empty = QListWidgetItem(_(EMPTY))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(empty)
        else:
            self.list.setCurrentRow(0)
        self.remove_button.setEnabled(bool(days))

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    # -- changing ----------------------------------------------------------------------------

    def add(self, day: date) -> bool:
        """Note ``day``; True when it was new."""
        try:
            added = self._store.add_session_date(day)
        except StorageFailure as failure:
            self._say(_("The date could not be saved. {why}").format(why=failure.message))
            return False
        self._say("" if added else _("{date} is already in the list.").format(date=long_date(day)))
        self.refresh()
        for i, listed in enumerate(self.dates()):
            if listed == day:
                self.list.setCurrentRow(i)
        if added:
            self.changed.emit()
        return added

    def add_current(self) -> bool:
        return self.add(_pydate(self.date_edit.date()))

    def remove(self, day: date) -> bool:
        try:
            removed = self._store.remove_session_date(day)
        except StorageFailure as failure:
            self._say(_("The date could not be removed. {why}").format(why=failure.message))
            return False
        self._say("")
        self.refresh()
        if removed:
            self.changed.emit()
        return removed

    def remove_selected(self) -> bool:
        item = self.list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return self.remove(value) if isinstance(value, date) else False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        focus = self.focusWidget()
        on_date = focus is self.date_edit or (
            focus is not None and self.date_edit.isAncestorOf(focus)
        )
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and on_date:
            self.add_current()
        elif event.key() == Qt.Key.Key_Delete:
            self.remove_selected()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def stop(self) -> None:
        self.closed.emit()
