"""Practices run through the app end up in the real SQLite log in the test's data folder.

The window runs on a fake clock: the test moves the clock and calls the screen's tick, as its
timer would. Rows are read back with sqlite3 straight from the file.
"""

from __future__ import annotations

import json
from functools import partial

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.domain.practice import Kind, Status
from kapcompanion.services.events import PracticeEnd, PracticeStart
from kapcompanion.services.log_recorder import PracticeRecorder
from kapcompanion.services.settings import SettingsStore
from kapcompanion.storage import GuestLog, open_log
from kapcompanion.storage.library import load_builtin
from kapcompanion.storage.logs import PracticeLogs
from kapcompanion.storage.paths import database_path
from kapcompanion.ui.breathing.screen import BreathingScreen
from kapcompanion.ui.exercise.screen import ExerciseScreen
from kapcompanion.ui.log.ratings import AFTER, BEFORE, BEFORE_KEYS, WORDS_KEPT, RatingSettings
from tests.gui.services.recording import (
    make_window,
    open_log_copy_records,
    press,
    progress_of_the_only_row,
    prompt_shown,
    queued_calls_ran,
    rows,
    start_breathing_from_home,
)


@pytest.fixture
def logs():
    saved = PracticeLogs(partial(open_log, clock=MonotonicClock()))
    yield saved
    saved.close()


@pytest.fixture
def window(qtbot, logs):
    win = make_window(qtbot, logs)
    yield win
    win.log.shutdown()


def test_a_breathing_practice_is_written_when_it_starts_and_asked_about_only_once(window, qtbot):
    start_breathing_from_home(qtbot, window)
    before = prompt_shown(qtbot, window, BEFORE)
    assert before.go_button.text() == "Begin"
    assert before.go_button.accessibleName() == "Begin, without a number"
    press(qtbot, Qt.Key.Key_4)
    assert before.scale.value == 4
    assert before.go_button.accessibleName() == "Begin, with 4 out of 10"
    press(qtbot, Qt.Key.Key_Return)
    screen = window.current_screen
    assert isinstance(screen, BreathingScreen)

    (row,) = rows()  # written as it begins: a crash would leave a record, not a gap
    assert row["status"] == Status.IN_PROGRESS.value
    assert row["kind"] == "breathing" and row["ref"] == screen.config.pattern.key
    assert row["rating_before"] == 4 and row["planned_s"] == 60.0

    window.clock.advance(60.0)
    with qtbot.waitSignal(window.log.recorder.recorded, timeout=2000):
        screen.tick()  # asked once already, before it began: kept as it is, at once
    assert screen.finished
    (row,) = rows()
    assert row["actual_s"] == pytest.approx(60.0)

    press(qtbot, Qt.Key.Key_Escape)  # "Back home" from the closing words
    queued_calls_ran(qtbot)
    assert window.current_screen is window.home  # asked once already: not again afterwards
    (row,) = rows()
    assert row["status"] == Status.COMPLETED.value
    assert row["actual_s"] == pytest.approx(60.0)
    assert (row["rating_before"], row["rating_after"]) == (4, None)
    assert row["ended_utc"] is not None


def test_a_practice_stopped_early_keeps_its_real_length_and_ratings_can_be_skipped(window, qtbot):
    start_breathing_from_home(qtbot, window, minutes=5)
    prompt_shown(qtbot, window, BEFORE)
    press(qtbot, Qt.Key.Key_Return)  # one key skips
    screen = window.current_screen
    assert isinstance(screen, BreathingScreen)
    window.clock.advance(20.0)
    screen.tick()
    with qtbot.waitSignal(window.log.recorder.recorded, timeout=2000):
        press(qtbot, Qt.Key.Key_Escape)
    queued_calls_ran(qtbot)
    assert window.current_screen is window.home
    (row,) = rows()
    assert row["status"] == Status.STOPPED.value
    assert row["actual_s"] == pytest.approx(20.0)
    assert row["planned_s"] == 300.0
    assert row["rating_before"] is None and row["rating_after"] is None


def test_esc_on_the_question_before_skips_it_and_never_cancels_the_practice(window, qtbot):
    start_breathing_from_home(qtbot, window)
    before = prompt_shown(qtbot, window, BEFORE)
    press(qtbot, Qt.Key.Key_6)
    press(qtbot, Qt.Key.Key_Escape)
    assert isinstance(window.current_screen, BreathingScreen)  # the practice began
    assert window.practice.running is not None
    (row,) = rows()
    assert row["status"] == Status.IN_PROGRESS.value
    assert row["rating_before"] is None  # Esc skips the question: no number is kept
    assert BEFORE_KEYS in before.keys.text() and "Esc begins" in BEFORE_KEYS


