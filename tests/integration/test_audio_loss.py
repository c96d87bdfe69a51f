"""Losing the sound server in the middle of a practice is a calm, reported, non-event."""

from __future__ import annotations

import time

import pytest

from kapcompanion.domain.clock import MonotonicClock, Stopwatch
from kapcompanion.domain.pacing import PRESETS, PacerTimeline
from kapcompanion.sound.engine import AudioEngine, AudioStatus
from tests.helpers.pulse import private_pulse, pulse_available

pytestmark = pytest.mark.audio


def timed(fn, *args, **kwargs) -> float:
    began = time.monotonic()
    fn(*args, **kwargs)
    return time.monotonic() - began


def test_server_killed_mid_practice_is_reported_and_nothing_hangs() -> None:
    reason = pulse_available()
    if reason:
        pytest.skip(reason)
    clock = MonotonicClock()
    stopwatch = Stopwatch(clock)
    timeline = PacerTimeline(PRESETS["longer-exhale"])
    with private_pulse() as server:
        engine = AudioEngine(clock)
        assert engine.open(), engine.unavailable_reason
        stopwatch.start()
        origin = stopwatch.origin()
        assert origin is not None
        engine.start_practice(timeline, origin)
        time.sleep(1.0)
        assert engine.poll_status() == []
        assert engine.available
        elapsed_before = stopwatch.elapsed()
        state_before = timeline.state_at(elapsed_before)

        server.kill()
        deadline = time.monotonic() + 5.0
        messages: list[AudioStatus] = []
        while time.monotonic() < deadline and not messages:
            messages = [m for m in engine.poll_status() if m.kind == "device-lost"]
            time.sleep(0.05)
        assert messages, "the loss was never reported"
        assert not engine.available
        text = engine.unavailable_reason or ""
        assert "carries on" in text and "try sound again" in text
        assert "!" not in text

        # Every call still returns promptly and raises nothing.
        assert timed(engine.pause) < 0.5
        assert timed(engine.resume, clock.now() - stopwatch.elapsed()) < 0.5
        assert timed(engine.set_volume, 0.3) < 0.5
        assert timed(engine.set_cues, bells=False) < 0.5
        assert timed(engine.chime) < 0.5
        assert engine.poll_status() == []  # reported once, not over and over
        began = time.monotonic()
        assert engine.open() is False  # no server to go back to
        assert time.monotonic() - began < 8.0
        assert engine.unavailable_reason
        assert timed(engine.stop) < 0.5

        # The practice itself never depended on sound: the clock and the pacer go on.
        time.sleep(0.5)
        elapsed_after = stopwatch.elapsed()
        assert elapsed_after > elapsed_before + 0.5
        state_after = timeline.state_at(elapsed_after)
        assert state_after.elapsed > state_before.elapsed
        assert timed(engine.close) < 3.0
