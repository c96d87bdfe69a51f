"""History in the least window (720 × 560) at 200 % text, in Spanish: its charts, its list and
its rows of controls kept widths of their own there, so the page scrolled sideways and words
were cut (by 305 px). Now it fits the window's width and nothing is cut off, with the list or
with one practice opened from it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from benchmarks.history_data import realistic_year
from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.storage import open_log
from kapcompanion.storage.logs import PracticeLogs
from kapcompanion.ui.log.history import HistoryScreen
from tests.helpers.layout import clipped, squeezed
from tests.helpers.windows import shown_window


@pytest.fixture
def logs() -> Iterator[PracticeLogs]:
    records, sessions = realistic_year(date.today() - timedelta(days=1), recent_session=3)
    with open_log(clock=MonotonicClock()) as log:
        log.merge_records(records[-9:], sessions[-2:])
    clock = MonotonicClock()
    both = PracticeLogs(lambda: open_log(clock=clock), guest=False)
    yield both
    both.close()


def sideways(root: QWidget) -> dict[str, int]:
    """Visible scrolling areas under ``root`` that scroll sideways, with how far."""
    return {
        type(area).__name__: area.horizontalScrollBar().maximum()
        for area in root.findChildren(QAbstractScrollArea)
        if area.isVisible() and area.horizontalScrollBar().maximum() > 0
    }


def test_in_the_least_window_at_200_percent_history_fits_its_width(
    qtbot: Any, spanish_at_200: None, logs: PracticeLogs
) -> None:
    window = shown_window(qtbot, logs=logs)
    window.resize(720, 560)
    qtbot.waitUntil(lambda: window.width() == 720)
    screen = window.open_history()
    assert isinstance(screen, HistoryScreen)
    qtbot.wait(300)
    assert sideways(window) == {}
    assert clipped(window) + squeezed(window) == []
    # One practice opened, with its note and its three buttons.
    screen.select_row(0)
    assert screen.open_selected()
    qtbot.wait(100)
    assert sideways(window) == {}, "a practice opened"
    assert clipped(window) + squeezed(window) == [], "a practice opened"
