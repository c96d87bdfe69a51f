"""A shared script handed to the app at start (a double-click in a file manager): the app offers
to take it in, takes it in through the script editor only when asked, and explains a file it
cannot take in."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QMessageBox

from kapcompanion.storage.paths import user_scripts_dir
from kapcompanion.ui.editor.screen import EditorScreen
from kapcompanion.ui.shell.shared_file import ADD, CANNOT_TITLE, NOT_NOW, TITLE, offer_shared_file
from tests.helpers.cli import run_app
from tests.helpers.shared_scripts import shared_copy
from tests.helpers.windows import shown_window
from tests.helpers.xvfb import xvfb, xvfb_available


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    return shared_copy(tmp_path, "Evening landing.kapscript")


def scripts_here() -> list[str]:
    folder = user_scripts_dir()
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


def button(box: QMessageBox, text: str) -> QAbstractButton:
    (found,) = [b for b in box.buttons() if b.text() == text]
    return found


@pytest.mark.gui
def test_yes_takes_the_script_in_and_opens_it_in_the_editor(qtbot: Any, shared: Path) -> None:
    window = shown_window(qtbot)
    box = offer_shared_file(window, window, shared)
    assert box.isVisible()
    assert box.windowTitle() == TITLE
    assert box.text() == "Take in “Evening landing”?"
    assert "A short settling at the end of the day." in box.informativeText()
    assert "(2 steps, from Evening landing.kapscript)" in box.informativeText()
    assert scripts_here() == []  # nothing is kept before the answer
    button(box, ADD).click()
    editor = window.current_screen
    assert isinstance(editor, EditorScreen)
    taken = user_scripts_dir() / "evening-landing" / "evening-landing.toml"
    assert taken.is_file()
    assert editor.controller.path == taken
    assert scripts_here() == ["evening-landing", "evening-landing/evening-landing.toml"]


@pytest.mark.gui
def test_not_now_leaves_everything_as_it_was(qtbot: Any, shared: Path) -> None:
    window = shown_window(qtbot)
    home = window.current_screen
    box = offer_shared_file(window, window, shared)
    button(box, NOT_NOW).click()
    assert window.current_screen is home
    assert scripts_here() == []


@pytest.mark.gui
def test_a_file_that_cannot_be_taken_in_is_explained(qtbot: Any, tmp_path: Path) -> None:
    window = shown_window(qtbot)
    junk = tmp_path / "notes.kapscript"
    junk.write_bytes(b"these are notes, not a shared script")
    box = offer_shared_file(window, window, junk)
    assert box.windowTitle() == CANNOT_TITLE
    assert box.text() == "notes.kapscript cannot be taken in."
    assert box.informativeText()
    assert ADD not in [b.text() for b in box.buttons()]
    box.button(QMessageBox.StandardButton.Close).click()
    assert scripts_here() == []
    gone = offer_shared_file(window, window, tmp_path / "gone.kapscript")
    assert gone.windowTitle() == CANNOT_TITLE


@pytest.mark.xvfb
@pytest.mark.skipif(xvfb_available() is not None, reason=str(xvfb_available()))
def test_a_shared_script_on_the_command_line_opens_the_app(shared: Path, tmp_path: Path) -> None:
    """As a file manager starts it: the file alone, the app painted, nothing taken in unasked."""
    shot = tmp_path / "offer.png"
    with xvfb() as display:
        result = run_app(
            str(shared), "--quit-after", "2.0", "--screenshot", str(shot),
            env={"DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
                 "KAPCOMPANION_REPORT_FIRST_PAINT": "1"},
        )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "first-paint " in result.stdout
    assert shot.is_file() and os.path.getsize(shot) > 10_000
    assert "Traceback" not in result.stderr
    assert "Error calling Python override" not in result.stderr
    assert scripts_here() == []
