"""The states every practice run shares, on a FakeClock: each way between them, the ones that do
not apply, and the practice time leaving out pauses and asking."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.run_state import Outcome, RunMachine, RunStatus

S = RunStatus
ACTIONS: dict[str, Callable[[RunMachine], bool]] = {
    "start": RunMachine.start,
    "pause": RunMachine.pause,
    "resume": RunMachine.resume,
    "ask_stop": RunMachine.ask_stop,
    "keep_going": RunMachine.keep_going,
    "stop": lambda run: run.finish(Outcome.STOPPED),
    "complete": lambda run: run.finish(Outcome.COMPLETED),
}

#: (state reached by these actions from a new run) -> {action: state after it, if it applies}
TABLE: list[tuple[tuple[str, ...], dict[str, RunStatus]]] = [
    ((), {"start": S.RUNNING, "stop": S.FINISHED}),
    (
        ("start",),
        {"pause": S.PAUSED, "ask_stop": S.ASKING, "stop": S.FINISHED, "complete": S.FINISHED},
    ),
    (
        ("start", "pause"),
        {"resume": S.RUNNING, "ask_stop": S.ASKING, "stop": S.FINISHED, "complete": S.FINISHED},
    ),
    (("start", "ask_stop"), {"keep_going": S.RUNNING, "stop": S.FINISHED, "complete": S.FINISHED}),
    (
        ("start", "pause", "ask_stop"),
        {"keep_going": S.PAUSED, "stop": S.FINISHED, "complete": S.FINISHED},
    ),
    (("start", "stop"), {}),
]


def reached(path: tuple[str, ...]) -> RunMachine:
    run = RunMachine(FakeClock(50.0))
    for action in path:
        assert ACTIONS[action](run), (path, action)
    return run


@pytest.mark.parametrize(("path", "moves"), TABLE)
def test_every_action_in_every_state(path: tuple[str, ...], moves: dict[str, RunStatus]) -> None:
    for action, do in ACTIONS.items():
        run = reached(path)
        before = run.status
        applied = do(run)
        if action in moves:
            assert applied and run.status is moves[action], (path, action)
        else:
            assert not applied and run.status is before, (path, action)


def test_the_statuses_that_are_going_and_still() -> None:
    assert [s for s in S if s.going] == [S.RUNNING, S.PAUSED, S.ASKING]
    assert [s for s in S if s.still] == [S.PAUSED, S.ASKING]


def test_practice_time_leaves_out_pauses_and_asking() -> None:
    clock = FakeClock(100.0)
    run = RunMachine(clock)
    clock.advance(7)  # before the start is not practice
    assert run.elapsed() == 0.0 and run.origin() is None
    run.start()
    assert run.origin() == 107.0
    clock.advance(2)
    run.pause()
    assert run.origin() is None
    clock.advance(10)
    run.resume()
    clock.advance(3)
    run.ask_stop()
    clock.advance(60)
    assert run.elapsed() == pytest.approx(5.0)
    run.keep_going()
    assert run.origin() == pytest.approx(clock.now() - 5.0)
    clock.advance(1)
    assert run.elapsed() == pytest.approx(6.0)


def test_finishing_keeps_the_time_and_the_outcome() -> None:
    clock = FakeClock()
    run = RunMachine(clock)
    run.start()
    clock.advance(4)
    assert run.finish(Outcome.COMPLETED, at=3.5)
    clock.advance(100)
    assert (run.status, run.outcome, run.elapsed()) == (S.FINISHED, Outcome.COMPLETED, 3.5)
    assert not run.finish(Outcome.STOPPED) and run.outcome is Outcome.COMPLETED
    stopped = RunMachine(clock)
    assert not stopped.finish(Outcome.COMPLETED)  # only stopping applies before the start
    assert stopped.finish(Outcome.STOPPED) and stopped.elapsed() == 0.0
    assert Outcome.STOPPED.early and not Outcome.COMPLETED.early


@given(
    st.lists(
        st.tuples(st.sampled_from(sorted(ACTIONS)), st.floats(min_value=0, max_value=100)),
        max_size=40,
    )
)
@settings(max_examples=300, deadline=None)
def test_the_practice_time_is_the_time_spent_running(script: list[tuple[str, float]]) -> None:
    clock = FakeClock()
    run = RunMachine(clock)
    running = 0.0
    for action, dt in script:
        if run.status is S.RUNNING:
            running += dt
        clock.advance(dt)
        before = run.status
        if ACTIONS[action](run):
            assert run.status is not before or action == "stop"
        assert run.elapsed() == pytest.approx(running, abs=1e-6)
        assert (run.outcome is None) == (run.status is not S.FINISHED)
        assert (run.origin() is not None) == (run.status is S.RUNNING)
