"""A practice can begin at a clock time a moment ahead (when its first sound can be heard):
until then its time stays at zero and the breath at its beginning; from then it runs as usual."""

from __future__ import annotations

import pytest

from kapcompanion.domain.breathing_run import BreathingRun
from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.pacing import PRESETS, PacerTimeline
from kapcompanion.domain.run_state import RunStatus
from kapcompanion.domain.runner import ExerciseRunner
from kapcompanion.domain.scripts import Exercise, Moment, Step

EXACT = 1e-9


def test_a_breathing_run_waits_at_its_beginning_until_its_start_time() -> None:
    clock = FakeClock(100.0)
    run = BreathingRun(PacerTimeline(PRESETS["resonance"], 60.0), clock)
    assert run.start(at=100.12)
    assert run.status is RunStatus.RUNNING
    assert run.origin() == pytest.approx(100.12, abs=EXACT)
    clock.set(100.1)
    assert run.elapsed() == 0.0 and run.state().level == 0.0
    clock.set(101.12)
    assert run.elapsed() == pytest.approx(1.0, abs=EXACT)


def test_a_pause_before_the_start_time_keeps_the_beginning() -> None:
    clock = FakeClock(100.0)
    run = BreathingRun(PacerTimeline(PRESETS["resonance"], 60.0), clock)
    run.start(at=100.5)
    clock.set(100.2)
    assert run.pause() and run.elapsed() == 0.0
    clock.set(110.0)
    assert run.resume()
    clock.set(112.0)
    assert run.elapsed() == pytest.approx(2.0, abs=EXACT)


def test_a_start_time_already_past_begins_now() -> None:
    clock = FakeClock(100.0)
    run = BreathingRun(PacerTimeline(PRESETS["resonance"], 60.0), clock)
    run.start(at=99.0)  # never a head start on the practice
    assert run.origin() == 100.0 and run.elapsed() == 0.0


def test_an_exercise_waits_at_its_first_step_until_its_start_time() -> None:
    steps = (Step("one", seconds=10), Step("two", seconds=10))
    clock = FakeClock(50.0)
    runner = ExerciseRunner(Exercise("t", "Test", "A test.", (Moment.ANY_TIME,), 1, steps), clock)
    runner.start(at=50.25)
    clock.set(50.2)
    assert runner.state().elapsed == 0.0 and runner.state().step_index == 0
    clock.set(60.25 - 1e-6)
    assert runner.state().step_index == 0
    clock.set(60.25 + 1e-6)
    assert runner.state().step_index == 1
