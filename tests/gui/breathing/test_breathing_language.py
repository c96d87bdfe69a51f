"""The breathing screen in the person's language: every word it shows goes through a
translation (the pseudo-language finds any that does not), and in Spanish nothing is cut off,
even at 200 % text."""

from __future__ import annotations

from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.pacing import DEFAULT_PATTERN, PRESETS, PacerTimeline, find_pattern
from kapcompanion.ui.breathing.screen import BreathingScreen
from tests.helpers.layout import clipped, squeezed
from tests.helpers.pseudo import untranslated_in
from tests.helpers.windows import shown_window

RESONANCE = PRESETS["resonance"]
NOT_MINE: list[str] = []  # every area's words are translated now

ALLOWED = [word for words in NOT_MINE for word in words.split()]


def open_screen(qtbot, clock: FakeClock, *, numbers: bool = True) -> BreathingScreen:
    config = BreathingConfig(pattern=RESONANCE, minutes=1, glide=False)
    screen = BreathingScreen(config, clock)
    screen.show_numbers(numbers)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    qtbot.waitExposed(screen)
    screen.start()
    return screen


def test_every_word_of_the_breathing_screen_is_translated(qtbot, pseudo):
    clock = FakeClock()
    screen = open_screen(qtbot, clock)
    clock.advance(2.0)
    screen.tick()
    assert screen.pause_button.text() == "⟦Pause⟧"
    assert untranslated_in(screen, ALLOWED) == [], "running"
    screen.toggle_pause()
    assert untranslated_in(screen, ALLOWED) == [], "paused"
    screen.toggle_pause()
    screen.ask_stop()
    assert screen.asking
    assert untranslated_in(screen, ALLOWED) == [], "asking to stop"
    screen.keep_going()
    clock.set(PacerTimeline(RESONANCE, 60.0).end_time + 0.01)
    screen.tick()
    assert screen.finished
    assert untranslated_in(screen, ALLOWED) == [], "the end"


def test_in_spanish_at_200_percent_nothing_is_cut_off(qtbot, spanish_at_200):
    clock = FakeClock()
    window = shown_window(qtbot, clock)
    config = BreathingConfig(find_pattern(DEFAULT_PATTERN, allow_holds=False), minutes=1)
    screen = window.open_breathing(config)
    window.start_breathing(config, screen)
    assert isinstance(screen, BreathingScreen)
    qtbot.wait(50)
    assert screen.pause_button.text() == "Pausa"
    assert screen.words_button.text() == "Palabras: sí"
    assert clipped(window) + squeezed(window) == [], "running"
    screen.toggle_pause()
    qtbot.wait(50)
    assert screen.hint_label.text() == "Cuando quieras, con Espacio o «Seguir» continúas."
    assert clipped(window) + squeezed(window) == [], "paused"
    screen.toggle_pause()
    clock.advance(3600.0)
    screen.tick()
    assert screen.finished
    qtbot.wait(50)
    assert screen.phase_label.text() == "Aquí termina esta práctica."
    assert clipped(window) + squeezed(window) == [], "the end"


# The breath's words in Spanish (the domain's, from the shared glossary), and the pause's.
SPANISH_BREATH_WORDS = ("inhala", "exhala", "pausa con aire", "pausa sin aire", "en pausa")


def test_the_spanish_breath_words_fit_their_place(qtbot, spanish_at_200):
    window = shown_window(qtbot, FakeClock())
    config = BreathingConfig(find_pattern(DEFAULT_PATTERN, allow_holds=False), minutes=1)
    screen = window.open_breathing(config)
    window.start_breathing(config, screen)
    assert isinstance(screen, BreathingScreen)
    screen.pause()
    qtbot.wait(50)
    label = screen.phase_label
    for word in SPANISH_BREATH_WORDS:
        label.setText(word)
        assert label.fontMetrics().horizontalAdvance(word) <= label.width(), word
        assert label.height() >= label.fontMetrics().height(), word
    # In the narrowest window each word still fits across. (At 200 % text a window of the
    # least height, 560 px, lacks room for the whole screen in any language.)
    window.resize(720, 560)
    qtbot.waitUntil(lambda: window.width() == 720)
    for word in SPANISH_BREATH_WORDS:
        label.setText(word)
        assert label.fontMetrics().horizontalAdvance(word) <= label.width(), word
