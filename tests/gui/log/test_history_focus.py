"""Where the keys are in History and the session dates shows, in the app's window with its
theme: the list of practices, a chosen chart toggle and the list of dates each show their focus,
leaving the dates goes back to the button that opened them, and History fits the window."""

from __future__ import annotations

from functools import partial

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.storage import open_log
from kapcompanion.storage.logs import PracticeLogs
from kapcompanion.ui.log.history import HistoryScreen
from kapcompanion.ui.log.sessions import SessionsScreen
from kapcompanion.ui.shell import theme as themes
from tests.gui.services.recording import make_window, press
from tests.helpers.practices import RECORDS, SESSIONS


@pytest.fixture
def themed(qapp):
    """The app's theme applied app-wide, as the app does at start (its focus outlines)."""
    sheet, palette = qapp.styleSheet(), qapp.palette()
    themes.apply(qapp, themes.DARK)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


@pytest.fixture
def window(qtbot, themed):
    log = open_log(clock=MonotonicClock())
    log.merge_records(RECORDS, SESSIONS)
    log.close()
    logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
    win = make_window(qtbot, logs)
    yield win
    win.log.shutdown()
    logs.close()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def shows_focus(widget: QWidget) -> bool:
    """Whether ``widget`` looks different with the keys on it than without."""
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    with_focus = widget.grab().toImage()
    widget.clearFocus()
    QApplication.processEvents()
    without = widget.grab().toImage()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    return with_focus != without


def open_history(window, qtbot) -> HistoryScreen:
    screen = window.log.open_history()
    qtbot.waitUntil(lambda: screen.charts.built, timeout=5000)
    return screen


def test_the_list_and_the_chosen_chart_toggle_show_where_the_keys_are(window, qtbot):
    history = open_history(window, qtbot)
    history.table.selectRow(0)
    assert shows_focus(history.table)  # its own style had no edge at all
    assert history.charts.day_button.isChecked()
    assert shows_focus(history.charts.day_button)  # the checked look hid the focus ring
    assert shows_focus(history.charts.week_button)


def test_the_dates_list_shows_its_focus_and_leaving_goes_back_to_the_button(window, qtbot):
    history = open_history(window, qtbot)
    history.sessions_button.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    sessions = window.current_screen
    assert isinstance(sessions, SessionsScreen)
    assert sessions.dates()  # a list with dates in it
    assert shows_focus(sessions.list)
    press(qtbot, Qt.Key.Key_Escape)
    assert window.current_screen is history
    assert focused() is history.sessions_button  # where the person was, not nowhere


def test_history_fits_the_window_s_width_so_every_control_can_be_seen(window, qtbot):
    history = open_history(window, qtbot)
    assert window.width() == 1280
    page = history._page
    qtbot.waitUntil(lambda: page.width() <= history.width(), timeout=2000)
    for control in (history.close_button, history.open_button, history.ask_check):
        assert control.visibleRegion().boundingRect() == control.rect(), control.text()
