"""Builds the running application: the QApplication, the one clock, the settings, the
person's practice preferences and the main window.

Imported only after the command line has been read, so a mistyped option never waits for Qt.
"""

from __future__ import annotations

import gc
import logging
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon, QWidget

from kapcompanion import __version__
from kapcompanion.cli.desktop import APP_ID as DESKTOP_APP_ID
from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.clock import Clock, MonotonicClock
from kapcompanion.i18n import N_, _
from kapcompanion.services.library import ExerciseLibrary
from kapcompanion.services.preferences import PracticePreferences
from kapcompanion.services.settings import GUEST_DEFAULT, SettingsStore
from kapcompanion.services.single_instance import FirstCopy, hand_over, instance_name
from kapcompanion.storage import open_log
from kapcompanion.storage.logs import PracticeLogs
from kapcompanion.ui.shell import theme as themes
from kapcompanion.ui.shell.a11y import system_reduced_motion
from kapcompanion.ui.shell.appearance import apply_appearance
from kapcompanion.ui.shell.language import speak
from kapcompanion.ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from kapcompanion.domain.scripts import Exercise
    from kapcompanion.ui.presentation.present import PresentRequest

log = logging.getLogger("kapcompanion")

APP_NAME = "kapcompanion"
ERROR_TITLE = N_("Something unexpected happened")
ERROR_TEXT = N_(
    "Something unexpected happened inside kapcompanion, and it has been noted in the log.\n\n"
    "You can carry on, or close the app and open it again whenever you like."
)


@dataclass(frozen=True)
class LaunchOptions:
    """How to open the window. ``screenshot`` and ``quit_after`` are for tests and benchmarks:
    after ``quit_after`` seconds the window grabs itself to ``screenshot`` (if given) and the
    app quits."""

    full_screen: bool = False
    screenshot: Path | None = None
    quit_after: float | None = None
    #: A palette by name ("dark", "light", "high-contrast", "system"); None follows Settings.
    theme: str | None = None
    #: Guest practice: nothing is written at all (the switch on home can change it).
    guest: bool = False
    #: A shared script (.kapscript) to offer to take in once the window is painted.
    open_file: Path | None = None
    #: Wait in the tray for reminders without showing the window (starting with the computer).
    in_tray: bool = False


ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class CalmExceptHook:
    """Logs an unexpected error and shows one calm message instead of dying silently.

    A message is shown at most once every ``quiet_seconds``, and an error that repeats (say,
    in a timer) is logged in full only its first few times.
    """

    def __init__(
        self,
        parent: Callable[[], QWidget | None] = lambda: None,
        quiet_seconds: float = 30.0,
        show: bool = True,
    ) -> None:
        self._parent = parent
        self._quiet = quiet_seconds
        self._show = show
        self._showing = False
        self._last_shown = -float("inf")
        self._seen: dict[tuple[str, str, int], int] = {}
        self.count = 0

    def __call__(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.count += 1
        where = tb
        while where is not None and where.tb_next is not None:
            where = where.tb_next
        key = (
            exc_type.__name__,
            where.tb_frame.f_code.co_filename if where else "",
            where.tb_lineno if where else 0,
        )
        times = self._seen.get(key, 0) + 1
        self._seen[key] = times
        if times <= 3:
            log.error("Unexpected error", exc_info=(exc_type, exc, tb))
        elif times in (10, 100, 1000):
            log.error("The same error again (%d times so far): %s", times, exc)
        if self._show:
            self._tell_the_person()

    def _tell_the_person(self) -> None:
        if (
            QApplication.instance() is None
            or threading.current_thread() is not threading.main_thread()
        ):
            return
        now = time.monotonic()
        if self._showing or now - self._last_shown < self._quiet:
            return
        self._showing = True
        try:
            box = QMessageBox(self._parent())
            box.setIcon(QMessageBox.Icon.Information)
            box.setWindowTitle(_(ERROR_TITLE))
            box.setText(_(ERROR_TEXT))
            box.setStandardButtons(QMessageBox.StandardButton.Ok)
            box.exec()
        finally:
            self._showing = False
            self._last_shown = time.monotonic()


def window_icon() -> QIcon:
    """A soft disc, drawn rather than shipped."""
    icon = QIcon()
    for size in (16, 32, 64, 128):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(themes.DARK.accent))
        r = size * 0.44
        p.drawEllipse(QPointF(size / 2, size / 2), r, r)
        p.end()
        icon.addPixmap(pixmap)
    return icon


def create_application(argv: list[str] | None = None, theme: str = "dark") -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    # The menu entry's name (install-desktop): Wayland desktops match the window to it.
    app.setDesktopFileName(DESKTOP_APP_ID)
    app.setWindowIcon(window_icon())
    themes.apply(app, themes.THEMES.get(theme, themes.DARK))
    return app


