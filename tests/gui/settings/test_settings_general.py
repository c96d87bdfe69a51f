"""The general settings: kept across a restart, applied at once, a broken file falls back with a
notice, reminders offer nothing without a tray, and the data folder is shown."""

from __future__ import annotations

from datetime import date, datetime, time
from functools import partial

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QApplication

from kapcompanion.domain.clock import FakeClock, MonotonicClock
from kapcompanion.domain.reminders import Reminder, Suggestion
from kapcompanion.services.settings import (
    DEFAULT_MINUTES,
    DEFAULT_PATTERN,
    LAST_PRACTICE,
    QUIET_START,
    REDUCED_MOTION,
    REMINDER_MODE,
    REMINDER_TIME,
    TEXT_SIZE,
    THEME,
    SettingsStore,
    settings_path,
)
from kapcompanion.storage import open_log
from kapcompanion.storage.logs import PracticeLogs
from kapcompanion.ui.exercise.screen import ExerciseScreen
from kapcompanion.ui.log.ratings import ASK_RATINGS
from kapcompanion.ui.settings.screen import SettingsScreen
from kapcompanion.ui.shell import theme as themes
from kapcompanion.ui.shell.main_window import SETTINGS_NOTICE, MainWindow
from kapcompanion.ui.shell.reminders import NO_TRAY, ReminderService


@pytest.fixture(autouse=True)
def restore_appearance():
    yield
    themes.set_text_scale(100)
    themes.apply(QApplication.instance(), themes.DARK)


def open_window(qtbot) -> MainWindow:
    win = MainWindow(FakeClock())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def choose(combo, data: str) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_choices_survive_a_restart_and_apply_to_home(qtbot):
    first = open_window(qtbot)
    screen = first.open_settings()
    assert isinstance(screen, SettingsScreen) and screen.general is not None
    general = screen.general
    choose(general.theme_combo, "high-contrast")
    general.text_spin.setValue(150)
    choose(general.motion_combo, "on")
    choose(general.pattern_combo, "resonance")
    general.minutes_spin.setValue(12)
    general.quiet_start.setTime(QTime(21, 30))
    # Applied at once: the whole app takes the high-contrast palette at 150% text.
    assert first.theme is themes.HIGH_CONTRAST
    assert themes.text_scale() == 1.5
    assert f"font-size: {round(themes.BASE_PT * 1.5)}pt" in QApplication.instance().styleSheet()
    assert first.home.minutes_spin.value() == 12
    assert first.home.reduced_motion_check.isChecked()
    assert first.home.config().pattern.key == "resonance"
    first.close()

    # A new window on the same file: everything is as it was left.
    store = SettingsStore()
    assert store.get(THEME) == "high-contrast"
    assert store.get(TEXT_SIZE) == 150
    assert store.get(REDUCED_MOTION) == "on"
    assert store.get(DEFAULT_PATTERN) == "resonance"
    assert store.get(DEFAULT_MINUTES) == 12
    assert store.get(QUIET_START) == "21:30"
    second = open_window(qtbot)
    assert second.home.minutes_spin.value() == 12
    assert second.home.reduced_motion_check.isChecked()
    assert second.home.config().pattern.key == "resonance"
    again = second.open_settings().general
    assert again.theme_combo.currentData() == "high-contrast"
    assert again.text_spin.value() == 150
    assert again.quiet_start.time() == QTime(21, 30)
    text = settings_path().read_text()
    assert "text_size=150" in text and "theme=high-contrast" in text


