"""Home's "again" shortcut read from what the settings file has kept, and the announcements a
screen reader hears during a practice."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt

from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.pacing import PRESETS
from kapcompanion.services.settings import LAST_PRACTICE, SettingsStore
from kapcompanion.storage import open_log
from kapcompanion.storage.library import load_builtin
from kapcompanion.storage.logs import PracticeLogs
from kapcompanion.ui.breathing.screen import BreathingScreen
from kapcompanion.ui.exercise.screen import ExerciseScreen
from kapcompanion.ui.log.ratings import ASK_RATINGS
from tests.helpers.windows import shown_window

EXERCISES = {e.id: e for e in load_builtin()[0]}


def window_after(qtbot, stored: str):
    SettingsStore().set(ASK_RATINGS, False)
    SettingsStore().set(LAST_PRACTICE, stored)
    return shown_window(qtbot, active=False)


def test_a_breathing_practice_kept_in_the_old_format_is_offered_and_started(qtbot):
    window = window_after(qtbot, "breathing:box:12")
    home = window.home
    home.holds_check.setChecked(True)  # holds switched on, as when it was chosen
    assert home.again_box.isVisibleTo(home)
    assert home.again_button.text() == "Again: Box · 12 min"
    qtbot.mouseClick(home.again_button, Qt.MouseButton.LeftButton)
    screen = window.current_screen
    assert isinstance(screen, BreathingScreen)
    # Chosen with holds on, so it comes back with them allowed.
    assert screen.config.pattern.key == "box" and screen.config.allow_holds
    assert screen.config.minutes == 12


def test_a_pattern_with_holds_is_not_offered_while_holds_are_off(qtbot):
    """Holds switched off, or a situation around a session chosen: no breath holds come back
    through the shortcut, not even by Enter."""
    window = window_after(qtbot, "breathing:box:12")
    home = window.home
    assert not home.holds_check.isChecked()
    assert not home.again_box.isVisibleTo(home)
    window.again.start_again()
    assert window.current_screen is home
    home.holds_check.setChecked(True)
    assert home.again_box.isVisibleTo(home)
    home.choose_situation("before")  # gentle settling, no holds
    assert not home.again_box.isVisibleTo(home)
    window.again.start_again()
    assert window.current_screen is home
    # A pattern without holds is offered whatever the situation.
    SettingsStore().set(LAST_PRACTICE, "breathing:gentle-settle:5")
    window.close()
    window = window_after(qtbot, "breathing:gentle-settle:5")
    window.home.choose_situation("before")
    assert window.home.again_box.isVisibleTo(window.home)


def test_an_exercise_kept_last_is_offered_by_its_title(qtbot):
    window = window_after(qtbot, "exercise:daily-check-in")
    assert window.home.again_button.text() == "Again: " + EXERCISES["daily-check-in"].title
    qtbot.mouseClick(window.home.again_button, Qt.MouseButton.LeftButton)
    screen = window.current_screen
    assert isinstance(screen, ExerciseScreen) and screen.exercise.id == "daily-check-in"


def test_what_cannot_be_offered_again_offers_no_shortcut(qtbot):
    for stored in ("exercise:no-longer-here", "breathing:nope:3", "something else"):
        window = window_after(qtbot, stored)
        assert not window.home.again_box.isVisibleTo(window.home), stored
        window.again.start_again()  # nothing to start
        assert window.current_screen is window.home
        window.close()


def test_a_new_practice_replaces_the_last_one_in_the_file(qtbot):
    SettingsStore().set(LAST_PRACTICE, "breathing:box:12")
    logs = PracticeLogs(partial(open_log, clock=FakeClock()))
    window = shown_window(qtbot, active=False, logs=logs)
    window.start_exercise(EXERCISES["daily-check-in"])
    assert window.settings.get(LAST_PRACTICE) == "exercise:daily-check-in"
    window.show_home()
    assert window.home.again_button.text().endswith(EXERCISES["daily-check-in"].title)
    window.close()
    logs.close()


def test_a_guests_practice_is_offered_but_leaves_the_file_as_it_was(qtbot):
    window = window_after(qtbot, "breathing:box:12")
    assert window.log.logs.guest or not window.log.logs.can_save
    window.start_exercise(EXERCISES["daily-check-in"])
    window.show_home()
    assert window.home.again_button.text().endswith(EXERCISES["daily-check-in"].title)
    assert window.settings.get(LAST_PRACTICE) == "breathing:box:12"


def test_breathing_phases_and_exercise_steps_are_announced(qtbot):
    window = shown_window(qtbot, active=False)
    announcer = window.announcements.announcer
    window.start_breathing(BreathingConfig(PRESETS["resonance"], minutes=1))
    assert [a.text for a in announcer.history] == ["breathing in"]
    window.show_home()
    exercise = window.start_exercise(EXERCISES["daily-check-in"])
    qtbot.waitUntil(lambda: len(announcer.history) == 2, timeout=2000)
    assert announcer.history[-1].text == exercise.step_text.text() != ""
