"""The body map by keyboard alone: reach every region, hear its name, mark it, set how strong."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget

from kapcompanion.domain.body_map import (
    FIRST_REGION,
    Direction,
    Mark,
    RegionSummary,
    Sensation,
    Side,
    neighbour,
    region,
    regions_on,
)
from kapcompanion.ui.journal.body_canvas import BodyCanvas
from kapcompanion.ui.journal.body_map import TENDER, BodyMapWidget
from kapcompanion.ui.shell.a11y import unnamed
from kapcompanion.ui.shell.theme import DARK

NOW = datetime(2025, 3, 10, 9, 30, tzinfo=UTC)
KEYS = {
    Direction.LEFT: Qt.Key.Key_Left,
    Direction.RIGHT: Qt.Key.Key_Right,
    Direction.UP: Qt.Key.Key_Up,
    Direction.DOWN: Qt.Key.Key_Down,
}


class Host(QWidget):
    """A window with a button before the map (to Tab from), and an Esc shortcut that counts,
    as a screen's window would have."""

    def __init__(self, editable: bool = True) -> None:
        super().__init__()
        self.before = QPushButton("Before")
        self.map = BodyMapWidget(DARK, now=lambda: NOW, editable=editable)
        layout = QVBoxLayout(self)
        layout.addWidget(self.before)
        layout.addWidget(self.map)
        self.escapes = 0
        esc = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        esc.activated.connect(self._escaped)
        self.marked: list[Mark] = []
        self.unmarked: list[Mark] = []
        self.map.marked.connect(self.marked.append)
        self.map.unmarked.connect(self.unmarked.append)

    def _escaped(self) -> None:
        self.escapes += 1


@pytest.fixture
def host(qtbot: Any) -> Host:
    window = Host()
    qtbot.addWidget(window)
    window.resize(720, 620)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot: Any, key: Qt.Key, text: str = "") -> None:
    qtbot.keyClick(focused(), key)


def tab_into_map(qtbot: Any, host: Host) -> BodyCanvas:
    host.before.setFocus()
    qtbot.waitUntil(lambda: focused() is host.before)
    qtbot.keyClick(host.before, Qt.Key.Key_Tab)
    assert focused() is host.map.canvas
    return host.map.canvas


def path_to(side: Side, start: str, goal: str) -> list[Direction]:
    """The arrow keys from ``start`` to ``goal`` (a shortest way through the neighbours)."""
    ways: dict[str, list[Direction]] = {start: []}
    todo = [start]
    while todo:
        here = todo.pop(0)
        for d in Direction:
            there = neighbour(side, here, d)
            if there is not None and there not in ways:
                ways[there] = [*ways[here], d]
                todo.append(there)
    return ways[goal]


@pytest.mark.parametrize("side", list(Side))
def test_every_region_is_reached_by_arrow_keys_and_named(
    qtbot: Any, host: Host, side: Side
) -> None:
    canvas = tab_into_map(qtbot, host)
    if side is Side.BACK:
        qtbot.keyClick(canvas, Qt.Key.Key_F)
    assert canvas.side is side
    names = set()
    for r in regions_on(side):
        for d in path_to(side, canvas.region_id, r.id):
            qtbot.keyClick(canvas, KEYS[d])
        assert canvas.region_id == r.id
        assert canvas.accessibleName() == f"Body map, {side.value}: {r.name}"
        assert host.map.words.text() == r.name
        names.add(canvas.accessibleName())
    assert len(names) == len(regions_on(side))
    assert unnamed(host) == []


def test_enter_chooses_a_sensation_and_number_keys_say_how_strong(qtbot: Any, host: Host) -> None:
    canvas = tab_into_map(qtbot, host)
    assert canvas.region_id == FIRST_REGION == "hand-left"
    qtbot.keyClick(canvas, Qt.Key.Key_Return)
    chooser = host.map.chooser
    assert chooser.isVisible() and focused() is chooser.list
    assert "left hand" in chooser.heading.text()
    assert chooser.list.currentItem().text() == "Warmth"
    qtbot.keyClick(chooser.list, Qt.Key.Key_Return)
    assert not chooser.isVisible() and focused() is canvas
    (mark,) = host.marked
    assert mark.region == "hand-left" and mark.sensation is Sensation.WARMTH and mark.at == NOW
    qtbot.keyClick(canvas, Qt.Key.Key_4)
    assert canvas.accessibleName() == "Body map, front: Left hand, warmth, 4 of 10"
    assert host.marked[-1].uuid == mark.uuid and host.marked[-1].intensity == 4
    for _ in range(7):
        qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert host.map.region_words() == "Left hand, warmth, 10 of 10"
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    assert host.marked[-1].intensity == 9
    assert host.escapes == 0


def test_a_strength_first_then_a_sensation_lower_in_the_list(qtbot: Any, host: Host) -> None:
    canvas = tab_into_map(qtbot, host)
    for d in path_to(Side.FRONT, canvas.region_id, "foot-right"):
        qtbot.keyClick(canvas, KEYS[d])
    qtbot.keyClick(canvas, Qt.Key.Key_0)
    assert host.map.region_words() == "Right foot, 0 of 10" and host.marked == []
    qtbot.keyClick(canvas, Qt.Key.Key_Enter)
    for _ in range(3):
        qtbot.keyClick(host.map.chooser.list, Qt.Key.Key_Down)
    qtbot.keyClick(host.map.chooser.list, Qt.Key.Key_Return)
    assert host.map.region_words() == "Right foot, heaviness, 0 of 10"
    assert host.marked[-1].intensity == 0


