"""The script editor offers a body map as a step's input, and a script with one saves and loads
clean."""

from __future__ import annotations

from typing import Any

from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.drafts import UNTIL_CONTINUE
from kapcompanion.domain.scripts import BodyMapInput
from kapcompanion.storage.library import load_script
from kapcompanion.ui.editor import screen as editor_ui
from tests.helpers.windows import shown_window


def test_a_body_map_step_is_chosen_saved_and_loaded(qtbot: Any) -> None:
    window = shown_window(qtbot, FakeClock(50.0))
    editor = editor_ui.open_editor(window)
    for field, text in (
        (editor.fields.id_edit, "where-it-is"),
        (editor.fields.title_edit, "Where it is"),
        (editor.fields.description_edit, "Noticing where something is felt."),
    ):
        field.setFocus()
        qtbot.keyClicks(field, text)
    editor.fields.moment_checks["between-sessions"].click()
    form = editor.step_form
    form.text_edit.setFocus()
    qtbot.keyClicks(form.text_edit, "You might notice where something is here. Your feet rest too.")
    form.timing_combo.setCurrentIndex(form.timing_combo.findData(UNTIL_CONTINUE))
    offered = [form.input_combo.itemText(i) for i in range(form.input_combo.count())]
    assert "A body map to mark where something is felt" in offered
    form.input_combo.setCurrentIndex(form.input_combo.findData("body-map"))
    assert form.key_edit.isVisibleTo(editor) and form.key_edit.text() == "felt"
    assert not form.items_edit.isVisibleTo(editor) and not form.low_edit.isVisibleTo(editor)
    assert editor.controller.check() == []
    path = editor.controller.save()
    assert path is not None
    assert 'type = "body-map"' in path.read_text(encoding="utf-8")
    assert load_script(path).steps[0].input == BodyMapInput("felt")
