"""A keyboard-only walk: home -> a practice -> stop -> settings -> back, with nothing but keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from kapcompanion.ui.breathing.screen import BreathingScreen
from kapcompanion.ui.editor.screen import EditorScreen
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


def test_the_script_editor_by_keyboard_alone(window, qtbot):
    """Home's tools and the script editor: every control is reached by Tab in the order it is
    seen (the header, the script, the step, then Delete…, Preview and Save at the foot), and
    Esc goes home."""
    home = window.home
    home.focus_start()
    tab_until(qtbot, window, home.shared_button)
    tab_until(qtbot, window, home.editor_button)
    qtbot.keyClick(focused(window), Qt.Key.Key_Return)
    editor = window.current_screen
    assert isinstance(editor, EditorScreen)
    # A script of the person's own (a saved copy of a shipped one), so every button can be used.
    c = editor.controller
    c.open_entry(next(e for e in c.entries if e.exercise.id == "orienting"))
    assert c.save() is not None and editor.delete_button.isEnabled()
    controls = [
        w
        for w in interactive_widgets(editor)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabled() and w.isVisibleTo(editor)
    ]
    order: list[QWidget] = []
    for _ in range(len(controls) * 2 + 10):
        widget = focused(window)
        control = next((c for c in controls if c is widget or c.isAncestorOf(widget)), None)
        if control is not None and control not in order:
            order.append(control)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    missing = [c.accessibleName() or type(c).__name__ for c in controls if c not in order]
    assert not missing, missing
    at = order.index
    assert at(editor.new_button) < at(editor.close_button) < at(editor.fields.id_edit)
    assert at(editor.step_form.text_edit) < at(editor.delete_button) < at(editor.preview_button)
    assert at(editor.preview_button) < at(editor.save_button)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.current_screen is home
