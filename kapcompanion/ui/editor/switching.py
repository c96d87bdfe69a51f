"""Opening another script, starting a new one or taking one in while the script open has changes
not saved yet: the editor asks first, so typed words are never dropped by moving on. "Save, then
go on" saves first (and stays when the script cannot be saved, with the reason shown); "Let the
changes go" moves on; "Keep editing" (also Esc) stays with the words as they are."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from kapcompanion.i18n import N_, _

SAVE_FIRST = N_("Save, then go on")
LET_GO = N_("Let the changes go")
KEEP_EDITING = N_("Keep editing")


def ask_before_switching(
    parent: QWidget,
    title: str,
    *,
    save: Callable[[], bool],
    go_on: Callable[[], object],
    stay: Callable[[], object],
) -> QMessageBox:
    """Ask, over ``parent``, what to do with the unsaved changes to ``title``; window-modal, it
    returns at once with the box (for tests)."""
    box = QMessageBox(parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Changes not saved yet"))
    box.setText(_("The changes to “{title}” are not saved yet.").format(title=title))
    box.setInformativeText(_("You might save them first, or let them go."))
    first = box.addButton(_(SAVE_FIRST), QMessageBox.ButtonRole.AcceptRole)
    let_go = box.addButton(_(LET_GO), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(_(KEEP_EDITING), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(first)
    box.setEscapeButton(keep)

    def answered() -> None:
        chosen = box.clickedButton()
        if chosen is let_go or (chosen is first and save()):
            go_on()
        else:
            stay()

    box.finished.connect(answered)
    box.open()
    return box
