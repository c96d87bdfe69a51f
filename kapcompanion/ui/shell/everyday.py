"""What makes the app safe to live with day to day: crisis resources, reminders, and the screens
for them.

:class:`Everyday` is made once by the main window. It holds the crisis resources
(:class:`~kapcompanion.services.crisis_book.CrisisBook`) and the reminders, and opens the screens
that go with them: the first-start notice, About, the crisis editor and the settings screen's
general sections. A reminder that is clicked brings the window forward and opens what it
suggests, unless something is already open.

The appearance, the announcements and home's "again" shortcut live beside it
(:mod:`~kapcompanion.ui.shell.appearance`, :mod:`~kapcompanion.ui.shell.announcements`,
:mod:`~kapcompanion.ui.shell.again`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QIcon

from kapcompanion.domain.reminders import Reminder, Suggestion
from kapcompanion.services.crisis_book import CrisisBook
from kapcompanion.services.library import ExerciseLibrary
from kapcompanion.services.settings import FIRST_START_DONE, SettingsStore
from kapcompanion.ui.shell.first_start import CrisisEditor, FirstStartScreen
from kapcompanion.ui.shell.home import HomeScreen
from kapcompanion.ui.shell.reminders import ReminderService

if TYPE_CHECKING:
    from kapcompanion.ui.settings.general import GeneralSettings
    from kapcompanion.ui.shell.about import AboutScreen
    from kapcompanion.ui.shell.hosts import EverydayHost

CHECK_IN_ID = "daily-check-in"


class Everyday(QObject):
    """See the module's text. ``sessions`` and ``practised`` read the practice log's session
    dates and the days practised this week, for the reminders."""

    def __init__(
        self,
        shell: EverydayHost,
        home: HomeScreen,
        *,
        store: SettingsStore,
        library: ExerciseLibrary,
        icon: QIcon,
        sessions: Callable[[], list[date]],
        practised: Callable[[], list[date]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._shell = shell
        self._home = home
        self.store = store
        self._library = library
        self.book = CrisisBook(store)
        self.reminders = ReminderService(
            store, icon, sessions=sessions, practised=practised, parent=self
        )
        self.reminders.open_requested.connect(self.open_reminded)
        self.reminders.show_requested.connect(shell.bring_forward)
        self.reminders.quit_requested.connect(shell.quit_app)

    def stays_in_tray(self) -> bool:
        """On closing the window: while reminders wait in the tray, hide it and keep the app
        (saying so once); else let it close."""
        if not self.reminders.keeps_running:
            return False
        self._shell.hide_window()
        self.reminders.tell_still_here()
        return True

    # -- screens ----------------------------------------------------------------------------------

    def maybe_first_start(self) -> FirstStartScreen | None:
        """Show the first-start notice if it has not been seen yet."""
        if self.store.get(FIRST_START_DONE):
            return None
        return self.open_first_start()

    def open_first_start(self) -> FirstStartScreen:
        self.book.reload()
        screen = FirstStartScreen(self.book, self._shell.theme)
        screen.edit_requested.connect(lambda: self.open_crisis_editor(screen.refresh))
        self._shell.push(screen)
        return screen

    def open_crisis_editor(self, after: Callable[[], object] | None = None) -> CrisisEditor:
        editor = CrisisEditor(self.book, self._shell.theme)
        if after is not None:
            editor.saved.connect(after)
        self._shell.push(editor)
        return editor

    def open_about(self) -> AboutScreen:
        from kapcompanion.ui.shell.about import AboutScreen

        screen = AboutScreen(self._shell.theme)
        screen.welcome_requested.connect(self.open_first_start)
        self._shell.push(screen)
        return screen

    def general_settings(self) -> GeneralSettings:
        from kapcompanion.ui.settings.general import GeneralSettings

        general = GeneralSettings(
            self.store, self.book, self.reminders, autostart=self._shell.autostart
        )
        general.crisis_edit_requested.connect(
            lambda: self.open_crisis_editor(general.crisis.refresh)
        )
        general.welcome_requested.connect(self.open_first_start)
        self.reminders.replan()
        return general

    # -- reminders --------------------------------------------------------------------------------

    def open_reminded(self, reminder: Reminder | None) -> None:
        """A reminder was clicked: bring the window forward and open what it suggests."""
        shell = self._shell
        shell.bring_forward()
        if shell.current_screen is not self._home:
            return  # something is already open; never interrupt it
        if reminder is not None and reminder.suggestion is Suggestion.PLAN:
            planned = self._library.find(reminder.practice)  # the plan's practice of the day
            if planned is not None:
                shell.begin_exercise(planned)
                return
        if reminder is not None and reminder.suggestion is Suggestion.CHECK_IN:
            exercise = self._library.find(CHECK_IN_ID)
            if exercise is not None:
                shell.begin_exercise(exercise)
                return
        self._home.choose_situation("breathe")
        shell.begin_breathing(self._home.config())
