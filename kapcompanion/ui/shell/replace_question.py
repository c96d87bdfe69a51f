"""Asking before an updated shared script takes the place of the person's own older copy, the
words both questions about a shared script use to describe it, and the calm yes-or-not-now
question they and the editor's Delete… are asked with. The older copy goes to the computer's
trash, where it can be taken back."""

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
    detail = _(
        "You already have a copy of this script. The one in the file takes its place, and "
        "your copy goes to the computer's trash, where you can take it back."
    )
    return ask_yes_or_not(
        parent,
        title=_(TITLE),
        question=_("Replace your copy of “{title}”?").format(title=older.title),
        detail=about(older.exercise, file_name) + "\n\n" + detail,
        yes=_(REPLACE),
        not_now=_(NOT_NOW),
        then=replace,
    )


def ask_yes_or_not(
    parent: QWidget,
    *,
    title: str,
    question: str,
    detail: str,
    yes: str,
    not_now: str,
    then: Callable[[], object],
    not_by_default: bool = False,
) -> QMessageBox:
    """A question over ``parent`` with two answers: ``yes`` runs ``then``; ``not_now`` and Esc
    leave everything as it was. Enter gives ``yes``, or ``not_now`` where it lets something go
    (``not_by_default``). Window-modal, it returns at once with the box (for tests), which
    closes itself."""
    box = QMessageBox(parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(question)
    box.setInformativeText(detail)
    role = QMessageBox.ButtonRole
    agreed = box.addButton(yes, role.DestructiveRole if not_by_default else role.AcceptRole)
    kept = box.addButton(not_now, role.RejectRole)
    box.setDefaultButton(kept if not_by_default else agreed)
    box.setEscapeButton(kept)

    def answered() -> None:
        if box.clickedButton() is agreed:
            then()

    box.finished.connect(answered)
    box.open()
    return box
