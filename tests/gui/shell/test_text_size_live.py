"""200 % text set live, while a screen is open, lays the screen out as a start at 200 % does.

For each main screen: open it at 100 %, set 200 % as Settings does, and note where every
visible widget is; then start again at 200 % (a new window built after the setting is read)
and open the same screen. The two must match, and no wrapped line may be cut off in either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QLabel, QPlainTextEdit, QWidget

from kapcompanion.domain.clock import FakeClock
from kapcompanion.services.settings import TEXT_SIZE, SettingsStore
from kapcompanion.ui.shell.appearance import apply_appearance
from kapcompanion.ui.shell.main_window import MainWindow
from kapcompanion.ui.shell.volume import VolumeControl
from tests.helpers.layout import clipped, squeezed
from tests.helpers.windows import shown_window

Opener = Callable[[MainWindow], QWidget]


def _rating(window: MainWindow) -> QWidget:
    from kapcompanion.ui.log.ratings import RatingPrompt

    prompt = RatingPrompt("before", window.theme)
    window.push(prompt)
    return prompt


def _breathing(window: MainWindow) -> QWidget:
    from kapcompanion.domain.breathing_config import BreathingConfig
    from kapcompanion.domain.pacing import DEFAULT_PATTERN, find_pattern

    config = BreathingConfig(find_pattern(DEFAULT_PATTERN, allow_holds=False), minutes=1)
    screen = window.open_breathing(config)
    window.start_breathing(config, screen)
    return screen


def _exercise(window: MainWindow) -> QWidget:
    exercise = window.library.exercises[0]
    screen = window.start_exercise(exercise)
    assert screen is not None
    return screen


SCREENS: dict[str, Opener] = {
    "home": lambda w: w.home,
    "settings": lambda w: w.open_settings(),
    "history": lambda w: w.open_history(),
    "editor": lambda w: w.open_editor(),
    "first start": lambda w: w.everyday.open_first_start(),
    "rating": _rating,
    "breathing": _breathing,
    "exercise": _exercise,
}


def _name(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QLabel | QAbstractButton):
        text = widget.text()[:30]
    return f"{type(widget).__name__}#{widget.objectName()} {text!r}"


def layout_of(window: MainWindow) -> list[tuple[str, tuple[int, int, int, int]]]:
    """Every visible widget of the window's current screen and where it is in the window."""
    out = []
    screen = window.current_screen
    for widget in screen.findChildren(QWidget):
        if not widget.isVisible():
            continue
        r = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        out.append((_name(widget), (r.x(), r.y(), r.width(), r.height())))
    return out


@pytest.fixture
def at_100() -> Iterator[None]:
    store = SettingsStore()
    store.set(TEXT_SIZE, 100)
    apply_appearance(store)
    yield
    store.set(TEXT_SIZE, 100)
    apply_appearance(store)


def _settled(qtbot: Any, window: MainWindow) -> list[tuple[str, tuple[int, int, int, int]]]:
    """The layout once it stops changing (size hints and wrapping may take a few passes)."""
    last: list[Any] = []

    def steady() -> bool:
        nonlocal last
        now = layout_of(window)
        same = now == last
        last = now
        return same

    qtbot.waitUntil(steady, timeout=3000)
    qtbot.wait(30)
    return layout_of(window)


def cut_short(root: QWidget) -> list[str]:
    """Visible one-line labels and buttons narrower or lower than their text needs, and text
    boxes too low for two lines."""
    out = []
    for edit in root.findChildren(QPlainTextEdit):
        lines = edit.fontMetrics().lineSpacing() * 2
        if edit.isVisible() and edit.height() < lines:
            out.append(f"{_name(edit)}: {edit.height()} px for two lines of {lines // 2} px")
    return out + squeezed(root)


def _open(qtbot: Any, name: str, *, hide_volume: bool) -> tuple[MainWindow, FakeClock]:
    clock = FakeClock()
    window = shown_window(qtbot, clock)
    screen = SCREENS[name](window)
    assert window.current_screen is screen
    if hide_volume:  # the same in both windows (see test_the_volume_number_widens_live)
        for control in window.findChildren(VolumeControl):
            control.hide()
    return window, clock


