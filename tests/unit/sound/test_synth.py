"""The synthesiser: ramps, levels, pitches, phase continuity."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kapcompanion.domain.pacing import PRESETS, BreathPattern, PacerTimeline, PhaseKind
from kapcompanion.domain.scripts import SOUND_CUES
from kapcompanion.sound import synth

RATE = synth.RATE


def peak_dbfs(x: np.ndarray) -> float:
    return 20 * math.log10(float(np.max(np.abs(x))))


def dominant_hz(x: np.ndarray, rate: int = RATE) -> float:
    n = 1 << 18
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x)), n))
    return float(np.argmax(spectrum) * rate / n)


@pytest.mark.parametrize("name", sorted(synth.CUES))
def test_cues_start_and_end_silent_with_long_enough_ramps(name: str) -> None:
    x = synth.CUES[name]()
    assert x.dtype == np.float32
    assert x[0] == 0.0
    assert x[-1] == 0.0
    top = float(np.max(np.abs(x)))
    ms = RATE // 1000
    # A ramp of at least 15 ms: a third of the way in the sound is still quiet, two thirds of
    # the way in it has not reached full level; the same backwards from the end.
    assert np.max(np.abs(x[: 5 * ms])) < 0.25 * top
    assert np.max(np.abs(x[: 10 * ms])) < 0.8 * top
    assert np.max(np.abs(x[-5 * ms :])) < 0.25 * top
    # The largest step anywhere is what a smooth tone of this level and pitch can make.
    assert np.max(np.abs(np.diff(x))) < 0.35 * top


@pytest.mark.parametrize("name", sorted(synth.CUES))
def test_cue_peaks_stay_well_below_full_scale(name: str) -> None:
    assert peak_dbfs(synth.CUES[name]()) <= synth.CUE_PEAK_DBFS + 0.01


def test_apply_ramps_refuses_ramps_shorter_than_15_ms() -> None:
    x = np.ones(4800, dtype=np.float32)
    with pytest.raises(ValueError, match="15 ms"):
        synth.apply_ramps(x, RATE, attack_s=0.010)
    y = synth.apply_ramps(x, RATE, attack_s=0.015, release_s=0.015)
    attack = round(0.015 * RATE)
    assert y[0] == 0
    assert np.all(np.diff(y[:attack]) > 0)  # a rising ramp, 15 ms long
    assert y[attack] == 1.0


@pytest.mark.parametrize(("make", "hz"), [(synth.inhale_tone, 660.0), (synth.exhale_tone, 495.0)])
def test_phase_tones_sound_at_their_pitch_and_length(make, hz) -> None:
    x = make()
    assert 0.080 <= len(x) / RATE <= 0.200
    assert dominant_hz(x) == pytest.approx(hz, abs=2.0)


def test_phase_tone_refuses_out_of_range_values() -> None:
    with pytest.raises(ValueError, match="ms"):
        synth.phase_tone(660, 0.5)
    with pytest.raises(ValueError, match="Hz"):
        synth.phase_tone(200, 0.1)
    with pytest.raises(ValueError, match="dBFS"):
        synth.phase_tone(660, 0.1, peak_dbfs=-3.0)


def test_bells_ring_at_their_fundamental_and_decay() -> None:
    x = synth.start_bell()
    assert dominant_hz(x[: RATE // 2]) == pytest.approx(523.25, abs=3.0)
    first = np.max(np.abs(x[: RATE // 4]))
    late = np.max(np.abs(x[-RATE // 2 :]))
    assert late < 0.2 * first
    assert dominant_hz(synth.end_bell()[: RATE // 2]) == pytest.approx(392.0, abs=3.0)
    assert dominant_hz(synth.step_chime()[: RATE // 4]) == pytest.approx(784.0, abs=4.0)


def test_breath_frequency_rises_with_the_breath() -> None:
    levels = np.linspace(0, 1, 50)
    freqs = [synth.breath_frequency(v) for v in levels]
    assert freqs[0] == pytest.approx(synth.BREATH_LOW_HZ)
    assert freqs[-1] == pytest.approx(synth.BREATH_HIGH_HZ)
    assert all(b > a for a, b in itertools.pairwise(freqs))


def test_breath_gain_follows_the_level_and_rests_in_holds() -> None:
    timeline = PacerTimeline(PRESETS["box"])
    quiet_inhale = synth.breath_gain(timeline.state_at(0.2))
    loud_inhale = synth.breath_gain(timeline.state_at(3.8))
    assert loud_inhale > 2 * quiet_inhale
    mid_hold = timeline.state_at(6.0)
    assert mid_hold.phase.kind is PhaseKind.HOLD_IN
    assert synth.breath_gain(mid_hold) == 0.0
    # Into and out of the hold the level moves smoothly: sampled every 10 ms, no big step.
    gains = [synth.breath_gain(timeline.state_at(t)) for t in np.arange(0, 16, 0.01)]
    assert max(abs(b - a) for a, b in itertools.pairwise(gains)) < 0.05 * max(gains)
    assert max(gains) <= synth.breath_peak() + 1e-12
    assert synth.gain_to_db(synth.breath_peak()) <= synth.CUE_PEAK_DBFS - 6


def test_breath_block_sounds_at_the_asked_pitch() -> None:
    out = np.zeros(RATE, dtype=np.float32)
    synth.breath_block(out, 220.0, 220.0, 0.05, 0.05, 0.0)
    assert dominant_hz(out) == pytest.approx(220.0, abs=0.5)
    assert np.max(np.abs(out)) <= 0.05 + 1e-6


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 2048), min_size=2, max_size=12),
    f_start=st.floats(synth.BREATH_LOW_HZ, synth.BREATH_HIGH_HZ),
    f_end=st.floats(synth.BREATH_LOW_HZ, synth.BREATH_HIGH_HZ),
)
def test_breath_blocks_join_without_a_jump(sizes, f_start, f_end) -> None:
    """However the blocks are cut and however the pitch moves, consecutive samples never step
    further than the tone's own largest slope: the phase carries across block edges."""
    total = sum(sizes)
    scratch = synth.BreathScratch.create(2048)
    out = np.zeros(total, dtype=np.float32)
    phase, pos, gain = 0.0, 0, synth.breath_peak()
    for n in sizes:
        f0 = f_start + (f_end - f_start) * pos / total
        f1 = f_start + (f_end - f_start) * (pos + n) / total
        phase = synth.breath_block(out[pos : pos + n], f0, f1, gain, gain, phase, RATE, scratch)
        assert 0.0 <= phase < 2 * math.pi
        pos += n
    assert np.max(np.abs(np.diff(out))) <= synth.breath_max_step() * 1.001


