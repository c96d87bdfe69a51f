"""Practices one after another through one mixer (as in one run of the app): each begins from
silence, with nothing left of the one before it (no level, no voice, no half-rung bell)."""

from __future__ import annotations

import numpy as np
import pytest

from kapcompanion.domain.pacing import PRESETS, PacerTimeline
from kapcompanion.sound import mixer as mx
from kapcompanion.sound import synth

RATE = synth.RATE
T0 = 500.0
ALL_ON = mx.Cues(breath_tone=True, phase_cues=True, bells=True)


def largest_cue_step() -> float:
    return max(float(np.max(np.abs(np.diff(make())))) for make in synth.CUES.values())


@pytest.mark.parametrize("stop_at", [2.3, 5.1, 7.9])  # in, out, near the turn
def test_a_second_and_third_practice_begin_from_silence(stop_at: float) -> None:
    timeline = PacerTimeline(PRESETS["longer-exhale"])
    m = mx.Mixer(RATE)
    m.apply(ALL_ON)
    starts = [T0, T0 + stop_at + 1.0, T0 + 2 * (stop_at + 1.0)]
    commands: list[tuple[float, mx.Command]] = []
    for s in starts:
        commands += [(s, mx.Start(timeline, s)), (s + stop_at, mx.Stop())]
    out = mx.render_offline(m, 3 * (stop_at + 1.0), T0, 480, commands)
    steps = np.abs(np.diff(out))
    bound = synth.breath_max_step() + largest_cue_step()
    assert steps.max() <= bound * 1.02
    for s in starts[1:]:
        i = round((s - T0) * RATE)
        # Silent just before: the last practice has faded out.
        assert np.max(np.abs(out[i - RATE // 2 : i])) == 0.0
        # The first sample of the new practice is the bell's (and the breath tone's) zero, and
        # the first 10 ms hold only what a fresh start makes: the bell's soft attack.
        head = out[i : i + RATE // 100]
        assert abs(out[i]) < 1e-6
        fresh = mx.Mixer(RATE)
        fresh.apply(ALL_ON)
        fresh.apply(mx.Start(timeline, s))
        alone = mx.render_offline(fresh, 0.01, s, 480)
        np.testing.assert_allclose(head, alone, atol=1e-6)


def test_a_chime_asked_for_a_clock_time_starts_on_its_sample() -> None:
    m = mx.Mixer(RATE)
    at = T0 + 0.1234
    m.apply(mx.Chime("soft_bell", at))
    out = mx.render_offline(m, 0.5, T0, 480)
    first = int(np.flatnonzero(out != 0.0)[0]) - 1  # every cue's first sample is an exact 0
    assert first == round((at - T0) * RATE)


def test_a_chime_whose_time_has_passed_plays_at_once() -> None:
    m = mx.Mixer(RATE)
    m.apply(mx.Chime("soft_bell", T0 - 0.05))
    out = mx.render_offline(m, 0.2, T0, 480)
    assert int(np.flatnonzero(out != 0.0)[0]) == 1


def test_after_a_gap_the_sound_fades_back_in() -> None:
    timeline = PacerTimeline(PRESETS["longer-exhale"])
    m = mx.Mixer(RATE)
    m.apply(ALL_ON)
    m.apply(mx.Start(timeline, T0))
    out = np.zeros(480, dtype=np.float32)
    for i in range(300):  # 3 s in: the breath tone and the bell's tail sound
        m.render(out, T0 + i * 0.01)
    # The output ran dry for 50 ms; the next block is for 50 ms later.
    m.after_gap()
    out = np.zeros(960, dtype=np.float32)
    m.render(out, T0 + 3.05)
    assert abs(out[0]) < 1e-3  # from the silence of the gap, no jump
    assert float(np.max(np.abs(np.diff(out)))) <= synth.breath_max_step() + largest_cue_step()
    fade = round(mx.GAP_FADE_S * RATE)
    assert abs(out[fade + 10]) > 0.0  # and then it sounds as before