def run_five_senses(window, qtbot, answers: dict[str, str]) -> ExerciseScreen:
    exercises, _ = load_builtin()
    five = next(e for e in exercises if e.id == "five-senses")
    window.home.exercise_list.exercise_chosen.emit(five)
    prompt_shown(qtbot, window, BEFORE)
    press(qtbot, Qt.Key.Key_3)
    press(qtbot, Qt.Key.Key_Return)
    screen = window.current_screen
    assert isinstance(screen, ExerciseScreen)
    window.clock.advance(15.0)  # the opening words are timed
    screen.tick()
    for key in ("see", "touch"):
        window.clock.advance(10.0)
        screen.tick()
        qtbot.keyClicks(QApplication.focusWidget(), answers[key])
        press(qtbot, Qt.Key.Key_Return)
    window.clock.advance(5.0)
    screen.tick()
    press(qtbot, Qt.Key.Key_Escape)  # "stop here?"
    press(qtbot, Qt.Key.Key_Escape)  # yes
    return screen


def test_an_exercise_stopped_with_esc_keeps_its_words_and_esc_afterwards_keeps_them(window, qtbot):
    run_five_senses(window, qtbot, {"see": "the lamp", "touch": "my sleeve"})
    # Already in the file before anything is answered: nothing waits on a tick box.
    (row,) = rows()
    assert json.loads(row["inputs"])["answers"] == {"see": ["the lamp"], "touch": ["my sleeve"]}
    after = prompt_shown(qtbot, window, AFTER)
    assert after.words_label.isVisibleTo(after) and after.words_label.text() == WORDS_KEPT
    assert after.forget.isVisibleTo(after) and not after.forget.isChecked()
    assert not after.scale.isVisibleTo(after)  # asked once already, before it began
    press(qtbot, Qt.Key.Key_Escape)
    assert window.current_screen is window.home
    (row,) = rows()
    assert row["kind"] == "exercise" and row["ref"] == "five-senses"
    assert row["status"] == Status.STOPPED.value
    assert row["actual_s"] == pytest.approx(40.0)
    assert (row["rating_before"], row["rating_after"]) == (3, None)
    assert json.loads(row["inputs"])["answers"] == {"see": ["the lamp"], "touch": ["my sleeve"]}
    assert [s[0] for s in row["steps"]] == ["step-1", "step-2", "step-3", "step-4"]
    assert [s[2] for s in row["steps"]] == pytest.approx([15.0, 10.0, 10.0, 5.0])
    assert [s[1] for s in row["steps"]] == pytest.approx([0.0, 15.0, 25.0, 35.0])


def test_words_the_person_chooses_not_to_keep_leave_no_trace_in_the_file(window, qtbot):
    run_five_senses(window, qtbot, {"see": "a private thing", "touch": "another"})
    after = prompt_shown(qtbot, window, AFTER)
    assert QApplication.focusWidget() is after.go_button
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # back to the tick box
    assert QApplication.focusWidget() is after.forget
    press(qtbot, Qt.Key.Key_Space)
    assert after.forget.isChecked()
    press(qtbot, Qt.Key.Key_Return)
    (row,) = rows()
    assert row["status"] == Status.STOPPED.value
    assert "private" not in (row["inputs"] or "") and row["note"] is None
    raw = database_path(create=False).read_bytes()
    wal = database_path(create=False).with_name("practice-log.sqlite3-wal")
    raw += wal.read_bytes() if wal.exists() else b""
    assert b"a private thing" not in raw


def test_closing_the_window_while_asked_finishes_the_practice_with_its_defaults(window, qtbot):
    start_breathing_from_home(qtbot, window)
    prompt_shown(qtbot, window, BEFORE)
    press(qtbot, Qt.Key.Key_Return)
    window.clock.advance(12.0)
    window.current_screen.tick()
    window.close()  # stops the practice; the question afterwards is never answered
    (row,) = rows()
    assert row["status"] == Status.STOPPED.value
    assert row["actual_s"] == pytest.approx(12.0)
    assert row["rating_after"] is None


