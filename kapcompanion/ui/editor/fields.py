"""The script editor's form for the script's own fields: its id, title, description, the moments
it is for and the length shown in the list, each with the problems found in it below.

Like the step's form (:mod:`kapcompanion.ui.editor.step`), it shows a draft
(:meth:`ScriptFields.show_draft`), says ``changed`` when the person edits a field, writes the
fields into the draft when asked (:meth:`ScriptFields.write_into`) and shows the problems the
editor hands back (:meth:`ScriptFields.show_problems`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from kapcompanion.domain.draft_check import SCRIPT_FIELDS
from kapcompanion.domain.drafts import ScriptDraft
from kapcompanion.domain.exercise_info import MOMENT_HEADINGS
from kapcompanion.domain.scripts import Moment
from kapcompanion.i18n import _, pgettext
from kapcompanion.ui.editor.step import mark, problem_label, seconds_spin, set_problem
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.theme import width


class ScriptFields(QWidget):
    """The script's own fields; see the module's text."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.id_edit = QLineEdit()
        self.id_edit.setAccessibleName(_("Id: lowercase letters, digits and hyphens"))
        self.id_edit.setPlaceholderText(_("for example evening-landing"))
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(_("Title"))
        self.description_edit = QPlainTextEdit()
        self.description_edit.setAccessibleName(_("Description"))
        scaffold.follow_text_size(  # its lines grow with the text size
            self.description_edit, lambda: self.description_edit.setFixedHeight(width(62))
        )
        self.description_edit.setTabChangesFocus(True)
        self.moment_checks: dict[str, QCheckBox] = {}
        moments = QGridLayout()
        moments.setContentsMargins(0, 0, 0, 0)
        moments.setHorizontalSpacing(12)
        moments.setVerticalSpacing(0)
        for k, moment in enumerate(Moment):
            heading = _(MOMENT_HEADINGS[moment])
            check = QCheckBox(heading)
            check.setAccessibleName(_("For: {moment}").format(moment=heading))
            check.toggled.connect(self._edited)
            moments.addWidget(check, k, 0)  # one under another: the panel may be narrow
            self.moment_checks[moment.value] = check
        self.minutes_spin = seconds_spin(0.0, 600.0, _(" min"))
        self.minutes_spin.setAccessibleName(_("Length shown in the list, in minutes"))
        self.id_edit.textEdited.connect(self._edited)
        self.title_edit.textEdited.connect(self._edited)
        self.description_edit.textChanged.connect(self._edited)
        self.minutes_spin.valueChanged.connect(self._edited)
        self.problems = {k: problem_label() for k in SCRIPT_FIELDS}

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(6)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        # In a narrow panel a label goes above its field instead of squeezing it.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for text, widget, key in (
            (_("&Id"), self.id_edit, "id"),
            (_("&Title"), self.title_edit, "title"),
            (_("&About"), self.description_edit, "description"),
        ):
            form.addRow(_label(text, widget), widget)
            form.addRow("", self.problems[key])
        moments_box = QWidget()
        moments_box.setLayout(moments)
        form.addRow(pgettext("the moments a script is for", "For"), moments_box)
        form.addRow("", self.problems["for"])
        form.addRow(_label(_("&Minutes"), self.minutes_spin), self.minutes_spin)
        form.addRow("", self.problems["minutes"])

    def show_draft(self, draft: ScriptDraft) -> None:
        """Show the script's own fields as the draft has them (no ``changed``)."""
        self._loading = True
        try:
            self.id_edit.setText(draft.id)
            self.title_edit.setText(draft.title)
            if self.description_edit.toPlainText() != draft.description:
                self.description_edit.setPlainText(draft.description)
            for value, check in self.moment_checks.items():
                check.setChecked(value in draft.moments)
            self.minutes_spin.setValue(draft.minutes)
        finally:
            self._loading = False

    def show_minutes(self, minutes: float) -> None:
        """The length shown in the list, followed from the steps (no ``changed``)."""
        self._loading = True
        try:
            self.minutes_spin.setValue(minutes)
        finally:
            self._loading = False

    def write_into(self, draft: ScriptDraft) -> None:
        """Put what the fields hold into the draft."""
        draft.id = self.id_edit.text()
        draft.title = self.title_edit.text()
        draft.description = self.description_edit.toPlainText()
        draft.moments = [m.value for m in Moment if self.moment_checks[m.value].isChecked()]
        draft.minutes = self.minutes_spin.value()

    def _edited(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    def show_problems(self, by_field: Mapping[str, Sequence[str]]) -> None:
        """Each field's problems (by :data:`SCRIPT_FIELDS` name) under it, the field outlined."""
        for key, label in self.problems.items():
            set_problem(label, by_field.get(key, ()))
        mark(self.id_edit, "id" in by_field)
        mark(self.title_edit, "title" in by_field)
        mark(self.description_edit, "description" in by_field)
        mark(self.minutes_spin, "minutes" in by_field)


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label
