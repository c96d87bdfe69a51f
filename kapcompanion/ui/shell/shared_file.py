"""A shared script handed to the app when it starts (``kapcompanion x.kapscript``, as a file
manager does on a double-click): the app opens as usual and, once its window is painted, offers
to take the script in. Yes opens the script editor and takes it in there, with the editor's own
import (every entry checked first, nothing half imported); Not now leaves everything as it was.

The bundle is checked before asking, so the question can name the script, and a file that cannot
be taken in gets the bundle's own message instead of a question.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from kapcompanion.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from kapcompanion.domain.scripts import Exercise
    from kapcompanion.ui.shell.home_plan import HomePlan


class SharedFileHost(Protocol):
    """What the question needs of the window: to open the script editor, and home's plan (a
    bundle may hold an integration plan instead of a script)."""

    def open_editor(self) -> QWidget: ...

    @property
    def plan(self) -> HomePlan: ...


TITLE = N_("A shared script")
ADD = N_("Add to my scripts")
NOT_NOW = N_("Not now")
CANNOT_TITLE = N_("This shared script cannot be taken in")


def describe(exercise: Exercise, file_name: str) -> str:
    """What the question says about the script it offers."""
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
    about = exercise.description.strip()
    added = _(
        "Added to your scripts, it opens in the script editor, where you can try it. "
        "Nothing you already have changes."
    )
    return f"{about + ' ' if about else ''}{parts}\n\n{added}"


def offer_shared_file(window: QWidget, host: SharedFileHost, path: Path) -> QMessageBox:
    """Ask, over ``window``, whether to take in the shared script at ``path``. The question is
    window-modal and returns at once; the box is returned (for tests) and closes itself."""
    from kapcompanion.storage.bundle import BundleError
    from kapcompanion.storage.bundle_check import check_bundle
    from kapcompanion.storage.bundle_plan import holds_plan

    if holds_plan(path):  # a plan for the days after a session: asked about on its own
        return host.plan.offer(window, path)
    box = QMessageBox(window)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    try:
        exercise = check_bundle(path)
    except BundleError as problem:
        _cannot(box, path, str(problem))
    except OSError as problem:
        why = _("It could not be read ({reason}).").format(reason=problem.strerror or problem)
        _cannot(box, path, why)
    else:
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_(TITLE))
        box.setText(_("Take in “{title}”?").format(title=exercise.title))
        box.setInformativeText(describe(exercise, path.name))
        add = box.addButton(_(ADD), QMessageBox.ButtonRole.AcceptRole)
        later = box.addButton(_(NOT_NOW), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(add)
        box.setEscapeButton(later)

        def answered() -> None:
            if box.clickedButton() is add:
                take_in(host, path)

        box.finished.connect(answered)
    box.open()
    return box


def _cannot(box: QMessageBox, path: Path, why: str) -> None:
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(_(CANNOT_TITLE))
    box.setText(_("{file} cannot be taken in.").format(file=path.name))
    box.setInformativeText(why)
    box.setStandardButtons(QMessageBox.StandardButton.Close)


def take_in(window: SharedFileHost, path: Path) -> Path | None:
    """Open the script editor and take the shared script in there; the script's new path, or
    None when it could not be taken in (the editor then says why)."""
    from kapcompanion.ui.editor.screen import EditorScreen

    editor = window.open_editor()
    assert isinstance(editor, EditorScreen)
    return editor.controller.import_from(path)
