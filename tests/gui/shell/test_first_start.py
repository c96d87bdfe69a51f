"""The first start: shown once, kind and honest, with crisis resources for the person's region
that they can change and edit."""

from __future__ import annotations

import stat

import pytest
from PySide6.QtCore import Qt

from kapcompanion.domain.crisis import region_for_territory
from kapcompanion.services.crisis_book import CrisisBook
from kapcompanion.services.settings import (
    CRISIS_REGION,
    FIRST_START_DONE,
    SettingsStore,
    settings_path,
)
from kapcompanion.storage.crisis_files import own_crisis_folder
from kapcompanion.ui.shell.first_start import (
    REGION_QUESTION,
    SAFETY_POINTS,
    WELCOME_TEXT,
    CrisisEditor,
    FirstStartScreen,
)
from tests.helpers.windows import shown_window


@pytest.fixture
def window(qtbot):
    return shown_window(qtbot)


def test_the_notice_is_shown_once(window, qtbot):
    screen = window.everyday.maybe_first_start()
    assert isinstance(screen, FirstStartScreen)
    assert window.current_screen is screen
    qtbot.mouseClick(screen.continue_button, Qt.MouseButton.LeftButton)
    assert window.current_screen is window.home
    assert window.settings.get(FIRST_START_DONE)
    assert window.everyday.maybe_first_start() is None
    # A new start on the same settings file does not show it again...
    assert SettingsStore().get(FIRST_START_DONE)
    # ...but it can be opened again (from Settings or About).
    again = window.everyday.open_first_start()
    assert window.current_screen is again


def test_esc_leaves_the_notice_and_counts_it_as_seen(window, qtbot):
    window.everyday.maybe_first_start()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.current_screen is window.home
    assert window.settings.get(FIRST_START_DONE)


def test_the_words_are_honest_and_gentle():
    text = " ".join([WELCOME_TEXT, *SAFETY_POINTS]).lower()
    assert "not treatment" in text and "medical advice" in text
    assert "dizzy" in text and "stop" in text
    assert "breath holds are optional" in text
    for command in ("you must", "you should", "always breathe", "deep breath"):
        assert command not in text


@pytest.mark.parametrize(
    ("territory", "name", "shown"),
    [
        ("US", "United States", "988"),
        ("GB", "United Kingdom", "116 123"),
        ("AU", "Australia", "13 11 14"),
        ("LU", "European Union (other countries)", "112"),
        ("JP", "Somewhere else", "your local emergency number"),
    ],
)
def test_the_region_is_guessed_asked_and_its_lines_shown(qtbot, territory, name, shown):
    store = SettingsStore()
    book = CrisisBook(store, territory=lambda: territory)
    screen = FirstStartScreen(book)
    qtbot.addWidget(screen)
    panel = screen.crisis
    assert panel.region_combo.currentText() == name  # the guess is pre-selected...
    assert panel.lines_label.accessibleDescription() == REGION_QUESTION  # ...and asked about
    assert store.get(CRISIS_REGION) == "" and book.chosen() is None
    assert not panel.edit_button.isEnabled()
    qtbot.mouseClick(panel.use_button, Qt.MouseButton.LeftButton)
    assert shown in panel.lines_label.accessibleDescription()
    assert "not complete" in panel.dated_label.text()
    if territory != "JP":
        assert "Checked on" in panel.dated_label.text()


def test_choosing_another_region_is_kept(qtbot):
    store = SettingsStore()
    book = CrisisBook(store, territory=lambda: "US")
    screen = FirstStartScreen(book)
    qtbot.addWidget(screen)
    combo = screen.crisis.region_combo
    index = combo.findData("ie")
    combo.setCurrentIndex(index)
    assert store.get(CRISIS_REGION) == ""  # nothing is kept until the person confirms
    qtbot.mouseClick(screen.crisis.use_button, Qt.MouseButton.LeftButton)
    assert store.get(CRISIS_REGION) == "ie"
    assert "Samaritans" in screen.crisis.lines_label.accessibleDescription()
    assert CrisisBook(SettingsStore(), territory=lambda: "US").current().key == "ie"


