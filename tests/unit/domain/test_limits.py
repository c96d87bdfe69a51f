"""Each limit on a person's choices is said once, and everything that takes the choice reads it."""

from __future__ import annotations

import pytest

from kapcompanion.domain.breathing_config import MINUTES_ALLOWED, BreathingConfig, check_minutes
from kapcompanion.domain.limits import BREATHING_MINUTES, TEXT_SIZE_PERCENT, Bounds
from kapcompanion.domain.pacing import PRESETS, PatternError


def test_bounds_hold_their_ends_and_clamp_to_them():
    bounds = Bounds(low=2, high=9, default=4)
    assert 2 in bounds and 9 in bounds and 5.5 in bounds
    assert 1 not in bounds and 10 not in bounds
    assert True not in bounds and "5" not in bounds and None not in bounds
    assert [bounds.clamp(v) for v in (-3, 2, 5, 9, 40)] == [2, 2, 5, 9, 9]


def test_a_default_outside_its_bounds_is_refused():
    with pytest.raises(ValueError, match="outside"):
        Bounds(low=1, high=3, default=4)


def test_the_breathing_length_is_one_to_thirty_minutes_five_by_default():
    assert (BREATHING_MINUTES.low, BREATHING_MINUTES.high, BREATHING_MINUTES.default) == (1, 30, 5)
    assert MINUTES_ALLOWED == "a number of minutes from 1 to 30"
    assert BreathingConfig(PRESETS["resonance"]).minutes == BREATHING_MINUTES.default
    assert check_minutes(BREATHING_MINUTES.high) == 30.0
    assert check_minutes(str(BREATHING_MINUTES.low)) == 1.0
    for outside in (BREATHING_MINUTES.low - 0.5, BREATHING_MINUTES.high + 1):
        with pytest.raises(PatternError, match="from 1 to 30"):
            check_minutes(outside)


def test_the_text_size_is_eighty_to_two_hundred_percent():
    assert (TEXT_SIZE_PERCENT.low, TEXT_SIZE_PERCENT.high, TEXT_SIZE_PERCENT.default) == (
        80,
        200,
        100,
    )
