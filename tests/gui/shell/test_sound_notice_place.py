"""Issue 15, item 7: the "sound is off" notice floats where it covers nothing a person needs in
a practice: not the way to stop or pause, not the sound controls, not the line of keys, and not
the words of the practice. Checked on the breathing and the guided screens, in the largest and
the least window, at 100 % and 200 % text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QSlider, QWidget

from kapcompanion.services.settings import TEXT_SIZE, SettingsStore
from kapcompanion.ui.shell.appearance import apply_appearance
from kapcompanion.ui.shell.main_window import MainWindow
from tests.gui.shell.test_text_size_live import SCREENS, _settled
from tests.helpers.layout import place_in, shown_part
from tests.helpers.windows import shown_window

NOTICE = "Sound is off: no audio output was found. Your practice goes on in silence."


@pytest.fixture(params=[100, 200], ids=["100%", "200%"])
def text_size(request: pytest.FixtureRequest) -> Iterator[int]:
    store = SettingsStore()
    store.set(TEXT_SIZE, request.param)
    apply_appearance(store)
    yield request.param
    store.set(TEXT_SIZE, 100)
    apply_appearance(store)


def _body_height(window: MainWindow) -> int:
    body = window.centralWidget()
    assert body is not None
    return body.height()


def covered(window: MainWindow) -> list[str]:
    """What the notice lies over among the visible buttons, sliders and words of the screen."""
    notice = window.sound_notice
    area = place_in(window, notice)
    out = []
    for widget in window.current_screen.findChildren(QWidget):
        if not widget.isVisible() or notice.isAncestorOf(widget):
            continue
        if isinstance(widget, QLabel) and not widget.text().strip():
            continue
        seen = isinstance(widget, QAbstractButton | QSlider | QLabel)
        if seen and shown_part(window, widget).intersects(area):
            text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
            out.append(f"{type(widget).__name__} {text[:40]!r}")
    return out


@pytest.mark.parametrize("size", [(1280, 800), (720, 560)], ids=["large", "least"])
@pytest.mark.parametrize("name", ["breathing", "exercise"])
def test_the_sound_notice_covers_no_control_and_no_words(
    qtbot: Any, text_size: int, name: str, size: tuple[int, int]
) -> None:
    window = shown_window(qtbot)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    SCREENS[name](window)
    _settled(qtbot, window)
    # Without a notice the screen has the whole window.
    assert window.current_screen.height() == _body_height(window)
    window.sound.notice.emit(NOTICE)
    assert window.sound_notice.isVisible()
    _settled(qtbot, window)
    assert covered(window) == []
    # The notice itself is whole and inside the window.
    notice = place_in(window, window.sound_notice)
    assert window.rect().contains(notice), (notice, window.rect())
    assert window.sound_notice.label.height() >= window.sound_notice.label.heightForWidth(
        window.sound_notice.label.width()
    )
    # Gone again, the screen has the whole window back.
    window.sound_notice.ok_button.click()
    qtbot.waitUntil(lambda: window.current_screen.height() == _body_height(window), timeout=2000)
