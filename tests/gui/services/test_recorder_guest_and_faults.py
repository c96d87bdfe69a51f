"""Guest practice writes nothing, and trouble with the log (another copy has it, a full disk,
a damaged file, a newer version) becomes a calm notice while practice goes on."""

from __future__ import annotations

import sqlite3
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.domain.practice import Status
from kapcompanion.storage import GuestLog, Notice, NoticeKind, StorageFailure, open_log
from kapcompanion.storage.errors import Problem
from kapcompanion.storage.logs import PracticeLogs
from kapcompanion.storage.paths import database_path
from kapcompanion.ui.breathing.screen import BreathingScreen
from kapcompanion.ui.log.ratings import BEFORE
from tests.gui.services.recording import (
    make_window,
    press,
    prompt_shown,
    rows,
    start_breathing_from_home,
)
from tests.helpers.cli import run_app


@pytest.fixture
def logs():
    saved = PracticeLogs(partial(open_log, clock=MonotonicClock()))
    yield saved
    saved.close()


@pytest.fixture
def window(qtbot, logs):
    win = make_window(qtbot, logs)
    yield win
    win.log.shutdown()


def test_guest_practice_writes_nothing_at_all(qtbot, private_data_dir):
    logs = PracticeLogs(partial(open_log, clock=MonotonicClock()), guest=True)
    window = make_window(qtbot, logs)
    assert window.log.panel.guest_check.isChecked()
    start_breathing_from_home(qtbot, window)
    screen = window.current_screen
    assert isinstance(screen, BreathingScreen)  # a guest is asked nothing
    window.clock.advance(60.0)
    with qtbot.waitSignal(window.log.recorder.recorded, timeout=2000):
        screen.tick()  # the end: kept at once, nothing asked
    press(qtbot, Qt.Key.Key_Escape)
    assert window.current_screen is window.home
    (kept,) = logs.current.list_practices()  # in memory, for this run only
    assert kept.status is Status.COMPLETED
    window.close()
    logs.close()
    assert not (private_data_dir / "data").exists()
    assert not (private_data_dir / "config").exists()  # not even an empty settings folder


def test_guest_on_the_command_line_leaves_the_data_folder_untouched(private_data_dir):
    offscreen = {"QT_QPA_PLATFORM": "offscreen"}
    done = run_app("breathe", "--guest", "--minutes", "1", "--quit-after", "0.6", env=offscreen)
    assert done.returncode == 0, done.stderr
    assert not (private_data_dir / "data").exists()
    assert not (private_data_dir / "config").exists()
    done = run_app("breathe", "--minutes", "1", "--quit-after", "0.6", env=offscreen)
    assert done.returncode == 0, done.stderr
    (row,) = rows()  # without --guest the same practice is kept, stopped by the quit
    assert row["status"] == Status.STOPPED.value and row["kind"] == "breathing"


def test_the_switch_on_home_turns_guest_practice_on_and_off(window, qtbot):
    window.log.panel.guest_check.setChecked(True)
    assert window.log.logs.guest
    start_breathing_from_home(qtbot, window)
    with qtbot.waitSignal(window.log.recorder.recorded, timeout=2000):
        window.current_screen.stop()
    assert not database_path(create=False).exists() or rows() == []
    window.log.panel.guest_check.setChecked(False)
    start_breathing_from_home(qtbot, window)
    prompt_shown(qtbot, window, BEFORE)
    press(qtbot, Qt.Key.Key_Return)
    with qtbot.waitSignal(window.log.recorder.recorded, timeout=2000):
        window.current_screen.stop()  # asked once, before: nothing more afterwards
    assert len(rows()) == 1


