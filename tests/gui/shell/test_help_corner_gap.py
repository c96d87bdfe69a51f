"""Help's corner and home's Settings button keep a clear gap between them, in English and in
Spanish, at 100 % and at 200 % text (set live): at 100 % in Spanish the corner touched the top
of Settings."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QWidget

from kapcompanion import i18n
from kapcompanion.services.settings import TEXT_SIZE
from tests.gui.shell.test_text_size_live import SCREENS
from tests.helpers.windows import shown_window

#: The least gap, in pixels, between the two.
GAP = 4


def in_window(widget: QWidget) -> QRect:
    return QRect(widget.mapTo(widget.window(), widget.rect().topLeft()), widget.size())


def apart(a: QRect, b: QRect) -> int:
    """How far apart two rectangles are (negative when they overlap)."""
    across = max(b.left() - a.right() - 1, a.left() - b.right() - 1)
    down = max(b.top() - a.bottom() - 1, a.top() - b.bottom() - 1)
    return max(across, down)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", [(1280, 800), (720, 560)])
def test_help_corner_keeps_clear_of_home_settings(
    qtbot: Any, language: str, size: tuple[int, int]
) -> None:
    if language != "en":
        i18n.use_language(language)
    window = shown_window(qtbot)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    for percent in (100, 200, 100):
        window.settings.set(TEXT_SIZE, percent)
        qtbot.wait(150)
        corner = in_window(window.help_corner)
        for button in (window.home.settings_button, window.home.about_button):
            gap = apart(corner, in_window(button))
            assert gap >= GAP, f"{language} {percent} %: {button.text()!r} {gap} px from Help"
    window.settings.set(TEXT_SIZE, 100)


@pytest.mark.parametrize("name", ["home", "settings", "history", "editor"])
@pytest.mark.parametrize("size", [(1280, 800), (720, 560)])
def test_help_corner_keeps_clear_of_every_control_on_a_screen(
    qtbot: Any, name: str, size: tuple[int, int]
) -> None:
    """Not only buttons and words: the editor's list of scripts lay under the corner, its arrow
    hidden, at 100 %."""
    window = shown_window(qtbot)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    SCREENS[name](window)
    qtbot.wait(150)
    corner = in_window(window.help_corner)
    near = [
        f"{type(widget).__name__} {apart(corner, in_window(widget))} px"
        for widget in window.current_screen.findChildren(QWidget)
        if widget.isVisible()
        and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
        and apart(corner, in_window(widget)) < GAP
    ]
    assert near == []
