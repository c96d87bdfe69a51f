"""The integration plan on home: "From your plan for today: …", and taking a plan in.

A therapist may give their client a plan for the days after a session as a ``.kapscript`` file
(:mod:`kapcompanion.domain.plan`, :mod:`kapcompanion.storage.bundle_plan`). Opened on the
client's computer, it is described and the person is asked, calmly, whether to take it in; yes
keeps it in their data folder (:class:`~kapcompanion.storage.plan_store.PlanStore`), in the
place of an older plan, which is kept aside. As a guest it is kept only while the app is open.

On a plan day, home shows a small card with that day's practice, a way to begin it and a way to
put the plan aside. On other days the card is simply not there: nothing is counted or missed.

:class:`PlanCard` is the view (layout only); :class:`HomePlan` decides what it shows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QObject, Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QWidget

from kapcompanion import i18n
from kapcompanion.domain.plan import Plan, unknown_practices
from kapcompanion.domain.scripts import Exercise
from kapcompanion.i18n import _, pgettext
from kapcompanion.services.library import ExerciseLibrary
from kapcompanion.storage.base import local_now
from kapcompanion.storage.bundle import BundleError
from kapcompanion.storage.bundle_plan import read_plan
from kapcompanion.storage.plan_store import PlanStore, PlanStoreError
from kapcompanion.ui.shell import scaffold

log = logging.getLogger(__name__)

#: How often home looks whether the date has changed (a window left open overnight).
DAY_CHECK_MS = 60_000


def day_text(day: date) -> str:
    """ "Sunday 29 March" in the language in use (the order of its parts too)."""
    form = pgettext("a date in Qt's format: weekday, day, month", "dddd d MMMM")
    return QLocale(i18n.language()).toString(QDate(day.year, day.month, day.day), form)


def time_text(hour: int, minute: int) -> str:
    return QLocale(i18n.language()).toString(QTime(hour, minute), "HH:mm")


if TYPE_CHECKING:
    from kapcompanion.ui.shell.home import HomeScreen
    from kapcompanion.ui.shell.reminders import ReminderService


class PlanCard(QFrame):
    """Today's practice from the plan, with Begin and Put the plan aside."""

    begin_requested = Signal()
    aside_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _frame, column = scaffold.card(frame=self, spacing=8, padding=14)
        self.line = QLabel("")
        self.line.setWordWrap(True)
        self.note = scaffold.label("", "muted", wrap=True)
        self.note.hide()
        self.begin_button = scaffold.button("", "", self.begin_requested.emit, style="primary")
        self.aside_button = scaffold.button("", "", self.aside_requested.emit)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.line, 1)
        row.addWidget(self.begin_button, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.aside_button, 0, Qt.AlignmentFlag.AlignVCenter)
        column.addLayout(row)
        column.addWidget(self.note)
        self.hide()

    def show_practice(self, title: str, note: str) -> None:
        self.line.setText(_("From your plan for today: {practice}").format(practice=title))
        self.line.setAccessibleName(self.line.text())
        self.begin_button.setText(_("Begin"))
        self.begin_button.setAccessibleName(_("Begin {practice}").format(practice=title))
        self.aside_button.setText(_("Put the plan aside"))
        self.aside_button.setAccessibleName(
            _("Put the plan aside: home no longer offers its practices")
        )
        self.note.setText(_("From your therapist: “{note}”").format(note=note) if note else "")
        self.note.setVisible(bool(note))
        self.show()

    def controls(self) -> list[QWidget]:
        return [self.begin_button, self.aside_button]


