"""Breathing together: a pacer the therapist matches to the client's breath, then slows gently.

At the close of a session a regulated therapist may breathe with the client. The pacer shows on
both screens from the one clock. The therapist taps a key as each of the client's in-breaths
begins; from the second tap the pacer takes that rate (the mean of the last few intervals) and,
from the next in-breath the taps predict, glides slower to the chosen pace over a minute or
two. Nothing jumps: the breath in progress is stretched or shortened so that it ends exactly
when the next in-breath is due, so the pacer's in-breath then begins with the client's.

The breath has no holds; its in:out proportion is kept (a longer out-breath by default).
Everything here is a pure function of elapsed practice time, in seconds.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from kapcompanion.domain.pacing import (
    MAX_BPM,
    MIN_BPM,
    BreathPattern,
    Glide,
    PacerState,
    PacerTimeline,
)
from kapcompanion.i18n import N_

#: The client's breath is read from the mean of at most this many recent intervals.
TAP_INTERVALS = 3
#: Taps further apart than this are not one breath to the next (a pause, a missed tap).
LONGEST_BREATH_S = 20.0
#: Taps closer than this are a double press, not a breath.
SHORTEST_BREATH_S = 1.5
#: Seconds the pacer takes to slow from the client's rate to the chosen pace.
GLIDE_S = 90.0
#: How much faster or slower than the client's breath the bridge to their next in-breath may
#: be drawn (a factor).
BRIDGE_TOLERANCE = 1.25
IN_PART, OUT_PART = 4.0, 6.0


@dataclass(frozen=True)
class TogetherPace:
    """Breathing together, as chosen on the present page: the pace to slow towards."""

    bpm: float = 6.0


def shape(bpm: float) -> BreathPattern:
    """A breath with no holds at ``bpm`` breaths a minute, out a little longer than in."""
    bpm = min(MAX_BPM, max(MIN_BPM, bpm))
    return BreathPattern.from_rate(
        "together",
        N_("Breathing together"),
        breaths_per_minute=bpm,
        inhale_part=IN_PART,
        exhale_part=OUT_PART,
        gentle=True,
    )


@dataclass(frozen=True)
class Stretch:
    """One stretch of the pacer from ``start`` (elapsed seconds) with ``cycles`` breaths gone by
    then; ``timeline`` gives it from its own time 0 (open-ended)."""

    start: float
    cycles: float
    timeline: PacerTimeline


def steady(bpm: float, glide_from: float | None = None) -> PacerTimeline:
    """An open-ended pacer at ``bpm``, gliding down to it from ``glide_from`` when that is
    faster."""
    glide = None
    if glide_from is not None and glide_from > bpm + 0.05:
        glide = Glide(min(MAX_BPM, glide_from), GLIDE_S)
    return PacerTimeline(shape(bpm), None, glide)


class BreathingTogether:
    """The pacer's course: where the breath is at any time, and what the taps changed."""

    def __init__(self, target_bpm: float = 6.0) -> None:
        self.target_bpm = min(MAX_BPM, max(MIN_BPM, target_bpm))
        self._stretches = [Stretch(0.0, 0.0, steady(self.target_bpm))]
        self._taps: list[float] = []
        #: The client's rate last read from the taps (None before two taps).
        self.matched_bpm: float | None = None

    def _at(self, t: float) -> Stretch:
        for stretch in reversed(self._stretches):
            if t >= stretch.start:
                return stretch
        return self._stretches[0]

    def cycles_at(self, t: float) -> float:
        stretch = self._at(t)
        return stretch.cycles + stretch.timeline.cycles_at(t - stretch.start)

    def rate_at(self, t: float) -> float:
        stretch = self._at(t)
        return stretch.timeline.rate_at(t - stretch.start)

    def state_at(self, t: float) -> PacerState:
        """Where the breath is at elapsed time ``t`` (its level from 0 to 1, its phase)."""
        stretch = self._at(t)
        local = stretch.timeline.state_at(t - stretch.start)
        return PacerState(
            elapsed=t,
            phase=local.phase,
            phase_index=local.phase_index,
            progress=local.progress,
            cycle=math.floor(self.cycles_at(t)),
            level=local.level,
            phase_remaining=local.phase_remaining,
            time_left=None,
            rate_bpm=local.rate_bpm,
            finished=False,
        )

    def set_target(self, bpm: float, now: float) -> None:
        """A new chosen pace: from the next in-breath the pacer glides there from its rate."""
        self.target_bpm = min(MAX_BPM, max(MIN_BPM, bpm))
        at = self._next_breath_start(now)
        self._stretches = [s for s in self._stretches if s.start <= now]
        self._stretches.append(
            Stretch(at, round(self.cycles_at(at)), steady(self.target_bpm, self.rate_at(at)))
        )

    def tap(self, now: float) -> float | None:
        """An in-breath of the client's begins at ``now``. From the second tap in a row the
        pacer takes the client's rate (returned) and glides from it to the chosen pace."""
        if self._taps and now - self._taps[-1] < SHORTEST_BREATH_S:
            return None  # a double press
        if self._taps and now - self._taps[-1] > LONGEST_BREATH_S:
            self._taps = []  # a pause: begin again
        self._taps = [*self._taps, now][-(TAP_INTERVALS + 1) :]
        if len(self._taps) < 2:
            return None
        intervals = [b - a for a, b in itertools.pairwise(self._taps)]
        period = sum(intervals) / len(intervals)
        bpm = min(MAX_BPM, max(MIN_BPM, 60.0 / period))
        self.matched_bpm = bpm
        self._follow(now, now + period, bpm)
        return bpm

    def _follow(self, now: float, due: float, bpm: float) -> None:
        """Bridge from ``now`` so that a breath ends exactly at ``due`` (the client's next
        in-breath), then breathe at ``bpm`` gliding to the chosen pace."""
        period = 60.0 / bpm
        done = self.cycles_at(now)
        part = math.ceil(done) - done or 1.0  # what is left of the breath in progress

        # End this breath at the client's next in-breath (or a later one), with whole breaths
        # added as needed: the earliest whose pace stays within a quarter of the client's own,
        # else the one nearest it.
        def fit(pair: tuple[float, float]) -> tuple[bool, float, float]:
            off = abs(math.log((pair[1] - now) / (pair[0] * period)))
            return (off > math.log(BRIDGE_TOLERANCE), pair[1], off)

        left, due = min(
            ((part + extra, due + later * period) for extra in (0, 1, 2) for later in (0, 1, 2)),
            key=fit,
        )
        bridge_bpm = min(MAX_BPM, max(MIN_BPM, 60.0 * left / (due - now)))
        due = now + 60.0 * left / bridge_bpm  # the same when within the pacer's range
        self._stretches = [s for s in self._stretches if s.start <= now]
        self._stretches.append(Stretch(now, done, _offset(steady(bridge_bpm), done)))
        self._stretches.append(Stretch(due, done + left, steady(self.target_bpm, glide_from=bpm)))

    def _next_breath_start(self, now: float) -> float:
        stretch = self._at(now)
        whole = math.floor(self.cycles_at(now)) + 1
        return stretch.start + stretch.timeline.time_of_cycles(whole - stretch.cycles)


def _offset(timeline: PacerTimeline, cycles: float) -> PacerTimeline:
    """``timeline`` drawn from part-way through a breath: a bridge begins where the breath in
    progress is (``cycles`` gone by), so its own time 0 is that point of the breath."""
    return _Shifted(timeline, cycles - math.floor(cycles))


class _Shifted(PacerTimeline):
    """A steady pacer whose time 0 falls ``fraction`` of the way through a breath."""

    def __init__(self, base: PacerTimeline, fraction: float) -> None:
        super().__init__(base.pattern)
        self._shift = fraction

    def cycles_at(self, t: float) -> float:
        return super().cycles_at(t + self._shift * self.pattern.cycle_seconds) - self._shift

    def time_of_cycles(self, cycles: float) -> float:
        return (
            super().time_of_cycles(cycles + self._shift) - self._shift * self.pattern.cycle_seconds
        )

    def state_at(self, t: float) -> PacerState:
        return super().state_at(t + self._shift * self.pattern.cycle_seconds)
