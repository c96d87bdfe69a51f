"""The exercise runner on a FakeClock: exact timing, catch-up, pause, asking "stop here?", back,
skip, waiting steps, finishing early. No sleeps anywhere."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.pacing import PRESETS
from kapcompanion.domain.runner import (
    ExerciseRunner,
    Outcome,
    RunnerError,
    RunStatus,
    Visit,
)
from kapcompanion.domain.scripts import (
    UNTIL_CONTINUE_ESTIMATE_S,
    Breathing,
    ChecklistInput,
    Exercise,
    Moment,
    RatingInput,
    Step,
    TextInput,
)

US = 1e-6  # one microsecond
EXACT = 1e-9


def exercise(*steps: Step) -> Exercise:
    return Exercise("t", "Test", "A test.", (Moment.ANY_TIME,), 1, tuple(steps))


def timed(seconds: float, **kw: Any) -> Step:
    return Step(f"timed {seconds}", seconds=seconds, **kw)


def waiting(**kw: Any) -> Step:
    return Step("waits", until_continue=True, **kw)


def started(ex: Exercise, at: float = 1000.0) -> tuple[ExerciseRunner, FakeClock]:
    clock = FakeClock(at)
    runner = ExerciseRunner(ex, clock)
    runner.start()
    return runner, clock


# --- timed steps -------------------------------------------------------------------------------


def test_a_timed_step_ends_exactly_when_its_time_is_up() -> None:
    runner, clock = started(exercise(timed(10), timed(20.5), timed(7.25)))
    clock.advance(10 - US)
    s = runner.update()
    assert (s.step_index, s.step_number, s.step_count) == (0, 1, 3)
    assert s.step_time_left == pytest.approx(US, abs=EXACT)
    clock.advance(US)  # exactly 10 s
    s = runner.update()
    assert s.step_index == 1
    assert s.step_elapsed == pytest.approx(0.0, abs=EXACT)
    assert runner.visits == (Visit(0, 10.0),)
    clock.advance(20.5 - US)
    assert runner.state().step_index == 1
    clock.advance(2 * US)
    s = runner.state()
    assert s.step_index == 2
    assert s.step_elapsed == pytest.approx(US, abs=EXACT)


def test_catching_up_over_several_steps_after_a_busy_while() -> None:
    runner, clock = started(exercise(timed(10), timed(20.5), timed(7.25), timed(30)))
    clock.advance(10 + 20.5 + 7.25 + US)  # nobody asked for 37.75 s
    s = runner.update()
    assert s.step_index == 3
    assert s.step_elapsed == pytest.approx(US, abs=EXACT)
    assert s.step_time_left == pytest.approx(30 - US, abs=EXACT)
    assert s.visits == (Visit(0, 10.0), Visit(1, 20.5), Visit(2, 7.25))
    assert s.elapsed == pytest.approx(37.75 + US, abs=EXACT)
    assert s.visit_number == 3 and s.step_started_at == 37.75


def test_catching_up_past_the_end_completes_at_the_exact_end() -> None:
    runner, clock = started(exercise(timed(10), timed(20.5), timed(7.25)))
    clock.advance(500.0)
    s = runner.update()
    assert s.status is RunStatus.FINISHED and s.outcome is Outcome.COMPLETED
    assert s.visits == (Visit(0, 10.0), Visit(1, 20.5), Visit(2, 7.25))
    assert s.elapsed == 37.75  # the end of the last step, not when someone looked
    assert (s.progress, s.time_left) == (1.0, 0.0)
    assert s.step_index == 2 and s.step_time_left == 0.0
    clock.advance(100.0)
    assert runner.state().elapsed == 37.75


def test_reading_often_or_rarely_gives_the_same_result() -> None:
    ex = exercise(timed(3.3), timed(4.4), waiting(), timed(1.1))
    often, clock_a = started(ex)
    rarely, clock_b = started(ex)
    for _ in range(2000):
        clock_a.advance(0.005)
        often.update()
    clock_b.advance(2000 * 0.005)
    a, b = often.state(), rarely.state()
    assert a.step_index == b.step_index == 2
    assert a.visits == b.visits == (Visit(0, 3.3), Visit(1, 4.4))
    assert a.step_elapsed == pytest.approx(b.step_elapsed, abs=EXACT)


# --- waiting steps -------------------------------------------------------------------------


def test_a_step_that_waits_never_moves_on_by_itself() -> None:
    runner, clock = started(exercise(timed(5), waiting(), timed(5)))
    clock.advance(5 + 86_400)
    s = runner.state()
    assert s.step_index == 1 and s.waits_for_continue
    assert s.step_time_left is None
    assert s.step_elapsed == pytest.approx(86_400, abs=EXACT)
    assert runner.next() is True
    s = runner.state()
    assert s.step_index == 2 and not s.waits_for_continue
    assert s.visits == (Visit(0, 5.0), Visit(1, 86_400.0))
    clock.advance(5)
    assert runner.state().outcome is Outcome.COMPLETED


def test_continuing_past_the_last_step_completes() -> None:
    runner, clock = started(exercise(timed(5), waiting()))
    clock.advance(12.5)
    assert runner.next(from_step=1)
    s = runner.state()
    assert s.outcome is Outcome.COMPLETED
    assert s.visits == (Visit(0, 5.0), Visit(1, 7.5))
    assert s.elapsed == 12.5


# --- pause ---------------------------------------------------------------------------------------


def test_pause_stops_time_and_resume_carries_on() -> None:
    runner, clock = started(exercise(timed(10), timed(10)))
    clock.advance(4)
    assert runner.pause() is True
    assert runner.pause() is False
    clock.advance(3600)
    s = runner.state()
    assert s.paused and s.step_index == 0
    assert s.elapsed == pytest.approx(4.0, abs=EXACT)
    assert s.step_time_left == pytest.approx(6.0, abs=EXACT)
    assert runner.resume() is True and runner.resume() is False
    clock.advance(6 - US)
    assert runner.state().step_index == 0
    clock.advance(US)
    s = runner.state()
    assert s.step_index == 1 and s.running
    assert s.visits == (Visit(0, 10.0),)


def test_space_toggles_pause() -> None:
    runner, clock = started(exercise(timed(10)))
    clock.advance(1)
    assert runner.toggle_pause() and runner.status is RunStatus.PAUSED
    clock.advance(30)
    assert runner.toggle_pause() and runner.status is RunStatus.RUNNING
    clock.advance(1)
    assert runner.state().elapsed == pytest.approx(2.0, abs=EXACT)


def test_a_step_that_ended_before_a_pause_is_still_closed_on_time() -> None:
    runner, clock = started(exercise(timed(10), timed(10)))
    clock.advance(12)  # the app was busy; nobody looked at 10 s
    runner.pause()
    clock.advance(100)
    s = runner.state()
    assert s.step_index == 1
    assert s.visits == (Visit(0, 10.0),)
    assert s.step_elapsed == pytest.approx(2.0, abs=EXACT)


def test_moving_while_paused_stays_paused() -> None:
    runner, clock = started(exercise(timed(10), timed(10), timed(10)))
    clock.advance(3)
    runner.pause()
    clock.advance(50)
    assert runner.next()
    s = runner.state()
    assert s.paused and s.step_index == 1 and s.step_elapsed == 0.0
    assert s.visits == (Visit(0, 3.0),)


# --- asking "stop here?" -------------------------------------------------------------------------


def test_asking_to_stop_stands_the_clock_still_and_keep_going_resumes_exactly() -> None:
    runner, clock = started(exercise(timed(10), timed(10)))
    clock.advance(4)
    before = runner.state()
    assert runner.ask_stop() is True and runner.ask_stop() is False
    s = runner.state()
    assert s.asking and s.status is RunStatus.ASKING and not s.paused and not s.running
    clock.advance(3600)  # however long the person takes to answer
    s = runner.state()
    assert (s.step_index, s.elapsed, s.step_elapsed) == (0, before.elapsed, before.step_elapsed)
    assert s.step_time_left == pytest.approx(6.0, abs=EXACT)
    assert runner.keep_going() is True and runner.keep_going() is False
    s = runner.state()
    assert s.running and s.elapsed == before.elapsed and s.visit_number == before.visit_number
    clock.advance(6 - US)
    assert runner.state().step_index == 0
    clock.advance(US)
    assert runner.state().step_index == 1 and runner.visits == (Visit(0, 10.0),)


def test_keep_going_returns_a_paused_run_to_paused() -> None:
    runner, clock = started(exercise(timed(10)))
    clock.advance(2)
    runner.pause()
    clock.advance(5)
    assert runner.ask_stop() is True
    clock.advance(5)
    assert runner.keep_going() is True
    s = runner.state()
    assert s.paused and s.elapsed == pytest.approx(2.0, abs=EXACT)
    clock.advance(5)
    assert runner.state().elapsed == pytest.approx(2.0, abs=EXACT)
    assert runner.resume() is True
    clock.advance(1)
    assert runner.state().elapsed == pytest.approx(3.0, abs=EXACT)


def test_while_asking_nothing_moves_but_answers_are_still_kept() -> None:
    runner, clock = started(exercise(waiting(input=TextInput("x")), timed(10)))
    clock.advance(3)
    runner.ask_stop()
    assert runner.next() is False and runner.back() is False
    assert runner.pause() is False and runner.resume() is False
    assert runner.toggle_pause() is False
    assert runner.set_answer("x", "still here") is True
    s = runner.state()
    assert s.asking and s.step_index == 0 and s.visits == ()


def test_a_step_that_ended_before_asking_is_still_closed_on_time() -> None:
    runner, clock = started(exercise(timed(10), timed(10)))
    clock.advance(12)  # nobody looked at 10 s
    assert runner.ask_stop()
    clock.advance(100)
    s = runner.state()
    assert s.asking and s.step_index == 1 and s.visits == (Visit(0, 10.0),)
    assert s.step_elapsed == pytest.approx(2.0, abs=EXACT)


def test_stop_while_asking_ends_the_run_with_the_answers_kept() -> None:
    runner, clock = started(exercise(timed(5), waiting(input=RatingInput("r", "lo", "hi"))))
    clock.advance(6)
    runner.set_answer("r", 7)
    runner.ask_stop()
    clock.advance(30)  # the time spent asking is not practice time
    assert runner.stop() is True
    s = runner.state()
    assert s.finished and s.outcome is Outcome.STOPPED
    assert dict(s.answers) == {"r": 7}
    assert s.visits == (Visit(0, 5.0), Visit(1, 1.0))
    assert s.elapsed == pytest.approx(6.0, abs=EXACT)
    assert runner.keep_going() is False and runner.ask_stop() is False


def test_finishing_early_while_asking_and_asking_before_the_start() -> None:
    runner, clock = started(exercise(timed(10)))
    clock.advance(1)
    runner.ask_stop()
    assert runner.finish_early() is True and runner.outcome is Outcome.FINISHED_EARLY
    fresh = ExerciseRunner(exercise(timed(10)), FakeClock())
    assert fresh.ask_stop() is False and fresh.keep_going() is False
    assert fresh.status is RunStatus.NOT_STARTED


# --- next (skip) and back ----------------------------------------------------------------------


def test_skipping_a_timed_step_records_the_time_spent() -> None:
    runner, clock = started(exercise(timed(10), timed(20), timed(30)))
    clock.advance(2.5)
    assert runner.next()
    clock.advance(1)
    assert runner.next()
    s = runner.state()
    assert s.step_index == 2
    assert s.visits == (Visit(0, 2.5), Visit(1, 1.0))
    assert s.step_time_left == pytest.approx(30, abs=EXACT)


def test_back_starts_a_new_visit() -> None:
    runner, clock = started(exercise(timed(10), timed(20), timed(30)))
    clock.advance(15)  # 5 s into the second step
    assert runner.back()
    s = runner.state()
    assert s.step_index == 0 and s.step_elapsed == 0.0
    clock.advance(10)
    s = runner.state()
    assert s.step_index == 1
    assert s.visits == (Visit(0, 10.0), Visit(1, 5.0), Visit(0, 10.0))
    assert sum(v.seconds for v in s.visits) + s.step_elapsed == pytest.approx(s.elapsed)


def test_back_on_the_first_step_begins_it_again() -> None:
    runner, clock = started(exercise(timed(10), timed(10)))
    clock.advance(7)
    before = runner.state()
    assert runner.back(from_step=0)
    s = runner.state()
    assert s.step_index == 0 and s.step_time_left == 10.0
    assert s.visits == (Visit(0, 7.0),)
    # Same step, new visit: a view sees the change and may play the step's cue again.
    assert (before.visit_number, s.visit_number) == (0, 1)
    assert (before.step_started_at, s.step_started_at) == (0.0, 7.0)


def test_a_key_pressed_for_a_step_that_already_ended_is_ignored() -> None:
    runner, clock = started(exercise(timed(10), timed(10), timed(10)))
    clock.advance(10 + US)  # the first step ended a moment before the key press arrived
    assert runner.next(from_step=0) is False
    assert runner.back(from_step=0) is False
    assert runner.state().step_index == 1
    assert runner.next(from_step=1) is True
    assert runner.state().step_index == 2


# --- ending ------------------------------------------------------------------------------------


def test_finishing_early_keeps_answers_and_times() -> None:
    ex = exercise(
        waiting(input=RatingInput("settled", "not", "very")),
        waiting(input=TextInput("words", 20)),
        waiting(input=ChecklistInput("ready", ("a", "b"))),
        timed(60),
    )
    runner, clock = started(ex)
    clock.advance(3)
    assert runner.set_answer("settled", 4)
    runner.next()
    clock.advance(2)
    assert runner.set_answer("words", "warm hands")
    runner.back()  # answers survive going back…
    clock.advance(1)
    assert runner.set_answer("settled", 6)
    runner.next()
    runner.next()  # …and skipping
    clock.advance(4)
    runner.set_answer("ready", (True, False))
    runner.next()
    clock.advance(5)
    assert runner.finish_early() is True
    s = runner.state()
    assert s.status is RunStatus.FINISHED and s.outcome is Outcome.FINISHED_EARLY
    assert s.outcome.early
    assert dict(s.answers) == {"settled": 6, "words": "warm hands", "ready": (True, False)}
    assert s.visits == (
        Visit(0, 3.0),
        Visit(1, 2.0),
        Visit(0, 1.0),
        Visit(1, 0.0),
        Visit(2, 4.0),
        Visit(3, 5.0),
    )
    assert s.elapsed == pytest.approx(15.0)
    assert s.time_left == 0.0
    assert 0 < s.progress < 1
    # Nothing changes any more.
    clock.advance(100)
    assert runner.next() is False and runner.back() is False and runner.pause() is False
    assert runner.finish_early() is False and runner.stop() is False
    assert runner.set_answer("settled", 1) is False
    assert runner.state().elapsed == pytest.approx(15.0)
    assert runner.answers["settled"] == 6


def test_stop_ends_the_run_and_keeps_what_was_there() -> None:
    runner, clock = started(exercise(timed(10), waiting(input=TextInput("x"))))
    clock.advance(12)
    runner.set_answer("x", "something")
    assert runner.stop() is True
    s = runner.state()
    assert s.outcome is Outcome.STOPPED and s.answers["x"] == "something"
    assert s.visits == (Visit(0, 10.0), Visit(1, 2.0))


def test_stop_before_start_and_start_twice() -> None:
    runner = ExerciseRunner(exercise(timed(10)), FakeClock())
    s = runner.state()
    assert s.status is RunStatus.NOT_STARTED and s.elapsed == 0.0 and s.progress == 0.0
    assert runner.next() is False and runner.pause() is False
    assert runner.stop() is True
    assert runner.state().outcome is Outcome.STOPPED and runner.visits == ()
    again = ExerciseRunner(exercise(timed(10)), FakeClock())
    again.start()
    with pytest.raises(RunnerError):
        again.start()


# --- answers ------------------------------------------------------------------------------------


def test_answers_are_checked_against_their_input() -> None:
    ex = exercise(
        waiting(input=RatingInput("r", "lo", "hi")),
        waiting(input=TextInput("t", 5)),
        waiting(input=ChecklistInput("c", ("a", "b"))),
    )
    runner, _ = started(ex)
    wrong: list[tuple[str, Any]] = [  # answers of a wrong type on purpose: checked as it runs
        ("r", 11),
        ("r", -1),
        ("r", 2.5),
        ("r", True),
        ("t", "too long"),
        ("t", 3),
        ("c", (True,)),
        ("c", "ab"),
        ("c", (1, 0)),
        ("nope", 1),
    ]
    for key, bad in wrong:
        with pytest.raises(ValueError):
            runner.set_answer(key, bad)
    assert runner.set_answer("r", 0) and runner.set_answer("r", 10)
    ticked: Any = [True, True]  # a list, as a form may give it, where a tuple is declared
    assert runner.set_answer("c", ticked)
    assert runner.answers["c"] == (True, True)
    assert runner.clear_answer("r") and not runner.clear_answer("r")
    assert "r" not in runner.answers
    answers: Any = runner.answers  # read-only to the type checker, and when it runs
    with pytest.raises(TypeError):
        answers["t"] = "x"


# --- what a view needs ------------------------------------------------------------------------


def test_time_left_and_progress() -> None:
    runner, clock = started(exercise(timed(10), waiting(), timed(30)))
    total = 10 + UNTIL_CONTINUE_ESTIMATE_S + 30
    s = runner.state()
    assert s.time_left == pytest.approx(total) and s.progress == 0.0
    clock.advance(4)
    s = runner.state()
    assert s.time_left == pytest.approx(total - 4)
    assert s.progress == pytest.approx(4 / total)
    clock.advance(6 + 5)  # 5 s into the waiting step
    s = runner.state()
    assert s.time_left == pytest.approx(UNTIL_CONTINUE_ESTIMATE_S - 5 + 30)
    clock.advance(100)  # waiting longer than its estimate counts as no time left for it
    s = runner.state()
    assert s.time_left == pytest.approx(30)
    assert s.progress == pytest.approx((10 + UNTIL_CONTINUE_ESTIMATE_S) / total)


def test_a_breathing_segment_runs_with_its_step() -> None:
    settle = Breathing(PRESETS["gentle-settle"], 60)  # 8 s breaths: 64 s of breathing
    ex = exercise(
        timed(5),
        Step("breathe", breathing=settle),
        Step("breathe, then stay", until_continue=True, breathing=settle),
    )
    runner, clock = started(ex)
    assert runner.state().breathing_elapsed is None
    clock.advance(5 + 12.5)
    s = runner.state()
    assert s.step_index == 1
    assert s.breathing_elapsed == pytest.approx(12.5, abs=EXACT)
    assert not s.breathing_done
    assert s.step.breathing is not None and s.breathing_elapsed is not None
    timeline = s.step.breathing.timeline()
    assert timeline.state_at(s.breathing_elapsed).cycle == 1
    clock.advance(64 - 12.5)  # the segment's whole breaths are over: the step moves on
    s = runner.state()
    assert s.step_index == 2 and s.breathing_elapsed == pytest.approx(0.0, abs=EXACT)
    assert runner.visits[-1] == Visit(1, 64.0)
    clock.advance(70)
    s = runner.state()
    assert s.step_index == 2 and s.breathing_done and s.breathing_elapsed == 64.0
    assert s.waits_for_continue and s.step_time_left is None
    runner.back()
    assert runner.state().breathing_elapsed == 0.0  # a new visit breathes from the start


def test_the_runner_reads_the_clock_and_does_not_count_calls() -> None:
    runner, clock = started(exercise(timed(1.0), timed(1.0)))
    for _ in range(10_000):
        runner.state()  # asking many times moves nothing
    assert runner.state().elapsed == 0.0
    clock.advance(1.5)
    assert runner.state().step_index == 1


# --- properties ---------------------------------------------------------------------------------

actions = st.sampled_from(
    ["wait", "wait", "wait", "next", "back", "pause", "resume", "ask", "keep"]
)


@given(
    st.lists(st.one_of(st.floats(min_value=0.5, max_value=60), st.none()), min_size=1, max_size=6),
    st.lists(st.tuples(actions, st.floats(min_value=0, max_value=40)), max_size=30),
)
@settings(max_examples=300, deadline=None)
def test_visits_always_account_for_the_practice_time(
    durations: list[float | None], script: list[tuple[str, float]]
) -> None:
    steps = [timed(d) if d is not None else waiting() for d in durations]
    runner, clock = started(exercise(*steps))
    paused_for = 0.0
    for action, dt in script:
        before = runner.state()
        clock.advance(dt)
        if before.status.still:  # paused, or asking "stop here?"
            paused_for += dt
        if action == "next":
            runner.next()
        elif action == "back":
            runner.back()
        elif action == "pause":
            runner.pause()
        elif action == "resume":
            runner.resume()
        elif action == "ask":
            runner.ask_stop()
        elif action == "keep":
            runner.keep_going()
        s = runner.state()
        spent = math.fsum(v.seconds for v in s.visits)
        if s.finished:
            assert spent == pytest.approx(s.elapsed, abs=1e-6)
            break
        assert spent + s.step_elapsed == pytest.approx(s.elapsed, abs=1e-6)
        assert s.elapsed == pytest.approx(clock.now() - 1000.0 - paused_for, abs=1e-6)
        assert 0.0 <= s.progress <= 1.0
        assert s.time_left >= 0.0
        duration = s.step.duration
        if duration is not None:
            assert s.step_elapsed < duration  # a timed step never outstays its time
        for visit in s.visits:
            step_duration = steps[visit.step].duration
            assert visit.seconds >= 0
            if step_duration is not None:
                assert visit.seconds <= step_duration + 1e-9


@given(st.lists(st.floats(min_value=0.001, max_value=100), min_size=1, max_size=8), st.data())
@settings(max_examples=300, deadline=None)
def test_the_step_at_any_time_follows_the_planned_boundaries(
    durations: list[float], data: st.DataObject
) -> None:
    runner, clock = started(exercise(*(timed(d) for d in durations)))
    bounds = [math.fsum(durations[:k]) for k in range(len(durations) + 1)]
    t = data.draw(st.floats(min_value=0, max_value=bounds[-1] * 1.2))
    clock.advance(t)
    s = runner.state()
    # Within a few ulps of a boundary, float rounding of the clock decides the side.
    assume(min(abs(t - b) for b in bounds) > 1e-9)
    if t >= bounds[-1]:
        assert s.outcome is Outcome.COMPLETED
        assert [v.seconds for v in s.visits] == durations
        assert s.elapsed == pytest.approx(bounds[-1], abs=1e-9)
        return
    k = max(i for i in range(len(durations)) if bounds[i] <= t)
    assert s.step_index == k
    assert s.step_elapsed == pytest.approx(t - bounds[k], abs=1e-9)
    assert [v.seconds for v in s.visits] == durations[:k]
