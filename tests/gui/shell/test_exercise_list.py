"""The guided exercises on the home screen: groups, keyboard, starting, the recent shortcut."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QScrollArea

from kapcompanion.domain.exercise_info import (
    MOMENT_ORDER,
    group_by_moment,
    length_label,
    time_left_words,
)
from kapcompanion.domain.scripts import Moment
from kapcompanion.storage.library import load_builtin
from kapcompanion.ui.exercise.screen import ExerciseScreen
from kapcompanion.ui.shell.exercise_list import DEFAULT_MOMENT, ExerciseRow, problems_line
from tests.helpers.windows import shown_window

BUILTIN = load_builtin()[0]


@pytest.fixture
def window(qtbot):
    return shown_window(qtbot)


def titles(rows: list[ExerciseRow]) -> list[str]:
    return [row.exercise.title for row in rows]


def test_every_shipped_exercise_is_listed_under_each_moment_it_is_for(window):
    listed = window.home.exercise_list
    assert listed.moment is DEFAULT_MOMENT
    assert not listed.problems_button.isVisibleTo(listed)
    groups = group_by_moment(BUILTIN)
    seen = set()
    for moment in MOMENT_ORDER:
        listed.select_moment(moment)
        assert listed.moment_buttons[moment].isChecked()
        rows = listed.rows()
        assert titles(rows) == [e.title for e in groups[moment]]
        assert all(row.isVisibleTo(listed) for row in rows)
        for row in rows:
            assert moment in row.exercise.moments
            seen.add(row.exercise.id)
    assert seen == {e.id for e in BUILTIN}
    listed.select_moment(Moment.BEFORE_DOSING)
    assert {row.exercise.id for row in listed.rows()} == {
        "before-dosing",
        "weight-and-contact",
        "when-it-gets-big",
    }


def test_rows_show_title_length_and_description_shortest_first(window):
    listed = window.home.exercise_list
    listed.select_moment(Moment.ANY_TIME)
    rows = listed.rows()
    minutes = [row.exercise.minutes for row in rows]
    assert minutes == sorted(minutes)
    ten = next(row for row in rows if row.exercise.id == "body-scan-10")
    assert ten.accessibleName() == "Body scan, 10 minutes, about 10 min"
    assert ten.exercise.description in ten.accessibleDescription()


def test_rows_are_reached_and_started_with_the_keyboard(window, qtbot):
    listed = window.home.exercise_list
    listed.select_moment(Moment.SESSION_CLOSE)
    rows = listed.rows()
    rows[0].setFocus()
    qtbot.keyClick(rows[0], Qt.Key.Key_Down)
    assert QApplication.focusWidget() is rows[1]
    qtbot.keyClick(rows[1], Qt.Key.Key_Down)
    assert QApplication.focusWidget() is rows[2]
    rows[-2].setFocus()
    qtbot.keyClick(rows[-2], Qt.Key.Key_Down)
    assert QApplication.focusWidget() is rows[-1]
    qtbot.keyClick(rows[-1], Qt.Key.Key_Down)  # the last row stays
    assert QApplication.focusWidget() is rows[-1]
    rows[2].setFocus()
    qtbot.keyClick(rows[2], Qt.Key.Key_Up)
    assert QApplication.focusWidget() is rows[1]
    # A row scrolled out of sight comes into view when it takes the focus.
    area = window.home.findChild(QScrollArea)
    viewport = area.viewport()
    top = rows[1].mapTo(viewport, QPoint(0, 0)).y()
    assert top >= 0 and top + rows[1].height() <= viewport.height()
    qtbot.keyClick(rows[1], Qt.Key.Key_Return)
    screen = window.current_screen
    assert isinstance(screen, ExerciseScreen)
    assert screen.exercise.id == rows[1].exercise.id
    assert screen.runner.state().running


def test_tab_reaches_the_moments_and_then_the_rows(window, qtbot):
    listed = window.home.exercise_list
    last_moment = listed.moment_buttons[MOMENT_ORDER[-1]]
    last_moment.setFocus()
    qtbot.keyClick(last_moment, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is listed.rows()[0]


def test_a_click_starts_an_exercise(window, qtbot):
    listed = window.home.exercise_list
    row = listed.rows()[0]
    area = window.home.findChild(QScrollArea)
    area.ensureWidgetVisible(row)
    qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
    assert isinstance(window.current_screen, ExerciseScreen)
    assert window.current_screen.exercise is row.exercise


def test_the_exercise_started_last_is_offered_again(window, qtbot):
    listed = window.home.exercise_list
    assert listed.recent_row is None and not listed.recent_caption.isVisibleTo(listed)
    screen = window.start_exercise(listed.exercise("orienting"))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert window.current_screen is window.home
    assert screen.finished
    assert listed.recent.id == "orienting"
    assert listed.recent_row is not None and listed.recent_row.isVisibleTo(listed)
    assert listed.recent_row.accessibleName().startswith("Started recently: Orienting")
    listed.recent_row.setFocus()
    qtbot.keyClick(listed.recent_row, Qt.Key.Key_Return)
    assert window.current_screen.exercise.id == "orienting"


def test_set_recent_names_an_exercise_by_id(window):
    home = window.home
    assert home.set_recent("daily-check-in")
    assert home.exercise_list.recent_row.exercise.id == "daily-check-in"
    assert not home.set_recent("no-such-exercise")
    assert home.exercise_list.recent_row is None
    assert home.set_recent(None)


def test_the_list_fits_the_window_without_cutting_anything_off(window):
    area = window.home.findChild(QScrollArea)
    assert not area.horizontalScrollBar().isVisible()
    listed = window.home.exercise_list
    viewport = area.viewport()
    for moment in MOMENT_ORDER:
        listed.select_moment(moment)
        QApplication.processEvents()
        for row in listed.rows():
            left = row.mapTo(viewport, QPoint(0, 0)).x()
            assert left >= 0 and left + row.width() <= viewport.width()
            assert row.height() >= row.minimumSizeHint().height()
    for button in listed.moment_buttons.values():
        assert button.width() >= button.sizeHint().width()


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(1, "about 1 min"), (2.5, "about 3 min"), (10, "about 10 min"), (0.2, "about 1 min")],
)
def test_lengths_are_rounded_to_whole_minutes(minutes, text):
    assert length_label(minutes) == text


def test_quiet_words_for_time_and_problems():
    assert time_left_words(0) == "nearly done"
    assert time_left_words(59) == "under a minute left"
    assert time_left_words(150) == "about 3 min left"
    assert problems_line([]) == "0 scripts have problems"
