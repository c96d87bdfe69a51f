"""The exercise screen's own words (the step, the breath's word, the answer box and its count)
follow the person's text size, set live, as every other word does."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kapcompanion.domain.clock import FakeClock
from kapcompanion.services.settings import TEXT_SIZE, SettingsStore
from kapcompanion.ui.exercise.screen import ExerciseScreen
from kapcompanion.ui.exercise.widgets import TextInputWidget
from kapcompanion.ui.shell.appearance import apply_appearance
from tests.gui.exercise.test_exercise_language import EXERCISE
from tests.helpers.windows import shown_window


@pytest.fixture
def at_100() -> Iterator[SettingsStore]:
    store = SettingsStore()
    store.set(TEXT_SIZE, 100)
    apply_appearance(store)
    yield store
    store.set(TEXT_SIZE, 100)
    apply_appearance(store)


def sizes(screen: ExerciseScreen) -> dict[str, int]:
    answer = screen.input_widget
    assert isinstance(answer, TextInputWidget)
    return {
        "step": screen.step_text.font().pointSize(),
        "answer": answer.edit.font().pointSize(),
        "count": answer.counter.font().pointSize(),
    }


def test_the_steps_words_grow_with_the_text_size_set_live(qtbot, at_100):
    clock = FakeClock(1000.0)
    window = shown_window(qtbot, clock)
    screen = window.start_exercise(EXERCISE)
    screen.start()
    for _ in range(3):  # to the step with words to write
        screen.next()
        clock.advance(2.0)
        screen.tick()
    before = sizes(screen)
    window.settings.set(TEXT_SIZE, 200)
    qtbot.wait(50)
    after = sizes(screen)
    for part, size in before.items():
        assert after[part] >= 1.8 * size, (part, size, after[part])
    answer = screen.input_widget
    assert isinstance(answer, TextInputWidget)
    two_lines = 2 * answer.edit.fontMetrics().lineSpacing()
    assert answer.edit.height() >= two_lines, "the answer box has room for two lines"
