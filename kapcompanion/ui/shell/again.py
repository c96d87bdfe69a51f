"""Home's "again" shortcut: the practice done last, one key away.

:class:`AgainShortcut` follows the practices that begin (the practice hub's ``started``), keeps
the last one in the settings file (except for a guest, whose practice leaves no trace), shows it
on home and starts it again when asked. What is kept, and how it is read back, is
:mod:`kapcompanion.domain.last_practice`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.last_practice import (
    LastBreathing,
    LastExercise,
    LastPractice,
    format_last,
    last_from_start,
    parse_last,
)
from kapcompanion.domain.scripts import Exercise
from kapcompanion.services.events import PracticeEvents, PracticeStart
from kapcompanion.services.library import ExerciseLibrary
from kapcompanion.services.preferences import PracticePreferences
from kapcompanion.services.settings import LAST_PRACTICE, SettingsStore
from kapcompanion.ui.shell.home import HomeScreen


class AgainShortcut(QObject):
    """See the module's text. ``guest`` tells whether practice is kept as a guest's now;
    ``begin_breathing`` and ``begin_exercise`` start a practice as home's own buttons do."""

    def __init__(
        self,
        home: HomeScreen,
        *,
        store: SettingsStore,
        events: PracticeEvents,
        library: ExerciseLibrary,
        preferences: PracticePreferences,
        guest: Callable[[], bool],
        begin_breathing: Callable[[BreathingConfig], object],
        begin_exercise: Callable[[Exercise], object],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._home = home
        self._store = store
        self._library = library
        self._preferences = preferences
        self._guest = guest
        self._begin_breathing = begin_breathing
        self._begin_exercise = begin_exercise
        self.last: LastPractice | None = parse_last(store.get(LAST_PRACTICE))
        events.started.connect(self._practice_started)
        home.again_requested.connect(self.start_again)
        library.changed.connect(self.show)
        # A pattern with breath holds is offered only while the card shows such patterns (a
        # situation around a session switches them off).
        home.holds_check.toggled.connect(lambda _on: self.show())
        home.situation_chosen.connect(lambda _key: self.show())
        self.show()

    def _practice_started(self, info: PracticeStart) -> None:
        if not info.kept:
            return  # a practice presented to a client is not the person's own to offer again
        self.last = last_from_start(info.kind, info.ref, info.planned_seconds)
        if not self._guest():
            self._store.set(LAST_PRACTICE, format_last(self.last) if self.last else "")
        self.show()

    def describe(self) -> str:
        """ "Gentle settle · 5 min", an exercise's title, or "" when there is nothing to offer
        (no practice yet, or an exercise that is no longer there)."""
        last = self.last
        if isinstance(last, LastBreathing):
            return last.describe() if self._holds_welcome(last) else ""
        if isinstance(last, LastExercise):
            exercise = self._library.find(last.exercise_id)
            return exercise.title if exercise is not None else ""
        return ""

    def _holds_welcome(self, last: LastBreathing) -> bool:
        """A pattern without holds always is; one with holds only while the person has them
        switched on."""
        return not last.pattern.has_holds or self._home.holds_check.isChecked()

    def show(self) -> None:
        self._home.show_again(self.describe())

    def start_again(self) -> None:
        last = self.last
        if isinstance(last, LastExercise):
            exercise = self._library.find(last.exercise_id)
            if exercise is not None:
                self._begin_exercise(exercise)
        elif isinstance(last, LastBreathing) and self._holds_welcome(last):
            p = self._preferences
            self._begin_breathing(last.config(glide=p.glide, reduced_motion=p.reduced_motion))
