"""The shell's screens speak the language in use: every word on them goes through the
translations (checked in the pseudo-language of tests/helpers/pseudo.py, where a sentence
that did not is seen at once), and a few real Spanish sentences fit where they are shown."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QBoxLayout, QStyle, QStyleOptionSpinBox, QWidget

from kapcompanion import i18n
from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.domain.crisis import OTHER
from kapcompanion.domain.pacing import PRESETS
from kapcompanion.domain.practice import Kind
from kapcompanion.domain.reminders import Reminder, Suggestion
from kapcompanion.services.settings import REMINDER_MODE, TEXT_SIZE
from kapcompanion.sound.engine import AudioEngine
from kapcompanion.storage.log_open import open_log
from kapcompanion.storage.logs import PracticeLogs
from kapcompanion.storage.paths import user_scripts_dir
from kapcompanion.ui.shell.date_field import DateField
from kapcompanion.ui.shell.first_start import FirstStartScreen
from kapcompanion.ui.shell.main_window import MainWindow
from kapcompanion.ui.shell.problems import ProblemsPanel
from kapcompanion.ui.shell.reminders import ReminderService, describe
from kapcompanion.ui.shell.shared_file import offer_shared_file
from kapcompanion.ui.shell.sound_settings import lost_notice_text, lost_text, notice_text
from kapcompanion.ui.shell.unsaved import kept_text, offer_text
from kapcompanion.ui.shell.volume import VolumeControl
from tests.helpers.layout import clipped, squeezed
from tests.helpers.practices import practice
from tests.helpers.pseudo import speak_pseudo, untranslated, untranslated_in, visible_texts
from tests.helpers.shared_scripts import shared_copy
from tests.helpers.windows import shown_window

BROKEN = Path(__file__).resolve().parents[2] / "data" / "scripts"
#: The app's name, which no language changes.
NAME = ["kapcompanion"]


def exercise_words(window: MainWindow) -> list[str]:
    """The built-in scripts' own words (titles, descriptions), read from the script files of the
    language in use: the pseudo-language has none of its own, so the English scripts' words
    show."""
    return words_of(t for e in window.library.exercises for t in (e.title, e.description))


def words_of(texts: Iterable[str]) -> list[str]:
    return [w for text in texts for w in untranslated(text)]


def home_allowed(window: MainWindow) -> list[str]:
    return [*NAME, *exercise_words(window)]


def test_home_on_a_first_start_speaks_only_translated_words(qtbot, pseudo):
    window = shown_window(qtbot)
    assert untranslated_in(window.home, home_allowed(window)) == []


def test_home_with_a_history_of_practice_speaks_only_translated_words(qtbot, pseudo):
    log = open_log(clock=MonotonicClock())
    today = date.today()
    log.merge_records(
        [
            practice(today - timedelta(days=1), 5, before=4, after=6),
            practice(today, 3, kind=Kind.EXERCISE, ref="daily-check-in"),
        ],
        sessions=[today - timedelta(days=2)],
    )
    log.close()
    logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
    window = shown_window(qtbot, logs=logs)
    home = window.home
    # The last practice one key away, a recent exercise and what a feeling offers.
    window.start_exercise(window.library.find("daily-check-in"))
    window.show_home()
    window.home.feelings.buttons[next(iter(home.feelings.buttons))].click()
    window.show_home()
    window.start_breathing(BreathingConfig(PRESETS["resonance"], minutes=1))
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # home says the practice has ended
    home.choose_situation("closing")
    qtbot.waitUntil(lambda: window.log.panel.session_label.isVisibleTo(home), timeout=2000)
    assert home.again_box.isVisibleTo(home) and home.feelings.offer_box.isVisibleTo(home)
    assert home.notice.isVisibleTo(home)  # "the practice has ended"
    assert untranslated_in(home, home_allowed(window)) == []
    window.close()
    logs.close()


def test_home_for_a_guest_speaks_only_translated_words(qtbot, pseudo):
    window = shown_window(qtbot)  # without a practice log: practice is a guest's
    assert window.log.logs.guest
    home = window.home
    home.holds_check.setChecked(True)  # the note about holds shows too
    assert home.holds_note.isVisibleTo(home)
    assert untranslated_in(home, home_allowed(window)) == []


def test_the_first_start_notice_speaks_only_translated_words(qtbot, pseudo):
    window = shown_window(qtbot)
    screen = window.everyday.open_first_start()
    assert isinstance(screen, FirstStartScreen)
    book = window.everyday.book
    # The regions' names come from their own files, written in each language.
    regions = words_of(r.name for r in book.regions if r.key != OTHER)
    assert untranslated_in(screen, regions) == []
    # Once a region is chosen, its lines show: their names and numbers are the region's own.
    crisis = screen.crisis
    crisis.region_combo.setCurrentIndex(crisis.region_combo.findData("gb"))
    crisis.use_button.click()
    region = book.chosen()
    assert region is not None and region.lines
    own = words_of(f"{x.name} {x.contact} {x.hours}" for x in region.lines)
    assert untranslated_in(screen, [*regions, *own]) == []


def test_about_speaks_only_translated_words(qtbot, pseudo):
    window = shown_window(qtbot)
    screen = window.everyday.open_about()
    # Names of the libraries and their licences, and the person's own folders, stay as they are.
    names = [w for info in screen.libraries for w in untranslated(f"{info.name} {info.licence}")]
    folders = untranslated(f"{screen.data_folder} {screen.settings_file}")
    assert untranslated_in(screen, [*NAME, *names, *folders]) == []


def test_the_problems_panel_speaks_only_translated_words(qtbot, pseudo):
    folder = user_scripts_dir()
    shutil.copy(BROKEN / "negative-seconds.toml", folder)
    shutil.copy(BROKEN / "unknown-key.toml", folder)
    window = shown_window(qtbot)
    listed = window.home.exercise_list
    assert listed.problems_button.isVisibleTo(window.home)
    assert untranslated_in(listed.problems_button) == []
    panel = window.show_script_problems()
    assert isinstance(panel, ProblemsPanel)
    # The files' names and paths and the keys in them are the person's own.
    own = [str(folder), *(f"{p.file} {p.file_name} {p.key}" for p in panel.problems)]
    allowed = [w for text in own for w in untranslated(text)]
    assert untranslated_in(panel, allowed) == []
    for file in folder.glob("*.toml"):
        file.unlink()
    panel.look_again()
    assert untranslated_in(panel, allowed) == []


def test_the_sound_notice_speaks_only_translated_words_and_follows_a_change_of_language(qtbot):
    window = shown_window(qtbot)  # its notice is made with it, in English
    notice = window.sound_notice
    assert notice.ok_button.text() == "OK"
    speak_pseudo()
    notice.show_text(notice_text(i18n._("Sound is off: the audio output could not be opened.")))
    assert notice.isVisible()
    assert untranslated_in(notice) == []


def test_the_tray_menu_speaks_only_translated_words_and_follows_a_change_of_language(qtbot):
    window = shown_window(qtbot)
    store = window.settings
    reminders = ReminderService(store, window.windowIcon(), tray_available=lambda: True)
    planned: list[str] = []
    reminders.planned.connect(planned.append)
    store.set(REMINDER_MODE, "daily")  # the icon and its menu appear, in English
    menu = reminders.menu
    assert menu is not None
    assert [action.text() for action in menu.actions() if not action.isSeparator()] == [
        "Open kapcompanion",
        "Open a short practice",
        "Pause reminders until tomorrow",
        "Quit kapcompanion",
    ]
    speak_pseudo()  # a change of language reaches the menu that is already there
    texts = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert len(texts) == 4 and all(untranslated(t) == [] for t in texts), texts
    days = words_of(QLocale(i18n.language()).standaloneDayName(d) for d in range(1, 8))
    assert untranslated(planned[-1], days) == []  # and what Settings says of the next one
    reminders.stop()


#: The offscreen platform cannot give a pop-up the keyboard, and says so.
OFFSCREEN_POP_UP = pytest.mark.qt_log_ignore("does not support grabbing the keyboard")


def open_pop_up(qtbot, field: DateField) -> QWidget:
    """Open the field's calendar as a person does: a click on its arrow."""
    option = QStyleOptionSpinBox()
    field.initStyleOption(option)
    arrow = field.style().subControlRect(
        QStyle.ComplexControl.CC_SpinBox, option, QStyle.SubControl.SC_SpinBoxDown, field
    )
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton, pos=arrow.center())
    pop_up = field.calendarWidget().window()
    qtbot.waitUntil(pop_up.isVisible)
    return pop_up


