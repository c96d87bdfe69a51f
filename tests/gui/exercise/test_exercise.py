"""The exercise screen, driven with the keyboard only on a fake clock (no sleeps: the clock is
moved and the screen's tick is called, as its timer would)."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.practice import Kind
from kapcompanion.domain.run_state import RunStatus
from kapcompanion.domain.script_check import parse_script
from kapcompanion.services.events import PacerOn, PracticeEnd, PracticeStart
from kapcompanion.storage.library import load_builtin
from kapcompanion.ui.exercise import fade
from kapcompanion.ui.exercise import screen as exercise_ui
from kapcompanion.ui.exercise.controller import ScreenMode
from kapcompanion.ui.exercise.screen import ExerciseScreen
from kapcompanion.ui.exercise.widgets import AnswerText, ItemCheck, RatingScale
from kapcompanion.ui.practice.stop_ask import StopAsk
from kapcompanion.ui.shell.main_window import ENDED_NOTICE, MainWindow
from tests.helpers.windows import shown_window

START = 1000.0  # the fake clock's reading when the window opens

WALK = """
id = "walk"
title = "A walk through every kind of step"
description = "One step of each kind."
for = ["any-time"]
minutes = 3

[[step]]
text = "Welcome. You might settle in."
seconds = 10
sound = "soft-bell"

[[step]]
text = "A few easy breaths, if it feels right."
breathing = { preset = "resonance", seconds = 20 }
sound = "step-chime"

[[step]]
text = "How settled do you feel?"
until_continue = true

[step.input]
type = "rating"
key = "settled"
low = "not settled"
high = "very settled"

[[step]]
text = "A word for right now?"
until_continue = true

[step.input]
type = "text"
key = "word"
max_length = 20
hint = "a word"

[[step]]
text = "You might look over these."
until_continue = true

[step.input]
type = "checklist"
key = "ready"
items = ["Water nearby", "A blanket", "Someone to call"]

