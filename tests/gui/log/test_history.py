"""The history screen on a real log: charts hold the log's figures, the list pages through it,
notes and deletions persist, and the data tools export, import and delete everything."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kapcompanion.domain.clock import FakeClock, MonotonicClock
from kapcompanion.domain.practice import Kind
from kapcompanion.domain.practice_history import minutes_per_week
from kapcompanion.services.library import ExerciseLibrary
from kapcompanion.storage import GuestLog, open_log
from kapcompanion.storage.logs import PracticeLogs
from kapcompanion.storage.paths import database_path, user_scripts_dir
from kapcompanion.ui.log.history import HistoryScreen
from kapcompanion.ui.log.history_dialogs import DELETE_ALL_WORD, DeleteAllDialog
from kapcompanion.ui.shell.main_window import MainWindow
from tests.helpers.practices import RECORDS, SESSIONS, TODAY, practice

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def store():
    log = open_log(clock=MonotonicClock())
    log.merge_records(RECORDS, SESSIONS)
    yield log
    log.close()


@pytest.fixture
def library(qapp):
    return ExerciseLibrary()


@pytest.fixture
def screen(qtbot, store, library):
    view = HistoryScreen(store, library, today=lambda: TODAY, defer_charts=False)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


def bar_heights(view: HistoryScreen) -> list[float]:
    bars = view.charts.minutes_bars
    assert bars is not None
    return list(bars.opts["height"])


def test_the_charts_hold_the_log_s_minutes_ratings_and_session_dates(screen, store):
    first, last = screen.filters.first, screen.filters.last
    assert (first, last) == (TODAY - timedelta(days=90), TODAY)  # the last three months
    expected = store.minutes_per_day(first, last)
    days, minutes = screen.controller.minutes_series(per_week=False)
    assert days == sorted(expected) and minutes == [expected[d] for d in days]
    assert bar_heights(screen) == minutes
    assert sum(bar_heights(screen)) == pytest.approx(38.0)
    xs = list(screen.charts.minutes_bars.opts["x"])
    assert len(xs) == len(days) and xs == sorted(xs)

    _before_x, before_y = screen.charts.before_points.getData()
    after_x, after_y = screen.charts.after_points.getData()
    assert list(before_y) == [3, 4, 5]
    assert list(after_y) == [5, 6, 7, 8]
    assert list(after_x) == sorted(after_x)
    assert screen.charts.session_positions() == SESSIONS
    assert len(screen.charts.session_lines) == 2 * len(SESSIONS)  # on both charts

    screen.show_per_week(True)
    assert bar_heights(screen) == list(minutes_per_week(expected).values())
    assert screen.charts.minutes_title.text() == "Minutes practised each week"


def test_the_list_shows_the_practices_newest_first_with_their_details(screen):
    model = screen.model
    assert model.rowCount() == 6
    texts = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(6)]
    shown_time = RECORDS[5].started_utc.astimezone().strftime("%H:%M")  # the computer's zone
    assert texts[0][:4] == ["Wed 18 Mar", shown_time, "Resonance", "5 min"]
    assert texts[1][2] == "5-4-3-2-1 senses"
    assert texts[1][4] == "– → 8"
    assert texts[2][2] == "Resonance  ✎" and texts[2][4] == "5 → 7"
    assert texts[5][0] == "Mon 16 Feb"
    assert "in these dates: 6 practices · 38 min · on 5 days" in screen.period_label.text().lower()
    assert screen.week_label.text() == (
        "This week so far you practised on Monday, Tuesday and Wednesday."
    )


def test_filters_narrow_the_list_and_the_charts(screen):
    screen.set_kind(Kind.EXERCISE)
    assert screen.model.rowCount() == 2
    assert {screen.model.record(r).kind for r in range(2)} == {Kind.EXERCISE}
    assert sum(bar_heights(screen)) == pytest.approx(13.0)
    assert list(screen.charts.after_points.getData()[1]) == [8]
    screen.set_kind(None)
    screen.set_range(TODAY - timedelta(days=3), TODAY - timedelta(days=1))
    assert screen.model.rowCount() == 2
    assert screen.range_combo.currentText() == "Chosen dates"
    assert screen.charts.session_positions() == [TODAY - timedelta(days=3)]
    screen.range_combo.setCurrentText("Everything")
    assert screen.model.rowCount() == 7
    assert screen.filters.first == TODAY - timedelta(days=200)


def test_many_ratings_are_shown_as_daily_averages_from_the_log_s_sums(screen, store, monkeypatch):
    import kapcompanion.ui.log.history_controller as history

    asked_points = []
    real = store.ratings_over_time
    monkeypatch.setattr(
        store, "ratings_over_time", lambda *a, **k: asked_points.append(a) or real(*a, **k)
    )
    day = TODAY - timedelta(days=5)
    extra = [
        practice(day, 5, hour=7, before=2, after=6),
        practice(day, 5, hour=9, before=4),
        practice(day, 5, hour=11, kind=Kind.EXERCISE, ref="orienting", before=6, after=9),
    ]
    store.merge_records(extra)
    monkeypatch.setattr(history, "MAX_RATING_POINTS", 3)
    screen.reload()
    # Seven rated practices in these dates: more than the chart shows one by one, so each
    # day's average is one point, at noon, and no practice-by-practice list is read.
    assert asked_points == []
    (bx, by), (ax, ay) = screen.controller.rating_series()
    assert by == [3.0, 4.0, 4.0, 5.0] and ay == [5.0, 6.0, 7.5, 7.0, 8.0]
    noon = datetime(day.year, day.month, day.day, 12).timestamp()
    assert noon in bx and noon in ax
    assert list(screen.charts.after_points.getData()[1]) == ay
    # The period says how many ratings were given (from the same sums), never an average.
    assert screen.period_label.text().endswith(" · 12 ratings given")
    # One kind: few enough to show each practice, read with the kind filter in the log.
    screen.set_kind(Kind.EXERCISE)
    assert asked_points[-1][2] is Kind.EXERCISE
    assert screen.controller.rating_series() == (
        ([extra[2].started_utc.timestamp()], [6.0]),
        (
            [extra[2].started_utc.timestamp(), RECORDS[4].started_utc.timestamp()],
            [9.0, 8.0],
        ),
    )
    assert screen.period_label.text().endswith(" · 3 ratings given")


def test_a_practice_s_kept_answers_are_shown_with_their_questions_words(qtbot, store, library):
    done = practice(TODAY, 8, kind=Kind.EXERCISE, ref="session-close", hour=18)
    store.merge_records([done])
    store.record_after(
        done.uuid,
        rating_after=7,
        answers={"first-words": ["heavy and warm"], "ready_to_leave": ["Water", "A ride home"]},
    )
    view = HistoryScreen(store, library, today=lambda: TODAY, defer_charts=False)
    qtbot.addWidget(view)
    view.select_row(0)
    assert view.open_selected()
    lines = view.detail_text.text().splitlines()
    assert "First words: heavy and warm" in lines
    assert "Ready to leave: Water, A ride home" in lines


def test_opening_a_practice_and_editing_its_note_persists(screen, store, qtbot):
    screen.select_row(2)
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert screen.pages.currentIndex() == 1
    assert "Resonance" in screen.detail_title.text()
    assert "before 5, after 7" in screen.detail_text.text()
    assert screen.note_edit.toPlainText() == "Warm hands."
    screen.note_edit.setPlainText("Warm hands. The exhale felt long and easy.")
    assert screen.note_count.text() == f"{len(screen.note_edit.toPlainText())} / 4000"
    qtbot.mouseClick(screen.save_note_button, Qt.MouseButton.LeftButton)
    uuid = RECORDS[3].uuid
    store.close()
    reopened = open_log(clock=MonotonicClock())
    try:
        assert reopened.get(uuid).note == "Warm hands. The exhale felt long and easy."
    finally:
        reopened.close()


def test_leaving_with_a_note_typed_saves_it(screen, store):
    screen.select_row(0)
    screen.open_selected()
    screen.note_edit.setPlainText("Short and sweet.")
    screen.stop()
    assert store.get(RECORDS[5].uuid).note == "Short and sweet."


def test_deleting_a_practice_asks_first_and_persists(screen, store):
    asked = []
    screen.confirm = lambda title, text: asked.append(text) or False
    screen.select_row(0)
    screen.open_selected()
    assert not screen.delete_selected()
    assert store.count_practices() == 7 and "cannot be undone" in asked[0]
    screen.confirm = lambda title, text: True
    assert screen.delete_selected()
    assert screen.pages.currentIndex() == 0 and screen.model.rowCount() == 5
    store.close()
    reopened = open_log(clock=MonotonicClock())
    try:
        assert reopened.get(RECORDS[5].uuid) is None
        assert reopened.count_practices() == 6
    finally:
        reopened.close()


def test_deleting_everything_needs_the_word_typed(qtbot, screen, store):
    dialog = DeleteAllDialog()
    qtbot.addWidget(dialog)
    assert not dialog.delete_button.isEnabled() and dialog.keep_button.isDefault()
    qtbot.keyClicks(dialog.word, "delet")
    assert not dialog.delete_button.isEnabled()
    qtbot.keyClicks(dialog.word, "e")
    assert dialog.delete_button.isEnabled() and dialog.confirmed
    assert DELETE_ALL_WORD == "delete"
    assert screen.controller.delete_everything() == 7
    assert store.count_practices() == 0 and store.session_dates() == []
    assert screen.model.rowCount() == 0 and screen.empty_label.isVisibleTo(screen)
    assert sum(bar_heights(screen)) == 0


def test_export_and_import_from_the_screen(screen, store, tmp_path):
    target = tmp_path / "shown.csv"
    assert screen.controller.export_to(target, "csv") == 6
    with open(target, newline="", encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    oldest_first = sorted(RECORDS[:6], key=lambda r: r.started_utc)
    assert [r["uuid"] for r in table] == [r.uuid for r in oldest_first]
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    backup = tmp_path / "all.json"
    assert screen.controller.export_to(backup, "json", everything=True) == 7
    pdf = tmp_path / "summary.pdf"
    assert screen.controller.export_to(pdf, "pdf") == 6
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "Saved 6 practices to" in screen.status.text()

    store.delete_all()
    screen.reload()
    message = screen.controller.import_from(backup)
    assert message == "Added 7 practices (0 were already in your log) and 2 session dates."
    assert screen.model.rowCount() == 6
    again = screen.controller.import_from(backup)
    assert again.startswith("Added 0 practices (7 were already in your log)")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}')
    assert "could not be imported" in screen.controller.import_from(bad)
    assert store.count_practices() == 7


def test_a_guest_sees_only_this_run_and_is_told_so(qtbot, library):
    guest = GuestLog()
    guest.merge_records(RECORDS[:3])
    view = HistoryScreen(guest, library, guest=True, today=lambda: TODAY, defer_charts=False)
    qtbot.addWidget(view)
    assert view.guest_label.isVisibleTo(view)
    assert "none of it is saved" in view.guest_label.text()
    assert not view.ask_check.isVisibleTo(view)
    assert view.model.rowCount() == 3
    view.set_kind(Kind.EXERCISE)  # the kind filter works on a guest's practice too
    assert [view.model.record(r).ref for r in range(view.model.rowCount())] == ["body-scan-3"]
    assert sum(bar_heights(view)) == pytest.approx(3.0)


def test_history_opens_from_home_and_escape_returns(qtbot):
    window = MainWindow(FakeClock(), logs=PracticeLogs(partial(open_log, clock=MonotonicClock())))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.mouseClick(window.log.panel.history_button, Qt.MouseButton.LeftButton)
    screen = window.current_screen
    assert isinstance(screen, HistoryScreen)
    assert screen.charts.minutes_plot is None  # the charts come on the next turn of the loop
    qtbot.waitUntil(lambda: screen.charts.minutes_plot is not None, timeout=5000)
    assert window.windowTitle().startswith("History")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.current_screen is window.home
    window.close()
    window.log.logs.close()
    assert database_path(create=False).exists()


def test_pyqtgraph_is_not_loaded_until_the_history_opens():
    code = (
        "import sys\n"
        "from kapcompanion.app import create_application\n"
        "from kapcompanion.domain.clock import FakeClock\n"
        "from kapcompanion.ui.shell.main_window import MainWindow\n"
        "app = create_application()\n"
        "w = MainWindow(FakeClock())\n"
        "w.show(); app.processEvents()\n"
        "print('at start', 'pyqtgraph' in sys.modules)\n"
        "s = w.open_history(); s.ensure_charts()\n"
        "print('after', 'pyqtgraph' in sys.modules)\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "at start False" in done.stdout and "after True" in done.stdout


def test_enter_presses_the_focused_button(screen, qtbot):
    buttons = [
        screen.open_button,
        screen.sessions_button,
        screen.export_button,
        screen.import_button,
        screen.delete_all_button,
        screen.close_button,
    ]
    assert all(b.autoDefault() for b in buttons)
    seen = []
    screen.sessions_requested.connect(lambda: seen.append(True))
    screen.sessions_button.setFocus()
    qtbot.keyClick(screen.sessions_button, Qt.Key.Key_Return)
    assert seen == [True]


MY_SCRIPT = """
id = "my-evening"
title = "{title}"
description = "A short one of my own."
for = ["any-time"]
minutes = 2

