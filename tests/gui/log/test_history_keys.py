"""History and the session dates by keyboard only, in the app's window: one Tab stop per
control (a date field is one stop, the list is one stop and Tab leaves it), a visible focus at
every stop, dates changed by arrows, and the session-dates page ready for Enter as it opens."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDateEdit, QTableView, QWidget

from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.storage import open_log
from kapcompanion.storage.logs import PracticeLogs
from kapcompanion.ui.log.history import HistoryScreen
from kapcompanion.ui.log.history_parts import CHOSEN
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


def one_round_of_tabs(qtbot, limit: int = 40) -> list[QWidget]:
    """The stops Tab passes, from the one focused now until it comes back to it."""
    start = focused()
    stops = [start]
    for _ in range(limit):
        press(qtbot, Qt.Key.Key_Tab)
        if focused() is start:
            return stops
        stops.append(focused())
    raise AssertionError(f"Tab never came back: {[type(w).__name__ for w in stops]}")


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
    window.log.panel.history_button.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    screen = window.current_screen
    assert isinstance(screen, HistoryScreen)
    qtbot.waitUntil(lambda: screen.charts.built, timeout=5000)
    return screen


def test_history_opens_on_the_list_and_tab_passes_each_control_once(window, qtbot):
    history = open_history(window, qtbot)
    assert focused() is history.table  # the list first: arrows choose, Enter opens
    press(qtbot, Qt.Key.Key_Down)  # a row chosen: Tab still leaves the list
    stops = one_round_of_tabs(qtbot)
    names = [type(w).__name__ for w in stops]
    assert stops.count(history.table) == 1, names
    assert stops.count(history.filter_bar.first_edit) == 1, " ".join(names)  # not once per part
    assert stops.count(history.filter_bar.last_edit) == 1, names
    for control in (
        history.range_combo,
        history.filter_bar.kind_combo,
        history.open_button,
        history.sessions_button,
        history.export_button,
        history.close_button,
    ):
        assert control in stops, control.accessibleName() or control.objectName()
    assert all(w is not history and w.focusPolicy() != Qt.FocusPolicy.NoFocus for w in stops)
    assert len(stops) == len(set(map(id, stops)))


def test_every_stop_in_history_shows_where_the_keys_are(window, qtbot):
    history = open_history(window, qtbot)
    press(qtbot, Qt.Key.Key_Down)
    stops = one_round_of_tabs(qtbot)
    assert history.charts.day_button in stops  # the chosen toggle, with its own look
    unseen = [
        w.accessibleName() or w.objectName() or type(w).__name__
        for w in stops
        if not shows_focus(w)
    ]
    assert unseen == [], " | ".join(unseen)
    assert any(isinstance(w, QDateEdit) for w in stops)
    assert any(isinstance(w, QTableView) for w in stops)


def test_a_date_is_changed_with_arrows_and_the_list_follows(window, qtbot):
    history = open_history(window, qtbot)
    first = history.filter_bar.first_edit
    first.setFocus(Qt.FocusReason.TabFocusReason)  # as Tab lands on it: the day part
    before = history.filters.first
    press(qtbot, Qt.Key.Key_Up)  # one day later
    assert history.filters.first == before + timedelta(days=1)
    assert history.range_combo.currentData() == CHOSEN
    press(qtbot, Qt.Key.Key_Right)  # on to the month
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Down)  # one month earlier
    changed = history.filters.first
    assert changed < before and changed.day == (before + timedelta(days=1)).day
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is history.filter_bar.last_edit


def test_session_dates_open_ready_for_enter_with_a_visible_focus(window, qtbot):
    history = open_history(window, qtbot)
    history.sessions_button.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    sessions = window.current_screen
    assert isinstance(sessions, SessionsScreen)
    assert focused() is sessions.date_edit and shows_focus(sessions.date_edit)
    count = len(sessions.dates())
    sessions.date_edit.setDate(sessions.date_edit.date().addDays(-3))
    press(qtbot, Qt.Key.Key_Return)  # adds the date shown, as the hint says
    assert len(sessions.dates()) == count + 1
    stops = one_round_of_tabs(qtbot)
    assert stops == [
        sessions.date_edit,
        sessions.add_button,
        sessions.list,
        sessions.remove_button,
        sessions.done_button,
    ]
    assert [w for w in stops if not shows_focus(w)] == []
    press(qtbot, Qt.Key.Key_Escape)
    assert window.current_screen is history
    assert focused() is history.sessions_button  # back where the person was, not nowhere


def test_history_fits_the_window_s_width_so_every_control_can_be_seen(window, qtbot):
    history = open_history(window, qtbot)
    assert window.width() == 1280
    page = history._page
    qtbot.waitUntil(lambda: page.width() <= history.width(), timeout=2000)
    for control in (history.close_button, history.open_button, history.ask_check):
        assert control.visibleRegion().boundingRect() == control.rect(), control.text()
