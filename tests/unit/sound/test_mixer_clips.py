"""Recordings in the mixer (a step's voice), block by block without a device: played from the
next block sample for sample, never dimmed by a breathing segment stopping, held and resumed in
place, replaced and stopped with short fades, and no allocation per block."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from kapcompanion.domain.pacing import BreathPattern, PacerTimeline
from kapcompanion.domain.voice import VoiceError
from kapcompanion.services.recordings import load_clip
from kapcompanion.sound import mixer as mx
from kapcompanion.sound import synth
from kapcompanion.sound.engine import AudioEngine
from kapcompanion.storage.wav import write_wav

RATE = synth.RATE
T0 = 500.0
FADE = round(mx.CLIP_FADE_S * RATE)


def speech(seconds: float, seed: int = 1) -> np.ndarray:
    """A stand-in for a recording: a steady tone with a little noise, level about -20 dBFS."""
    rng = np.random.default_rng(seed)
    t = np.arange(round(seconds * RATE)) / RATE
    x = 0.1 * np.sin(2 * np.pi * 220 * t) + 0.01 * rng.standard_normal(len(t))
    return x.astype(np.float32)


def quiet_mixer() -> mx.Mixer:
    m = mx.Mixer(RATE)
    m.apply(mx.Cues(breath_tone=False, phase_cues=False, bells=False))
    return m


def test_a_recording_plays_from_the_next_block_exactly_as_recorded():
    m = quiet_mixer()
    clip = speech(0.5)
    out = mx.render_offline(m, 0.7, T0, 480, [(T0, mx.Clip(clip))])
    np.testing.assert_array_equal(out[: len(clip)], clip)
    assert not out[len(clip) :].any()
    assert not m.clip_playing


def test_the_volume_scales_a_recording():
    m = quiet_mixer()
    m.apply(mx.Volume(0.25))
    m._volume.value = 0.25  # already settled, so the comparison below is exact
    clip = speech(0.2)
    out = mx.render_offline(m, 0.3, T0, 480, [(T0, mx.Clip(clip))])
    np.testing.assert_allclose(out[: len(clip)], clip * 0.25, atol=1e-7)


def test_a_breathing_segment_stopping_does_not_dim_the_voice_of_the_next_step():
    m = quiet_mixer()
    timeline = PacerTimeline(BreathPattern.from_seconds("t", "t", inhale=2, exhale=3), 10.0)
    clip = speech(0.5)
    # The step with breathing ends (Stop) just as the next step's voice begins.
    out = mx.render_offline(
        m,
        2.0,
        T0,
        480,
        [(T0, mx.Start(timeline, T0)), (T0 + 1.0, mx.Stop()), (T0 + 1.0, mx.Clip(clip))],
    )
    start = RATE  # the block at T0 + 1.0
    np.testing.assert_array_equal(out[start : start + len(clip)], clip)


def test_holding_fades_out_keeps_the_place_and_carries_on_from_it():
    m = quiet_mixer()
    clip = speech(1.0)
    hold_at, resume_at = 0.3, 0.8
    out = mx.render_offline(
        m,
        1.6,
        T0,
        480,
        [
            (T0, mx.Clip(clip)),
            (T0 + hold_at, mx.ClipHold(True)),
            (T0 + resume_at, mx.ClipHold(False)),
        ],
    )
    h = round(hold_at * RATE)
    r = round(resume_at * RATE)
    np.testing.assert_array_equal(out[:h], clip[:h])
    # Faded out over CLIP_FADE_S, then silent while held.
    assert np.all(np.abs(out[h : h + FADE]) <= np.abs(clip[h : h + FADE]) + 1e-7)
    assert not out[h + FADE : r].any()
    # It fades back in from where it was (the samples that played while fading out are not
    # repeated) and then plays the rest as recorded.
    rest = clip[h + FADE :]
    np.testing.assert_array_equal(out[r + FADE : r + len(rest)], rest[FADE:])
    assert not m.clip_playing


def test_a_new_recording_replaces_the_old_one_with_a_short_fade():
    m = quiet_mixer()
    first, second = speech(1.0, 1), speech(0.4, 2)
    at = 0.25
    out = mx.render_offline(m, 1.0, T0, 480, [(T0, mx.Clip(first)), (T0 + at, mx.Clip(second))])
    k = round(at * RATE)
    tail = out[k : k + FADE] - second[:FADE]
    # Only the old recording's fade sounds under the new one, and it is over in CLIP_FADE_S.
    assert np.all(np.abs(tail) <= np.abs(first[k : k + FADE]) + 1e-6)
    np.testing.assert_allclose(out[k + FADE : k + len(second)], second[FADE:], atol=1e-7)


def test_stop_fades_out_and_forgets_the_recording():
    m = quiet_mixer()
    clip = speech(1.0)
    out = mx.render_offline(m, 1.0, T0, 480, [(T0, mx.Clip(clip)), (T0 + 0.1, mx.ClipStop())])
    k = round(0.1 * RATE)
    assert not out[k + FADE :].any()
    assert not m.clip_playing
    # A later resume brings nothing back.
    m.apply(mx.ClipHold(False))
    later = np.zeros(480, dtype=np.float32)
    m.render(later, T0 + 2.0)
    assert not later.any()


def test_mixing_a_recording_allocates_nothing_big():
    m = quiet_mixer()
    m.apply(mx.Clip(speech(5.0)))
    out = np.zeros(480, dtype=np.float32)
    for i in range(20):  # warm up
        m.render(out, T0 + i * 0.01)
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        for i in range(20, 200):
            m.render(out, T0 + i * 0.01)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak - base < 1024  # a block is 1.9 kB; views and small numbers only


def test_load_clip_reads_a_recording_and_names_a_missing_one(tmp_path):
    clip = speech(0.3)
    write_wav(tmp_path / "v.wav", clip)
    loaded = load_clip(str(tmp_path / "v.wav"))
    assert loaded.dtype == np.float32 and loaded.flags.c_contiguous
    np.testing.assert_allclose(loaded, clip, atol=1 / 32767)
    halved = load_clip(str(tmp_path / "v.wav"), rate=24_000)
    assert len(halved) == len(clip) // 2
    with pytest.raises(VoiceError, match="missing"):
        load_clip(str(tmp_path / "gone.wav"))


def test_an_engine_without_sound_takes_recordings_quietly():
    engine = AudioEngine()
    engine.play_clip(speech(0.1))
    engine.hold_clip(True)
    engine.stop_clip()
    assert not engine.available
