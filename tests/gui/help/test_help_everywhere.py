"""F1 opens Help from every screen of the main window, pauses a running practice while it is
open, and Esc brings the person back to exactly the same place."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.pacing import PRESETS
from kapcompanion.ui.breathing.screen import BreathingScreen
from kapcompanion.ui.exercise.screen import ExerciseScreen
from kapcompanion.ui.help.window import PAUSED_NOTE, HelpWindow
from kapcompanion.ui.shell.main_window import MainWindow
from kapcompanion.ui.shell.screen_kinds import ShowsPause
from tests.helpers.windows import shown_window

Setup = Callable[[MainWindow, FakeClock], QWidget]


def _breathing(window: MainWindow, clock: FakeClock) -> QWidget:
    screen = window.start_breathing(BreathingConfig(PRESETS["resonance"], minutes=5, glide=False))
    clock.advance(12.0)
    screen.tick()
    return screen


def _exercise(window: MainWindow, clock: FakeClock) -> ExerciseScreen:
    exercise = window.library.find("orienting")
    assert exercise is not None
    screen = window.start_exercise(exercise)
    clock.advance(5.0)
    screen.tick()
    return screen


def _stop_here(window: MainWindow, clock: FakeClock) -> QWidget:
    screen = _exercise(window, clock)
    screen.request_stop()
    return screen


def _ended(window: MainWindow, clock: FakeClock) -> QWidget:
    screen = window.start_breathing(BreathingConfig(PRESETS["resonance"], minutes=1, glide=False))
    clock.advance(120.0)
    screen.tick()
    return screen


SCREENS: dict[str, Setup] = {
    "home": lambda w, c: w.current_screen,
    "breathing": _breathing,
    "exercise": _exercise,
    "stop here?": _stop_here,
    "the end of a practice": _ended,
    "history": lambda w, c: w.open_history(),
    "settings": lambda w, c: w.open_settings(),
    "editor": lambda w, c: w.open_editor(),
    "first start": lambda w, c: w.everyday.open_first_start(),
}


def _open_help(qtbot: QtBot, window: MainWindow) -> HelpWindow:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    found: list[HelpWindow] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, HelpWindow)]
        return bool(found) and found[-1].isVisible()

    qtbot.waitUntil(shown)
    return found[-1]


def _elapsed(screen: QWidget) -> float | None:
    value = getattr(screen, "elapsed", None)
    if callable(value):
        value = value()
    return float(value) if isinstance(value, int | float) else None


@pytest.mark.parametrize("name", list(SCREENS))
def test_f1_opens_help_from_every_screen_and_esc_returns_to_the_same_place(
    qtbot: QtBot, name: str
) -> None:
    clock = FakeClock()
    window = shown_window(qtbot, clock)
    screen = SCREENS[name](window, clock)
    qtbot.waitUntil(lambda: window.current_screen is screen)
    count = window.screen_count
    running = window.practice.running is not None
    before = _elapsed(screen)

    help_window = _open_help(qtbot, window)
    assert help_window.parent() is window  # over the main window, on its screen
    if running:
        assert isinstance(screen, BreathingScreen | ExerciseScreen)
        assert screen.paused
        assert help_window.sheet.paused_note.text() == PAUSED_NOTE
        clock.advance(30.0)  # time passes while Help is open; the practice waits
        screen.tick()
        assert _elapsed(screen) == before

    qtbot.waitUntil(help_window.isActiveWindow)
    with qtbot.waitSignal(help_window.finished):
        qtbot.keyClick(QApplication.focusWidget() or help_window, Qt.Key.Key_Escape)
    assert window.current_screen is screen and window.screen_count == count
    qtbot.waitUntil(window.isActiveWindow)
    if running:
        assert isinstance(screen, ShowsPause) and screen.paused  # it waits for the person
    if running and name != "stop here?":
        qtbot.keyClick(window, Qt.Key.Key_Space)  # and carries on when they are ready
        assert isinstance(screen, ShowsPause) and not screen.paused


def test_the_corner_control_opens_help_and_never_takes_the_focus(qtbot: QtBot) -> None:
    window = shown_window(qtbot)
    corner = window.help_corner
    assert corner.isVisible() and corner.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert corner.geometry().right() <= window.width()
    qtbot.mouseClick(corner, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, HelpWindow) and w.isVisible() for w in QApplication.topLevelWidgets()
        )
    )
