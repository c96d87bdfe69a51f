"""A step's voice on a real (private) PulseAudio: the panel records what the sound server plays
(its default source is the sink's monitor) through the real recorder, trims and levels it; the
editor saves it beside the script; and in a practice the app's own engine plays it as the step
begins, found sample for sample in what the sink played."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from kapcompanion.domain.voice import RATE
from kapcompanion.sound.voice import MARGIN_S
from kapcompanion.storage.library import load_script
from kapcompanion.storage.wav import read_wav, write_wav
from kapcompanion.ui.editor import screen as editor_ui
from kapcompanion.ui.shell.main_window import MainWindow
from kapcompanion.ui.shell.sound_output import volume_gain
from tests.helpers.pulse import PulseServer, Recording, find_onset, pulse_or_skip
from tests.helpers.windows import window_with_sound

pytestmark = [pytest.mark.audio, pytest.mark.slow]

TONE_S = 0.8


def sink_seconds(rec: Recording) -> float:
    """How much the sink has played since the recording began (s), while it still runs."""
    return rec._count / rec.rate


def phrase() -> np.ndarray:
    """Half a second of silence, a voice-like 0.8 s tone that swells and fades, then silence."""
    t = np.arange(round(TONE_S * RATE)) / RATE
    body = 0.2 * np.sin(2 * np.pi * 210 * t) * np.sin(np.pi * t / TONE_S) ** 0.5
    pad = np.zeros(RATE // 2)
    return np.concatenate([pad, body, pad]).astype(np.float32)


@pytest.fixture
def pulse() -> Iterator[PulseServer]:
    with pulse_or_skip(rescan=True) as server:
        yield server


@pytest.fixture
def window(qtbot, pulse: PulseServer) -> Iterator[MainWindow]:
    with window_with_sound(qtbot) as win:
        yield win


def test_a_voice_recorded_in_the_editor_plays_as_its_step_begins(
    window: MainWindow, pulse: PulseServer, qtbot, tmp_path: Path
) -> None:
    source = tmp_path / "phrase.wav"
    write_wav(source, phrase())
    editor = editor_ui.open_editor(window)
    entry = next(e for e in editor.controller.entries if e.exercise.id == "weight-and-contact")
    editor.controller.open_entry(entry)
    editor.select_step(1)
    panel = editor.voice_panel

    # Record what the server plays: the phrase, through the real microphone path.
    assert panel.record(), panel.problem.text()
    recorder = panel._recorder
    assert recorder is not None
    qtbot.waitUntil(lambda: recorder.seconds > 0.3, timeout=5000)
    player = subprocess.Popen(
        ["paplay", f"--device={pulse.sink}", str(source)],
        env=pulse.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    peaks = [0.0]

    def played_through() -> bool:
        panel.poll()  # as the meter's timer does
        peaks.append(panel.meter.fraction)
        return player.poll() is not None

    qtbot.waitUntil(played_through, timeout=10_000)
    assert player.returncode == 0
    # The phrase's last samples and its silence reach the recorder a little later.
    played_at = recorder.seconds
    qtbot.waitUntil(lambda: recorder.seconds > played_at + 0.3, timeout=5000)
    assert panel.stop(), panel.problem.text()
    # The meter showed the phrase: its -14 dBFS peak is 0.77 of the bar (-60 dBFS to 0).
    assert 0.74 < max(peaks) < 0.8
    name = editor.controller.draft.steps[1].voice
    assert name is not None
    kept = editor.controller.pending[name]
    assert abs(len(kept) / RATE - (TONE_S + 2 * MARGIN_S)) < 0.02

    path = editor.controller.save()
    assert path is not None
    wav = path.parent / name
    recorded = read_wav(wav)
    exercise = load_script(path)
    assert exercise.steps[1].voice == name

    # In a practice the engine plays it as step 2 begins: it is in what the sink played.
    window.sound.set_volume(100)
    window.sound.set_cue("step_chimes", False)  # the first step's bell would ring under it
    with pulse.record() as rec:
        screen = window.start_exercise(exercise)
        qtbot.waitUntil(lambda: sink_seconds(rec) > 0.3, timeout=5000)
        began = time.monotonic()
        screen.next()
        qtbot.waitUntil(lambda: window.voice.played == [str(wav)], timeout=3000)
        # Until the sink has played the whole recording, and a little more.
        until = sink_seconds(rec) + len(recorded) / RATE + 0.6
        qtbot.waitUntil(lambda: sink_seconds(rec) > until, timeout=10_000)
        screen.confirm_stop()
        stopped = sink_seconds(rec)
        qtbot.waitUntil(lambda: sink_seconds(rec) > stopped + 0.2, timeout=5000)
    heard = rec.samples.astype(np.float64)
    template = recorded.astype(np.float64) * volume_gain(100)
    at = find_onset(heard, template, rec.index_of(began + 0.3), int(0.6 * RATE))
    assert at is not None
    played = heard[at : at + len(template)]
    assert np.max(np.abs(played - template)) < 1e-4  # the sink's float samples: exact
    assert rec.time_of(at) - began < 0.25  # it began with the step, within the output latency
