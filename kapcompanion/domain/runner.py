"""One run through a guided exercise, as a state machine driven by the one clock.

Nothing here counts ticks. The runner keeps the practice time (a :class:`Stopwatch`, which
leaves out pauses) and the practice time at which the current step was entered; whenever it
is asked (:meth:`ExerciseRunner.update`, :meth:`ExerciseRunner.state` or any action) it first
catches up: every timed step whose time has run out is closed at exactly its planned length
and the next one begins at that very moment, however long the app was busy. Steps that wait
for the person to continue never end by themselves.

Each stay on a step is a visit ``(step index, seconds)``; going back to a step starts a new
visit. Answers to a step's input are kept by the input's key through back, skip, asking to stop
and finishing early.

The run's states are those of every practice (:mod:`kapcompanion.domain.run_state`): not
started, running, paused, asking to stop ("stop here?": the clock stands still, and keep going
carries on exactly where it was), finished. Moving between steps applies while running or
paused, not while asking.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

from kapcompanion.domain.clock import Clock
from kapcompanion.domain.run_state import CaughtUpRun, Outcome, RunMachine, RunStatus
from kapcompanion.domain.scripts import (
    BodyMapInput,
    Exercise,
    RatingInput,
    Step,
    StepInput,
    TextInput,
)

__all__ = [
    "Answer",
    "ExerciseRunner",
    "Outcome",
    "RunStatus",
    "RunnerError",
    "RunnerState",
    "Visit",
]

#: A rating (0-10), a text, or one tick per checklist item.
Answer = int | str | tuple[bool, ...]


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
    def asking(self) -> bool:
        """ "Stop here?" is being asked (the clock stands still)."""
        return self.status is RunStatus.ASKING

    @property
    def finished(self) -> bool:
        return self.status is RunStatus.FINISHED


class ExerciseRunner(CaughtUpRun):
    """Runs an :class:`Exercise` on a :class:`Clock`.

    Actions (``start``, ``pause``, ``resume``, ``toggle_pause``, ``next``, ``back``,
    ``ask_stop``, ``keep_going``, ``finish_early``, ``stop``) return True when they changed
    something and False when they did not apply (for instance ``pause`` while already paused),
    so keys can be forwarded without checks. ``next`` and ``back`` take an optional
    ``from_step``: the step the person was looking at when they pressed the key. If the runner
    has moved on by itself since, the press is ignored instead of skipping a step they never
    saw.
    """

    def __init__(self, exercise: Exercise, clock: Clock) -> None:
        if not exercise.steps:
            raise RunnerError("an exercise needs at least one step")
        self._exercise = exercise
        self._run = RunMachine(clock)
        self._index = 0
        self._visit_start = 0.0
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
        now = self._run.elapsed()
        status, outcome = self._run.status, self._run.outcome
        step = self._exercise.steps[self._index]
        step_elapsed = 0.0 if status is RunStatus.NOT_STARTED else now - self._visit_start
        step_elapsed = max(0.0, step_elapsed)
        duration = step.duration
        step_left = None if duration is None else max(0.0, duration - step_elapsed)
        planned = self._planned[self._index]
        done_here = min(step_elapsed, planned)
        if outcome is Outcome.COMPLETED:
            time_left, progress = 0.0, 1.0
        else:
            after = self._total - self._planned_before[self._index + 1]
            time_left = max(0.0, planned - step_elapsed) + after
            progress = (self._planned_before[self._index] + done_here) / self._total
            if status is RunStatus.FINISHED:
                time_left = 0.0
        breathing_elapsed: float | None = None
        breathing_done = False
        if step.breathing is not None:
            length = step.breathing.length
            breathing_elapsed = min(step_elapsed, length)
            breathing_done = step_elapsed >= length
        return RunnerState(
            status=status,
            outcome=outcome,
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
        if not self._run.start():
            raise RunnerError("this run has already started; make a new runner to run again")
        self._visit_start = 0.0
        return True

    def next(self, from_step: int | None = None) -> bool:
        """Continue (or skip) to the next step; past the last step the run is completed."""
        if not self._can_move(from_step):
            return False
        now = self._run.elapsed()
        self._close_visit(now)
        if self._index + 1 >= len(self._exercise.steps):
            self._run.finish(Outcome.COMPLETED, now)
        else:
            self._index += 1
            self._visit_start = now
        return True

    def back(self, from_step: int | None = None) -> bool:
        """Go to the previous step (on the first step: begin it again), as a new visit."""
        if not self._can_move(from_step):
            return False
        now = self._run.elapsed()
        self._close_visit(now)
        self._index = max(0, self._index - 1)
        self._visit_start = now
        return True

    def finish_early(self) -> bool:
        """End the run now by choice; answers and times so far are kept."""
        return self._end_now(Outcome.FINISHED_EARLY)

    def stop(self) -> bool:
        """Stop (Esc twice, "Stop here"): end the run now, from any state; answers and times so
        far are kept. A run that never started ends at 0 s."""
        if self._run.status is RunStatus.NOT_STARTED:
            return self._run.finish(Outcome.STOPPED)
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
        if self._run.status is RunStatus.FINISHED:
            return False
        self._answers[key] = value if isinstance(value, int | str) else tuple(value)
        return True

    def clear_answer(self, key: str) -> bool:
        self._catch_up()
        if self._run.status is RunStatus.FINISHED:
            return False
        return self._answers.pop(key, None) is not None

    # --- inside -------------------------------------------------------------------------

    def _catch_up(self) -> None:
        if not self._run.status.going:
            return
        now = self._run.elapsed()
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
                self._run.finish(Outcome.COMPLETED, end)
                return
            self._index += 1
            self._visit_start = end

    def _can_move(self, from_step: int | None) -> bool:
        self._catch_up()
        if self._run.status not in (RunStatus.RUNNING, RunStatus.PAUSED):
            return False
        return from_step is None or from_step == self._index

    def _close_visit(self, now: float) -> None:
        self._visits.append(Visit(self._index, max(0.0, now - self._visit_start)))

    def _end_now(self, outcome: Outcome) -> bool:
        self._catch_up()
        if not self._run.status.going:
            return False
        now = self._run.elapsed()
        self._close_visit(now)
        return self._run.finish(outcome, now)


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
    elif isinstance(spec, BodyMapInput):
        if not isinstance(value, str):
            raise ValueError(f"{spec.key}: expected the marks as lines of text, not {value!r}")
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
