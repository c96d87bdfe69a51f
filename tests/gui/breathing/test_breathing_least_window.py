"""The breathing practice in the least window (720 × 560) at 200 % text, in Spanish: its lines
used to lie over one another there (the words, the shape, Pause, the choices). Now nothing
overlaps and nothing is cut off; what does not fit scrolls, Pause and End practice stay whole
in sight below, and Space still pauses."""

from __future__ import annotations

from itertools import combinations
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.pacing import DEFAULT_PATTERN, find_pattern
from kapcompanion.ui.breathing.screen import BreathingScreen
from tests.helpers.layout import clipped, place_in, shown_part, squeezed
from tests.helpers.windows import shown_window


def _overlapping(window: QWidget, screen: QWidget) -> list[str]:
    """Pairs of visible words and buttons whose shown parts lie over one another."""
    shown = []
    for widget in screen.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, QLabel | QAbstractButton):
            continue
        if not widget.text().strip():
            continue
        part = shown_part(window, widget)
        if not part.isEmpty():
            shown.append((widget.text()[:30], part))
    return [
        f"{a!r} / {b!r}" for (a, one), (b, other) in combinations(shown, 2) if one.intersects(other)
    ]


def test_in_the_least_window_at_200_percent_nothing_lies_over_anything(
    qtbot: Any, spanish_at_200: None
) -> None:
    clock = FakeClock()
    window = shown_window(qtbot, clock)
    window.resize(720, 560)
    qtbot.waitUntil(lambda: window.width() == 720)
    config = BreathingConfig(find_pattern(DEFAULT_PATTERN, allow_holds=False), minutes=1)
    screen = window.open_breathing(config)
    window.start_breathing(config, screen)
    assert isinstance(screen, BreathingScreen)
    qtbot.wait(50)
    assert _overlapping(window, screen) == []
    assert clipped(window) + squeezed(window) == []
    for button in (screen.pause_button, screen.stop_button):
        assert shown_part(window, button) == place_in(window, button), button.text()
        assert window.rect().contains(place_in(window, button)), button.text()
    # The keys stay with the practice, whatever scrolls.
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert screen.paused
    qtbot.wait(50)
    assert _overlapping(window, screen) == [], "paused"
    assert clipped(window) + squeezed(window) == [], "paused"
