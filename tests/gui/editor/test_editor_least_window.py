"""The script editor in the least window (720 × 560) at 200 % text, in Spanish: its two panels,
the script's list on the left and the step's form on the right, stood side by side there and
each scrolled sideways. Now they stand one under the other, nothing is cut off, and Save stays
in sight below. The list of scripts to open cut a name at whatever letter the box ended; now it
cuts it with "…" and its tooltip and list say it whole."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QStyle, QStyleOptionComboBox, QWidget

from kapcompanion.domain.clock import FakeClock
from kapcompanion.ui.editor import screen as editor_ui
from kapcompanion.ui.editor.screen import EditorScreen
from kapcompanion.ui.shell.main_window import MainWindow
from tests.helpers.layout import clipped, squeezed
from tests.helpers.windows import shown_window


def _sideways(root: QWidget) -> list[str]:
    """Visible scrolling areas under ``root`` whose page is wider than they are."""
    return [
        f"{type(area).__name__}: {area.horizontalScrollBar().maximum()} px"
        for area in root.findChildren(QAbstractScrollArea)
        if area.isVisible() and area.horizontalScrollBar().maximum() > 0
    ]


def _least_window(qtbot: Any) -> tuple[MainWindow, EditorScreen]:
    window = shown_window(qtbot, FakeClock(50.0))
    window.resize(720, 560)
    qtbot.waitUntil(lambda: window.width() == 720)
    editor = editor_ui.open_editor(window)
    qtbot.wait(100)
    return window, editor


def test_in_the_least_window_at_200_percent_the_editor_fits_its_width(
    qtbot: Any, spanish_at_200: None
) -> None:
    window, editor = _least_window(qtbot)
    assert _sideways(window) == []
    assert clipped(window) + squeezed(window) == []
    # Save and its neighbours stay whole in sight below whatever scrolls.
    for button in (editor.delete_button, editor.preview_button, editor.save_button):
        place = QRect(button.mapTo(window, button.rect().topLeft()), button.size())
        assert window.rect().contains(place), button.text()


def test_the_open_choice_says_a_name_too_long_for_it_whole_in_its_tooltip_and_list(
    qtbot: Any, spanish_at_200: None
) -> None:
    """At 200 % in Spanish the names of the shipped scripts are wider than the window: the box
    cuts one with "…" instead of at a letter, and its tooltip and its list say it whole."""
    _window, editor = _least_window(qtbot)
    combo = editor.open_combo
    option = QStyleOptionComboBox()
    too_long = 0
    for index in range(combo.count()):
        combo.setCurrentIndex(index)
        combo.repaint()
        whole = combo.currentText()
        combo.initStyleOption(option)
        field = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
        )
        assert combo.itemData(index, Qt.ItemDataRole.ToolTipRole) == whole
        if combo.fontMetrics().horizontalAdvance(whole) > field.width():
            too_long += 1
            assert combo.toolTip() == whole
            assert combo.shown_text().endswith("…"), combo.shown_text()
        else:
            assert combo.shown_text() == whole
    assert too_long > 0


def test_in_the_least_window_tab_from_save_brings_the_top_of_the_page_in_sight(
    qtbot: Any, spanish_at_200: None
) -> None:
    """The panels and the header scroll there; Tab from Save at the foot goes on to the list of
    scripts at the top, and the page scrolls back up to show it."""
    _window, editor = _least_window(qtbot)
    page = editor.page_scroll
    page.verticalScrollBar().setValue(page.verticalScrollBar().maximum())
    editor.save_button.setFocus()
    qtbot.keyClick(editor.save_button, Qt.Key.Key_Tab)
    combo = editor.open_combo
    assert combo.hasFocus()
    place = QRect(combo.mapTo(page.viewport(), combo.rect().topLeft()), combo.size())
    assert page.viewport().rect().contains(place)


def test_the_question_before_leaving_and_its_answers_read_whole(
    qtbot: Any, spanish_at_200: None
) -> None:
    """With words not saved, Esc asks whether to leave: the question and its two answers used to
    squeeze into the row of buttons, cutting every one of them to a few letters."""
    window, editor = _least_window(qtbot)
    editor.step_form.text_edit.setPlainText("Algo escrito.")
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(editor.leave_button.isVisible)
    qtbot.wait(100)
    assert editor.save_leave_button.hasFocus()
    assert _sideways(window) == []
    assert clipped(window) + squeezed(window) == []
