"""The breathing screen: the breathing shape, the breath's word and seconds, the time left.

The screen is a view of a :class:`~kapcompanion.domain.breathing_run.BreathingRun`: a precise
timer only asks the run where the breath is at this moment (read from the one clock) and shows
it. Nothing counts timer ticks, so a busy moment never makes the pacer fall behind. Text labels
change only when their text does; the shape itself is :class:`~.disc.BreathDisc`.

Space pauses (:meth:`BreathingScreen.toggle_pause`) and Esc ends the practice
(:meth:`BreathingScreen.stop`). In presentation mode Esc first asks "stop here?"
(:meth:`BreathingScreen.ask_stop`), shown over the practice.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.breathing_config import (
    BreathingConfig,
    format_time_left,
    whole_seconds_left,
)
from kapcompanion.domain.breathing_run import BreathingRun
from kapcompanion.domain.clock import Clock
from kapcompanion.domain.pacing import PacerState
from kapcompanion.domain.practice import Kind, Status
from kapcompanion.domain.run_state import Outcome, RunStatus
from kapcompanion.services.events import PracticeEnd, PracticeEvents, PracticeStart
from kapcompanion.ui.breathing.disc import BreathDisc
from kapcompanion.ui.practice.look import DISC_MAX_HEIGHT, TEXT_WIDTH, scaled
from kapcompanion.ui.practice.presented import put_away
from kapcompanion.ui.practice.stop_ask import StopAsk
from kapcompanion.ui.shell.theme import DARK, Theme
from kapcompanion.ui.shell.volume import VolumeControl

#: Timer interval while the shape moves (about 60 frames a second).
FRAME_MS = 16

ENDING_TEXT = "That is the end of this practice."
ENDING_INVITE = "You can stay here as long as you like."
ENDING_HINT = "Esc or Back home returns to the start."
PAUSED_TEXT = "paused"
PAUSED_HINT = "Whenever you are ready, Space or Carry on continues."
KEYS_HINT = "Space pauses · Esc ends the practice · F11 full screen"
INVITATION = "Let the breath stay low and slow, and follow the shape only as far as feels easy."
STOP_TEXT = "The breathing is paused. You can stop here, or keep going; either is fine."
STOP_NAME = "Stop here and end the practice"


class BreathingScreen(QWidget):
    """One breathing practice. Emits ``closed`` when the person leaves it, and ``ended``
    (outcome "completed" or "stopped", practice seconds) once when the practice ends."""

    closed = Signal()
    ended = Signal(str, float)

    def __init__(
        self,
        config: BreathingConfig,
        clock: Clock,
        theme: Theme = DARK,
        parent: QWidget | None = None,
        *,
        events: PracticeEvents | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._events = events
        self._theme = theme
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.config = config
        self.title = f"Breathing · {config.pattern.name}"
        self._run = BreathingRun(config.timeline(), clock)
        self.state: PacerState | None = None
        self._outcome: Status | None = None  # the end, once reported
        self._shown: dict[str, object] = {}
        self._stop_ask: StopAsk | None = None
        self._text_width = TEXT_WIDTH

        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self.tick)
        self._interval = FRAME_MS

        about = QLabel(f"{config.pattern.name} · {config.pattern.summary()}")
        about.setObjectName("muted")
        about.setAlignment(Qt.AlignmentFlag.AlignCenter)
        invitation = QLabel(INVITATION)
        invitation.setObjectName("hint")
        invitation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        invitation.setWordWrap(True)

        self.phase_label = self._label("phase", "")
        self.disc = BreathDisc(theme, reduced_motion=config.reduced_motion, parent=self)
        self.count_label = self._label("count", "")
        self.count_label.setAccessibleName("seconds left in this part of the breath")
        self.time_left_label = self._label("muted", "")
        self.time_left_label.setAccessibleName("time left in the practice")
        self.hint_label = self._label("hint", KEYS_HINT)

        self.pause_button = QPushButton("Pause")
        self.pause_button.setAccessibleName("Pause the practice")
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button = QPushButton("End practice")
        self.stop_button.setAccessibleName("End the practice and go back home")
        self.stop_button.clicked.connect(self.stop)
        for button in (self.pause_button, self.stop_button):
            button.setAutoDefault(True)  # Enter activates the focused button
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.volume = VolumeControl()

        buttons = QHBoxLayout()
        buttons.setSpacing(16)  # spacing, not a spacer: a hidden button leaves no gap
        buttons.addStretch(1)
        buttons.addWidget(self.pause_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.volume)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.setSpacing(6)
        layout.addWidget(about)
        layout.addWidget(invitation)
        layout.addSpacing(8)
        layout.addWidget(self.phase_label)
        layout.addWidget(self.disc, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.time_left_label)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        layout.addWidget(self.hint_label)
        self.setTabOrder(self.pause_button, self.stop_button)

    def _label(self, name: str, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Text changes never move the disc: the height is fixed by the font, the width by
        # the layout.
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        return label

    # -- state ------------------------------------------------------------------------------

    @property
    def run(self) -> BreathingRun:
        return self._run

    @property
    def paused(self) -> bool:
        """The practice time stands still: paused, or asking "stop here?"."""
        return self._run.status.still

    @property
    def asking(self) -> bool:
        return self._run.status is RunStatus.ASKING

    @property
    def finished(self) -> bool:
        """The practice ran to its end."""
        return self._run.completed

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    @property
    def elapsed(self) -> float:
        return self._run.elapsed()

    @property
    def stop_ask(self) -> StopAsk | None:
        """The "stop here?" over the practice, once it has been asked."""
        return self._stop_ask

    def start(self, at: float | None = None) -> None:
        """Begin the practice now, or at clock time ``at`` (the shape waits at its beginning
        until then, so it begins to move as the opening bell is heard)."""
        if not self._run.start(at):
            return
        if self._events is not None:
            timeline = self._run.timeline
            planned = timeline.end_time or self.config.minutes * 60.0
            pattern = self.config.pattern
            self._events.start(
                PracticeStart(Kind.BREATHING, pattern.key, self.title, planned, self._run.elapsed)
            )
            self._events.show_pacer(timeline, self._run.origin())
        self._timer.start()
        self.tick()
        self.pause_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_beginning(self) -> None:
        """Before :meth:`start`: show the practice as it will begin (its time zero), so the
        first frame on the screen is the practice's own."""
        if self._run.status is RunStatus.NOT_STARTED:
            self.tick()
            self.pause_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def tick(self) -> None:
        """The timer's slot: ask the run where the breath is now and show it."""
        state = self._run.state()
        self.state = state
        if self._run.completed:
            self._show_ending()
            return
        if self._run.status is RunStatus.FINISHED:
            return  # stopped: nothing changes any more
        self.disc.set_level(state.level)
        self._show("phase", self.phase_label, state.label)
        count = whole_seconds_left(state.phase_remaining)
        if self._shown.get("count") != count:
            self._shown["count"] = count
            self.count_label.setText(str(count))
        left = 0 if state.time_left is None else math.ceil(state.time_left - 1e-9)
        if self._shown.get("left") != left:
            self._shown["left"] = left
            self.time_left_label.setText(f"{format_time_left(left)} left")
        self._pace_timer(state)

    def _pace_timer(self, state: PacerState) -> None:
        """While the breath rests (a hold) nothing moves, so wake only when a number changes."""
        if state.phase.start_level == state.phase.end_level:
            until_count = state.phase_remaining % 1.0 or 1.0
            left = state.time_left if state.time_left is not None else 1.0
            until_left = left % 1.0 or 1.0
            wait = max(FRAME_MS, min(1000, math.ceil(1000 * min(until_count, until_left)) + 2))
        else:
            wait = FRAME_MS
        if wait != self._interval:
            self._interval = wait
            self._timer.setInterval(wait)

    def _show(self, key: str, label: QLabel, text: str) -> None:
        if self._shown.get(key) != text:
            self._shown[key] = text
            label.setText(text)

    # -- actions ----------------------------------------------------------------------------

    def toggle_pause(self) -> None:
        """Space: pause, or carry on. While "stop here?" is asked it means keep going."""
        if self.asking:
            self.keep_going()
        elif self._run.status is RunStatus.PAUSED:
            self.resume()
        else:
            self.pause()

    def pause(self) -> None:
        if self._run.pause():
            self._hold_still()

    def resume(self) -> None:
        if self._run.resume():
            self._carry_on()

    def ask_stop(self) -> None:
        """ "Stop here?" over the practice; the breath rests until the person answers."""
        was_running = self._run.status is RunStatus.RUNNING
        if not self._run.ask_stop():
            return
        if was_running:
            self._hold_still()
        ask = self._stop_ask
        if ask is None:
            ask = StopAsk(STOP_TEXT, stop_name=STOP_NAME, theme=self._theme, parent=self)
            ask.set_text_width(self._text_width)
            ask.keep_going.connect(self.keep_going)
            ask.stop_here.connect(self.stop)
            self._stop_ask = ask
        ask.setGeometry(self.rect())
        ask.show()
        ask.raise_()
        ask.focus_keep_going()

    def keep_going(self) -> None:
        """Back to the breath exactly where it was (still paused if it was paused)."""
        if not self._run.keep_going():
            return
        if self._stop_ask is not None:
            self._stop_ask.hide()
        if self._run.status is RunStatus.RUNNING:
            self._carry_on()

    def _hold_still(self) -> None:
        self._timer.stop()
        if self._events is not None:
            self._events.paused.emit()
        self._shown.clear()
        self.phase_label.setText(PAUSED_TEXT)
        self.count_label.setText("")
        self.hint_label.setText(PAUSED_HINT)
        self.pause_button.setText("Carry on")
        self.pause_button.setAccessibleName("Carry on with the practice")

    def _carry_on(self) -> None:
        if self._events is not None:
            self._events.resumed.emit()
            self._events.show_pacer(self._run.timeline, self._run.origin())
        self.hint_label.setText(KEYS_HINT)
        self.pause_button.setText("Pause")
        self.pause_button.setAccessibleName("Pause the practice")
        self._timer.start()
        self.tick()

    def _show_ending(self) -> None:
        if self._outcome is not None:
            return
        self._timer.stop()
        self.disc.set_level(0.0)
        # Softer, smaller words for the end; the label keeps its height so nothing moves.
        self.phase_label.setMinimumHeight(self.phase_label.height())
        self.phase_label.setObjectName("ending")
        self.phase_label.style().unpolish(self.phase_label)
        self.phase_label.style().polish(self.phase_label)
        self.phase_label.setText(ENDING_TEXT)
        self.count_label.setText("")
        self.time_left_label.setText(ENDING_INVITE)
        self.hint_label.setText(ENDING_HINT)
        self.pause_button.hide()
        self.stop_button.setText("Back home")
        self.stop_button.setAccessibleName("Go back home")
        self.stop_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self._report_end()

    def _report_end(self) -> None:
        """Tell the hub and ``ended`` how the practice ended, once."""
        outcome = self._run.outcome
        if self._outcome is not None or outcome is None:
            return
        self._outcome = Status.COMPLETED if outcome is Outcome.COMPLETED else Status.STOPPED
        seconds = self._run.elapsed()
        if self._events is not None:
            self._events.end(PracticeEnd(self._outcome, seconds))
        self.ended.emit(self._outcome, seconds)

    def stop(self) -> None:
        """End the practice (if it is still going) and leave the screen."""
        origin = self._run.origin()
        self._run.stop()
        self._timer.stop()
        self._report_end()
        self.disc.write_frame_log(origin)
        self.closed.emit()

    # -- presentation -----------------------------------------------------------------------

    def fit_for_presentation(self, scale: float) -> None:
        """The client's screen in presentation mode: the buttons, hints, time left and volume
        go (the therapist's controls have them), the shape and words grow by ``scale``."""
        own = [self.pause_button, self.stop_button, self.hint_label, self.time_left_label]
        put_away(self, [*own, self.volume])
        # The same largest shape as in an exercise: calm, never filling the whole screen.
        self.disc.setMaximumHeight(scaled(DISC_MAX_HEIGHT, scale))
        self._text_width = scaled(TEXT_WIDTH, scale)
        if self._stop_ask is not None:
            self._stop_ask.set_text_width(self._text_width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._stop_ask is not None:
            self._stop_ask.setGeometry(self.rect())
