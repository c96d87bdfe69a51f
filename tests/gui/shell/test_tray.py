"""Issue 15, item 6: the reminders' tray icon keeps the app while the window is closed, its menu
opens the window, pauses reminders until tomorrow and quits, and the app can start with the
computer, quietly in the tray."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from kapcompanion.app import LaunchOptions, starts_in_tray
from kapcompanion.cli.autostart import DesktopAutostart
from kapcompanion.services.settings import (
    FIRST_START_DONE,
    REMINDER_MODE,
    REMINDERS_PAUSED_UNTIL,
    SettingsStore,
)
from kapcompanion.ui.exercise.screen import ExerciseScreen
from kapcompanion.ui.settings.general import GeneralSettings
from kapcompanion.ui.shell.reminders import (
    OPEN_PRACTICE,
    OPEN_WINDOW,
    PAUSE_UNTIL_TOMORROW,
    QUIT,
    ReminderService,
)
from tests.helpers.windows import shown_window

NOW = datetime(2026, 12, 5, 10, 0)


def _actions(service: ReminderService) -> dict[str, QAction]:
    assert service.tray is not None
    menu = service.tray.contextMenu()
    assert menu is not None
    return {a.text(): a for a in menu.actions() if not a.isSeparator()}


def _service(qtbot) -> ReminderService:
    store = SettingsStore()
    service = ReminderService(
        store, QApplication.windowIcon(), now=lambda: NOW, tray_available=lambda: True
    )
    store.set(REMINDER_MODE, "daily")
    return service


def test_the_tray_menu_opens_the_window_or_a_practice_pauses_and_quits(qtbot) -> None:
    service = _service(qtbot)
    actions = _actions(service)
    assert list(actions) == [OPEN_WINDOW, OPEN_PRACTICE, PAUSE_UNTIL_TOMORROW, QUIT]
    with qtbot.waitSignal(service.show_requested):
        actions[OPEN_WINDOW].trigger()
    with qtbot.waitSignal(service.quit_requested):
        actions[QUIT].trigger()
    service.stop()


def test_pausing_until_tomorrow_moves_the_next_reminder_and_is_kept(qtbot) -> None:
    service = _service(qtbot)
    assert service.next is not None and service.next.at == datetime(2026, 12, 5, 19, 0)
    pause = _actions(service)[PAUSE_UNTIL_TOMORROW]
    pause.trigger()  # checks it
    assert pause.isChecked()
    assert service.next is not None and service.next.at.date() == datetime(2026, 12, 6).date()
    # Another process (the app started again) reads the pause.
    read = subprocess.run(
        [
            sys.executable,
            "-c",
            "from kapcompanion.services.settings import SettingsStore, "
            "REMINDERS_PAUSED_UNTIL as P; print(SettingsStore().get(P))",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert read.stdout.strip() == "2026-12-06"
    pause.trigger()  # and back
    assert SettingsStore().get(REMINDERS_PAUSED_UNTIL) == ""
    assert service.next is not None and service.next.at == datetime(2026, 12, 5, 19, 0)
    service.stop()


def _with_tray(qtbot):
    window = shown_window(qtbot)
    window.ask_before_closing = False
    reminders = window.everyday.reminders
    reminders._tray_available = lambda: True  # the offscreen platform has no tray
    window.settings.set(REMINDER_MODE, "daily")
    assert reminders.keeps_running
    return window


def test_closing_the_window_while_reminders_wait_keeps_the_app_in_the_tray(qtbot) -> None:
    window = _with_tray(qtbot)
    screen = window.start_exercise(window.library.exercises[0])
    assert isinstance(screen, ExerciseScreen)
    quit_calls: list[bool] = []
    app = QApplication.instance()
    assert app is not None
    app.aboutToQuit.connect(lambda: quit_calls.append(True))
    assert not window.close()  # the close is declined: the window hides, the app stays
    assert not window.isVisible()
    assert screen.finished  # the practice ended as closing ends it
    assert window.everyday.reminders.keeps_running
    # The tray's "Open kapcompanion" brings it back.
    window.everyday.reminders.show_requested.emit()
    qtbot.waitUntil(window.isVisible)
    assert quit_calls == []
    window.everyday.reminders.stop()


def test_quit_from_the_tray_ends_the_app(qtbot, monkeypatch) -> None:
    window = _with_tray(qtbot)
    quit_calls: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: quit_calls.append(True)))
    window.everyday.reminders.quit_requested.emit()
    assert quit_calls == [True]
    assert not window.isVisible()
    window.everyday.reminders.stop()


def test_without_reminders_closing_the_window_closes_it(qtbot) -> None:
    window = shown_window(qtbot)
    window.ask_before_closing = False
    assert window.close()


def test_starting_with_the_computer_writes_a_valid_autostart_entry_and_takes_it_away(
    qtbot, tmp_path: Path
) -> None:
    window = shown_window(qtbot)
    window.autostart = DesktopAutostart(command=["/opt/kap companion/bin/kapcompanion"])
    general = window.open_settings().general
    assert isinstance(general, GeneralSettings)
    window.settings.set(REMINDER_MODE, "daily")
    window.everyday.reminders._tray_available = lambda: True
    general.refresh()
    check = general.start_check
    assert check.isVisible() and check.isEnabled() and not check.isChecked()
    check.click()
    path = window.autostart.path
    assert path.is_file()
    entry = path.read_text()
    assert 'Exec="/opt/kap companion/bin/kapcompanion" run --in-tray' in entry
    done = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    check.click()
    assert not path.exists()
    window.everyday.reminders.stop()


@pytest.mark.parametrize(
    ("in_tray", "mode", "tray", "seen", "hidden"),
    [
        (True, "daily", True, True, True),
        (True, "off", True, True, False),  # nothing to wait for: the window opens
        (True, "daily", False, True, False),  # no tray to wait in
        (True, "daily", True, False, False),  # a first start always shows the window
        (False, "daily", True, True, False),
    ],
)
def test_a_start_in_the_tray_needs_reminders_a_tray_and_a_first_start_seen(
    in_tray, mode, tray, seen, hidden
) -> None:
    store = SettingsStore()
    store.set(REMINDER_MODE, mode)
    store.set(FIRST_START_DONE, seen)
    assert starts_in_tray(LaunchOptions(in_tray=in_tray), store, tray) is hidden
