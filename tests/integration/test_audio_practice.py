"""A practice with sound on, in the whole app on a private PulseAudio: the keys a person relies
on (Esc, Space) work whatever has the focus on the practice screen, the volume slider and the
sound switch included."""

from __future__ import annotations

import time
from collections.abc import Iterator

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt, QTimer

from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.domain.pacing import PRESETS
from kapcompanion.services.library import ExerciseLibrary
from kapcompanion.services.settings import SettingsStore
from kapcompanion.sound import synth
from kapcompanion.ui.breathing.screen import BreathingScreen
from kapcompanion.ui.shell.main_window import MainWindow
from kapcompanion.ui.shell.sound_settings import SOUND_ON, volume_gain
from tests.helpers.pulse import (
    PulseServer,
    find_onset,
    private_pulse,
    pulse_available,
    pulse_or_skip,
)
from tests.helpers.windows import window_with_sound

pytestmark = [pytest.mark.audio]
RATE = synth.RATE

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


# -- on time, from the first frame, and clean every time ---------------------------------------


def cold_window(qtbot, *, defer_home: bool) -> MainWindow:
    """The window as ``kapcompanion breathe`` or ``run`` opens it: sound switched on before but
    not yet open; it opens on its own thread once the event loop runs."""
    SettingsStore().set(SOUND_ON, True)
    win = MainWindow(MonotonicClock(), defer_home=defer_home)
    qtbot.addWidget(win)
    return win


def onset_offset_ms(rec, samples: np.ndarray, name: str, due: float, gain: float) -> float:
    """Where cue ``name`` begins in the recording, minus the clock time it was due (ms)."""
    template = getattr(synth, name)()[: RATE * 30 // 1000] * gain
    i = find_onset(samples, template, rec.index_of(due), RATE // 2)
    assert i is not None, f"{name} not found near its time"
    # It is really there: what was recorded matches the cue's opening (the breath tone
    # swelling in beneath it is far softer).
    got = samples[i : i + len(template)].astype(np.float64)
    residual = float(np.sum((got - template) ** 2)) / float(
        np.sum(template.astype(np.float64) ** 2)
    )
    assert residual < 0.1, f"{name} did not sound near its time (misfit {residual:.2f})"
    return float(rec.time_of(i) - due) * 1000.0


def origin_of(read_elapsed) -> float:
    """The clock time at which a running practice's time was zero."""
    now = time.monotonic()
    return now - read_elapsed()


def largest_step_near(samples: np.ndarray, i: int) -> float:
    return float(np.max(np.abs(np.diff(samples[max(0, i - RATE // 5) : i + RATE // 2]))))


def test_the_opening_bell_sounds_as_the_shape_begins_and_each_new_practice_starts_clean(
    qtbot, pulse: PulseServer, record_property
) -> None:
    win = cold_window(qtbot, defer_home=True)
    screen = win.open_breathing(RESONANCE)
    win.after_first_paint(lambda: win.start_breathing(RESONANCE, screen))
    with pulse.record() as rec:
        with qtbot.waitExposed(win):
            win.show()
        QTimer.singleShot(0, win.sound.start)
        qtbot.waitUntil(lambda: screen.run.origin() is not None, timeout=6_000)
        origins: list[float] = [screen.run.origin() or 0.0]
        qtbot.wait(2_500)
        assert win.sound.available, win.sound.status_text
        for _ in range(2):  # "Again": two more practices in the same run of the app
            current = win.current_screen
            assert isinstance(current, BreathingScreen)
            current.stop()  # as Esc does
            assert win.practice.running is None
            qtbot.wait(400)
            again = win.start_breathing(RESONANCE)
            origins.append(again.run.origin() or 0.0)
            qtbot.wait(2_000)
        win.close()
    samples = rec.samples
    gain = volume_gain(win.sound.volume)
    offsets = [onset_offset_ms(rec, samples, "start_bell", o, gain) for o in origins]
    record_property("start_bell_offset_ms", [round(o, 2) for o in offsets])
    print(f"opening bell minus the practice's first moment: {[f'{o:+.2f}' for o in offsets]} ms")
    assert all(abs(o) < 10.0 for o in offsets), offsets
    # No click as the second and third practice begin: no step beyond what the breath tone and
    # a bell can make (the detector of the pause and resume test).
    bound = synth.breath_max_step() + max(
        float(np.max(np.abs(np.diff(make())))) for make in synth.CUES.values()
    )
    steps = [largest_step_near(samples, rec.index_of(o)) for o in origins]
    print(f"largest step near each start: {[f'{s:.4f}' for s in steps]} (bound {bound:.4f})")
    assert max(steps) <= bound * gain * 1.02, steps


def test_an_exercise_from_the_command_line_opens_with_its_soft_bell_on_time(
    qtbot, pulse: PulseServer, record_property
) -> None:
    exercise = ExerciseLibrary().find("body-scan-3")
    assert exercise is not None and exercise.steps[0].sound == "soft-bell"
    win = cold_window(qtbot, defer_home=False)
    with pulse.record() as rec:
        screen = win.start_exercise(exercise)  # as `kapcompanion run` does, before the loop
        with qtbot.waitExposed(win):
            win.show()
        QTimer.singleShot(0, win.sound.start)
        qtbot.waitUntil(lambda: screen.runner.state().elapsed > 0.5, timeout=6_000)
        origin = origin_of(lambda: screen.runner.state().elapsed)
        qtbot.wait(2_000)
        win.close()
    offset = onset_offset_ms(rec, rec.samples, "soft_bell", origin, volume_gain(win.sound.volume))
    record_property("soft_bell_offset_ms", round(offset, 2))
    print(f"soft bell minus the exercise's first moment: {offset:+.2f} ms")
    assert abs(offset) < 10.0


# -- losing the sound server, and having it back -----------------------------------------------


def test_sound_comes_back_by_itself_when_the_server_does(qtbot, record_property) -> None:
    reason = pulse_available()
    if reason:
        pytest.skip(reason)
    with private_pulse() as first, window_with_sound(qtbot) as win:
        notices: list[str] = []
        win.sound.notice.connect(notices.append)
        screen = win.start_breathing(RESONANCE)
        qtbot.wait(1_000)
        first.kill()
        qtbot.waitUntil(win.sound_notice.isVisible, timeout=6_000)
        assert "comes back by itself" in win.sound_notice.text
        # The notice sits above the sound controls, never over the volume slider.
        notice = win.sound_notice.geometry()
        volume = screen.volume
        controls = volume.rect().translated(volume.mapTo(win, QPoint(0, 0)))
        assert not notice.intersects(controls), (notice, controls)
        with private_pulse() as second:  # the server is back (a new one, as after a restart)
            back = time.monotonic()
            with second.record() as rec:
                qtbot.waitUntil(lambda: win.sound.available, timeout=10_000)
                recovery = time.monotonic() - back
                heard_from = time.monotonic()
                qtbot.wait(1_500)
            assert screen.running and win.current_screen is screen
            assert len(notices) == 1  # one notice for the whole loss, none for the return
            assert not win.sound_notice.isVisible()
            assert win.sound.status_text.startswith("Sound is on")
            after = rec.samples[rec.index_of(heard_from + 0.3) :]
            level = float(np.sqrt(np.mean(after**2))) if len(after) else 0.0
    record_property("recovery_s", round(recovery, 2))
    print(f"sound back {recovery:.2f} s after the server; RMS after it {level:.4f}")
    assert recovery < 4.0
    assert level > 0.001  # the breath sounds again (silence is exactly 0)
