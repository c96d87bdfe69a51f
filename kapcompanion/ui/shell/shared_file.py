"""A shared script handed to the app when it starts (``kapcompanion x.kapscript``, as a file
manager does on a double-click): the app opens as usual and, once its window is painted, offers
to take the script in. Yes opens the script editor and takes it in there, with the editor's own
import (every entry checked first, nothing half imported); Not now leaves everything as it was.

The bundle is checked before asking, so the question can name the script, and a file that cannot
be taken in gets the bundle's own message instead of a question. An updated copy of a script the
person already has asks whether it may take that copy's place (the older one goes to the trash).
Home's "Open a shared practice…" chooses a file and asks the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from kapcompanion.i18n import N_, _
from kapcompanion.ui.shell.replace_question import about, ask_to_replace, ask_yes_or_not

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
    added = _(
        "Added to your scripts, it opens in the script editor, where you can try it. "
        "Nothing you already have changes."
    )
    return f"{about(exercise, file_name)}\n\n{added}"


def offer_shared_file(window: QWidget, host: SharedFileHost, path: Path) -> QMessageBox:
    """Ask, over ``window``, whether to take in the shared script at ``path``. The question is
    window-modal and returns at once; the box is returned (for tests) and closes itself."""
    from kapcompanion.storage.bundle import BundleError, OlderCopyError
    from kapcompanion.storage.bundle_check import check_bundle
    from kapcompanion.storage.bundle_plan import holds_plan

    if holds_plan(path):  # a plan for the days after a session: asked about on its own
        return host.plan.offer(window, path)
    try:
        exercise = check_bundle(path)
    except OlderCopyError as older:  # most likely an updated copy of a script they have
        return ask_to_replace(window, older, path.name, lambda: take_in(host, path, replace=True))
    except BundleError as problem:
        return _cannot(window, path, str(problem))
    except OSError as problem:
        why = _("It could not be read ({reason}).").format(reason=problem.strerror or problem)
        return _cannot(window, path, why)
    return ask_yes_or_not(
        window,
        title=_(TITLE),
        question=_("Take in “{title}”?").format(title=exercise.title),
        detail=describe(exercise, path.name),
        yes=_(ADD),
        not_now=_(NOT_NOW),
        then=lambda: take_in(host, path),
    )


def choose_shared_file(window: QWidget, host: SharedFileHost) -> QFileDialog:
    """Home's "Open a shared practice…": choose a .kapscript (a script or a plan someone shared),
    then asked about as when it is opened from a file manager. Returns the chooser (for tests),
    which is window-modal and closes itself."""
    start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
    if not start or not Path(start).is_dir():
        start = str(Path.home())
    dialog = QFileDialog(
        window, _("Open a shared practice"), start, _("Shared practices and plans (*.kapscript)")
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.fileSelected.connect(lambda name: offer_shared_file(window, host, Path(name)))
    dialog.open()
    return dialog


def _box(window: QWidget) -> QMessageBox:
    box = QMessageBox(window)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    return box


def _cannot(window: QWidget, path: Path, why: str) -> QMessageBox:
    box = _box(window)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(_(CANNOT_TITLE))
    box.setText(_("{file} cannot be taken in.").format(file=path.name))
    box.setInformativeText(why)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.open()
    return box


def take_in(window: SharedFileHost, path: Path, *, replace: bool = False) -> Path | None:
    """Open the script editor and take the shared script in there (in place of the person's
    older copy, when they agreed to ``replace`` it); the script's new path, or None when it could
    not be taken in (the editor then says why)."""
    from kapcompanion.ui.editor.screen import EditorScreen

    editor = window.open_editor()
    assert isinstance(editor, EditorScreen)
    return editor.controller.import_from(path, replace=replace)