def test_a_word_of_ones_own_and_taking_a_mark_back(qtbot: Any, host: Host) -> None:
    canvas = tab_into_map(qtbot, host)
    qtbot.keyClick(canvas, Qt.Key.Key_Return)
    qtbot.keyClick(host.map.chooser.list, Qt.Key.Key_Tab)
    own = host.map.chooser.own
    assert focused() is own
    qtbot.keyClicks(own, "Buzzing")
    qtbot.keyClick(own, Qt.Key.Key_Return)
    assert host.marked[-1].own_word == "buzzing"
    assert host.map.region_words() == "Left hand, buzzing"
    qtbot.keyClick(canvas, Qt.Key.Key_Delete)
    assert host.unmarked == [host.marked[-1]]
    assert host.map.region_words() == "Left hand"


def test_esc_closes_the_list_of_sensations_and_nothing_else(qtbot: Any, host: Host) -> None:
    canvas = tab_into_map(qtbot, host)
    qtbot.keyClick(canvas, Qt.Key.Key_Return)
    qtbot.keyClick(host.map.chooser.list, Qt.Key.Key_Escape)
    assert not host.map.chooser.isVisible() and focused() is canvas
    assert host.marked == [] and host.escapes == 0
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)  # on the outline, Esc is the window's again
    assert host.escapes == 1


def test_tender_regions_offer_a_way_back(qtbot: Any, host: Host) -> None:
    canvas = tab_into_map(qtbot, host)
    assert not host.map.tender.isVisible()
    for d in path_to(Side.FRONT, canvas.region_id, "belly"):
        qtbot.keyClick(canvas, KEYS[d])
    assert region("belly").sensitive and host.map.tender.isVisible()
    assert "hands or feet" in TENDER


def test_turning_the_outline_keeps_ones_place(qtbot: Any, host: Host) -> None:
    canvas = tab_into_map(qtbot, host)
    for d in path_to(Side.FRONT, canvas.region_id, "chest"):
        qtbot.keyClick(canvas, KEYS[d])
    qtbot.keyClick(canvas, Qt.Key.Key_F)
    assert (canvas.side, canvas.region_id) == (Side.BACK, "upper-back")
    assert canvas.accessibleName() == "Body map, back: Upper back"
    qtbot.keyClick(canvas, Qt.Key.Key_F)
    assert (canvas.side, canvas.region_id) == (Side.FRONT, "chest")


def test_a_click_chooses_the_region_under_it(qtbot: Any, host: Host) -> None:
    canvas = host.map.canvas
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=canvas.point_of("jaw").toPoint())
    assert canvas.region_id == "jaw"
    assert host.map.chooser.isVisible() and focused() is host.map.chooser.list
    host.map.chooser.list.setCurrentRow(2)
    qtbot.keyClick(host.map.chooser.list, Qt.Key.Key_Return)
    assert host.marked[-1].region == "jaw" and host.marked[-1].label == "tightness"


def test_a_summary_only_moves_and_names_what_was_marked(qtbot: Any) -> None:
    host = Host(editable=False)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    summary = {
        "hand-left": RegionSummary("hand-left", 4, (("warmth", 3), ("tingling", 1)), 12, 3),
        "chest": RegionSummary("chest", 2, (("openness", 2),)),
    }
    host.map.set_summary(summary)
    canvas = host.map.canvas
    canvas.setFocus()
    assert host.map.region_words() == "Left hand: warmth 3, tingling 1"
    assert canvas.accessibleName() == "Body map, front: Left hand: warmth 3, tingling 1"
    assert canvas._fills == {"hand-left": 1.0, "chest": 0.5}
    qtbot.keyClick(canvas, Qt.Key.Key_Return)
    qtbot.keyClick(canvas, Qt.Key.Key_5)
    assert not host.map.chooser.isVisible() and host.marked == []
    qtbot.keyClick(canvas, Qt.Key.Key_Up)
    assert host.map.region_words() == "Left arm: nothing marked"
    assert not host.map.tender.isVisible()


def test_a_region_fills_with_the_accent_as_it_is_marked_stronger(qtbot: Any, host: Host) -> None:
    canvas = host.map.canvas
    point = canvas.point_of("belly").toPoint()

    def colour() -> QColor:
        return canvas.grab().toImage().pixelColor(point)

    assert colour().name() == DARK.accent_dim
    canvas.setFocus()
    for d in path_to(Side.FRONT, canvas.region_id, "belly"):
        qtbot.keyClick(canvas, KEYS[d])
    qtbot.keyClick(canvas, Qt.Key.Key_2)
    faint = colour()
    qtbot.keyClick(canvas, Qt.Key.Key_9)
    strong = colour()
    accent = QColor(DARK.accent)

    def distance(c: QColor) -> int:
        return (
            abs(c.red() - accent.red())
            + abs(c.green() - accent.green())
            + abs(c.blue() - accent.blue())
        )

    assert distance(strong) < distance(faint) < distance(QColor(DARK.accent_dim))
