"""The one clock.

Every moving thing in the app (the breathing shape, the breath tone, cue chimes, the step
timer) is a pure function of the time read from one monotonic clock. Nothing counts ticks.
Tests drive a :class:`FakeClock` and never sleep.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """A monotonic source of seconds."""

    def now(self) -> float: ...


class MonotonicClock:
    """The real clock: ``time.monotonic()`` in seconds."""

    def now(self) -> float:
        return time.monotonic()


class FakeClock:
    """A clock that moves only when told to; for tests."""

    def __init__(self, start: float = 0.0) -> None:
        self._t = float(start)

    def now(self) -> float:
        return self._t

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a monotonic clock cannot go back")
        self._t += seconds

    def set(self, t: float) -> None:
        if t < self._t:
            raise ValueError("a monotonic clock cannot go back")
        self._t = float(t)


class Stopwatch:
    """Elapsed practice time on a clock, excluding the time spent paused.

    A stopwatch is created stopped at zero. ``start`` begins counting, ``pause`` freezes the
    elapsed time and ``resume`` continues from it. The elapsed time is always computed from
    the clock, never accumulated from ticks.
    """

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._origin: float | None = None  # clock time at which elapsed would be zero
        self._frozen = 0.0  # elapsed time while not running

    @property
    def clock(self) -> Clock:
        return self._clock

    @property
    def running(self) -> bool:
        return self._origin is not None

    def start(self, at: float | None = None) -> None:
        """Begin counting now, or at clock time ``at`` (elapsed stays 0 until then: a practice
        can begin exactly when its first sound can be heard)."""
        self._frozen = 0.0
        now = self._clock.now()
        self._origin = now if at is None else max(now, float(at))

    def pause(self) -> None:
        if self._origin is not None:
            self._frozen = max(0.0, self._clock.now() - self._origin)
            self._origin = None

    def resume(self) -> None:
        if self._origin is None:
            self._origin = self._clock.now() - self._frozen

    def elapsed(self) -> float:
        if self._origin is None:
            return self._frozen
        return max(0.0, self._clock.now() - self._origin)

    def origin(self) -> float | None:
        """Clock time at which elapsed time was zero, while running (for renderers
        that map another clock's times onto practice time, such as the audio engine)."""
        return self._origin
