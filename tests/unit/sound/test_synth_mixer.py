"""The mixer, driven block by block without an audio device: cue timing to the sample, the
breath tone following the pacer, fades, and no allocation per block."""

from __future__ import annotations

import sys
import tracemalloc

import numpy as np
import pytest

from kapcompanion.domain.pacing import PRESETS, BreathPattern, Glide, PacerTimeline
from kapcompanion.sound import mixer as mx
from kapcompanion.sound import synth
from kapcompanion.sound.engine import AudioEngine, OutputDevice, choose_device
from tests.helpers.pulse import find_onset, zero_crossing_hz

RATE = synth.RATE
T0 = 1000.0  # clock time at which rendering begins


def cue_onsets(x: np.ndarray) -> list[int]:
    """First sample of each burst of sound in an otherwise exactly silent signal."""
    nz = np.flatnonzero(x != 0.0)
    if len(nz) == 0:
        return []
    starts = nz[np.concatenate([[True], np.diff(nz) > RATE // 20])]
    return [int(s) - 1 for s in starts]  # every cue's first sample is an exact 0


def run(timeline, origin, seconds, *, cues=None, commands=(), block=480, jitter=None):
    m = mx.Mixer(RATE)
    m.apply(cues or mx.Cues(breath_tone=False, phase_cues=True, bells=False))
    m.apply(mx.Start(timeline, origin))
    out = mx.render_offline(m, seconds, T0, block, list(commands), jitter)
    return m, out


@pytest.mark.parametrize("block", [64, 441, 480, 1024])
def test_phase_cues_start_on_the_exact_sample(block: int) -> None:
    pattern = BreathPattern.from_seconds("t", "t", inhale=1.3, exhale=1.7)
    timeline = PacerTimeline(pattern, glide=Glide(20.0, 4.0))
    origin = T0 + 0.0371
    m, out = run(timeline, origin, 9.0, block=block)
    changes = [t for t, _ in timeline.phase_changes(0, 8.9)]
    expected = [round((origin + t - T0) * RATE) for t in changes]
    assert cue_onsets(out) == expected
    assert m.late_cues == 0


def test_wobbling_output_times_neither_repeat_nor_lose_a_cue() -> None:
    timeline = PacerTimeline(BreathPattern.from_seconds("t", "t", inhale=1, exhale=1))
    rng = np.random.default_rng(7)
    wobble = rng.uniform(-0.0004, 0.0004, 10_000)
    _, out = run(timeline, T0, 20.0, jitter=lambda i: float(wobble[i]))
    onsets = cue_onsets(out)
    expected = [round(t * RATE) for t, _ in timeline.phase_changes(0, 19.95)]
    assert len(onsets) == len(expected)
    assert max(abs(a - b) for a, b in zip(onsets, expected, strict=True)) <= 0.0004 * RATE + 1


def test_opening_bell_missed_by_a_moment_still_plays_whole() -> None:
    timeline = PacerTimeline(PRESETS["longer-exhale"])
    m, out = run(timeline, T0 - 0.05, 3.0, cues=mx.Cues(False, True, True))
    bell = synth.start_bell()
    assert cue_onsets(out)[0] == 0
    assert np.array_equal(out[: len(bell)], bell)
    assert m.late_cues == 1


def test_end_bell_rings_at_the_end_and_the_breath_tone_swells_out() -> None:
    timeline = PacerTimeline(BreathPattern.from_seconds("t", "t", inhale=2, exhale=2), 8.0)
    assert timeline.end_time == 8.0
    m = mx.Mixer(RATE)
    m.apply(mx.Cues(True, False, True))
    m.apply(mx.Start(timeline, T0))
    out = mx.render_offline(m, 12.0, T0)
    bell = synth.end_bell()[: RATE // 50]
    at = find_onset(out, bell, 8 * RATE, RATE // 10)
    assert at == 8 * RATE
    assert np.max(np.abs(out[8 * RATE - 20 : 8 * RATE])) < 1e-4  # the tone has faded out
    assert np.max(np.abs(out[int(11.6 * RATE) :])) == 0.0


def test_breath_tone_follows_the_pacer_level() -> None:
    timeline = PacerTimeline(PRESETS["longer-exhale"])
    _, out = run(timeline, T0, 10.0, cues=mx.Cues(True, False, False))
    x = np.linspace(0, 2 * np.pi, 100_000)
    h = synth.BREATH_HARMONIC
    shape_peak = np.max(np.abs(np.sin(x) + h * np.sin(2 * x))) / (1 + h)
    for t in np.arange(1.25, 9.8, 0.25):
        i = round(t * RATE)
        hz = zero_crossing_hz(out[i - 960 : i + 960])
        assert hz == pytest.approx(synth.breath_frequency(timeline.state_at(t).level), rel=0.01)
        level = np.max(np.abs(out[i - 960 : i + 960]))
        gain = synth.breath_gain(timeline.state_at(t)) * shape_peak
        assert level == pytest.approx(gain, rel=0.03)
    assert np.max(np.abs(np.diff(out))) <= synth.breath_max_step() * 1.001


def test_pause_fades_out_resume_fades_in_on_the_same_breath() -> None:
    timeline = PacerTimeline(PRESETS["longer-exhale"])
    commands = [(T0 + 2.0, mx.Pause()), (T0 + 5.0, mx.Resume(T0 + 3.0))]
    _, out = run(timeline, T0, 7.0, cues=mx.Cues(True, False, False), commands=commands)
    fade_end = 2.0 + mx.FADE_S
    assert np.max(np.abs(out[int((fade_end + 0.011) * RATE) : 5 * RATE])) == 0.0
    fading = np.abs(out[2 * RATE : int(fade_end * RATE)])
    assert fading[: RATE // 100].max() > 4 * fading[-RATE // 100 :].max()
    assert np.max(np.abs(np.diff(out))) <= synth.breath_max_step() * 1.001
    # After the resume the tone is where the breath was at the pause (practice time 2 s).
    i = round(5.5 * RATE)
    hz = zero_crossing_hz(out[i - 960 : i + 960])
    assert hz == pytest.approx(synth.breath_frequency(timeline.state_at(2.5).level), rel=0.01)


def test_stop_fades_out_and_forgets_the_practice() -> None:
    timeline = PacerTimeline(PRESETS["resonance"])
    m, out = run(timeline, T0, 3.0, cues=mx.Cues(True, True, True), commands=[(T0 + 2, mx.Stop())])
    assert m.timeline is None
    assert np.max(np.abs(out[int((2.0 + mx.STOP_FADE_S + 0.011) * RATE) :])) == 0.0
    assert not m.active


def test_volume_glides_and_scales() -> None:
    timeline = PacerTimeline(PRESETS["resonance"])
    cmds = [(T0 + 3.0, mx.Volume(0.25))]
    _, out = run(timeline, T0, 5.0, cues=mx.Cues(True, False, False), commands=cmds)
    before = np.max(np.abs(out[int(2.9 * RATE) : 3 * RATE]))
    after = np.max(np.abs(out[int(3.1 * RATE) : int(3.2 * RATE)]))
    assert after / before == pytest.approx(0.25, rel=0.1)
    assert np.max(np.abs(np.diff(out))) <= synth.breath_max_step() * 1.001


def test_rendering_a_block_allocates_nothing_big() -> None:
    timeline = PacerTimeline(PRESETS["box"], glide=Glide(12.0, 30.0))
    m = mx.Mixer(RATE)
    m.apply(mx.Start(timeline, T0))
    out = np.zeros(480, dtype=np.float32)
    for i in range(50):  # warm up
        m.render(out, T0 + i * 0.01)
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        for i in range(50, 2050):
            m.render(out, T0 + i * 0.01)
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # A block of samples is 1.9 kB; nothing near that size is allocated while rendering one.
    # What stays is the small log of placed cues (a ring of 256 entries).
    assert peak - current < 1500, peak - current
    assert current - base < 256 * 200


def test_choose_device_prefers_the_sound_servers_output() -> None:
    def dev(i, name, default=False):
        return OutputDevice(i, name, "ALSA", 2, 48000.0, default)

    def chosen(devices: list[OutputDevice]) -> int | None:
        device = choose_device(devices)
        return None if device is None else device.index

    assert chosen([dev(0, "hw:0"), dev(1, "default", True), dev(2, "pulse")]) == 2
    assert chosen([dev(0, "hw:0"), dev(1, "sysdefault", True)]) == 1
    assert choose_device([]) is None


def test_engine_without_portaudio_is_silent_and_says_why(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", None)  # import fails
    engine = AudioEngine()
    assert engine.open() is False
    assert not engine.available
    assert engine.unavailable_reason and engine.unavailable_reason.startswith("Sound is off")
    timeline = PacerTimeline(PRESETS["resonance"])
    engine.start_practice(timeline, 0.0)
    engine.pause()
    engine.resume(1.0)
    engine.set_volume(float("nan"))
    engine.set_cues(breath_tone=False)
    engine.stop()
    assert engine.poll_status() == []
    engine.close()


def test_a_chime_sounds_without_a_practice_and_after_one() -> None:
    m = mx.Mixer(RATE)
    m.apply(mx.Chime("step_chime"))
    chime = synth.step_chime()
    out = mx.render_offline(m, 1.5, T0)
    assert np.array_equal(out[: len(chime)], chime)
    timeline = PacerTimeline(PRESETS["resonance"])
    m.apply(mx.Start(timeline, T0 + 2))
    m.apply(mx.Stop())
    mx.render_offline(m, 0.5, T0 + 2)
    m.apply(mx.Chime("step_chime"))
    out = mx.render_offline(m, 1.5, T0 + 3)
    assert np.array_equal(out[: len(chime)], chime)
    m.apply(mx.Chime("no such sound"))  # ignored


@pytest.mark.parametrize("script_name", ["step-chime", "bell", "soft-bell"])
def test_the_engine_plays_each_sound_a_script_names(script_name: str) -> None:
    """engine.chime(name) turns a script's sound into the cue the mixer plays, sample for
    sample (the engine's stream is replaced by a mixer fed from its command queue)."""
    engine = AudioEngine()
    engine._stream = object()  # what `available` looks at; nothing is opened
    engine.chime(script_name)
    m = mx.Mixer(RATE)
    commands = []
    while not engine._commands.empty():
        commands.append(engine._commands.get_nowait())
    engine._stream = None
    cue = synth.cue_name(script_name)
    assert cue is not None
    assert commands == [mx.Chime(cue)]
    for cmd in commands:
        m.apply(cmd)
    out = mx.render_offline(m, 3.0, T0)
    expected = synth.CUES[cue]()
    assert np.array_equal(out[: len(expected)], expected)