def test_a_broken_settings_file_falls_back_to_defaults_with_a_notice(qtbot):
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00\xffnot settings\x00")
    window = open_window(qtbot)
    assert window.home.notice.isVisible()
    assert window.home.notice.text() == SETTINGS_NOTICE
    assert window.settings.get(TEXT_SIZE) == 100 and window.settings.get(THEME) == "system"
    assert window.home.minutes_spin.value() == 5
    # The old file was kept aside, never deleted; Settings says where.
    aside = list(path.parent.glob("settings.ini.unreadable-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"\x00\xff")
    screen = window.open_settings()
    assert screen.problems_label.isVisible()
    assert aside[0].name in screen.problems_label.text()


def test_a_bad_value_falls_back_and_is_named(qtbot):
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[appearance]\ntext_size=900\ntheme=purple\n[reminders]\ntime=25:99\n")
    window = open_window(qtbot)
    store = window.settings
    assert store.get(TEXT_SIZE) == 100 and store.get(THEME) == "system"
    assert store.get(REMINDER_TIME) == "19:00"
    problems = " ".join(store.problems)
    assert "Text size" in problems and "'900'" in problems and "80 to 200" in problems
    assert "purple" in problems and "25:99" in problems


def test_reminders_offer_nothing_without_a_tray(qtbot):
    window = open_window(qtbot)
    window.everyday.reminders._tray_available = lambda: False
    general = window.open_settings().general
    general.refresh()
    assert not general.reminder_combo.isEnabled()
    assert not general.reminder_time.isEnabled()
    assert general.reminder_status.text() == NO_TRAY


def test_a_reminder_is_planned_with_one_timer_and_opens_the_check_in(qtbot):
    window = open_window(qtbot)
    store = window.settings
    now = datetime(2026, 3, 11, 9, 0)
    service = ReminderService(
        store,
        window.windowIcon(),
        sessions=lambda: [date(2026, 3, 10)],
        now=lambda: now,
        tray_available=lambda: True,
    )
    store.set(REMINDER_MODE, "after-sessions")
    assert service.next is not None
    assert service.next.at == datetime(2026, 3, 11, 10, 0)
    assert service.next.suggestion is Suggestion.CHECK_IN
    assert 3_500_000 <= service.waiting_ms <= 3_700_000  # about an hour (timers are coarse)
    store.set(REMINDER_MODE, "off")
    assert service.next is None and service.waiting_ms is None
    service.stop()

    reminder = Reminder(now, Suggestion.CHECK_IN, "t", "x", True)
    window.everyday.open_reminded(reminder)
    screen = window.current_screen
    assert isinstance(screen, ExerciseScreen) and screen.exercise.id == "daily-check-in"


def test_the_last_practice_is_one_key_away(qtbot):
    SettingsStore().set(ASK_RATINGS, False)
    logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
    window = MainWindow(FakeClock(), logs=logs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)
    home = window.home
    assert not home.again_box.isVisible()
    home.choose_situation("before")
    assert home.config().pattern.key == "gentle-settle"
    home.minutes_spin.setValue(3)
    qtbot.mouseClick(home.start_button, Qt.MouseButton.LeftButton)
    window.show_home()
    assert window.settings.get(LAST_PRACTICE) == "breathing:gentle-settle:3"
    assert home.again_box.isVisible()
    assert home.again_button.text() == "Again: Gentle settle · 3 min"
    assert window.focusWidget() is home.again_button  # Enter is all it takes
    qtbot.keyClick(home.again_button, Qt.Key.Key_Return)
    screen = window.current_screen
    assert screen.config.pattern.key == "gentle-settle" and screen.config.minutes == 3
    window.show_home()
    window.close()
    logs.close()


def test_a_guest_practice_leaves_no_last_practice_in_the_settings(qtbot):
    window = open_window(qtbot)
    assert window.log.logs.guest or not window.log.logs.can_save
    window.home.choose_situation("closing")
    qtbot.mouseClick(window.home.start_button, Qt.MouseButton.LeftButton)
    window.show_home()
    assert window.home.again_button.text() == "Again: Gentle settle · 5 min"
    assert window.settings.get(LAST_PRACTICE) == ""


def test_the_data_folder_is_shown_and_its_absence_explained(qtbot):
    window = open_window(qtbot)
    general = window.open_settings().general
    assert str(general.data_folder) in general.data_label.text()
    assert str(settings_path()) in general.settings_label.text()
    if not general.data_folder.exists():
        assert not general.open_data_folder()
        assert "first saved practice" in general.files_message.text()


def test_reminder_times_in_settings_are_hours_and_minutes(qtbot):
    window = open_window(qtbot)
    general = window.open_settings().general
    window.everyday.reminders._tray_available = lambda: True
    choose(general.reminder_combo, "daily")
    general.refresh()
    assert general.reminder_time.isEnabled()
    assert not general.extra_time.isEnabled()  # only for "more often after a session"
    general.reminder_time.setTime(QTime(7, 45))
    assert window.settings.get(REMINDER_TIME) == "07:45"
    assert time(7, 45).strftime("%H:%M") == window.settings.get(REMINDER_TIME)
    window.everyday.reminders.stop()
