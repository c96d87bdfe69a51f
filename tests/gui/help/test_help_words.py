"""Help in the person's language: in the pseudo-language every page of the Help window (the sheet
with and without a region, paused, a damaged contacts file, the contacts editor with a message and
as a guest, the choice of region) speaks through a translation; in Spanish it reads as written and
nothing is cut off, at 100% and 200% text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kapcompanion import i18n
from kapcompanion.domain.crisis import CrisisLine, CrisisRegion, other_region
from kapcompanion.services.help import HelpDesk
from kapcompanion.ui.help.corner import HelpCorner
from kapcompanion.ui.help.window import HelpWindow
from kapcompanion.ui.shell import theme as themes
from tests.helpers.layout import clipped, squeezed
from tests.helpers.pseudo import speak_pseudo, untranslated_in

# A region's own words (its name, its lines) come from the crisis files, one per language.
GB = CrisisRegion(
    "gb",
    "United Kingdom",
    emergency="999 or 112",
    lines=(CrisisLine("Samaritans", "Call 116 123 (free)", "Any time, day or night"),),
    territories=("GB",),
    checked_on=date(2026, 12, 4),
    emergency_source="https://www.gov.uk/",
    emergency_checked_on=date(2026, 12, 4),
)
NZ = CrisisRegion("nz", "New Zealand", emergency="111", territories=("NZ",), edited=True)
REGION_WORDS = ["United", "Kingdom", "Samaritans", "Call", "free", "Any", "time", "day", "or"]
REGION_WORDS += ["night", "New", "Zealand"]


class Regions:
    def __init__(self, key: str | None = None) -> None:
        self.key = key

    @property
    def regions(self) -> Sequence[CrisisRegion]:
        return [NZ, GB, other_region()]

    def chosen(self) -> CrisisRegion | None:
        return next((r for r in self.regions if r.key == self.key), None)

    def guessed(self) -> CrisisRegion:
        return NZ

    def choose(self, key: str) -> None:
        self.key = key


@pytest.fixture(autouse=True)
def app_theme(qapp: QApplication):
    yield
    themes.set_text_scale(100)
    themes.apply(qapp, themes.DARK)


#: The windows Help opens over, kept for as long as the test runs (Help is their child).
_BELOW: list[QWidget] = []


@pytest.fixture(autouse=True)
def below_windows():
    yield
    _BELOW.clear()


def help_window(qtbot: QtBot, desk: HelpDesk, *, paused: bool = False) -> HelpWindow:
    below = QWidget()
    below.resize(1000, 760)
    qtbot.addWidget(below)
    _BELOW.append(below)
    below.show()
    window = HelpWindow(desk, below, paused=paused)
    window.show()
    qtbot.waitExposed(window)
    return window


def none_untranslated(widget: QWidget, allowed: Iterable[str] = ()) -> None:
    found = untranslated_in(widget, allowed=[*REGION_WORDS, *allowed])
    assert found == [], "\n".join(found)


def test_every_page_of_help_speaks_only_through_translations(qtbot: QtBot, tmp_path: Path):
    speak_pseudo()
    contacts = tmp_path / "contacts.toml"
    desk = HelpDesk(contacts, Regions(), guest=lambda: True)
    window = help_window(qtbot, desk, paused=True)
    assert window.sheet.paused_note.isVisible()
    none_untranslated(window)  # no region chosen yet
    window.choose_region()
    assert window.pages.currentWidget() is window.region
    none_untranslated(window)  # the edited region is named so
    window.region.combo.setCurrentIndex(window.region.combo.findData("gb"))
    window.use_region()
    assert window.pages.currentWidget() is window.sheet
    none_untranslated(window)  # the lines of the region, where the number came from
    window.edit_contacts()
    assert window.contacts.message.isVisible()  # as a guest, said so
    none_untranslated(window)
    window.contacts.rows[0][1].setText("Sam")  # a name, and no way to reach them
    window.save_contacts()
    assert window.contacts.message.isVisible()
    # The reason is the domain's (translated where the contact is checked), inside our words.
    none_untranslated(window)


def test_a_contacts_file_that_cannot_be_read_is_named_in_translated_words(
    qtbot: QtBot, tmp_path: Path
):
    contacts = tmp_path / "contacts.toml"
    contacts.write_text("this is = = not toml\n")
    speak_pseudo()
    window = help_window(qtbot, HelpDesk(contacts, Regions("gb")))
    assert window.sheet.own_problem.isVisible()
    assert window.sheet.own_problem.text().startswith("⟦")
    none_untranslated(window, allowed=["contacts", "toml", "line", "column"])


def test_the_help_corner_speaks_through_a_translation(qtbot: QtBot):
    speak_pseudo()
    window = QWidget()
    qtbot.addWidget(window)
    corner = HelpCorner(window, lambda: None)
    window.show()
    assert untranslated_in(window) == []
    assert isinstance(corner, QPushButton) and corner.text().startswith("⟦")
    # It stays while the screens are built anew in another language, and follows it.
    i18n.use_language("en")
    assert corner.text() == "Help  F1"
    assert corner.accessibleName() == "Help: your people and crisis lines (F1)"
    assert corner.x() + corner.width() + 10 == window.width()  # still in its corner


@pytest.fixture
def spanish():
    if i18n.catalog("es").gettext("Esc closes Help.") == "Esc closes Help.":
        pytest.fail(
            "the Spanish catalog is not compiled with this area's words: "
            "run `python packaging/translations.py`"
        )
    i18n.use_language("es")
    yield
    i18n.use_language("en")


@pytest.mark.parametrize("percent", [100, 200])
def test_help_reads_in_spanish_and_nothing_is_cut_off(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, spanish: None, percent: int
):
    themes.set_text_scale(percent)
    themes.apply(qapp, themes.DARK)
    window = help_window(qtbot, HelpDesk(tmp_path / "contacts.toml", Regions("gb")))
    assert window.windowTitle() == "Ayuda"
    assert window.sheet.region_button.text() == "Cambiar de región"
    assert window.sheet.close_button.text() == "Cerrar"
    assert clipped(window) == [] and squeezed(window) == []
    window.edit_contacts()
    assert window.contacts.save_button.text() == "Guardar"
    assert clipped(window) == [] and squeezed(window) == []
    window.contacts.rows[0][1].setText("Sam")
    window.save_contacts()
    assert window.contacts.message.text().startswith("Contacto 1: el campo «cómo contactar»")
