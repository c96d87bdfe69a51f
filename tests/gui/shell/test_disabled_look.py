"""A disabled button looks disabled in every theme, high contrast too (where muted text is
nearly white): greyer words and a dashed edge, so the state never rests on colour alone."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from kapcompanion.ui.shell.theme import CHOOSABLE, Theme, stylesheet


def brightest(image: QImage) -> int:
    return max(
        QColor(image.pixel(x, y)).lightness()
        for y in range(0, image.height(), 1)
        for x in range(0, image.width(), 1)
    )


def darkest(image: QImage) -> int:
    return min(
        QColor(image.pixel(x, y)).lightness()
        for y in range(0, image.height(), 1)
        for x in range(0, image.width(), 1)
    )


@pytest.mark.parametrize("theme", CHOOSABLE, ids=lambda t: t.name)
def test_a_disabled_button_is_told_apart_from_an_enabled_one(qtbot: Any, theme: Theme) -> None:
    holder = QWidget()
    holder.setObjectName("screen")
    holder.setStyleSheet(stylesheet(theme))
    layout = QVBoxLayout(holder)
    enabled = QPushButton("Play a test chime")
    disabled = QPushButton("Play a test chime")
    disabled.setEnabled(False)
    layout.addWidget(enabled)
    layout.addWidget(disabled)
    qtbot.addWidget(holder)
    holder.show()
    qtbot.waitExposed(holder)
    # Inside the edge, where the words are.
    on = enabled.grab().toImage().copy(8, 8, enabled.width() - 16, enabled.height() - 16)
    off = disabled.grab().toImage().copy(8, 8, disabled.width() - 16, disabled.height() - 16)
    # The words: far from the enabled ones in lightness (a dark theme: dimmer; light: paler).
    text_on = brightest(on) if QColor(theme.background).lightness() < 128 else darkest(on)
    text_off = brightest(off) if QColor(theme.background).lightness() < 128 else darkest(off)
    assert abs(text_on - text_off) >= 40, (theme.name, text_on, text_off)
    assert "border-style: dashed" in stylesheet(theme)
