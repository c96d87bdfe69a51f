"""The app's appearance from the settings: the theme and the text size, applied app-wide.

:func:`apply_appearance` is used once at start (before the window is built) and
:class:`AppearanceFollower` again whenever the person changes either setting.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QLayout, QWidget

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
        # Once the new text has reached every widget (some of it arrives as posted events).
        QTimer.singleShot(0, relayout_all)
        return theme


def relayout_all() -> None:
    for window in QApplication.topLevelWidgets():
        relayout(window)


def relayout(root: QWidget) -> None:
    """Let every layout under ``root`` measure its widgets again.

    A new text size reaches a widget's children after the widget itself, so a widget whose size
    comes from its children (a button holding wrapped labels, a card) would keep the size of
    the old text and cut the new one off, until the window was opened again.
    """
    for widget in (root, *root.findChildren(QWidget)):
        layout = widget.layout()
        if isinstance(layout, QLayout):
            _invalidate(layout)
        widget.updateGeometry()


def _invalidate(layout: QLayout) -> None:
    """``layout`` and the layouts inside it (a hidden page's are not redone on their own).

    The inner layouts are found as the layout's children, never through ``itemAt``: a layout
    item's wrapper would outlive the item it stands for (items are not QObjects), and a later
    object at the same address would be read back as it."""
    for inner in layout.findChildren(QLayout):
        inner.invalidate()
    layout.invalidate()
