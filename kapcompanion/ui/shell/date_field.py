"""A date typed or picked from a calendar, that behaves like every other field by keyboard.

A plain date field keeps Tab for itself, moving between day, month and year, so a person
needed three Tabs to pass each one. Here Tab and Shift+Tab leave the field (Left and Right
still move between its parts, Up and Down change the part the cursor is in; Enter is left to
the screen). The calendar it opens shows weekends in the same calm
colour as the other days, not in red. Month and day names follow the language in use.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QDateEdit, QWidget

from kapcompanion import i18n


class DateField(QDateEdit):
    """``display`` is the date's format (Qt's, "d MMM yyyy")."""

    def __init__(
        self,
        value: date | None = None,
        *,
        display: str = "d MMM yyyy",
        accessible_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # Month and day names in the language in use (the field and its calendar).
        self.setLocale(QLocale(i18n.language()))
        if value is not None:
            self.setDate(QDate(value.year, value.month, value.day))
        self.setCalendarPopup(True)
        self.setDisplayFormat(display)
        self.setMinimumDate(QDate(2000, 1, 1))
        if accessible_name:
            self.setAccessibleName(accessible_name)
        calendar = self.calendarWidget()
        calm = QTextCharFormat()  # the palette's text colour, not the default red
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            calendar.setWeekdayTextFormat(day, calm)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Skip the date edit's own step from part to part: Tab goes on to the next field.
        return QWidget.focusNextPrevChild(self, next)

    def value(self) -> date:
        d = self.date()
        return date(d.year(), d.month(), d.day())
