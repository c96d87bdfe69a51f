"""History and the session dates by keyboard: one Tab per field, the list lets Tab go on, and
each page opens with the focus where it shows and where Enter does something."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from kapcompanion.domain.clock import FakeClock, MonotonicClock
from kapcompanion.domain.practice import Kind
from kapcompanion.storage import open_log
from kapcompanion.storage.logs import PracticeLogs
from kapcompanion.ui.log.history import HistoryScreen
from kapcompanion.ui.log.sessions import SessionsScreen
from kapcompanion.ui.shell.date_field import DateField
from kapcompanion.ui.shell.main_window import MainWindow
from tests.helpers.practices import practice


@pytest.fixture
def window(qtbot: Any) -> Any:
    log = open_log(clock=MonotonicClock())
    today = date.today()
    log.merge_records([practice(today - timedelta(days=n), 5) for n in (1, 2, 3)], [])
    log.close()
    win = MainWindow(FakeClock(), logs=PracticeLogs(partial(open_log, clock=MonotonicClock())))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    yield win
    win.close()
    win.log.logs.close()


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def tab(qtbot: Any, backwards: bool = False) -> QWidget:
    key = Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab
    qtbot.keyClick(focus(), key)
    return focus()


def test_history_opens_on_the_list_and_each_date_takes_one_tab(window: Any, qtbot: Any) -> None:
    qtbot.mouseClick(window.log.panel.history_button, Qt.MouseButton.LeftButton)
    screen = window.current_screen
    assert isinstance(screen, HistoryScreen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3)
    # The list has the focus (and shows it); Enter opens the practice chosen with the arrows.
    assert focus() is screen.table
    qtbot.keyClick(screen.table, Qt.Key.Key_Down)
    # Tab leaves the list, however many rows it has.
    assert tab(qtbot) is screen.open_button
    # From the range: one Tab per date, then the kind of practice.
    bar = screen.filter_bar
    bar.range_combo.setFocus(Qt.FocusReason.TabFocusReason)
    assert tab(qtbot) is bar.first_edit
    assert tab(qtbot) is bar.last_edit
    assert tab(qtbot) is bar.kind_combo
    assert tab(qtbot, backwards=True) is bar.last_edit
    assert tab(qtbot, backwards=True) is bar.first_edit
    # The arrows still move inside a date and change it.
    before = bar.first_edit.date()
    qtbot.keyClick(bar.first_edit, Qt.Key.Key_Up)
    assert bar.first_edit.date() != before


def test_no_invisible_stops_on_the_way_round(window: Any, qtbot: Any) -> None:
    """Every stop Tab makes is a control a person can see and use, never a page or a frame."""
    window.open_history()
    seen = [focus()]
    for _ in range(30):
        seen.append(tab(qtbot))
    for widget in seen:
        assert not isinstance(widget, QScrollArea | HistoryScreen), widget
        assert widget.isVisible()


def test_session_dates_open_on_the_date_and_enter_adds_it(window: Any, qtbot: Any) -> None:
    qtbot.mouseClick(window.log.panel.sessions_button, Qt.MouseButton.LeftButton)
    screen = window.current_screen
    assert isinstance(screen, SessionsScreen)
    assert isinstance(focus(), DateField) and focus() is screen.date_edit
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    assert screen.list.count() == 1
    # One Tab from the date to its button.
    assert tab(qtbot) is screen.add_button


def test_weekends_in_the_calendar_are_not_red(window: Any) -> None:
    screen = window.open_history()
    calendar = screen.filter_bar.first_edit.calendarWidget()
    for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
        colour = calendar.weekdayTextFormat(day).foreground().color()
        assert not (colour.red() > 200 and colour.green() < 100), colour.name()


def test_a_practice_s_title_is_shown_in_full_in_the_list(qtbot: Any) -> None:
    """ "Settling before my session" was cut to "Settling before a sessi…" by a fixed column."""
    log = open_log(clock=MonotonicClock())
    log.merge_records(
        [practice(date.today() - timedelta(days=1), 5, kind=Kind.EXERCISE, ref="before-dosing")],
        [],
    )
    log.close()
    win = MainWindow(FakeClock(), logs=PracticeLogs(partial(open_log, clock=MonotonicClock())))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    screen: Any = win.open_history()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    table = screen.table
    column = next(
        c
        for c in range(screen.model.columnCount())
        if screen.model.headerData(c, Qt.Orientation.Horizontal) == "Practice"
    )
    title = str(screen.model.index(0, column).data())
    assert title == "Settling before my session"
    needed = table.fontMetrics().horizontalAdvance(title) + 16  # the cell's own padding
    assert table.columnWidth(column) >= needed
    win.close()
    win.log.logs.close()
