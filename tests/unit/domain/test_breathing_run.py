"""A breathing run on a FakeClock: the breath follows the practice time, pauses and "stop here?"
leave it where it was, the end of the timeline completes the run, and stopping keeps the time."""

from __future__ import annotations

import pytest

from kapcompanion.domain.breathing_run import BreathingRun
from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.pacing import PRESETS, PacerTimeline
from kapcompanion.domain.run_state import Outcome, RunStatus

RESONANCE = PRESETS["resonance"]  # 60/5.5/2 s in, the same out
INHALE = 60 / 5.5 / 2
EXACT = 1e-9


def started(minutes: float = 1.0, at: float = 500.0) -> tuple[BreathingRun, FakeClock]:
    clock = FakeClock(at)
    run = BreathingRun(PacerTimeline(RESONANCE, minutes * 60.0), clock)
    assert run.start()
    return run, clock


def test_before_the_start_the_breath_waits_at_its_beginning() -> None:
    clock = FakeClock(20.0)
    run = BreathingRun(PacerTimeline(RESONANCE, 60.0), clock)
    clock.advance(30.0)
    assert run.status is RunStatus.NOT_STARTED and run.elapsed() == 0.0
    state = run.state()
    assert state.label == "breathing in" and state.level == 0.0 and not state.finished
    assert run.pause() is False and run.ask_stop() is False and run.toggle_pause() is False
    assert run.start() is True and run.start() is False


def test_the_breath_follows_the_practice_time() -> None:
    run, clock = started()
    clock.advance(INHALE / 2)
    assert run.state().label == "breathing in" and 0.0 < run.state().level < 1.0
    clock.advance(INHALE)
    assert run.state().label == "breathing out"
    assert run.origin() == 500.0


def test_a_pause_leaves_the_breath_where_it_was() -> None:
    run, clock = started()
    clock.advance(2.0)
    level = run.state().level
    assert run.toggle_pause() and run.status is RunStatus.PAUSED
    assert run.origin() is None
    clock.advance(600.0)
    assert run.state().level == level and run.elapsed() == pytest.approx(2.0, abs=EXACT)
    assert run.toggle_pause() and run.status is RunStatus.RUNNING
    assert run.origin() == pytest.approx(clock.now() - 2.0)
    clock.advance(1.0)
    assert run.elapsed() == pytest.approx(3.0, abs=EXACT)


def test_stop_here_rests_the_breath_and_keep_going_carries_on_exactly() -> None:
    run, clock = started()
    clock.advance(5.0)
    before = run.state()
    assert run.ask_stop() and run.status is RunStatus.ASKING and run.status.still
    assert run.toggle_pause() is False  # Space while asking is the screen's to decide
    clock.advance(90.0)
    assert run.state() == before
    assert run.keep_going() and run.status is RunStatus.RUNNING
    assert run.state() == before
    clock.advance(1.0)
    assert run.elapsed() == pytest.approx(6.0, abs=EXACT)


def test_keep_going_after_a_pause_stays_paused() -> None:
    run, clock = started()
    clock.advance(1.0)
    run.pause()
    run.ask_stop()
    clock.advance(10.0)
    assert run.keep_going() and run.status is RunStatus.PAUSED
    clock.advance(10.0)
    assert run.elapsed() == pytest.approx(1.0, abs=EXACT)


def test_the_end_of_the_timeline_completes_the_run_when_it_is_next_asked() -> None:
    run, clock = started()
    end = run.timeline.end_time
    assert end is not None and end == pytest.approx(6 * 60 / 5.5)
    clock.advance(end - 1e-6)
    assert run.status is RunStatus.RUNNING and not run.completed
    clock.advance(0.5e-6 + 0.01)
    assert run.completed and run.outcome is Outcome.COMPLETED
    assert run.elapsed() == pytest.approx(end + 0.01 - 0.5e-6, abs=1e-6)
    assert run.state().finished
    clock.advance(100.0)
    assert run.elapsed() == pytest.approx(end + 0.01 - 0.5e-6, abs=1e-6)
    # Nothing applies any more, and stopping leaves it completed.
    assert not (run.pause() or run.resume() or run.ask_stop() or run.keep_going())
    assert run.stop() is False and run.outcome is Outcome.COMPLETED


def test_an_action_after_the_end_sees_the_end_first() -> None:
    run, clock = started()
    end = run.timeline.end_time
    assert end is not None
    clock.advance(end + 2.0)  # nobody looked at the end
    assert run.pause() is False and run.completed


def test_stopping_keeps_the_time_at_that_moment() -> None:
    run, clock = started()
    clock.advance(12.5)
    run.ask_stop()
    clock.advance(20.0)
    assert run.stop() is True
    assert run.outcome is Outcome.STOPPED and not run.completed
    assert run.elapsed() == pytest.approx(12.5, abs=EXACT)
    clock.advance(100.0)
    assert run.elapsed() == pytest.approx(12.5, abs=EXACT) and run.origin() is None
    fresh = BreathingRun(PacerTimeline(RESONANCE, 60.0), clock)
    assert fresh.stop() is True and fresh.outcome is Outcome.STOPPED and fresh.elapsed() == 0.0


def test_the_run_reads_the_clock_and_does_not_count_calls() -> None:
    run, clock = started()
    for _ in range(10_000):
        run.state()
    assert run.elapsed() == 0.0
    clock.advance(1.5)
    assert run.elapsed() == pytest.approx(1.5, abs=EXACT)
