"""The exercise screen: one step at a time, in large calm text.

The screen is a view: its :class:`~.controller.ExerciseController` drives the run (an
:class:`~kapcompanion.domain.runner.ExerciseRunner`) and tells the practice hub what happens;
the screen forwards what the person does and shows what the runner says. One timer asks the
runner for its state (read from the one clock) and shows it; nothing counts timer ticks. Steps
change with a gentle cross-fade whose opacity is also a function of the clock (a cut when
reduced motion is asked for), so brightness only ever changes slowly.

Keys: Space pauses (a text box or a focused tick box keeps Space for itself), Right or Enter
moves on, Left goes back, Esc asks "stop here?" and a second Esc stops. Whatever the person wrote
or chose is kept when they stop.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.clock import Clock
from kapcompanion.domain.exercise_info import step_progress
from kapcompanion.domain.practice import Status
from kapcompanion.domain.run_state import RunStatus
from kapcompanion.domain.runner import ExerciseRunner, RunnerState
from kapcompanion.domain.scripts import Exercise
from kapcompanion.i18n import N_, _
from kapcompanion.services.events import PracticeEvents
from kapcompanion.ui.breathing.disc import BreathDisc
from kapcompanion.ui.exercise.controller import ExerciseController, ScreenMode
from kapcompanion.ui.exercise.fade import CrossFade, FadeCover
from kapcompanion.ui.exercise.pages import StepControls, StepPage, make_button, set_text
from kapcompanion.ui.exercise.widgets import (
    AnswerText,
    ItemCheck,
    ProgressLine,
    RatingScale,
    exercise_styles,
)
from kapcompanion.ui.journal.body_canvas import BodyCanvas
from kapcompanion.ui.journal.body_map import SensationChooser
from kapcompanion.ui.practice.look import (
    DISC_MAX_HEIGHT,
    PROGRESS_WIDTH,
    TEXT_WIDTH,
    present_overrides,
    scaled,
)
from kapcompanion.ui.practice.presented import put_away
from kapcompanion.ui.practice.stop_ask import MessagePage, StopAsk
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.theme import DARK, Theme

#: Timer interval while something moves (the pacer, a fade): about sixty frames a second.
FRAME_MS = 16
#: Timer interval while only text may change: about thirty times a second is plenty.
TEXT_MS = 33

PAUSED_TEXT = N_("Paused. Whenever you are ready, Space or Carry on continues.")
STOP_TEXT = N_("Anything you wrote or chose so far is kept. You can also keep going.")
STOP_NAME = N_("Stop here and end the exercise")
CLOSING_TITLE = N_("That is the end of this exercise.")
CLOSING_TEXT = N_(
    "You might take a moment before moving on. You can stay here as long as you like."
)
CLOSING_HINT = N_("Enter or Esc returns home")
#: When one more short page follows the exercise (see :meth:`ExerciseScreen.lead_on`).
LEAD_ON = N_("Go on")
LEAD_ON_NAME = N_("Go on to one more short page")
LEAD_ON_HINT = N_("Enter or Esc goes on to one more short page")
HINT_PLAIN = N_("Space pauses · Left goes back · Right moves on · Esc stops")
HINT_TEXT = N_("Type if you like · Enter moves on · Alt+Left goes back · Esc stops")
#: The rating's keys (:data:`~.widgets.RATING_KEYS`) and the screen's, in one sentence.
HINT_RATING = N_(
    "0–9 choose (1 then 0 is 10) · Up and Down move it · Enter moves on · Alt+Left goes back"
    " · Esc stops"
)
HINT_CHECK = N_("Space ticks · Up and Down move · Enter moves on · Left goes back · Esc stops")
HINT_BODY = N_("Arrows move on the body · Enter: what it is like · Alt+Right moves on · Esc stops")
HINT_FELT = N_("Up and Down choose · Enter keeps it · Esc goes back to the body")


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
        self._theme = theme
        #: The client's larger type, when presented (see :meth:`fit_for_presentation`).
        self._present_sheet = ""
        # Its own sheet sets its words in points: follow a text size set live.
        scaffold.follow_text_size(self, self._restyle)
        self.exercise = exercise
        self.title = exercise.title
        self.reduced_motion = reduced_motion
        self._control = ExerciseController(exercise, clock, events)
        self.state: RunnerState | None = None
        self._mode = ScreenMode.STEP
        #: Presented with the controls on another screen: "stop here?" and "paused" are asked
        #: there, and this screen keeps its step's words.
        self._asks_elsewhere = False
        self._left = False
        self._shown_visit: int | None = None
        self._shown_index = 0
        self._shown_progress = ""

        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TEXT_MS)
        self._timer.timeout.connect(self.tick)

        # -- progress, quiet, at the top ------------------------------------------------------
        self.progress_label = QLabel("")
        self.progress_label.setObjectName("hint")
        self.progress_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress_label.setAccessibleName(_("progress"))
        self.progress_line = ProgressLine(theme)
        self.progress_line.setFixedWidth(PROGRESS_WIDTH)

        # -- the stage: the step, "stop here?", the closing words ------------------------------
        self.stage = QStackedWidget()
        self.step_page = StepPage(theme, reduced_motion=reduced_motion)
        self.step_page.answered.connect(self._control.answer)
        self.prompt_page = StopAsk(_(STOP_TEXT), stop_name=_(STOP_NAME))
        self.prompt_page.keep_going.connect(self.keep_going)
        self.prompt_page.stop_here.connect(self.confirm_stop)
        self.home_button = make_button(_("Back home"), _("Go back home"), self.leave)
        self.home_button.setObjectName("primary")
        self.closing_page = MessagePage(
            _(CLOSING_TITLE), _(CLOSING_TEXT), (self.home_button,), _(CLOSING_HINT)
        )
        for page in (self.step_page, self.prompt_page, self.closing_page):
            self.stage.addWidget(page)
        self._fade = CrossFade(self, self.stage, clock, reduced_motion=reduced_motion)

        # -- controls, always visible while a step shows -----------------------------------------
        self.paused_label = QLabel(_(PAUSED_TEXT))
        self.paused_label.setObjectName("paused")
        self.paused_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.paused_label.setVisible(False)

        self.controls = StepControls(
            back=self.back, pause=self.toggle_pause, move_on=self.next, stop=self.request_stop
        )
        self.back_button = self.controls.back_button
        self.pause_button = self.controls.pause_button
        self.next_button = self.controls.next_button
        self.continue_button = self.controls.continue_button
        self.stop_button = self.controls.stop_button
        self.hint_label = QLabel(_(HINT_PLAIN))
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

    def _shortcut(self, keys: QKeySequence, slot: Callable[[], None]) -> QShortcut:
        shortcut = QShortcut(keys, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.setAutoRepeat(False)
        shortcut.activated.connect(slot)
        return shortcut

    # -- the step page's parts, by their usual names ------------------------------------------

    @property
    def step_text(self) -> QLabel:
        return self.step_page.step_text

    @property
    def breath_word(self) -> QLabel:
        return self.step_page.breath_word

    @property
    def disc(self) -> BreathDisc:
        return self.step_page.disc

    @property
    def input_widget(self) -> QWidget | None:
        return self.step_page.input_widget

    @property
    def keep_going_button(self) -> QPushButton:
        return self.prompt_page.keep_button

    @property
    def stop_here_button(self) -> QPushButton:
        return self.prompt_page.stop_button

    @property
    def cover(self) -> FadeCover:
        return self._fade.cover

    # -- reading ------------------------------------------------------------------------------

    @property
    def runner(self) -> ExerciseRunner:
        return self._control.runner

    @property
    def mode(self) -> ScreenMode:
        """What the stage shows: the step, "stop here?" (the prompt) or the closing words."""
        return self._mode

    @property
    def paused(self) -> bool:
        """The practice time stands still: paused, or asking "stop here?"."""
        return self.runner.status.still

    @property
    def finished(self) -> bool:
        return self._control.outcome is not None

    @property
    def outcome(self) -> Status | None:
        return self._control.outcome

    @property
    def fading(self) -> bool:
        return self._fade.fading

    @property
    def stage_opacity(self) -> float:
        """How far the current content has faded in (1 when no fade is running)."""
        return self._fade.stage_opacity

    @property
    def timer_interval(self) -> int | None:
        """The timer's interval in ms, or None when it is stopped (nothing can change)."""
        return self._timer.interval() if self._timer.isActive() else None

    # -- running ------------------------------------------------------------------------------

    def start(self, at: float | None = None) -> None:
        """Begin at the first step, now or at clock time ``at`` (not once the screen was left
        while it waited for sound)."""
        if not self._left and self._control.start(at):
            self.tick()

    def tick(self) -> None:
        """The timer's slot: ask the runner where the run is now and show it."""
        if not self._control.started or self._left:
            return
        state = self.runner.state()
        self.state = state
        if state.finished:
            outcome = self._control.report_end(state)
            if outcome is not None:
                self.ended.emit(outcome, state.elapsed)
                self._show_mode(ScreenMode.of(state.status))
        elif self._mode is ScreenMode.STEP:
            if state.visit_number != self._shown_visit:
                self._show_step(state)
            self._show_progress(state)
            self._show_breathing(state)
            self._control.cue(state)
        self._fade.advance()
        self._schedule(state)

    def _schedule(self, state: RunnerState) -> None:
        moving = self.fading or (
            state.running and self._control.timeline is not None and not state.breathing_done
        )
        if moving:
            interval: int | None = FRAME_MS
        elif state.running and self._mode is ScreenMode.STEP:
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

    # -- showing ------------------------------------------------------------------------------

    def _show_mode(self, mode: ScreenMode) -> None:
        """Change what the stage shows, fading from what it showed before."""
        if mode is self._mode:
            return
        self._begin_fade()
        self._mode = mode
        on_step = mode is ScreenMode.STEP
        page = {
            ScreenMode.STEP: self.step_page,
            ScreenMode.PROMPT: self.step_page if self._asks_elsewhere else self.prompt_page,
            ScreenMode.CLOSING: self.closing_page,
        }[mode]
        self.stage.setCurrentWidget(page)
        self.controls.setVisible(on_step)
        self.hint_label.setVisible(on_step)
        self._show_paused()
        if mode is ScreenMode.STEP:
            self._focus_step()
        elif mode is ScreenMode.PROMPT and not self._asks_elsewhere:
            self.prompt_page.focus_keep_going()
        else:
            self.progress_label.setText("")
            self.progress_line.set_progress(1.0)
            self.home_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_step(self, state: RunnerState) -> None:
        self._begin_fade()
        step = state.step
        self._shown_visit = state.visit_number
        self._shown_index = state.step_index
        self._control.step_shown(step)
        self.step_page.show_step(step, self.runner.answers, then=self.back_button)
        self.controls.show_step(step, last=state.step_number == state.step_count)
        self._focus_step()

    def _focus_step(self) -> None:
        if not self.step_page.focus_input():
            self.controls.focus_move_on()
        self._focus_changed(None, QApplication.focusWidget())

    def _show_progress(self, state: RunnerState) -> None:
        text = step_progress(state.step_number, state.step_count, state.time_left)
        if self._shown_progress != text:
            self._shown_progress = text
            self.progress_label.setText(text)
        self.progress_line.set_progress(state.progress)

    def _show_breathing(self, state: RunnerState) -> None:
        timeline = self._control.timeline
        if timeline is None or state.breathing_elapsed is None:
            return
        if state.breathing_done:
            self.step_page.show_breath(0.0, "")
        else:
            pacer = timeline.state_at(state.breathing_elapsed)
            self.step_page.show_breath(pacer.level, pacer.label)
        self._control.follow_pacer(state)

    def _show_paused(self) -> None:
        paused = self.runner.status is RunStatus.PAUSED and self._mode is ScreenMode.STEP
        self.paused_label.setVisible(paused and not self._asks_elsewhere)
        self.controls.show_paused(paused)

    def _begin_fade(self) -> None:
        if self._fade.begin() and not self._timer.isActive():
            self._timer.setInterval(FRAME_MS)
            self._timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fade.fit()

    # -- actions ------------------------------------------------------------------------------

    def next(self) -> None:
        """Right, Enter or Continue: move on from the step the person is looking at."""
        if self._mode is not ScreenMode.STEP or self.finished:
            return
        # Ignored when the step the person saw has already ended; the tick shows the new one.
        self._control.next(self._shown_index)
        self.tick()

    def back(self) -> None:
        """Left or Back: the previous step (on the first step, that step again)."""
        if self._mode is not ScreenMode.STEP or self.finished:
            return
        # Ignored when the step the person saw has already ended; the tick shows the new one.
        self._control.back(self._shown_index)
        self.tick()

    def toggle_pause(self) -> None:
        """Space: pause, or carry on. While "stop here?" is asked it means keep going."""
        if self._mode is ScreenMode.PROMPT:
            self.keep_going()
        elif self._mode is ScreenMode.STEP and not self.finished:
            self._control.toggle_pause()
            self._show_paused()
            self.tick()

    def request_stop(self) -> None:
        """Esc: ask "stop here?" first; a second Esc stops. After the end it returns home."""
        if not self._control.started or self.finished:
            self.leave()
        elif self._mode is ScreenMode.PROMPT:
            self.confirm_stop()
        elif self._control.ask_stop():
            self._show_mode(ScreenMode.of(self.runner.status))
            self.tick()

    def keep_going(self) -> None:
        """Back to the step as it was; nothing entered is lost."""
        if self._mode is ScreenMode.PROMPT and self._control.keep_going():
            self._show_mode(ScreenMode.of(self.runner.status))
            self.tick()

    def confirm_stop(self) -> None:
        """Stop here: the run ends as stopped (answers kept) and the screen closes."""
        self.stop()

    def stop(self) -> None:
        """End the run now if it is still going (answers kept) and leave the screen."""
        outcome = self._control.stop()
        if outcome is not None:
            self.ended.emit(outcome, self.runner.state().elapsed)
        self.leave()

    def lead_on(self) -> None:
        """One more short page follows this exercise: the closing button says so, and no
        longer promises home."""
        self.home_button.setText(_(LEAD_ON))
        self.home_button.setAccessibleName(_(LEAD_ON_NAME))
        self.closing_page.hint.setText(_(LEAD_ON_HINT))

    def leave(self) -> None:
        """Close the screen (the run has ended or never began)."""
        if self._left:
            return
        if self._control.started and not self.finished:
            self.stop()
            return
        self._left = True
        self._timer.stop()
        self._fade.finish()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._focus_changed)
        self.closed.emit()

    # -- keys ---------------------------------------------------------------------------------

    def _enter(self) -> None:
        """Enter presses a focused button; anywhere else on a step it moves on."""
        focused = QApplication.focusWidget()
        if isinstance(focused, QPushButton) and self.isAncestorOf(focused):
            if focused.isVisible() and focused.isEnabled():
                focused.click()
            return
        if self._mode is ScreenMode.STEP:
            self.next()
        elif self._mode is ScreenMode.PROMPT:
            self.keep_going()
        else:
            self.leave()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """The quiet key hint follows what the keys act on now."""
        if self._mode is not ScreenMode.STEP or new is None or not self.isAncestorOf(new):
            return
        if isinstance(new, AnswerText):
            hint = HINT_TEXT
        elif isinstance(new, RatingScale):
            hint = HINT_RATING
        elif isinstance(new, ItemCheck):
            hint = HINT_CHECK
        elif isinstance(new, BodyCanvas):
            hint = HINT_BODY
        elif isinstance(new.parentWidget(), SensationChooser):
            hint = HINT_FELT
        else:
            hint = HINT_PLAIN
        set_text(self.hint_label, _(hint))

    # -- presentation -------------------------------------------------------------------------

    def fit_for_presentation(
        self, scale: float, paused_text: str, *, asks_elsewhere: bool = False
    ) -> None:
        """The client's screen in presentation mode: the buttons, hints and progress go (the
        therapist's controls have them), words and shapes grow by ``scale``, and the paused
        line reads ``paused_text``. ``asks_elsewhere``: the therapist's controls are on another
        screen and ask "stop here?" and show the pause there; this screen keeps its words."""
        self._asks_elsewhere = asks_elsewhere
        put_away(self, [self.controls, self.hint_label, self.progress_label])
        self.paused_label.setText(paused_text)
        # The screen's own sheet sets its type; the same rules, larger, come after it.
        self._present_sheet = present_overrides(scale)
        self._restyle()
        width = scaled(TEXT_WIDTH, scale)
        self.step_page.set_text_width(width)
        self.prompt_page.set_text_width(width)
        self.closing_page.set_text_width(width)
        self.disc.setMaximumHeight(scaled(DISC_MAX_HEIGHT, scale))
        self.progress_line.setFixedWidth(scaled(PROGRESS_WIDTH, scale))

    def _restyle(self) -> None:
        sheet = exercise_styles(self._theme) + self._present_sheet
        if self.styleSheet() != sheet:  # setting it again would only ask for another round
            self.setStyleSheet(sheet)