def test_switching_the_question_off_is_remembered(window, qtbot, private_data_dir):
    start_breathing_from_home(qtbot, window)
    before = prompt_shown(qtbot, window, BEFORE)
    before.ask_again.setChecked(False)
    press(qtbot, Qt.Key.Key_Return)
    assert isinstance(window.current_screen, BreathingScreen)
    assert RatingSettings(SettingsStore()).ask is False  # a new settings object reads it back
    # Not asked afterwards either: the practice is kept as it is, at once.
    with qtbot.waitSignal(window.log.recorder.recorded, timeout=2000):
        press(qtbot, Qt.Key.Key_Escape)
    assert window.current_screen is window.home
    (row,) = rows()
    assert row["status"] == Status.STOPPED.value
    stored = (private_data_dir / "config" / "kapcompanion" / "settings.ini").read_text()
    assert "ask_ratings=false" in stored  # one settings file for the whole app
    start_breathing_from_home(qtbot, window)
    assert isinstance(window.current_screen, BreathingScreen)  # straight in now


def test_the_recorder_takes_a_practice_from_start_to_finish_on_the_hub_alone(qtbot):
    window = make_window(qtbot, PracticeLogs(saved=GuestLog()))
    recorder: PracticeRecorder = window.log.recorder
    recorded = []
    recorder.recorded.connect(recorded.append)
    recorder.ask_ratings = False
    hub = window.practice
    hub.start(PracticeStart(Kind.EXERCISE, "before-dosing", "Before dosing", 420.0))
    hub.end(
        PracticeEnd(
            Status.COMPLETED,
            400.0,
            steps=((0, 100.0), (1, 300.0)),
            answers={"intention": ("to stay curious",), "settled": ("6",)},
        )
    )
    assert recorder.waiting_for_after  # the intention is worth asking about
    prompt = prompt_shown(qtbot, window, AFTER)
    assert not prompt.forget.isChecked() and "to stay curious" in prompt.intention_label.text()
    press(qtbot, Qt.Key.Key_Return)
    (record,) = recorded
    assert record.intention == "to stay curious"
    assert record.answers == {"settled": ("6",)} and record.note is None
    assert record.steps[1].started_s == 100.0


def session_close_end() -> PracticeEnd:
    return PracticeEnd(
        Status.COMPLETED,
        470.0,
        steps=((0, 20.0), (1, 450.0)),
        answers={
            "first-words": ("heavy and warm",),
            "ready-to-leave": ("Water nearby", "Someone to take me home"),
            "settled": ("7",),
        },
    )


def test_the_row_is_finished_at_the_real_end_and_the_answers_join_it_later(window, qtbot):
    recorder: PracticeRecorder = window.log.recorder
    hub = window.practice
    recorder.set_rating_before(None, ask_after=True)  # session close: asked afterwards
    hub.start(PracticeStart(Kind.EXERCISE, "session-close", "Closing a session", 480.0))
    hub.end(session_close_end())
    # Finished at once, with every word: the end time is when the practice ended, not when
    # the question is answered.
    (row,) = rows()
    assert row["status"] == Status.COMPLETED.value
    assert row["actual_s"] == pytest.approx(470.0)
    assert [s[2] for s in row["steps"]] == pytest.approx([20.0, 450.0])
    assert row["ended_utc"] is not None and row["rating_after"] is None
    assert json.loads(row["inputs"])["answers"]["first-words"] == ["heavy and warm"]
    ended = row["ended_utc"]

    after = prompt_shown(qtbot, window, AFTER)
    assert after.scale.isVisibleTo(after) and after.forget.isVisibleTo(after)
    press(qtbot, Qt.Key.Key_8)
    press(qtbot, Qt.Key.Key_Return)
    (row,) = rows()
    assert row["ended_utc"] == ended
    assert (row["rating_before"], row["rating_after"]) == (None, 8)
    # Every kept answer is kept under its own input key; the note stays the person's own.
    assert json.loads(row["inputs"]) == {
        "answers": {
            "first-words": ["heavy and warm"],
            "ready-to-leave": ["Water nearby", "Someone to take me home"],
            "settled": ["7"],
        }
    }
    assert row["note"] is None
    (record,) = open_log_copy_records()
    assert record.answers["ready-to-leave"] == ("Water nearby", "Someone to take me home")


