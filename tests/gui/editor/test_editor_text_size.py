"""The editor's own small words (each problem under its field, the voice's status line) and its
lists follow the person's text size, set live, as every other word does."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kapcompanion.domain.clock import FakeClock
from kapcompanion.services.settings import TEXT_SIZE, SettingsStore
from kapcompanion.ui.editor import screen as editor_ui
from kapcompanion.ui.editor.screen import EditorScreen
from kapcompanion.ui.shell.appearance import apply_appearance
from tests.helpers.windows import shown_window


@pytest.fixture
def at_100() -> Iterator[None]:
    store = SettingsStore()
    store.set(TEXT_SIZE, 100)
    apply_appearance(store)
    yield
    store.set(TEXT_SIZE, 100)
    apply_appearance(store)


def sizes(editor: EditorScreen) -> dict[str, int]:
    return {
        "problem": editor.fields.problems["id"].font().pointSize(),
        "voice": editor.voice_panel.status.font().pointSize(),
        "steps": editor.step_list.font().pointSize(),
    }


def test_the_editors_small_words_grow_with_the_text_size_set_live(qtbot, at_100):
    window = shown_window(qtbot, FakeClock(50.0))
    editor = editor_ui.open_editor(window)
    editor.fields.title_edit.setText("x")  # something typed: the problems show
    editor.controller.save()
    assert editor.fields.problems["id"].isVisible()
    before = sizes(editor)
    window.settings.set(TEXT_SIZE, 200)
    qtbot.wait(50)
    after = sizes(editor)
    for part, size in before.items():
        assert after[part] >= 1.8 * size, (part, size, after[part])
