"""The exercise screen in the person's language: every word of the screen's own goes through a
translation (the pseudo-language finds any that does not), and in Spanish at 200 % text
nothing is cut off."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.script_check import parse_script
from kapcompanion.ui.exercise.controller import ScreenMode
from kapcompanion.ui.exercise.screen import ExerciseScreen
from kapcompanion.ui.exercise.widgets import AnswerText
from tests.helpers.layout import clipped, squeezed
from tests.helpers.pseudo import untranslated_in
from tests.helpers.windows import shown_window

# A script's words are the script's (each language has its own scripts), not the screen's: here
# they come already marked, so only the screen's own words can show up unmarked.
SCRIPT = """
id = "words"
title = "⟦Every kind of step⟧"
description = "⟦One of each.⟧"
for = ["any-time"]
minutes = 3

[[step]]
text = "⟦You might settle in.⟧"
seconds = 10

[[step]]
text = "⟦A few easy breaths, if it feels right.⟧"
breathing = { preset = "resonance", seconds = 20 }

[[step]]
text = "⟦How settled do you feel?⟧"
until_continue = true

[step.input]
type = "rating"
key = "settled"
low = "⟦not settled⟧"
high = "⟦very settled⟧"

[[step]]
text = "⟦A word for right now?⟧"
until_continue = true

[step.input]
type = "text"
key = "word"
max_length = 20
hint = "⟦a word⟧"

[[step]]
text = "⟦You might look over these.⟧"
until_continue = true

[step.input]
type = "checklist"
key = "ready"
items = ["⟦Water nearby⟧", "⟦A blanket⟧"]
"""
EXERCISE = parse_script(SCRIPT, "words.toml")
NOT_MINE: list[str] = []  # every area's words are translated now
ALLOWED = [word for words in NOT_MINE for word in words.split()]


def begin(qtbot, clock: FakeClock) -> tuple[object, ExerciseScreen]:
    window = shown_window(qtbot, clock)
    screen = window.start_exercise(EXERCISE)
    screen.start()
    return window, screen


def later(screen: ExerciseScreen, clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    screen.tick()


def test_every_word_of_the_exercise_screen_is_translated(qtbot, pseudo):
    clock = FakeClock(1000.0)
    _window, screen = begin(qtbot, clock)
    later(screen, clock, 2.0)
    assert screen.next_button.text() == "⟦Next⟧"
    assert untranslated_in(screen, ALLOWED) == [], "a step"
    screen.toggle_pause()
    assert screen.paused
    assert untranslated_in(screen, ALLOWED) == [], "paused"
    screen.toggle_pause()
    screen.next()
    later(screen, clock, 3.0)
    assert untranslated_in(screen, ALLOWED) == [], "a breathing step"
    screen.next()
    later(screen, clock, 2.0)
    screen.input_widget.setFocus()  # the rating, with its own keys' line
    assert untranslated_in(screen, ALLOWED) == [], "a rating"
    screen.next()
    later(screen, clock, 2.0)
    assert isinstance(QApplication.focusWidget(), AnswerText)
    qtbot.keyClicks(QApplication.focusWidget(), "calm")
    assert untranslated_in(screen, ALLOWED) == [], "a writing step"
    screen.next()
    later(screen, clock, 2.0)
    assert untranslated_in(screen, ALLOWED) == [], "a checklist"
    screen.request_stop()
    assert screen.mode is ScreenMode.PROMPT
    assert untranslated_in(screen, ALLOWED) == [], "asking to stop"
    screen.keep_going()
    screen.next()
    later(screen, clock, 2.0)
    assert screen.mode is ScreenMode.CLOSING
    assert untranslated_in(screen, ALLOWED) == [], "the closing words"


def cut_off(window: QWidget) -> list[str]:
    return clipped(window) + squeezed(window)


def test_in_spanish_at_200_percent_nothing_is_cut_off(qtbot, spanish_at_200):
    clock = FakeClock(1000.0)
    window, screen = begin(qtbot, clock)
    later(screen, clock, 2.0)
    qtbot.wait(50)
    assert screen.next_button.text() == "Siguiente"
    assert cut_off(window) == [], "a step"
    screen.toggle_pause()
    qtbot.wait(50)
    assert screen.paused_label.text().startswith("En pausa.")
    assert cut_off(window) == [], "paused"
    screen.toggle_pause()
    for _ in range(3):
        screen.next()
        later(screen, clock, 2.0)
    qtbot.wait(50)
    assert isinstance(QApplication.focusWidget(), AnswerText)
    assert screen.hint_label.text().startswith("Puedes escribir")
    assert cut_off(window) == [], "a writing step"
    screen.request_stop()
    qtbot.wait(50)
    assert cut_off(window) == [], "asking to stop"
    screen.keep_going()
    screen.next()
    screen.next()
    later(screen, clock, 2.0)
    qtbot.wait(50)
    assert screen.mode is ScreenMode.CLOSING
    assert cut_off(window) == [], "the closing words"
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
