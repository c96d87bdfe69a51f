"""The breath-like sound's envelope: silent at an empty breath, fullest at a full one, rising
through the breath in and falling through the breath out, resting in the middle of a hold."""

from __future__ import annotations

import pytest

from kapcompanion.domain.breath_sound import breath_sound_brightness, breath_sound_level
from kapcompanion.domain.pacing import PRESETS, PacerTimeline


def test_it_follows_the_level_of_the_breath() -> None:
    timeline = PacerTimeline(PRESETS["longer-exhale"])  # 4 in, 6 out
    assert breath_sound_level(timeline.state_at(0.0)) == 0.0
    assert breath_sound_level(timeline.state_at(4.0)) == pytest.approx(1.0)
    rising = [breath_sound_level(timeline.state_at(t / 10)) for t in range(0, 41)]
    falling = [breath_sound_level(timeline.state_at(4 + t / 10)) for t in range(0, 61)]
    assert rising == sorted(rising) and falling == sorted(falling, reverse=True)
    assert breath_sound_brightness(timeline.state_at(4.0)) == pytest.approx(1.0)
    assert breath_sound_brightness(timeline.state_at(0.0)) == 0.0


def test_it_rests_in_a_hold_and_meets_the_breath_at_its_edges() -> None:
    timeline = PacerTimeline(PRESETS["box"])  # 4 in, 4 rest, 4 out, 4 rest
    assert breath_sound_level(timeline.state_at(6.0)) == 0.0  # the middle of the full rest
    before = breath_sound_level(timeline.state_at(4.0 - 1e-6))
    after = breath_sound_level(timeline.state_at(4.0 + 1e-6))
    assert after == pytest.approx(before, abs=1e-3)  # no jump as the rest begins
    assert breath_sound_level(timeline.state_at(8.0 - 1e-6)) == pytest.approx(1.0, abs=1e-3)
