"""Where a practice run is, and its practice time on the one clock: what every run shares.

A guided exercise (:mod:`kapcompanion.domain.runner`) and a breathing practice
(:mod:`kapcompanion.domain.breathing_run`) each hold a :class:`RunMachine` and add their own
rules on top (steps that end, a timeline that ends). The states and the ways between them::

    not started --start---------------> running
    not started --finish(stopped)-----> finished, at 0 s
    running     --pause---------------> paused
    paused      --resume--------------> running
    running     --ask_stop------------> asking to stop     (the clock stands still)
    paused      --ask_stop------------> asking to stop
    asking      --keep_going----------> running or paused, whichever it was before asking;
                                        the practice time goes on from exactly where it stood
    running, paused or asking
                --finish(outcome)-----> finished           (what was there is kept)

An action that does not apply in the current state changes nothing and returns False, so a
key can be forwarded without checks. The practice time leaves out pauses and the time spent
asking, and is read from the clock, never counted from ticks.
"""

from __future__ import annotations

from enum import StrEnum

from kapcompanion.domain.clock import Clock, Stopwatch


class RunStatus(StrEnum):
    NOT_STARTED = "not-started"
    RUNNING = "running"
    PAUSED = "paused"
    ASKING = "asking"  # "stop here?" is showing; the clock stands still
    FINISHED = "finished"

    @property
    def going(self) -> bool:
        """Started and not yet finished (running, paused or asking)."""
        return self in (RunStatus.RUNNING, RunStatus.PAUSED, RunStatus.ASKING)

    @property
    def still(self) -> bool:
        """The practice time stands still while the run is going: paused or asking."""
        return self in (RunStatus.PAUSED, RunStatus.ASKING)


class Outcome(StrEnum):
    """How a finished run ended."""

    COMPLETED = "completed"  # it ran to its end (or was continued past its last step)
    FINISHED_EARLY = "finished-early"  # the person chose to end before the last step
    STOPPED = "stopped"  # stopped (Esc, "Stop here", closing the window)

    @property
    def early(self) -> bool:
        return self is not Outcome.COMPLETED


class RunMachine:
    """The states of one run (see the module's description) and its practice time."""

    def __init__(self, clock: Clock) -> None:
        self._watch = Stopwatch(clock)
        self._status = RunStatus.NOT_STARTED
        self._outcome: Outcome | None = None
        self._before_asking = RunStatus.RUNNING
        self._end: float | None = None  # practice time at which the run finished

    @property
    def status(self) -> RunStatus:
        return self._status

    @property
    def outcome(self) -> Outcome | None:
        return self._outcome

    def elapsed(self) -> float:
        """Practice seconds since the start, pauses and asking left out; fixed once finished."""
        if self._end is not None:
            return self._end
        return self._watch.elapsed()

    def origin(self) -> float | None:
        """The clock time at which the practice time was zero, while it runs (for what maps
        the clock onto practice time, such as the audio engine's pacer); None otherwise."""
        return self._watch.origin()

    def start(self, at: float | None = None) -> bool:
        """Begin now, or at clock time ``at``: until then the practice time stays at zero."""
        if self._status is not RunStatus.NOT_STARTED:
            return False
        self._watch.start(at)
        self._status = RunStatus.RUNNING
        return True

    def pause(self) -> bool:
        if self._status is not RunStatus.RUNNING:
            return False
        self._watch.pause()
        self._status = RunStatus.PAUSED
        return True

    def resume(self) -> bool:
        if self._status is not RunStatus.PAUSED:
            return False
        self._watch.resume()
        self._status = RunStatus.RUNNING
        return True

    def ask_stop(self) -> bool:
        """ "Stop here?": the clock stands still until the person answers."""
        if self._status not in (RunStatus.RUNNING, RunStatus.PAUSED):
            return False
        self._before_asking = self._status
        self._watch.pause()
        self._status = RunStatus.ASKING
        return True

    def keep_going(self) -> bool:
        """Back to running or paused, as it was before asking, from the same practice time."""
        if self._status is not RunStatus.ASKING:
            return False
        self._status = self._before_asking
        if self._status is RunStatus.RUNNING:
            self._watch.resume()
        return True

    def finish(self, outcome: Outcome, at: float | None = None) -> bool:
        """End the run with ``outcome`` at practice time ``at`` (now when None). A run that
        never started can only be stopped, at 0 s."""
        if self._status is RunStatus.FINISHED:
            return False
        if self._status is RunStatus.NOT_STARTED:
            if outcome is not Outcome.STOPPED:
                return False
            at = 0.0
        end = self.elapsed() if at is None else at
        self._watch.pause()
        self._end = end
        self._status = RunStatus.FINISHED
        self._outcome = outcome
        return True


class CaughtUpRun:
    """What every practice run offers on top of its :class:`RunMachine`: each read and each
    action first catches up with the clock (a step or a timeline that ran out meanwhile is
    closed), so nothing counts ticks. Subclasses set ``_run`` and say how to catch up."""

    _run: RunMachine

    def _catch_up(self) -> None:
        raise NotImplementedError

    @property
    def status(self) -> RunStatus:
        self._catch_up()
        return self._run.status

    @property
    def outcome(self) -> Outcome | None:
        self._catch_up()
        return self._run.outcome

    def pause(self) -> bool:
        self._catch_up()
        return self._run.pause()

    def resume(self) -> bool:
        self._catch_up()
        return self._run.resume()

    def toggle_pause(self) -> bool:
        """Space: pause when running, resume when paused (nothing while asking to stop)."""
        return self.pause() or self.resume()

    def ask_stop(self) -> bool:
        """ "Stop here?": the clock stands still until the person keeps going or stops."""
        self._catch_up()
        return self._run.ask_stop()

    def keep_going(self) -> bool:
        """Back exactly where it was, running or paused as before asking."""
        self._catch_up()
        return self._run.keep_going()