def test_progress_is_kept_every_30_seconds_of_breathing_and_pauses_do_not_count(window, qtbot):
    recorder: PracticeRecorder = window.log.recorder
    recorder.ask_ratings = False
    start_breathing_from_home(qtbot, window, minutes=5)
    screen = window.current_screen
    assert isinstance(screen, BreathingScreen)
    timer = recorder.progress_timer
    assert timer.isActive() and timer.interval() == 30_000  # woken when progress is due
    assert progress_of_the_only_row() == (Status.IN_PROGRESS.value, None)

    window.clock.advance(12.0)
    screen.tick()
    timer.timeout.emit()  # woken early (a timer may be): nothing is due yet
    assert progress_of_the_only_row() == (Status.IN_PROGRESS.value, None)
    assert timer.isActive() and timer.interval() == 18_000

    window.clock.advance(19.0)
    screen.tick()
    timer.timeout.emit()
    status, seconds = progress_of_the_only_row()
    assert status == Status.IN_PROGRESS.value and seconds == pytest.approx(31.0)
    assert timer.interval() == 30_000

    press(qtbot, Qt.Key.Key_Space)  # pause: the screen keeps its own time
    assert screen.paused
    window.clock.advance(100.0)
    timer.timeout.emit()
    assert progress_of_the_only_row()[1] == pytest.approx(31.0)
    press(qtbot, Qt.Key.Key_Space)
    window.clock.advance(30.0)
    screen.tick()
    timer.timeout.emit()
    assert progress_of_the_only_row()[1] == pytest.approx(61.0)

    # A crash now leaves an interrupted row with the time practised so far.
    (left,) = open_log_copy_records()
    assert left.status is Status.INTERRUPTED and left.actual_s == pytest.approx(61.0)

    press(qtbot, Qt.Key.Key_Escape)
    assert not timer.isActive()
    status, seconds = progress_of_the_only_row()
    assert status == Status.STOPPED.value and seconds == pytest.approx(61.0)


def test_progress_of_an_exercise_is_its_screen_s_time_and_pauses_do_not_count(window, qtbot):
    recorder: PracticeRecorder = window.log.recorder
    clock = window.clock
    exercises, _ = load_builtin()
    screen = window.start_exercise(next(e for e in exercises if e.id == "body-scan-10"))
    timer = recorder.progress_timer
    clock.advance(30.0)
    assert recorder.save_progress()
    assert progress_of_the_only_row()[1] == pytest.approx(30.0)
    screen.toggle_pause()  # the screen tells the hub
    assert screen.paused and not timer.isActive()  # nothing to wake for while paused
    clock.advance(300.0)
    assert not recorder.save_progress()
    assert recorder.elapsed() == pytest.approx(30.0)
    screen.toggle_pause()
    assert timer.isActive() and timer.interval() == 30_000
    clock.advance(29.0)
    assert not recorder.save_progress()
    clock.advance(1.5)
    timer.timeout.emit()
    assert progress_of_the_only_row()[1] == pytest.approx(60.5)
    # Closing the app in the middle keeps the time practised, stopped.
    window.close()
    assert progress_of_the_only_row() == (Status.STOPPED.value, pytest.approx(60.5))


def test_the_practice_s_time_is_read_from_the_start_event_and_kept_when_its_screen_goes(window):
    recorder: PracticeRecorder = window.log.recorder
    shown: dict[str, float | None] = {"elapsed": 44.0}

    def screen_elapsed() -> float:
        seconds = shown["elapsed"]
        if seconds is None:
            raise RuntimeError("Internal C++ object already deleted.")
        return seconds

    window.practice.start(
        PracticeStart(Kind.BREATHING, "resonance", "Resonance", 300.0, elapsed=screen_elapsed)
    )
    window.clock.advance(5.0)  # the recorder keeps no time of its own
    assert recorder.save_progress()
    assert progress_of_the_only_row()[1] == pytest.approx(44.0)
    shown["elapsed"] = 80.0
    assert recorder.save_progress()
    assert progress_of_the_only_row()[1] == pytest.approx(80.0)
    shown["elapsed"] = None  # the screen has gone: the time last read stands
    window.clock.advance(70.0)
    assert recorder.elapsed() == pytest.approx(80.0)
    assert not recorder.save_progress() and not recorder.progress_timer.isActive()
    recorder.shutdown()
    assert progress_of_the_only_row() == (Status.STOPPED.value, pytest.approx(80.0))


def test_a_practice_whose_time_cannot_be_read_is_kept_at_its_start_and_its_end(window):
    recorder: PracticeRecorder = window.log.recorder
    recorder.ask_ratings = False
    window.practice.start(PracticeStart(Kind.BREATHING, "resonance", "Resonance", 300.0))
    assert not recorder.progress_timer.isActive()  # nothing to wake for
    window.clock.advance(45.0)
    assert not recorder.save_progress()
    assert progress_of_the_only_row() == (Status.IN_PROGRESS.value, None)
    window.practice.end(PracticeEnd(Status.COMPLETED, 300.0))
    assert progress_of_the_only_row() == (Status.COMPLETED.value, pytest.approx(300.0))
