"""The breathing screen's words: soft and optional, numbers only when asked for (and never on
the client's screen), holds named honestly, the feet always offered."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kapcompanion.domain.breath_words import ANCHOR_LINE
from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.pacing import PRESETS
from kapcompanion.services.settings import SettingsStore
from kapcompanion.ui.breathing.screen import BREATH_NUMBERS, BREATH_WORDS, BreathingScreen
from kapcompanion.ui.shell.theme import PHASE_PT

LONGER = PRESETS["longer-exhale"]


def open_screen(qtbot, clock: FakeClock, settings: SettingsStore | None, **options: Any):
    values: dict[str, Any] = {"pattern": LONGER, "minutes": 1, "glide": False}
    values.update(options)
    screen = BreathingScreen(BreathingConfig(**values), clock, settings=settings)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    qtbot.waitExposed(screen)
    screen.start()
    return screen


def shown_texts(screen: BreathingScreen, *, leave_out: tuple[QLabel, ...] = ()) -> list[str]:
    """The words on the screen, the volume's level left out (a sound setting, not a count)."""
    return [
        label.text()
        for label in screen.findChildren(QLabel)
        if label.isVisibleTo(screen)
        and label.text()
        and label not in leave_out
        and not screen.volume.isAncestorOf(label)
    ]


def numbers_in(texts: list[str]) -> list[str]:
    return [t for t in texts if re.search(r"\d", t)]


def test_by_default_nothing_counts(qtbot):
    clock = FakeClock()
    screen = open_screen(qtbot, clock, SettingsStore())
    for t in (0.5, 2.5, 5.0, 8.0):
        clock.set(t)
        screen.tick()
        # The keys' hint names F-keys; everything else is free of numbers.
        assert numbers_in(shown_texts(screen, leave_out=(screen.hint_label,))) == []
    assert not screen.count_label.isVisibleTo(screen)
    assert screen.about_label.text() == "Longer breath out"


def test_the_feet_are_always_offered(qtbot):
    clock = FakeClock()
    screen = open_screen(qtbot, clock, None)
    assert screen.anchor_label.text() == ANCHOR_LINE
    assert screen.anchor_label.isVisibleTo(screen)
    screen.toggle_pause()
    assert screen.anchor_label.isVisibleTo(screen)
    screen.fit_for_presentation(1.5)
    assert screen.anchor_label.isVisibleTo(screen)


def test_the_word_is_soft_small_and_no_command(qtbot):
    clock = FakeClock()
    screen = open_screen(qtbot, clock, None)
    assert screen.phase_label.text() == "breathing in"
    assert screen.phase_label.objectName() == "breathword"
    assert screen.phase_label.font().pointSizeF() < PHASE_PT  # never the old large type
    clock.set(5.0)
    screen.tick()
    assert screen.phase_label.text() == "breathing out"


def test_holds_are_named_holds(qtbot):
    clock = FakeClock()
    screen = open_screen(qtbot, clock, None, pattern=PRESETS["box"], allow_holds=True)
    clock.set(5.0)
    screen.tick()
    assert screen.phase_label.text() == "holding"


def test_the_word_can_be_switched_off_with_the_keyboard_and_stays_off(qtbot):
    store = SettingsStore()
    clock = FakeClock()
    screen = open_screen(qtbot, clock, store)
    screen.words_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(screen.words_button, Qt.Key.Key_Return)
    assert not screen.words_button.isChecked()
    assert screen.phase_label.text() == ""
    clock.set(5.0)
    screen.tick()
    assert screen.phase_label.text() == ""  # the shape alone leads
    assert store.get(BREATH_WORDS) is False
    # The next practice remembers.
    again = open_screen(qtbot, FakeClock(), store)
    assert again.phase_label.text() == "" and not again.words_button.isChecked()
    qtbot.keyClick(again.words_button, Qt.Key.Key_Return)
    assert again.phase_label.text() == "breathing in"


def test_numbers_show_when_asked_for_and_the_choice_is_kept(qtbot):
    store = SettingsStore()
    clock = FakeClock()
    screen = open_screen(qtbot, clock, store)
    screen.numbers_button.click()
    assert screen.count_label.isVisibleTo(screen)
    assert screen.count_label.text() == "4"
    assert screen.time_left_label.text().endswith(" left")
    assert "4 in · 6 out" in screen.about_label.text()
    # Kept on disk: another process reads the choice.
    code = (
        "from kapcompanion.services.settings import SettingsStore;"
        "from kapcompanion.ui.breathing.screen import BREATH_NUMBERS;"
        "print(SettingsStore().get(BREATH_NUMBERS))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "True"
    assert store.get(BREATH_NUMBERS) is True


def test_a_presented_screen_shows_no_numbers_even_when_asked_for(qtbot):
    store = SettingsStore()
    store.set(BREATH_NUMBERS, True)
    clock = FakeClock()
    screen = open_screen(qtbot, clock, store)
    assert numbers_in(shown_texts(screen, leave_out=(screen.hint_label,)))  # asked: shown
    screen.fit_for_presentation(1.5)
    for t in (0.5, 3.0, 6.0, 9.5):
        clock.set(t)
        screen.tick()
        assert numbers_in(shown_texts(screen)) == [], shown_texts(screen)
    assert not screen.numbers_button.isVisibleTo(screen)
    assert screen.phase_label.text() == "breathing out"
    # The person's choice here is left as it was.
    assert store.get(BREATH_NUMBERS) is True
