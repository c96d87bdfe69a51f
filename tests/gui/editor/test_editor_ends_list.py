"""The step's "Ends" list reads whole at 200 % text set live, closed and open: it stayed as wide
as at 100 % and showed "After a number of secor…". The step's panel does not scroll sideways
for it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox

from kapcompanion.domain.clock import FakeClock
from kapcompanion.services.settings import TEXT_SIZE, SettingsStore
from kapcompanion.ui.editor import screen as editor_ui
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


def text_room(combo: QComboBox) -> int:
    """The width the closed list has for its words."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return field.width()


def cut(combo: QComboBox) -> list[str]:
    """The choices whose words do not fit the closed list, or its open pop-up."""
    metrics = combo.fontMetrics()
    out = []
    room = text_room(combo)
    combo.showPopup()
    view = combo.view()
    popup_room = view.viewport().width()
    for i in range(combo.count()):
        text = combo.itemText(i)
        if metrics.horizontalAdvance(text) > room:
            out.append(f"closed: {text!r} {metrics.horizontalAdvance(text)} > {room}")
        need = view.sizeHintForIndex(view.model().index(i, 0)).width()
        if need > popup_room:
            out.append(f"open: {text!r} {need} > {popup_room}")
    combo.hidePopup()
    return out


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_ends_choice_reads_whole_at_200_set_live(
    qtbot: Any, at_100: None, language: str
) -> None:
    from kapcompanion import i18n

    if language != "en":
        i18n.use_language(language)
    window = shown_window(qtbot, FakeClock(50.0))
    editor = editor_ui.open_editor(window)
    editor.add_step()
    combo = editor.step_form.timing_combo
    qtbot.waitUntil(combo.isVisible)
    assert cut(combo) == []
    window.settings.set(TEXT_SIZE, 200)
    qtbot.wait(200)
    assert cut(combo) == []
    assert editor.right_scroll.horizontalScrollBar().maximum() == 0
