"""Medicine-session dates: the editor keeps only dates, and home speaks of them gently."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

import pytest
from PySide6.QtCore import QDate, Qt

from kapcompanion.domain.clock import FakeClock, MonotonicClock
from kapcompanion.storage import GuestLog, open_log
from kapcompanion.storage.logs import PracticeLogs
from kapcompanion.ui.log.sessions import SessionsScreen
from kapcompanion.ui.shell.main_window import MainWindow

TODAY = date.today()


@pytest.fixture
def store():
    log = open_log(clock=MonotonicClock())
    yield log
    log.close()


@pytest.fixture
def editor(qtbot, store):
    view = SessionsScreen(store, today=lambda: TODAY)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_dates_are_added_listed_newest_first_and_removed(editor, store, qtbot):
    changed = []
    editor.changed.connect(lambda: changed.append(True))
    assert editor.dates() == []
    first = TODAY - timedelta(days=30)
    editor.date_edit.setDate(QDate(first.year, first.month, first.day))
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert editor.add(TODAY - timedelta(days=2))
    assert editor.dates() == [TODAY - timedelta(days=2), first]
    assert "2 days ago" in editor.list.item(0).text()
    assert store.session_dates() == [first, TODAY - timedelta(days=2)]
    assert not editor.add(first)  # already there: said so, nothing doubled
    assert "already in the list" in editor.status.text()
    editor.list.setCurrentRow(1)
    qtbot.keyClick(editor.list, Qt.Key.Key_Delete)
    assert editor.dates() == [TODAY - timedelta(days=2)]
    assert store.session_dates() == [TODAY - timedelta(days=2)]
    assert len(changed) == 3


def test_a_planned_date_may_be_noted_up_to_a_year_ahead(editor, store):
    assert editor.add(TODAY + timedelta(days=10))
    assert "in 10 days" in editor.list.item(0).text()
    latest = editor.date_edit.maximumDate()
    assert date(latest.year(), latest.month(), latest.day()) == TODAY + timedelta(days=365)


def test_only_the_date_is_kept(store):
    store.add_session_date(TODAY)
    conn = store._conn  # the log's own connection: look at what is stored
    columns = [r[1] for r in conn.execute("PRAGMA table_info(medicine_sessions)")]
    assert columns == ["day"]


def test_a_guest_is_told_the_dates_are_forgotten(qtbot):
    view = SessionsScreen(GuestLog(), guest=True, today=lambda: TODAY)
    qtbot.addWidget(view)
    labels = [w.text() for w in view.findChildren(type(view.status)) if w.isVisibleTo(view)]
    assert any("forgotten when the app closes" in t for t in labels)


def test_home_offers_a_short_practice_in_the_days_after_a_session(qtbot):
    log = open_log(clock=MonotonicClock())
    log.add_session_date(TODAY - timedelta(days=1))
    log.close()
    logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
    window = MainWindow(FakeClock(), logs=logs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    panel = window.log.panel
    qtbot.waitUntil(lambda: panel.session_label.isVisibleTo(window.home), timeout=2000)
    assert panel.session_label.text().startswith("Your last medicine session was yesterday.")
    assert panel.short_button.isVisibleTo(window.home)

    window.log.recorder.ask_ratings = False
    qtbot.mouseClick(panel.short_button, Qt.MouseButton.LeftButton)
    screen = window.current_screen
    assert screen.config.minutes == 5 and not screen.config.pattern.has_holds
    window.clock.advance(30.0)
    screen.tick()
    with qtbot.waitSignal(window.log.recorder.recorded, timeout=2000):
        screen.stop()
    assert window.current_screen is window.home
    # Something was practised today now: the offer rests, the day is still named.
    assert not panel.short_button.isVisibleTo(window.home)
    assert panel.session_label.text() == "Day 1 since your last medicine session."

    editor = window.log.open_sessions()
    assert editor.remove(TODAY - timedelta(days=1))
    assert not panel.session_label.isVisibleTo(window.home)
    window.close()
    logs.close()


def test_home_offers_the_exercise_last_practised_from_the_log(qtbot):
    log = open_log(clock=MonotonicClock())
    practice_id = log.start_practice("exercise", "orienting", planned_s=300)
    log.finish_practice(practice_id, actual_s=300)
    log.close()
    logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
    window = MainWindow(FakeClock(), logs=logs)
    qtbot.addWidget(window)
    window.show()
    listed = window.home.exercise_list
    qtbot.waitUntil(lambda: listed.recent is not None, timeout=2000)
    assert listed.recent.id == "orienting"
    window.close()
    logs.close()