@OFFSCREEN_POP_UP
def test_the_date_pop_up_speaks_only_translated_words(qtbot, pseudo):
    field = DateField(date(2026, 12, 5), accessible_name=i18n._("Session date"))
    qtbot.addWidget(field)
    field.show()
    assert untranslated_in(field) == []
    pop_up = open_pop_up(qtbot, field)
    # The month's name comes from the calendar of the language in use, not from a sentence.
    locale = QLocale(i18n.language())
    months = words_of(locale.standaloneMonthName(m) for m in range(1, 13))
    texts = [text for _where, text in visible_texts(pop_up)]
    assert locale.standaloneMonthName(12) in texts
    assert untranslated_in(pop_up, months) == []


@pytest.fixture
def spanish():
    """Spanish from its compiled catalog (``python packaging/translations.py`` makes it)."""
    assert i18n.catalog("es").gettext("Start breathing") == "Empezar a respirar", (
        "the Spanish catalog is not compiled from ui-shell.po: run `make translations`"
    )
    assert i18n.use_language("es") == "es"
    yield
    i18n.use_language("en")


@OFFSCREEN_POP_UP
def test_in_spanish_the_date_and_its_calendar_name_the_month_in_spanish(qtbot, spanish):
    field = DateField(date(2026, 12, 5))
    qtbot.addWidget(field)
    field.show()
    assert field.text() == "5 dic 2026"
    pop_up = open_pop_up(qtbot, field)
    assert "diciembre" in [text for _where, text in visible_texts(pop_up)]
    assert field.calendarWidget().locale().dayName(1, QLocale.FormatType.LongFormat) == "lunes"


