"""Accessibility: names on every control of every screen, visible focus rings in every theme,
and announcements that are polite and sparing."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.pacing import PRESETS
from kapcompanion.storage.library import load_builtin
from kapcompanion.ui.breathing.screen import BreathingScreen
from kapcompanion.ui.shell import theme as themes
from kapcompanion.ui.shell.a11y import (
    MIN_GAP_S,
    Announcer,
    PhaseAnnouncer,
    accessible_name,
    interactive_widgets,
    resolve_theme,
    unnamed,
)
from kapcompanion.ui.shell.main_window import MainWindow
from tests.helpers.windows import shown_window

EXERCISES = {e.id: e for e in load_builtin()[0]}


@pytest.fixture
def window(qtbot):
    return shown_window(qtbot, active=False)


def screens(window: MainWindow):
    """Open each screen in turn and yield (name, screen)."""
    yield "home", window.home
    for name, opener in (
        ("settings", window.open_settings),
        ("about", window.everyday.open_about),
        ("first start", window.everyday.open_first_start),
        ("crisis editor", window.everyday.open_crisis_editor),
        ("session dates", window.log.open_sessions),
        ("history", window.open_history),
        ("breathing", lambda: window.start_breathing(BreathingConfig(PRESETS["resonance"]))),
        ("exercise", lambda: window.start_exercise(EXERCISES["daily-check-in"])),
    ):
        screen = opener()
        QApplication.processEvents()
        yield name, screen
        window.show_home()
        QApplication.processEvents()


def test_every_interactive_control_on_every_screen_has_an_accessible_name(window):
    missing = {}
    counted = {}
    for name, screen in screens(window):
        controls = list(interactive_widgets(screen))
        counted[name] = len(controls)
        problems = unnamed(screen)
        if problems:
            missing[name] = problems
    assert not missing, missing
    # The walk really met the controls (a screen with none would prove nothing).
    assert all(n > 0 for n in counted.values()), counted
    assert counted["settings"] > 15 and counted["home"] > 10


def test_the_walk_catches_a_control_without_a_name(qtbot):
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    named = QPushButton("Begin")
    bare = QComboBox()
    layout.addWidget(named)
    layout.addWidget(bare)
    assert accessible_name(named) == "Begin"
    assert len(unnamed(root)) == 1 and "QComboBox" in unnamed(root)[0]
    bare.setAccessibleName("Pattern")
    assert unnamed(root) == []


def test_the_home_situations_are_large_named_choices(window):
    home = window.home
    assert [b.accessibleName() for b in home.situation_buttons.values()] == [
        "Before my session",
        "Closing a session",
        "Between sessions",
        "Just breathe",
    ]
    for button in home.situation_buttons.values():
        assert button.accessibleDescription()
        assert button.height() >= 56  # large targets


def _focus_ring_pixels(widget: QWidget, colour: str) -> int:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    w, h = image.width(), image.height()
    data = np.frombuffer(image.constBits(), dtype=np.uint32, count=w * h)
    wanted = QColor(colour).rgb() & 0xFFFFFFFF
    return int(np.count_nonzero((data & 0x00FFFFFF) == (wanted & 0x00FFFFFF)))


@pytest.mark.parametrize("palette", themes.CHOOSABLE, ids=lambda t: t.name)
def test_every_kind_of_control_shows_a_focus_ring_in_every_theme(qtbot, palette):
    app = QApplication.instance()
    themes.apply(app, palette)
    try:
        root = QWidget()
        qtbot.addWidget(root)
        layout = QVBoxLayout(root)
        controls = [
            QPushButton("A button"),
            QCheckBox("A switch"),
            QComboBox(),
            QSpinBox(),
            QLineEdit("text"),
            QTimeEdit(),
        ]
        controls[2].addItems(["One", "Two"])
        for control in controls:
            layout.addWidget(control)
        root.show()
        qtbot.waitExposed(root)
        root.activateWindow()
        for control in controls:
            control.setFocus(Qt.FocusReason.TabFocusReason)
            QApplication.processEvents()
            assert control.hasFocus(), control
            focused = _focus_ring_pixels(control, palette.focus)
            control.clearFocus()
            QApplication.processEvents()
            unfocused = _focus_ring_pixels(control, palette.focus)
            assert focused >= 40 + unfocused, (type(control).__name__, focused, unfocused)
    finally:
        themes.apply(app, themes.DARK)


def test_announcements_are_polite_and_never_closer_than_the_gap(qtbot):
    clock = FakeClock()
    announcer = Announcer(clock)
    widget = QWidget()
    qtbot.addWidget(widget)
    assert announcer.announce(widget, "breathe in")
    clock.advance(1.0)
    assert not announcer.announce(widget, "breathe out")  # too soon
    assert announcer.announce(widget, "That is the end.", urgent=True)  # the end always goes
    clock.advance(MIN_GAP_S)
    assert announcer.announce(widget, "breathe in")
    assert not announcer.announce(widget, "   ")
    assert [a.text for a in announcer.history] == ["breathe in", "That is the end.", "breathe in"]


def test_breathing_phases_are_announced_sparingly_on_the_clock(qtbot):
    clock = FakeClock()
    config = BreathingConfig(PRESETS["cyclic-sigh"], minutes=1, glide=False)
    screen = BreathingScreen(config, clock)
    qtbot.addWidget(screen)
    screen.show()
    screen.start()
    announcer = Announcer(clock)
    phases = PhaseAnnouncer(
        screen, config.timeline(), lambda: screen.elapsed, lambda: screen.paused, announcer
    )
    phases.start()
    # Walk 30 s on the fake clock, waking exactly when the announcer's one timer asks to.
    while clock.now() < 30.0:
        wait = phases._timer.remainingTime()
        assert wait > 0
        clock.advance(wait / 1000)
        phases.check()
    times = [a.at for a in announcer.history]
    texts = [a.text for a in announcer.history]
    assert texts[0] == "breathing in"
    assert "long breath out" in texts
    assert "a little more in" not in texts  # one second after the last: skipped
    gaps = np.diff(times)
    assert (gaps >= MIN_GAP_S - 1e-9).all()
    assert 5 <= len(texts) <= 10  # about two a breath, never every second
    # Paused: nothing is announced.
    screen.pause()
    count = len(announcer.history)
    clock.advance(20)
    phases.check()
    assert len(announcer.history) == count
    screen.stop()


def test_system_choices_are_combined_with_the_persons():
    assert resolve_theme("system", "light") is themes.LIGHT
    assert resolve_theme("system", None) is themes.DARK
    assert resolve_theme("system", "high-contrast") is themes.HIGH_CONTRAST
    assert resolve_theme("light", "dark") is themes.LIGHT
