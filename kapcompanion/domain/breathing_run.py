"""One breathing practice, as a state machine on the one clock.

The states are those of every practice run (:mod:`kapcompanion.domain.run_state`): not started,
running, paused, asking to stop, finished. The practice time leaves out pauses and the time
spent asking "stop here?"; where the breath is at any moment is the pacer timeline read at
that practice time, so nothing counts ticks.

The run is completed once its practice time reaches the timeline's end (always after a whole
breath). It finishes the first time it is asked after that moment (any reading or action
catches up first), keeping the practice time it had then: the time a person spent with the
breathing until its ending showed. Stopping keeps the practice time at the moment of stopping.
"""

from __future__ import annotations

from kapcompanion.domain.clock import Clock
from kapcompanion.domain.pacing import PacerState, PacerTimeline
from kapcompanion.domain.run_state import CaughtUpRun, Outcome, RunMachine


class BreathingRun(CaughtUpRun):
    """Runs a :class:`PacerTimeline` on a :class:`Clock`.

    Actions (``start``, ``pause``, ``resume``, ``toggle_pause``, ``ask_stop``,
    ``keep_going``, ``stop``) return True when they changed something and False when they did
    not apply, so keys can be forwarded without checks.
    """

    def __init__(self, timeline: PacerTimeline, clock: Clock) -> None:
        self._timeline = timeline
        self._run = RunMachine(clock)

    # --- reading --------------------------------------------------------------------------

    @property
    def timeline(self) -> PacerTimeline:
        return self._timeline

    @property
    def completed(self) -> bool:
        """The practice ran to the end of its timeline."""
        return self.outcome is Outcome.COMPLETED

    def elapsed(self) -> float:
        """Practice seconds since the start, pauses and asking left out."""
        self._catch_up()
        return self._run.elapsed()

    def origin(self) -> float | None:
        """The clock time at which the practice time was zero, while running (where the audio
        engine places the pacer's sound); None when paused, asking, finished or not started."""
        self._catch_up()
        return self._run.origin()

    def state(self) -> PacerState:
        """Where the breath is now (at time zero before the start)."""
        return self._timeline.state_at(self.elapsed())

    # --- actions --------------------------------------------------------------------------

    def start(self, at: float | None = None) -> bool:
        """Begin now, or at clock time ``at`` (the breath stays at its beginning until then, so
        the shape begins to move at the moment its opening bell is heard)."""
        return self._run.start(at)

    def stop(self) -> bool:
        """End the practice now, from any state but finished (a run that never started ends at
        0 s). A practice that had already reached its end stays completed."""
        self._catch_up()
        return self._run.finish(Outcome.STOPPED)

    # --- inside ---------------------------------------------------------------------------

    def _catch_up(self) -> None:
        end = self._timeline.end_time
        if end is not None and self._run.status.going and self._run.elapsed() >= end:
            self._run.finish(Outcome.COMPLETED)
