"""The mix bus: with every sound on over every preset, chimes and a recording overlapping bells
and turns, the output never rises above the cues' ceiling; what stays under it passes
untouched, and the limiter itself never makes a step."""

from __future__ import annotations

import numpy as np
import pytest

from kapcompanion.domain.pacing import PRESETS, PacerTimeline
from kapcompanion.sound import bus, synth
from kapcompanion.sound import mixer as mx

RATE = synth.RATE
T0 = 100.0
CEILING = synth.db_to_gain(synth.CUE_PEAK_DBFS)
AT_MOST = CEILING * (1 + 1e-6)  # a cue at the ceiling, once in float32
ALL_ON = mx.Cues(breath_tone=True, phase_cues=True, bells=True)


def crowded(timeline: PacerTimeline, seconds: float) -> list[tuple[float, mx.Command]]:
    """Step chimes and soft bells laid over every turn of the breath and over both bells."""
    commands: list[tuple[float, mx.Command]] = [(T0, mx.Start(timeline, T0))]
    turns = [t for t, _ in timeline.phase_changes(0.0, seconds)]
    end = timeline.end_time
    for t in [0.0, *turns, *([end] if end is not None and end < seconds else [])]:
        commands.append((T0 + t, mx.Chime("step_chime", T0 + t)))
        commands.append((T0 + t, mx.Chime("soft_bell", T0 + t + 0.01)))
    return commands


@pytest.mark.parametrize("key", sorted(PRESETS))
def test_every_preset_with_every_sound_on_stays_under_the_ceiling(key: str, record_property):
    timeline = PacerTimeline(PRESETS[key], 40.0)
    m = mx.Mixer(RATE)
    m.apply(ALL_ON)
    end = timeline.end_time or 40.0
    out = mx.render_offline(m, end + 4.0, T0, 480, crowded(timeline, end))
    peak = bus.peak_dbfs(out)
    record_property("peak_dbfs", round(peak, 3))
    assert np.max(np.abs(out)) <= AT_MOST
    assert m.bus.lowest_gain < 1.0  # the overlaps were loud enough to need the limiter
    # The gain reached what each sample needed by itself: the guard never had to act.
    assert m.bus.guarded == 0
    # No step beyond what the sounds themselves make.
    largest = max(float(np.max(np.abs(np.diff(make())))) for make in synth.CUES.values())
    assert float(np.max(np.abs(np.diff(out)))) <= 2 * largest + synth.breath_max_step()


def test_without_the_bus_the_same_overlaps_would_pass_the_ceiling(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    timeline = PacerTimeline(PRESETS["longer-exhale"], 40.0)
    m = mx.Mixer(RATE)
    monkeypatch.setattr(m.bus, "process", lambda x: None)
    m.apply(ALL_ON)
    out = mx.render_offline(m, 20.0, T0, 480, crowded(timeline, 20.0))
    assert np.max(np.abs(out)) > CEILING


def test_what_stays_under_the_ceiling_passes_exactly() -> None:
    limiter = bus.Limiter(RATE)
    x = (CEILING * np.sin(np.arange(4800) * 0.05)).astype(np.float32)
    y = x.copy()
    limiter.process(y)
    assert np.array_equal(x, y) and limiter.lowest_gain == 1.0


def test_a_single_bell_at_the_ceiling_is_left_as_it_is() -> None:
    m = mx.Mixer(RATE)
    m.apply(mx.Chime("start_bell"))
    out = mx.render_offline(m, 3.0, T0, 480)
    bell = synth.start_bell()
    assert np.array_equal(out[: len(bell)], bell) and m.bus.lowest_gain == 1.0


def test_a_sudden_loud_block_is_held_under_the_ceiling_and_the_gain_comes_back() -> None:
    limiter = bus.Limiter(RATE)
    loud = np.full(480, 3 * CEILING, dtype=np.float32)
    limiter.process(loud)
    assert np.max(np.abs(loud)) <= AT_MOST
    quiet = np.zeros(RATE, dtype=np.float32)
    for i in range(0, RATE, 480):
        limiter.process(quiet[i : i + 480])
    assert limiter.gain == pytest.approx(1.0)
