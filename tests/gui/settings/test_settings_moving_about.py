"""Settings as a person moves about it: the wheel scrolls the page (it changes a choice only once
the person has given that choice the focus, by a click or Tab), and Back is at the top too."""

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


def test_settings_can_be_left_from_the_top_of_the_page(qtbot: Any) -> None:
    """A Back beside the title, so no one has to scroll to the end to leave."""
    window = shown_window(qtbot)
    screen = window.open_settings()
    top = screen.top_back_button
    assert top.isVisible() and top.mapTo(screen, top.rect().topLeft()).y() < 150
    qtbot.mouseClick(top, Qt.MouseButton.LeftButton)
    assert window.current_screen is window.home
