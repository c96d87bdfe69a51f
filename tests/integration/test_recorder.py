"""The microphone recorder on a real (private) PulseAudio: a known tone is played into the null
sink with paplay and recorded through the app's recorder from the sink's monitor (the server's
default source), then trimmed and normalised. Without an input, the recorder gives a calm
reason and never hangs."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from kapcompanion.domain.voice import RATE
from kapcompanion.sound import recorder as rec
from kapcompanion.sound.recorder import Recorder, list_input_devices
from kapcompanion.sound.voice import MARGIN_S, TARGET_RMS_DBFS, prepare
from kapcompanion.storage.wav import write_wav
from tests.helpers.pulse import PulseServer, find_onset, private_pulse, pulse_or_skip

pytestmark = pytest.mark.audio

TONE_HZ = 440.0
TONE_S = 1.0
TONE_RMS_DBFS = -14.0
SILENCE_S = 0.5


def tone_signal() -> tuple[np.ndarray, np.ndarray]:
    """(the whole file: silence, tone, silence; the tone alone) at 48 kHz."""
    t = np.arange(round(TONE_S * RATE)) / RATE
    amplitude = np.sqrt(2) * 10 ** (TONE_RMS_DBFS / 20)
    body = amplitude * np.sin(2 * np.pi * TONE_HZ * t)
    pad = np.zeros(round(SILENCE_S * RATE))
    return np.concatenate([pad, body, pad]), body


def dominant_hz(x: np.ndarray) -> float:
    n = len(x)
    spectrum = np.abs(np.fft.rfft(x * np.hanning(n), 8 * n))  # zero-padded: 0.1 Hz bins here
    return float(np.argmax(spectrum) * RATE / (8 * n))


def rms_dbfs(x: np.ndarray) -> float:
    return float(20 * np.log10(np.sqrt(np.mean(np.asarray(x, dtype=np.float64) ** 2))))


def wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


@pytest.fixture(scope="module")
def pulse() -> Iterator[PulseServer]:
    with pulse_or_skip(rescan=True) as server:
        yield server


@pytest.fixture(scope="module")
def tone_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tone") / "tone.wav"
    write_wav(path, tone_signal()[0])
    return path


def play(pulse: PulseServer, path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        ["paplay", f"--device={pulse.sink}", str(path)],
        env=pulse.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_the_default_input_is_the_servers_and_records_its_monitor(pulse: PulseServer) -> None:
    assert "kapsink.monitor" in pulse.pactl("get-default-source")
    devices = list_input_devices()
    chosen = rec.choose_input(devices)
    assert chosen is not None
    assert chosen.name == "default"


def test_a_played_tone_is_recorded_trimmed_and_normalised(
    pulse: PulseServer, tone_file: Path
) -> None:
    recorder = Recorder()
    try:
        assert recorder.start(), recorder.unavailable_reason
        assert recorder.recording and recorder.device is not None
        assert wait_for(lambda: recorder.seconds > 0.2, 5.0), "no samples arrived"
        player = play(pulse, tone_file)
        # Halfway through the tone, the meter shows its level.
        time.sleep(SILENCE_S + TONE_S / 2)
        level = recorder.level()
        assert player.wait(timeout=10) == 0
        time.sleep(0.3)
        assert recorder.problem() is None
        take = recorder.stop()
    finally:
        recorder.close()
    assert level.peak_dbfs == pytest.approx(TONE_RMS_DBFS + 3.01, abs=0.5)
    assert level.rms_dbfs == pytest.approx(TONE_RMS_DBFS, abs=0.5)
    assert not level.clipping

    assert take is not None and recorder.take is take and not recorder.recording
    assert take.rate == RATE and take.overflows == 0 and not take.truncated
    x = take.samples.astype(np.float64)
    # The monitor hands over exactly what was played: the tone is in the take sample for
    # sample (the sink's float format holds the file's 16-bit values exactly).
    _, body = tone_signal()
    body16 = np.round(body * 32767) / 32767
    onset = find_onset(x, body16, len(x) // 2, len(x))
    assert onset is not None
    assert np.max(np.abs(x[onset : onset + len(body16)] - body16)) < 1e-4
    assert dominant_hz(x[onset : onset + len(body16)]) == pytest.approx(TONE_HZ, abs=0.5)

    prepared = prepare(take.samples, take.rate)
    # Trimmed to the tone plus the two margins (the rest of the take was silence).
    assert len(x) / RATE > TONE_S + 2 * SILENCE_S
    assert prepared.seconds == pytest.approx(TONE_S + 2 * MARGIN_S, abs=0.01)
    assert prepared.start == pytest.approx(onset - round(MARGIN_S * RATE), abs=round(0.002 * RATE))
    # Normalised: the tone now sits at the target level, and it is still 440 Hz.
    margin = round(MARGIN_S * RATE)
    inner = prepared.samples[margin + 960 : -margin - 960]
    assert rms_dbfs(inner) == pytest.approx(TARGET_RMS_DBFS, abs=0.1)
    assert prepared.gain_db == pytest.approx(TARGET_RMS_DBFS - TONE_RMS_DBFS, abs=0.1)
    assert dominant_hz(inner) == pytest.approx(TONE_HZ, abs=0.5)


def test_recording_again_replaces_the_take(pulse: PulseServer, tone_file: Path) -> None:
    recorder = Recorder()
    try:
        assert recorder.start()
        assert wait_for(lambda: recorder.seconds > 0.3, 5.0)
        first = recorder.stop()
        assert first is not None and first.seconds >= 0.3
        assert np.max(np.abs(first.samples)) == 0.0  # nothing was playing

        assert recorder.start()
        assert recorder.take is None  # the new take replaces the old one
        player = play(pulse, tone_file)
        assert player.wait(timeout=10) == 0
        second = recorder.stop()
    finally:
        recorder.close()
    assert second is not None and recorder.take is second
    assert np.max(np.abs(second.samples)) > 0.2


def test_an_unknown_input_is_named_in_the_reason(pulse: PulseServer) -> None:
    recorder = Recorder()
    assert recorder.start("no-such-microphone") is False
    assert "no-such-microphone" in (recorder.unavailable_reason or "")
    assert not recorder.recording


def test_without_any_input_device_the_reason_is_calm_and_quick(
    pulse: PulseServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A sound server that is not there: PortAudio then finds no device at all.
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path / 'nothing-here'}")
    try:
        assert list_input_devices(refresh=True) == []
        recorder = Recorder()
        began = time.monotonic()
        assert recorder.start() is False
        assert time.monotonic() - began < rec.OPEN_TIMEOUT_S
        assert recorder.unavailable_reason == rec.NO_INPUT
        assert "No microphone was found" in rec.NO_INPUT
        assert recorder.stop() is None and recorder.level() == rec.SILENT_LEVEL
    finally:
        monkeypatch.setenv("PULSE_SERVER", pulse.server)
        list_input_devices(refresh=True)


def test_a_sound_server_that_goes_away_mid_take_keeps_what_was_recorded(
    pulse: PulseServer,
) -> None:
    # A server of its own, so the others' tests keep theirs.
    saved = os.environ.get("PULSE_SERVER")
    with private_pulse(sink="lostsink") as server:
        list_input_devices(refresh=True)
        recorder = Recorder()
        try:
            assert recorder.start(), recorder.unavailable_reason
            assert wait_for(lambda: recorder.seconds > 0.3, 5.0)
            server.kill()
            assert wait_for(lambda: recorder.problem() is not None, rec.WATCHDOG_S + 3.0)
            assert recorder.problem() == rec.LOST
            began = time.monotonic()
            take = recorder.stop()
            assert time.monotonic() - began < rec.CLOSE_TIMEOUT_S + 1.0
        finally:
            recorder.close()
        assert take is not None and take.seconds >= 0.3
    assert os.environ.get("PULSE_SERVER") == saved
    list_input_devices(refresh=True)
