"""The microphone recorder without a device: its callback fills the take and the meter ring
from preallocated buffers only, the meter reads the newest 100 ms, and a missing audio library
gives a calm reason instead of an exception."""

from __future__ import annotations

import sys
import tracemalloc
from types import SimpleNamespace

import numpy as np
import pytest

from kapcompanion.domain.clock import FakeClock
from kapcompanion.sound import recorder as rec
from kapcompanion.sound.recorder import (
    CLIP_HOLD_S,
    METER_BLOCKS,
    NO_PORTAUDIO,
    InputDevice,
    Recorder,
    _Capture,
    choose_input,
)

R = 48_000
FLAGS = SimpleNamespace(input_overflow=False)
OVERFLOW = SimpleNamespace(input_overflow=True)


def blocks(signal: np.ndarray, size: int = 480):
    for i in range(0, len(signal), size):
        chunk = signal[i : i + size].astype(np.float32)
        yield chunk.reshape(-1, 1), len(chunk)


def test_the_callback_copies_every_block_into_the_take_in_order() -> None:
    clock = FakeClock(10.0)
    capture = _Capture(R * 2, R, clock)
    signal = np.sin(np.arange(R) * 0.05).astype(np.float32)
    for indata, frames in blocks(signal, 441):
        capture(indata, frames, None, FLAGS)
        clock.advance(frames / R)
    assert capture.written == R and not capture.full
    assert np.array_equal(capture.buffer[:R], signal)
    assert capture.blocks == -(-R // 441)


def test_a_full_take_keeps_its_beginning_and_says_so() -> None:
    capture = _Capture(1000, R, FakeClock())
    signal = np.arange(1500, dtype=np.float32) / 2000
    for indata, frames in blocks(signal, 256):
        capture(indata, frames, None, FLAGS)
    assert capture.written == 1000 and capture.full
    assert np.array_equal(capture.buffer, signal[:1000])
    # The meter still follows the input after the take is full.
    assert capture.level(0.0).peak_dbfs == pytest.approx(20 * np.log10(1499 / 2000), abs=0.01)


def test_the_meter_reads_the_newest_tenth_of_a_second() -> None:
    clock = FakeClock()
    capture = _Capture(R * 3, R, clock)
    loud = 0.5 * np.sin(2 * np.pi * 440 * np.arange(R) / R)
    quiet = 0.01 * np.sin(2 * np.pi * 440 * np.arange(R) / R)
    for indata, frames in blocks(np.concatenate([loud, quiet])):
        capture(indata, frames, None, FLAGS)
        clock.advance(frames / R)
    level = capture.level(clock.now())
    assert level.peak_dbfs == pytest.approx(20 * np.log10(0.01), abs=0.1)
    assert level.rms_dbfs == pytest.approx(20 * np.log10(0.01 / np.sqrt(2)), abs=0.1)
    assert not level.clipping
    assert 0.0 < level.fraction < 0.5


def test_a_clip_lights_the_meter_for_a_second_on_the_clock() -> None:
    clock = FakeClock(100.0)
    capture = _Capture(R, R, clock)
    block = np.zeros((480, 1), dtype=np.float32)
    block[100, 0] = 1.0
    capture(block, 480, None, FLAGS)
    assert capture.level(clock.now()).clipping
    clock.advance(CLIP_HOLD_S - 0.01)
    assert capture.level(clock.now()).clipping
    clock.advance(0.02)
    assert not capture.level(clock.now()).clipping


def test_the_meter_ring_wraps_without_growing() -> None:
    capture = _Capture(R, R, FakeClock())
    block = np.full((64, 1), 0.25, dtype=np.float32)
    for _ in range(METER_BLOCKS * 3 + 5):
        capture(block, 64, None, OVERFLOW)
    assert len(capture.peaks) == METER_BLOCKS
    assert capture.overflows == METER_BLOCKS * 3 + 5
    assert capture.level(0.0).peak_dbfs == pytest.approx(20 * np.log10(0.25), abs=0.01)


def test_the_callback_allocates_nothing_big() -> None:
    capture = _Capture(R * 60, R, FakeClock())
    block = np.random.default_rng(1).normal(0, 0.1, (480, 1)).astype(np.float32)
    for _ in range(50):  # warm up
        capture(block, 480, None, FLAGS)
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        for _ in range(3000):
            capture(block, 480, None, FLAGS)
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # A block is 1.9 kB; nothing near that is allocated per call, and nothing accumulates.
    assert peak - base < 1500, peak - base
    assert current - base < 1000, current - base


def test_the_input_chosen_by_default_follows_the_system() -> None:
    def dev(i, name, default=False):
        return InputDevice(i, name, "ALSA", 2, 48000.0, default)

    def chosen(devices: list[InputDevice]) -> int | None:
        device = choose_input(devices)
        return None if device is None else device.index

    assert chosen([dev(0, "hw:0"), dev(1, "pulse"), dev(2, "default", True)]) == 2
    assert chosen([dev(0, "hw:0"), dev(1, "pulse")]) == 1
    assert chosen([dev(0, "hw:0"), dev(1, "USB mic", True)]) == 1
    assert chosen([dev(3, "hw:0")]) == 3
    assert choose_input([]) is None


def test_without_the_audio_library_recording_is_calmly_unavailable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", None)  # import sounddevice now fails
    recorder = Recorder(FakeClock())
    assert recorder.start() is False
    assert recorder.unavailable_reason == NO_PORTAUDIO
    assert not recorder.recording
    assert recorder.stop() is None and recorder.take is None
    assert recorder.level() == rec.SILENT_LEVEL and recorder.problem() is None
    assert rec.list_input_devices() == []
    recorder.close()
