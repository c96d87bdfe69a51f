"""One run through a guided exercise, as a state machine driven by the one clock.

Nothing here counts ticks. The runner keeps the practice time (a :class:`Stopwatch`, which
leaves out pauses) and the practice time at which the current step was entered; whenever it
is asked (:meth:`ExerciseRunner.update`, :meth:`ExerciseRunner.state` or any action) it first
catches up: every timed step whose time has run out is closed at exactly its planned length
and the next one begins at that very moment, however long the app was busy. Steps that wait
for the person to continue never end by themselves.

Each stay on a step is a visit ``(step index, seconds)``; going back to a step starts a new
visit. Answers to a step's input are kept by the input's key through back, skip and finishing
early.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import NamedTuple

from kapcompanion.domain.clock import Clock, Stopwatch
from kapcompanion.domain.scripts import Exercise, RatingInput, Step, StepInput, TextInput

#: A rating (0-10), a text, or one tick per checklist item.
Answer = int | str | tuple[bool, ...]


class RunStatus(StrEnum):
    NOT_STARTED = "not-started"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


class Outcome(StrEnum):
    """How a finished run ended."""

    COMPLETED = "completed"  # the last step ended or was continued past
    FINISHED_EARLY = "finished-early"  # the person chose to end before the last step
    STOPPED = "stopped"  # stopped (Esc)

    @property
    def early(self) -> bool:
        return self is not Outcome.COMPLETED


class Visit(NamedTuple):
    """A stay on one step: its 0-based index and the practice seconds spent there."""

    step: int
    seconds: float


class RunnerError(RuntimeError):
    """An action that makes no sense in the runner's state (a bug in the caller)."""


@dataclass(frozen=True)
class RunnerState:
    """Everything a view needs to show a run at one moment.

    A view plays a step's ``sound`` when ``visit_number`` changes (it also changes when the
    same step begins again); steps passed over while catching up are not sounded.
    """

    status: RunStatus
    outcome: Outcome | None
    step_index: int  # 0-based
    step: Step
    step_count: int
    elapsed: float  # practice seconds since start, pauses left out
    step_elapsed: float  # seconds in the current visit
    step_time_left: float | None  # None when the step waits for continue
    time_left: float  # estimate for the rest of the exercise
    progress: float  # 0..1, by planned time
    breathing_elapsed: float | None  # for PacerTimeline.state_at; None without breathing
    breathing_done: bool
    visits: tuple[Visit, ...]  # closed visits; the current one is not among them
    answers: Mapping[str, Answer]
    visit_number: int  # visits before this one; changes whenever a step (re)begins
    step_started_at: float  # practice time at which the current visit began

    @property
    def step_number(self) -> int:
        """1-based, for "step k of n"."""
        return self.step_index + 1

    @property
    def waits_for_continue(self) -> bool:
        return self.step.until_continue

    @property
    def running(self) -> bool:
        return self.status is RunStatus.RUNNING

    @property
    def paused(self) -> bool:
        return self.status is RunStatus.PAUSED

    @property
    def finished(self) -> bool:
        return self.status is RunStatus.FINISHED


