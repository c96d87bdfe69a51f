"""Breathing together, presented: the shape on the client's screen, the therapist's hand on it.

The client's screen shows only the breathing shape and one quiet line; no numbers, ever. The
therapist's control window adds, below its usual controls, the same shape small (both follow
the one clock, so they move as one), a key to tap as each of the client's in-breaths begins,
the pace to slow towards, and a stillness timer that only the therapist sees. The course of
the breath is :class:`~kapcompanion.domain.together.BreathingTogether`; the run's states
(pause, "stop here?", stop) are the one :class:`~kapcompanion.domain.run_state.RunMachine`.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QObject, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.clock import Clock
from kapcompanion.domain.pacing import PhaseKind
from kapcompanion.domain.present_status import PresentStatus
from kapcompanion.domain.run_state import Outcome, RunMachine, RunStatus
from kapcompanion.domain.together import BreathingTogether
from kapcompanion.i18n import N_, _, language, pgettext
from kapcompanion.ui.breathing.disc import BreathDisc
from kapcompanion.ui.practice.look import scaled
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.theme import PRESENT, Theme

TITLE = N_("Breathing together")
#: The one line under the shape on the client's screen.
CLIENT_LINE = N_("You can follow the shape, or simply feel your feet on the floor.")
TAP_HINT = N_("T: tap as each of their in-breaths begins")
#: How often the shapes are drawn (ms).
FRAME_MS = 16
#: The pace the breath slows towards, in breaths a minute (the therapist may choose).
PACE_RANGE = (4.0, 10.0)
STILLNESS_MINUTES = (1, 20)
STILLNESS_OVER = N_("The quiet time is over. You might offer a word, or simply carry on.")
DISC_MAX_HEIGHT = 420


def _rate(bpm: float) -> str:
    """A pace as the language writes it: "5.5" in English, "5,5" in Spanish, "6" for 6.0."""
    text = f"{bpm:.1f}".rstrip("0").rstrip(".")
    point = QLocale(language()).decimalPoint()
    return text.replace(".", point or ".")


def phase_word(kind: PhaseKind) -> str:
    """The pacer's word for a phase ("in", "out"), or "" for a pause."""
    if kind is PhaseKind.INHALE:
        return pgettext("pacer word", "in")
    if kind is PhaseKind.EXHALE:
        return pgettext("pacer word", "out")
    return ""


