"""The exercise screen: one step at a time, in large calm text.

The screen is a view of an :class:`~kapcompanion.domain.runner.ExerciseRunner`. One timer asks
the runner for its state (read from the one clock) and shows it; nothing counts timer ticks.
Steps change with a gentle cross-fade whose opacity is also a function of the clock (a cut when
reduced motion is asked for), so brightness only ever changes slowly.

Keys: Space pauses (a text box or a focused tick box keeps Space for itself), Right or Enter
moves on, Left goes back, Esc asks "stop here?" and a second Esc stops. Whatever the person wrote
or chose is kept when they stop.

What happens is reported to the practice hub (:class:`PracticeEvents`): the start, pauses, the
pacer of a breathing step on the clock, a cue sound and the step's recording (if any) once per
step visit, and the end with the visits and answers.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.clock import Clock
from kapcompanion.domain.exercise_info import answers_for_log, step_progress
from kapcompanion.domain.pacing import PacerTimeline, ease
from kapcompanion.domain.practice import Kind, Status
from kapcompanion.domain.runner import ExerciseRunner, Outcome, RunnerState, RunStatus
from kapcompanion.domain.scripts import ChecklistInput, Exercise, RatingInput, Step, TextInput
from kapcompanion.services.events import PracticeEnd, PracticeEvents, PracticeStart
from kapcompanion.ui.breathing.disc import BreathDisc
from kapcompanion.ui.exercise.widgets import (
    AnswerText,
    ChecklistInputWidget,
    FadeCover,
    ItemCheck,
    ProgressLine,
    RatingInputWidget,
    RatingScale,
    TextInputWidget,
    exercise_styles,
)
from kapcompanion.ui.shell.theme import DARK, Theme

#: Timer interval while something moves (the pacer, a fade): about sixty frames a second.
FRAME_MS = 16
#: Timer interval while only text may change: about thirty times a second is plenty.
TEXT_MS = 33
#: How long one step takes to fade into the next, in seconds; the first part of it (a share of
#: FADE_OUT_SHARE) fades the old step out, the rest fades the new one in.
FADE_S = 1.0
FADE_OUT_SHARE = 0.4

PAUSED_TEXT = "Paused. Whenever you are ready, Space or Carry on continues."
STOP_TITLE = "Stop here?"
STOP_TEXT = "Anything you wrote or chose so far is kept. You can also keep going."
STOP_HINT = "Enter keeps going · Esc again stops"
CLOSING_TITLE = "That is the end of this exercise."
CLOSING_TEXT = "You might take a moment before moving on. You can stay here as long as you like."
CLOSING_HINT = "Enter or Esc returns home"
HINT_PLAIN = "Space pauses · Left goes back · Right moves on · Esc stops"
HINT_TEXT = "Type if you like · Enter moves on · Alt+Left goes back · Esc stops"
HINT_RATING = "Arrow keys or 0-9 choose · Enter moves on · Alt+Left goes back · Esc stops"
HINT_CHECK = "Space ticks · Up and Down move · Enter moves on · Left goes back · Esc stops"

STEP_TEXT_WIDTH = 900
DISC_MAX_HEIGHT = 560


class ExerciseScreen(QWidget):
    """One run through an exercise. Emits ``ended(outcome, seconds)`` once when the run ends
    ("completed" or "stopped") and ``closed`` when the person leaves the screen."""

    closed = Signal()
    ended = Signal(str, float)

    def __init__(
        self,
        exercise: Exercise,
        clock: Clock,
        theme: Theme = DARK,
        *,
        events: PracticeEvents | None = None,
        reduced_motion: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(exercise_styles(theme))
        self.exercise = exercise
        self.title = exercise.title
        self.reduced_motion = reduced_motion
        self.runner = ExerciseRunner(exercise, clock)
        self.state: RunnerState | None = None
        self._clock = clock
        self._theme = theme
        self._events = events
        self._mode = "step"  # "step", "prompt" (stop here?) or "closing"
        self._started = False
        self._outcome: Status | None = None
        self._left = False
        self._resume_after_prompt = False
        self._shown_visit: int | None = None
        self._shown_index = 0
        self._cued_visit: int | None = None
        self._pacer_on = False
        self._pacer_visit: int | None = None
        self._timeline: PacerTimeline | None = None
        self._fade_start: float | None = None
        self._shown: dict[str, object] = {}
        self.input_widget: QWidget | None = None

        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TEXT_MS)
        self._timer.timeout.connect(self.tick)

        # -- progress, quiet, at the top ------------------------------------------------------
        self.progress_label = QLabel("")
        self.progress_label.setObjectName("hint")
        self.progress_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress_label.setAccessibleName("progress")
        self.progress_line = ProgressLine(theme)
        self.progress_line.setFixedWidth(420)

        # -- the stage: the step, the stop prompt, the closing words -----------------------------
        self.stage = QStackedWidget()
        self._opacity = QGraphicsOpacityEffect(self.stage)
        self._opacity.setOpacity(1.0)
        self._opacity.setEnabled(False)
        self.stage.setGraphicsEffect(self._opacity)
        self._build_step_page()
        self._build_prompt_page()
        self._build_closing_page()
        self.cover = FadeCover(self)

        # -- controls, always visible while a step shows -----------------------------------------
        self.paused_label = QLabel(PAUSED_TEXT)
        self.paused_label.setObjectName("paused")
        self.paused_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.paused_label.setVisible(False)

        self.back_button = self._button("Back", "Go back to the previous step", self.back)
        self.pause_button = self._button("Pause", "Pause the exercise", self.toggle_pause)
        self.next_button = self._button("Next", "Move on to the next step", self.next)
        self.continue_button = self._button("Continue", "Continue to the next step", self.next)
        self.continue_button.setObjectName("primary")
        self.stop_button = self._button("Stop", "Stop the exercise", self.request_stop)
        self.controls = QWidget()
        row = QHBoxLayout(self.controls)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        row.addStretch(1)
        for button in (
            self.back_button,
            self.pause_button,
            self.next_button,
            self.continue_button,
            self.stop_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        self.hint_label = QLabel(HINT_PLAIN)
        self.hint_label.setObjectName("hint")
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 20, 48, 20)
        layout.setSpacing(8)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress_line, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.stage, 1)
        layout.addWidget(self.paused_label)
        layout.addWidget(self.controls)
        layout.addWidget(self.hint_label)
        self.setTabOrder(self.back_button, self.pause_button)
        self.setTabOrder(self.pause_button, self.next_button)
        self.setTabOrder(self.next_button, self.continue_button)
        self.setTabOrder(self.continue_button, self.stop_button)

        alt = Qt.KeyboardModifier.AltModifier
        self._keys = [
            self._shortcut(QKeySequence(Qt.Key.Key_Right), self.next),
            self._shortcut(QKeySequence(Qt.Key.Key_Left), self.back),
            # Alt+arrows move between steps even from a text box or the rating.
            self._shortcut(QKeySequence(alt | Qt.Key.Key_Right), self.next),
            self._shortcut(QKeySequence(alt | Qt.Key.Key_Left), self.back),
            self._shortcut(QKeySequence(Qt.Key.Key_Return), self._enter),
            self._shortcut(QKeySequence(Qt.Key.Key_Enter), self._enter),
        ]
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    # -- building ---------------------------------------------------------------------------

    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.clicked.connect(slot)
        return button

    def _shortcut(self, keys: QKeySequence, slot: object) -> QShortcut:
        shortcut = QShortcut(keys, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.setAutoRepeat(False)
        shortcut.activated.connect(slot)
        return shortcut

    def _words(self, name: str, text: str = "") -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setMaximumWidth(STEP_TEXT_WIDTH)
        label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        return label

    @staticmethod
    def _centred(layout: QVBoxLayout, widget: QWidget, stretch: int = 0) -> None:
        """Add ``widget`` centred and as wide as it may be (wrapped text keeps its height)."""
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(widget, 100)
        row.addStretch(1)
        layout.addLayout(row, stretch)

    def _build_step_page(self) -> None:
        page = QWidget()
        self.step_text = self._words("steptext")
        self.step_text.setAccessibleName("step")
        self.breath_word = self._words("breathword")
        self.breath_word.setAccessibleName("breath")
        self.disc = BreathDisc(self._theme, reduced_motion=self.reduced_motion)
        self.disc.setMaximumHeight(DISC_MAX_HEIGHT)
        self.input_box = QWidget()
        self._input_layout = QVBoxLayout(self.input_box)
        self._input_layout.setContentsMargins(0, 12, 0, 0)
        self._input_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 12, 0, 12)
        layout.setSpacing(14)
        layout.addStretch(1)
        self._centred(layout, self.step_text)
        self._centred(layout, self.breath_word)
        layout.addWidget(self.disc, 6)  # the disc centres itself in whatever room it gets
        layout.addWidget(self.input_box)
        layout.addStretch(1)
        self.step_page = page
        self.stage.addWidget(page)

    def _build_prompt_page(self) -> None:
        self.keep_going_button = self._button("Keep going", "Keep going", self.keep_going)
        self.keep_going_button.setObjectName("primary")
        self.stop_here_button = self._button(
            "Stop here", "Stop here and go back home", self.confirm_stop
        )
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_going_button)
        buttons.addWidget(self.stop_here_button)
        buttons.addStretch(1)
        self.prompt_page = self._message_page(STOP_TITLE, STOP_TEXT, buttons, STOP_HINT)

    def _build_closing_page(self) -> None:
        self.home_button = self._button("Back home", "Go back home", self.leave)
        self.home_button.setObjectName("primary")
        self.closing_page = self._message_page(
            CLOSING_TITLE, CLOSING_TEXT, self.home_button, CLOSING_HINT
        )

    def _message_page(
        self, title: str, text: str, actions: QHBoxLayout | QWidget, hint: str
    ) -> QWidget:
        """A quiet page on the stage: a title, a line of text, the actions and a hint about the
        keys, one under the other in the middle."""
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setSpacing(18)
        layout.addStretch(1)
        self._centred(layout, self._words("prompt", title))
        self._centred(layout, self._words("muted", text))
        layout.addSpacing(10)
        if isinstance(actions, QHBoxLayout):
            layout.addLayout(actions)
        else:
            layout.addWidget(actions, 0, Qt.AlignmentFlag.AlignHCenter)
        self._centred(layout, self._words("hint", hint))
        layout.addStretch(1)
        self.stage.addWidget(page)
        return page

    # -- reading ------------------------------------------------------------------------------

    @property
    def mode(self) -> str:
        """What shows: "step", "prompt" (stop here?) or "closing" (after the last step)."""
        return self._mode

    @property
    def paused(self) -> bool:
        return self.runner.status is RunStatus.PAUSED

    @property
    def finished(self) -> bool:
        return self._outcome is not None

    @property
    def outcome(self) -> Status | None:
        return self._outcome

    @property
    def fading(self) -> bool:
        return self._fade_start is not None

    @property
    def timer_interval(self) -> int | None:
        """The timer's interval in ms, or None when it is stopped (nothing can change)."""
        return self._timer.interval() if self._timer.isActive() else None

    # -- running ------------------------------------------------------------------------------

    def start(self) -> None:
        """Begin at the first step."""
        if self._started:
            return
        self._started = True
        self.runner.start()
        if self._events is not None:
            self._events.start(
                PracticeStart(
                    kind=Kind.EXERCISE,
                    ref=self.exercise.id,
                    title=self.exercise.title,
                    planned_seconds=self.exercise.planned_seconds,
                )
            )
        self.tick()

    def tick(self) -> None:
        """The timer's slot: ask the runner where the run is now and show it."""
        if not self._started or self._left:
            return
        state = self.runner.state()
        self.state = state
        if state.finished:
            if self._outcome is None:
                self._report_end(state)
                self._show_closing()
        elif self._mode == "step":
            if state.visit_number != self._shown_visit:
                self._show_step(state)
            self._show_progress(state)
            self._show_breathing(state)
            self._cue(state)
        self._advance_fade()
        self._schedule(state)

    def _schedule(self, state: RunnerState) -> None:
        moving = self.fading or (
            state.running and self._timeline is not None and not state.breathing_done
        )
        if moving:
            interval: int | None = FRAME_MS
        elif state.running and self._mode == "step":
            interval = TEXT_MS
        else:
            interval = None  # paused, asking, or ended: nothing changes until a key
        if interval is None:
            if self._timer.isActive():
                self._timer.stop()
            return
        if self._timer.interval() != interval:
            self._timer.setInterval(interval)
        if not self._timer.isActive():
            self._timer.start()

    # -- showing a step -----------------------------------------------------------------------

    def _show_step(self, state: RunnerState) -> None:
        self._begin_fade()
        step = state.step
        self._shown_visit = state.visit_number
        self._shown_index = state.step_index
        self._set_text(self.step_text, step.text)
        self.step_text.setAccessibleDescription(step.text)
        self._pacer_off()
        self._timeline = step.breathing.timeline() if step.breathing is not None else None
        breathing = self._timeline is not None
        self.disc.setVisible(breathing)
        self.breath_word.setVisible(breathing)
        if breathing:
            self.disc.set_level(0.0)
            self._set_text(self.breath_word, "")
        self._build_input(step)
        waits = step.until_continue
        self.continue_button.setVisible(waits)
        self.next_button.setVisible(not waits)
        self.back_button.setEnabled(True)
        self._focus_step()

    def _set_text(self, label: QLabel, text: str) -> None:
        if label.text() != text:
            label.setText(text)

    def _build_input(self, step: Step) -> None:
        if self.input_widget is not None:
            self._input_layout.removeWidget(self.input_widget)
            self.input_widget.hide()
            self.input_widget.deleteLater()
            self.input_widget = None
        spec = step.input
        answers = self.runner.answers
        widget: QWidget | None = None
        if isinstance(spec, RatingInput):
            rating = answers.get(spec.key)
            rating_widget = RatingInputWidget(
                spec, self._theme, rating if isinstance(rating, int) else None
            )
            rating_widget.changed.connect(lambda v, key=spec.key: self._answer(key, v))
            widget = rating_widget
        elif isinstance(spec, TextInput):
            text = answers.get(spec.key)
            text_widget = TextInputWidget(spec, text if isinstance(text, str) else "")
            text_widget.changed.connect(lambda v, key=spec.key: self._answer(key, v))
            widget = text_widget
        elif isinstance(spec, ChecklistInput):
            ticks = answers.get(spec.key)
            check_widget = ChecklistInputWidget(spec, ticks if isinstance(ticks, tuple) else ())
            check_widget.changed.connect(lambda v, key=spec.key: self._answer(key, v))
            widget = check_widget
        self.input_box.setVisible(widget is not None)
        if widget is not None:
            self._input_layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
            self.input_widget = widget
            # Tab goes from the answer to the buttons below it.
            chain: list[QWidget] = []
            if isinstance(widget, RatingInputWidget):
                chain = [widget.scale]
            elif isinstance(widget, TextInputWidget):
                chain = [widget.edit]
            elif isinstance(widget, ChecklistInputWidget):
                chain = list(widget.boxes)
            for before, after in zip(chain, [*chain[1:], self.back_button], strict=True):
                QWidget.setTabOrder(before, after)

    def _answer(self, key: str, value: object) -> None:
        """Keep what the person entered (an empty text or no choice clears it)."""
        if value is None or value == "" or (isinstance(value, tuple) and not any(value)):
            self.runner.clear_answer(key)
        elif isinstance(value, int | str | tuple):
            self.runner.set_answer(key, value)

    def _focus_step(self) -> None:
        if self.input_widget is not None:
            self.input_widget.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.continue_button.isVisibleTo(self):
            self.continue_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.next_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self._focus_changed(None, QApplication.focusWidget())

    def _show_progress(self, state: RunnerState) -> None:
        text = step_progress(state.step_number, state.step_count, state.time_left)
        if self._shown.get("progress") != text:
            self._shown["progress"] = text
            self.progress_label.setText(text)
        self.progress_line.set_progress(state.progress)

    def _show_breathing(self, state: RunnerState) -> None:
        timeline = self._timeline
        if timeline is None or state.breathing_elapsed is None:
            return
        if state.breathing_done:
            self.disc.set_level(0.0)
            self._set_text(self.breath_word, "")
            self._pacer_off()
            return
        pacer = timeline.state_at(state.breathing_elapsed)
        self.disc.set_level(pacer.level)
        self._set_text(self.breath_word, pacer.label)
        if state.running and self._pacer_visit != state.visit_number:
            # The clock time at which this breathing segment's elapsed time was zero.
            origin = self._clock.now() - state.breathing_elapsed
            self._pacer_visit = state.visit_number
            self._pacer_on = True
            if self._events is not None:
                self._events.show_pacer(timeline, origin)

    def _pacer_off(self) -> None:
        if self._pacer_on and self._events is not None:
            self._events.show_pacer(None)
        self._pacer_on = False
        self._pacer_visit = None

    def _cue(self, state: RunnerState) -> None:
        """A step's sound plays once as each visit to it begins (not while paused, and not
        for steps passed over while catching up)."""
        if not state.running or state.visit_number == self._cued_visit:
            return
        self._cued_visit = state.visit_number
        if state.step.sound and self._events is not None:
            self._events.cue.emit(state.step.sound)
        if self._events is not None:
            # The step's recording lives beside the script; "" stops one still playing.
            voice = state.step.voice
            self._events.voice.emit(str(Path(self.exercise.source).parent / voice) if voice else "")

    # -- fades --------------------------------------------------------------------------------

    def _begin_fade(self) -> None:
        self._finish_fade()
        if self.reduced_motion or not self.isVisible():
            return
        page = self.stage.currentWidget()
        page_layout = page.layout() if page is not None else None
        if page_layout is not None:
            page_layout.activate()  # the picture shows the step as laid out, not half-way
        self.cover.setGeometry(self.stage.geometry())
        self.cover.cover(self.stage.grab())
        self._opacity.setOpacity(0.0)
        self._opacity.setEnabled(True)
        self._fade_start = self._clock.now()
        if not self._timer.isActive():
            self._timer.setInterval(FRAME_MS)
            self._timer.start()

    def _advance_fade(self) -> None:
        if self._fade_start is None:
            return
        progress = (self._clock.now() - self._fade_start) / FADE_S
        if progress >= 1.0 - 1e-9:
            self._finish_fade()
            return
        # The old step fades out first, then the new one fades in: words never overlap.
        progress = max(0.0, progress)
        if progress < FADE_OUT_SHARE:
            self.cover.set_opacity(1.0 - ease(progress / FADE_OUT_SHARE))
            self._opacity.setOpacity(0.0)
        else:
            self.cover.set_opacity(0.0)
            self._opacity.setOpacity(ease((progress - FADE_OUT_SHARE) / (1.0 - FADE_OUT_SHARE)))

    def _finish_fade(self) -> None:
        if self._fade_start is None:
            return
        self._fade_start = None
        self.cover.clear()
        self._opacity.setOpacity(1.0)
        self._opacity.setEnabled(False)

    @property
    def stage_opacity(self) -> float:
        """How far the current content has faded in (1 when no fade is running)."""
        return self._opacity.opacity() if self._opacity.isEnabled() else 1.0

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.cover.isVisible():
            self.cover.setGeometry(self.stage.geometry())

    # -- actions ------------------------------------------------------------------------------

    def next(self) -> None:
        """Right, Enter or Continue: move on from the step the person is looking at."""
        if self._mode != "step" or not self._started or self._outcome is not None:
            return
        # Ignored when the step the person saw has already ended; the tick shows the new one.
        self.runner.next(from_step=self._shown_index)
        self.tick()

    def back(self) -> None:
        """Left or Back: the previous step (on the first step, that step again)."""
        if self._mode != "step" or not self._started or self._outcome is not None:
            return
        # Ignored when the step the person saw has already ended; the tick shows the new one.
        self.runner.back(from_step=self._shown_index)
        self.tick()

    def toggle_pause(self) -> None:
        """Space: pause, or carry on. While "stop here?" is asked it means keep going."""
        if self._mode == "prompt":
            self.keep_going()
            return
        if self._mode != "step" or not self._started or self._outcome is not None:
            return
        if self.runner.pause():
            if self._events is not None:
                self._events.paused.emit()
        elif self.runner.resume():
            self._pacer_visit = None  # the pacer's origin moved by the pause: send it again
            if self._events is not None:
                self._events.resumed.emit()
        self._show_paused()
        self.tick()

    def _show_paused(self) -> None:
        paused = self.paused and self._mode == "step"
        self.paused_label.setVisible(paused)
        self.pause_button.setText("Carry on" if paused else "Pause")
        self.pause_button.setAccessibleName(
            "Carry on with the exercise" if paused else "Pause the exercise"
        )

    def request_stop(self) -> None:
        """Esc: ask "stop here?" first; a second Esc stops. After the end it returns home."""
        if not self._started or self._outcome is not None:
            self.leave()
        elif self._mode == "prompt":
            self.confirm_stop()
        else:
            self._ask_stop()

    def _ask_stop(self) -> None:
        self._resume_after_prompt = self.runner.pause()
        if self._resume_after_prompt and self._events is not None:
            self._events.paused.emit()
        self._begin_fade()
        self._mode = "prompt"
        self.stage.setCurrentWidget(self.prompt_page)
        self.controls.setVisible(False)
        self.paused_label.setVisible(False)
        self.hint_label.setVisible(False)
        self.keep_going_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.tick()

    def keep_going(self) -> None:
        """Back to the step as it was; nothing entered is lost."""
        if self._mode != "prompt":
            return
        self._begin_fade()
        self._mode = "step"
        self.stage.setCurrentWidget(self.step_page)
        self.controls.setVisible(True)
        self.hint_label.setVisible(True)
        if self._resume_after_prompt and self.runner.resume():
            self._pacer_visit = None
            if self._events is not None:
                self._events.resumed.emit()
        self._resume_after_prompt = False
        self._show_paused()
        self._focus_step()
        self.tick()

    def confirm_stop(self) -> None:
        """Stop here: the run ends as stopped (answers kept) and the screen closes."""
        self.stop()

    def stop(self) -> None:
        """End the run now if it is still going (answers kept) and leave the screen."""
        if self._started and self._outcome is None:
            self.runner.stop()
            self._report_end(self.runner.state())
        self.leave()

    def leave(self) -> None:
        """Close the screen (the run has ended or never began)."""
        if self._left:
            return
        if self._started and self._outcome is None:
            self.stop()
            return
        self._left = True
        self._timer.stop()
        self._finish_fade()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._focus_changed)
        self.closed.emit()

    def _report_end(self, state: RunnerState) -> None:
        if self._outcome is not None:
            return
        outcome = Status.COMPLETED if state.outcome is Outcome.COMPLETED else Status.STOPPED
        self._outcome = outcome
        self._pacer_on = False  # the hub switches the pacer off with the end
        if self._events is not None:
            self._events.end(
                PracticeEnd(
                    outcome=outcome,
                    seconds=state.elapsed,
                    steps=tuple((v.step, v.seconds) for v in state.visits),
                    answers=answers_for_log(self.exercise, state.answers),
                )
            )
        self.ended.emit(outcome, state.elapsed)

    def _show_closing(self) -> None:
        self._begin_fade()
        self._mode = "closing"
        self._timeline = None
        self.stage.setCurrentWidget(self.closing_page)
        self.controls.setVisible(False)
        self.paused_label.setVisible(False)
        self.hint_label.setVisible(False)
        self.progress_label.setText("")
        self.progress_line.set_progress(1.0)
        self.home_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- keys ---------------------------------------------------------------------------------

    def _enter(self) -> None:
        """Enter presses a focused button; anywhere else on a step it moves on."""
        focused = QApplication.focusWidget()
        if isinstance(focused, QPushButton) and self.isAncestorOf(focused):
            if focused.isVisible() and focused.isEnabled():
                focused.click()
            return
        if self._mode == "step":
            self.next()
        elif self._mode == "prompt":
            self.keep_going()
        elif self._mode == "closing":
            self.leave()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """The quiet key hint follows what the keys act on now."""
        if self._mode != "step" or new is None or not self.isAncestorOf(new):
            return
        if isinstance(new, AnswerText):
            hint = HINT_TEXT
        elif isinstance(new, RatingScale):
            hint = HINT_RATING
        elif isinstance(new, ItemCheck):
            hint = HINT_CHECK
        else:
            hint = HINT_PLAIN
        self._set_text(self.hint_label, hint)
