"""The breathing screen: the breathing shape, the breath's soft word, a way out to the feet,
and the time left.

The shape leads. The breath's word ("breathing in", "holding") is small and quiet and can be
switched off; numbers (seconds, the pattern's timing) show only when the person asks for them,
and never on the client's screen in presentation mode (see
:mod:`kapcompanion.domain.breath_words`). Both choices are kept in the settings.

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
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QWindow
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.breath_words import (
    ANCHOR_LINE,
    BreathDisplay,
    about_text,
    count_text,
    phase_text,
    time_left_text,
)
from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.breathing_run import BreathingRun
from kapcompanion.domain.clock import Clock
from kapcompanion.domain.pacing import PacerState
from kapcompanion.domain.practice import Kind, Status
from kapcompanion.domain.run_state import Outcome, RunStatus
from kapcompanion.i18n import N_, _
from kapcompanion.services.events import PracticeEnd, PracticeEvents, PracticeStart
from kapcompanion.services.settings import SettingsStore, bool_setting
from kapcompanion.ui.breathing.disc import BreathDisc
from kapcompanion.ui.practice.look import BREATH_WORD_PT, DISC_MAX_HEIGHT, TEXT_WIDTH, scaled
from kapcompanion.ui.practice.presented import put_away
from kapcompanion.ui.practice.stop_ask import StopAsk
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.theme import DARK, Theme, pt
from kapcompanion.ui.shell.volume import VolumeControl

#: Timer interval while the shape moves (about 60 frames a second).
FRAME_MS = 16
#: While nothing of the window can be seen, the screen looks at the clock this often.
UNSEEN_MS = 1000

ENDING_TEXT = N_("That is the end of this practice.")
ENDING_INVITE = N_("You can stay here as long as you like.")
ENDING_HINT = N_("Esc or Back home returns to the start.")
PAUSED_TEXT = N_("paused")
PAUSED_HINT = N_("Whenever you are ready, Space or Carry on continues.")
KEYS_HINT = N_("Space pauses · Esc ends the practice · F2 when it gets big · F11 full screen")
INVITATION = N_("Let the breath stay low and slow, and follow the shape only as far as feels easy.")
#: The person's choices, kept between practices: the breath's words (on unless switched off)
#: and numbers (off unless asked for).
BREATH_WORDS = bool_setting("practice/breath_words", N_("Words for the breath"), True)
BREATH_NUMBERS = bool_setting(
    "practice/breath_numbers", N_("Numbers on the breathing screen"), False
)
#: The two choices' buttons, as (on, off).
WORDS_TEXT = (N_("Words: on"), N_("Words: off"))
NUMBERS_TEXT = (N_("Numbers: on"), N_("Numbers: off"))


def breathing_styles(theme: Theme) -> str:
    """The breath's word small and quiet, never the largest thing on the screen."""
    t = theme
    return f"""
QLabel#breathword {{ font-size: {pt(BREATH_WORD_PT)}pt; color: {t.muted}; }}
QLabel#anchor {{ color: {t.muted}; }}
QPushButton#choice {{ padding: 4px 14px; }}
"""