class TogetherScreen(QWidget):
    """The client's screen: the shape, and one line that offers an outside anchor."""

    def __init__(self, theme: Theme = PRESENT, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        scaffold.as_screen(self)
        self.disc = BreathDisc(theme)
        self.line = scaffold.label(_(CLIENT_LINE), "hint", wrap=True)
        self.line.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.addStretch(1)
        layout.addWidget(self.disc, 4)
        layout.addSpacing(24)
        layout.addWidget(self.line)
        layout.addStretch(1)

    def fit(self, scale: float) -> None:
        self.disc.setMaximumHeight(scaled(DISC_MAX_HEIGHT, scale))


class TogetherPanel(QWidget):
    """The therapist's part: the shape small, the tap key, the pace, and the stillness timer."""

    def __init__(self, practice: TogetherPresented, theme: Theme) -> None:
        super().__init__()
        self._practice = practice
        self.disc = BreathDisc(theme)
        self.disc.setFixedSize(96, 96)
        self.tap_button = scaffold.button(
            _("Tap"), _("Tap as each of the client's in-breaths begins (T)"), practice.tap
        )
        self.tap_button.setAutoDefault(False)
        self.matched = QLabel("")
        self.matched.setObjectName("controlHint")
        self.matched.setWordWrap(True)
        self.pace = QDoubleSpinBox()
        self.pace.setRange(*PACE_RANGE)
        self.pace.setSingleStep(0.5)
        self.pace.setDecimals(1)
        self.pace.setSuffix(" " + _("a minute"))
        self.pace.setLocale(QLocale(language()))  # "5,5" in Spanish, as the words around it
        self.pace.setValue(practice.together.target_bpm)
        self.pace.setAccessibleName(_("The pace to slow towards, in breaths a minute"))
        self.pace.valueChanged.connect(practice.set_pace)
        pace_label = QLabel(_("&Slow towards"))
        pace_label.setBuddy(self.pace)
        self.stillness = QSpinBox()
        self.stillness.setRange(*STILLNESS_MINUTES)
        self.stillness.setValue(3)
        self.stillness.setSuffix(" " + _("min"))
        self.stillness.setAccessibleName(_("Minutes of quiet"))
        self.quiet_button = scaffold.button(
            _("Quiet time"), _("Begin a quiet time that only you see the end of"), self._quiet
        )
        self.quiet_button.setAutoDefault(False)
        self.quiet = QLabel("")
        self.quiet.setObjectName("controlHint")
        self.quiet.setWordWrap(True)

        words = QVBoxLayout()
        words.setSpacing(6)
        tap_row = QHBoxLayout()
        tap_row.addWidget(self.tap_button)
        tap_row.addWidget(scaffold.label(_(TAP_HINT), "hint", wrap=True), 1)
        words.addLayout(tap_row)
        words.addWidget(self.matched)
        pace_row = QHBoxLayout()
        pace_row.addWidget(pace_label)
        pace_row.addWidget(self.pace)
        pace_row.addSpacing(16)
        pace_row.addWidget(self.stillness)
        pace_row.addWidget(self.quiet_button)
        pace_row.addStretch(1)
        words.addLayout(pace_row)
        words.addWidget(self.quiet)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.disc, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(words, 1)
        self.tap_key = QShortcut(QKeySequence(Qt.Key.Key_T), self)
        self.tap_key.setContext(Qt.ShortcutContext.WindowShortcut)
        self.tap_key.setAutoRepeat(False)
        self.tap_key.activated.connect(practice.tap)

    def _quiet(self) -> None:
        self._practice.begin_quiet(self.stillness.value() * 60.0)

    def refresh(self) -> None:
        practice = self._practice
        matched = practice.together.matched_bpm
        self.matched.setText(
            _("Their breath: about {matched} a minute · now {now}").format(
                matched=_rate(matched), now=_rate(practice.rate())
            )
            if matched is not None
            else _("Tap twice or more and the shape takes their pace.")
        )
        self.quiet.setText(practice.quiet_words())


class TogetherPresented(QObject):
    """Breathing together as presentation mode drives it (a
    :class:`~kapcompanion.ui.practice.presented.PresentedPractice`)."""

    left = Signal()

    def __init__(self, clock: Clock, target_bpm: float = 6.0, theme: Theme = PRESENT) -> None:
        super().__init__()
        self.clock = clock
        self.together = BreathingTogether(target_bpm)
        self.run = RunMachine(clock)
        self.screen = TogetherScreen(theme)
        self.panel: TogetherPanel | None = None
        self._quiet_until: float | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self.tick)

    # -- what presentation mode asks ---------------------------------------------------------

    @property
    def content(self) -> QWidget:
        return self.screen

    @property
    def closed(self) -> SignalInstance:
        return self.left

    def present_at(self, scale: float, *, asks_elsewhere: bool = False) -> None:
        self.screen.fit(scale)

    def therapist_panel(self, theme: Theme) -> QWidget:
        """The therapist's part, for the control window."""
        self.panel = TogetherPanel(self, theme)
        return self.panel

    def status(self, *, closed: bool) -> PresentStatus:
        status = self.run.status
        ended = closed or status is RunStatus.FINISHED
        state = self.together.state_at(self.run.elapsed())
        minutes = int(self.run.elapsed() // 60)
        return PresentStatus(
            title=_(TITLE),
            position="",
            now=phase_word(state.phase.kind) if not ended else "",
            next="",
            time_left=_("{n} min together").format(n=minutes) if minutes and not ended else "",
            paused=status.still,
            asking=status is RunStatus.ASKING,
            ended=ended,
            can_move=False,
            has_steps=False,
        )

    def start(self) -> None:
        if self.run.start():
            self._timer.start()
            self.tick()

    def stop(self) -> None:
        self._timer.stop()
        if self.run.finish(Outcome.STOPPED):
            self.left.emit()

    def toggle_pause(self) -> None:
        if self.run.status is RunStatus.ASKING:
            self.run.keep_going()
        elif not self.run.pause():
            self.run.resume()

    def next(self) -> None:
        """Breathing together has no steps to move between."""

    def back(self) -> None:
        """Breathing together has no steps to move between."""

    def request_stop(self) -> None:
        if self.run.status is RunStatus.ASKING:
            self.stop()
        else:
            self.run.ask_stop()

    def keep_going(self) -> None:
        self.run.keep_going()

    def confirm_stop(self) -> None:
        self.stop()

    # -- the therapist's hand ---------------------------------------------------------------

    def tap(self) -> None:
        if self.run.status is RunStatus.RUNNING:
            self.together.tap(self.run.elapsed())
            if self.panel is not None:
                self.panel.refresh()

    def set_pace(self, bpm: float) -> None:
        self.together.set_target(bpm, self.run.elapsed())

    def rate(self) -> float:
        return self.together.rate_at(self.run.elapsed())

    def begin_quiet(self, seconds: float) -> None:
        self._quiet_until = self.clock.now() + seconds
        if self.panel is not None:
            self.panel.refresh()

    def quiet_words(self) -> str:
        if self._quiet_until is None:
            return ""
        left = self._quiet_until - self.clock.now()
        if left <= 0:
            return _(STILLNESS_OVER)
        return _("Quiet time: {time} left (only you see this)").format(
            time=f"{int(left // 60)}:{int(left % 60):02d}"
        )

    def tick(self) -> None:
        level = self.together.state_at(self.run.elapsed()).level
        self.screen.disc.set_level(level)
        if self.panel is not None:
            self.panel.disc.set_level(level)
            self.panel.refresh()
