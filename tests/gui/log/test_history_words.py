"""History says what happened and nothing that falls short: a year of practice, many of them
stopped part-way and some rated, shown on a real log, with every word on the screen read."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.domain.practice import Status
from kapcompanion.services.library import ExerciseLibrary
from kapcompanion.storage import open_log
from kapcompanion.ui.log.history import HistoryScreen
from tests.helpers.practices import RECORDS, SESSIONS, TODAY, practice

#: What counts stopping, missed days or a change of ratings against the person.
SHORTFALLS = (
    "ended early",
    "of 365",
    "of 366",
    "days in this period",
    "on average",
    "average change",
    "points higher",
    "points lower",
    "no practice recorded",
    "missed",
    "streak",
    " of 5 min",
    " of 10 min",
    "planned",
)


@pytest.fixture
def store():
    log = open_log(clock=MonotonicClock())
    stopped = [
        replace(
            practice(TODAY - timedelta(days=d), 10, status=Status.STOPPED, before=3, after=6),
            actual_s=120.0,  # two minutes of a planned ten
        )
        for d in range(1, 300, 7)
    ]
    log.merge_records([*RECORDS, *stopped], SESSIONS)
    yield log
    log.close()


def words_on(screen: HistoryScreen) -> str:
    """Every word the screen shows or speaks: labels, buttons, the list and its tooltips."""
    texts = [w.text() for w in screen.findChildren(QLabel) if w.isVisibleTo(screen)]
    texts += [w.text() for w in screen.findChildren(QAbstractButton) if w.isVisibleTo(screen)]
    texts += [w.accessibleName() for w in screen.findChildren(QLabel)]
    model = screen.model
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            texts += [str(index.data() or ""), str(index.data(Qt.ItemDataRole.ToolTipRole) or "")]
    return "\n".join(texts).lower()


def test_history_over_a_year_shows_what_happened_and_nothing_that_fell_short(qtbot, store):
    screen = HistoryScreen(store, ExerciseLibrary(), today=lambda: TODAY, defer_charts=False)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    qtbot.waitExposed(screen)
    screen.range_combo.setCurrentText("Last 12 months")
    qtbot.waitUntil(lambda: screen.model.rowCount() > 40, timeout=3000)
    words = words_on(screen)
    assert "stopped when you chose" in words  # how a practice ended, said plainly
    assert "ratings given" in words
    for counted in SHORTFALLS:
        assert counted not in words, counted
    # A practice opened: its length and how it ended, not how far short it stopped.
    model = screen.model
    row = next(r for r in range(model.rowCount()) if model.record(r).status is Status.STOPPED)
    screen.select_row(row)
    assert screen.open_selected()
    opened = words_on(screen)
    assert "2 min · stopped when you chose" in opened
    for counted in SHORTFALLS:
        assert counted not in opened, counted
