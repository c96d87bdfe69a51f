"""The audio engine on a real (private) PulseAudio server: what the sink plays is recorded from
its monitor and checked against the pacer."""

from __future__ import annotations

import time
from collections.abc import Iterator

import numpy as np
import pytest

from kapcompanion.domain.pacing import PRESETS, BreathPattern, PacerTimeline, PhaseKind
from kapcompanion.sound import synth
from kapcompanion.sound.engine import AudioEngine, choose_device, list_output_devices
from kapcompanion.sound.mixer import PHASE_CUES
from tests.helpers.pulse import (
    PulseServer,
    find_onset,
    pulse_or_skip,
    zero_crossing_hz,
)

pytestmark = pytest.mark.audio
RATE = synth.RATE


@pytest.fixture(scope="module")
def pulse() -> Iterator[PulseServer]:
    with pulse_or_skip() as server:
        yield server


@pytest.fixture
def engine(pulse: PulseServer) -> Iterator[AudioEngine]:
    eng = AudioEngine()
    assert eng.open(), eng.unavailable_reason
    yield eng
    eng.close()


def practice_time(rec, origin: float) -> np.ndarray:
    return rec.time_of(np.arange(len(rec.samples))) - origin


def test_the_sound_servers_output_is_found_and_chosen(pulse: PulseServer) -> None:
    devices = list_output_devices(refresh=True)
    names = [d.name for d in devices]
    assert "pulse" in names or "default" in names, names
    chosen = choose_device(devices)
    assert chosen is not None
    assert chosen.name == ("pulse" if "pulse" in names else "default")


