"""The end of a practice says truthfully what comes next: when one more short page follows (the
words kept, the question of a session's close), its last button says "Go on", not "Back home";
when nothing follows, it goes home. Driven by keys in the app's window on a fake clock."""

from __future__ import annotations

import json
from functools import partial

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.domain.script_check import parse_script
from kapcompanion.storage import open_log
from kapcompanion.storage.logs import PracticeLogs
from kapcompanion.ui.exercise import screen as exercise_ui
from kapcompanion.ui.exercise.screen import ExerciseScreen
from kapcompanion.ui.log import ratings
from kapcompanion.ui.log.ratings import AFTER, BEFORE
from tests.gui.services.recording import make_window, press, prompt_shown, rows

TWO_STEPS = """
id = "a-word-and-a-pause"
title = "A word and a pause"
description = "A word for now, then a short pause."
for = ["any-time"]
minutes = 1

[[step]]
text = "A word for right now, if one comes?"
until_continue = true

[step.input]
type = "text"
key = "now"

[[step]]
text = "Feel your feet on the floor."
seconds = 8
"""


@pytest.fixture
def window(qtbot):
    logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
    win = make_window(qtbot, logs)
    yield win
    win.log.shutdown()
    logs.close()


def run_to_the_end(window, qtbot, typed: str) -> ExerciseScreen:
    window.begin_exercise(parse_script(TWO_STEPS, "a-word-and-a-pause.toml"))
    prompt_shown(qtbot, window, BEFORE)
    press(qtbot, Qt.Key.Key_Return)  # no number: begins all the same
    screen = window.current_screen
    assert isinstance(screen, ExerciseScreen)
    screen.tick()
    if typed:
        qtbot.keyClicks(QApplication.focusWidget(), typed)
    press(qtbot, Qt.Key.Key_Return)  # moves on
    window.clock.advance(9.0)
    screen.tick()
    assert screen.finished
    return screen


def test_an_end_that_leads_to_the_page_of_kept_words_says_go_on_not_back_home(window, qtbot):
    screen = run_to_the_end(window, qtbot, "warm hands")
    assert screen.home_button.text() == exercise_ui.LEAD_ON == "Go on"
    assert "home" not in screen.home_button.accessibleName().lower()
    assert screen.closing_page.hint.text() == exercise_ui.LEAD_ON_HINT
    assert "home" not in screen.closing_page.hint.text()
    assert QApplication.focusWidget() is screen.home_button
    press(qtbot, Qt.Key.Key_Return)
    after = prompt_shown(qtbot, window, AFTER)  # what the button said: one more short page
    assert after.words_label.text() == ratings.WORDS_KEPT
    press(qtbot, Qt.Key.Key_Escape)
    assert window.current_screen is window.home
    (row,) = rows()
    assert json.loads(row["inputs"])["answers"] == {"now": ["warm hands"]}


def test_an_end_with_nothing_after_it_goes_home_as_it_says(window, qtbot):
    screen = run_to_the_end(window, qtbot, "")
    assert screen.home_button.text() == "Back home"
    assert screen.closing_page.hint.text() == exercise_ui.CLOSING_HINT
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.wait(50)
    assert window.current_screen is window.home  # no page in between


def test_the_words_on_the_page_after_say_what_is_kept_and_what_the_tick_would_let_go():
    # "Keep my other answers" asked: other than what? The page names what it keeps.
    assert "other" not in ratings.FORGET_WORDS.lower()
    assert "wrote or chose" in ratings.WORDS_KEPT and "wrote or chose" in ratings.FORGET_WORDS