[[step]]
text = "You might let the shoulders soften."
seconds = 30
"""


def test_a_renamed_script_shows_its_new_title_in_the_history_and_the_pdf(qtbot, store, tmp_path):
    script = user_scripts_dir() / "my-evening.toml"
    script.write_text(MY_SCRIPT.format(title="My evening wind-down"), encoding="utf-8")
    library = ExerciseLibrary()
    mine = practice(TODAY, 2, kind=Kind.EXERCISE, ref="my-evening", hour=21)
    store.merge_records([mine])
    view = HistoryScreen(store, library, today=lambda: TODAY, defer_charts=False)
    qtbot.addWidget(view)
    assert view.model.index(0, 2).data() == "My evening wind-down"
    view.select_row(0)
    assert view.open_selected()
    assert view.detail_title.text() == "My evening wind-down · exercise"

    # The script is saved again under a new title, and the library reads the folder again.
    script.write_text(MY_SCRIPT.format(title="Landing in the evening"), encoding="utf-8")
    with qtbot.waitSignal(view.model.dataChanged, timeout=1000):
        library.reload()
    assert view.model.index(0, 2).data() == "Landing in the evening"
    assert view.detail_title.text() == "Landing in the evening · exercise"
    asked = []
    view.confirm = lambda title, text: asked.append(text) or False
    view.delete_selected()
    assert asked[0].startswith("18 March 2026, Landing in the evening")

    pdf = tmp_path / "summary.pdf"
    assert view.controller.export_to(pdf, "pdf") == 7
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    assert "Landing in the evening" in text
    assert "My evening wind-down" not in text