def test_breath_tone_rises_on_the_inhale_and_falls_on_the_exhale(
    pulse: PulseServer, engine: AudioEngine
) -> None:
    timeline = PacerTimeline(BreathPattern.from_seconds("t", "t", inhale=3, exhale=4))
    engine.set_cues(breath_tone=True, phase_cues=False, bells=False)
    with pulse.record() as rec:
        origin = time.monotonic() + 0.1
        engine.start_practice(timeline, origin)
        time.sleep(8.3)
        engine.stop()
        time.sleep(0.3)
    x = rec.samples
    start = rec.index_of(origin)
    win = int(0.04 * RATE)
    rows = []
    for t in np.arange(1.2, 7.9, 0.1):  # after the swell-in
        i = start + round(t * RATE)
        hz = zero_crossing_hz(x[i - win // 2 : i + win // 2])
        state = timeline.state_at(t)
        rows.append((t, hz, synth.breath_frequency(state.level), state))
    measured = np.array([r[1] for r in rows])
    expected = np.array([r[2] for r in rows])
    assert np.max(np.abs(measured / expected - 1)) < 0.02, rows
    # Within each phase (away from its still ends) the pitch moves the right way.
    segments: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for t, hz, _, state in rows:
        if 0.15 < state.progress < 0.85:
            segments.setdefault((state.cycle, state.phase_index), []).append((t, hz))
    kinds = []
    for (_, index), points in segments.items():
        if len(points) < 5:
            continue
        kind = timeline.pattern.phases[index].kind
        ts, hzs = np.array(points).T
        slope = np.polyfit(ts, hzs, 1)[0]
        assert slope > 10 if kind is PhaseKind.INHALE else slope < -10, (kind, slope)
        kinds.append(kind)
    assert PhaseKind.INHALE in kinds and PhaseKind.EXHALE in kinds


def test_cues_land_where_the_pacer_says(
    pulse: PulseServer, engine: AudioEngine, record_property
) -> None:
    pattern = BreathPattern.from_seconds("t", "t", inhale=2, exhale=3)
    timeline = PacerTimeline(pattern, session_seconds=9.0)
    engine.set_cues(breath_tone=False, phase_cues=True, bells=True)
    with pulse.record() as rec:
        origin = time.monotonic() + 0.2  # ahead of the output latency: the bell is on time
        engine.start_practice(timeline, origin)
        time.sleep(10.3)
        engine.stop()
        time.sleep(0.2)
    x = rec.samples
    due = [(0.0, "start_bell")]
    due += [
        (t, PHASE_CUES[pattern.phases[i].kind]) for t, i in timeline.phase_changes(0, 99) if t > 0
    ]
    assert timeline.end_time is not None
    due.append((timeline.end_time, "end_bell"))
    errors_ms = []
    for t, name in due:
        template = synth.CUES[name]()[: int(0.03 * RATE)]
        at = find_onset(x, template, rec.index_of(origin + t), int(0.05 * RATE))
        assert at is not None
        errors_ms.append((rec.time_of(at) - (origin + t)) * 1000)
    errors = np.array(errors_ms)
    record_property("cue_onset_error_ms", [round(e, 2) for e in errors])
    worst = np.abs(errors).max()
    print(f"cue onset error vs pacer: mean {errors.mean():+.2f} ms, max |{worst:.2f}| ms")
    assert len(errors) == 5
    assert np.abs(errors).max() < 20.0
    # Nothing else sounded: between the cues the output is exactly silent.
    placed = {rec.index_of(origin + t) for t, _ in due}
    loud = np.flatnonzero(np.abs(x) > 1e-4)
    assert all(min(abs(i - p) for p in placed) < 4 * RATE for i in loud[:: RATE // 10])


def test_no_clicks_at_start_pause_resume_and_stop(pulse: PulseServer, engine: AudioEngine) -> None:
    timeline = PacerTimeline(PRESETS["longer-exhale"])
    engine.set_cues(breath_tone=True, phase_cues=True, bells=True)
    with pulse.record() as rec:
        origin = time.monotonic() + 0.1
        engine.start_practice(timeline, origin)
        time.sleep(3.0)
        paused_at = time.monotonic()
        engine.pause()
        elapsed = paused_at - origin
        time.sleep(1.0)
        resumed_at = time.monotonic()
        engine.resume(resumed_at - elapsed)
        time.sleep(2.5)
        stopped_at = time.monotonic()
        engine.stop()
        time.sleep(0.6)
    x = rec.samples
    bound = synth.breath_max_step() + max(
        float(np.max(np.abs(np.diff(make())))) for make in synth.CUES.values()
    )
    steps = np.abs(np.diff(x))
    assert steps.max() <= bound * 1.02, (steps.max(), bound)
    # Around the pause, the resume and the stop only the breath tone sounds (the cues of this
    # pattern fall at 0, 4 and 10 s): no step beyond the breath tone's own largest slope.
    for event in (paused_at, resumed_at, stopped_at):
        i = rec.index_of(event)
        near = steps[i - RATE // 10 : i + RATE // 2]
        assert near.max() <= synth.breath_max_step() * 1.02, event
    # Paused: silent once the fade is over; the fade itself takes at least 15 ms.
    lag = engine.output_latency + 0.3
    assert np.max(np.abs(x[rec.index_of(paused_at + lag) : rec.index_of(resumed_at)])) == 0.0
    assert np.max(np.abs(x[rec.index_of(stopped_at + lag) :])) == 0.0
    fade = x[rec.index_of(paused_at) - RATE // 20 : rec.index_of(paused_at + lag)]
    loud = np.flatnonzero(np.abs(fade) > 1e-6)
    assert (loud[-1] - loud[0]) / RATE > 0.015


def test_overlapping_sounds_stay_under_the_ceiling(
    pulse: PulseServer, engine: AudioEngine, record_property
) -> None:
    """Every sound on at full volume, a step's chime laid over the opening bell and over the
    first breath out (the breath tone near its fullest, the exhale cue): what the sink plays
    peaks at or under the cues' ceiling."""
    timeline = PacerTimeline(PRESETS["longer-exhale"])
    engine.set_volume(1.0)
    engine.set_cues(breath_tone=True, phase_cues=True, bells=True)
    with pulse.record() as rec:
        origin = time.monotonic() + engine.start_lead
        engine.start_practice(timeline, origin)
        engine.chime("step_chime", origin + 0.005)
        engine.chime("step_chime", origin + 4.0)
        time.sleep(6.0)
        engine.stop()
        time.sleep(0.3)
    x = rec.samples
    peak = 20 * np.log10(float(np.max(np.abs(x))))
    record_property("peak_dbfs", round(peak, 3))
    print(f"peak of the whole mix: {peak:.2f} dBFS (ceiling {synth.CUE_PEAK_DBFS:g})")
    assert peak <= synth.CUE_PEAK_DBFS
    assert engine.underflows == 0


def test_the_breath_like_sound_swells_and_ebbs_with_the_pacer(
    pulse: PulseServer, engine: AudioEngine, record_property
) -> None:
    """Recorded from the sink: the breath-like sound's loudness follows the pacer's level,
    its spectrum has no tonal peak, and it makes no click at the turns."""
    timeline = PacerTimeline(PRESETS["gentle-settle"])  # 3 in, 5 out
    engine.set_volume(1.0)
    engine.set_cues(breath_tone=False, phase_cues=False, bells=False, breath_like=True)
    with pulse.record() as rec:
        origin = time.monotonic() + engine.start_lead
        engine.start_practice(timeline, origin)
        time.sleep(10.5)
        engine.stop()
        time.sleep(0.3)
    x = rec.samples
    win = RATE // 20
    t = np.arange(1.5, 10.0, 0.05)
    rms = np.array(
        [
            np.sqrt(
                np.mean(
                    x[rec.index_of(origin + s) - win // 2 : rec.index_of(origin + s) + win // 2]
                    ** 2
                )
            )
            for s in t
        ]
    )
    level = np.array([timeline.state_at(s).level for s in t]) ** 1.3
    r = float(np.corrcoef(rms, level)[0, 1])
    seg = x[rec.index_of(origin + 1.5) : rec.index_of(origin + 10.0)].astype(np.float64)
    n = 4096
    frames = seg[: len(seg) // n * n].reshape(-1, n) * np.hanning(n)
    psd = np.mean(np.abs(np.fft.rfft(frames, axis=1)) ** 2, axis=0)
    f = np.fft.rfftfreq(n, 1 / RATE)
    p = psd[(f > 100) & (f < 3000)]
    trend = np.convolve(np.pad(p, 8, mode="edge"), np.ones(17) / 17, mode="valid")
    worst = float(10 * np.log10(np.max(p / trend)))
    peak = 20 * np.log10(float(np.max(np.abs(x))))
    steps = np.abs(np.diff(x[rec.index_of(origin + 1.0) : rec.index_of(origin + 10.0)]))
    record_property("envelope_pacer_correlation", round(r, 4))
    record_property("worst_bin_over_trend_db", round(worst, 2))
    print(
        f"breath-like sound from the sink: correlation {r:.4f}, worst bin {worst:.1f} dB over "
        f"its trend, peak {peak:.1f} dBFS, largest step {steps.max():.4f}"
    )
    assert r > 0.97
    assert worst < 8.0
    assert peak <= synth.BREATH_PEAK_DBFS + 0.1
    assert engine.underflows == 0


@pytest.mark.slow
def test_no_underruns_over_a_minute(pulse: PulseServer, engine: AudioEngine) -> None:
    timeline = PacerTimeline(PRESETS["resonance"])
    engine.set_cues(breath_tone=True, phase_cues=True, bells=True)
    with pulse.record() as rec:
        origin = time.monotonic() + 0.1
        engine.start_practice(timeline, origin)
        time.sleep(61.0)
        engine.stop()
        time.sleep(0.3)
    statuses = engine.poll_status()
    assert engine.underflows == 0
    assert not [s for s in statuses if s.kind == "underflow"]
    x = rec.samples[rec.index_of(origin + 1.0) : rec.index_of(origin + 60.0)]
    # The breath tone never rests in this pattern: any run of exact zeros is a gap.
    zero = np.concatenate([[False], x == 0.0, [False]]).astype(np.int8)
    edges = np.flatnonzero(np.diff(zero))
    longest = int(np.max(edges[1::2] - edges[::2])) if len(edges) else 0
    assert longest < 8, f"a gap of {longest} samples"
    assert rec.timing_spread < 0.05
