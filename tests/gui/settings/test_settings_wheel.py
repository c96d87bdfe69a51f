"""The mouse wheel over Settings scrolls the page; it changes a choice only once the person has
given that choice the focus (a click, Tab)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from kapcompanion.services.settings import DEFAULT_PATTERN, SettingsStore
from tests.helpers.windows import shown_window


def wheel(widget: QWidget, notches: int = -1) -> None:
    """Turn the wheel over the middle of ``widget`` (negative: down the page)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(widget.rect().center())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_passing_over_the_pattern_scrolls_and_changes_nothing(qtbot: Any) -> None:
    window = shown_window(qtbot)
    screen = window.open_settings()
    general: Any = screen.general
    combo = general.pattern_combo
    scroll = screen.findChild(QScrollArea)
    assert scroll is not None
    combo.clearFocus()
    before = combo.currentIndex()
    top = scroll.verticalScrollBar().value()
    wheel(combo)
    assert combo.currentIndex() == before
    assert SettingsStore().get(DEFAULT_PATTERN) == DEFAULT_PATTERN.default
    assert scroll.verticalScrollBar().value() > top  # the page moved on instead
    # Once chosen (focused), the wheel changes it, as a person then expects.
    combo.setFocus(Qt.FocusReason.MouseFocusReason)
    wheel(combo)
    assert combo.currentIndex() != before
