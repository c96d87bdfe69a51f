"""The main window: navigation, keys and the home screen's choices."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.pacing import DEFAULT_PATTERN, PRESETS
from kapcompanion.ui.breathing.screen import BreathingScreen
from kapcompanion.ui.shell.home import HomeScreen
from kapcompanion.ui.shell.main_window import ENDED_NOTICE
from tests.helpers.windows import shown_window


@pytest.fixture
def window(qtbot):
    return shown_window(qtbot)


def config(**options) -> BreathingConfig:
    return dataclasses.replace(
        BreathingConfig(PRESETS["resonance"], minutes=1, glide=False), **options
    )


def test_the_window_opens_on_home_at_a_size_that_fits(window):
    assert window.current_screen is window.home
    assert (window.width(), window.height()) == (1280, 800)
    assert window.minimumWidth() <= 800 and window.minimumHeight() <= 600
    assert window.windowTitle() == "kapcompanion"
    assert window.screen_count == 1


def test_start_breathing_shows_the_practice_and_names_it_in_the_title(window):
    screen = window.start_breathing(config())
    assert window.current_screen is screen
    assert screen.running
    assert "Resonance" in window.windowTitle()


def test_escape_on_a_practice_returns_home_gently(window, qtbot):
    screen = window.start_breathing(config())
    window.clock.advance(4.0)
    screen.tick()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.current_screen is window.home
    assert window.screen_count == 1
    assert not screen.running
    assert window.home.notice.text() == ENDED_NOTICE
    assert window.home.notice.isVisibleTo(window.home)
    assert window.windowTitle() == "kapcompanion"


def test_escape_on_home_does_nothing_harmful(window, qtbot):
    window.home.minutes_spin.setValue(12)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.current_screen is window.home
    assert window.isVisible()
    assert window.home.minutes_spin.value() == 12


def test_space_pauses_and_resumes_even_when_a_button_has_focus(window, qtbot):
    screen = window.start_breathing(config())
    clock = window.clock
    clock.advance(2.0)
    screen.tick()
    screen.stop_button.setFocus()
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Space)
    assert screen.paused
    assert window.current_screen is screen  # Space never ends the practice
    clock.advance(20.0)
    assert screen.elapsed == pytest.approx(2.0)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Space)
    assert not screen.paused
    clock.advance(1.0)
    assert screen.elapsed == pytest.approx(3.0)


def test_the_on_screen_buttons_pause_and_stop(window, qtbot):
    screen = window.start_breathing(config())
    qtbot.mouseClick(screen.pause_button, Qt.MouseButton.LeftButton)
    assert screen.paused
    qtbot.mouseClick(screen.pause_button, Qt.MouseButton.LeftButton)
    assert not screen.paused
    qtbot.mouseClick(screen.stop_button, Qt.MouseButton.LeftButton)
    assert window.current_screen is window.home


def test_f11_switches_full_screen_on_and_off(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen)
    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.isFullScreen())


def test_push_and_pop_a_screen(window, qtbot):
    class Plain(QWidget):
        title = "Plain"

    plain = Plain()
    window.push(plain)
    assert window.current_screen is plain
    assert window.windowTitle().startswith("Plain")
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # a screen without stop() is simply left
    assert window.current_screen is window.home
    other = QLabel("another")
    window.push(other)
    window.pop()
    assert window.current_screen is window.home
    window.pop()  # home stays
    assert window.current_screen is window.home


def test_show_home_stops_whatever_runs(window):
    screen = window.start_breathing(config())
    window.show_home("Welcome back.")
    assert window.current_screen is window.home
    assert not screen.running
    assert window.home.notice.text() == "Welcome back."


def test_the_practice_ends_and_back_home_returns(window, qtbot):
    screen = window.start_breathing(config())
    window.clock.advance(70.0)
    screen.tick()
    assert screen.finished
    qtbot.keyClick(screen.stop_button, Qt.Key.Key_Return)
    assert window.current_screen is window.home
    assert window.home.notice.isHidden()  # nothing to say after a completed practice


def test_breathing_straight_away_is_painted_before_home_is_built(qtbot):
    from kapcompanion.domain.clock import FakeClock
    from kapcompanion.ui.shell.main_window import MainWindow

    window = MainWindow(FakeClock(), defer_home=True)
    qtbot.addWidget(window)
    screen = window.open_breathing(config())
    started = []
    window.after_first_paint(lambda: started.append(window.start_breathing(config(), screen)))
    # The practice's screen shows its beginning, but nothing runs and home is not built yet.
    assert screen.phase_label.text() == "breathing in" and screen.count_label.text() == ""
    assert not screen.running and window._home is None
    window.show()
    qtbot.waitUntil(lambda: bool(started), timeout=2000)
    # Home came first, then the practice began, with the log and everyday services listening.
    assert started == [screen] and screen.running
    assert window._home is not None and window.screen_count == 2
    assert window.log.recorder is not None and window.everyday is not None
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.current_screen is window.home
    assert window.home.notice.text() == ENDED_NOTICE


def test_home_is_built_at_once_when_asked_for_before_the_first_frame(qtbot):
    from kapcompanion.domain.clock import FakeClock
    from kapcompanion.ui.shell.main_window import MainWindow

    window = MainWindow(FakeClock(), defer_home=True)
    qtbot.addWidget(window)
    screen = window.open_breathing(config())
    assert window._home is None
    assert window.home.exercise_list is not None  # asked for: built now, under the practice
    assert window.current_screen is screen and window.screen_count == 2
    screen.stop()  # leaving it goes home
    assert window.current_screen is window.home


# -- home ---------------------------------------------------------------------------------


@pytest.fixture
def home(qtbot):
    screen = HomeScreen()
    qtbot.addWidget(screen)
    screen.show()
    return screen


def test_home_hides_patterns_with_holds_until_opted_in(home):
    held = {key for key, p in PRESETS.items() if p.has_holds}
    assert held == {"box", "4-7-8"}
    assert not home.holds_check.isChecked()
    assert held.isdisjoint(home.pattern_keys())
    assert not home.holds_note.isVisible()
    home.holds_check.setChecked(True)
    assert held <= set(home.pattern_keys())
    assert home.holds_note.isVisible()
    assert "optional" in home.holds_note.text() and "activating" in home.holds_note.text()
    home.select_pattern("box")
    assert home.config().pattern.key == "box"
    assert home.config().allow_holds
    home.holds_check.setChecked(False)  # a hold pattern cannot stay chosen
    assert held.isdisjoint(home.pattern_keys())
    assert home.config().pattern.key == DEFAULT_PATTERN
    with pytest.raises(ValueError, match="'box' is not offered here"):
        home.select_pattern("box")


def test_home_defaults(home):
    chosen = home.config()
    assert chosen.pattern.key == DEFAULT_PATTERN
    assert chosen.minutes == 5
    assert chosen.glide is True
    assert chosen.reduced_motion is False
    assert chosen.allow_holds is False
    assert (home.minutes_spin.minimum(), home.minutes_spin.maximum()) == (1, 30)


def test_home_start_sends_the_chosen_practice(home, qtbot):
    home.select_pattern("resonance")
    home.minutes_spin.setValue(12)
    home.glide_check.setChecked(False)
    home.reduced_motion_check.setChecked(True)
    with qtbot.waitSignal(home.start_requested) as signal:
        qtbot.mouseClick(home.start_button, Qt.MouseButton.LeftButton)
    chosen = signal.args[0]
    assert isinstance(chosen, BreathingConfig)
    assert (chosen.pattern.key, chosen.minutes, chosen.glide, chosen.reduced_motion) == (
        "resonance",
        12,
        False,
        True,
    )


def test_home_controls_are_named_and_reachable_by_keyboard(home, qtbot):
    controls = [
        home.pattern_combo,
        home.holds_check,
        home.minutes_spin,
        home.glide_check,
        home.reduced_motion_check,
        home.start_button,
    ]
    for control in controls:
        assert control.accessibleName(), control
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control
    # Tab walks through them in reading order.
    home.activateWindow()
    qtbot.waitActive(home)
    home.pattern_combo.setFocus()
    seen = []
    for _ in controls:
        focused = QApplication.focusWidget()
        owner = next(c for c in controls if c is focused or c.isAncestorOf(focused))
        seen.append(owner)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert seen == controls


def test_starting_from_home_opens_the_practice(window, qtbot):
    window.home.select_pattern("gentle-settle")
    qtbot.mouseClick(window.home.start_button, Qt.MouseButton.LeftButton)
    screen = window.current_screen
    assert isinstance(screen, BreathingScreen)
    assert screen.config.pattern.key == "gentle-settle"
