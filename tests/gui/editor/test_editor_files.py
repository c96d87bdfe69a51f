"""Issue 15, item 11: the person's scripts as files they can let go of and bring up to date.

- "Delete…" asks, and only "Move to the trash" moves the script (its folder, recordings and all)
  to the computer's trash, where it can be taken back; Esc, Enter and "Keep it" keep it.
- An updated copy of a shared script the person already has is offered in place of the older
  one (which goes to the trash), instead of a refusal that sent them to remove files by hand;
  and the status never says a script was taken in when it was not.
- Home's "Open a shared practice…" chooses a .kapscript and asks as a double-click does.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from kapcompanion.domain.clock import FakeClock
from kapcompanion.storage.paths import user_scripts_dir
from kapcompanion.ui.editor import screen as editor_ui
from kapcompanion.ui.editor.screen import EditorScreen
from kapcompanion.ui.shell import trash
from tests.helpers.shared_scripts import FIRST, UPDATED, shared_copy
from tests.helpers.windows import shown_window

pytestmark = pytest.mark.gui


def the_trash() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "Trash" / "files"


def question_over(widget: QWidget, qtbot) -> QMessageBox:
    found: list[QMessageBox] = []

    def shown() -> None:
        found[:] = [b for b in widget.findChildren(QMessageBox) if b.isVisible()]
        assert len(found) == 1

    qtbot.waitUntil(shown)
    return found[0]


def asked(widget: QWidget) -> bool:
    return any(b.isVisible() for b in widget.findChildren(QMessageBox))


def press(box: QMessageBox, text: str) -> None:
    (button,) = [b for b in box.buttons() if b.text() == text]
    button.click()


@pytest.fixture
def window(qtbot):
    return shown_window(qtbot, FakeClock(50.0))


@pytest.fixture
def editor(window) -> EditorScreen:
    return editor_ui.open_editor(window)


def test_an_updated_shared_script_takes_the_older_ones_place_when_the_person_agrees(
    window, editor, qtbot, tmp_path
):
    first = shared_copy(tmp_path, "first.kapscript", FIRST)
    assert editor.controller.import_from(first) is not None
    assert editor.status.text().startswith("Took in “Evening landing”.")
    updated = shared_copy(tmp_path, "Evening landing (new).kapscript", UPDATED)

    # The updated copy asks first; Not now (Esc) changes nothing, and no "Took in" stays.
    assert editor.controller.import_from(updated) is None
    box = question_over(window, qtbot)
    assert box.text() == "Replace your copy of “Evening landing”?"
    info = box.informativeText()
    assert "(2 steps, from Evening landing (new).kapscript)" in info
    assert "goes to the computer's trash, where you can take it back" in info
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert "Took in" not in editor.status.text()
    folder = user_scripts_dir() / "evening-landing"
    assert FIRST in (folder / "evening-landing.toml").read_text()

    # Asked again, Enter (the default) replaces it: the editor shows the new words, the old
    # copy is whole in the trash, and the list offers one "Evening landing".
    editor.controller.import_from(updated)
    box = question_over(window, qtbot)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.controller.draft.steps[0].text == UPDATED)
    assert UPDATED in (folder / "evening-landing.toml").read_text()
    assert FIRST in (the_trash() / "evening-landing" / "evening-landing.toml").read_text()
    assert editor.status.text().startswith(
        "Took in “Evening landing”; your earlier copy is in the computer's trash."
    )
    assert editor.general_problem.text() == ""
    titles = [editor.open_combo.itemText(i) for i in range(editor.open_combo.count())]
    assert sum("Evening landing" in t for t in titles) == 1


def test_a_script_goes_to_the_trash_only_when_the_person_says_so(window, editor, qtbot, tmp_path):
    c = editor.controller
    assert not editor.delete_button.isEnabled()  # a new script has nothing to delete yet
    c.import_from(shared_copy(tmp_path, "evening.kapscript", FIRST))
    assert editor.delete_button.isEnabled()
    folder = user_scripts_dir() / "evening-landing"
    recording = folder / "voice" / "mine.wav"  # something of the person's beside it
    recording.parent.mkdir()
    recording.write_bytes(b"RIFF")

    # Esc keeps it; so does Enter, whose default is "Keep it".
    for key in (Qt.Key.Key_Escape, Qt.Key.Key_Return):
        editor.delete_button.click()
        box = question_over(window, qtbot)
        assert box.text() == "Move “Evening landing” to the trash?"
        qtbot.keyClick(box, key)
        qtbot.waitUntil(lambda: not asked(window))
        assert folder.is_dir() and c.path == folder / "evening-landing.toml"

    editor.delete_button.click()
    press(question_over(window, qtbot), "Move to the trash")
    assert not folder.exists()
    kept = the_trash() / "evening-landing"
    assert (kept / "evening-landing.toml").is_file() and (kept / "voice" / "mine.wav").is_file()
    assert c.path is None and not editor.delete_button.isEnabled()
    assert editor.status.text().startswith(
        "“Evening landing” is in the computer's trash, where you can take it back."
    )
    assert all(e.exercise.id != "evening-landing" for e in c.entries)
    assert editor.fields.id_edit.hasFocus()


def test_a_shipped_practice_cannot_be_deleted(editor):
    shipped = next(e for e in editor.controller.entries if e.shipped)
    editor.controller.open_entry(shipped)  # opens as a copy, not saved yet
    assert not editor.delete_button.isEnabled()
    assert editor.controller.delete() is False
    assert Path(shipped.exercise.source).is_file()


def test_when_the_trash_refuses_the_script_stays_and_the_reason_is_said(
    window, editor, qtbot, tmp_path, monkeypatch
):
    editor.controller.import_from(shared_copy(tmp_path, "evening.kapscript", FIRST))

    class Refusing:
        @staticmethod
        def moveToTrash(name: str) -> bool:  # Qt's name
            return False

    monkeypatch.setattr(trash, "QFile", Refusing)
    editor.delete_button.click()
    press(question_over(window, qtbot), "Move to the trash")
    assert (user_scripts_dir() / "evening-landing" / "evening-landing.toml").is_file()
    assert editor.general_problem.text() == (
        "“Evening landing” could not be moved to the trash (the trash did not take it). "
        "It is still in your scripts, as it was."
    )
    assert editor.controller.path is not None


def test_home_opens_a_shared_practice_and_asks_before_taking_it_in(window, qtbot, tmp_path):
    bundle = shared_copy(tmp_path, "Evening landing.kapscript", FIRST)
    home = window.current_screen
    assert home.shared_button.text() == "Open a shared practice…"
    home.shared_button.setFocus()
    qtbot.keyClick(home.shared_button, Qt.Key.Key_Space)
    chooser: list[QFileDialog] = []
    qtbot.waitUntil(lambda: bool(chooser.extend(window.findChildren(QFileDialog)) or chooser))
    (dialog,) = chooser
    assert dialog.nameFilters() == ["Shared practices and plans (*.kapscript)"]
    dialog.selectFile(str(bundle))
    dialog.accept()

    box = question_over(window, qtbot)
    assert box.text() == "Take in “Evening landing”?"
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.current_screen, EditorScreen))
    assert window.current_screen.controller.draft.steps[0].text == FIRST
    assert (user_scripts_dir() / "evening-landing" / "evening-landing.toml").is_file()


def test_moving_to_another_script_never_drops_what_was_typed(window, editor, qtbot):
    """Choosing another script in the list, New or Import… with changes not saved yet used to
    replace the words at once. Now the editor asks; Esc keeps editing, with the list still
    showing the script being written."""
    c = editor.controller
    qtbot.keyClicks(editor.fields.title_edit, "Words I wrote")
    editor.step_form.text_edit.setPlainText("Something I typed and want to keep.")
    other = editor.open_combo.findText("Orienting to the room", Qt.MatchFlag.MatchStartsWith)
    assert other > 0

    editor.open_combo.setCurrentIndex(other)
    editor.open_combo.activated.emit(other)
    box = question_over(window, qtbot)
    assert box.text() == "The changes to “Words I wrote” are not saved yet."
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not asked(window))
    assert c.draft.steps[0].text == "Something I typed and want to keep."
    assert editor.open_combo.currentIndex() == 0
    assert editor.open_combo.currentText() == "Words I wrote (not saved yet)"

    editor.new_button.click()
    qtbot.keyClick(question_over(window, qtbot), Qt.Key.Key_Escape)
    assert c.draft.steps[0].text == "Something I typed and want to keep."

    # "Let the changes go" moves on, as chosen.
    editor.open_combo.activated.emit(other)
    press(question_over(window, qtbot), "Let the changes go")
    assert c.draft.title.startswith("Orienting to the room")


def test_save_then_go_on_keeps_the_words_in_their_file(window, editor, qtbot):
    c = editor.controller
    qtbot.keyClicks(editor.fields.id_edit, "kept-words")
    qtbot.keyClicks(editor.fields.title_edit, "Kept words")
    editor.fields.description_edit.setFocus()
    qtbot.keyClicks(editor.fields.description_edit, "Mine.")
    editor.fields.moment_checks["between-sessions"].click()
    editor.step_form.text_edit.setFocus()
    qtbot.keyClicks(editor.step_form.text_edit, "Something I typed and want to keep.")
    editor.new_button.click()
    qtbot.keyClick(question_over(window, qtbot), Qt.Key.Key_Return)  # the default saves first
    saved = user_scripts_dir() / "kept-words" / "kept-words.toml"
    qtbot.waitUntil(saved.is_file)
    assert "Something I typed and want to keep." in saved.read_text()
    assert c.path is None and c.draft.title == ""  # then the new script


def test_an_untouched_copy_of_a_shipped_practice_is_left_without_asking(window, editor):
    shipped = next(e for e in editor.controller.entries if e.shipped)
    editor.controller.open_entry(shipped)
    editor.new_button.click()
    assert not asked(window)
    assert editor.controller.draft.title == ""


def test_an_updated_copy_opened_from_the_desktop_asks_to_replace_and_does(window, qtbot, tmp_path):
    """A double-click on an updated .kapscript (or home's "Open a shared practice…")."""
    from kapcompanion.ui.shell.shared_file import offer_shared_file

    offer_shared_file(window, window, shared_copy(tmp_path, "first.kapscript", FIRST))
    qtbot.keyClick(question_over(window, qtbot), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.current_screen, EditorScreen))
    window.current_screen.controller.may_leave()
    window.show_home()

    updated = shared_copy(tmp_path, "Evening landing.kapscript", UPDATED)
    box = offer_shared_file(window, window, updated)
    assert box.text() == "Replace your copy of “Evening landing”?"
    press(box, "Replace my copy")
    qtbot.waitUntil(lambda: isinstance(window.current_screen, EditorScreen))
    editor = window.current_screen
    assert editor.controller.draft.steps[0].text == UPDATED
    assert FIRST in (the_trash() / "evening-landing" / "evening-landing.toml").read_text()
