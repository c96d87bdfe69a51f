"""The pacer: patterns, validation, presets, glide and the timeline as a pure function of time."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kapcompanion.domain.pacing import (
    PRESETS,
    BreathPattern,
    Glide,
    PacerTimeline,
    PatternError,
    PhaseKind,
    available_patterns,
    find_pattern,
)

EIGHT_HOURS = 8 * 3600.0

phase_s = st.floats(min_value=0.5, max_value=30, allow_nan=False)
hold_s = st.one_of(st.just(0.0), phase_s)


@st.composite
def patterns(draw: st.DrawFn) -> BreathPattern:
    if draw(st.booleans()):
        return draw(st.sampled_from(list(PRESETS.values())))
    inhale, exhale = draw(phase_s), draw(phase_s)
    hold_in, hold_out = draw(hold_s), draw(hold_s)
    assume(inhale + exhale + hold_in + hold_out >= 2.0)
    return BreathPattern.from_seconds(
        "p",
        "P",
        inhale=inhale,
        exhale=exhale,
        hold_after_inhale=hold_in,
        hold_after_exhale=hold_out,
    )


glides = st.one_of(
    st.none(),
    st.builds(
        Glide,
        start_bpm=st.floats(min_value=4, max_value=30),
        seconds=st.floats(min_value=1, max_value=900),
    ),
)


# --- validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "field", "fragment"),
    [
        ({"inhale": 0.2, "exhale": 4}, "inhale", "0.5 to 30 seconds"),
        ({"inhale": 4, "exhale": 31}, "exhale", "0.5 to 30 seconds"),
        (
            {"inhale": 4, "exhale": 4, "hold_after_inhale": 0.3},
            "hold_after_inhale",
            "or 0 for none",
        ),
        ({"inhale": "four", "exhale": 4}, "inhale", "is not a number"),
        ({"inhale": True, "exhale": 4}, "inhale", "is not a number"),
        ({"inhale": float("nan"), "exhale": 4}, "inhale", "not a finite number"),
        ({"inhale": 0.5, "exhale": 1.0}, "cycle", "at least 2 seconds"),
        (
            {"inhale": 3, "exhale": 5, "hold_after_exhale": 2, "gentle": True},
            "hold_after_exhale",
            "no breath holds",
        ),
    ],
)
def test_bad_values_name_the_field_value_and_range(
    kwargs: dict[str, Any], field: str, fragment: str
) -> None:
    with pytest.raises(PatternError) as info:
        BreathPattern.from_seconds("x", "X", **kwargs)
    assert info.value.field == field
    message = str(info.value)
    assert message.startswith(f"{field}: ")
    assert fragment in message
    assert "allowed:" in message


@pytest.mark.parametrize("bpm", [0, -3, 31, 0.4, "six"])
def test_rate_out_of_range(bpm: object) -> None:
    with pytest.raises(PatternError) as info:
        BreathPattern.from_rate("x", "X", breaths_per_minute=bpm)
    assert info.value.field == "breaths_per_minute"
    assert "breaths per minute" in str(info.value)


def test_rate_with_ratio() -> None:
    p = BreathPattern.from_rate("x", "X", breaths_per_minute=6, inhale_part=2, exhale_part=3)
    assert p.phases[0].seconds == pytest.approx(4.0)
    assert p.phases[1].seconds == pytest.approx(6.0)
    with pytest.raises(PatternError) as info:
        BreathPattern.from_rate("x", "X", breaths_per_minute=6, inhale_part=0)
    assert info.value.field == "inhale_part"


# --- presets ---------------------------------------------------------------------------------


def test_presets_match_the_domain_facts() -> None:
    assert PRESETS["resonance"].breaths_per_minute == pytest.approx(5.5)
    inhale, exhale = PRESETS["resonance"].phases
    assert inhale.seconds == pytest.approx(exhale.seconds)
    assert [p.seconds for p in PRESETS["longer-exhale"].phases] == [4, 6]
    settle = PRESETS["gentle-settle"]
    assert [p.seconds for p in settle.phases] == [3, 5]
    assert settle.gentle and not settle.has_holds
    assert [p.seconds for p in PRESETS["box"].phases] == [4, 4, 4, 4]
    assert [p.seconds for p in PRESETS["4-7-8"].phases] == [4, 7, 8]
    sigh = PRESETS["cyclic-sigh"]
    kinds = [p.kind for p in sigh.phases]
    assert kinds == [PhaseKind.INHALE, PhaseKind.INHALE, PhaseKind.EXHALE]
    inhaled = sigh.phases[0].seconds + sigh.phases[1].seconds
    assert sigh.phases[2].seconds >= 1.8 * inhaled  # a long exhale, about twice the inhales


def test_holds_are_opt_in() -> None:
    default = {p.key for p in available_patterns(allow_holds=False)}
    assert "box" not in default and "4-7-8" not in default
    assert {"resonance", "longer-exhale", "gentle-settle", "cyclic-sigh"} <= default
    assert {p.key for p in available_patterns(allow_holds=True)} == set(PRESETS)
    with pytest.raises(PatternError, match="holds"):
        find_pattern("box", allow_holds=False)
    assert find_pattern("box", allow_holds=True).has_holds
    with pytest.raises(PatternError, match="resonance"):
        find_pattern("nonsense", allow_holds=True)


def test_phase_words_describe_and_name_holds_honestly() -> None:
    words = {p.label for pattern in PRESETS.values() for p in pattern.phases}
    assert {"breathing in", "breathing out", "holding"} <= words
    assert not any(w.startswith("breathe ") or w == "rest" for w in words)


# --- the timeline ------------------------------------------------------------------------------


@given(patterns())
def test_phases_sum_to_the_cycle(pattern: BreathPattern) -> None:
    tl = PacerTimeline(pattern)
    changes = list(tl.phase_changes(0.0, pattern.cycle_seconds * 3 - 1e-6))
    assert len(changes) == 3 * len(pattern.phases)
    for k, (t, index) in enumerate(changes):
        assert index == k % len(pattern.phases)
        cycle, i = divmod(k, len(pattern.phases))
        expected = cycle * pattern.cycle_seconds + sum(p.seconds for p in pattern.phases[:i])
        assert t == pytest.approx(expected, abs=1e-9)
    assert math.fsum(p.seconds for p in pattern.phases) == pytest.approx(pattern.cycle_seconds)


@given(
    patterns(),
    glides,
    st.floats(min_value=0, max_value=4000),
    st.floats(min_value=1e-4, max_value=0.05),
)
@settings(max_examples=300)
def test_level_is_continuous(
    pattern: BreathPattern, glide: Glide | None, t: float, dt: float
) -> None:
    tl = PacerTimeline(pattern, glide=glide)
    a, b = tl.state_at(t), tl.state_at(t + dt)
    # Fastest possible change: the shortest phase, shortened further by the glide's fastest rate.
    speedup = max(tl.rate_at(0.0), pattern.breaths_per_minute) / pattern.breaths_per_minute
    shortest = min(p.seconds for p in pattern.phases) / speedup
    max_slope = math.pi / 2 / shortest
    assert abs(b.level - a.level) <= max_slope * dt * 1.01 + 1e-9
    assert 0.0 <= a.level <= 1.0
    assert tl.cycles_at(t + dt) > tl.cycles_at(t)


@given(patterns(), glides, st.floats(min_value=0, max_value=4000))
def test_state_is_consistent(pattern: BreathPattern, glide: Glide | None, t: float) -> None:
    tl = PacerTimeline(pattern, glide=glide)
    s = tl.state_at(t)
    assert 0.0 <= s.progress <= 1.0
    assert s.cycle == math.floor(tl.cycles_at(t))
    assert s.phase is pattern.phases[s.phase_index]
    assert s.phase_remaining >= 0.0
    assert s.time_left is None and not s.finished


@given(patterns(), glides, st.floats(min_value=0, max_value=5000))
def test_time_of_cycles_inverts_cycles_at(
    pattern: BreathPattern, glide: Glide | None, t: float
) -> None:
    tl = PacerTimeline(pattern, glide=glide)
    assert tl.time_of_cycles(tl.cycles_at(t)) == pytest.approx(t, abs=1e-6)


@given(
    st.sampled_from(list(PRESETS.values())),
    st.floats(min_value=10.5, max_value=30),
    st.floats(min_value=10, max_value=600),
)
def test_glide_slows_monotonically_and_lands_on_the_target(
    pattern: BreathPattern, start_bpm: float, seconds: float
) -> None:
    tl = PacerTimeline(pattern, glide=Glide(start_bpm, seconds))
    assert tl.gliding
    times = [seconds * k / 200 for k in range(201)] + [seconds + 1, seconds + 100]
    rates = [tl.rate_at(t) for t in times]
    assert rates[0] == pytest.approx(start_bpm)
    assert all(b <= a + 1e-12 for a, b in itertools.pairwise(rates))
    assert rates[-1] == pytest.approx(pattern.breaths_per_minute)
    # Breath lengths only ever grow while gliding down.
    starts = [t for t, i in tl.phase_changes(0, seconds + 60) if i == 0]
    lengths = [b - a for a, b in itertools.pairwise(starts)]
    assert all(b >= a - 1e-9 for a, b in itertools.pairwise(lengths))


def test_glide_that_would_speed_up_is_ignored() -> None:
    tl = PacerTimeline(PRESETS["gentle-settle"], glide=Glide(start_bpm=5.0, seconds=60))
    assert not tl.gliding
    assert tl.rate_at(0) == pytest.approx(7.5)


@pytest.mark.parametrize("key", list(PRESETS))
def test_no_drift_after_eight_hours(key: str) -> None:
    pattern = PRESETS[key]
    tl = PacerTimeline(pattern)
    exact_cycle = sum(Fraction(p.seconds) for p in pattern.phases)
    n = int(Fraction(EIGHT_HOURS) / exact_cycle)
    for cycle in (n - 1, n):
        exact = float(cycle * exact_cycle)
        assert abs(tl.time_of_cycles(cycle) - exact) < 1e-6
        just_after = tl.state_at(exact + 1e-6)
        assert just_after.cycle == cycle and just_after.phase_index == 0
        just_before = tl.state_at(exact - 1e-6)
        assert just_before.cycle == cycle - 1
        assert just_before.phase_index == len(pattern.phases) - 1


def test_no_drift_after_eight_hours_with_a_glide() -> None:
    pattern = PRESETS["resonance"]
    glide = Glide(10.0, 180.0)
    tl = PacerTimeline(pattern, glide=glide)
    # Cycles breathed during the glide, integrated exactly (closed form in the module,
    # compared here with a fine numerical integral of the rate).
    steps = 200_000
    h = glide.seconds / steps
    integral = sum(tl.rate_at((k + 0.5) * h) for k in range(steps)) * h / 60
    assert tl.cycles_at(glide.seconds) == pytest.approx(integral, abs=1e-7)
    after = EIGHT_HOURS - glide.seconds
    expected = tl.cycles_at(glide.seconds) + after / pattern.cycle_seconds
    assert tl.cycles_at(EIGHT_HOURS) == pytest.approx(expected, abs=1e-9)
    # And a cycle start found near the end is where the rate says.
    c = math.floor(tl.cycles_at(EIGHT_HOURS))
    t = tl.time_of_cycles(c)
    assert abs(tl.cycles_at(t) - c) < 1e-9


@given(patterns(), glides, st.floats(min_value=1, max_value=1800))
def test_session_ends_at_the_end_of_a_whole_breath(
    pattern: BreathPattern, glide: Glide | None, seconds: float
) -> None:
    tl = PacerTimeline(pattern, seconds, glide)
    assert tl.end_time is not None
    assert tl.end_time >= seconds - 1e-6
    # At most one whole breath more, at the slowest rate from then on (a glide only slows).
    slowest = min(tl.rate_at(seconds), pattern.breaths_per_minute)
    assert tl.end_time - seconds <= 60 / slowest + 1e-6
    cycles = tl.cycles_at(tl.end_time)
    assert cycles == pytest.approx(round(cycles), abs=1e-6)
    end = tl.state_at(tl.end_time)
    assert end.finished and end.time_left == 0.0
    assert end.level == pattern.phases[-1].end_level
    before = tl.state_at(tl.end_time * 0.5)
    assert not before.finished
    assert before.time_left == pytest.approx(tl.end_time * 0.5)


def test_a_rest_between_breaths_keeps_the_level() -> None:
    tl = PacerTimeline(PRESETS["box"])
    assert tl.state_at(5.0).phase.kind is PhaseKind.HOLD_IN
    assert tl.state_at(5.0).level == 1.0
    assert tl.state_at(14.0).phase.kind is PhaseKind.HOLD_OUT
    assert tl.state_at(14.0).level == 0.0
    assert tl.state_at(14.0).phase_remaining == pytest.approx(2.0)


def test_bad_session_length() -> None:
    with pytest.raises(PatternError, match="session_seconds"):
        PacerTimeline(PRESETS["resonance"], 0)
    with pytest.raises(PatternError, match="glide_seconds"):
        Glide(10, 0)
