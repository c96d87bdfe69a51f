"""Asking before an updated shared script takes the place of the person's own older copy, and
the words both questions about a shared script use to describe it. The older copy goes to the
computer's trash, where it can be taken back."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from kapcompanion.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from kapcompanion.domain.scripts import Exercise
    from kapcompanion.storage.bundle import OlderCopyError

TITLE = N_("An updated shared script")
REPLACE = N_("Replace my copy")
NOT_NOW = N_("Not now")


def about(exercise: Exercise, file_name: str) -> str:
    """The script's own description and what it holds, as both questions say it."""
    steps = len(exercise.steps)
    voices = sum(1 for s in exercise.steps if s.voice)
    if voices:
        parts = ngettext(
            "({steps} step, {voices} with a recorded voice, from {file})",
            "({steps} steps, {voices} with a recorded voice, from {file})",
            steps,
        )
    else:
        parts = ngettext("({steps} step, from {file})", "({steps} steps, from {file})", steps)
    parts = parts.format(steps=steps, voices=voices, file=file_name)
    description = exercise.description.strip()
    return f"{description + ' ' if description else ''}{parts}"


def ask_to_replace(
    parent: QWidget, older: OlderCopyError, file_name: str, replace: Callable[[], object]
) -> QMessageBox:
    """Ask, over ``parent``, whether the script in ``file_name`` may take the place of the
    person's copy; ``replace`` runs only on yes. Window-modal, it returns at once with the box
    (for tests); Esc and "Not now" leave everything as it was."""
    box = QMessageBox(parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_(TITLE))
    box.setText(_("Replace your copy of “{title}”?").format(title=older.title))
    box.setInformativeText(
        about(older.exercise, file_name)
        + "\n\n"
        + _(
            "You already have a copy of this script. The one in the file takes its place, and "
            "your copy goes to the computer's trash, where you can take it back."
        )
    )
    yes = box.addButton(_(REPLACE), QMessageBox.ButtonRole.AcceptRole)
    later = box.addButton(_(NOT_NOW), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes)
    box.setEscapeButton(later)

    def answered() -> None:
        if box.clickedButton() is yes:
            replace()

    box.finished.connect(answered)
    box.open()
    return box
