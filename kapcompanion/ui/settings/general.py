"""The settings screen's general sections: appearance, practice defaults, reminders, crisis
resources and where the person's files are.

Each change is saved at once through the :class:`SettingsStore`; the main window listens to the
store's ``changed`` signal and applies it (theme and text size at once, app-wide).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTime, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.limits import BREATHING_MINUTES, TEXT_SIZE_PERCENT
from kapcompanion.domain.pacing import PRESETS
from kapcompanion.i18n import N_, _, pgettext
from kapcompanion.services.autostart import Autostart
from kapcompanion.services.crisis_book import CrisisBook
from kapcompanion.services.settings import (
    DEFAULT_MINUTES,
    DEFAULT_PATTERN,
    GUEST_DEFAULT,
    PATTERN_CHOICES,
    QUIET_END,
    QUIET_HOURS,
    QUIET_START,
    REDUCED_MOTION,
    REMINDER_EXTRA_TIME,
    REMINDER_MODE,
    REMINDER_TIME,
    TEXT_SIZE,
    THEME,
    Setting,
    SettingsStore,
)
from kapcompanion.storage.paths import data_dir
from kapcompanion.ui.settings.language import language_row
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.a11y import system_reduced_motion
from kapcompanion.ui.shell.first_start import CrisisPanel
from kapcompanion.ui.shell.reminders import NO_TRAY, ReminderService
from kapcompanion.ui.shell.theme import width
from kapcompanion.ui.shell.wrapping import WrapCheck

THEME_NAMES = {
    "system": N_("Follow the system"),
    "light": N_("Light"),
    "dark": N_("Dark"),
    "high-contrast": N_("High contrast"),
}
MOTION_NAMES = {
    "system": N_("Follow the system"),
    "on": N_("On: shapes stay still"),
    "off": N_("Off"),
}
REMINDER_NAMES = {
    "off": N_("Off"),
    "daily": N_("Once a day"),
    "after-sessions": N_("Once a day, and more often in the days after a session"),
}
MOTION_UNKNOWN = N_(
    "This system does not tell apps whether you prefer less motion, so “Follow the system” "
    "leaves the shape moving; choose On to keep it still."
)
REMINDERS_NOTE = N_(
    "Reminders come from a small icon in the system tray. They never take over the screen, "
    "and none comes on a day you have already practised. While they are on, closing the window "
    "leaves the icon there; its menu opens the app again or quits it."
)
START_WITH_COMPUTER = N_("Start with the computer, quietly in the tray")
START_WITH_COMPUTER_HINT = N_(
    "When you log in, kapcompanion waits in the tray for your reminders, without opening a window"
)


def _row(label_text: str, widget: QWidget, owner: QWidget, stretch: bool = True) -> QHBoxLayout:
    """``widget`` after its caption, on one line while both fit in ``owner`` (its card), else
    the caption above it."""
    caption = QLabel(label_text)
    caption.setBuddy(widget)
    # One column of labels, so the controls line up, as wide as the text size asks.
    scaffold.follow_text_size(caption, lambda: caption.setMinimumWidth(width(210)))
    row = QHBoxLayout()
    row.setSpacing(16)
    row.addWidget(caption)
    row.addWidget(widget, 1 if not stretch else 0)
    if stretch:
        row.addStretch(1)
    scaffold.line_or_column(owner, row)
    return row


class GeneralSettings(QWidget):
    """The general sections. ``crisis_edit_requested`` and ``welcome_requested`` ask the window
    to open the crisis editor and the first-start notice."""

    crisis_edit_requested = Signal()
    welcome_requested = Signal()

    def __init__(
        self,
        store: SettingsStore,
        book: CrisisBook,
        reminders: ReminderService,
        parent: QWidget | None = None,
        *,
        autostart: Autostart | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.book = book
        self.reminders = reminders
        self.autostart = autostart

        # -- appearance --------------------------------------------------
        appearance, a_layout = scaffold.card(_("Appearance"))
        self.theme_combo = self._choice(THEME, THEME_NAMES, _("Theme"))
        self.text_spin = QSpinBox()
        self.text_spin.setRange(TEXT_SIZE_PERCENT.low, TEXT_SIZE_PERCENT.high)
        self.text_spin.setSingleStep(10)
        self.text_spin.setSuffix(" %")
        self.text_spin.setValue(store.get(TEXT_SIZE))
        self.text_spin.setAccessibleName(_("Text size, in percent"))
        self.text_spin.setAccessibleDescription(
            _("From {low} to {high} percent; applies to every screen").format(
                low=TEXT_SIZE_PERCENT.low, high=TEXT_SIZE_PERCENT.high
            )
        )
        self.text_spin.setKeyboardTracking(False)
        self.text_spin.valueChanged.connect(lambda v: self.store.set(TEXT_SIZE, int(v)))
        self.motion_combo = self._choice(REDUCED_MOTION, MOTION_NAMES, _("Reduced motion"))
        self.motion_note = scaffold.label("", "muted", wrap=True)
        a_layout.addLayout(_row(_("&Theme"), self.theme_combo, appearance))
        a_layout.addLayout(_row(_("Te&xt size"), self.text_spin, appearance))
        a_layout.addLayout(_row(_("Reduced &motion"), self.motion_combo, appearance))
        a_layout.addWidget(self.motion_note)

        # -- practice defaults --------------------------------------------------
        practice, p_layout = scaffold.card(pgettext("settings section", "Practice"))
        self.pattern_combo = self._choice(
            DEFAULT_PATTERN,
            {key: PRESETS[key].name for key in PATTERN_CHOICES},
            _("Default breathing pattern"),
        )
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(BREATHING_MINUTES.low, BREATHING_MINUTES.high)
        self.minutes_spin.setSuffix(" " + _("min"))
        self.minutes_spin.setValue(store.get(DEFAULT_MINUTES))
        self.minutes_spin.setAccessibleName(_("Default length of a breathing practice, in minutes"))
        self.minutes_spin.setKeyboardTracking(False)
        self.minutes_spin.valueChanged.connect(lambda v: self.store.set(DEFAULT_MINUTES, int(v)))
        self.guest_check = self._check(GUEST_DEFAULT, _("Start as a guest (nothing is saved)"))
        p_layout.addLayout(_row(_("&Pattern"), self.pattern_combo, practice))
        p_layout.addLayout(_row(_("&Length"), self.minutes_spin, practice))
        p_layout.addWidget(self.guest_check)

        # -- reminders --------------------------------------------------
        reminders_card, r_layout = scaffold.card(_("Reminders"))
        self.reminder_combo = self._choice(REMINDER_MODE, REMINDER_NAMES, _("Reminders"))
        self.reminder_time = self._time(REMINDER_TIME, _("Time of the daily reminder"))
        self.extra_time = self._time(
            REMINDER_EXTRA_TIME, _("Time of the extra reminder in the days after a session")
        )
        self.quiet_check = self._check(QUIET_HOURS, _("Quiet hours, from"))
        self.quiet_start = self._time(QUIET_START, _("Quiet hours begin"))
        self.quiet_end = self._time(QUIET_END, _("Quiet hours end"))
        quiet_row = QHBoxLayout()
        quiet_row.setSpacing(12)
        quiet_row.addWidget(self.quiet_check)
        quiet_row.addWidget(self.quiet_start)
        until = QLabel(_("until"))
        quiet_row.addWidget(until)
        quiet_row.addWidget(self.quiet_end)
        quiet_row.addStretch(1)
        scaffold.line_or_column(reminders_card, quiet_row)
        self.start_check = WrapCheck(_(START_WITH_COMPUTER))
        self.start_check.setAccessibleDescription(_(START_WITH_COMPUTER_HINT))
        self.start_check.setToolTip(_(START_WITH_COMPUTER_HINT))
        self.start_check.setChecked(autostart is not None and autostart.is_on())
        self.start_check.toggled.connect(self._start_with_computer)
        self.reminder_status = scaffold.label("", "muted", wrap=True)
        self.reminder_status.setAccessibleName(_("Reminder status"))
        r_layout.addWidget(scaffold.label(_(REMINDERS_NOTE), "muted", wrap=True))
        r_layout.addLayout(_row(_("&Reminders"), self.reminder_combo, reminders_card))
        r_layout.addLayout(_row(_("&Daily at"), self.reminder_time, reminders_card))
        r_layout.addLayout(_row(_("&Extra, after a session"), self.extra_time, reminders_card))
        r_layout.addLayout(quiet_row)
        r_layout.addWidget(self.start_check)
        self.start_check.setVisible(autostart is not None)
        r_layout.addWidget(self.reminder_status)
        reminders.planned.connect(self._show_plan)

        # -- crisis resources --------------------------------------------------
        self.crisis = CrisisPanel(book)
        self.crisis.edit_requested.connect(self.crisis_edit_requested.emit)
        self.welcome_button = scaffold.button(
            _("Show the welcome notice again"),
            _("Show the first-start notice again"),
            self.welcome_requested.emit,
            wrap=True,
        )
        crisis_layout = self.crisis.layout()
        if isinstance(crisis_layout, QVBoxLayout):
            crisis_layout.addWidget(self.welcome_button, 0, Qt.AlignmentFlag.AlignLeft)

        # -- files --------------------------------------------------
        files, f_layout = scaffold.card(_("Your files"))
        self.data_folder = data_dir(create=False)
        self.data_label = QLabel(
            _("Practice log and your scripts: {folder}").format(folder=self.data_folder)
        )
        self.data_label.setWordWrap(True)
        self.data_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.settings_label = QLabel(_("Settings: {file}").format(file=store.path))
        self.settings_label.setWordWrap(True)
        self.settings_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = scaffold.button(
            _("Open the data folder"),
            _("Open the data folder in the file manager"),
            self.open_data_folder,
        )
        self.files_message = scaffold.label("", "muted", wrap=True)
        self.files_message.hide()
        f_layout.addWidget(self.data_label)
        f_layout.addWidget(self.settings_label)
        f_layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        f_layout.addWidget(self.files_message)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        for section in (appearance, practice):
            layout.addWidget(section)
        self.before_sound = layout.count()
        for section in (reminders_card, self.crisis, files):
            layout.addWidget(section)
        store.changed.connect(self._changed)
        self.refresh()
        # Appearance begins with the language (see language.py).
        self.language_combo = language_row(store, a_layout)

    # -- building ------------------------------------------------------------------------------

    def _choice(self, setting: Setting[str], names: dict[str, str], name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        # Long choices may shorten with large text rather than push the page wider.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(14)
        for key, text in names.items():
            combo.addItem(_(text), key)
        combo.activated.connect(
            lambda index, c=combo, s=setting: self.store.set(s, str(c.itemData(index)))
        )
        return combo

    def _check(self, setting: Setting[bool], text: str) -> QCheckBox:
        check = WrapCheck(text)
        check.setAccessibleName(text)
        check.toggled.connect(lambda on, s=setting: self.store.set(s, bool(on)))
        return check

    def _time(self, setting: Setting[str], name: str) -> QTimeEdit:
        edit = QTimeEdit()
        edit.setDisplayFormat("HH:mm")
        edit.setAccessibleName(name)
        edit.setKeyboardTracking(False)
        edit.timeChanged.connect(
            lambda t, s=setting: self.store.set(s, f"{t.hour():02d}:{t.minute():02d}")
        )
        return edit

    # -- showing ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        s = self.store
        for combo, setting in (
            (self.theme_combo, THEME),
            (self.motion_combo, REDUCED_MOTION),
            (self.pattern_combo, DEFAULT_PATTERN),
            (self.reminder_combo, REMINDER_MODE),
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(s.get(setting))))
            combo.blockSignals(False)
        for spin, int_setting in (
            (self.text_spin, TEXT_SIZE),
            (self.minutes_spin, DEFAULT_MINUTES),
        ):
            spin.blockSignals(True)
            spin.setValue(s.get(int_setting))
            spin.blockSignals(False)
        for check, bool_setting in (
            (self.guest_check, GUEST_DEFAULT),
            (self.quiet_check, QUIET_HOURS),
        ):
            check.blockSignals(True)
            check.setChecked(s.get(bool_setting))
            check.blockSignals(False)
        for edit, time_setting in (
            (self.reminder_time, REMINDER_TIME),
            (self.extra_time, REMINDER_EXTRA_TIME),
            (self.quiet_start, QUIET_START),
            (self.quiet_end, QUIET_END),
        ):
            edit.blockSignals(True)
            edit.setTime(QTime.fromString(s.get(time_setting), "HH:mm"))
            edit.blockSignals(False)
        system = system_reduced_motion()
        if system is None:
            self.motion_note.setText(_(MOTION_UNKNOWN))
        elif system:
            self.motion_note.setText(_("This system asks for less motion at the moment."))
        else:
            self.motion_note.setText(_("This system allows motion at the moment."))
        self._reminder_controls()

    def _reminder_controls(self) -> None:
        available = self.reminders.available
        mode = self.store.get(REMINDER_MODE)
        self.reminder_combo.setEnabled(available)
        on = available and mode != "off"
        self.reminder_time.setEnabled(on)
        self.extra_time.setEnabled(on and mode == "after-sessions")
        self.quiet_check.setEnabled(on)
        quiet = on and self.store.get(QUIET_HOURS)
        self.quiet_start.setEnabled(quiet)
        self.quiet_end.setEnabled(quiet)
        # Starting with the computer serves the reminders; switching it off is always possible.
        self.start_check.setEnabled(on or self.start_check.isChecked())
        if not available:
            self.reminder_status.setText(_(NO_TRAY))

    def _start_with_computer(self, on: bool) -> None:
        if self.autostart is None:
            return
        try:
            self.autostart.set_on(on)
        except OSError as problem:
            self.start_check.blockSignals(True)
            self.start_check.setChecked(self.autostart.is_on())
            self.start_check.blockSignals(False)
            said = (
                _("Starting with the computer could not be set up: {problem}.")
                if on
                else _("Starting with the computer could not be switched off: {problem}.")
            )
            keep = _("Your other settings are kept.")
            self.reminder_status.setText(
                f"{said.format(problem=problem.strerror or problem)} {keep}"
            )

    def _show_plan(self, text: str) -> None:
        self.reminder_status.setText(text)

    def _changed(self, _key: str) -> None:
        self.refresh()

    def open_data_folder(self) -> bool:
        if not self.data_folder.is_dir():
            self._say(
                _(
                    "The data folder has not been made yet: "
                    "it appears with your first saved practice."
                )
            )
            return False
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_folder))):
            self._say(
                _("No file manager could be opened here. The folder is {folder}.").format(
                    folder=self.data_folder
                )
            )
            return False
        return True

    def _say(self, text: str) -> None:
        self.files_message.setText(text)
        self.files_message.show()

    def focus_order(self) -> list[QWidget]:
        """The controls in reading order (for the settings screen's Tab order)."""
        return [
            self.language_combo,
            self.theme_combo,
            self.text_spin,
            self.motion_combo,
            self.pattern_combo,
            self.minutes_spin,
            self.guest_check,
        ]

    def later_focus_order(self) -> list[QWidget]:
        return [
            self.reminder_combo,
            self.reminder_time,
            self.extra_time,
            self.quiet_check,
            self.quiet_start,
            self.quiet_end,
            self.crisis.region_combo,
            self.crisis.edit_button,
            self.welcome_button,
            self.open_button,
        ]
