"""The main window: a stack of screens with the home screen at the bottom, and the navigation
API the other screens use (push, pop, show_home, start_breathing, start_exercise...), the keys
that work on every screen, and how home is built after the first frame. See docs/WINDOW.md.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QPaintEvent, QShortcut
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.clock import Clock
from kapcompanion.i18n import N_, _
from kapcompanion.services.events import PracticeEvents
from kapcompanion.services.help import HelpDesk
from kapcompanion.services.library import ExerciseLibrary
from kapcompanion.services.preferences import PracticePreferences
from kapcompanion.services.settings import SettingsStore
from kapcompanion.storage.contacts import contacts_path
from kapcompanion.ui.breathing.screen import BreathingScreen
from kapcompanion.ui.editor.voice_player import VoicePlayer
from kapcompanion.ui.help.corner import MARGIN as HELP_MARGIN
from kapcompanion.ui.help.corner import HelpCorner
from kapcompanion.ui.help.window import HelpWindow, open_help
from kapcompanion.ui.shell.a11y import system_reduced_motion
from kapcompanion.ui.shell.first_paint import FirstPaint
from kapcompanion.ui.shell.fit import ScreenFit
from kapcompanion.ui.shell.language import LiveLanguage
from kapcompanion.ui.shell.screen_kinds import (
    AsksBeforeStopping,
    Closes,
    Pausable,
    ShowsPause,
    Stoppable,
    Titled,
)
from kapcompanion.ui.shell.shared_file import choose_shared_file
from kapcompanion.ui.shell.sound_output import SoundController, SoundNotice
from kapcompanion.ui.shell.theme import DARK, Theme, text_scale

if TYPE_CHECKING:
    from kapcompanion.domain.scripts import Exercise
    from kapcompanion.services.autostart import Autostart
    from kapcompanion.storage.logs import PracticeLogs
    from kapcompanion.ui.exercise.screen import ExerciseScreen
    from kapcompanion.ui.log.panel import PracticeLogUI
    from kapcompanion.ui.settings.screen import SettingsScreen
    from kapcompanion.ui.shell.again import AgainShortcut
    from kapcompanion.ui.shell.announcements import PracticeAnnouncements
    from kapcompanion.ui.shell.everyday import Everyday
    from kapcompanion.ui.shell.home import HomeScreen
    from kapcompanion.ui.shell.home_plan import HomePlan
    from kapcompanion.ui.shell.problems import ProblemsPanel

APP_TITLE = "kapcompanion"
DEFAULT_SIZE = QSize(1280, 800)
MINIMUM_SIZE = QSize(720, 560)
#: Benchmarks: when set, the first painted frame is reported on standard output.
SETTINGS_NOTICE = N_(
    "Some settings could not be read, so the usual ones are in use; Settings says more."
)
#: The short practice F2 opens from home and from every practice screen.
WHEN_IT_GETS_BIG = "when-it-gets-big"
ENDED_NOTICE = N_("The practice has ended. You can begin again whenever you like.")
#: With ``defer_home``, what waits for the first frame is built after this long at the latest.
DEFERRED_AT_LATEST_MS = 1000
TAB_FOCUS = Qt.FocusPolicy.TabFocus


class MainWindow(QMainWindow):
    #: Another screen came to the top (a practice began, the person went home...).
    screen_changed = Signal()

    def __init__(
        self,
        clock: Clock,
        theme: Theme = DARK,
        parent: QWidget | None = None,
        *,
        logs: PracticeLogs | None = None,
        library: ExerciseLibrary | None = None,
        settings: SettingsStore | None = None,
        preferences: PracticePreferences | None = None,
        defer_home: bool = False,
    ) -> None:
        """``logs`` holds the practice log; without it practice is kept as a guest's.
        ``settings`` and ``preferences`` are the app's (read from the usual file when not
        given). ``defer_home`` builds home and what goes with it after the first frame (see
        above)."""
        super().__init__(parent)
        self.clock = clock
        self.theme = theme
        #: The exercises every screen lists and names, read once and shared.
        self.library = library if library is not None else ExerciseLibrary(parent=self)
        # Practice screens report here; the log, the audio and other windows listen.
        self.practice = PracticeEvents(self)
        self.settings = settings if settings is not None else SettingsStore(parent=self)
        #: Reduced motion, glide and the practice defaults: asked, never read off a widget.
        self.preferences = (
            preferences
            if preferences is not None
            else PracticePreferences(self.settings, system_reduced_motion, parent=self)
        )
        # Sound follows the hub; it opens only once the window has painted (see app.run).
        self.sound = SoundController(self.practice, self.settings, clock=clock, parent=self)
        self.sound_notice = SoundNotice(self, self.sound, theme)
        # Steps' recorded voices play through the same sound as each step begins.
        self.voice = VoicePlayer(self.practice, self.sound, parent=self)
        self.setWindowTitle(APP_TITLE)
        self.setMinimumSize(MINIMUM_SIZE)
        self.resize(DEFAULT_SIZE)
        # With a window manager's title bar, still inside the screen (see fit.py).
        self.fit = ScreenFit(self)
        self._first_paint = FirstPaint()
        self._quitting = False
        #: Starting with the computer, when the app can offer it (set by the app).
        self.autostart: Autostart | None = None

        self._stack = QStackedWidget(self)
        # The screens, and under them the sound notice when it shows (covering nothing).
        self.setCentralWidget(self.sound_notice.under(self._stack))
        self._logs = logs
        #: Whether closing first offers to keep practice the log could not save (not when a
        #: test or benchmark closes the window by itself).
        self.ask_before_closing = True
        self._home: HomeScreen | None = None
        self._log: PracticeLogUI | None = None
        self._everyday: Everyday | None = None
        self._plan: HomePlan | None = None
        self._again: AgainShortcut | None = None
        self._announcements: PracticeAnnouncements | None = None
        self._esc = self._shortcut(Qt.Key.Key_Escape, self._escape)
        self._space = self._shortcut(Qt.Key.Key_Space, self._space_pressed)
        self._f11 = self._shortcut(Qt.Key.Key_F11, self.toggle_full_screen)
        # Help is one key (F1) and one quiet control away on every screen.
        self._f1 = self._shortcut(Qt.Key.Key_F1, self.open_help)
        # "When it gets big" is one key (F2) away on home and on every practice screen.
        self._f2 = self._shortcut(Qt.Key.Key_F2, self.when_it_gets_big)
        self.help_corner = HelpCorner(self, self.open_help)
        self.help_corner.moved.connect(self._leave_room_for_help)
        self._leave_room_for_help()
        self._help_desk: HelpDesk | None = None
        # A language chosen in Settings applies at once: the screens are built anew in it.
        self.language = LiveLanguage(self)
        self._stack.currentChanged.connect(self._screen_changed)
        if defer_home:
            self.after_first_paint(self._build_home)
            # Should no frame ever be painted (a hidden window), build it all anyway.
            QTimer.singleShot(DEFERRED_AT_LATEST_MS, self._first_paint.done)
        else:
            self._build_home()
        self._screen_changed()

    def _build_home(self) -> None:
        """Home at the bottom of the stack, the practice log's part of the window and the
        everyday services (once)."""
        if self._home is not None:
            return
        from kapcompanion.ui.log.panel import PracticeLogUI
        from kapcompanion.ui.shell.again import AgainShortcut
        from kapcompanion.ui.shell.announcements import PracticeAnnouncements
        from kapcompanion.ui.shell.appearance import AppearanceFollower
        from kapcompanion.ui.shell.everyday import Everyday
        from kapcompanion.ui.shell.home import HomeScreen
        from kapcompanion.ui.shell.home_controller import FeelingsController, HomeController

        home = self._home = HomeScreen(self.theme)
        self._stack.insertWidget(0, home)
        # The practice log: recording, the optional ratings, history and session dates.
        log = self._log = PracticeLogUI(
            self,
            home.log_layout,
            self._logs,
            settings=self.settings,
            library=self.library,
            recent=home.exercise_list,
            parent=self,
        )
        # The card follows the preferences and the situations; "again" follows the practice.
        self._home_controller = HomeController(home, self.preferences, parent=self)
        self._feelings = FeelingsController(
            home.feelings, self.library, self.start_exercise, parent=self
        )
        home.feelings.big_requested.connect(self.when_it_gets_big)
        self._again = AgainShortcut(
            home,
            store=self.settings,
            events=self.practice,
            library=self.library,
            preferences=self.preferences,
            guest=lambda: log.logs.guest,
            begin_breathing=self.begin_breathing,
            begin_exercise=self.begin_exercise,
            parent=self,
        )
        self._announcements = PracticeAnnouncements(
            self.practice, self.clock, lambda: self.current_screen, parent=self
        )
        self._appearance = AppearanceFollower(self.settings, self._theme_applied, parent=self)
        home.start_requested.connect(self.begin_breathing)
        exercises = home.exercise_list
        exercises.exercise_chosen.connect(self.begin_exercise)
        exercises.problems_requested.connect(self.show_script_problems)
        exercises.follow(self.library)
        home.settings_requested.connect(self.open_settings)
        # Crisis resources, reminders, About and the first-start notice (see everyday.py).
        everyday = self._everyday = Everyday(
            self,
            home,
            store=self.settings,
            library=self.library,
            icon=self.windowIcon(),
            sessions=lambda: log.logs.current.session_dates(),
            practised=lambda: log.logs.current.days_practised_in_week(date.today()),
            parent=self,
        )
        # The integration plan's practice for today (see home_plan.py).
        from kapcompanion.ui.shell.home_plan import plan_on_home

        self._plan = plan_on_home(
            home, self.library, self.begin_exercise, everyday.reminders, lambda: log.logs.guest
        )
        plan_card = self._plan.card
        home.about_requested.connect(everyday.open_about)
        home.present_requested.connect(self.open_present_setup)
        home.editor_requested.connect(self.open_editor)
        home.shared_requested.connect(lambda: choose_shared_file(self, self))
        home.set_reading_order(
            [w for w in log.panel.findChildren(QWidget) if w.focusPolicy() & TAB_FOCUS]
            + plan_card.controls()
        )
        if self.settings.problems:
            home.show_notice(_(SETTINGS_NOTICE))

    def rebuild_home(self) -> None:
        """Build home, what goes with it and Help's corner anew (the language changed, and no
        practice runs): the old parts go, and their listeners with them."""
        if self._home is None:
            return
        self._stack.removeWidget(self._home)
        parts = (self._home, self._log, self._everyday, self._again, self._announcements)
        for part in (*parts, self._home_controller, self._feelings, self._appearance):
            if part is not None:
                part.deleteLater()
        self._home = self._log = self._everyday = self._again = self._announcements = None
        self._help_desk = None
        self.help_corner.deleteLater()
        self.help_corner = HelpCorner(self, self.open_help)
        self.help_corner.moved.connect(self._leave_room_for_help)
        self.help_corner.show()
        self._build_home()
        self.everyday.reminders.start()
        self._screen_changed()

    def _theme_applied(self, theme: Theme) -> None:
        """A new theme or text size is in place app-wide; home's own styles follow."""
        self.theme = theme
        self.home.restyle(theme)
        self._leave_room_for_help()

    def _leave_room_for_help(self) -> None:
        """With larger text, or a screen whose top row reaches the corner where Help sits (home's
        Settings), a band is kept for it there, so it never covers or touches a button."""
        corner = self.help_corner.sizeHint().height() + 2 * HELP_MARGIN
        band = self.contentsMargins().top()
        covers = self._stack.count() > 0 and self.help_corner.covers(self.current_screen, band)
        top = corner if text_scale() > 1.0 or covers else 0
        if self.contentsMargins().top() != top:
            self.setContentsMargins(0, top, 0, 0)

    @property
    def home(self) -> HomeScreen:
        self._build_home()
        assert self._home is not None
        return self._home

    @property
    def log(self) -> PracticeLogUI:
        self._build_home()
        assert self._log is not None
        return self._log

    @property
    def everyday(self) -> Everyday:
        self._build_home()
        assert self._everyday is not None
        return self._everyday

    @property
    def plan(self) -> HomePlan:
        """The integration plan's part of home, and taking a plan in."""
        self._build_home()
        assert self._plan is not None
        return self._plan

    @property
    def again(self) -> AgainShortcut:
        """Home's "again" shortcut: the practice done last."""
        self._build_home()
        assert self._again is not None
        return self._again

    @property
    def announcements(self) -> PracticeAnnouncements:
        """What screen readers hear during a practice."""
        self._build_home()
        assert self._announcements is not None
        return self._announcements

    def after_first_paint(self, call: Callable[[], object]) -> None:
        """Call ``call`` once the window's first frame has been painted (now, if it has)."""
        self._first_paint.after(call)

    def _shortcut(self, key: Qt.Key, slot: object) -> QShortcut:
        shortcut = QShortcut(QKeySequence(key), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.setAutoRepeat(False)
        shortcut.activated.connect(slot)
        return shortcut

    # -- navigation -------------------------------------------------------------------------

    @property
    def current_screen(self) -> QWidget:
        return self._stack.currentWidget() or self.home

    def _top(self) -> QWidget:
        return self._stack.widget(self._stack.count() - 1) or self.home

    @property
    def screen_count(self) -> int:
        """How many screens are stacked (1 when only home is showing)."""
        return self._stack.count()

    def push(self, screen: QWidget) -> None:
        """Show ``screen`` on top; its ``closed`` signal (if any) leaves it."""
        if isinstance(screen, Closes):
            screen.closed.connect(lambda: self._leave(screen))
        self._stack.addWidget(screen)
        self._stack.setCurrentWidget(screen)
        screen.setFocus(Qt.FocusReason.OtherFocusReason)
        if screen.focusPolicy() == Qt.FocusPolicy.NoFocus and screen.focusProxy() is None:
            # A screen that takes no focus itself: its first control, so the focus shows.
            screen.focusNextChild()

    def pop(self) -> None:
        """Leave the top screen (home stays)."""
        if self._stack.count() > 1:
            self._leave(self._top())

    def _leave(self, screen: QWidget) -> None:
        self._build_home()  # the screen below may be home
        index = self._stack.indexOf(screen)
        if index <= 0:
            return
        # Everything above it goes too.
        for i in range(self._stack.count() - 1, index - 1, -1):
            widget = self._stack.widget(i)
            if widget is not None:
                self._stack.removeWidget(widget)
                widget.deleteLater()
        if self._stack.currentIndex() == 0:
            self.home.focus_start()

    def show_home(self, notice: str = "") -> None:
        """Leave every screen above home; ``notice`` is a short line shown there."""
        while self._stack.count() > 1:
            top = self._top()
            if isinstance(top, Stoppable):
                top.stop()  # emits closed, which leaves it
            if self._stack.indexOf(top) >= 0:
                self._leave(top)
        self.home.show_notice(notice)
        self.home.focus_start()

    def open_breathing(self, config: BreathingConfig) -> BreathingScreen:
        """Show a breathing practice as it will begin, without starting it."""
        screen = BreathingScreen(
            config, self.clock, self.theme, events=self.practice, settings=self.settings
        )
        screen.ended.connect(self._practice_ended)
        self.push(screen)
        screen.show_beginning()
        if config.full_screen and not self.isFullScreen():
            self.showFullScreen()
        return screen

    def start_breathing(
        self, config: BreathingConfig, screen: BreathingScreen | None = None
    ) -> BreathingScreen:
        """Open and start a breathing practice (``screen``: one shown by open_breathing)."""
        if screen is None:
            screen = self.open_breathing(config)
        # It begins when its opening bell can be heard, the shape and the sound together.
        self.sound.when_ready(screen.start)
        return screen

    def begin_breathing(self, config: BreathingConfig) -> None:
        """Ask how the person feels (if they want to be asked), then start ``config``."""
        self.log.before_practice(lambda: self.start_breathing(config))

    def begin_exercise(self, exercise: Exercise) -> None:
        """Ask how the person feels (if they want to be asked), then start ``exercise``."""
        self.log.before_practice(lambda: self.start_exercise(exercise), exercise)

    def start_exercise(
        self, exercise: Exercise, *, reduced_motion: bool | None = None
    ) -> ExerciseScreen:
        """Open a guided exercise (reduced motion follows the person's preference)."""
        from kapcompanion.ui.exercise.screen import ExerciseScreen

        if reduced_motion is None:
            reduced_motion = self.preferences.reduced_motion
        screen = ExerciseScreen(
            exercise,
            self.clock,
            self.theme,
            events=self.practice,
            reduced_motion=reduced_motion,
        )
        screen.ended.connect(self._practice_ended)
        self.home.show_notice("")
        self.push(screen)
        self.sound.when_ready(screen.start)  # when its first sound can be heard
        self.home.set_recent(exercise.id)
        return screen

    def when_it_gets_big(self) -> ExerciseScreen | None:
        """F2: the short "when it gets big" practice, at once, from home or from a practice
        (which stops first, what was entered kept); no rating is asked. Elsewhere (settings,
        the editor), or while a practice is presented on another screen, nothing happens, so
        nothing being written is left behind and no practice is cut short unseen."""
        from kapcompanion.ui.exercise.screen import ExerciseScreen

        exercise = self.library.find(WHEN_IT_GETS_BIG)
        screen = self.current_screen
        if exercise is None:
            return None
        if screen is self.home and self.practice.running is not None:
            return None  # a practice runs elsewhere (presented on another screen)
        if screen is not self.home:
            if not isinstance(screen, BreathingScreen | ExerciseScreen):
                return None
            if isinstance(screen, ExerciseScreen) and screen.exercise.id == exercise.id:
                return screen  # already here
            screen.stop()
            if self._stack.indexOf(screen) > 0:
                self._leave(screen)
        return self.start_exercise(exercise)

    def open_history(self) -> QWidget:
        """Open the history of practice (pyqtgraph is loaded only now)."""
        return self.log.open_history()

    def open_settings(self) -> SettingsScreen:
        from kapcompanion.ui.settings.screen import SettingsScreen

        screen = SettingsScreen(self.sound, self.theme, general=self.everyday.general_settings())
        self.push(screen)
        return screen

    def open_present_setup(self) -> QWidget:
        """Choose an exercise and a screen to present it on (see ui/presentation/setup.py)."""
        from kapcompanion.ui.presentation.setup import open_setup

        recent = self.home.exercise_list.recent
        return open_setup(self, chosen=recent.id if recent is not None else None)

    def open_editor(self) -> QWidget:
        """Write, copy, record and share exercise scripts (see ui/editor/screen.py)."""
        from kapcompanion.ui.editor.screen import open_editor

        return open_editor(self)

    def show_script_problems(self) -> ProblemsPanel:
        from kapcompanion.ui.shell.problems import ProblemsPanel

        library = self.library
        panel = ProblemsPanel(library.problems, library.folder, self.theme, recheck=library.reload)
        self.push(panel)
        return panel

    def _practice_ended(self, outcome: str, _seconds: float) -> None:
        self.home.show_notice(_(ENDED_NOTICE) if outcome == "stopped" else "")

    # -- keys -------------------------------------------------------------------------------

    def _screen_changed(self, _index: int = 0) -> None:
        screen = self._stack.currentWidget()  # None only before anything is shown
        self._esc.setEnabled(screen is not None and screen is not self._home)
        self._space.setEnabled(isinstance(screen, Pausable))
        title = screen.title if isinstance(screen, Titled) else ""
        self.setWindowTitle(f"{title} — {APP_TITLE}" if title else APP_TITLE)
        self.help_corner.recheck()
        self.screen_changed.emit()

    def _escape(self) -> None:
        screen = self.current_screen
        if screen is self._home:
            return
        if isinstance(screen, AsksBeforeStopping):
            screen.request_stop()  # it closes itself once the person confirms
            return
        if isinstance(screen, Stoppable):
            screen.stop()
            if self._stack.indexOf(screen) > 0:
                self._leave(screen)  # a screen that stops without closing still goes
        else:
            self._leave(screen)

    def _space_pressed(self) -> None:
        screen = self.current_screen
        if isinstance(screen, Pausable):
            screen.toggle_pause()

    def open_help(self) -> HelpWindow:
        """Help over this window; a running practice pauses first and waits for the person."""
        return self.help_over(self.current_screen, self._pause_for_help)

    def help_over(self, over: QWidget, pause: Callable[[], bool]) -> HelpWindow:
        """Help over ``over``'s window (this one, or a presentation's control window);
        ``pause`` pauses whatever practice runs there and says whether it did."""
        if self._help_desk is None:
            logs = self.log.logs
            self._help_desk = HelpDesk(
                contacts_path(), self.everyday.book, guest=lambda: logs.guest, parent=self
            )
        return open_help(self._help_desk, over, pause)

    def _pause_for_help(self) -> bool:
        screen = self.current_screen
        if self.practice.running is None or not isinstance(screen, ShowsPause):
            return False
        if not screen.paused:
            screen.toggle_pause()
        return True

    def bring_forward(self) -> None:
        """Show the window (restored if it was minimised) above the others, with the focus."""
        self.showNormal() if self.isMinimized() else self.show()
        self.raise_()
        self.activateWindow()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    # -- window -----------------------------------------------------------------------------

    def shutdown(self) -> None:
        """The app is ending: finish what the practice log waits for, and close sound."""
        if self._log is not None:
            self._log.shutdown()
        self.sound.shutdown()

    def hide_window(self) -> None:
        self.hide()

    def quit_app(self) -> None:
        """End the app (the tray's Quit): close the window for good, then leave."""
        self._quitting = True
        if self.close():
            app = QApplication.instance()
            if app is not None:
                app.quit()
        else:
            self._quitting = False  # the person chose to stay (practice not yet kept)

    def closeEvent(self, event: QCloseEvent) -> None:
        screen = self.current_screen
        if screen is not self._home and isinstance(screen, Stoppable):
            screen.stop()
        if not self._quitting and self._everyday is not None and self._everyday.stays_in_tray():
            event.ignore()  # reminders come from the tray: the app stays there
            return
        if self._logs is not None and self.ask_before_closing:
            from kapcompanion.ui.shell.unsaved import keep_before_closing

            # Practice the log could not save is offered to be kept elsewhere first.
            if not keep_before_closing(self, self._logs):
                event.ignore()
                return
        if self._log is not None:
            self._log.shutdown()
        self.sound.shutdown()
        super().closeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self._first_paint.frame_painted()
