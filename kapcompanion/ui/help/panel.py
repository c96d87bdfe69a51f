"""The Help panel's widgets: the sheet of contacts and lines, and the small contacts editor.

Layout only: :class:`kapcompanion.ui.help.window.HelpWindow` decides what is shown and keeps
what is typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLineEdit, QVBoxLayout, QWidget

from kapcompanion.domain.contacts import MAX_CONTACTS, Contact, Role
from kapcompanion.domain.help import (
    EMERGENCY_NOTE,
    HEADING,
    NO_REGION,
    NOT_COMPLETE,
    OWN_EMPTY,
    OWN_HEADING,
    PUBLIC_HEADING,
    HelpEntry,
    HelpSheet,
)
from kapcompanion.i18n import _
from kapcompanion.ui.shell import scaffold

#: Rows in the contacts editor.
ROWS = 4


def _entry(entry: HelpEntry) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 4, 0, 4)
    layout.setSpacing(2)
    title = scaffold.label(entry.title, wrap=True)
    reach = scaffold.label(entry.reach, "heading", wrap=True)
    reach.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    layout.addWidget(title)
    layout.addWidget(reach)
    for detail in entry.details:
        layout.addWidget(scaffold.label(detail, "muted", wrap=True))
    if entry.source:
        host = (urlsplit(entry.source).hostname or entry.source).removeprefix("www.")
        if entry.checked:
            where = _("Number from {source}, {checked}").format(source=host, checked=entry.checked)
        else:
            where = _("Number from {source}").format(source=host)
        layout.addWidget(scaffold.label(where, "hint", wrap=True))
    box.setAccessibleName(" ".join([entry.title, entry.reach, *entry.details]))
    return box


def _clear(layout: QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


class SheetView(QWidget):
    """The sheet: your people first, then the lines for the region, and the ways out."""

    close_requested = Signal()
    edit_requested = Signal()
    region_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column, layout = scaffold.page_column(680, top=20, bottom=20)
        self.title = scaffold.label(_(HEADING), "title", wrap=True)
        self.paused_note = scaffold.label("", "notice", wrap=True)
        self.paused_note.hide()
        own, self.own_box = scaffold.card(_(OWN_HEADING))
        self.own_entries = QVBoxLayout()
        self.own_problem = scaffold.label("", "notice", wrap=True)
        self.own_problem.hide()
        self.edit_button = scaffold.button(
            _("Add or change your people"),
            _("Add or change your own contacts"),
            self.edit_requested.emit,
        )
        self.own_box.addLayout(self.own_entries)
        self.own_box.addWidget(self.own_problem)
        self.own_box.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignLeft)
        public, self.public_box = scaffold.card()
        self.public_heading = scaffold.label("", "heading", wrap=True)
        self.public_entries = QVBoxLayout()
        self.emergency_note = scaffold.label(_(EMERGENCY_NOTE), wrap=True)
        self.dated = scaffold.label("", "hint", wrap=True)
        self.region_button = scaffold.button(
            _("Choose your region"),
            _("Choose the region whose lines are shown"),
            self.region_requested.emit,
        )
        self.public_box.addWidget(self.public_heading)
        self.public_box.addLayout(self.public_entries)
        self.public_box.addWidget(self.emergency_note)
        self.public_box.addWidget(self.dated)
        self.public_box.addWidget(self.region_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.close_button = scaffold.button(
            _("Close"), _("Close Help and go back"), self.close_requested.emit, style="primary"
        )
        layout.addWidget(self.title)
        layout.addWidget(self.paused_note)
        layout.addWidget(own)
        layout.addWidget(public)
        layout.addLayout(scaffold.hint_row(_("Esc closes Help."), self.close_button))
        layout.addStretch(1)
        self.page = scaffold.scrolling_page(self, column)
        self.setTabOrder(self.edit_button, self.region_button)
        self.setTabOrder(self.region_button, self.close_button)

    def show_sheet(self, sheet: HelpSheet, *, paused: str = "", problem: str = "") -> None:
        self.paused_note.setText(paused)
        self.paused_note.setVisible(bool(paused))
        self.own_problem.setText(problem)
        self.own_problem.setVisible(bool(problem))
        _clear(self.own_entries)
        if sheet.own:
            for entry in sheet.own:
                self.own_entries.addWidget(_entry(entry))
        else:
            self.own_entries.addWidget(scaffold.label(_(OWN_EMPTY), "muted", wrap=True))
        _clear(self.public_entries)
        if sheet.region_name:
            self.public_heading.setText(_(PUBLIC_HEADING).format(region=sheet.region_name))
            entries = ([sheet.emergency] if sheet.emergency else []) + list(sheet.lines)
            for entry in entries:
                self.public_entries.addWidget(_entry(entry))
            self.dated.setText(f"{sheet.dated}. {_(NOT_COMPLETE)}")
            self.region_button.setText(_("Change region"))
        else:
            self.public_heading.setText(_("Lines for your region"))
            self.public_entries.addWidget(scaffold.label(_(NO_REGION), wrap=True))
            self.dated.setText(_(NOT_COMPLETE))
            self.region_button.setText(_("Choose your region"))


class ContactsView(QWidget):
    """Up to :data:`ROWS` of the person's own contacts, typed in plain boxes."""

    save_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column, layout = scaffold.page_column(680, top=20, bottom=20)
        box, inner = scaffold.card(_("Your people"))
        inner.addWidget(
            scaffold.label(
                _(
                    "People who know you are often the best first call. "
                    "Only you add them, and they stay on this computer."
                ),
                "muted",
                wrap=True,
            )
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        headings = (_("Who"), _("Name"), _("How to reach"), _("When, or a note"))
        for col, heading in enumerate(headings):
            grid.addWidget(scaffold.label(heading, "hint"), 0, col)
        self.rows: list[tuple[QComboBox, QLineEdit, QLineEdit, QLineEdit]] = []
        for r in range(ROWS):
            role = QComboBox()
            for choice in Role:
                role.addItem(choice.label, choice.value)
            role.setAccessibleName(_("Contact {n}: who").format(n=r + 1))
            boxes = []
            names = (
                _("Contact {n}: name"),
                _("Contact {n}: how to reach"),
                _("Contact {n}: when, or a note"),
            )
            for col, name in enumerate(names, start=1):
                edit = QLineEdit()
                edit.setAccessibleName(name.format(n=r + 1))
                grid.addWidget(edit, r + 1, col)
                boxes.append(edit)
            grid.addWidget(role, r + 1, 0)
            self.rows.append((role, boxes[0], boxes[1], boxes[2]))
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 2)
        grid.setColumnStretch(3, 2)
        inner.addLayout(grid)
        self.message = scaffold.label("", "notice", wrap=True)
        self.message.hide()
        inner.addWidget(self.message)
        self.save_button = scaffold.button(
            _("Save"), _("Save your people"), self.save_requested.emit, style="primary"
        )
        self.back_button = scaffold.button(
            _("Back"), _("Back to Help without saving"), self.back_requested.emit
        )
        layout.addWidget(box)
        layout.addLayout(
            scaffold.hint_row(
                _("Esc goes back without saving."), self.back_button, self.save_button
            )
        )
        layout.addStretch(1)
        self.page = scaffold.scrolling_page(self, column)

    def fill(self, contacts: Sequence[Contact], note: str = "") -> None:
        for n, (role, name, reach, when) in enumerate(self.rows):
            contact = contacts[n] if n < len(contacts) else None
            role.setCurrentIndex(max(0, role.findData(contact.role.value if contact else "")))
            name.setText(contact.name if contact else "")
            reach.setText(contact.reach if contact else "")
            when.setText(contact.note if contact else "")
        self.say(note)

    def typed(self) -> list[tuple[str, str, str, str]]:
        return [
            (str(role.currentData()), name.text(), reach.text(), when.text())
            for role, name, reach, when in self.rows
        ]

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))


assert ROWS <= MAX_CONTACTS
