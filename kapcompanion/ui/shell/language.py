"""The language the app speaks: chosen before any window is built, and again, live, in Settings.

The setting (:data:`LANGUAGE`: "system", or a language of :data:`kapcompanion.i18n.LANGUAGES`)
is kept with the appearance settings. :func:`speak` puts it in place for everything at once:

- the app's own words (:func:`kapcompanion.i18n.use_language`);
- Qt's words in its standard buttons, dialogs and context menus (its ``qtbase`` catalog from
  Qt's translations folder, through a :class:`QTranslator`);
- dates and numbers, through QLocale's default: the system's own locale when it speaks that
  language (so a Mexican system keeps its own formats in Spanish), else the language's usual one.

:class:`LiveLanguage` follows the setting while the app runs: the exercises are read again in the
new language, home and what goes with it are built anew, and a person on the Settings screen
stays there, at the same place, with the focus on the language they just chose. A practice
presented on another screen is never rebuilt under the person: the change waits for its end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    Qt,
    QTimer,
    QTranslator,
)
from PySide6.QtWidgets import QScrollArea, QWidget

from kapcompanion import i18n
from kapcompanion.i18n import N_
from kapcompanion.services.settings import SettingsStore, choice_setting
from kapcompanion.storage.settings_peek import LANGUAGE_KEY

if TYPE_CHECKING:
    from kapcompanion.services.events import PracticeEvents
    from kapcompanion.services.library import ExerciseLibrary
    from kapcompanion.ui.shell.home import HomeScreen

#: "system" follows the system's language; the others name a language of the app.
LANGUAGE = choice_setting(LANGUAGE_KEY, N_("Language"), i18n.SYSTEM, (i18n.SYSTEM, *i18n.LANGUAGES))
#: Qt's catalog of its own words (buttons such as "Cancel", the text fields' context menu).
QT_CATALOG = "qtbase"

_qt_translator: QTranslator | None = None


def speak(store: SettingsStore) -> str:
    """Speak the language chosen in ``store`` (the system's when none is): returns its code."""
    code = i18n.use_language(i18n.resolve(store.get(LANGUAGE)))
    follow_in_qt(code)
    return code


def locale_for(code: str) -> QLocale:
    """The locale for dates and numbers in language ``code``."""
    system = QLocale.system()
    wanted = QLocale(code)
    return system if system.language() == wanted.language() else wanted


def follow_in_qt(code: str) -> bool:
    """Qt's own words and its dates and numbers in language ``code``; False when Qt has no
    catalog for it (its words then stay English, which is also what "en" asks for)."""
    global _qt_translator
    QLocale.setDefault(locale_for(code))
    app = QCoreApplication.instance()
    if _qt_translator is not None:
        QCoreApplication.removeTranslator(_qt_translator)
        _qt_translator = None
    if app is None or code == i18n.SOURCE:
        return code == i18n.SOURCE
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(QLocale(code), QT_CATALOG, "_", folder):
        return False
    QCoreApplication.installTranslator(translator)
    _qt_translator = translator
    return True


class Window(Protocol):
    """What of the main window a change of language needs."""

    settings: SettingsStore
    practice: PracticeEvents
    library: ExerciseLibrary

    @property
    def home(self) -> HomeScreen: ...
    @property
    def current_screen(self) -> QWidget: ...
    def rebuild_home(self) -> None: ...
    def pop(self) -> None: ...
    def open_settings(self) -> QWidget: ...


class LiveLanguage(QObject):
    """Applies a new choice of language to ``window`` as soon as it is made (see above)."""

    def __init__(self, window: Window) -> None:
        super().__init__(window if isinstance(window, QObject) else None)
        self._window = window
        #: The language this window's screens were built in.
        self.spoken = i18n.language()
        self._waiting = False
        window.settings.changed.connect(self._setting_changed)
        window.practice.ended.connect(self._practice_ended)

    def _setting_changed(self, key: str) -> None:
        if key == LANGUAGE.key:
            # After the choice's own signal has been handled: its combo box is rebuilt too.
            QTimer.singleShot(0, self.apply)

    def _practice_ended(self, *_args: object) -> None:
        if self._waiting:
            QTimer.singleShot(0, self.apply)

    def apply(self) -> bool:
        """Speak the chosen language and build the screens anew in it; False when nothing had
        to change, or when it waits for a presented practice to end."""
        window = self._window
        code = i18n.resolve(window.settings.get(LANGUAGE))
        if code == self.spoken:
            return False
        if window.practice.running is not None:
            self._waiting = True
            return False
        self._waiting = False
        if code != i18n.language():
            speak(window.settings)
        self.spoken = code
        window.library.reload()  # the built-in exercises in the new language
        place = _SettingsPlace.of(window.current_screen)
        situation, pattern = window.home.situation, window.home.config().pattern.key
        window.rebuild_home()
        # Home as the person left it: the same situation, the same pattern on its card.
        if situation:
            window.home.choose_situation(situation)
        if pattern in window.home.pattern_keys():
            window.home.select_pattern(pattern)
        if place is not None:
            window.pop()
            place.restore(window.open_settings())
        return True


class _SettingsPlace:
    """Where the person was on the Settings screen: how far down its language control sat."""

    def __init__(self, offset: int) -> None:
        self.offset = offset

    @classmethod
    def of(cls, screen: QWidget) -> _SettingsPlace | None:
        combo = _language_control(screen)
        scroll = _page(screen)
        if combo is None or scroll is None:
            return None
        return cls(combo.mapTo(scroll.viewport(), combo.rect().topLeft()).y())

    def restore(self, screen: QWidget) -> None:
        """Scroll the new screen so its language control sits where the old one did, and
        give it the focus (now, and once the new page has been laid out)."""

        def place() -> None:
            combo = _language_control(screen)
            scroll = _page(screen)
            if combo is None or scroll is None:
                return
            # The new page's layout first, so the control's height is its final one.
            for _round in range(3):
                QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            combo.setFocus(Qt.FocusReason.OtherFocusReason)
            bar = scroll.verticalScrollBar()
            now = combo.mapTo(scroll.viewport(), combo.rect().topLeft()).y()
            bar.setValue(bar.value() + now - self.offset)

        place()
        QTimer.singleShot(0, place)


def _language_control(screen: QWidget) -> QWidget | None:
    general = getattr(screen, "general", None)
    combo = getattr(general, "language_combo", None)
    return combo if isinstance(combo, QWidget) else None


def _page(screen: QWidget) -> QScrollArea | None:
    return screen.findChild(QScrollArea, options=Qt.FindChildOption.FindDirectChildrenOnly)