def test_in_spanish_the_next_reminder_names_the_day_in_spanish(spanish):
    now = datetime(2026, 12, 5, 9, 0)  # a Saturday
    due = Reminder(datetime(2026, 12, 7, 19, 0), Suggestion.BREATHE, "", "", False)
    assert describe(due, now) == "Próximo recordatorio: el lunes a las 19:00."
    tomorrow = Reminder(datetime(2026, 12, 6, 8, 30), Suggestion.BREATHE, "", "", False)
    assert describe(tomorrow, now) == "Próximo recordatorio: mañana a las 08:30."


def test_in_spanish_home_reads_in_spanish_and_nothing_is_cut_off(qtbot, spanish):
    window = shown_window(qtbot)
    home = window.home
    texts = [text for _where, text in visible_texts(home)]
    assert "Empezar a respirar" in texts
    assert "O puedes empezar desde cómo te sientes" in texts
    assert home.card.minutes_spin.suffix() == " min"
    home.holds_check.setChecked(True)
    qtbot.waitUntil(lambda: clipped(home) == [] and squeezed(home) == [], timeout=3000)
    # The card still fits beside the exercises at the usual window size.
    assert home.columns.direction() == QBoxLayout.Direction.LeftToRight
    # The longer Spanish words still fit at twice the text size, set live.
    window.settings.set(TEXT_SIZE, 200)
    qtbot.waitUntil(lambda: clipped(home) == [] and squeezed(home) == [], timeout=5000)


def test_in_spanish_the_first_start_notice_and_about_fit(qtbot, spanish):
    window = shown_window(qtbot)
    screen = window.everyday.open_first_start()
    assert window.windowTitle().startswith("Te damos la bienvenida")
    assert screen.continue_button.text() == "Continuar a la aplicación"
    qtbot.waitUntil(lambda: clipped(screen) == [] and squeezed(screen) == [], timeout=3000)
    about = window.everyday.open_about()
    assert about.back_button.text() == "Atrás"
    qtbot.waitUntil(lambda: clipped(about) == [] and squeezed(about) == [], timeout=3000)


def test_the_question_about_a_shared_script_speaks_only_translated_words(qtbot, pseudo, tmp_path):
    shared = shared_copy(tmp_path, "Evening landing.kapscript")
    window = shown_window(qtbot)
    box = offer_shared_file(window, window, shared)
    # The script's own title and description, and the file's name, are the therapist's words.
    own = words_of(["Evening landing", "A short settling at the end of the day.", shared.name])
    assert untranslated_in(box, own) == []
    assert untranslated(box.informativeText(), own) == []
    box.close()
    junk = tmp_path / "notes.kapscript"
    junk.write_bytes(b"these are notes, not a shared script")
    box = offer_shared_file(window, window, junk)
    # "Close" is Qt's, from Qt's catalog.
    assert untranslated_in(box, [*words_of([junk.name]), "Close"]) == []


def test_the_crisis_editor_speaks_only_translated_words(qtbot, pseudo):
    window = shown_window(qtbot)
    book = window.everyday.book
    book.choose("gb")
    editor = window.everyday.open_crisis_editor()
    region = book.chosen()
    assert region is not None
    own = words_of([region.name, *(f"{x.name} {x.contact} {x.hours}" for x in region.lines)])
    assert untranslated_in(editor, own) == []


def test_the_sound_switch_and_volume_speak_only_translated_words(qtbot, pseudo):
    window = shown_window(qtbot)
    control = VolumeControl(window.sound)
    qtbot.addWidget(control)
    control.show()
    assert untranslated_in(control) == []
    control.switch.click()  # sound on: the words change
    assert untranslated_in(control) == []
    assert untranslated(window.sound.status_text) == []


def test_the_words_of_the_reminders_and_the_unsaved_question_are_all_translated(
    pseudo, monkeypatch
):
    now = datetime(2026, 12, 5, 9, 0)
    days = words_of(QLocale(i18n.language()).standaloneDayName(d) for d in range(1, 8))
    for ahead in (0, 1, 2):
        due = Reminder(now + timedelta(days=ahead), Suggestion.BREATHE, "", "", False)
        assert untranslated(describe(due, now), days) == []
    assert untranslated(describe(None, now)) == []
    folder = words_of([str(Path("/somewhere/kept.json"))])
    for count in (1, 3):
        assert untranslated(offer_text(count)) == []
        assert untranslated(kept_text(count, Path("/somewhere/kept.json")), folder) == []
    # The engine's own reason, given where the audio library cannot be loaded.
    monkeypatch.setitem(sys.modules, "sounddevice", None)
    engine = AudioEngine(MonotonicClock())
    assert not engine.open()
    reason = engine.unavailable_reason
    assert reason is not None and untranslated(reason) == [], reason
    for text in (notice_text(reason), lost_text(reason), lost_notice_text(reason)):
        assert untranslated(text) == [], text
