"""The language: chosen in Settings, applied at once to every open screen, kept for the next start,
and in place before the first window is built.

The live change is tried with the pseudo-language standing in for Spanish (every sentence that
went through the translation comes back inside ⟦ ⟧), so what was built anew in it shows, whatever
the catalogs hold yet.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QScrollArea

from kapcompanion import i18n
from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.practice import Kind
from kapcompanion.services.events import PracticeStart
from kapcompanion.services.settings import THEME, SettingsStore
from kapcompanion.ui.settings.language import LanguageChoice
from kapcompanion.ui.settings.screen import SettingsScreen
from kapcompanion.ui.shell import language
from kapcompanion.ui.shell.language import LANGUAGE
from kapcompanion.ui.shell.main_window import MainWindow
from tests.helpers.cli import ROOT
from tests.helpers.layout import clipped, squeezed
from tests.helpers.pseudo import CLOSE, OPEN, PseudoTranslations
from tests.helpers.windows import shown_window


@pytest.fixture
def spanish_is_pseudo(monkeypatch: pytest.MonkeyPatch):
    """Choosing "es" speaks the pseudo-language; Qt's own words go back to English after."""
    real = i18n.catalog
    monkeypatch.setattr(
        i18n, "catalog", lambda code: PseudoTranslations() if code == "es" else real(code)
    )
    yield
    language.follow_in_qt(i18n.SOURCE)


def flush_deleted() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def choose(combo: QComboBox, code: str) -> None:
    index = combo.findData(code)
    assert index >= 0, code
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def language_combo(screen: object) -> LanguageChoice:
    combo = getattr(getattr(screen, "general", None), "language_combo", None)
    assert isinstance(combo, LanguageChoice)
    return combo


def offset_in_page(screen: SettingsScreen) -> int:
    combo = language_combo(screen)
    scroll = screen.findChildren(QScrollArea)[0]
    return combo.mapTo(scroll.viewport(), combo.rect().topLeft()).y()


def settings_on_language(qtbot, win: MainWindow) -> SettingsScreen:
    screen = win.open_settings()
    qtbot.waitUntil(lambda: language_combo(screen).isVisible())
    # Scrolled part of the way down, as a person reaching Appearance would be.
    scroll = screen.findChildren(QScrollArea)[0]
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum() // 3)
    language_combo(screen).setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is language_combo(screen))
    qtbot.wait(50)  # the page laid out as the person sees it
    return screen


def test_the_choice_offers_the_system_and_each_language_in_its_own_words(qtbot) -> None:
    combo = LanguageChoice(SettingsStore())
    qtbot.addWidget(combo)
    names = [combo.itemText(i) for i in range(combo.count())]
    assert names == ["Follow the system (English)", "English", "Español"]
    assert [combo.itemData(i) for i in range(combo.count())] == ["system", "en", "es"]
    assert combo.currentData() == "system"


