"""How the person likes to practise: one model, read from the settings, that every screen asks.

:class:`PracticePreferences` holds

- the defaults kept in Settings: the breathing pattern and length home starts with, and whether
  reduced motion is wanted ("system" follows what the system asks for, when it can tell);
- the two switches on home's breathing card, reduced motion and glide, as the person has set
  them for now. They start from the settings (glide starts on) and are not written back: the
  switches on home are for the practice at hand, and Settings keeps the lasting choice.

It emits ``changed`` whenever any of these changes, and ``defaults_changed`` when the defaults
in Settings change (home then takes them again). It is built once by the app and passed to
whatever needs it; nothing reads these choices back from a widget.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from kapcompanion.domain.preferences import PracticeDefaults, resolve_reduced_motion
from kapcompanion.services.settings import (
    DEFAULT_MINUTES,
    DEFAULT_PATTERN,
    REDUCED_MOTION,
    SettingsStore,
)

#: The settings this model follows.
DEFAULT_KEYS = frozenset({DEFAULT_PATTERN.key, DEFAULT_MINUTES.key, REDUCED_MOTION.key})


class PracticePreferences(QObject):
    """The person's practice preferences; see the module's text.

    ``system_reduced_motion`` tells whether the system asks for less motion (None when it
    cannot tell); it is asked each time the settings are read.
    """

    changed = Signal()
    defaults_changed = Signal()

    def __init__(
        self,
        store: SettingsStore,
        system_reduced_motion: Callable[[], bool | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._system = system_reduced_motion
        self._defaults = self._read()
        self._reduced_motion = self._defaults.reduced_motion
        self._glide = True
        store.changed.connect(self._setting_changed)

    def _read(self) -> PracticeDefaults:
        store = self._store
        return PracticeDefaults(
            pattern=store.get(DEFAULT_PATTERN),
            minutes=store.get(DEFAULT_MINUTES),
            reduced_motion=resolve_reduced_motion(store.get(REDUCED_MOTION), self._system()),
        )

    # -- reading --------------------------------------------------------------------------------

    @property
    def defaults(self) -> PracticeDefaults:
        return self._defaults

    @property
    def reduced_motion(self) -> bool:
        """Shapes stay still and fill instead of growing, and exercises cut between steps."""
        return self._reduced_motion

    @property
    def glide(self) -> bool:
        """A breathing practice begins a little quicker and slows down gently."""
        return self._glide

    # -- home's switches ------------------------------------------------------------------------

    def set_reduced_motion(self, on: bool) -> None:
        if on != self._reduced_motion:
            self._reduced_motion = on
            self.changed.emit()

    def set_glide(self, on: bool) -> None:
        if on != self._glide:
            self._glide = on
            self.changed.emit()

    # -- following the settings ---------------------------------------------------------------

    def reload(self) -> None:
        """Read the defaults again; reduced motion takes the setting's value."""
        self._defaults = self._read()
        self._reduced_motion = self._defaults.reduced_motion
        self.defaults_changed.emit()
        self.changed.emit()

    def _setting_changed(self, key: str) -> None:
        if key in DEFAULT_KEYS:
            self.reload()