def test_editing_keeps_the_persons_version_privately(window, qtbot):
    book = window.everyday.book
    book._territory = lambda: "CA"
    first = window.everyday.open_first_start()
    qtbot.mouseClick(first.crisis.use_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(first.crisis.edit_button, Qt.MouseButton.LeftButton)
    editor = window.current_screen
    assert isinstance(editor, CrisisEditor)
    name, contact, hours = editor.rows[1]
    qtbot.keyClicks(name, "My clinic")
    qtbot.keyClicks(contact, "555 0199")
    qtbot.keyClicks(hours, "weekdays")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert window.current_screen is first
    text = first.crisis.lines_label.accessibleDescription()
    assert "My clinic: 555 0199 (weekdays)" in text and "9-8-8" in text
    assert first.crisis.dated_label.text().startswith("Edited by you on ")
    path = own_crisis_folder() / "ca.toml"
    assert path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # Kept across a restart, and the shipped list is untouched.
    fresh = CrisisBook(SettingsStore(), territory=lambda: "CA")
    assert [line.name for line in fresh.current().lines][-1] == "My clinic"


def test_a_half_filled_row_is_explained_and_nothing_is_lost(window, qtbot):
    window.everyday.book._territory = lambda: "US"
    editor = window.everyday.open_crisis_editor()
    qtbot.keyClicks(editor.rows[2][0], "A friend")
    assert not editor.save()
    assert window.current_screen is editor
    assert "row 3" in editor.message.text() and "no number" in editor.message.text()
    assert editor.rows[2][0].text() == "A friend"
    assert not (own_crisis_folder() / "us.toml").exists()


@pytest.mark.parametrize(
    ("environ", "territory"),
    [
        ({"LANG": "de_DE.UTF-8", "TZ": "Europe/Berlin"}, "DE"),
        ({"LANG": "en_US.UTF-8", "TZ": "America/New_York"}, "US"),
        # en_US is a default far beyond the US: in Auckland the time zone tells more.
        ({"LANG": "en_US.UTF-8", "TZ": "Pacific/Auckland"}, "NZ"),
        ({"LANG": "C", "TZ": "Europe/Berlin"}, "DE"),
        ({"LANG": "C", "TZ": "UTC"}, ""),
    ],
)
def test_first_start_preselects_from_locale_and_time_zone_and_keeps_nothing_unasked(
    qtbot, monkeypatch, environ, territory
):
    for key in ("LC_ALL", "LC_MESSAGES", "LANG", "TZ"):
        monkeypatch.delenv(key, raising=False)
    for key, value in environ.items():
        monkeypatch.setenv(key, value)
    store = SettingsStore()
    book = CrisisBook(store)
    screen = FirstStartScreen(book)
    qtbot.addWidget(screen)
    expected = region_for_territory(territory, book.regions)
    assert screen.crisis.region_combo.currentData() == expected.key
    assert store.get(CRISIS_REGION) == "" and book.chosen() is None
    assert not settings_path().exists() or "crisis" not in settings_path().read_text()


def test_the_notice_reflows_when_the_text_size_changes_live(window, qtbot):
    """200 % set while the notice is open (as Settings sets it): no line is cut off, and the
    region row, which grows with its text, still fits the column."""
    from kapcompanion.services.settings import TEXT_SIZE
    from tests.helpers.layout import clipped

    screen = window.everyday.open_first_start()
    qtbot.waitUntil(lambda: not clipped(screen))
    try:
        window.settings.set(TEXT_SIZE, 200)
        qtbot.waitUntil(lambda: not clipped(screen), timeout=3000)
        assert window.current_screen is screen
        column = screen.crisis.parentWidget()
        assert screen.crisis.minimumSizeHint().width() <= column.width()
    finally:
        window.settings.set(TEXT_SIZE, 100)


def test_the_crisis_editor_shows_when_a_line_is_open_in_full(window, qtbot):
    """The "When" column is wide enough for the hours the app ships (at the usual size)."""
    from kapcompanion.services.settings import TEXT_SIZE
    from kapcompanion.ui.shell.appearance import apply_appearance

    window.settings.set(TEXT_SIZE, 100)
    apply_appearance(window.settings)  # whatever an earlier test left
    editor = window.everyday.open_crisis_editor()
    qtbot.waitExposed(window)
    hours = "Phone: any time, day or night"
    name, _contact, when = editor.rows[0]
    when.setText(hours)
    margins = when.textMargins().left() + when.textMargins().right() + 24  # frame and padding
    assert when.fontMetrics().horizontalAdvance(hours) + margins <= when.width()
    assert when.width() >= name.width()


def _breathe(window):
    from kapcompanion.domain.breathing_config import BreathingConfig
    from kapcompanion.domain.pacing import DEFAULT_PATTERN, find_pattern

    config = BreathingConfig(find_pattern(DEFAULT_PATTERN, allow_holds=False), minutes=1)
    return window.start_breathing(config)


def test_a_first_start_straight_into_a_practice_shows_the_notice_once_home(qtbot):
    """Issue 15, item 18: ``breathe`` and ``run`` on a first start begin the practice at once
    (someone reaching for it may need it now), and the notice comes when they are first home."""
    from kapcompanion.app import first_start_once_home

    window = shown_window(qtbot, defer_home=True)
    first_start_once_home(window)
    screen = _breathe(window)
    assert window.current_screen is screen  # the practice, not the notice
    window.show_home()
    qtbot.waitUntil(lambda: isinstance(window.current_screen, FirstStartScreen))
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.current_screen is window.home
    assert SettingsStore().get(FIRST_START_DONE)
    # Once seen, another practice and the way home show it no more.
    _breathe(window)
    window.show_home()
    assert window.current_screen is window.home


def test_a_practice_started_after_the_notice_was_seen_goes_home_as_usual(qtbot):
    from kapcompanion.app import first_start_once_home

    SettingsStore().set(FIRST_START_DONE, True)
    window = shown_window(qtbot)
    first_start_once_home(window)
    _breathe(window)
    window.show_home()
    assert window.current_screen is window.home
