"""The person's practice preferences: one model read from the settings, which home's switches
set and every screen asks (nothing reads them back from a widget)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kapcompanion.domain.pacing import PRESETS
from kapcompanion.services.preferences import PracticePreferences
from kapcompanion.services.settings import (
    DEFAULT_MINUTES,
    DEFAULT_PATTERN,
    REDUCED_MOTION,
    THEME,
    SettingsStore,
)
from kapcompanion.storage.library import load_builtin
from kapcompanion.ui.breathing.screen import BreathingScreen
from kapcompanion.ui.exercise.screen import ExerciseScreen
from kapcompanion.ui.presentation import present as pr
from kapcompanion.ui.presentation.setup import PresentSetup
from tests.helpers.windows import shown_window

EXERCISES = {e.id: e for e in load_builtin()[0]}


class Counter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        self.count += 1


@pytest.fixture
def store(qtbot):
    return SettingsStore()


def test_the_preferences_start_from_the_settings(store):
    store.set(DEFAULT_PATTERN, "resonance")
    store.set(DEFAULT_MINUTES, 12)
    store.set(REDUCED_MOTION, "on")
    p = PracticePreferences(store, lambda: None)
    assert (p.defaults.pattern, p.defaults.minutes, p.defaults.reduced_motion) == (
        "resonance",
        12,
        True,
    )
    assert p.reduced_motion and p.glide  # glide starts on


@pytest.mark.parametrize(("system", "reduced"), [(True, True), (False, False), (None, False)])
def test_following_the_system_asks_the_system(store, system, reduced):
    assert store.get(REDUCED_MOTION) == "system"
    assert PracticePreferences(store, lambda: system).reduced_motion is reduced


def test_homes_switches_change_the_preferences_for_now_only(store):
    p = PracticePreferences(store, lambda: None)
    changed = Counter()
    p.changed.connect(changed)
    p.set_reduced_motion(True)
    p.set_reduced_motion(True)  # the same again says nothing
    p.set_glide(False)
    assert (p.reduced_motion, p.glide, changed.count) == (True, False, 2)
    assert store.get(REDUCED_MOTION) == "system"  # Settings keeps the lasting choice
    assert PracticePreferences(SettingsStore(), lambda: None).reduced_motion is False


def test_a_changed_default_is_taken_and_an_unrelated_setting_is_not(store):
    p = PracticePreferences(store, lambda: None)
    p.set_reduced_motion(True)
    changed, defaults = Counter(), Counter()
    p.changed.connect(changed)
    p.defaults_changed.connect(defaults)
    store.set(THEME, "light")
    assert (changed.count, defaults.count) == (0, 0)
    assert p.reduced_motion  # home's choice stands until a default changes
    store.set(DEFAULT_MINUTES, 7)
    assert (changed.count, defaults.count) == (1, 1)
    assert p.defaults.minutes == 7
    assert not p.reduced_motion  # the setting ("system", which cannot tell here) again


# -- in the window ---------------------------------------------------------------------------


@pytest.fixture
def window(qtbot):
    return shown_window(qtbot, active=False)


def test_homes_switches_and_the_preferences_stay_in_step(window):
    home, p = window.home, window.preferences
    home.reduced_motion_check.setChecked(True)
    home.glide_check.setChecked(False)
    assert p.reduced_motion and not p.glide
    p.set_reduced_motion(False)
    p.set_glide(True)
    assert not home.reduced_motion_check.isChecked() and home.glide_check.isChecked()
    config = home.config()
    assert not config.reduced_motion and config.glide


def test_screens_started_elsewhere_follow_the_preferences(window, qtbot):
    window.preferences.set_reduced_motion(True)
    window.preferences.set_glide(False)
    exercise = window.start_exercise(EXERCISES["daily-check-in"])
    assert isinstance(exercise, ExerciseScreen) and exercise.reduced_motion
    window.show_home()
    # The "again" shortcut starts the last breathing practice as the person prefers now.
    window.home.select_pattern("resonance")
    qtbot.mouseClick(window.home.start_button, Qt.MouseButton.LeftButton)
    window.show_home()
    window.preferences.set_glide(True)
    window.preferences.set_reduced_motion(False)
    qtbot.mouseClick(window.home.again_button, Qt.MouseButton.LeftButton)
    screen = window.current_screen
    assert isinstance(screen, BreathingScreen)
    assert screen.config.pattern is PRESETS["resonance"]
    assert screen.config.glide and not screen.config.reduced_motion


def test_presenting_from_home_follows_the_reduced_motion_preference(window, qtbot):
    window.preferences.set_reduced_motion(True)
    window.home.set_recent("orienting")
    setup = window.open_present_setup()
    assert isinstance(setup, PresentSetup) and setup.target().id == "orienting"
    qtbot.mouseClick(setup.present_button, Qt.MouseButton.LeftButton)
    (presentation,) = window.findChildren(pr.Presentation)
    assert presentation.content.reduced_motion
    presentation.close()


def test_a_default_changed_in_settings_shows_on_home_where_no_situation_asks_otherwise(window):
    home, store = window.home, window.settings
    home.choose_situation("before")
    assert home.config().pattern.key == "gentle-settle"
    store.set(DEFAULT_PATTERN, "cyclic-sigh")
    assert home.config().pattern.key == "gentle-settle"  # before a session: gentle settling
    home.choose_situation("between")
    assert home.config().pattern.key == "cyclic-sigh"
    store.set(DEFAULT_PATTERN, "resonance")
    assert home.config().pattern.key == "resonance"
    store.set(REDUCED_MOTION, "on")
    assert home.reduced_motion_check.isChecked() and window.preferences.reduced_motion
