"""The settings screen in the person's language: in the pseudo-language every group (sound,
appearance, practice, reminders, the welcome notice, files) and the notice about a settings file
that could not be used speak through a translation; in Spanish they read as written and nothing
is cut off."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from kapcompanion import i18n
from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.crisis import OTHER
from kapcompanion.services.settings import TEXT_SIZE, SettingsStore, settings_path
from kapcompanion.ui.settings.screen import SettingsScreen
from kapcompanion.ui.shell import theme as themes
from kapcompanion.ui.shell.main_window import MainWindow
from tests.helpers.layout import clipped, squeezed
from tests.helpers.pseudo import speak_pseudo, untranslated, untranslated_in


@pytest.fixture(autouse=True)
def restore_appearance():
    yield
    themes.set_text_scale(100)
    themes.apply(QApplication.instance(), themes.DARK)


def open_settings(qtbot) -> SettingsScreen:
    window = MainWindow(FakeClock())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    screen = window.open_settings()
    assert isinstance(screen, SettingsScreen) and screen.general is not None
    return screen


#: Each language is offered in its own words ("English", "Español"), never translated.
LANGUAGE_NAMES = [word for name in i18n.LANGUAGES.values() for word in name.split()]


def test_every_group_of_settings_speaks_only_through_translations(qtbot):
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Two values this version cannot use: the notice naming them is ours too.
    path.write_text("[appearance]\ntext_size=900\ntheme=purple\n[reminders]\ntime=25:99\n")
    speak_pseudo()
    screen = open_settings(qtbot)
    general = screen.general
    assert general is not None
    screen.refresh()
    general.refresh()
    assert screen.problems_label.isVisible()
    assert general.open_data_folder() is False  # no data folder yet: we say why
    # The regions' names come from the crisis files, written per language as the scripts are;
    # the pseudo-language has no files of its own, so the English files' names show.
    book = general.crisis.book
    regions = [w for r in book.regions if r.key != OTHER for w in untranslated(r.name)]
    found = untranslated_in(screen, allowed=[*LANGUAGE_NAMES, *regions])
    assert found == [], "\n".join(found)
    assert untranslated_in(general.welcome_button) == []  # ours, inside the crisis panel
    assert "⟦" in screen.problems_label.text() and "purple" in screen.problems_label.text()


def test_a_setting_that_could_not_be_used_is_named_in_the_language_in_use_now(qtbot):
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[appearance]\ntext_size=900\n")
    store = SettingsStore()
    assert store.get(TEXT_SIZE) == 100
    (english,) = store.problems
    assert english.startswith("Text size in settings.ini was '900'")
    speak_pseudo()  # the language changes while the app runs
    (again,) = store.problems
    assert untranslated(again) == [] and "900" in again
    assert store.take_new_problems() == [again]  # still the one problem, not a second
    assert store.take_new_problems() == []


def test_a_sentence_left_in_english_is_found(qtbot):
    """The look above can fail: an unmarked sentence on the screen is named."""
    speak_pseudo()
    screen = open_settings(qtbot)
    screen.sound_check.setText("Play sound")
    assert untranslated_in(screen.sound_check) == ["WrapCheck(): 'Play sound'"]


@pytest.fixture
def spanish():
    if i18n.catalog("es").gettext("Play sound") == "Play sound":
        pytest.fail(
            "the Spanish catalog is not compiled with this area's words: "
            "run `python packaging/translations.py`"
        )
    i18n.use_language("es")
    yield
    i18n.use_language("en")


@pytest.mark.parametrize("percent", [100, 200])
def test_settings_read_in_spanish_and_nothing_is_cut_off(qtbot, spanish, percent):
    themes.set_text_scale(percent)
    themes.apply(QApplication.instance(), themes.DARK)
    screen = open_settings(qtbot)
    general = screen.general
    assert general is not None
    assert screen.title == "Ajustes"
    assert screen.sound_check.text() == "Reproducir sonido"
    assert general.theme_combo.itemText(0) == "Según el sistema"
    assert general.guest_check.text() == "Practicar sin guardar nada"
    assert general.reminder_combo.itemText(1) == "Una vez al día"
    assert clipped(screen) == []
    assert squeezed(screen) == []
