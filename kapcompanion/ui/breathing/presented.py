"""A breathing practice as presentation mode drives it (see
:class:`~kapcompanion.ui.practice.presented.PresentedPractice`).

On the client's screen only the breathing shows; Esc asks "stop here?" first (over the
breathing with one screen, on the therapist's controls with two; the breath rests meanwhile)
and a second Esc stops. There are no steps to move between. With two screens the therapist's
window shows the same shape, small (:class:`BreathMirror`), to breathe along with the client.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kapcompanion.domain.present_status import PresentStatus, breathing_status
from kapcompanion.i18n import N_, _
from kapcompanion.ui.breathing.disc import BreathDisc
from kapcompanion.ui.breathing.screen import BreathingScreen
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.theme import Theme

#: How often the therapist's small shape is drawn (ms).
MIRROR_FRAME_MS = 16
MIRROR_LINE = N_("The client's shape, here too: you can breathe along with them.")


class BreathMirror(QWidget):
    """The client's breathing shape, small, on the therapist's screen: read from the same run
    on the one clock, so both move as one."""

    def __init__(self, screen: BreathingScreen, theme: Theme) -> None:
        super().__init__()
        self._screen = screen
        self.disc = BreathDisc(theme)
        self.disc.setFixedSize(96, 96)
        line = scaffold.label(_(MIRROR_LINE), "hint", wrap=True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.disc)
        layout.addWidget(line, 1)
        self._timer = QTimer(self)
        self._timer.setInterval(MIRROR_FRAME_MS)
        self._timer.timeout.connect(self.tick)
        self._timer.start()

    def tick(self) -> None:
        self.disc.set_level(self._screen.run.state().level)


class BreathingPresented:
    def __init__(self, screen: BreathingScreen) -> None:
        self.screen = screen

    @property
    def content(self) -> QWidget:
        return self.screen

    @property
    def closed(self) -> SignalInstance:
        return self.screen.closed

    def present_at(self, scale: float, *, asks_elsewhere: bool = False) -> None:
        self.screen.fit_for_presentation(scale, asks_elsewhere=asks_elsewhere)

    def therapist_panel(self, theme: Theme) -> QWidget | None:
        """The same shape, small, for the therapist to breathe along with the client."""
        return BreathMirror(self.screen, theme)

    def status(self, *, closed: bool) -> PresentStatus:
        screen = self.screen
        return breathing_status(
            screen.config, screen.state, screen.run.status, ended=screen.finished or closed
        )

    def start(self) -> None:
        self.screen.start()

    def stop(self) -> None:
        self.screen.stop()

    def toggle_pause(self) -> None:
        self.screen.toggle_pause()

    def next(self) -> None:
        """A breathing practice has no steps to move between."""

    def back(self) -> None:
        """A breathing practice has no steps to move between."""

    def request_stop(self) -> None:
        screen = self.screen
        if screen.finished or screen.asking:
            screen.stop()  # leaves the screen, which ends the presentation
        else:
            screen.ask_stop()

    def keep_going(self) -> None:
        self.screen.keep_going()

    def confirm_stop(self) -> None:
        self.screen.stop()
