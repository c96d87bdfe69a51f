"""A body-map step of a script, driven by the keyboard only: its marks are kept with the
practice (read by a second process) and shown in History's body over time."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from functools import partial
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.domain.script_check import parse_script
from kapcompanion.storage import open_log
from kapcompanion.storage.journal_open import journal_for
from kapcompanion.storage.logs import PracticeLogs
from kapcompanion.storage.paths import database_path, user_scripts_dir
from kapcompanion.ui.exercise.screen import HINT_BODY, HINT_FELT, ExerciseScreen
from kapcompanion.ui.journal.body_map import BodyMapWidget
from kapcompanion.ui.journal.screen import JournalScreen
from kapcompanion.ui.log.ratings import BEFORE, RatingPrompt
from kapcompanion.ui.shell.a11y import unnamed
from kapcompanion.ui.shell.main_window import MainWindow
from tests.gui.services.recording import make_window, press, prompt_shown

SCRIPT = """\
id = "where-it-is"
title = "Where it is"
description = "Noticing where something is felt."
for = ["between-sessions"]
minutes = 2

[[step]]
text = "You might notice where in your body something is here. Your feet are on the floor."
until_continue = true

[step.input]
type = "body-map"
key = "felt"
"""
READ = (
    "import json, sqlite3, sys\n"
    "c = sqlite3.connect(sys.argv[1])\n"
    "print(json.dumps({'inputs': [r[0] for r in c.execute('SELECT inputs FROM practices')],\n"
    "  'marks': [list(r) for r in c.execute(\n"
    "    'SELECT region, label, intensity, practice_uuid IS NOT NULL FROM body_marks')]}))\n"
)


@pytest.fixture
def window(qtbot: Any) -> Iterator[MainWindow]:
    logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
    win = make_window(qtbot, logs)
    yield win
    win.log.shutdown()
    logs.close()


def focused() -> Any:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def test_a_body_map_step_by_keyboard_is_kept_and_shown_in_history(
    window: MainWindow, qtbot: Any
) -> None:
    exercise = parse_script(SCRIPT, "where-it-is.toml")
    window.library.use([*window.library.exercises, exercise])
    window.home.exercise_list.exercise_chosen.emit(exercise)
    prompt_shown(qtbot, window, BEFORE)
    press(qtbot, Qt.Key.Key_Escape)  # Esc on the question begins the practice
    screen = window.current_screen
    assert isinstance(screen, ExerciseScreen)
    body = screen.step_page.input_widget
    assert isinstance(body, BodyMapWidget)
    assert focused() is body.canvas  # the step's input has the keyboard first
    assert screen.hint_label.text() == HINT_BODY  # arrows move on the body here, not the steps
    assert unnamed(screen) == []
    press(qtbot, Qt.Key.Key_Return)  # the list of sensations for the left hand
    assert body.chooser.isVisible() and focused() is body.chooser.list
    assert screen.hint_label.text() == HINT_FELT
    press(qtbot, Qt.Key.Key_Return)  # warmth, the first in the list
    assert focused() is body.canvas
    press(qtbot, Qt.Key.Key_6)
    press(qtbot, Qt.Key.Key_Up)  # up the arm
    assert body.region_id != "hand-left"
    moved_to = body.region_id
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)  # the second sensation
    assert body.canvas.accessibleName().startswith("Body map, front: ")
    for _ in range(6):
        if focused() is screen.controls.continue_button:
            break
        press(qtbot, Qt.Key.Key_Tab)
    assert focused() is screen.controls.continue_button
    press(qtbot, Qt.Key.Key_Return)  # Space would pause
    assert screen.finished
    press(qtbot, Qt.Key.Key_Return)  # the closing page's way home
    store = window.log.logs.current
    journal_store = journal_for(store)
    day = date.today()
    qtbot.waitUntil(
        lambda: (
            isinstance(window.current_screen, RatingPrompt)
            or bool(journal_store.marks(day - timedelta(days=1), day))
        ),
        timeout=3000,
    )
    if isinstance(window.current_screen, RatingPrompt):
        press(qtbot, Qt.Key.Key_Escape)  # Esc afterwards keeps every word and mark

    done = subprocess.run(
        [sys.executable, "-c", READ, str(database_path(create=False))],
        capture_output=True,
        text=True,
        check=True,
    )
    kept = json.loads(done.stdout)
    (inputs,) = [json.loads(i) for i in kept["inputs"]]
    lines = inputs["answers"]["felt"][0].splitlines()
    assert "Left hand, warmth, 6 of 10" in lines and len(lines) == 2
    assert ["hand-left", "warmth", 6, 1] in kept["marks"]
    assert any(m[0] == moved_to and m[1] == "tingling" for m in kept["marks"])

    marks = journal_store.marks(day - timedelta(days=1), day)
    assert len(marks) == 2
    history = window.log.open_history()
    history.journal_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    journal = window.current_screen
    assert isinstance(journal, JournalScreen)
    journal.body_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    assert journal.page == "body"
    words = journal.body_page.after.region_words("hand-left")
    assert words == "Left hand: warmth 1"


def test_marks_kept_with_a_practice_reach_the_body_map_at_the_next_start(qtbot: Any) -> None:
    # The app was closed while the question after the practice waited: the practice holds the
    # marks, the body map does not yet.
    (user_scripts_dir(create=True) / "where-it-is.toml").write_text(SCRIPT, encoding="utf-8")
    log = open_log(clock=MonotonicClock())
    pid = log.start_practice("exercise", "where-it-is")
    log.finish_practice(pid, actual_s=40, answers={"felt": ["Chest, warmth, 6 of 10"]})
    log.close()
    logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
    window = make_window(qtbot, logs)
    try:
        journal = journal_for(logs.current)
        day = date.today()
        qtbot.waitUntil(lambda: bool(journal.marks(day, day)), timeout=3000)
        (mark,) = journal.marks(day, day)
        assert (mark.region, mark.label, mark.intensity, mark.practice_uuid) == (
            "chest",
            "warmth",
            6,
            pid,
        )
        # Deleting the practice in History takes its marks with it.
        history = window.log.open_history()
        (record,) = logs.current.list_practices(limit=None)
        assert history.controller.delete(record)
        assert journal.marks(day, day) == []
    finally:
        window.log.shutdown()
        logs.close()


def test_a_guests_body_map_step_is_held_in_memory_only(qtbot: Any, private_data_dir: Any) -> None:
    logs = PracticeLogs(partial(open_log, clock=MonotonicClock()), guest=True)
    window = make_window(qtbot, logs)
    try:
        exercise = parse_script(SCRIPT, "where-it-is.toml")
        window.library.use([*window.library.exercises, exercise])
        screen = window.start_exercise(exercise)
        press(qtbot, Qt.Key.Key_Return)
        press(qtbot, Qt.Key.Key_Return)  # warmth in the left hand
        screen.controls.continue_button.setFocus()
        press(qtbot, Qt.Key.Key_Return)
        press(qtbot, Qt.Key.Key_Return)  # the closing page's way home
        journal = journal_for(logs.current)
        day = date.today()
        qtbot.waitUntil(
            lambda: (
                isinstance(window.current_screen, RatingPrompt) or bool(journal.marks(day, day))
            ),
            timeout=3000,
        )
        if isinstance(window.current_screen, RatingPrompt):
            press(qtbot, Qt.Key.Key_Escape)
        assert [m.label for m in journal.marks(day, day)] == ["warmth"]
        assert journal.path.name == ":memory:"
        assert not database_path(create=False).exists()
        assert [p for p in private_data_dir.rglob("*") if p.is_file()] == []
    finally:
        window.log.shutdown()
        logs.close()
