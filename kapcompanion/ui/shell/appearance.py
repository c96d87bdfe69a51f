"""The app's appearance from the settings: the theme and the text size, applied app-wide.

:func:`apply_appearance` is used once at start (before the window is built) and
:class:`AppearanceFollower` again whenever the person changes either setting.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from kapcompanion.services.settings import TEXT_SIZE, THEME, SettingsStore
from kapcompanion.ui.shell import theme as themes
from kapcompanion.ui.shell.a11y import resolve_theme, system_theme

APPEARANCE_KEYS = frozenset({THEME.key, TEXT_SIZE.key})


def theme_for(store: SettingsStore, override: str | None = None) -> themes.Theme:
    """The palette to use: ``override`` (the command line's --theme) or the setting."""
    return resolve_theme(override or store.get(THEME), system_theme())


def apply_appearance(store: SettingsStore, override: str | None = None) -> themes.Theme:
    """Set the text size and theme app-wide from the settings; returns the theme."""
    themes.set_text_scale(store.get(TEXT_SIZE))
    theme = theme_for(store, override)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        themes.apply(app, theme)
    return theme


class AppearanceFollower(QObject):
    """Applies the appearance settings as soon as they change, then tells ``applied`` the new
    theme (for the parts of the window that carry their own styles)."""

    def __init__(
        self,
        store: SettingsStore,
        applied: Callable[[themes.Theme], object],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._applied = applied
        store.changed.connect(self._setting_changed)

    def _setting_changed(self, key: str) -> None:
        if key in APPEARANCE_KEYS:
            self.apply()

    def apply(self) -> themes.Theme:
        theme = apply_appearance(self._store)
        self._applied(theme)
        return theme
