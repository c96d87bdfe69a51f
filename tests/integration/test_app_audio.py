"""The whole app with sound on a real (private) PulseAudio: a practice's breath tone is recorded
from the sink's monitor and follows the pacer on screen; a step's chime sounds; then the sound
server is killed mid-practice and the practice carries on, with one calm notice.

The window is the real MainWindow (on Qt's offscreen platform), driven through the practice
hub exactly as in use: the practice screen reports, the sound controller listens.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import numpy as np
import pytest
from PySide6.QtCore import QTimer

from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.pacing import BreathPattern, PacerTimeline
from kapcompanion.domain.script_check import parse_script
from kapcompanion.services.events import PacerOn
from kapcompanion.sound import synth
from kapcompanion.ui.shell.main_window import MainWindow
from kapcompanion.ui.shell.sound_output import SoundController
from tests.helpers.pulse import PulseServer, pulse_or_skip, zero_crossing_hz
from tests.helpers.windows import window_with_sound

pytestmark = [pytest.mark.audio, pytest.mark.slow]
RATE = synth.RATE

SCRIPT = """
id = "sound-check"
title = "Sound check"
description = "A chime, then a little breathing."
for = ["any-time"]
minutes = 1

[[step]]
text = "You might let your hands rest."
seconds = 2
sound = "step-chime"

[[step]]
text = "If it feels right, breathe with the shape."

[step.breathing]
inhale = 3
exhale = 4
seconds = 40
"""


@pytest.fixture
def pulse() -> Iterator[PulseServer]:
    with pulse_or_skip() as server:
        yield server


@pytest.fixture
def window(qtbot, pulse: PulseServer) -> Iterator[MainWindow]:
    with window_with_sound(qtbot) as win:
        yield win


class Recorder:
    """What the hub said, with the clock time it said it."""

    def __init__(self, window: MainWindow) -> None:
        self.pacers: list[PacerOn] = []
        self.cues: list[tuple[str, float]] = []
        window.practice.pacer.connect(self._pacer)
        window.practice.cue.connect(lambda name: self.cues.append((name, time.monotonic())))

    def _pacer(self, pacer: object) -> None:
        if isinstance(pacer, PacerOn):
            self.pacers.append(pacer)


class Heartbeat:
    """A 20 ms timer noting when it ran: the largest gap shows whether the window froze."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(lambda: self.times.append(time.monotonic()))
        self.timer.start()

    def longest_gap(self) -> float:
        t = np.array(self.times)
        return float(np.max(np.diff(t))) if len(t) > 1 else float("inf")


def breath_tone_error(samples, rec, pacer: PacerOn, start: float, end: float) -> list[tuple]:
    """(practice time, measured Hz, expected Hz, relative error) every 0.1 s in [start, end)."""
    timeline: PacerTimeline = pacer.timeline
    win = int(0.04 * RATE)
    rows = []
    for t in np.arange(start, end, 0.1):
        i = rec.index_of(pacer.origin + t)
        if i - win // 2 < 0 or i + win // 2 > len(samples):
            continue
        hz = zero_crossing_hz(samples[i - win // 2 : i + win // 2])
        expected = synth.breath_frequency(timeline.state_at(t).level)
        rows.append((round(t, 2), hz, expected, hz / expected - 1))
    return rows


def dominant_hz(x: np.ndarray) -> float:
    n = 1 << 17
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x)), n))
    return float(np.argmax(spectrum) * RATE / n)


def check_loss(qtbot, window: MainWindow, pulse: PulseServer, level_at) -> None:
    """Kill the server; the practice goes on, one notice appears, nothing freezes."""
    sound: SoundController = window.sound
    notices: list[str] = []
    sound.notice.connect(notices.append)
    beat = Heartbeat()
    before = level_at()
    pulse.kill()
    qtbot.waitUntil(lambda: window.sound_notice.isVisible(), timeout=6_000)
    assert not sound.available
    assert sound.status_text.startswith("Sound stopped")
    assert "carries on in silence" in window.sound_notice.text
    qtbot.wait(2_500)  # time itself: the practice must be seen to move on in silence
    after = level_at()
    assert after[0] > before[0] + 2.0, (before, after)  # practice time kept moving
    levels = []
    for _ in range(10):
        qtbot.wait(150)  # time itself: the shape sampled as it moves
        levels.append(level_at()[1])
    assert max(levels) - min(levels) > 0.05  # and the shape with it
    assert len(notices) == 1
    assert beat.longest_gap() < 0.5, beat.longest_gap()
    print(f"after the loss: longest pause of the window {beat.longest_gap() * 1000:.0f} ms")
    beat.timer.stop()


def test_an_exercise_breathes_with_sound_and_survives_losing_it(qtbot, window, pulse) -> None:
    hub = Recorder(window)
    exercise = parse_script(SCRIPT, "sound-check.toml")
    with pulse.record() as rec:
        screen = window.start_exercise(exercise, reduced_motion=False)
        qtbot.waitUntil(lambda: bool(hub.pacers), timeout=6_000)
        qtbot.wait(9_000)  # time itself: nine seconds of sound are recorded
    samples = rec.samples
    engine = window.sound.engine

    # The step's chime: G5 (784 Hz) right after the screen asked for it.
    name, asked = hub.cues[0]
    assert name == "step-chime"
    i = rec.index_of(asked)
    chime = samples[i : i + RATE // 2]
    assert float(np.sqrt(np.mean(chime**2))) > 0.01
    assert dominant_hz(chime) == pytest.approx(784.0, abs=8.0)

    # The breath tone follows the pacer shown on screen (after the opening bell has faded).
    pacer = hub.pacers[0]
    rows = breath_tone_error(samples, rec, pacer, 3.0, 8.5)
    assert len(rows) > 40
    worst = max(abs(r[3]) for r in rows)
    assert worst < 0.02, rows
    # It rises on each breath in and falls on each breath out, as the shape grows and shrinks.
    measured = np.array([r[1] for r in rows])
    expected = np.array([r[2] for r in rows])
    assert np.corrcoef(np.diff(measured), np.diff(expected))[0, 1] > 0.9
    assert engine is not None and engine.underflows <= 2
    print(f"breath tone: worst pitch error {worst:.4f}, underflows {engine.underflows}")

    def level_at() -> tuple[float, float]:
        screen.tick()
        state = screen.state
        assert state is not None and state.breathing_elapsed is not None
        return state.breathing_elapsed, screen.disc.level

    check_loss(qtbot, window, pulse, level_at)
    assert window.current_screen is screen


def test_a_breathing_practice_sounds_and_survives_losing_it(qtbot, window, pulse) -> None:
    hub = Recorder(window)
    pattern = BreathPattern.from_seconds("check", "Check", inhale=3, exhale=4)
    config = BreathingConfig(pattern=pattern, minutes=1, glide=False)
    with pulse.record() as rec:
        screen = window.start_breathing(config)
        qtbot.wait(8_000)  # time itself: eight seconds of sound are recorded
    assert hub.pacers, "the breathing screen never showed its pacer on the hub"
    rows = breath_tone_error(rec.samples, rec, hub.pacers[0], 3.0, 7.5)
    assert len(rows) > 30
    assert max(abs(r[3]) for r in rows) < 0.02, rows

    def level_at() -> tuple[float, float]:
        screen.tick()
        return screen.elapsed, screen.disc.level

    check_loss(qtbot, window, pulse, level_at)
