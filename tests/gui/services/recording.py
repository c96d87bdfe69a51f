"""What the practice-log tests share: the log's rows read straight from the file, the app's
window on a fake clock, and the keys a person presses."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from kapcompanion.domain.clock import FakeClock, MonotonicClock
from kapcompanion.storage import open_log
from kapcompanion.storage.logs import PracticeLogs
from kapcompanion.storage.paths import database_path
from kapcompanion.ui.log.ratings import RatingPrompt
from kapcompanion.ui.shell.main_window import MainWindow
from tests.helpers.windows import shown_window


def rows() -> list[dict[str, object]]:
    """Every practice in the log file, oldest first, read with plain sqlite3."""
    path = database_path(create=False)
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        found = [dict(r) for r in conn.execute("SELECT * FROM practices ORDER BY started_utc, id")]
        for row in found:
            row["steps"] = [
                tuple(s)
                for s in conn.execute(
                    "SELECT step_id, started_s, duration_s FROM practice_steps "
                    "WHERE practice_id = ? ORDER BY position",
                    (row["id"],),
                )
            ]
    finally:
        conn.close()
    return found


def make_window(qtbot, logs: PracticeLogs) -> MainWindow:
    win = shown_window(qtbot, FakeClock(500.0), logs=logs)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=2000)
    return win


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget()
    assert target is not None, "nothing has keyboard focus"
    qtbot.keyClick(target, key, modifier)


def queued_calls_ran(qtbot) -> None:
    """Wait until what leaving a screen queued has run (a question asked "soon" comes from a
    zero-delay timer): a call queued now, after them, is seen to run, so nothing that would
    follow is still waiting."""
    ran: list[bool] = []
    QTimer.singleShot(0, lambda: ran.append(True))
    qtbot.waitUntil(lambda: bool(ran), timeout=2000)


def prompt_shown(qtbot, window, moment: str) -> RatingPrompt:
    qtbot.waitUntil(
        lambda: (
            isinstance(window.current_screen, RatingPrompt)
            and window.current_screen.moment == moment
        ),
        timeout=2000,
    )
    prompt = window.current_screen
    assert isinstance(prompt, RatingPrompt)
    return prompt


def start_breathing_from_home(qtbot, window, minutes: int = 1) -> None:
    home = window.home
    home.minutes_spin.setValue(minutes)
    home.glide_check.setChecked(False)
    qtbot.mouseClick(home.start_button, Qt.MouseButton.LeftButton)


def open_log_copy_records():
    """The practices as a later start of the app reads them (from a copy of the file)."""
    path = database_path(create=False)
    copy = path.with_name("copy-of-log.sqlite3")
    source = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    target = sqlite3.connect(copy)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    with open_log(copy, clock=MonotonicClock()) as log:
        return log.list_practices(limit=None)


def progress_of_the_only_row() -> tuple[str, float | None]:
    (row,) = rows()
    status, actual = row["status"], row["actual_s"]
    assert isinstance(status, str) and (actual is None or isinstance(actual, (int, float)))
    return status, actual
