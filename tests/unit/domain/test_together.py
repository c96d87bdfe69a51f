"""Breathing together: the pacer takes the client's tapped rate within two breaths, its
in-breath then begins with theirs, it glides slower to the chosen pace, and nothing jumps."""

from __future__ import annotations

import itertools

import pytest

from kapcompanion.domain.together import GLIDE_S, BreathingTogether, shape


def levels(together: BreathingTogether, start: float, stop: float, step: float = 0.01):
    t = start
    while t < stop:
        yield t, together.state_at(t).level
        t += step


def test_before_any_tap_it_breathes_at_the_chosen_pace_with_no_holds():
    together = BreathingTogether(6.0)
    assert together.rate_at(0.0) == pytest.approx(6.0)
    assert together.state_at(0.0).level == pytest.approx(0.0)
    assert together.state_at(4.0).level == pytest.approx(1.0)  # 4 s in, 6 s out
    assert together.state_at(10.0).level == pytest.approx(0.0, abs=1e-9)
    assert not shape(6.0).has_holds and not shape(14.0).has_holds


def test_two_taps_take_the_clients_rate_and_its_next_in_breath():
    together = BreathingTogether(6.0)
    assert together.tap(3.3) is None  # one tap is not yet a breath
    rate = together.tap(3.3 + 5.0)  # the client breathes every 5 s: 12 a minute
    assert rate == pytest.approx(12.0)
    due = 3.3 + 10.0  # their next in-breath
    assert together.cycles_at(due) == pytest.approx(round(together.cycles_at(due)))
    assert together.state_at(due).level == pytest.approx(0.0, abs=1e-6)  # an in-breath begins
    assert together.state_at(due + 0.5).phase.kind.value == "inhale"
    assert together.rate_at(due + 0.01) == pytest.approx(12.0, abs=0.01)
    assert together.rate_at(due + GLIDE_S + 1) == pytest.approx(6.0)  # then slower, gently
    rates = [together.rate_at(due + t) for t in range(0, int(GLIDE_S) + 1)]
    assert all(b <= a + 1e-9 for a, b in itertools.pairwise(rates))  # only slower


def test_the_level_never_jumps_whenever_the_taps_come():
    for first in (0.7, 2.0, 4.1, 6.6, 9.9):
        together = BreathingTogether(6.0)
        together.tap(first)
        together.tap(first + 4.2)
        together.tap(first + 8.3)
        samples = list(levels(together, 0.0, first + 40.0))
        jumps = [abs(b - a) for (_, a), (_, b) in itertools.pairwise(samples)]
        assert max(jumps) < 0.02, first  # 10 ms steps: smooth at every turn and change


def test_double_presses_and_long_pauses_are_not_breaths():
    together = BreathingTogether(6.0)
    together.tap(10.0)
    assert together.tap(10.4) is None  # a double press
    assert together.tap(40.0) is None  # after a long pause the count begins again
    assert together.tap(45.0) == pytest.approx(12.0)


def test_a_new_pace_is_taken_from_the_next_in_breath():
    together = BreathingTogether(6.0)
    together.set_target(5.0, now=3.0)
    assert together.rate_at(5.0) == pytest.approx(6.0)  # the breath in progress is left alone
    assert together.rate_at(10.0 + GLIDE_S + 1) == pytest.approx(5.0)
    samples = list(levels(together, 0.0, 30.0))
    assert max(abs(b - a) for (_, a), (_, b) in itertools.pairwise(samples)) < 0.02
