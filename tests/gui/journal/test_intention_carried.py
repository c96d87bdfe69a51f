"""The intention set before dosing comes back, quietly, at the session's close: on the step that
asks for a few first words, read from the log the before-dosing practice was written to."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from functools import partial
from typing import Any

import pytest

from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.domain.practice import Kind, Status
from kapcompanion.domain.scripts import TextInput
from kapcompanion.services.events import PracticeEnd, PracticeStart
from kapcompanion.storage import open_log
from kapcompanion.storage.library import load_builtin
from kapcompanion.storage.logs import PracticeLogs
from kapcompanion.ui.exercise.screen import ExerciseScreen
from kapcompanion.ui.shell.main_window import MainWindow
from tests.gui.services.recording import make_window


@pytest.fixture
def window(qtbot: Any) -> Iterator[MainWindow]:
    logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
    win = make_window(qtbot, logs)
    yield win
    win.log.shutdown()
    logs.close()


def choose(window: MainWindow, exercise_id: str) -> ExerciseScreen:
    exercises, _ = load_builtin()
    window.home.exercise_list.exercise_chosen.emit(
        next(e for e in exercises if e.id == exercise_id)
    )
    screen = window.current_screen
    assert isinstance(screen, ExerciseScreen)
    return screen


def walk_to_words(screen: ExerciseScreen) -> None:
    for _ in range(len(screen.exercise.steps)):
        if isinstance(screen.runner.state().step.input, TextInput):
            return
        assert not screen.step_page.carried.isVisible()  # only where words are asked for
        screen.next()
    raise AssertionError("the session close asks for no words")


def keep_intention(window: MainWindow, qtbot: Any) -> None:
    hub = window.practice
    window.log.recorder.set_rating_before(None, ask_after=False)
    hub.start(PracticeStart(Kind.EXERCISE, "before-dosing", "Settling before my session", 300.0))
    hub.end(
        PracticeEnd(Status.COMPLETED, 300.0, answers={"intention": ("to be gentler with myself",)})
    )
    qtbot.waitUntil(lambda: window.screen_count == 1, timeout=2000)


def test_the_intention_comes_back_at_the_session_close(window: MainWindow, qtbot: Any) -> None:
    keep_intention(window, qtbot)
    screen = choose(window, "session-close")
    walk_to_words(screen)
    carried = screen.step_page.carried
    assert carried.isVisible()
    assert carried.text() == "You came in with: “to be gentler with myself”"
    screen.next()
    assert not carried.isVisible()
    screen.request_stop()


def test_without_an_intention_nothing_is_added(window: MainWindow) -> None:
    screen = choose(window, "session-close")
    walk_to_words(screen)
    assert not screen.step_page.carried.isVisible()
    screen.request_stop()


def test_a_session_closing_after_midnight_still_finds_it(window: MainWindow, qtbot: Any) -> None:
    keep_intention(window, qtbot)
    window.log._today = lambda: date.today() + timedelta(days=1)  # the clock passed midnight
    screen = choose(window, "session-close")
    walk_to_words(screen)
    assert screen.step_page.carried.text() == "You came in with: “to be gentler with myself”"
    screen.request_stop()
