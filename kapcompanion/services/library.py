"""The exercise library: the shipped scripts and the person's own, read once and shared.

Every screen that lists or names exercises (home, history, the summary, presentation, the
editor) reads this one object, and listens to :attr:`ExerciseLibrary.changed`, so a script saved
or imported in the editor shows everywhere at once, with its new title.

The shipped scripts are read in the language in use; when the person chooses another,
:meth:`ExerciseLibrary.language_changed` reads them again in it (wire it with
``i18n.on_change(library.language_changed)``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kapcompanion import i18n
from kapcompanion.domain.scripts import Exercise, ScriptError
from kapcompanion.storage.library import load_library
from kapcompanion.storage.paths import user_scripts_dir

Loader = Callable[[Path | None], tuple[list[Exercise], list[ScriptError]]]


class ExerciseLibrary(QObject):
    """The exercises that loaded and the problems of the scripts that did not.

    Read on first use (a practice started from the command line paints before it needs the
    list); :meth:`reload` reads the folders again and tells the listeners."""

    changed = Signal()

    def __init__(
        self,
        folder: Path | None = None,
        *,
        loader: Loader = load_library,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._folder = folder
        self._loader = loader
        self._exercises: list[Exercise] | None = None
        self._problems: list[ScriptError] = []
        #: The language the shipped scripts were last read in.
        self._language = i18n.language()

    @property
    def folder(self) -> Path:
        """The person's scripts folder (it may not exist yet)."""
        return self._folder if self._folder is not None else user_scripts_dir(create=False)

    def _read(self) -> None:
        self._language = i18n.language()
        self._exercises, self._problems = self._loader(self.folder)

    def _loaded(self) -> list[Exercise]:
        if self._exercises is None:
            self._read()
        assert self._exercises is not None
        return self._exercises

    @property
    def language(self) -> str:
        """The language the shipped scripts are (or will be) read in."""
        return self._language if self._exercises is not None else i18n.language()

    @property
    def exercises(self) -> Sequence[Exercise]:
        return tuple(self._loaded())

    @property
    def problems(self) -> Sequence[ScriptError]:
        self._loaded()
        return tuple(self._problems)

    def find(self, exercise_id: str) -> Exercise | None:
        return next((e for e in self._loaded() if e.id == exercise_id), None)

    def titles(self) -> dict[str, str]:
        """Each exercise's title by its id."""
        return {e.id: e.title for e in self._loaded()}

    def reload(self) -> Sequence[ScriptError]:
        """Read the shipped and the person's scripts again; returns the problems."""
        self._read()
        self.changed.emit()
        return tuple(self._problems)

    def language_changed(self, code: str | None = None) -> None:
        """The person chose another language (``code``, as :func:`kapcompanion.i18n.on_change`
        passes it): the shipped scripts are read again in it and the listeners told, unless
        they were read in it already (or not yet read at all: they will be, in it)."""
        if self._exercises is None:
            return
        if (code if code is not None else i18n.language()) != self._language:
            self.reload()

    def use(self, exercises: Sequence[Exercise], problems: Sequence[ScriptError] = ()) -> None:
        """Put exactly these exercises in the library (for tests and previews)."""
        self._exercises, self._problems = list(exercises), list(problems)
        self.changed.emit()
