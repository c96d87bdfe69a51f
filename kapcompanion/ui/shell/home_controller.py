"""What follows from the person's choices on home (the view is :mod:`kapcompanion.ui.shell.home`).

:class:`HomeController` keeps the breathing card in step with the person's preferences:

- the switches for reduced motion and glide show :class:`~kapcompanion.services.preferences.
  PracticePreferences` and set them when the person flips one (so every screen that asks the
  preferences sees the same choice);
- the defaults from Settings (pattern, length, reduced motion) are taken when home is built and
  whenever they change; the default pattern shows only when no situation asks for another;
- a situation around a session sets the card to gentle settling with no breath holds; the other
  situations bring the person's default pattern back.

:class:`FeelingsController` starts what home's ways in by feeling offer.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from kapcompanion.domain.feelings import Feeling, entry_for, offered
from kapcompanion.domain.scripts import Exercise
from kapcompanion.domain.situations import situation, takes_default_pattern
from kapcompanion.services.library import ExerciseLibrary
from kapcompanion.services.preferences import PracticePreferences
from kapcompanion.ui.shell.home import HomeScreen
from kapcompanion.ui.shell.home_feelings import FeelingsRow


class HomeController(QObject):
    def __init__(
        self,
        home: HomeScreen,
        preferences: PracticePreferences,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._home = home
        self._preferences = preferences
        card = home.card
        card.reduced_motion_toggled.connect(preferences.set_reduced_motion)
        card.glide_toggled.connect(preferences.set_glide)
        preferences.changed.connect(self._show_preferences)
        preferences.defaults_changed.connect(self.apply_defaults)
        home.situation_chosen.connect(self._situation_chosen)
        self.apply_defaults()

    def _show_preferences(self) -> None:
        p = self._preferences
        self._home.card.show_motion(reduced_motion=p.reduced_motion, glide=p.glide)

    def apply_defaults(self) -> None:
        """The person's defaults from Settings on the card: pattern, length and motion."""
        home = self._home
        defaults = self._preferences.defaults
        if defaults.pattern in home.pattern_keys() and takes_default_pattern(home.situation):
            home.select_pattern(defaults.pattern)
        home.minutes_spin.setValue(defaults.minutes)
        self._show_preferences()

    def _situation_chosen(self, key: str) -> None:
        home = self._home
        pattern = situation(key).pattern
        if pattern is not None:
            # Gentle, with no breath holds, around a session.
            home.holds_check.setChecked(False)
            home.select_pattern(pattern)
            return
        default = self._preferences.defaults.pattern
        if home.card.pattern().key != default and default in home.pattern_keys():
            home.select_pattern(default)


class FeelingsController(QObject):
    """What follows from home's ways in by feeling (:class:`~kapcompanion.ui.shell.
    home_feelings.FeelingsRow`): a feeling starts its first practice at once through ``start``
    (outside-in, see :mod:`kapcompanion.domain.feelings`), and home then offers the entry's
    other practices. No rating is asked first: the feeling chosen already says how the
    person is, and a number is one more thing at a hard moment."""

    def __init__(
        self,
        row: FeelingsRow,
        library: ExerciseLibrary,
        start: Callable[[Exercise], object],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._row = row
        self._library = library
        self._start = start
        row.feeling_chosen.connect(self.choose)
        row.practice_chosen.connect(self._practice_chosen)

    def choose(self, value: str) -> Exercise | None:
        """Start the first practice offered for feeling ``value``; returns it (None when the
        library has none of them)."""
        entry = entry_for(Feeling(value))
        practices = offered(entry, self._library.exercises)
        if not practices:
            return None
        first, *others = practices
        self._row.show_offer(entry, [(e.id, e.title) for e in others])
        self._start(first)
        return first

    def _practice_chosen(self, exercise_id: str) -> None:
        exercise = self._library.find(exercise_id)
        if exercise is not None:
            self._start(exercise)
