"""A practice with sound on, in the whole app on a private PulseAudio: the keys a person relies
on (Esc, Space) work whatever has the focus on the practice screen, the volume slider and the
sound switch included."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.pacing import PRESETS
from kapcompanion.ui.shell.main_window import MainWindow
from tests.helpers.pulse import PulseServer, pulse_or_skip
from tests.helpers.windows import window_with_sound

pytestmark = [pytest.mark.audio]

RESONANCE = BreathingConfig(pattern=PRESETS["resonance"], minutes=1, glide=False)


@pytest.fixture
def pulse() -> Iterator[PulseServer]:
    with pulse_or_skip() as server:
        yield server


@pytest.fixture
def window(qtbot, pulse: PulseServer) -> Iterator[MainWindow]:
    with window_with_sound(qtbot) as win:
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow)
        yield win


def test_space_and_esc_reach_the_practice_from_the_volume_slider_and_the_switch(
    qtbot, window: MainWindow
) -> None:
    screen = window.start_breathing(RESONANCE)
    qtbot.waitUntil(lambda: screen.running, timeout=5_000)
    switch, slider = screen.volume.switch, screen.volume.slider
    switch.setFocus()
    qtbot.waitUntil(switch.hasFocus)
    qtbot.keyClick(switch, Qt.Key.Key_Space)
    assert screen.paused  # Space paused the practice; the switch kept sound on
    assert window.sound.enabled and switch.isChecked()
    slider.setFocus()
    qtbot.waitUntil(slider.hasFocus)
    qtbot.keyClick(slider, Qt.Key.Key_Space)
    assert not screen.paused
    before = slider.value()
    qtbot.keyClick(slider, Qt.Key.Key_Escape)
    assert window.current_screen is not screen  # Esc ended the practice and left its screen
    assert window.practice.running is None
    assert slider.value() == before and window.sound.enabled
