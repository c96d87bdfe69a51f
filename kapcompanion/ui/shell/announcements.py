"""What a screen reader hears during a practice: a breathing practice's phases as they begin,
and each step of a guided exercise, politely and sparingly (see :mod:`kapcompanion.ui.shell.a11y`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from kapcompanion.domain.clock import Clock
from kapcompanion.domain.practice import Kind
from kapcompanion.services.events import PracticeEvents, PracticeStart
from kapcompanion.ui.breathing.screen import BreathingScreen
from kapcompanion.ui.exercise.screen import ExerciseScreen
from kapcompanion.ui.shell.a11y import Announcer, PhaseAnnouncer


class PracticeAnnouncements(QObject):
    """Follows the practice hub; ``current_screen`` gives the screen showing now."""

    def __init__(
        self,
        events: PracticeEvents,
        clock: Clock,
        current_screen: Callable[[], QWidget],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.announcer = Announcer(clock)
        self._current_screen = current_screen
        self._phases: PhaseAnnouncer | None = None
        events.started.connect(self._practice_started)
        events.ended.connect(self._practice_ended)
        events.voice.connect(self._step_began)

    def _practice_started(self, info: PracticeStart) -> None:
        if info.kind is not Kind.BREATHING:
            return
        screen = self._current_screen()
        if isinstance(screen, BreathingScreen):
            self._follow_breathing(screen)

    def _practice_ended(self, _info: object) -> None:
        if self._phases is not None:
            self._phases.stop()
            self._phases = None

    def _follow_breathing(self, screen: BreathingScreen) -> None:
        if self._phases is not None:
            self._phases.stop()
        self._phases = PhaseAnnouncer(
            screen,
            screen.config.timeline(),
            lambda: screen.elapsed,
            lambda: screen.paused,
            self.announcer,
        )
        self._phases.start()

    def _step_began(self, _voice: str) -> None:
        # The step's words are on the screen once this turn of the event loop is done.
        QTimer.singleShot(0, self._announce_step)

    def _announce_step(self) -> None:
        screen = self._current_screen()
        if isinstance(screen, ExerciseScreen):
            self.announcer.announce(screen, screen.step_text.text(), urgent=True)
