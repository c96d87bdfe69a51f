"""Words are never lost and the question comes at most once: driven from home and the hub,
read back from the SQLite file by a second process."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import partial

import pytest
from PySide6.QtCore import Qt

from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.domain.practice import Kind, Status
from kapcompanion.services.events import PracticeEnd, PracticeStart
from kapcompanion.storage import open_log
from kapcompanion.storage.library import load_builtin
from kapcompanion.storage.logs import PracticeLogs
from kapcompanion.storage.paths import database_path
from kapcompanion.ui.exercise.screen import ExerciseScreen
from kapcompanion.ui.exercise.widgets import RatingScale
from kapcompanion.ui.log.ratings import AFTER, SCALE
from kapcompanion.ui.shell.theme import DARK
from tests.gui.services.recording import make_window, press, prompt_shown

READ = (
    "import json, sqlite3, sys\n"
    "c = sqlite3.connect(sys.argv[1])\n"
    "print(json.dumps([r[0] for r in c.execute('SELECT inputs FROM practices')]))\n"
)


@pytest.fixture
def window(qtbot):
    logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
    win = make_window(qtbot, logs)
    yield win
    win.log.shutdown()
    logs.close()


def inputs_from_another_process() -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-c", READ, str(database_path(create=False))],
        capture_output=True,
        text=True,
        check=True,
    )
    return [json.loads(raw or "{}") for raw in json.loads(done.stdout)]


def test_a_check_in_stopped_with_esc_keeps_its_words_and_esc_afterwards_too(window, qtbot):
    hub = window.practice
    window.log.recorder.set_rating_before(None, ask_after=False)
    hub.start(PracticeStart(Kind.EXERCISE, "daily-check-in", "Daily check-in", 180.0))
    hub.end(PracticeEnd(Status.STOPPED, 40.0, answers={"body": ("heavy chest, shaky hands",)}))
    (kept,) = inputs_from_another_process()  # in the file before anything is answered
    assert kept["answers"]["body"] == ["heavy chest, shaky hands"]
    prompt_shown(qtbot, window, AFTER)
    press(qtbot, Qt.Key.Key_Escape)
    (kept,) = inputs_from_another_process()
    assert kept["answers"]["body"] == ["heavy chest, shaky hands"]


@pytest.mark.parametrize("exercise_id", ["before-dosing", "session-close", "daily-check-in"])
def test_these_start_at_once_without_a_question_before(window, exercise_id):
    exercises, _ = load_builtin()
    chosen = next(e for e in exercises if e.id == exercise_id)
    window.home.exercise_list.exercise_chosen.emit(chosen)
    assert isinstance(window.current_screen, ExerciseScreen)


def test_ten_is_chosen_by_keys_and_right_picks_nothing_before_a_choice(qtbot):
    scale = RatingScale(SCALE, DARK)
    qtbot.addWidget(scale)
    scale.show()
    scale.setFocus()
    qtbot.keyClick(scale, Qt.Key.Key_Right)
    assert scale.value is None  # left to the screen: it moves on, it does not pick 5
    qtbot.keyClick(scale, Qt.Key.Key_1)
    qtbot.keyClick(scale, Qt.Key.Key_0)
    assert scale.value == 10
    qtbot.keyClick(scale, Qt.Key.Key_0)
    assert scale.value == 0
    qtbot.keyClick(scale, Qt.Key.Key_Right)
    assert scale.value == 1
    qtbot.keyClick(scale, Qt.Key.Key_End)
    assert scale.value == 10
    assert scale.focusPolicy() == Qt.FocusPolicy.StrongFocus  # one stop in the Tab order
