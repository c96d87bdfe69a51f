"""The integration plan, put together on the therapist's screen beside the take-home card and
saved as a ``.kapscript`` file the client opens on their own computer.

The dialog lists days after the session (the day after, the next days, a week, two weeks, up to
four weeks), each with a choice of practice or none; a time for a gentle reminder, if the
therapist suggests one; and a short note in their own words. Only practices that come with the
app are offered, so every one of them is there on the client's computer too. The plan itself is
:class:`kapcompanion.domain.plan.Plan`; the file is written by
:func:`kapcompanion.storage.bundle_plan.export_plan`, whole or not at all.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from datetime import date, time, timedelta
from pathlib import Path

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.plan import MAX_NOTE, OFFERED_DAYS, Plan, PlanEntry, PlanError, day_words
from kapcompanion.domain.present_status import present_order
from kapcompanion.domain.scripts import Exercise, Moment
from kapcompanion.i18n import N_, _
from kapcompanion.storage.bundle import SUFFIX, BundleError
from kapcompanion.storage.bundle_plan import export_plan
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell import theme as themes
from kapcompanion.ui.shell.date_field import DateField
from kapcompanion.ui.shell.home_plan import day_text
from kapcompanion.ui.shell.theme import Theme, stylesheet

ABOUT = N_(
    "A plan your client can open on their own computer. On each day you choose, their home "
    "screen offers that practice. A day without one is simply a day without one."
)
DEFAULT_NAME = "plan-for-the-days-after"
DEFAULT_REMINDER = time(18, 0)


def offered_practices(exercises: Sequence[Exercise]) -> list[Exercise]:
    """The practices a plan may name: those for between sessions, without breath holds, in
    the order the present page lists them."""
    return [
        e for e in present_order(exercises) if e.is_for(Moment.BETWEEN_SESSIONS) and not e.has_holds
    ]


class TimeField(QTimeEdit):
    """A time of day whose Tab leaves the field (as :class:`DateField`'s does); Left and Right
    move between hours and minutes, Up and Down change them."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


def plan_button(clicked: Callable[[], object]) -> QPushButton:
    """The take-home card's way to the plan."""
    return scaffold.button(
        _("A plan for the days after…"), _("Put together a plan for the days after"), clicked
    )


class PlanDialog(QDialog):
    """Choose the days and their practices, then save the plan as a file."""

    def __init__(
        self,
        exercises: Sequence[Exercise],
        *,
        theme: Theme,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("A plan for the days after"))
        self.setStyleSheet(stylesheet(theme))
        self.saved_to: Path | None = None
        self._practices = offered_practices(exercises)

        about = scaffold.label(_(ABOUT), "muted", wrap=True)
        self.session = DateField(today, accessible_name=_("The day of the session"))
        self.session.dateChanged.connect(self._dates_changed)

        self.day_choices: dict[int, QComboBox] = {}
        self.day_labels: dict[int, QLabel] = {}
        self.day_after_labels: dict[int, QLabel] = {}
        days = QGridLayout()
        days.setHorizontalSpacing(16)
        days.setVerticalSpacing(12)
        for row, day in enumerate(OFFERED_DAYS):
            label = QLabel()  # the date, and under it how many days after the session
            after = scaffold.label("", "muted")
            named = QWidget()
            pair = QVBoxLayout(named)
            pair.setContentsMargins(0, 0, 0, 0)
            pair.setSpacing(0)
            pair.addWidget(label)
            pair.addWidget(after)
            choice = QComboBox()
            choice.addItem(_("No practice"), "")
            for exercise in self._practices:
                choice.addItem(exercise.title, exercise.id)
            # The list may be narrower than its longest title; it shows in full when open.
            choice.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            choice.setMinimumContentsLength(16)
            label.setBuddy(choice)
            days.addWidget(named, row, 0)
            days.addWidget(choice, row, 1)
            self.day_labels[day] = label
            self.day_after_labels[day] = after
            self.day_choices[day] = choice
        days.setColumnStretch(0, 3)
        days.setColumnStretch(1, 2)

        self.remind_check = QCheckBox(_("Suggest a gentle reminder at"))
        self.remind_time = TimeField(QTime(DEFAULT_REMINDER.hour, DEFAULT_REMINDER.minute))
        self.remind_time.setDisplayFormat("HH:mm")
        self.remind_time.setAccessibleName(_("The time of the reminder"))
        self.remind_time.setEnabled(False)
        self.remind_check.toggled.connect(self.remind_time.setEnabled)
        self.note = QPlainTextEdit()
        self.note.setAccessibleName(_("A note for your client"))
        self.note.setPlaceholderText(_("A few words of your own, if you like"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(themes.width(64))  # three lines, at any text size

        self.message = scaffold.label("", "notice", wrap=True)
        self.message.hide()
        self.save_button = scaffold.button(
            _("Save the plan…"), _("Save the plan as a file for your client"), self.choose_file,
            style="primary",
        )  # fmt: skip
        self.close_button = scaffold.button(_("Close"), _("Close without saving"), self.reject)

        form = QFormLayout()
        form.addRow(self._label(_("&Session day"), self.session), self.session)
        remind_row = QGridLayout()
        remind_row.addWidget(self.remind_check, 0, 0)
        remind_row.addWidget(self.remind_time, 0, 1)
        remind_row.setColumnStretch(2, 1)
        # Everything but the buttons scrolls when the screen is smaller than the page (large
        # text); Tab scrolls to the control it reaches.
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(12)
        column.addWidget(about)
        column.addLayout(form)
        column.addWidget(scaffold.label(_("Practices on the days after"), "heading"))
        column.addLayout(days)
        column.addLayout(remind_row)
        column.addWidget(self._label(_("A &note for your client"), self.note))
        column.addWidget(self.note)
        column.addWidget(self.message)
        column.addStretch(1)
        self.page_scroll = scaffold.scroll_area(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 16, 20)
        layout.setSpacing(12)
        layout.addWidget(self.page_scroll, 1)
        layout.addLayout(scaffold.hint_row(_("Esc closes."), self.close_button, self.save_button))
        self._dates_changed()
        order: list[QWidget] = [
            self.session,
            *self.day_choices.values(),
            self.remind_check,
            self.remind_time,
            self.note,
            self.close_button,
            self.save_button,
        ]
        for a, b in itertools.pairwise(order):
            QWidget.setTabOrder(a, b)
        self._fit_screen(themes.width(680), 760)

    def _fit_screen(self, wide: int, high: int) -> None:
        """As large as the page wants, within the screen's free area."""
        screen = self.screen()
        room = screen.availableGeometry() if screen is not None else None
        if room is not None:
            wide, high = min(wide, room.width() - 40), min(high, room.height() - 60)
        self.resize(wide, high)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _dates_changed(self) -> None:
        session = self.session.value()
        for day, label in self.day_labels.items():
            when = day_text(session + timedelta(days=day))
            label.setText(when)
            self.day_after_labels[day].setText(day_words(day))
            self.day_choices[day].setAccessibleName(
                _("Practice for {date}, {days}").format(date=when, days=day_words(day).lower())
            )

    def choose(self, day: int, exercise_id: str) -> None:
        """Put ``exercise_id`` ("" for none) on ``day`` (as a choice in its list would)."""
        choice = self.day_choices[day]
        choice.setCurrentIndex(max(0, choice.findData(exercise_id)))

    def plan(self) -> Plan:
        """The plan as chosen; :class:`PlanError` when no day has a practice."""
        entries = tuple(
            PlanEntry(day, str(choice.currentData()))
            for day, choice in self.day_choices.items()
            if choice.currentData()
        )
        at = self.remind_time.time()
        remind = time(at.hour(), at.minute()) if self.remind_check.isChecked() else None
        note = " ".join(self.note.toPlainText().split())
        return Plan(self.session.value(), entries, remind, note)

    def choose_file(self) -> None:
        start = str(Path.home() / f"{DEFAULT_NAME}{SUFFIX}")
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save the plan"), start, _("Plans and shared scripts (*.kapscript)")
        )
        if name:
            self.save_to(Path(name))

    def save_to(self, target: Path) -> bool:
        """Save the plan to ``target``; says what happened in the dialog either way."""
        if len(" ".join(self.note.toPlainText().split())) > MAX_NOTE:
            self._say(
                _("The note is longer than {n} characters; you might shorten it.").format(
                    n=MAX_NOTE
                )
            )
            return False
        try:
            plan = self.plan()
        except PlanError:
            self._say(_("You might choose a practice for at least one day first."))
            return False
        try:
            written = export_plan(plan, target)
        except BundleError as failure:
            self._say(_("{why} What you chose here is still here.").format(why=failure.message))
            return False
        self.saved_to = written
        self._say(
            _(
                "Saved to {path}. Your client can open it with kapcompanion on their own computer."
            ).format(path=written)
        )
        return True

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
