"""The therapist's plan for the days after: walked by keyboard, saved as a .kapscript that
reads back as chosen, reached from the take-home card, and every word of it translatable."""

from __future__ import annotations

import re
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from kapcompanion.domain.plan import OFFERED_DAYS, Plan, PlanEntry
from kapcompanion.storage.bundle_plan import read_plan
from kapcompanion.storage.library import load_builtin
from kapcompanion.ui.presentation.plan import PlanDialog, offered_practices
from kapcompanion.ui.presentation.take_home import TakeHomeDialog
from kapcompanion.ui.shell.theme import DARK
from tests.helpers.pseudo import speak_pseudo, untranslated_in

SESSION = date(2026, 1, 30)


@pytest.fixture
def dialog(qtbot: Any) -> PlanDialog:
    made = PlanDialog(load_builtin()[0], theme=DARK, today=SESSION)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    made.activateWindow()
    qtbot.waitUntil(made.isActiveWindow)
    return made


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def test_only_gentle_practices_that_come_with_the_app_are_offered() -> None:
    ids = [e.id for e in offered_practices(load_builtin()[0])]
    assert "orienting" in ids and "weight-and-contact" in ids
    assert "session-close" not in ids and "before-dosing" not in ids


def test_the_days_are_named_by_their_dates_across_the_month_end(dialog: PlanDialog) -> None:
    assert dialog.day_labels[1].text() == "Saturday 31 January"
    assert dialog.day_after_labels[1].text() == "The day after the session"
    assert dialog.day_labels[3].text() == "Monday 2 February"
    assert dialog.day_after_labels[3].text() == "3 days after the session"
    assert dialog.day_choices[3].accessibleName() == (
        "Practice for Monday 2 February, 3 days after the session"
    )


def test_a_keyboard_walk_chooses_days_a_reminder_and_a_note_then_esc_closes(
    dialog: PlanDialog, qtbot: Any, tmp_path: Path
) -> None:
    dialog.session.setFocus()
    assert focused() is dialog.session
    order = []
    for _ in range(len(OFFERED_DAYS) + 1):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        order.append(focused())
    assert order[:-1] == list(dialog.day_choices.values())
    assert order[-1] is dialog.remind_check
    # The reminder's time is passed over until the reminder is chosen (Space).
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert dialog.remind_check.isChecked() and dialog.remind_time.isEnabled()
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.remind_time
    qtbot.keyClick(focused(), Qt.Key.Key_Up)  # the hours: 18 -> 19
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.note
    qtbot.keyClicks(focused(), "Go gently.")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.close_button
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.save_button
    # Back to day 1 and day 3 with Shift+Tab; arrows choose a practice.
    day1, day3 = dialog.day_choices[1], dialog.day_choices[3]
    day1.setFocus()
    qtbot.keyClick(day1, Qt.Key.Key_Down)
    qtbot.keyClick(day1, Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is day3
    qtbot.keyClick(day3, Qt.Key.Key_Down)
    qtbot.keyClick(day3, Qt.Key.Key_Down)
    first, second = offered_practices(load_builtin()[0])[:2]
    plan = dialog.plan()
    assert plan == Plan(
        SESSION, (PlanEntry(1, first.id), PlanEntry(3, second.id)), time(19, 0), "Go gently."
    )
    assert dialog.save_to(tmp_path / "for-sam")
    assert read_plan(tmp_path / "for-sam.kapscript") == plan
    assert "Saved to" in dialog.message.text()
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_plan_without_any_practice_is_not_saved_and_says_why(
    dialog: PlanDialog, tmp_path: Path
) -> None:
    assert not dialog.save_to(tmp_path / "empty")
    assert dialog.message.text() == "You might choose a practice for at least one day first."
    assert not list(tmp_path.iterdir())


def test_a_place_that_cannot_be_written_keeps_what_was_chosen(
    dialog: PlanDialog, tmp_path: Path
) -> None:
    dialog.choose(2, "orienting")
    assert not dialog.save_to(tmp_path / "no-such-folder" / "plan")
    assert "could not be written" in dialog.message.text()
    assert "What you chose here is still here." in dialog.message.text()
    assert dialog.plan().entries == (PlanEntry(2, "orienting"),)


def test_the_take_home_card_opens_the_plan(qtbot: Any) -> None:
    card = TakeHomeDialog(load_builtin()[0], theme=DARK, today=SESSION)
    qtbot.addWidget(card)
    card.show()
    qtbot.waitExposed(card)
    card.activateWindow()
    qtbot.waitUntil(card.isActiveWindow)
    card.practices.setFocus()
    qtbot.keyClick(card.practices, Qt.Key.Key_Tab)
    assert focused() is card.plan_button  # right after the practices, as on the page
    qtbot.keyClick(card.plan_button, Qt.Key.Key_Space)
    assert isinstance(card.plan_dialog, PlanDialog)
    qtbot.waitExposed(card.plan_dialog)
    assert card.plan_dialog.session.value() == SESSION


def test_every_word_of_the_dialog_goes_through_translation(qtbot: Any) -> None:
    speak_pseudo()
    exercises = load_builtin()[0]
    made = PlanDialog(exercises, theme=DARK, today=SESSION)
    qtbot.addWidget(made)
    made.show()
    made.choose(1, "orienting")
    made.save_to(Path("/nonexistent/folder/plan"))  # the message shows too
    titles = [w for e in exercises for w in re.findall(r"\w+", e.title)]
    # The exercises' titles are the scripts' own words, read from the script files of the language
    # in use; the pseudo-language has none of its own, so the English scripts' titles show.
    assert untranslated_in(made, allowed=titles) == []
    combo = made.day_choices[1]
    assert isinstance(combo, QComboBox) and combo.itemText(0).startswith("⟦")


def test_at_200_percent_text_nothing_is_cut_off_and_the_page_scrolls(qtbot: Any) -> None:
    from kapcompanion.ui.shell import theme as themes
    from tests.helpers.layout import clipped, squeezed

    themes.set_text_scale(200)
    try:
        made = PlanDialog(load_builtin()[0], theme=DARK, today=SESSION)
        qtbot.addWidget(made)
        made.show()
        qtbot.waitExposed(made)
        qtbot.wait(50)
        assert clipped(made) == [] and squeezed(made) == []
        # Tab to the last day brings it into view.
        last = made.day_choices[OFFERED_DAYS[-1]]
        viewport = made.page_scroll.viewport()
        assert last.mapTo(viewport, last.rect().topLeft()).y() > viewport.height()  # out of view
        before = made.day_choices[OFFERED_DAYS[-2]]
        before.setFocus()
        qtbot.keyClick(before, Qt.Key.Key_Tab)
        assert focused() is last
        qtbot.wait(20)
        top = last.mapTo(viewport, last.rect().topLeft()).y()
        assert top >= 0 and top + last.height() <= viewport.height()
    finally:
        themes.set_text_scale(100)
