"""What makes the app pleasant and safe to live with day to day, wired to the main window.

:class:`Everyday` is made once by the main window. It

- applies the appearance settings (theme, text size) app-wide as soon as they change, and the
  practice defaults (pattern, length, reduced motion) to home;
- remembers the last practice for home's "again" shortcut (kept in the settings file, except for
  a guest, whose practice leaves no trace);
- announces breathing phases and exercise steps to screen readers, politely and sparingly;
- holds the crisis resources, the reminders and the screens for them (first start, About, the
  crisis editor, the settings screen's general sections).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.pacing import PRESETS
from kapcompanion.domain.practice import Kind
from kapcompanion.domain.reminders import Reminder, Suggestion
from kapcompanion.services.events import PracticeStart
from kapcompanion.services.settings import (
    DEFAULT_MINUTES,
    DEFAULT_PATTERN,
    FIRST_START_DONE,
    LAST_PRACTICE,
    REDUCED_MOTION,
    TEXT_SIZE,
    THEME,
    SettingsStore,
)
from kapcompanion.ui.breathing.screen import BreathingScreen
from kapcompanion.ui.exercise.screen import ExerciseScreen
from kapcompanion.ui.shell import theme as themes
from kapcompanion.ui.shell.a11y import (
    Announcer,
    PhaseAnnouncer,
    resolve_reduced_motion,
    resolve_theme,
    system_reduced_motion,
    system_theme,
)
from kapcompanion.ui.shell.first_start import CrisisBook, CrisisEditor, FirstStartScreen
from kapcompanion.ui.shell.reminders import ReminderService

if TYPE_CHECKING:  # pragma: no cover
    from kapcompanion.ui.settings.general import GeneralSettings
    from kapcompanion.ui.shell.about import AboutScreen
    from kapcompanion.ui.shell.main_window import MainWindow

APPEARANCE_KEYS = {THEME.key, TEXT_SIZE.key}
DEFAULT_KEYS = {DEFAULT_PATTERN.key, DEFAULT_MINUTES.key, REDUCED_MOTION.key}
CHECK_IN_ID = "daily-check-in"


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


def reduced_motion(store: SettingsStore) -> bool:
    return resolve_reduced_motion(store.get(REDUCED_MOTION), system_reduced_motion())


def describe_last(value: str) -> str:
    """ "breathing:gentle-settle:5" -> "Gentle settle · 5 min"; exercises by their title are
    filled in by the window (it knows the library)."""
    kind, _, rest = value.partition(":")
    if kind == "breathing":
        key, _, minutes = rest.partition(":")
        pattern = PRESETS.get(key)
        if pattern is not None and minutes.isdigit():
            return f"{pattern.name} · {int(minutes)} min"
    return ""


class Everyday(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.store: SettingsStore = window.settings
        self.announcer = Announcer(window.clock)
        self.book = CrisisBook(self.store)
        self.reminders = ReminderService(
            self.store,
            window.windowIcon(),
            sessions=self._session_dates,
            practised=self._practised_days,
            parent=self,
        )
        self.reminders.open_requested.connect(self.open_reminded)
        self._last = self.store.get(LAST_PRACTICE)
        self._phases: PhaseAnnouncer | None = None
        home = window.home
        home.about_requested.connect(self.open_about)
        home.again_requested.connect(self.start_again)
        self.store.changed.connect(self._setting_changed)
        window.practice.started.connect(self._practice_started)
        window.practice.ended.connect(self._practice_ended)
        window.practice.voice.connect(self._step_began)
        self.apply_defaults()
        self._show_last()
        panel = getattr(window.log, "panel", None)
        log_controls = [
            w
            for w in (panel.findChildren(QWidget) if isinstance(panel, QWidget) else [])
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        home.set_reading_order(log_controls)

    # -- settings -----------------------------------------------------------------------------

    def _setting_changed(self, key: str) -> None:
        if key in APPEARANCE_KEYS:
            self.apply_appearance()
        if key in DEFAULT_KEYS:
            self.apply_defaults()

    def apply_appearance(self) -> themes.Theme:
        theme = apply_appearance(self.store)
        self.window.theme = theme
        self.window.home.restyle(theme)
        self.window.home.exercise_list.restyle(theme)
        return theme

    def apply_defaults(self) -> None:
        self.window.home.set_defaults(
            self.store.get(DEFAULT_PATTERN),
            self.store.get(DEFAULT_MINUTES),
            reduced_motion(self.store),
        )

    # -- the last practice ----------------------------------------------------------------------

    def _practice_started(self, info: PracticeStart) -> None:
        if info.kind is Kind.BREATHING:
            minutes = max(1, round(info.planned_seconds / 60))
            self._last = f"breathing:{info.ref}:{minutes}"
            screen = self.window.current_screen
            if isinstance(screen, BreathingScreen):
                self._follow_breathing(screen)
        elif info.kind is Kind.EXERCISE:
            self._last = f"exercise:{info.ref}"
        else:
            return
        if not self.window.log.logs.guest:
            self.store.set(LAST_PRACTICE, self._last)
        self._show_last()

    def _practice_ended(self, _info: object) -> None:
        if self._phases is not None:
            self._phases.stop()
            self._phases = None

    def _show_last(self) -> None:
        text = describe_last(self._last)
        kind, _, ref = self._last.partition(":")
        if kind == "exercise":
            exercise = self.window.library.find(ref)
            text = exercise.title if exercise is not None else ""
        self.window.home.show_again(text)

    def start_again(self) -> None:
        kind, _, rest = self._last.partition(":")
        if kind == "exercise":
            exercise = self.window.library.find(rest)
            if exercise is not None:
                self.window.log.before_practice(lambda: self.window.start_exercise(exercise))
            return
        key, _, minutes = rest.partition(":")
        pattern = PRESETS.get(key)
        if kind != "breathing" or pattern is None or not minutes.isdigit():
            return
        home = self.window.home
        config = BreathingConfig(
            pattern=pattern,
            minutes=min(30, max(1, int(minutes))),
            glide=home.glide_check.isChecked(),
            reduced_motion=home.reduced_motion_check.isChecked(),
            allow_holds=pattern.has_holds,
        )
        self.window.log.before_practice(lambda: self.window.start_breathing(config))

    # -- announcements ----------------------------------------------------------------------------

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
        screen = self.window.current_screen
        if isinstance(screen, ExerciseScreen):
            self.announcer.announce(screen, screen.step_text.text(), urgent=True)

    # -- screens ----------------------------------------------------------------------------------

    def maybe_first_start(self) -> FirstStartScreen | None:
        """Show the first-start notice if it has not been seen yet."""
        if self.store.get(FIRST_START_DONE):
            return None
        return self.open_first_start()

    def open_first_start(self) -> FirstStartScreen:
        self.book.reload()
        screen = FirstStartScreen(self.book, self.window.theme)
        screen.edit_requested.connect(lambda: self.open_crisis_editor(screen.refresh))
        self.window.push(screen)
        return screen

    def open_crisis_editor(self, after: object = None) -> CrisisEditor:
        editor = CrisisEditor(self.book, self.window.theme)
        if callable(after):
            editor.saved.connect(after)
        self.window.push(editor)
        return editor

    def open_about(self) -> AboutScreen:
        from kapcompanion.ui.shell.about import AboutScreen

        screen = AboutScreen(self.window.theme)
        screen.welcome_requested.connect(self.open_first_start)
        self.window.push(screen)
        return screen

    def general_settings(self) -> GeneralSettings:
        from kapcompanion.ui.settings.general import GeneralSettings

        general = GeneralSettings(self.store, self.book, self.reminders)
        general.crisis_edit_requested.connect(
            lambda: self.open_crisis_editor(general.crisis.refresh)
        )
        general.welcome_requested.connect(self.open_first_start)
        self.reminders.replan()
        return general

    # -- reminders --------------------------------------------------------------------------------

    def _session_dates(self) -> list[date]:
        return self.window.log.logs.current.session_dates()

    def _practised_days(self) -> list[date]:
        return self.window.log.logs.current.days_practised_in_week(date.today())

    def open_reminded(self, reminder: Reminder | None) -> None:
        """A reminder was clicked: bring the window forward and open what it suggests."""
        window = self.window
        window.showNormal() if window.isMinimized() else window.show()
        window.raise_()
        window.activateWindow()
        if window.current_screen is not window.home:
            return  # something is already open; never interrupt it
        if reminder is not None and reminder.suggestion is Suggestion.CHECK_IN:
            exercise = window.library.find(CHECK_IN_ID)
            if exercise is not None:
                window.log.before_practice(lambda: window.start_exercise(exercise))
                return
        home = window.home
        home.choose_situation("breathe")
        window.log.before_practice(lambda: window.start_breathing(home.config()))