def test_choosing_a_language_builds_the_open_screens_anew_where_the_person_is(
    qtbot, spanish_is_pseudo
) -> None:
    win = shown_window(qtbot)
    win.home.choose_situation("closing")
    old_home, old_log, old_everyday = win.home, win.log, win.everyday
    old_corner, old_recorder = win.help_corner, win.log.recorder
    screen = settings_on_language(qtbot, win)
    before = offset_in_page(screen)
    assert language_combo(screen).itemText(0) == "Follow the system (English)"

    read_again: list[bool] = []
    win.library.changed.connect(lambda: read_again.append(True))
    choose(language_combo(screen), "es")

    qtbot.waitUntil(lambda: win.current_screen is not screen)
    assert read_again  # the built-in exercises are read again, in the new language
    new = win.current_screen
    assert isinstance(new, SettingsScreen) and win.screen_count == 2
    combo = language_combo(new)
    # In the new language: its own sentences are marked, the languages keep their own names.
    assert combo.itemText(0) == f"{OPEN}Follow the system ({{language}}){CLOSE}".format(
        language="English"
    )
    assert combo.currentData() == "es" and combo.itemText(combo.currentIndex()) == "Español"
    captions = [label for label in new.findChildren(QLabel) if label.buddy() is combo]
    assert [label.text() for label in captions] == [f"{OPEN}Lan&guage{CLOSE}"]
    # Where the person was: the language control at the same height, with the focus.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is combo)
    qtbot.waitUntil(lambda: abs(offset_in_page(new) - before) <= 2)
    # Home, the practice log's part, the everyday services (tray, reminders) and Help's corner
    # are new; the old ones and their listeners are gone.
    assert win.home is not old_home and win.log is not old_log and win.everyday is not old_everyday
    assert win.help_corner is not old_corner and win.help_corner.isVisible()
    assert win.home.situation == "closing"
    flush_deleted()
    for gone in (old_home, old_log, old_everyday, old_corner, old_recorder):
        assert not shiboken6.isValid(gone)
    # What the old parts listened to still calls only the new ones.
    win.library.changed.emit()
    win.settings.set(THEME, "light")
    win.settings.set(THEME, "dark")
    # Help opens over the new screens, from the new corner, with the new crisis resources.
    help_window = win.open_help()
    assert help_window.isVisible()
    help_window.close()
    # Esc leaves to the new home.
    win.pop()
    assert win.current_screen is win.home


def test_after_a_live_change_nothing_is_cut_off_more_than_at_a_fresh_start(
    qtbot, spanish_is_pseudo
) -> None:
    win = shown_window(qtbot)
    screen = settings_on_language(qtbot, win)
    choose(language_combo(screen), "es")
    qtbot.waitUntil(lambda: win.current_screen is not screen)
    live = win.current_screen
    qtbot.wait(50)
    live_problems = set(clipped(live) + squeezed(live))
    live_home = set(clipped(win.home) + squeezed(win.home))

    fresh = shown_window(qtbot)  # built in the language now spoken, as a new start would be
    fresh.resize(win.size())
    fresh_screen = fresh.open_settings()
    qtbot.waitUntil(fresh_screen.isVisible)
    qtbot.wait(50)
    assert live_problems <= set(clipped(fresh_screen) + squeezed(fresh_screen))
    fresh.pop()
    qtbot.wait(50)
    assert live_home <= set(clipped(fresh.home) + squeezed(fresh.home))


def test_the_same_language_again_builds_nothing(qtbot) -> None:
    win = shown_window(qtbot)
    screen = settings_on_language(qtbot, win)
    home = win.home
    choose(language_combo(screen), "en")  # the system's (LANGUAGE=en) and the chosen
    qtbot.wait(50)
    assert win.current_screen is screen and win.home is home


def test_a_presented_practice_is_never_rebuilt_under_the_person(qtbot, spanish_is_pseudo) -> None:
    win = shown_window(qtbot)
    home = win.home
    # As while a practice is presented on another screen, from home.
    win.practice.running = PracticeStart(Kind.EXERCISE, "session-close", "Closing", 300.0)
    win.settings.set(LANGUAGE, "es")
    qtbot.wait(50)
    assert win.home is home and i18n.language() == "en"
    win.practice.running = None
    win.practice.ended.emit(None)
    qtbot.waitUntil(lambda: win.home is not home)
    assert i18n.language() == "es"


