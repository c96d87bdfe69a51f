"""The breath-like sound, rendered by the mixer without a device: its loudness follows the
pacer's level, its spectrum is smooth (no tone hides in it), it makes no click at the turns of
the breath, rests in holds and allocates nothing per block."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from kapcompanion.domain.pacing import PRESETS, PacerTimeline, PhaseKind
from kapcompanion.sound import breath_noise, synth
from kapcompanion.sound import mixer as mx

RATE = synth.RATE
T0 = 200.0
ONLY_AIR = mx.Cues(breath_tone=False, phase_cues=False, bells=False, breath_like=True)
WIN = RATE // 20  # 50 ms


def air(key: str, seconds: float, block: int = 480) -> tuple[PacerTimeline, np.ndarray]:
    timeline = PacerTimeline(PRESETS[key], seconds)
    m = mx.Mixer(RATE)
    m.apply(ONLY_AIR)
    m.apply(mx.Start(timeline, T0))
    return timeline, mx.render_offline(m, (timeline.end_time or seconds) + 1.0, T0, block)


def envelope(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """RMS in 50 ms windows and the practice time at each window's middle."""
    n = len(x) // WIN
    rms = np.sqrt(np.mean(x[: n * WIN].reshape(n, WIN).astype(np.float64) ** 2, axis=1))
    return rms, (np.arange(n) + 0.5) * WIN / RATE


def test_its_loudness_follows_the_pacer(record_property) -> None:
    timeline, x = air("longer-exhale", 60.0)
    rms, t = envelope(x)
    keep = (t > 2.0) & (t < (timeline.end_time or 60.0) - 2.0)  # past the swell in and out
    level = np.array([timeline.state_at(s).level for s in t[keep]])
    r = float(np.corrcoef(rms[keep], level**1.3)[0, 1])
    record_property("envelope_pacer_correlation", round(r, 4))
    print(f"breath-like sound: envelope/pacer correlation {r:.4f}")
    assert r > 0.98
    # It rises through every breath in and falls through every breath out.
    for start, index in timeline.phase_changes(2.0, 40.0):
        kind = timeline.pattern.phases[index].kind
        seconds = timeline.pattern.phases[index].seconds
        a = rms[int((start + 0.15 * seconds) * RATE / WIN)]
        b = rms[int((start + 0.85 * seconds) * RATE / WIN)]
        assert (b > a) if kind is PhaseKind.INHALE else (b < a), (start, kind)


def test_its_spectrum_is_smooth_with_no_tonal_peak(record_property) -> None:
    _, x = air("resonance", 30.0)
    seg = x[5 * RATE : 25 * RATE].astype(np.float64)
    n = 8192
    frames = seg[: len(seg) // n * n].reshape(-1, n) * np.hanning(n)
    psd = np.mean(np.abs(np.fft.rfft(frames, axis=1)) ** 2, axis=0)
    f = np.fft.rfftfreq(n, 1 / RATE)
    band = (f > 100) & (f < 3000)
    p = psd[band]
    # Against its own smooth trend (a running median over ~90 Hz), no bin stands out.
    k = 15
    padded = np.pad(p, k, mode="edge")
    trend = np.array([np.median(padded[i : i + 2 * k + 1]) for i in range(len(p))])
    worst = float(10 * np.log10(np.max(p / trend)))
    flatness = float(np.exp(np.mean(np.log(p))) / np.mean(p))
    record_property("worst_peak_over_trend_db", round(worst, 2))
    record_property("spectral_flatness_100_3000", round(flatness, 3))
    print(f"spectrum: worst bin {worst:.1f} dB over its trend, flatness {flatness:.3f}")
    assert worst < 8.0
    # Energy sits where air does, and little above.
    assert np.sum(psd[f > 4000]) < 0.05 * np.sum(psd)


@pytest.mark.parametrize("key", ["longer-exhale", "box", "cyclic-sigh"])
def test_no_click_at_the_turns_and_silence_in_holds(key: str) -> None:
    timeline, x = air(key, 40.0)
    loops = breath_noise.BreathNoise(RATE)._loops
    own = max(float(np.max(np.abs(np.diff(loop)))) for loop in loops) * np.sqrt(2)
    steps = np.abs(np.diff(x))
    assert float(steps.max()) <= own * 1.01
    end = timeline.end_time or 40.0
    for start, index in timeline.phase_changes(0.5, end - 0.5):
        i = round((T0 - T0 + start) * RATE)
        assert float(steps[i - WIN : i + WIN].max()) <= own * 1.01
        phase = timeline.pattern.phases[index]
        if phase.kind.is_hold and phase.seconds > 1.0:
            middle = x[
                round((start + 0.45 * phase.seconds) * RATE) : round(
                    (start + 0.55 * phase.seconds) * RATE
                )
            ]
            assert not middle.any()  # exactly silent while the breath rests
    assert float(np.max(np.abs(x))) <= synth.db_to_gain(breath_noise.PEAK_DBFS)


def test_rendering_the_breath_like_sound_allocates_nothing_big() -> None:
    timeline = PacerTimeline(PRESETS["box"])
    m = mx.Mixer(RATE)
    m.apply(ONLY_AIR)
    m.apply(mx.Start(timeline, T0))
    out = np.zeros(480, dtype=np.float32)
    for i in range(50):
        m.render(out, T0 + i * 0.01)
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        for i in range(50, 1050):
            m.render(out, T0 + i * 0.01)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak - base < 1500
