"""A guided exercise as presentation mode drives it (see
:class:`~kapcompanion.ui.practice.presented.PresentedPractice`).

On the client's screen the step shows alone, large, with its closing words at the end. With one
screen the exercise screen's own "stop here?" and pause line show there too; with the controls
on another screen they are asked there, and the client's screen keeps its step. Back and next
move between steps.
"""

from __future__ import annotations

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QWidget

from kapcompanion.domain.present_status import PresentStatus, exercise_status
from kapcompanion.i18n import N_, _
from kapcompanion.ui.exercise.screen import ExerciseScreen
from kapcompanion.ui.shell.theme import Theme

PAUSED_PRESENT = N_("Paused. Take all the time you need.")


class ExercisePresented:
    def __init__(self, screen: ExerciseScreen) -> None:
        self.screen = screen

    @property
    def content(self) -> QWidget:
        return self.screen

    @property
    def closed(self) -> SignalInstance:
        return self.screen.closed

    def present_at(self, scale: float, *, asks_elsewhere: bool = False) -> None:
        self.screen.fit_for_presentation(scale, _(PAUSED_PRESENT), asks_elsewhere=asks_elsewhere)

    def therapist_panel(self, theme: Theme) -> QWidget | None:
        return None  # the usual controls are all it needs

    def status(self, *, closed: bool) -> PresentStatus:
        screen = self.screen
        return exercise_status(screen.exercise, screen.state, ended=screen.finished or closed)

    def start(self) -> None:
        self.screen.start()

    def stop(self) -> None:
        self.screen.stop()

    def toggle_pause(self) -> None:
        self.screen.toggle_pause()

    def next(self) -> None:
        self.screen.next()

    def back(self) -> None:
        self.screen.back()

    def request_stop(self) -> None:
        self.screen.request_stop()  # closes the screen (so the presentation) once confirmed

    def keep_going(self) -> None:
        self.screen.keep_going()

    def confirm_stop(self) -> None:
        self.screen.confirm_stop()