def test_the_app_speaks_the_chosen_language_before_any_window_is_built(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kapcompanion import app

    SettingsStore().set(LANGUAGE, "es")
    seen: dict[str, object] = {}

    class Built(Exception):
        pass

    def first_window(*_args: object, **_kwargs: object) -> None:
        seen["words"] = i18n.language()
        seen["dates"] = QLocale().language()
        # Qt's standard buttons and context menus follow (qtbase_es from Qt's translations).
        seen["qt"] = QCoreApplication.translate("QPlatformTheme", "Cancel")
        raise Built

    monkeypatch.setattr(app, "MainWindow", first_window)
    monkeypatch.setattr(app, "_first_copy", lambda _file: object())
    try:
        with pytest.raises(Built):
            app.run()
    finally:
        language.follow_in_qt(i18n.SOURCE)
    assert seen == {"words": "es", "dates": QLocale.Language.Spanish, "qt": "Cancelar"}
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_the_choice_is_kept_for_the_next_start_and_for_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    SettingsStore(path).set(LANGUAGE, "es")
    read = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path\n"
            "from PySide6.QtCore import QCoreApplication\n"
            "from kapcompanion.services.settings import SettingsStore\n"
            "from kapcompanion.storage.settings_peek import language_choice\n"
            "from kapcompanion.ui.shell.language import LANGUAGE\n"
            "app = QCoreApplication([])\n"
            "path = Path(sys.argv[1])\n"
            "print(SettingsStore(path).get(LANGUAGE), language_choice(path))\n",
            str(path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert read.returncode == 0, read.stderr
    assert read.stdout.split() == ["es", "es"]


def test_a_window_made_without_the_app_still_follows_the_language(qtbot, spanish_is_pseudo):
    win = MainWindow(FakeClock())
    qtbot.addWidget(win)
    home = win.home
    win.settings.set(LANGUAGE, "es")
    qtbot.waitUntil(lambda: win.home is not home)


def test_the_language_has_a_key_of_its_own_on_settings(qtbot) -> None:
    win = shown_window(qtbot)
    screen = win.open_settings()
    letters: dict[str, list[str]] = {}
    for label in screen.findChildren(QLabel):
        text = label.text()
        if label.buddy() is not None and "&" in text:
            letters.setdefault(text[text.index("&") + 1].lower(), []).append(text)
    assert letters["g"] == ["Lan&guage"]  # "&Length" is on the same page
    alt = Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(QApplication.focusWidget() or screen, Qt.Key.Key_G, alt)
    assert QApplication.focusWidget() is language_combo(screen)


def test_in_spanish_the_choice_reads_spanish_and_nothing_is_cut_off(qtbot) -> None:
    if i18n.catalog("es").gettext("Language") == "Language":
        pytest.skip("the Spanish catalog is not compiled here: make translations")
    win = shown_window(qtbot)
    screen = settings_on_language(qtbot, win)
    choose(language_combo(screen), "es")
    qtbot.waitUntil(lambda: win.current_screen is not screen)
    try:
        new = win.current_screen
        combo = language_combo(new)
        assert combo.itemText(0) == "Como el sistema (English)"
        (caption,) = [label for label in new.findChildren(QLabel) if label.buddy() is combo]
        assert caption.text() == "&Idioma"
        qtbot.wait(50)
        card = caption.parentWidget()
        assert card is not None and squeezed(card) == []
        assert combo.width() >= combo.sizeHint().width()
    finally:
        language.follow_in_qt(i18n.SOURCE)


def test_the_tray_and_its_menu_are_built_anew_in_the_new_language(
    qtbot, spanish_is_pseudo, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kapcompanion.services.settings import REMINDER_MODE
    from kapcompanion.ui.shell.reminders import ReminderService

    monkeypatch.setattr(ReminderService, "available", property(lambda _self: True))
    SettingsStore().set(REMINDER_MODE, "daily")
    win = shown_window(qtbot)
    win.everyday.reminders.start()
    old_tray = win.everyday.reminders.tray
    assert old_tray is not None and old_tray.contextMenu() is not None
    win.settings.set(LANGUAGE, "es")
    qtbot.waitUntil(lambda: win.everyday.reminders.tray not in (None, old_tray))
    tray = win.everyday.reminders.tray
    assert tray is not None and tray.isVisible()
    menu = tray.contextMenu()
    assert menu is not None and [a.text() for a in menu.actions()]
    flush_deleted()
    assert not shiboken6.isValid(old_tray)  # one icon in the tray, never two