STOP_TEXT = N_("The breathing is paused. You can stop here, or keep going; either is fine.")
STOP_NAME = N_("Stop here and end the practice")


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
        settings: SettingsStore | None = None,
    ) -> None:
        """``settings`` keeps the person's choice of words and numbers (without it the
        usual ones: words on, numbers off, for this practice only)."""
        super().__init__(parent)
        self.setObjectName("screen")
        # Its own sheet sets the breath's word in points: follow a text size set live.
        scaffold.follow_text_size(self, lambda: self._restyle(theme))
        self._events = events
        self._settings = settings
        self.display = BreathDisplay(
            words=settings.get(BREATH_WORDS) if settings is not None else True,
            numbers=settings.get(BREATH_NUMBERS) if settings is not None else False,
        )
        self._theme = theme
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.config = config
        # The log keeps the words language-free; the screen shows them in the person's language.
        self._record_title = f"Breathing · {config.pattern.name}"
        self.title = _("Breathing · {pattern}").format(pattern=_(config.pattern.name))
        self._run = BreathingRun(config.timeline(), clock)
        self.state: PacerState | None = None
        self._outcome: Status | None = None  # the end, once reported
        self._shown: dict[str, object] = {}
        self._stop_ask: StopAsk | None = None
        #: Presented with the controls on another screen: "stop here?" is asked there.
        self._asks_elsewhere = False
        self._text_width = TEXT_WIDTH

        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self.tick)
        self._interval = FRAME_MS
        self._watched: QWindow | None = None  # the window whose showing wakes the frames

        self.about_label = about = QLabel("")
        about.setObjectName("muted")
        about.setAlignment(Qt.AlignmentFlag.AlignCenter)
        invitation = QLabel(_(INVITATION))
        invitation.setObjectName("hint")
        invitation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        invitation.setWordWrap(True)

        self.phase_label = self._label("breathword", "")
        self.disc = BreathDisc(theme, reduced_motion=config.reduced_motion, parent=self)
        self.anchor_label = self._label("anchor", _(ANCHOR_LINE))
        self.anchor_label.setWordWrap(True)
        self.anchor_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self.count_label = self._label("count", "")
        self.count_label.setAccessibleName(_("seconds left in this part of the breath"))
        self.time_left_label = self._label("muted", "")
        self.time_left_label.setAccessibleName(_("time left in the practice"))
        self.hint_label = self._label("hint", _(KEYS_HINT))
        # The keys' line may need two lines (large text, a narrow window, a longer language).
        self.hint_label.setWordWrap(True)
        self.hint_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)

        self.pause_button = QPushButton(_("Pause"))
        self.pause_button.setAccessibleName(_("Pause the practice"))
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button = QPushButton(_("End practice"))
        self.stop_button.setAccessibleName(_("End the practice and go back home"))
        self.stop_button.clicked.connect(self.stop)
        for button in (self.pause_button, self.stop_button):
            button.setAutoDefault(True)  # Enter activates the focused button
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # The person's choices: the breath's words, and numbers (Enter flips the focused one).
        self.words_button = self._choice(
            _("Show the breath's words"), self.display.words, self.show_words
        )
        self.numbers_button = self._choice(
            _("Show seconds and timings"), self.display.numbers, self.show_numbers
        )
        self.volume = VolumeControl()

        # The person's choices of words, numbers and sound, quieter, on a line of their own;
        # when the line is wider than the screen (large text, longer words) the sound goes
        # under the words and numbers, each part in the middle.
        choices_row = QWidget()
        choices = QBoxLayout(QBoxLayout.Direction.LeftToRight, choices_row)
        choices.setContentsMargins(0, 0, 0, 0)
        choices.setSpacing(24)
        toggles = QHBoxLayout()
        toggles.setSpacing(12)
        toggles.addWidget(self.words_button)
        toggles.addWidget(self.numbers_button)
        choices.addStretch(1)
        choices.addLayout(toggles)
        choices.addWidget(self.volume)
        choices.addStretch(1)
        choices.setAlignment(toggles, Qt.AlignmentFlag.AlignHCenter)
        choices.setAlignment(self.volume, Qt.AlignmentFlag.AlignHCenter)
        scaffold.line_or_column(choices_row, choices)

        # When the window is too small for all of it (large text, a title bar, the least
        # window), the practice and its choices scroll instead of lying over one another; the
        # way to pause or end it, and the keys that do it, stay in sight below. The keys stay
        # with the screen (Space pauses, Esc ends).
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(32, 20, 32, 0)
        layout.setSpacing(6)
        layout.addWidget(about)
        layout.addWidget(invitation)
        layout.addSpacing(8)
        layout.addWidget(self.phase_label)
        layout.addWidget(self.disc, 1)
        layout.addWidget(self.anchor_label)
        layout.addWidget(self.count_label)
        layout.addWidget(self.time_left_label)
        layout.addSpacing(8)
        layout.addWidget(choices_row)
        scaffold.key_free_scroll(self, content)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(32, 8, 32, 0)
        buttons.setSpacing(16)  # spacing, not a spacer: a hidden button leaves no gap
        buttons.addStretch(1)
        buttons.addWidget(self.pause_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.setSpacing(6)
        outer.addLayout(buttons)
        outer.addWidget(self.hint_label)
        outer.setContentsMargins(0, 0, 0, 20)
        # Tab goes in the order things are seen: the choices, then Pause and End practice.
        self.setTabOrder(self.words_button, self.numbers_button)
        self.setTabOrder(self.numbers_button, self.volume.switch)
        self.setTabOrder(self.volume.switch, self.volume.slider)
        self.setTabOrder(self.volume.slider, self.pause_button)
        self.setTabOrder(self.pause_button, self.stop_button)
        self._show_display()

    def _choice(self, name: str, checked: bool, flipped: Callable[[bool], None]) -> QPushButton:
        button = QPushButton()
        button.setObjectName("choice")
        button.setCheckable(True)
        button.setChecked(checked)
        button.setAccessibleName(name)
        button.setAutoDefault(True)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.toggled.connect(flipped)
        return button

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
                PracticeStart(
                    Kind.BREATHING, pattern.key, self._record_title, planned, self._run.elapsed
                )
            )
            self._events.show_pacer(timeline, self._run.origin())
        self._timer.start()
        self._watch_window()
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
        display = self.display
        self._show("phase", self.phase_label, phase_text(state, display))
        self._show("count", self.count_label, count_text(state, display))
        left = 0 if state.time_left is None else math.ceil(state.time_left - 1e-9)
        self._show("left", self.time_left_label, time_left_text(left, display))
        self._pace_timer(state)

    def _unseen(self) -> bool:
        """Nothing of the window can be seen (it is minimised): no frame is worth drawing."""
        return self.window().isMinimized()

    def _watch_window(self) -> None:
        # A signal, not an event filter: a filter would run for every frame the window draws.
        # (A window's handle can come back as a stale wrapper of something else: checked.)
        handle = self.window().windowHandle()
        if isinstance(handle, QWindow) and handle is not self._watched:
            handle.visibilityChanged.connect(self._visibility_changed)
            self._watched = handle

    def _visibility_changed(self, visibility: QWindow.Visibility) -> None:
        # Shown again: the clock's moment at once, and the frames from then on.
        minimized = visibility == QWindow.Visibility.Minimized
        if not minimized and self._timer.isActive() and self._interval != FRAME_MS:
            self.tick()

    def _pace_timer(self, state: PacerState) -> None:
        """While the breath rests (a hold) nothing moves, so wake only when a number changes.
        While nothing of the window can be seen, wake once a second (the sound and the log
        follow the clock, not the frames; the practice still ends on time)."""
        if self._unseen():
            wait = UNSEEN_MS
        elif state.phase.start_level == state.phase.end_level:
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

    # -- words and numbers ------------------------------------------------------------------

    def show_words(self, on: bool) -> None:
        """Show the breath's soft word, or let the shape alone lead (kept for next time)."""
        self._choose(words=on)
        if self._settings is not None:
            self._settings.set(BREATH_WORDS, on)

    def show_numbers(self, on: bool) -> None:
        """Show seconds and the pattern's timing, or none (kept for next time). A presented
        screen shows none either way."""
        self._choose(numbers=on)
        if self._settings is not None:
            self._settings.set(BREATH_NUMBERS, on)

    def _choose(self, **choice: bool) -> None:
        self.display = replace(self.display, **choice)
        self._show_display()

    def _show_display(self) -> None:
        display = self.display
        for button, (on_text, off_text), on in (
            (self.words_button, WORDS_TEXT, display.words),
            (self.numbers_button, NUMBERS_TEXT, display.numbers),
        ):
            button.setChecked(on)
            button.setText(_(on_text if on else off_text))
        self.about_label.setText(about_text(self.config.pattern, display))
        self.count_label.setVisible(display.shows_numbers)
        if self._run.status in (RunStatus.RUNNING, RunStatus.NOT_STARTED) and self.state:
            self.tick()

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
        if self._asks_elsewhere:
            return
        ask = self._stop_ask
        if ask is None:
            ask = StopAsk(_(STOP_TEXT), stop_name=_(STOP_NAME), theme=self._theme, parent=self)
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
        self.phase_label.setText(_(PAUSED_TEXT))
        self.count_label.setText("")
        self.hint_label.setText(_(PAUSED_HINT))
        self.pause_button.setText(_("Carry on"))
        self.pause_button.setAccessibleName(_("Carry on with the practice"))

    def _carry_on(self) -> None:
        if self._events is not None:
            self._events.resumed.emit()
            self._events.show_pacer(self._run.timeline, self._run.origin())
        self.hint_label.setText(_(KEYS_HINT))
        self.pause_button.setText(_("Pause"))
        self.pause_button.setAccessibleName(_("Pause the practice"))
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
        self.phase_label.setText(_(ENDING_TEXT))
        self.count_label.setText("")
        self.time_left_label.setText(_(ENDING_INVITE))
        self.hint_label.setText(_(ENDING_HINT))
        self.anchor_label.setText("")
        self.pause_button.hide()
        self.words_button.hide()
        self.numbers_button.hide()
        self.stop_button.setText(_("Back home"))
        self.stop_button.setAccessibleName(_("Go back home"))
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

    def _restyle(self, theme: Theme) -> None:
        sheet = breathing_styles(theme)
        if self.styleSheet() != sheet:  # setting it again would only ask for another round
            self.setStyleSheet(sheet)

    # -- presentation -----------------------------------------------------------------------

    def fit_for_presentation(self, scale: float, *, asks_elsewhere: bool = False) -> None:
        """The client's screen in presentation mode: the buttons, hints, time left and volume
        go (the therapist's controls have them), the shape and words grow by ``scale``.
        ``asks_elsewhere``: the therapist's controls are on another screen and ask "stop
        here?" there; this screen only rests."""
        self._asks_elsewhere = asks_elsewhere
        own = [self.pause_button, self.stop_button, self.hint_label, self.time_left_label]
        put_away(self, [*own, self.words_button, self.numbers_button, self.volume])
        # No numbers on the client's screen, whatever was asked for here.
        self.display = replace(self.display, presented=True)
        self._show_display()
        # The same largest shape as in an exercise: calm, never filling the whole screen.
        self.disc.setMaximumHeight(scaled(DISC_MAX_HEIGHT, scale))
        self._text_width = scaled(TEXT_WIDTH, scale)
        if self._stop_ask is not None:
            self._stop_ask.set_text_width(self._text_width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._stop_ask is not None:
            self._stop_ask.setGeometry(self.rect())
