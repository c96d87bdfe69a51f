"""The script editor in the person's language: every word of its own, on an empty script, on
one with problems and in a preview, goes through a translation (the pseudo-language finds any
that does not)."""

from __future__ import annotations

import pytest

from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.drafts import UNTIL_CONTINUE
from kapcompanion.ui.editor import screen as editor_ui
from kapcompanion.ui.editor.screen import EditorScreen
from kapcompanion.ui.exercise.screen import ExerciseScreen
from tests.helpers.layout import clipped, squeezed
from tests.helpers.pseudo import untranslated_in
from tests.helpers.windows import shown_window

# What the person types is theirs: here it comes already marked, so only the editor's own
# words can show up unmarked.
THEIRS = ["evening", "landing", "min"]
NOT_MINE: list[str] = []  # every area's words are translated now
ALLOWED = [word for words in THEIRS + NOT_MINE for word in words.split()]


@pytest.fixture
def editor(qtbot, pseudo) -> EditorScreen:
    window = shown_window(qtbot, FakeClock(50.0))
    return editor_ui.open_editor(window)


def test_every_word_of_an_empty_script_is_translated(editor):
    assert editor.save_button.text() == "⟦Save⟧"
    assert untranslated_in(editor, ALLOWED) == []


def test_every_word_of_a_script_with_problems_is_translated(editor, qtbot):
    form = editor.step_form
    form.text_edit.setPlainText("⟦You might let the chair hold you.⟧")
    form.input_combo.setCurrentIndex(form.input_combo.findData("rating"))
    form.breathing_check.setChecked(True)
    editor.add_step()  # a step without words
    editor.controller.save()  # not saved: the problems show at their fields
    assert editor.controller.problems
    assert untranslated_in(editor, ALLOWED) == [], "problems"
    editor.select_step(0)
    assert untranslated_in(editor, ALLOWED) == [], "a step with its parts"
    form.preset_combo.setCurrentIndex(form.preset_combo.findData(""))
    form.input_combo.setCurrentIndex(form.input_combo.findData("text"))
    assert untranslated_in(editor, ALLOWED) == [], "own timing and a text to write"
    editor.stop()  # unsaved changes: leaving asks first
    assert editor.controller.asking
    assert untranslated_in(editor, ALLOWED) == [], "asking before leaving"


def test_every_word_of_a_preview_is_translated(editor, qtbot):
    editor.fields.id_edit.setText("evening-landing")
    editor.fields.title_edit.setText("⟦An evening landing⟧")
    editor.fields.moment_checks["session-close"].setChecked(True)
    editor.fields.description_edit.setPlainText("⟦Feet, seat and hands.⟧")
    editor.fields.minutes_spin.setValue(3)
    editor._fields_changed()
    form = editor.step_form
    form.text_edit.setPlainText("⟦How settled do you feel?⟧")
    form.timing_combo.setCurrentIndex(form.timing_combo.findData(UNTIL_CONTINUE))
    form.input_combo.setCurrentIndex(form.input_combo.findData("rating"))
    form.low_edit.setText("⟦not settled⟧")
    form.high_edit.setText("⟦very settled⟧")
    form._input_changed()
    assert editor.controller.check() == []
    assert untranslated_in(editor, ALLOWED) == [], "a script that checks out"
    assert editor.controller.preview()
    preview = editor.window().current_screen
    assert isinstance(preview, ExerciseScreen)
    assert untranslated_in(preview, ALLOWED) == [], "the preview"


def test_in_spanish_at_200_percent_the_editor_is_not_cut_off(qtbot, spanish_at_200):
    window = shown_window(qtbot, FakeClock(50.0))
    editor = editor_ui.open_editor(window)
    form = editor.step_form
    form.input_combo.setCurrentIndex(form.input_combo.findData("rating"))
    form.breathing_check.setChecked(True)
    editor.controller.save()  # not saved: the problems show at their fields
    qtbot.wait(100)
    assert editor.save_button.text() == "Guardar"
    assert clipped(window) + squeezed(window) == []
