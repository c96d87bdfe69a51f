"""A breathing practice as presentation mode drives it (see
:class:`~kapcompanion.ui.practice.presented.PresentedPractice`).

On the client's screen only the breathing shows; Esc asks "stop here?" first (over the
breathing with one screen, on the therapist's controls with two; the breath rests meanwhile)
and a second Esc stops. There are no steps to move between.
"""

from __future__ import annotations

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QWidget

from kapcompanion.domain.present_status import PresentStatus, breathing_status
from kapcompanion.ui.breathing.screen import BreathingScreen
from kapcompanion.ui.shell.theme import Theme


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
        return None  # the usual controls are all it needs

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
