"""Optional reminders from a tray icon.

When reminders are switched on (Settings) and the desktop has a system tray, a quiet icon sits
there and one single-shot timer waits for the next reminder that
:func:`kapcompanion.domain.reminders.next_reminder` names. Its notification never takes the
focus; clicking it (or the icon's menu entry) opens the suggested practice. The timer waits at
most an hour and then asks again, so a suspended computer or a changed clock is noticed.

While the icon is there the app stays when its window is closed (the reminders need it), and the
icon's menu opens the window, pauses reminders until tomorrow, or quits.

Without a system tray nothing is offered: :attr:`ReminderService.available` is False and the
settings screen says why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QLocale, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QSystemTrayIcon

from kapcompanion import i18n
from kapcompanion.domain.reminders import (
    QuietHours,
    Reminder,
    ReminderError,
    ReminderMode,
    ReminderPlan,
    format_time,
    next_reminder,
    parse_time,
    wait_seconds,
)
from kapcompanion.i18n import N_, _
from kapcompanion.services.settings import (
    QUIET_END,
    QUIET_HOURS,
    QUIET_START,
    REMINDER_EXTRA_TIME,
    REMINDER_MODE,
    REMINDER_TIME,
    REMINDER_WINDOW_DAYS,
    REMINDERS_PAUSED_UNTIL,
    SettingsStore,
)
from kapcompanion.ui.shell.plan_reminders import PlanSource, plan_days_reminded, sooner_from_plan

NO_TRAY = N_(
    "Reminders need a system tray (the area of the panel where small app icons sit), and this "
    "desktop does not offer one, so none can be shown here."
)
OPEN_WINDOW = N_("Open kapcompanion")
OPEN_PRACTICE = N_("Open a short practice")
PAUSE_UNTIL_TOMORROW = N_("Pause reminders until tomorrow")
QUIT = N_("Quit kapcompanion")
STILL_HERE_TITLE = N_("kapcompanion is still here")
STILL_HERE = N_(
    "It stays in the tray for your reminders. You can open it again or quit it from this icon."
)
REMINDER_KEYS = {
    s.key
    for s in (
        REMINDERS_PAUSED_UNTIL,
        REMINDER_MODE,
        REMINDER_TIME,
        REMINDER_EXTRA_TIME,
        REMINDER_WINDOW_DAYS,
        QUIET_HOURS,
        QUIET_START,
        QUIET_END,
    )
}


def plan_from(store: SettingsStore) -> ReminderPlan:
    """The reminder plan the settings describe (each value is already checked by the store)."""
    try:
        quiet = (
            QuietHours(parse_time(store.get(QUIET_START)), parse_time(store.get(QUIET_END)))
            if store.get(QUIET_HOURS)
            else None
        )
        return ReminderPlan(
            mode=ReminderMode(store.get(REMINDER_MODE)),
            daily_at=parse_time(store.get(REMINDER_TIME)),
            extra_at=parse_time(store.get(REMINDER_EXTRA_TIME)),
            window_days=store.get(REMINDER_WINDOW_DAYS),
            quiet=quiet,
        )
    except (ReminderError, ValueError):
        return ReminderPlan(ReminderMode.OFF)


def describe(reminder: Reminder | None, now: datetime) -> str:
    """ "Next reminder: today at 19:00" (for the settings screen; the day is named in the
    language in use)."""
    if reminder is None:
        return _("No reminder is planned.")
    days = (reminder.at.date() - now.date()).days
    at = format_time(reminder.at.time())
    if days == 0:
        return _("Next reminder: today at {time}.").format(time=at)
    if days == 1:
        return _("Next reminder: tomorrow at {time}.").format(time=at)
    day = QLocale(i18n.language()).standaloneDayName(
        reminder.at.isoweekday(), QLocale.FormatType.LongFormat
    )
    return _("Next reminder: {day} at {time}.").format(day=day, time=at)


class ReminderService(QObject):
    """Owns the tray icon and the one timer. ``open_requested(Reminder)`` asks the window to
    open the suggested practice; ``planned(text)`` tells the settings screen what comes next."""

    open_requested = Signal(object)
    planned = Signal(str)
    #: The tray's menu asks for the window, or for the app to end.
    show_requested = Signal()
    quit_requested = Signal()

    def __init__(
        self,
        store: SettingsStore,
        icon: QIcon,
        sessions: Callable[[], Iterable[date]] = lambda: (),
        practised: Callable[[], Iterable[date]] = lambda: (),
        now: Callable[[], datetime] = datetime.now,
        tray_available: Callable[[], bool] = QSystemTrayIcon.isSystemTrayAvailable,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._icon = icon
        self._sessions = sessions
        self._practised = practised
        self._now = now
        self._tray_available = tray_available
        self.tray: QSystemTrayIcon | None = None
        #: The integration plan, if any (see home_plan.py): its days get their own reminder.
        self.plan_source: PlanSource | None = None
        self.next: Reminder | None = None
        self.shown: list[Reminder] = []
        self._showing: Reminder | None = None
        self._told_still_here = False
        self._pause_action: QAction | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._due)
        store.changed.connect(self._setting_changed)
        self._action: QAction | None = None
        self._worded: list[tuple[QAction, str]] = []
        # The tray's words follow a change of language at once.
        stop = i18n.on_change(lambda _code: self.retranslate())
        self.destroyed.connect(lambda _obj=None: stop())

    @property
    def available(self) -> bool:
        return bool(self._tray_available())

    @property
    def keeps_running(self) -> bool:
        """Whether the tray icon is there for reminders (so closing the window keeps the app)."""
        return self.tray is not None and self.tray.isVisible()

    def paused_until(self) -> date | None:
        """The day reminders come again, while they are paused."""
        try:
            day = date.fromisoformat(self.store.get(REMINDERS_PAUSED_UNTIL))
        except ValueError:
            return None
        return day if day > self._now().date() else None

    def pause_until_tomorrow(self, paused: bool) -> None:
        """Pause the reminders for the rest of today (or let them come again)."""
        tomorrow = self._now().date() + timedelta(days=1)
        self.store.set(REMINDERS_PAUSED_UNTIL, tomorrow.isoformat() if paused else "")

    def tell_still_here(self) -> None:
        """Say once, from the tray, that closing the window left the app there."""
        if self.tray is not None and not self._told_still_here:
            self._told_still_here = True
            self.tray.showMessage(
                _(STILL_HERE_TITLE), _(STILL_HERE), QSystemTrayIcon.MessageIcon.NoIcon, 10_000
            )

    @property
    def waiting_ms(self) -> int | None:
        """How long the single timer waits now (None when it is not running)."""
        return self._timer.remainingTime() if self._timer.isActive() else None

    def start(self) -> None:
        """Plan the next reminder (and show the tray icon) if reminders are on."""
        self.replan()

    def stop(self) -> None:
        self._timer.stop()
        if self.tray is not None:
            self.tray.hide()

    def _setting_changed(self, key: str) -> None:
        if key in REMINDER_KEYS:
            self.replan()

    def replan(self) -> None:
        """Ask the schedule again and set the one timer (after any change, and when it fires)."""
        self._timer.stop()
        plan = plan_from(self.store)
        if plan.mode is ReminderMode.OFF or not self.available:
            self.next = None
            if self.tray is not None:
                self.tray.hide()
            self.planned.emit(describe(None, self._now()) if self.available else _(NO_TRAY))
            return
        self._ensure_tray()
        now = self._now()
        try:
            sessions, practised = list(self._sessions()), list(self._practised())
            practised += plan_days_reminded(self.shown)  # a plan day has one reminder at most
        except Exception:  # the log may be unavailable: remind without it
            sessions, practised = [], []
        paused = self.paused_until()
        if self._pause_action is not None:
            self._pause_action.blockSignals(True)
            self._pause_action.setChecked(paused is not None)
            self._pause_action.blockSignals(False)
        # While paused, the next reminder is the first one from the day they come again.
        start = max(now, datetime.combine(paused, time.min)) if paused is not None else now
        self.next = next_reminder(plan, start, sessions, practised)
        self.next = sooner_from_plan(self.next, plan, now, practised, self.shown, self.plan_source)
        self._timer.start(round(wait_seconds(self.next, now) * 1000))
        self.planned.emit(describe(self.next, now))

    def _ensure_tray(self) -> None:
        if self.tray is not None:
            self.tray.show()
            return
        icon = self._icon
        style = QApplication.style()
        if icon.isNull() and style is not None:  # a tray icon without a picture shows nothing
            icon = style.standardIcon(QStyle.StandardPixmap.SP_ComputerIcon)
        tray = QSystemTrayIcon(icon, self)
        tray.setToolTip("kapcompanion")
        menu = QMenu()
        window = QAction(_(OPEN_WINDOW), menu)
        window.triggered.connect(self.show_requested.emit)
        action = QAction(_(OPEN_PRACTICE), menu)
        action.triggered.connect(lambda: self.open_requested.emit(self.next or self._showing))
        pause = self._pause_action = QAction(_(PAUSE_UNTIL_TOMORROW), menu)
        pause.setCheckable(True)
        pause.setChecked(self.paused_until() is not None)
        pause.toggled.connect(self.pause_until_tomorrow)
        leave = QAction(_(QUIT), menu)
        leave.triggered.connect(self.quit_requested.emit)
        menu.addActions([window, action, pause])
        menu.addSeparator()
        menu.addAction(leave)
        self._action = action
        self._worded = [
            (window, OPEN_WINDOW),
            (action, OPEN_PRACTICE),
            (pause, PAUSE_UNTIL_TOMORROW),
            (leave, QUIT),
        ]
        self._menu = menu
        tray.setContextMenu(menu)
        tray.messageClicked.connect(self._clicked)
        tray.activated.connect(self._activated)
        tray.show()
        self.tray = tray

    def retranslate(self) -> None:
        """Say the tray's words and the planned reminder again, in the language in use now."""
        for action, words in self._worded:
            action.setText(_(words))
        self.replan()

    @property
    def menu(self) -> QMenu | None:
        """The tray icon's menu (None until the icon is first shown)."""
        return self._menu if self._action is not None else None

    def _due(self) -> None:
        now = self._now()
        due = self.next
        if due is not None and due.at <= now:
            self.show(due)
        self.replan()

    def show(self, reminder: Reminder) -> None:
        """Show one reminder as a tray notification (it never takes the focus)."""
        self.shown.append(reminder)
        self._showing = reminder
        if self.tray is not None:
            self.tray.showMessage(
                _(reminder.title), _(reminder.text), QSystemTrayIcon.MessageIcon.NoIcon, 20_000
            )

    def _clicked(self) -> None:
        if self._showing is not None:
            self.open_requested.emit(self._showing)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger and self._showing is not None:
            self.open_requested.emit(self._showing)
