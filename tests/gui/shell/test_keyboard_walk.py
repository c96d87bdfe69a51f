"""A keyboard-only walk: home -> a practice -> stop -> settings -> back, with nothing but keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from kapcompanion.ui.breathing.screen import BreathingScreen
from kapcompanion.ui.settings.screen import SettingsScreen
from kapcompanion.ui.shell.a11y import interactive_widgets
from kapcompanion.ui.shell.main_window import MainWindow
from tests.helpers.windows import shown_window


def focused(window: MainWindow) -> QWidget:
    widget = QApplication.focusWidget() or window.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def tab_until(qtbot, window: MainWindow, target: QWidget, limit: int = 80) -> int:
    """Press Tab until ``target`` has the focus; returns how many presses it took."""
    for presses in range(limit):
        widget = focused(window)
        if widget is target or target.isAncestorOf(widget):
            return presses
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.accessibleName()!r}")


@pytest.fixture
def window(qtbot):
    # Made in a fixture: the window is then active when the test begins, so window shortcuts
    # (Esc, Space) reach it as they do for a person.
    return shown_window(qtbot)


def test_home_to_practice_to_settings_by_keyboard_alone(window, qtbot):
    assert QApplication.activeWindow() is window
    home = window.home
    home.focus_start()

    # Home: Tab reaches the situations (one stop for the group), the arrow keys move within
    # it, Enter chooses "Just breathe"; Tab reaches Start and Enter starts.
    tab_until(qtbot, window, home.situation_buttons["before"])
    for _ in range(3):
        qtbot.keyClick(focused(window), Qt.Key.Key_Right)
    assert focused(window) is home.situation_buttons["breathe"]
    qtbot.keyClick(focused(window), Qt.Key.Key_Return)
    assert home.situation == "breathe"
    tab_until(qtbot, window, home.start_button)
    qtbot.keyClick(focused(window), Qt.Key.Key_Return)
    screen = window.current_screen
    assert isinstance(screen, BreathingScreen) and screen.running

    # Space pauses, Space carries on (whatever has the focus), Esc stops and returns home.
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert screen.paused
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert not screen.paused
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.current_screen is home

    # Settings: reached with Tab, opened with Enter; every control there is reached by Tab.
    tab_until(qtbot, window, home.settings_button)
    qtbot.keyClick(focused(window), Qt.Key.Key_Return)
    settings = window.current_screen
    assert isinstance(settings, SettingsScreen)
    reached = set()
    controls = [
        w for w in interactive_widgets(settings) if w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    for _ in range(len(controls) + 10):
        widget = focused(window)
        reached.add(next((c for c in controls if c is widget or c.isAncestorOf(widget)), None))
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    missing = [c.accessibleName() or type(c).__name__ for c in controls if c not in reached]
    assert not missing, missing
    # Esc goes back home.
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.current_screen is home


def test_about_and_back_by_keyboard(window, qtbot):
    window.home.focus_start()
    tab_until(qtbot, window, window.home.about_button)
    qtbot.keyClick(focused(window), Qt.Key.Key_Return)
    about = window.current_screen
    assert about.title == "About"
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.current_screen is window.home
