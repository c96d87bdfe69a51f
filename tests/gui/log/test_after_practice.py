"""The end of a practice says truthfully what comes next: when one more short page follows (the
words kept, the question of a session's close), its last button says "Go on", not "Back home";
when nothing follows, it goes home. Driven by keys in the app's window on a fake clock."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.domain.practice import Kind, Status
from kapcompanion.domain.script_check import parse_script
from kapcompanion.services.events import PracticeEnd, PracticeStart
from kapcompanion.services.settings import THEME
from kapcompanion.storage import open_log
from kapcompanion.storage.logs import PracticeLogs
from kapcompanion.ui.exercise import screen as exercise_ui
from kapcompanion.ui.exercise.screen import ExerciseScreen
from kapcompanion.ui.log import ratings
from kapcompanion.ui.log.ratings import AFTER, BEFORE
from kapcompanion.ui.shell import theme as themes
from tests.gui.services.recording import make_window, press, prompt_shown, rows

DATA = Path(__file__).resolve().parents[2] / "data" / "practice"

#: A text step that asks for a word, then a short timed step.
TWO_STEPS = (DATA / "a-word-and-a-pause.toml").read_text(encoding="utf-8")


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


def focus_ring_shows(scale) -> bool:
    """Whether the scale looks different with the keys on it than without (a visible ring)."""
    scale.setFocus(Qt.FocusReason.TabFocusReason)
    with_focus = scale.grab().toImage()
    scale.clearFocus()
    without = scale.grab().toImage()
    scale.setFocus(Qt.FocusReason.TabFocusReason)
    return with_focus != without


def test_the_question_after_a_session_s_close_is_answered_by_keys_in_a_plain_tab_order(
    window, qtbot
):
    close = window.library.find("session-close")
    assert close is not None
    window.begin_exercise(close)
    assert isinstance(window.current_screen, ExerciseScreen)  # no question before it
    window.current_screen.tick()
    press(qtbot, Qt.Key.Key_Escape)  # "stop here?"
    press(qtbot, Qt.Key.Key_Escape)  # yes: the one question comes now, after it
    after = prompt_shown(qtbot, window, AFTER)
    scale = after.scale
    assert QApplication.focusWidget() is scale and focus_ring_shows(scale)
    chosen = []
    for key in (
        Qt.Key.Key_Right,  # on this page the arrows choose: the middle first
        Qt.Key.Key_Left,
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_7,
        Qt.Key.Key_1,
        Qt.Key.Key_0,  # 1 then 0 is 10
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
        Qt.Key.Key_Delete,
    ):
        press(qtbot, key)
        chosen.append(scale.value)
    assert chosen == [5, 4, 5, 4, 7, 1, 10, 0, 10, None]
    assert ratings.RATING_KEYS_ARROWS in after.keys.text()  # the hint says what the keys do
    press(qtbot, Qt.Key.Key_9)
    assert not after.forget.isVisibleTo(after)  # stopped before any words: none to let go
    order = [QApplication.focusWidget()]
    for _ in range(2):
        press(qtbot, Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [scale, after.go_button, after.ask_again]
    for _ in range(2):
        press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is scale
    assert after.go_button.accessibleName() == "Done, with 9 out of 10"
    press(qtbot, Qt.Key.Key_Return)
    assert window.current_screen is window.home
    (row,) = rows()
    assert (row["rating_before"], row["rating_after"]) == (None, 9)


def test_with_words_kept_the_tick_that_lets_them_go_is_the_next_tab_stop_and_starts_unticked(
    window, qtbot
):
    hub = window.practice
    window.log.recorder.set_rating_before(None, ask_after=True)
    hub.start(PracticeStart(Kind.EXERCISE, "session-close", "Closing the session", 900.0))
    hub.end(PracticeEnd(Status.STOPPED, 300.0, answers={"first-words": ("lighter, tired",)}))
    after = prompt_shown(qtbot, window, AFTER)
    assert after.scale.isVisibleTo(after) and after.forget.isVisibleTo(after)
    assert not after.forget.isChecked()
    order = [QApplication.focusWidget()]
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [after.scale, after.forget, after.go_button, after.ask_again]
    press(qtbot, Qt.Key.Key_Escape)  # goes on: no number, and the words stay
    assert window.current_screen is window.home
    (row,) = rows()
    assert json.loads(row["inputs"])["answers"] == {"first-words": ["lighter, tired"]}
    assert row["rating_after"] is None


def session_close_ended(window) -> None:
    """A session's close ended with a few first words: its one question comes after it."""
    window.log.recorder.set_rating_before(None, ask_after=True)
    window.practice.start(PracticeStart(Kind.EXERCISE, "session-close", "Closing", 900.0))
    window.practice.end(
        PracticeEnd(Status.COMPLETED, 900.0, answers={"first-words": ("lighter, tired",)})
    )


@pytest.fixture
def appearance_restored(window):
    yield
    window.settings.set(THEME, "dark")


def fully_shown(widget) -> bool:
    return widget.visibleRegion().boundingRect() == widget.rect()


def test_the_scale_is_drawn_in_the_theme_chosen_live(window, qtbot, appearance_restored):
    window.settings.set(THEME, "light")
    session_close_ended(window)
    after = prompt_shown(qtbot, window, AFTER)
    scale = after.scale
    qtbot.waitUntil(lambda: fully_shown(scale), timeout=2000)
    centre = scale.mark_center(1)
    inside = (
        scale.grab().toImage().pixelColor(round(centre.x() - 0.3 * scale.MARK), round(centre.y()))
    )
    assert inside.name() == themes.LIGHT.surface  # not the dark theme it was built with
