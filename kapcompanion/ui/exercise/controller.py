"""The exercise screen's decisions, apart from its widgets.

:class:`ExerciseController` drives an :class:`~kapcompanion.domain.runner.ExerciseRunner` for
the screen and tells the practice hub (:class:`PracticeEvents`) what happens: the start,
pauses (asking "stop here?" pauses too), a step's cue sound and recording once per visit, the
pacer of a breathing step placed on the clock, and the end with the visits and answers. The
screen (``ui/exercise/screen.py``) forwards what the person does and shows what the runner
says.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from kapcompanion.domain.clock import Clock
from kapcompanion.domain.exercise_info import answers_for_log
from kapcompanion.domain.pacing import PacerTimeline
from kapcompanion.domain.practice import Kind, Status
from kapcompanion.domain.run_state import RunStatus
from kapcompanion.domain.runner import ExerciseRunner, Outcome, RunnerState
from kapcompanion.domain.scripts import Exercise, Step
from kapcompanion.services.events import PracticeEnd, PracticeEvents, PracticeStart


class ScreenMode(StrEnum):
    """What the exercise screen's stage shows, following the run's state."""

    STEP = "step"  # the step (not started, running or paused)
    PROMPT = "prompt"  # "stop here?" (the run is asking)
    CLOSING = "closing"  # the closing words (the run has finished)

    @classmethod
    def of(cls, status: RunStatus) -> ScreenMode:
        if status is RunStatus.ASKING:
            return cls.PROMPT
        if status is RunStatus.FINISHED:
            return cls.CLOSING
        return cls.STEP


class ExerciseController:
    """One run through ``exercise`` on ``clock``, reported to ``events`` (None: to nobody)."""

    def __init__(self, exercise: Exercise, clock: Clock, events: PracticeEvents | None) -> None:
        self.exercise = exercise
        self.runner = ExerciseRunner(exercise, clock)
        self._clock = clock
        self._events = events
        self._outcome: Status | None = None  # the end, once reported
        self._cued_visit: int | None = None
        self._pacer_on = False
        self._pacer_visit: int | None = None
        self.timeline: PacerTimeline | None = None  # the breathing of the step showing
        self._starts_at: float | None = None

    # -- reading --------------------------------------------------------------------------------

    @property
    def started(self) -> bool:
        return self.runner.status is not RunStatus.NOT_STARTED

    @property
    def outcome(self) -> Status | None:
        """How the run ended, once that has been reported; None while it goes on."""
        return self._outcome

    # -- what the person does -----------------------------------------------------------------

    def start(self, at: float | None = None) -> bool:
        """Begin now, or at clock time ``at`` (when the first step's sound can be heard)."""
        if self.started:
            return False
        self.runner.start(at)
        self._starts_at = at
        if self._events is not None:
            self._events.start(
                PracticeStart(
                    kind=Kind.EXERCISE,
                    ref=self.exercise.id,
                    title=self.exercise.title,
                    planned_seconds=self.exercise.planned_seconds,
                    elapsed=lambda: self.runner.state().elapsed,
                )
            )
        return True

    def next(self, from_step: int) -> bool:
        """Move on from ``from_step`` (ignored when the run has already moved on by itself)."""
        return self.runner.next(from_step=from_step)

    def back(self, from_step: int) -> bool:
        return self.runner.back(from_step=from_step)

    def toggle_pause(self) -> bool:
        """Pause or carry on (while asking "stop here?": keep going)."""
        if self.runner.status is RunStatus.ASKING:
            return self.keep_going()
        if self.runner.pause():
            self._tell_paused()
            return True
        if self.runner.resume():
            self._tell_resumed()
            return True
        return False

    def ask_stop(self) -> bool:
        """ "Stop here?": the run stands still while the person chooses."""
        was_running = self.runner.status is RunStatus.RUNNING
        if not self.runner.ask_stop():
            return False
        if was_running:
            self._tell_paused()
        return True

    def keep_going(self) -> bool:
        """Back to the step as it was; nothing entered is lost."""
        if not self.runner.keep_going():
            return False
        if self.runner.status is RunStatus.RUNNING:
            self._tell_resumed()
        return True

    def stop(self) -> Status | None:
        """End the run now if it is still going (answers kept). Returns the outcome when this
        reported the end."""
        if not self.started or self._outcome is not None:
            return None
        self.runner.stop()
        return self.report_end(self.runner.state())

    def answer(self, key: str, value: object) -> None:
        """Keep what the person entered (an empty text, no choice or no ticks clears it)."""
        if value is None or value == "" or (isinstance(value, tuple) and not any(value)):
            self.runner.clear_answer(key)
        elif isinstance(value, int | str | tuple):
            self.runner.set_answer(key, value)

    # -- what happens by itself -----------------------------------------------------------------

    def report_end(self, state: RunnerState) -> Status | None:
        """Tell the hub how the finished run ended, once. Returns the outcome the first time."""
        if self._outcome is not None or not state.finished:
            return None
        outcome = Status.COMPLETED if state.outcome is Outcome.COMPLETED else Status.STOPPED
        self._outcome = outcome
        self._pacer_on = False  # the hub switches the pacer off with the end
        self.timeline = None
        if self._events is not None:
            self._events.end(
                PracticeEnd(
                    outcome=outcome,
                    seconds=state.elapsed,
                    steps=tuple((v.step, v.seconds) for v in state.visits),
                    answers=answers_for_log(self.exercise, state.answers),
                )
            )
        return outcome

    def step_shown(self, step: Step) -> None:
        """A step (or a new visit to it) shows: the pacer of the one before goes."""
        self.pacer_off()
        self.timeline = step.breathing.timeline() if step.breathing is not None else None

    def cue(self, state: RunnerState) -> None:
        """A step's sound and recording play once as each visit to it begins (not while paused,
        and not for steps passed over while catching up)."""
        if not state.running or state.visit_number == self._cued_visit:
            return
        self._cued_visit = state.visit_number
        if self._events is None:
            return
        if state.step.sound:
            self._events.cue.emit(state.step.sound)
        # The step's recording lives beside the script; "" stops one still playing.
        voice = state.step.voice
        self._events.voice.emit(str(Path(self.exercise.source).parent / voice) if voice else "")

    def follow_pacer(self, state: RunnerState) -> None:
        """Place a breathing step's pacer on the clock for the hub: once per visit, again after
        a pause (its origin moved), and off when the breathing is done."""
        if self.timeline is None or state.breathing_elapsed is None:
            return
        if state.breathing_done:
            self.pacer_off()
            return
        if state.running and self._pacer_visit != state.visit_number:
            # The clock time at which this breathing segment's elapsed time was zero (a run
            # that begins a moment ahead is still at zero until then).
            origin = max(self._clock.now(), self._starts_at or 0.0) - state.breathing_elapsed
            self._pacer_visit = state.visit_number
            self._pacer_on = True
            if self._events is not None:
                self._events.show_pacer(self.timeline, origin)

    def pacer_off(self) -> None:
        if self._pacer_on and self._events is not None:
            self._events.show_pacer(None)
        self._pacer_on = False
        self._pacer_visit = None

    # -- inside ---------------------------------------------------------------------------------

    def _tell_paused(self) -> None:
        if self._events is not None:
            self._events.paused.emit()

    def _tell_resumed(self) -> None:
        self._pacer_visit = None  # the pacer's origin moved with the pause: send it again
        if self._events is not None:
            self._events.resumed.emit()