def test_breath_block_matches_a_direct_phase_sum() -> None:
    n = 1000
    out = np.zeros(n, dtype=np.float32)
    end = synth.breath_block(out, 200.0, 250.0, 0.1, 0.1, 0.3)
    f = 200.0 + 50.0 * np.arange(n) / n
    ph = 0.3 + np.concatenate([[0.0], np.cumsum(2 * np.pi * f / RATE)[:-1]])
    h = synth.BREATH_HARMONIC
    expected = 0.1 * (np.sin(ph) + h * np.sin(2 * ph)) / (1 + h)
    assert np.max(np.abs(out - expected)) < 1e-5
    full = 0.3 + np.sum(2 * np.pi * f / RATE)
    assert end == pytest.approx(math.fmod(full, 2 * math.pi), abs=1e-9)


def test_breath_tone_over_a_whole_pattern_rises_then_falls() -> None:
    pattern = BreathPattern.from_seconds("t", "t", inhale=4, exhale=6)
    timeline = PacerTimeline(pattern)
    inhale = [synth.breath_frequency(timeline.state_at(t).level) for t in np.arange(0.05, 4, 0.1)]
    exhale = [synth.breath_frequency(timeline.state_at(t).level) for t in np.arange(4.05, 10, 0.1)]
    assert np.all(np.diff(inhale) > 0)
    assert np.all(np.diff(exhale) < 0)


def test_the_soft_bell_is_lower_and_quieter_than_the_opening_bell() -> None:
    soft = synth.soft_bell()
    assert dominant_hz(soft[: RATE // 2]) == pytest.approx(440.0, abs=3.0)
    assert peak_dbfs(soft) < peak_dbfs(synth.start_bell()) - 5.0


@pytest.mark.parametrize("name", SOUND_CUES)
def test_every_sound_a_script_may_name_has_a_cue(name: str) -> None:
    cue = synth.cue_name(name)
    assert cue is not None and cue in synth.CUES
    assert synth.cue_name(cue) == cue  # a cue's own name works too
    assert synth.cue_name("no-such-sound") is None


def test_script_sounds_are_distinct_cues() -> None:
    cues = [synth.cue_name(n) for n in SOUND_CUES]
    assert len(set(cues)) == len(SOUND_CUES)