def test_a_log_open_in_another_copy_becomes_a_calm_notice_and_practice_goes_on(qtbot):
    other = open_log(clock=MonotonicClock())  # another copy of the app has the log
    try:
        logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
        window = make_window(qtbot, logs)
        qtbot.waitUntil(lambda: bool(window.log.panel.notices), timeout=2000)
        (message,) = window.log.panel.notices
        assert "already open in another copy" in message
        assert str(database_path(create=False)) in message
        assert window.log.panel.notice_box.isVisibleTo(window.home)
        assert logs.guest and not window.log.panel.guest_check.isEnabled()
        start_breathing_from_home(qtbot, window)
        screen = window.current_screen
        assert isinstance(screen, BreathingScreen)
        window.clock.advance(60.0)
        screen.tick()
        assert screen.finished
        screen.stop()
        assert other.count_practices() == 0  # nothing was written behind the other copy
        window.close()
        logs.close()
    finally:
        other.close()


class FailingLog(GuestLog):
    """A log whose disk goes away: every write fails the way the saved log reports it."""

    def __init__(self, fail: str) -> None:
        super().__init__()
        self.fail = fail
        self.notices = [Notice(NoticeKind.NOT_SAVED, "Your practice cannot be saved right now.")]

    def take_notices(self):
        notices, self.notices = self.notices, []
        return notices

    def start_practice(self, *args, **kwargs):
        if self.fail == "start":
            raise StorageFailure(Problem.DISK_FULL, Path("/nowhere/practice-log.sqlite3"))
        return super().start_practice(*args, **kwargs)

    def finish_practice(self, *args, **kwargs):
        if self.fail == "finish":
            raise RuntimeError("something broke")
        return super().finish_practice(*args, **kwargs)


@pytest.mark.parametrize("fail", ["start", "finish"])
def test_a_failing_log_never_stops_the_practice(qtbot, fail):
    store = FailingLog(fail)
    logs = PracticeLogs(saved=store)
    window = make_window(qtbot, logs)
    window.log.recorder.ask_ratings = False
    start_breathing_from_home(qtbot, window)
    screen = window.current_screen
    assert isinstance(screen, BreathingScreen)
    window.clock.advance(60.0)
    screen.tick()
    assert screen.finished
    screen.stop()
    qtbot.waitUntil(
        lambda: any("could not be added" in n for n in window.log.panel.notices), timeout=2000
    )
    assert window.current_screen is window.home
    notices = window.log.panel.notices
    assert "Your practice cannot be saved right now." in notices
    assert any("could not be added to your practice log" in n for n in notices)
    if fail == "start":
        assert any("no room left on the disk" in n for n in notices)
    window.close()


def test_a_damaged_log_is_set_aside_and_home_says_where_it_is(qtbot):
    path = database_path()
    path.write_bytes(b"this is not a practice log at all" * 100)
    logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
    window = make_window(qtbot, logs)
    qtbot.waitUntil(lambda: bool(window.log.panel.notices), timeout=2000)
    (message,) = window.log.panel.notices
    assert "looks damaged" in message and str(path) in message
    aside = next(path.parent.glob("practice-log.sqlite3.corrupt-*"))
    assert str(aside) in message
    assert aside.read_bytes().startswith(b"this is not a practice log")
    assert not logs.guest  # a new log was begun: practice is saved again
    qtbot.mouseClick(window.log.panel.dismiss_button, Qt.MouseButton.LeftButton)
    assert not window.log.panel.notice_box.isVisibleTo(window.home)
    window.close()
    logs.close()


def test_a_log_from_a_newer_version_is_left_alone_and_practice_goes_on_as_a_guest(qtbot):
    path = database_path()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    before = path.read_bytes()
    logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
    window = make_window(qtbot, logs)
    qtbot.waitUntil(lambda: bool(window.log.panel.notices), timeout=2000)
    (message,) = window.log.panel.notices
    assert "newer version" in message and str(path) in message
    assert logs.guest and not window.log.panel.guest_check.isEnabled()
    start_breathing_from_home(qtbot, window)
    assert isinstance(window.current_screen, BreathingScreen)
    window.current_screen.stop()
    window.close()
    logs.close()
    assert path.read_bytes() == before
