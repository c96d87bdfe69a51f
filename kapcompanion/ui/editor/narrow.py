"""The script editor in a narrow window (the least window, large text, a longer language).

The list of scripts to open cuts a name too long for it with "…" and says the whole name in its
tooltip and in its list (:class:`OpenChoice`).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
)

from kapcompanion.ui.shell.theme import width

#: The width the list of scripts asks for at 100 % text (more with larger text); it takes more
#: when the line has it, and shows a longer name cut with "…".
OPEN_CHOICE_WIDTH = 420


class OpenChoice(QComboBox):
    """The list of scripts to open: see the module's text."""

    def __init__(self) -> None:
        super().__init__()
        self.setMinimumWidth(320)

    def add_choice(self, text: str, data: object) -> None:
        self.addItem(text, data)
        self.setItemData(self.count() - 1, text, Qt.ItemDataRole.ToolTipRole)

    def set_choice_text(self, index: int, text: str) -> None:
        self.setItemText(index, text)
        self.setItemData(index, text, Qt.ItemDataRole.ToolTipRole)
        self.update()

    def sizeHint(self) -> QSize:
        # As wide as its longest name, up to a width that leaves the title room beside it.
        hint = super().sizeHint()
        return QSize(min(hint.width(), width(OPEN_CHOICE_WIDTH)), hint.height())

    def shown_text(self) -> str:
        """The current name as it fits the box: whole, or cut with "…"."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        room = max(0, field.width() - 2)  # the label is drawn a pixel in from either side
        return self.fontMetrics().elidedText(self.currentText(), Qt.TextElideMode.ElideRight, room)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        shown = self.shown_text()
        option.currentText = shown
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
        whole = self.currentText()
        tip = whole if shown != whole else ""
        if self.toolTip() != tip:
            self.setToolTip(tip)
