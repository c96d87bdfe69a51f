"""The date fields of History and of the session dates, made for the keyboard.

A :class:`DateField` is one stop in the Tab order: Tab and Shift+Tab leave it at once instead of
walking through its day, month and year. Inside it, Left and Right move through the day, the
month and the year, Up and Down change the part under the cursor, digits type it, and Alt+Down
or F4 opens the calendar. :func:`date_field_style` gives it the look of the app's other fields,
with the focus outline every field has.
"""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

from kapcompanion.ui.shell.theme import Theme, arrow_images

#: What the keys do in a date field, for screen readers.
DATE_KEYS = (
    "Left and Right move through the day, month and year; Up and Down change the part "
    "the cursor is in; Alt+Down opens a calendar"
)


class DateField(QDateEdit):
    """A date chosen by keys (see the module's notes), shown as ``display_format``."""

    def __init__(
        self,
        day: QDate | None = None,
        *,
        display_format: str = "d MMM yyyy",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if day is not None:
            self.setDate(day)
        self.setCalendarPopup(True)
        self.setDisplayFormat(display_format)
        self.setMinimumDate(QDate(2000, 1, 1))
        self.setAccessibleDescription(DATE_KEYS)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab leaves the field (a date edit would otherwise step through its parts first).
        return QWidget.focusNextPrevChild(self, next)


def date_field_style(theme: Theme) -> str:
    """The fields' look in ``theme``: the app's field edge, and its focus outline."""
    t = theme
    _up, down = arrow_images(t.text)
    return f"""
    QDateEdit {{
        background: {t.surface}; color: {t.text}; border: 2px solid {t.edge_colour()};
        border-radius: 6px; min-height: 34px; padding: 0px 10px;
        selection-background-color: {t.button_hover}; selection-color: {t.text};
    }}
    QDateEdit:focus {{ border-color: {t.focus}; }}
    QDateEdit::drop-down {{ border: none; width: 30px; }}
    QDateEdit::down-arrow {{ image: url({down}); width: 12px; height: 12px; }}
    """