class MainThreadCollector(QObject):
    """Python's cycle collector runs in whichever thread happens to allocate, and a Qt object
    it frees on the sound thread is destroyed in the wrong thread (a warning, or a crash). So the
    automatic collector is off, and this collects on the main thread: the young objects every
    second, everything every minute."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._ticks = 0
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._collect)
        self._timer.start()

    def _collect(self) -> None:
        self._ticks += 1
        gc.collect(2 if self._ticks % 60 == 0 else 0)


def save_screenshot(window: MainWindow, path: Path) -> bool:
    """Grab the window as the window system shows it (falls back to rendering it)."""
    screen = window.screen()
    image = screen.grabWindow(window.winId()) if screen is not None else QPixmap()
    if image.isNull() or image.size() != window.size() * window.devicePixelRatio():
        image = window.grab()
    path.parent.mkdir(parents=True, exist_ok=True)
    return bool(image.save(str(path), "PNG"))


def tidy_leftovers() -> None:
    """Remove what an interrupted run left (temporary files of killed writes, half-done
    imports, temporary folders); see :mod:`kapcompanion.storage.cleanup`."""
    from kapcompanion.storage.cleanup import remove_leftovers
    from kapcompanion.storage.crisis_files import own_crisis_folder
    from kapcompanion.storage.paths import config_dir, data_dir, user_scripts_dir

    folders = [
        data_dir(create=False),
        config_dir(),
        user_scripts_dir(create=False),
        own_crisis_folder(),
    ]
    for path in remove_leftovers(folders):
        log.info("Removed %s, left behind by an interrupted run", path)


ALREADY_OPEN = N_("{app} is already open: its window has been brought to the front.")


def _first_copy(open_file: Path | None) -> FirstCopy | None:
    """Listen for later starts, or (None) hand over to the copy already running."""
    name = instance_name()
    if hand_over(name, open_file):
        sys.stdout.write(_(ALREADY_OPEN).format(app=APP_NAME) + "\n")
        return None
    copy = FirstCopy(name)
    if not copy.listen():
        log.info("Another start could not reach this copy (%s)", name)
    return copy


def _asked_again(window: MainWindow, path: str) -> None:
    """The app was started again: come forward, and offer the file it was given."""
    window.bring_forward()
    if path:
        from kapcompanion.ui.shell.shared_file import offer_shared_file

        offer_shared_file(window, window, Path(path))


def startup_notice(crisis_problems: list[str]) -> str:
    """The calm words home shows when a file of the person's was left unread at the start
    (a crisis-resources file that is a pipe, a device, too big or nested too deeply)."""
    if not crisis_problems:
        return ""
    named = "; ".join(crisis_problems[:3])
    if len(crisis_problems) > 3:
        named = _("{problems}; and more").format(problems=named)
    return _(
        "Some of your own crisis resources could not be used, so the lines that come with the "
        "app are shown in their place. The files were left as they are ({files})."
    ).format(files=named)


def tell_startup_problems(window: MainWindow) -> None:
    """Name, on home, what was left aside at the start, beside any notice already there."""
    text = startup_notice(window.everyday.book.problems)
    if not text:
        return
    home = window.home
    before = home.notice.text() if home.notice.isVisibleTo(home) else ""
    home.show_notice(f"{before}\n\n{text}" if before else text)


def _retry_unsaved(window: MainWindow, logs: PracticeLogs) -> None:
    from kapcompanion.ui.shell.unsaved import RetryUnsaved

    RetryUnsaved(logs, parent=window)


def starts_in_tray(options: LaunchOptions, store: SettingsStore, tray: bool) -> bool:
    """Whether to start with no window, the tray icon waiting for reminders: only when asked
    (``run --in-tray``), with reminders on, a tray to wait in, and the first-start notice seen
    (a first start always shows the window)."""
    from kapcompanion.services.settings import FIRST_START_DONE, REMINDER_MODE

    wanted = options.in_tray and store.get(REMINDER_MODE) != "off"
    return wanted and tray and bool(store.get(FIRST_START_DONE))


def first_start_once_home(window: MainWindow) -> None:
    """On a first start straight into a practice (``breathe``, ``run``), the practice begins at
    once, as asked: someone reaching for it may need it now. The first-start notice (what the
    app is, and where support is) comes when they are first back home, before anything else."""
    from kapcompanion.services.settings import FIRST_START_DONE
    from kapcompanion.ui.shell.home import HomeScreen

    if window.settings.get(FIRST_START_DONE):
        return

    def at_home() -> bool:
        return isinstance(window.current_screen, HomeScreen) and window.screen_count == 1

    def show_if_still_home() -> None:
        # Once the way home has settled (leaving a practice may pass home on its way).
        if at_home():
            window.screen_changed.disconnect(on_change)
            window.everyday.maybe_first_start()

    def on_change() -> None:
        if at_home():
            QTimer.singleShot(0, show_if_still_home)

    window.screen_changed.connect(on_change)


def run(
    config: BreathingConfig | None = None,
    options: LaunchOptions | None = None,
    clock: Clock | None = None,
    exercise: Exercise | None = None,
    present: PresentRequest | None = None,
) -> int:
    """Open the app (on the home screen, or straight into ``config`` or ``exercise``, or into
    presenting ``present`` on another screen) and run until it closes."""
    options = options or LaunchOptions()
    app = create_application(theme=options.theme or "dark")
    collector = MainThreadCollector(app)
    if present is not None:
        from kapcompanion.ui.presentation.screens import (
            ScreenChoiceError,
            current_screens,
            plan_screens,
        )

        try:
            plan_screens(current_screens(), present.screen)
        except ScreenChoiceError as problem:
            sys.stderr.write(
                _("kapcompanion present: error: argument --screen: {problem}").format(
                    problem=problem
                )
                + "\n"
            )
            return 2
    # One copy per person: a second start brings the open window forward (with its file).
    copy = _first_copy(options.open_file)
    if copy is None:
        return 0
    # The practice log is opened on first use (never under --guest); its problems are told on
    # home, and practice always goes on.
    # Theme, text size and guest practice come from Settings unless the command line says.
    store = SettingsStore()
    if options.guest:
        store.hold_in_memory()  # --guest: nothing at all is written, settings included
    speak(store)  # the chosen language, before any window is built
    theme = apply_appearance(store, options.theme)
    clock = clock or MonotonicClock()  # the app's one clock
    opener = partial(open_log, clock=clock)
    logs = PracticeLogs(opener, guest=options.guest or store.get(GUEST_DEFAULT))
    # Straight into breathing, the practice's screen is painted first and the rest of the
    # window (home, the log's part, the everyday services) is built just after it.
    window = MainWindow(
        clock,  # the one clock every screen runs on
        theme,
        logs=logs,
        library=ExerciseLibrary(),
        settings=store,
        preferences=PracticePreferences(store, system_reduced_motion),
        defer_home=config is not None,
    )
    copy.asked.connect(partial(_asked_again, window))
    from kapcompanion.cli.autostart import DesktopAutostart

    window.autostart = DesktopAutostart()
    in_tray = starts_in_tray(options, store, QSystemTrayIcon.isSystemTrayAvailable())
    hook = CalmExceptHook(parent=lambda: window)
    sys.excepthook = hook
    # Ctrl+C in a terminal ends the app, as for any command.
    signal.signal(signal.SIGINT, signal.SIG_DFL)

    status = 0
    if options.quit_after is not None:

        def finish() -> None:
            nonlocal status
            if options.screenshot is not None and not save_screenshot(window, options.screenshot):
                sys.stderr.write(
                    _("kapcompanion: could not save a screenshot to {file}").format(
                        file=options.screenshot
                    )
                    + "\n"
                )
                status = 1
            window.ask_before_closing = False  # nobody is there to answer
            window.close()
            app.quit()

        QTimer.singleShot(round(options.quit_after * 1000), finish)

    if config is not None:
        breathing = window.open_breathing(config)
        # It begins once everything that follows a practice is listening.
        window.after_first_paint(lambda: window.start_breathing(config, breathing))
    if in_tray:
        window.everyday.reminders.start()  # the window, and all that waits on it, comes later
    elif options.full_screen or (config is not None and config.full_screen):
        window.showFullScreen()
    else:
        window.show()
    if exercise is not None:
        window.start_exercise(exercise)
    if present is not None:
        from kapcompanion.ui.presentation.present import open_presentation

        open_presentation(window, present.target, present.screen, keep=present.keep)
    if config is None and exercise is None and present is None:
        window.everyday.maybe_first_start()  # once: what the app is, and crisis resources
    elif present is not None:
        # The therapist's own window: the client's screen is not held up by it.
        window.after_first_paint(window.everyday.maybe_first_start)
    else:
        first_start_once_home(window)
    window.after_first_paint(lambda: window.everyday.reminders.start())
    window.after_first_paint(tidy_leftovers)
    # Practice the log could not write is tried again every little while.
    window.after_first_paint(lambda: _retry_unsaved(window, logs))
    if config is None and exercise is None and present is None:
        window.after_first_paint(lambda: tell_startup_problems(window))
    if options.open_file is not None:
        from kapcompanion.ui.shell.shared_file import offer_shared_file

        shared = options.open_file
        window.after_first_paint(lambda: offer_shared_file(window, window, shared))
    # Sound (if switched on) opens on its own thread once the event loop runs, so loading
    # PortAudio never holds up the first frame.
    QTimer.singleShot(0, window.sound.start)
    code = app.exec()
    copy.close()
    window.shutdown()
    logs.close()
    sys.excepthook = sys.__excepthook__
    collector.deleteLater()
    gc.enable()
    return status or code
