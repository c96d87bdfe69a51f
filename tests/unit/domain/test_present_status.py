"""What presentation mode's controls show, from an exercise run or a breathing run (no Qt)."""

from __future__ import annotations

import pytest

from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.breathing_run import BreathingRun
from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.pacing import PRESETS
from kapcompanion.domain.present_status import (
    BREATHING_POSITION,
    LAST_STEP,
    breathing_status,
    exercise_status,
    first_words,
)
from kapcompanion.domain.run_state import RunStatus
from kapcompanion.domain.runner import ExerciseRunner
from kapcompanion.domain.scripts import Exercise, Moment, Step

EXERCISE = Exercise(
    "t",
    "Settling",
    "A test.",
    (Moment.ANY_TIME,),
    1,
    (
        Step("Feet on the floor, hands resting in your lap, eyes soft or closed.", seconds=60),
        Step("Notice three sounds.", seconds=30),
    ),
)


def test_first_words_of_a_step() -> None:
    assert first_words("One two three.") == "One two three."
    assert first_words("a b c d e f g h i j k", 4) == "a b c d…"
    assert first_words("Feet on the floor, hands resting.", 4) == "Feet on the floor…"


def test_an_exercise_before_its_start() -> None:
    s = exercise_status(EXERCISE, None, ended=False)
    assert (s.title, s.position, s.next) == ("Settling", "Step 1 of 2", "Notice three sounds.")
    assert s.now == "Feet on the floor, hands resting in your lap, eyes soft or closed."
    assert s.time_left == "about 2 min left"
    assert s.has_steps and not (s.paused or s.asking or s.ended or s.can_move)


def test_an_exercise_running_paused_asking_and_over() -> None:
    clock = FakeClock()
    runner = ExerciseRunner(EXERCISE, clock)
    runner.start()
    clock.advance(61)
    s = exercise_status(EXERCISE, runner.state(), ended=False)
    assert (s.position, s.next, s.time_left) == ("Step 2 of 2", LAST_STEP, "under a minute left")
    assert s.can_move and not s.paused
    runner.pause()
    s = exercise_status(EXERCISE, runner.state(), ended=False)
    assert s.paused and s.can_move and not s.asking
    runner.ask_stop()
    s = exercise_status(EXERCISE, runner.state(), ended=False)
    assert s.asking and s.paused and not s.can_move  # time stands still while asking
    closed = exercise_status(EXERCISE, runner.state(), ended=True)
    assert closed.ended and closed.time_left == "" and not closed.can_move
    runner.stop()
    s = exercise_status(EXERCISE, runner.state(), ended=False)
    assert s.ended and not s.can_move and not s.asking


@pytest.mark.parametrize(
    ("status", "paused", "asking"),
    [
        (RunStatus.RUNNING, False, False),
        (RunStatus.PAUSED, True, False),
        (RunStatus.ASKING, True, True),
    ],
)
def test_a_breathing_practice(status: RunStatus, paused: bool, asking: bool) -> None:
    config = BreathingConfig(PRESETS["resonance"], minutes=1, glide=False)
    run = BreathingRun(config.timeline(), FakeClock())
    s = breathing_status(config, run.state(), status, ended=False)
    assert (s.title, s.position) == ("Breathing · Resonance", BREATHING_POSITION)
    assert (s.now, s.next, s.time_left) == ("breathing in", "", "1:06 left")
    assert (s.paused, s.asking) == (paused, asking)
    assert not s.has_steps and not s.can_move
    over = breathing_status(config, run.state(), RunStatus.FINISHED, ended=True)
    assert over.ended and over.now == "" and over.time_left == ""
    assert breathing_status(config, None, status, ended=False).now == ""