class HomePlan(QObject):
    """What home offers from the plan, and taking a plan in. ``begin`` starts an exercise;
    ``guest`` says whether nothing is to be written; ``wall`` is the local time now (tests
    give fixed dates); ``notice`` shows a short line on home."""

    changed = Signal()

    def __init__(
        self,
        card: PlanCard,
        library: ExerciseLibrary,
        begin: Callable[[Exercise], object],
        *,
        store: PlanStore | None = None,
        guest: Callable[[], bool] = lambda: False,
        notice: Callable[[str], object] = lambda _text: None,
        wall: Callable[[], datetime] = local_now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.card = card
        self.library = library
        self.store = store if store is not None else PlanStore()
        self.wall = wall
        self._begin = begin
        self._guest = guest
        self._notice = notice
        self._held: Plan | None = None  # a guest's plan, kept only while the app is open
        self._held_aside = False
        self._day: date | None = None
        self.today: Exercise | None = None
        card.begin_requested.connect(self.begin_today)
        card.aside_requested.connect(self.put_aside)
        self._timer = QTimer(self)
        self._timer.setInterval(DAY_CHECK_MS)
        self._timer.timeout.connect(self._maybe_new_day)
        self._timer.start()
        self.refresh()

    # -- the plan ---------------------------------------------------------------------------

    def current(self) -> Plan | None:
        # As a guest nothing is written, but a plan kept before may be read.
        if self._guest() and (self._held_aside or self._held is not None):
            return None if self._held_aside else self._held
        try:
            return self.store.current()
        except PlanStoreError as problem:
            log.warning("The plan could not be read: %s", problem)
            return None

    def title_of(self, practice: str) -> str:
        found = self.library.find(practice)
        return found.title if found is not None else practice

    def refresh(self) -> None:
        """Show today's practice from the plan, or nothing on a day without one."""
        self._day = self.wall().date()
        plan = self.current()
        practice = plan.practice_on(self._day) if plan is not None else None
        exercise = self.library.find(practice) if practice else None
        self.today = exercise
        if plan is None or exercise is None:
            self.card.hide()
        else:
            self.card.show_practice(exercise.title, plan.note)
        self.changed.emit()

    def _maybe_new_day(self) -> None:
        if self.wall().date() != self._day:
            self.refresh()

    def begin_today(self) -> None:
        if self.today is not None:
            self._begin(self.today)

    def put_aside(self) -> None:
        if self._guest():
            self._held_aside = True
        else:
            try:
                self.store.put_aside()
            except PlanStoreError as problem:
                self._notice(problem.message)
                return
        self.refresh()
        self._notice(_("Your plan is set aside. Opening its file again brings it back."))

    def keep(self, plan: Plan) -> bool:
        """Keep ``plan`` in the place of any other; False (with a notice) when it cannot be."""
        if self._guest():
            self._held, self._held_aside = plan, False
        else:
            try:
                self.store.keep(plan, self.wall())
            except PlanStoreError as problem:
                self._notice(_("{why} Nothing was changed.").format(why=problem.message))
                return False
        self.refresh()
        return True

    # -- taking a plan in -----------------------------------------------------------------

    def describe(self, plan: Plan) -> str:
        """What the question says about a plan: its note, its days and what happens next."""
        titles = self.library.titles()
        lines = []
        if plan.note:
            lines += [_("From your therapist: “{note}”").format(note=plan.note), ""]
        for day, practice in plan.days():
            title = titles.get(practice, practice)
            lines.append(_("{day}: {practice}").format(day=day_text(day), practice=title))
        after = [
            _(
                "On each of these days, home offers that day's practice. Any day can simply "
                "be a day without one."
            )
        ]
        if plan.remind_at is not None:
            after.append(
                _(
                    "If reminders are on in Settings, a gentle reminder comes at {time} on "
                    "those days."
                ).format(time=time_text(plan.remind_at.hour, plan.remind_at.minute))
            )
        if self.current() is not None:
            after.append(_("It takes the place of the plan you have now, which is kept aside."))
        if self._guest():
            after.append(_("As a guest, the plan stays only while the app is open."))
        lines += ["", " ".join(after)]  # what follows, as one short paragraph
        return "\n".join(lines)

    def offer(self, window: QWidget, path: Path) -> QMessageBox:
        """Ask, over ``window``, whether to take in the plan at ``path`` (window-modal; the
        box is returned at once and closes itself)."""
        box = QMessageBox(window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        try:
            plan = read_plan(path)
        except BundleError as problem:
            self._cannot(box, path, problem.message)
            box.open()
            return box
        except OSError as problem:
            why = _("It could not be read ({why}).").format(why=problem.strerror or problem)
            self._cannot(box, path, why)
            box.open()
            return box
        missing = unknown_practices(plan, (e.id for e in self.library.exercises))
        if missing:
            self._cannot(
                box,
                path,
                _(
                    "The plan names practices this copy of the app does not have: {ids}. "
                    "Nothing was taken in. You might update the app, or ask your therapist "
                    "for a plan with practices that come with it."
                ).format(ids=", ".join(missing)),
            )
            box.open()
            return box
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("A plan for the days after your session"))
        box.setText(_("Would you like to take in this plan from your therapist?"))
        box.setInformativeText(self.describe(plan))
        take = box.addButton(_("Take in the plan"), QMessageBox.ButtonRole.AcceptRole)
        later = box.addButton(_("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(take)
        box.setEscapeButton(later)

        def answered() -> None:
            if box.clickedButton() is take and self.keep(plan):
                self._notice(_("The plan is taken in. Home offers its practice on its days."))

        box.finished.connect(answered)
        box.open()
        return box

    @staticmethod
    def _cannot(box: QMessageBox, path: Path, why: str) -> None:
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(_("This plan cannot be taken in"))
        box.setText(_("{name} cannot be taken in.").format(name=path.name))
        box.setInformativeText(why)
        box.setStandardButtons(QMessageBox.StandardButton.Close)


def plan_on_home(
    home: HomeScreen,
    library: ExerciseLibrary,
    begin: Callable[[Exercise], object],
    reminders: ReminderService,
    guest: Callable[[], bool],
) -> HomePlan:
    """The plan's card on ``home`` and what follows it: plan days get their own reminder."""
    card = PlanCard()
    home.plan_layout.addWidget(card)
    plan = HomePlan(card, library, begin, guest=guest, notice=home.show_notice, parent=home)
    reminders.plan_source = plan
    plan.changed.connect(reminders.replan)
    return plan
