"""The Help window on its own: contacts first, keyboard only, Esc back out, reflow at 200%."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kapcompanion.domain.crisis import CrisisLine, CrisisRegion, other_region
from kapcompanion.services.help import HelpDesk
from kapcompanion.storage.contacts import load_contacts
from kapcompanion.ui.help.window import PAUSED_NOTE, HelpWindow, open_help
from kapcompanion.ui.shell import theme as themes
from tests.helpers.layout import clipped

GB = CrisisRegion(
    "gb",
    "United Kingdom",
    emergency="999 or 112",
    lines=(CrisisLine("Samaritans", "Call 116 123 (free)", "Any time, day or night"),),
    territories=("GB",),
    checked_on=date(2026, 12, 4),
)
NZ = CrisisRegion("nz", "New Zealand", emergency="111", territories=("NZ",))


class Regions:
    def __init__(self) -> None:
        self.key: str | None = None

    @property
    def regions(self) -> Sequence[CrisisRegion]:
        return [NZ, GB, other_region()]

    def chosen(self) -> CrisisRegion | None:
        return next((r for r in self.regions if r.key == self.key), None)

    def guessed(self) -> CrisisRegion:
        return NZ

    def choose(self, key: str) -> None:
        self.key = key


@pytest.fixture
def app_theme(qapp: QApplication) -> Iterator[None]:
    themes.set_text_scale(100)
    themes.apply(qapp, themes.DARK)
    yield
    themes.set_text_scale(100)
    themes.apply(qapp, themes.DARK)


def texts(widget: QWidget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel) if label.isVisible())


def open_over(qtbot: QtBot, desk: HelpDesk, paused: bool = False) -> tuple[QWidget, HelpWindow]:
    below = QWidget()
    below.resize(1000, 760)
    button = QPushButton("Something", below)
    qtbot.addWidget(below)
    below.show()
    qtbot.waitExposed(below)
    button.setFocus()
    below.activateWindow()
    qtbot.waitUntil(below.isActiveWindow)
    button.setFocus()
    window = open_help(desk, button, lambda: paused)
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)
    return below, window


def test_no_region_is_assumed_and_the_person_can_choose_one_by_keyboard(
    qtbot: QtBot, tmp_path: Path, app_theme: None
) -> None:
    regions = Regions()
    desk = HelpDesk(tmp_path / "contacts.toml", regions)
    _, window = open_over(qtbot, desk)
    shown = texts(window)
    assert "No region is chosen yet" in shown and "911" not in shown and "999" not in shown
    window.sheet.region_button.setFocus()
    qtbot.keyClick(window.sheet.region_button, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.region
    combo = window.region.combo
    assert combo.currentData() == "nz"  # the guess is pre-selected, not yet kept
    assert regions.key is None
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == "gb"
    qtbot.keyClick(window.region.use_button, Qt.Key.Key_Return)
    assert regions.key == "gb"
    shown = texts(window)
    assert "Emergency services" in shown and "999 or 112" in shown and "Samaritans" in shown
    assert "Checked on 4 December 2026" in shown and "not complete" in shown


def test_own_contacts_are_typed_by_keyboard_kept_and_shown_first(
    qtbot: QtBot, tmp_path: Path, app_theme: None
) -> None:
    regions = Regions()
    regions.key = "gb"
    path = tmp_path / "config" / "contacts.toml"
    desk = HelpDesk(path, regions)
    _, window = open_over(qtbot, desk)
    qtbot.keyClick(window.sheet.edit_button, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.contacts
    name = window.contacts.rows[0][1]
    assert QApplication.focusWidget() is name
    qtbot.keyClicks(name, "Dr. Lee")
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "020 7946 0000")
    # A second row with a name but no way to reach: named, and nothing is lost.
    qtbot.keyClicks(window.contacts.rows[1][1], "Sam")
    qtbot.keyClick(window.contacts.save_button, Qt.Key.Key_Return)
    assert "Contact 2" in window.contacts.message.text()
    assert "how to reach" in window.contacts.message.text()
    assert name.text() == "Dr. Lee" and not path.exists()
    window.contacts.rows[1][1].clear()
    qtbot.keyClick(window.contacts.save_button, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.sheet
    shown = texts(window)
    assert shown.index("My clinic: Dr. Lee") < shown.index("Emergency services")
    assert [c.name for c in load_contacts(path)] == ["Dr. Lee"]


def test_esc_steps_back_then_closes_and_the_focus_returns(
    qtbot: QtBot, tmp_path: Path, app_theme: None
) -> None:
    desk = HelpDesk(tmp_path / "contacts.toml", Regions())
    below, window = open_over(qtbot, desk, paused=True)
    assert PAUSED_NOTE in texts(window)
    qtbot.keyClick(window.sheet.edit_button, Qt.Key.Key_Return)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.sheet and window.isVisible()
    with qtbot.waitSignal(window.finished):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QPushButton))
    focused = QApplication.focusWidget()
    assert isinstance(focused, QPushButton)
    assert focused.text() == "Something"
    assert focused.window() is below


def test_a_guest_keeps_contacts_in_memory_only(
    qtbot: QtBot, tmp_path: Path, app_theme: None
) -> None:
    path = tmp_path / "contacts.toml"
    desk = HelpDesk(path, Regions(), guest=lambda: True)
    assert desk.keep([("trusted", "Sam", "555 0101", "")]) == ""
    assert [c.name for c in desk.contacts()] == ["Sam"] and not path.exists()


def test_the_sheet_reflows_when_the_text_size_changes_live(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, app_theme: None
) -> None:
    regions = Regions()
    regions.key = "gb"
    desk = HelpDesk(tmp_path / "contacts.toml", regions)
    desk.keep(
        [("therapist", "Dr. Lee", "020 7946 0000", "weekdays, and the on-call line at night")]
    )
    _, window = open_over(qtbot, desk)
    qtbot.waitUntil(lambda: not clipped(window))
    themes.set_text_scale(200)
    themes.apply(qapp, themes.DARK)
    qtbot.waitUntil(lambda: not clipped(window), timeout=3000)
    content = window.sheet.page.widget()
    assert content is not None
    assert content.width() <= window.sheet.page.viewport().width()  # no sideways scrolling
    edits = window.findChildren(QLineEdit)
    assert edits  # the editor page exists and reflows with the rest