class ExerciseRunner:
    """Runs an :class:`Exercise` on a :class:`Clock`.

    Actions (``start``, ``pause``, ``resume``, ``toggle_pause``, ``next``, ``back``,
    ``finish_early``, ``stop``) return True when they changed something and False when they
    did not apply (for instance ``pause`` while already paused), so keys can be forwarded
    without checks. ``next`` and ``back`` take an optional ``from_step``: the step the
    person was looking at when they pressed the key. If the runner has moved on by itself
    since, the press is ignored instead of skipping a step they never saw.
    """

    def __init__(self, exercise: Exercise, clock: Clock) -> None:
        if not exercise.steps:
            raise RunnerError("an exercise needs at least one step")
        self._exercise = exercise
        self._watch = Stopwatch(clock)
        self._status = RunStatus.NOT_STARTED
        self._outcome: Outcome | None = None
        self._index = 0
        self._visit_start = 0.0
        self._end: float | None = None  # practice time at which the run finished
        self._visits: list[Visit] = []
        self._answers: dict[str, Answer] = {}
        self._inputs: dict[str, StepInput] = {i.key: i for _, i in exercise.inputs()}
        planned = [s.planned_seconds for s in exercise.steps]
        self._planned = planned
        self._planned_before = [math.fsum(planned[:k]) for k in range(len(planned) + 1)]
        self._total = self._planned_before[-1]

    # --- reading --------------------------------------------------------------------------

    @property
    def exercise(self) -> Exercise:
        return self._exercise

    @property
    def status(self) -> RunStatus:
        self._catch_up()
        return self._status

    @property
    def outcome(self) -> Outcome | None:
        self._catch_up()
        return self._outcome

    @property
    def visits(self) -> tuple[Visit, ...]:
        self._catch_up()
        return tuple(self._visits)

    @property
    def answers(self) -> Mapping[str, Answer]:
        return MappingProxyType(dict(self._answers))

    def update(self) -> RunnerState:
        """Catch up with the clock and return the state now."""
        return self.state()

    def state(self) -> RunnerState:
        self._catch_up()
        now = self._now()
        step = self._exercise.steps[self._index]
        step_elapsed = 0.0 if self._status is RunStatus.NOT_STARTED else now - self._visit_start
        step_elapsed = max(0.0, step_elapsed)
        duration = step.duration
        step_left = None if duration is None else max(0.0, duration - step_elapsed)
        planned = self._planned[self._index]
        done_here = min(step_elapsed, planned)
        if self._outcome is Outcome.COMPLETED:
            time_left, progress = 0.0, 1.0
        else:
            after = self._total - self._planned_before[self._index + 1]
            time_left = max(0.0, planned - step_elapsed) + after
            progress = (self._planned_before[self._index] + done_here) / self._total
            if self._status is RunStatus.FINISHED:
                time_left = 0.0
        breathing_elapsed: float | None = None
        breathing_done = False
        if step.breathing is not None:
            length = step.breathing.length
            breathing_elapsed = min(step_elapsed, length)
            breathing_done = step_elapsed >= length
        return RunnerState(
            status=self._status,
            outcome=self._outcome,
            step_index=self._index,
            step=step,
            step_count=len(self._exercise.steps),
            elapsed=now,
            step_elapsed=step_elapsed,
            step_time_left=step_left,
            time_left=time_left,
            progress=min(1.0, max(0.0, progress)),
            breathing_elapsed=breathing_elapsed,
            breathing_done=breathing_done,
            visits=tuple(self._visits),
            answers=self.answers,
            visit_number=len(self._visits),
            step_started_at=self._visit_start,
        )

    # --- actions --------------------------------------------------------------------------

    def start(self) -> bool:
        if self._status is not RunStatus.NOT_STARTED:
            raise RunnerError("this run has already started; make a new runner to run again")
        self._watch.start()
        self._status = RunStatus.RUNNING
        self._visit_start = 0.0
        return True

    def pause(self) -> bool:
        self._catch_up()
        if self._status is not RunStatus.RUNNING:
            return False
        self._watch.pause()
        self._status = RunStatus.PAUSED
        return True

    def resume(self) -> bool:
        self._catch_up()
        if self._status is not RunStatus.PAUSED:
            return False
        self._watch.resume()
        self._status = RunStatus.RUNNING
        return True

    def toggle_pause(self) -> bool:
        """Space: pause when running, resume when paused."""
        return self.pause() or self.resume()

    def next(self, from_step: int | None = None) -> bool:
        """Continue (or skip) to the next step; past the last step the run is completed."""
        if not self._can_move(from_step):
            return False
        now = self._now()
        self._close_visit(now)
        if self._index + 1 >= len(self._exercise.steps):
            self._finish(Outcome.COMPLETED, now)
        else:
            self._index += 1
            self._visit_start = now
        return True

    def back(self, from_step: int | None = None) -> bool:
        """Go to the previous step (on the first step: begin it again), as a new visit."""
        if not self._can_move(from_step):
            return False
        now = self._now()
        self._close_visit(now)
        self._index = max(0, self._index - 1)
        self._visit_start = now
        return True

    def finish_early(self) -> bool:
        """End the run now by choice; answers and times so far are kept."""
        return self._end_now(Outcome.FINISHED_EARLY)

    def stop(self) -> bool:
        """Esc: end the run now; answers and times so far are kept."""
        if self._status is RunStatus.NOT_STARTED:
            self._finish(Outcome.STOPPED, 0.0)
            return True
        return self._end_now(Outcome.STOPPED)

    def set_answer(self, key: str, value: Answer) -> bool:
        """Keep an answer for the input ``key``. Returns False once the run has finished.

        Raises ValueError for an unknown key or a value the input does not take (a rating
        outside 0-10, a text longer than allowed, a tick list of the wrong length).
        """
        spec = self._inputs.get(key)
        if spec is None:
            raise ValueError(f"this exercise has no input with the key {key!r}")
        _check_answer(spec, value)
        self._catch_up()
        if self._status is RunStatus.FINISHED:
            return False
        self._answers[key] = value if isinstance(value, int | str) else tuple(value)
        return True

    def clear_answer(self, key: str) -> bool:
        self._catch_up()
        if self._status is RunStatus.FINISHED:
            return False
        return self._answers.pop(key, None) is not None

    # --- inside -------------------------------------------------------------------------

    def _now(self) -> float:
        if self._end is not None:
            return self._end
        return self._watch.elapsed()

    def _catch_up(self) -> None:
        if self._status not in (RunStatus.RUNNING, RunStatus.PAUSED):
            return
        now = self._watch.elapsed()
        steps = self._exercise.steps
        while True:
            duration = steps[self._index].duration
            if duration is None:
                return
            end = self._visit_start + duration
            if now < end:
                return
            self._visits.append(Visit(self._index, duration))
            if self._index + 1 >= len(steps):
                self._finish(Outcome.COMPLETED, end)
                return
            self._index += 1
            self._visit_start = end

    def _can_move(self, from_step: int | None) -> bool:
        self._catch_up()
        if self._status not in (RunStatus.RUNNING, RunStatus.PAUSED):
            return False
        return from_step is None or from_step == self._index

    def _close_visit(self, now: float) -> None:
        self._visits.append(Visit(self._index, max(0.0, now - self._visit_start)))

    def _end_now(self, outcome: Outcome) -> bool:
        self._catch_up()
        if self._status not in (RunStatus.RUNNING, RunStatus.PAUSED):
            return False
        now = self._now()
        self._close_visit(now)
        self._finish(outcome, now)
        return True

    def _finish(self, outcome: Outcome, at: float) -> None:
        self._watch.pause()
        self._end = at
        self._status = RunStatus.FINISHED
        self._outcome = outcome


def _check_answer(spec: StepInput, value: object) -> None:
    if isinstance(spec, RatingInput):
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not spec.minimum <= value <= spec.maximum
        ):
            raise ValueError(
                f"{spec.key}: a rating is a whole number from {spec.minimum} to {spec.maximum}, "
                f"not {value!r}"
            )
    elif isinstance(spec, TextInput):
        if not isinstance(value, str) or len(value) > spec.max_length:
            raise ValueError(f"{spec.key}: expected text of at most {spec.max_length} characters")
    else:
        ticks = value if isinstance(value, Sequence) and not isinstance(value, str) else None
        if (
            ticks is None
            or len(ticks) != len(spec.items)
            or not all(isinstance(v, bool) for v in ticks)
        ):
            raise ValueError(
                f"{spec.key}: expected one true or false for each of the {len(spec.items)} items"
            )