[[step]]
text = "Thank you."
seconds = 5
sound = "bell"
"""
EXERCISE = parse_script(WALK, "walk.toml")
BREATHING = EXERCISE.steps[1].breathing
assert BREATHING is not None
BREATH_S = BREATHING.length  # two whole resonance breaths: 21.8 s


class Hub:
    """Everything the practice hub was told, in order."""

    def __init__(self, window: MainWindow) -> None:
        self.events: list[tuple[str, object]] = []
        hub = window.practice
        hub.started.connect(lambda info: self.events.append(("started", info)))
        hub.paused.connect(lambda: self.events.append(("paused", None)))
        hub.resumed.connect(lambda: self.events.append(("resumed", None)))
        hub.ended.connect(lambda info: self.events.append(("ended", info)))
        hub.pacer.connect(lambda info: self.events.append(("pacer", info)))
        hub.cue.connect(lambda name: self.events.append(("cue", name)))

    def of(self, kind: str) -> list[object]:
        return [value for k, value in self.events if k == kind]

    @property
    def end(self) -> PracticeEnd:
        (end,) = self.of("ended")
        assert isinstance(end, PracticeEnd)
        return end


@pytest.fixture
def window(qtbot):
    return shown_window(qtbot, FakeClock(START))


@pytest.fixture
def hub(window):
    return Hub(window)


def begin(window, exercise=EXERCISE, **options) -> ExerciseScreen:
    screen = window.start_exercise(exercise, **options)
    assert window.current_screen is screen
    return screen


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where a person's key press would go: the focused widget."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has keyboard focus"
    qtbot.keyClick(target, key, modifier)


def later(window, screen: ExerciseScreen, seconds: float) -> None:
    window.clock.advance(seconds)
    screen.tick()


def shown(screen: ExerciseScreen) -> str:
    return screen.step_text.text()


def test_the_first_step_shows_with_quiet_progress_and_the_hub_hears_the_start(window, hub):
    screen = begin(window)
    assert shown(screen) == "Welcome. You might settle in."
    assert screen.progress_label.text() == "Step 1 of 6 · about 2 min left"
    assert window.windowTitle().startswith("A walk through every kind of step")
    (start,) = hub.of("started")
    assert start == PracticeStart(
        kind=Kind.EXERCISE,
        ref="walk",
        title="A walk through every kind of step",
        planned_seconds=pytest.approx(EXERCISE.planned_seconds),
    )
    assert screen.next_button.isVisible() and not screen.continue_button.isVisible()
    assert QApplication.focusWidget() is screen.next_button


def test_timed_steps_move_on_with_the_clock_alone(window, hub):
    screen = begin(window)
    later(window, screen, 9.99)
    assert shown(screen) == "Welcome. You might settle in."
    later(window, screen, 0.01)
    assert shown(screen).startswith("A few easy breaths")
    assert screen.progress_label.text().startswith("Step 2 of 6")
    later(window, screen, BREATH_S - 0.01)
    assert shown(screen).startswith("A few easy breaths")
    later(window, screen, 0.01)
    assert shown(screen) == "How settled do you feel?"
    # A step that waits for the person never moves on by itself.
    later(window, screen, 3600)
    assert shown(screen) == "How settled do you feel?"
    assert screen.continue_button.isVisible() and not screen.next_button.isVisible()


def test_a_busy_moment_catches_up_and_sounds_only_the_step_that_is_shown(window, hub):
    screen = begin(window)
    later(window, screen, 10 + BREATH_S + 0.5)  # both timed steps ran out in one go
    assert shown(screen) == "How settled do you feel?"
    assert hub.of("cue") == ["soft-bell"]  # step 2's chime is not played late
    assert hub.of("pacer") == []


def test_right_skips_and_left_goes_back_as_new_visits(window, qtbot, hub):
    screen = begin(window)
    later(window, screen, 3.0)
    press(qtbot, Qt.Key.Key_Right)
    assert shown(screen).startswith("A few easy breaths")
    later(window, screen, 2.0)
    press(qtbot, Qt.Key.Key_Left)
    assert shown(screen) == "Welcome. You might settle in."
    assert [tuple(v) for v in screen.runner.visits] == [(0, 3.0), (1, 2.0)]
    # Back on the first step begins it again.
    later(window, screen, 1.0)
    press(qtbot, Qt.Key.Key_Left)
    assert shown(screen) == "Welcome. You might settle in."
    assert len(screen.runner.visits) == 3
    # The step's own time starts again with the new visit.
    later(window, screen, 9.9)
    assert shown(screen) == "Welcome. You might settle in."


def test_a_key_pressed_as_the_step_changes_by_itself_does_not_skip_an_unseen_step(
    window, qtbot, hub
):
    screen = begin(window)
    window.clock.advance(10.0)  # step 1 has ended, but the screen has not looked yet
    press(qtbot, Qt.Key.Key_Right)  # meant for step 1, which is over
    assert shown(screen).startswith("A few easy breaths")
    assert screen.runner.state().step_index == 1


def test_enter_continues_a_waiting_step(window, qtbot, hub):
    screen = begin(window)
    later(window, screen, 10 + BREATH_S)
    assert shown(screen) == "How settled do you feel?"
    assert screen.continue_button.objectName() == "primary"
    press(qtbot, Qt.Key.Key_Return)
    assert shown(screen) == "A word for right now?"
    press(qtbot, Qt.Key.Key_Enter)  # the keypad's Enter too, even from the text box
    assert shown(screen) == "You might look over these."


def test_space_pauses_and_time_stands_still_until_it_carries_on(window, qtbot, hub):
    screen = begin(window)
    later(window, screen, 4.0)
    press(qtbot, Qt.Key.Key_Space)
    assert screen.paused
    assert screen.paused_label.isVisible()
    assert screen.pause_button.text() == "Carry on"
    assert screen.timer_interval is None  # nothing moves while paused
    later(window, screen, 120.0)
    assert shown(screen) == "Welcome. You might settle in."
    assert screen.runner.state().elapsed == pytest.approx(4.0)
    press(qtbot, Qt.Key.Key_Space)
    assert not screen.paused and not screen.paused_label.isVisible()
    later(window, screen, 5.99)
    assert shown(screen) == "Welcome. You might settle in."
    later(window, screen, 0.01)
    assert shown(screen).startswith("A few easy breaths")
    assert hub.of("paused") == [None] and hub.of("resumed") == [None]


def go_to(window, screen, qtbot, text: str) -> None:
    for _ in range(len(EXERCISE.steps)):
        if shown(screen) == text:
            return
        press(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert shown(screen) == text


def test_a_rating_is_chosen_with_keys_and_kept_as_the_answer(window, qtbot, hub):
    screen = begin(window)
    go_to(window, screen, qtbot, "How settled do you feel?")
    scale = QApplication.focusWidget()
    assert isinstance(scale, RatingScale) and scale.value is None
    assert "settled" not in screen.runner.answers
    press(qtbot, Qt.Key.Key_7)
    assert scale.value == 7 and screen.runner.answers["settled"] == 7
    press(qtbot, Qt.Key.Key_Right)  # once chosen, Right moves it; it does not leave the step
    press(qtbot, Qt.Key.Key_Up)
    assert scale.value == 9 and shown(screen) == "How settled do you feel?"
    press(qtbot, Qt.Key.Key_End)
    press(qtbot, Qt.Key.Key_Right)  # stays at the end of the scale
    assert screen.runner.answers["settled"] == 10
    press(qtbot, Qt.Key.Key_Home)
    assert screen.runner.answers["settled"] == 0
    press(qtbot, Qt.Key.Key_Backspace)
    assert scale.value is None and "settled" not in screen.runner.answers
    press(qtbot, Qt.Key.Key_Up)  # from no choice, Up lands on the middle
    assert scale.value == 5
    assert screen.hint_label.text() == exercise_ui.HINT_RATING
    press(qtbot, Qt.Key.Key_Return)
    assert shown(screen) == "A word for right now?"
    press(qtbot, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget().value == 5  # shown again as it was chosen


def test_typing_keeps_spaces_and_the_text_survives_back_and_forward(window, qtbot, hub):
    screen = begin(window)
    go_to(window, screen, qtbot, "A word for right now?")
    edit = QApplication.focusWidget()
    assert isinstance(edit, AnswerText)
    assert edit.placeholderText() == "a word"
    qtbot.keyClicks(edit, "warm hands")
    assert not screen.paused  # Space typed a space
    assert screen.runner.answers["word"] == "warm hands"
    assert screen.input_widget.counter.text() == "10 of 20 characters"
    assert screen.hint_label.text() == exercise_ui.HINT_TEXT
    press(qtbot, Qt.Key.Key_Left)  # inside the text, Left moves the cursor
    assert shown(screen) == "A word for right now?"
    press(qtbot, Qt.Key.Key_End)
    press(qtbot, Qt.Key.Key_Return)
    assert shown(screen) == "You might look over these."
    press(qtbot, Qt.Key.Key_Left)  # from a tick box, Left goes back
    assert shown(screen) == "A word for right now?"
    edit = QApplication.focusWidget()
    assert isinstance(edit, AnswerText) and edit.toPlainText() == "warm hands"
    qtbot.keyClicks(edit, ", slow breath and more")  # longer than 20 characters in all
    assert edit.toPlainText() == "warm hands, slow bre"
    assert screen.runner.answers["word"] == "warm hands, slow bre"
    assert screen.input_widget.counter.text() == "20 of 20 characters"


def test_a_checklist_is_ticked_with_space_and_moved_through_with_up_and_down(window, qtbot, hub):
    screen = begin(window)
    go_to(window, screen, qtbot, "You might look over these.")
    first = QApplication.focusWidget()
    assert isinstance(first, ItemCheck) and first.text() == "Water nearby"
    press(qtbot, Qt.Key.Key_Space)
    assert first.isChecked() and not screen.paused
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Space)
    assert screen.runner.answers["ready"] == (True, False, True)
    assert screen.hint_label.text() == exercise_ui.HINT_CHECK
    press(qtbot, Qt.Key.Key_Tab)  # from the last item to the buttons, where Space pauses
    assert QApplication.focusWidget() is screen.back_button
    press(qtbot, Qt.Key.Key_Space)
    assert screen.paused
    press(qtbot, Qt.Key.Key_Space)
    assert not screen.paused


def test_esc_asks_first_and_keep_going_loses_nothing(window, qtbot, hub):
    screen = begin(window)
    go_to(window, screen, qtbot, "A word for right now?")
    qtbot.keyClicks(QApplication.focusWidget(), "here")
    press(qtbot, Qt.Key.Key_Escape)
    assert screen.mode is ScreenMode.PROMPT and screen.runner.status is RunStatus.ASKING
    assert isinstance(screen.prompt_page, StopAsk)  # the one "stop here?" of every practice
    assert screen.stage.currentWidget() is screen.prompt_page
    assert not screen.controls.isVisible()
    assert screen.paused  # time stands still while asking
    assert QApplication.focusWidget() is screen.keep_going_button
    later(window, screen, 60.0)
    assert screen.runner.state().elapsed == pytest.approx(0.0)
    press(qtbot, Qt.Key.Key_Return)  # Enter keeps going
    assert screen.mode is ScreenMode.STEP and not screen.paused
    assert screen.runner.status is RunStatus.RUNNING
    assert screen.controls.isVisible()
    edit = QApplication.focusWidget()
    assert isinstance(edit, AnswerText) and edit.toPlainText() == "here"
    assert hub.of("paused") == [None] and hub.of("resumed") == [None]
    assert hub.of("ended") == []


def test_asking_while_paused_comes_back_paused(window, qtbot, hub):
    screen = begin(window)
    later(window, screen, 2.0)
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Escape)
    assert screen.mode is ScreenMode.PROMPT and not screen.paused_label.isVisible()
    press(qtbot, Qt.Key.Key_Space)  # Space while asking means keep going
    assert screen.mode is ScreenMode.STEP and screen.runner.status is RunStatus.PAUSED
    assert screen.paused_label.isVisible() and screen.pause_button.text() == "Carry on"
    later(window, screen, 30.0)
    assert screen.runner.state().elapsed == pytest.approx(2.0)
    assert hub.of("paused") == [None] and hub.of("resumed") == []  # told once, not twice


def test_esc_twice_stops_and_keeps_answers_and_visits(window, qtbot, hub):
    screen = begin(window)
    later(window, screen, 4.0)
    press(qtbot, Qt.Key.Key_Right)
    later(window, screen, 3.0)
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_8)
    later(window, screen, 2.0)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(QApplication.focusWidget(), "calm")
    later(window, screen, 5.0)
    press(qtbot, Qt.Key.Key_Escape)
    assert window.current_screen is screen
    later(window, screen, 30.0)  # the prompt's time is not practice time
    press(qtbot, Qt.Key.Key_Escape)
    assert window.current_screen is window.home
    assert window.home.notice.text() == ENDED_NOTICE
    end = hub.end
    assert end.outcome == "stopped"
    assert end.seconds == pytest.approx(14.0)
    assert end.steps == ((0, 4.0), (1, 3.0), (2, 2.0), (3, 5.0))
    assert end.answers == {"settled": ("8",), "word": ("calm",)}
    assert screen.finished and screen.outcome == "stopped"


def test_the_stop_here_button_stops_too(window, qtbot, hub):
    screen = begin(window)
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is screen.stop_here_button
    press(qtbot, Qt.Key.Key_Return)
    assert window.current_screen is window.home
    assert hub.end.outcome == "stopped"


def test_a_whole_exercise_by_keyboard_ends_calmly_and_then_goes_home(window, qtbot, hub):
    listed = window.home.exercise_list
    listed.set_library([*listed.exercises, EXERCISE])
    screen = begin(window)
    later(window, screen, 10.0 + BREATH_S)  # the two timed steps pass by themselves
    press(qtbot, Qt.Key.Key_6)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(QApplication.focusWidget(), "steady")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Return)
    assert shown(screen) == "Thank you."
    later(window, screen, 5.0)
    assert screen.mode == "closing"
    assert screen.stage.currentWidget() is screen.closing_page
    assert not screen.controls.isVisible()
    assert QApplication.focusWidget() is screen.home_button
    end = hub.end
    assert end.outcome == "completed"
    assert [i for i, _ in end.steps] == [0, 1, 2, 3, 4, 5]
    assert end.steps[0][1] == pytest.approx(10.0)
    assert end.steps[1][1] == pytest.approx(BREATH_S)
    assert end.steps[5][1] == pytest.approx(5.0)
    assert end.answers == {
        "settled": ("6",),
        "word": ("steady",),
        "ready": ("Water nearby",),
    }
    assert window.current_screen is screen  # the closing words stay until the person goes
    later(window, screen, 600.0)
    assert window.current_screen is screen
    press(qtbot, Qt.Key.Key_Return)
    assert window.current_screen is window.home
    assert window.home.notice.text() == ""  # nothing to say after a completed exercise
    assert window.home.exercise_list.recent.id == "walk"
    assert len(hub.of("ended")) == 1


def test_next_on_the_last_step_completes_the_run(window, qtbot, hub):
    screen = begin(window)
    go_to(window, screen, qtbot, "Thank you.")
    press(qtbot, Qt.Key.Key_Right)
    assert screen.mode == "closing" and hub.end.outcome == "completed"
    press(qtbot, Qt.Key.Key_Escape)  # Esc after the end simply returns home
    assert window.current_screen is window.home


def test_a_cue_sounds_once_per_visit_of_a_step_with_a_sound(window, qtbot, hub):
    screen = begin(window)
    assert hub.of("cue") == ["soft-bell"]
    for _ in range(20):
        later(window, screen, 0.25)
    assert hub.of("cue") == ["soft-bell"]
    later(window, screen, 5.0)  # step 2 begins
    assert hub.of("cue") == ["soft-bell", "step-chime"]
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Space)  # pause and carry on: the same visit, no cue
    later(window, screen, 1.0)
    assert hub.of("cue") == ["soft-bell", "step-chime"]
    press(qtbot, Qt.Key.Key_Left)  # back to step 1: a new visit sounds again
    assert hub.of("cue") == ["soft-bell", "step-chime", "soft-bell"]
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Right)  # a step begun while paused sounds when it carries on
    assert hub.of("cue")[-1] == "soft-bell"
    press(qtbot, Qt.Key.Key_Space)
    assert hub.of("cue") == ["soft-bell", "step-chime", "soft-bell", "step-chime"]


def test_the_pacer_is_placed_on_the_clock_and_sent_again_after_a_pause(window, qtbot, hub):
    screen = begin(window)
    assert not screen.disc.isVisibleTo(screen)
    later(window, screen, 10.0)
    assert screen.disc.isVisibleTo(screen)
    (pacer,) = hub.of("pacer")
    assert isinstance(pacer, PacerOn)
    assert pacer.origin == pytest.approx(START + 10.0)
    assert pacer.timeline.end_time == pytest.approx(BREATH_S)
    assert screen.timer_interval == exercise_ui.FRAME_MS
    later(window, screen, 2.0)
    assert len(hub.of("pacer")) == 1  # not sent again on every frame
    assert screen.breath_word.text() == "breathing in"
    level = screen.disc.level
    assert 0.0 < level < 1.0
    press(qtbot, Qt.Key.Key_Space)
    later(window, screen, 7.5)
    assert screen.disc.level == level  # the shape rests while paused
    press(qtbot, Qt.Key.Key_Space)
    pacers = hub.of("pacer")
    assert len(pacers) == 2
    assert pacers[1].origin == pytest.approx(START + 10.0 + 7.5)
    later(window, screen, BREATH_S - 2.0)  # the breathing step ends
    assert hub.of("pacer")[-1] is None
    assert shown(screen) == "How settled do you feel?"
    assert not screen.disc.isVisibleTo(screen)
    assert screen.timer_interval == exercise_ui.FRAME_MS  # while the next step fades in
    later(window, screen, fade.FADE_S)
    assert screen.timer_interval == exercise_ui.TEXT_MS


def test_leaving_a_breathing_step_early_switches_the_pacer_off(window, qtbot, hub):
    screen = begin(window)
    later(window, screen, 12.0)
    press(qtbot, Qt.Key.Key_Left)
    assert [type(p) for p in hub.of("pacer")] == [PacerOn, type(None)]


def test_steps_fade_gently_from_one_to_the_next_with_the_clock(window, qtbot, hub):
    screen = begin(window)
    later(window, screen, fade.FADE_S)
    assert not screen.fading and screen.stage_opacity == 1.0
    press(qtbot, Qt.Key.Key_Right)
    assert screen.fading and screen.cover.isVisible()
    assert screen.cover.opacity == 1.0 and screen.stage_opacity == 0.0
    old, new = [1.0], [0.0]
    for _ in range(19):
        later(window, screen, fade.FADE_S / 20)
        old.append(screen.cover.opacity)
        new.append(screen.stage_opacity)
    # The old words leave before the new ones come: they never overlap.
    assert all(a == 0.0 or b == 0.0 for a, b in zip(old, new, strict=True))
    assert old == sorted(old, reverse=True) and new == sorted(new)
    assert old[-1] == 0.0 and 0.9 < new[-1] < 1.0
    # Brightness changes slowly: never more than a third of the way in a twentieth of it.
    for seq in (old, new):
        assert max(abs(b - a) for a, b in itertools.pairwise(seq)) < 0.34
    later(window, screen, fade.FADE_S / 20)
    assert not screen.fading and not screen.cover.isVisible() and screen.stage_opacity == 1.0


def test_reduced_motion_cuts_between_steps_and_keeps_the_shape_still(window, qtbot, hub):
    screen = begin(window, reduced_motion=True)
    assert not screen.fading
    later(window, screen, 10.0)
    assert shown(screen).startswith("A few easy breaths")
    assert not screen.fading and screen.stage_opacity == 1.0
    assert screen.disc.reduced_motion
    still = screen.disc.radius
    later(window, screen, 3.0)
    assert screen.disc.radius == still  # the shape stays; only its fill follows the breath
    assert screen.disc.level > 0.0


def test_reduced_motion_follows_the_home_screen_choice(window):
    window.home.reduced_motion_check.setChecked(True)
    screen = begin(window)
    assert screen.reduced_motion


def test_closing_the_window_mid_exercise_records_a_stop(window, hub):
    screen = begin(window)
    later(window, screen, 3.0)
    window.close()
    assert hub.end.outcome == "stopped"
    assert hub.end.seconds == pytest.approx(3.0)


def test_every_shipped_exercise_runs_to_its_closing_words_on_the_clock(window, qtbot):
    for exercise in load_builtin()[0]:
        hub = Hub(window)
        screen = begin(window, exercise, reduced_motion=True)
        for _ in range(len(exercise.steps) + 1):
            if screen.mode == "closing":
                break
            step = screen.runner.state().step
            if step.until_continue:
                press(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
            else:
                later(window, screen, step.duration)
            assert screen.step_text.text()
        assert screen.mode == "closing", exercise.id
        assert hub.end.outcome == "completed"
        assert len(hub.end.steps) == len(exercise.steps)
        expected_cues = [s.sound for s in exercise.steps if s.sound]
        assert hub.of("cue") == expected_cues, exercise.id
        press(qtbot, Qt.Key.Key_Return)
        assert window.current_screen is window.home