def _compare(qtbot: Any, name: str, *, hide_volume: bool = True) -> None:
    live, clock = _open(qtbot, name, hide_volume=hide_volume)
    _settled(qtbot, live)
    live.settings.set(TEXT_SIZE, 200)
    clock.advance(2.0)  # past a step's cross-fade, which pictures the step before
    live_layout = _settled(qtbot, live)
    live_clipped = clipped(live) + cut_short(live)
    live.close()

    restarted, clock = _open(qtbot, name, hide_volume=hide_volume)
    clock.advance(2.0)
    fresh_layout = _settled(qtbot, restarted)
    restart_clipped = clipped(restarted) + cut_short(restarted)
    differ = [
        f"{a[0]}: live {a[1]} / restart {b[1]}"
        for a, b in zip(live_layout, fresh_layout, strict=False)
        if a != b
    ]
    assert live_clipped == [], "\n".join(live_clipped)
    assert restart_clipped == [], "\n".join(restart_clipped)
    names_live = [n for n, _ in live_layout]
    names_fresh = [n for n, _ in fresh_layout]
    assert names_live == names_fresh, set(names_live) ^ set(names_fresh)
    assert differ == [], "\n".join(differ[:25])


@pytest.mark.parametrize("name", list(SCREENS))
def test_200_percent_set_live_lays_out_as_a_start_at_200(qtbot: Any, at_100: None, name: str):
    _compare(qtbot, name)


def test_the_volume_number_widens_live(qtbot: Any, at_100: None) -> None:
    _compare(qtbot, "breathing", hide_volume=False)


def sideways(root: QWidget) -> list[str]:
    """Scrolling areas whose page is wider than they are (it runs off to the side)."""
    from PySide6.QtWidgets import QScrollArea

    return [
        f"{type(area.widget()).__name__}: {area.horizontalScrollBar().maximum()} px"
        for area in root.findChildren(QScrollArea)
        if area.isVisible() and area.horizontalScrollBar().maximum() > 0
    ]


@pytest.mark.parametrize("name", list(SCREENS))
def test_every_screen_fits_the_smallest_window(qtbot: Any, at_100: None, name: str) -> None:
    """At 720x560 (the window's least size) nothing is cut off and nothing runs sideways."""
    window, clock = _open(qtbot, name, hide_volume=False)
    window.resize(720, 560)
    qtbot.waitUntil(lambda: window.width() == 720)
    clock.advance(2.0)
    _settled(qtbot, window)
    assert clipped(window) + cut_short(window) == []
    assert sideways(window) == []


def _word_sizes(window: MainWindow) -> dict[str, float]:
    """The size of type of every visible label and button of the current screen, by name."""
    sizes = {}
    for widget in window.current_screen.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, QLabel | QAbstractButton):
            continue
        if not widget.text().strip() or (isinstance(widget, QLabel) and widget.pixmap()):
            continue
        info = widget.fontInfo()
        sizes[_name(widget)] = info.pointSizeF() or info.pixelSize() * 0.75
    return sizes


@pytest.mark.parametrize("name", list(SCREENS))
def test_every_word_grows_when_the_text_size_is_set_live(
    qtbot: Any, at_100: None, name: str
) -> None:
    """200 % means every word, the small ones too: a label whose size was fixed in points when
    it was built (a volume's number, a caption, a notice) would stay small."""
    window, clock = _open(qtbot, name, hide_volume=False)
    _settled(qtbot, window)
    before = _word_sizes(window)
    window.settings.set(TEXT_SIZE, 200)
    clock.advance(2.0)
    _settled(qtbot, window)
    after = _word_sizes(window)
    small = [
        f"{key}: {before[key]:.1f} pt -> {after[key]:.1f} pt"
        for key in before
        if key in after and after[key] < before[key] * 1.6
    ]
    assert small == [], "\n".join(small)
