"""Home by how a person feels, and the one key (F2) to "when it gets big"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QScrollArea

from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.feelings import FEELINGS, Feeling, is_outside_in
from kapcompanion.domain.pacing import PRESETS
from kapcompanion.ui.exercise.screen import ExerciseScreen
from kapcompanion.ui.shell.home_feelings import BIG_KEY, HEADING
from kapcompanion.ui.shell.main_window import WHEN_IT_GETS_BIG
from tests.helpers.layout import clipped
from tests.helpers.windows import shown_window


@pytest.fixture
def window(qtbot):
    return shown_window(qtbot)


def _press(qtbot, button) -> None:
    """As a person with a keyboard: focus the button and press Space."""
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(button, Qt.Key.Key_Space)


def test_home_names_each_feeling_in_words(window):
    row = window.home.feelings
    assert row.heading.text() == HEADING
    titles = [b.text() for b in row.buttons.values()]
    assert titles == [
        "Overwhelmed",
        "Numb or far away",
        "Can't settle",
        "Memories coming up",
        "Just checking in",
    ]
    assert BIG_KEY in row.big_button.text()
    # The situations stay.
    assert len(window.home.situation_buttons) == 4
    for button in [*row.buttons.values(), row.big_button]:
        assert button.isVisibleTo(window.home)
        assert button.accessibleName() and button.accessibleDescription()


@pytest.mark.parametrize("feeling", list(Feeling))
def test_each_feeling_opens_an_outside_in_practice_first(window, qtbot, feeling):
    _press(qtbot, window.home.feelings.buttons[feeling])
    screen = window.current_screen
    assert isinstance(screen, ExerciseScreen), "no rating or other step before the practice"
    assert not screen.finished
    entry = next(e for e in FEELINGS if e.feeling is feeling)
    assert screen.exercise.id == entry.practices[0]
    assert is_outside_in(screen.exercise), screen.exercise.id


def test_back_home_the_feeling_offers_its_other_practices(window, qtbot):
    row = window.home.feelings
    _press(qtbot, row.buttons[Feeling.FAR_AWAY])
    assert window.current_screen.exercise.id == "coming-back"
    window.current_screen.stop()
    assert window.current_screen is window.home
    assert row.chosen is Feeling.FAR_AWAY
    assert row.buttons[Feeling.FAR_AWAY].property("chosen") is True
    assert row.offer_box.isVisibleTo(window.home)
    assert row.line.text().startswith("When things feel flat or distant")
    titles = [b.text() for b in row.also_buttons]
    assert titles == [window.library.find(i).title for i in FEELINGS[1].practices[1:]]
    # Tab reaches them after the row, and one starts with the keyboard.
    assert all(b in window.home.feelings.controls() for b in row.also_buttons)
    _press(qtbot, row.also_buttons[0])
    assert window.current_screen.exercise.id == FEELINGS[1].practices[1]


def test_f2_on_home_opens_when_it_gets_big_at_once(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F2)
    screen = window.current_screen
    assert isinstance(screen, ExerciseScreen)
    assert screen.exercise.id == WHEN_IT_GETS_BIG
    assert window.screen_count == 2
    # F2 again changes nothing.
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert window.current_screen is screen and window.screen_count == 2


def test_the_home_button_for_it_does_the_same(window, qtbot):
    _press(qtbot, window.home.feelings.big_button)
    assert window.current_screen.exercise.id == WHEN_IT_GETS_BIG


def test_f2_during_a_breathing_practice_moves_to_it(window, qtbot):
    config = BreathingConfig(pattern=PRESETS["resonance"], minutes=5, glide=False)
    breathing = window.start_breathing(config)
    window.clock.advance(20.0)
    breathing.tick()
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert not breathing.running
    screen = window.current_screen
    assert isinstance(screen, ExerciseScreen) and screen.exercise.id == WHEN_IT_GETS_BIG
    assert window.screen_count == 2
    assert window.practice.running is not None
    assert window.practice.running.ref == WHEN_IT_GETS_BIG


def test_f2_during_a_guided_practice_keeps_what_was_written(window, qtbot):
    ended = []
    window.practice.ended.connect(ended.append)
    check_in = window.library.find("daily-check-in")
    first = window.start_exercise(check_in)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert isinstance(window.current_screen, ExerciseScreen)
    assert window.current_screen is not first
    assert window.current_screen.exercise.id == WHEN_IT_GETS_BIG
    assert len(ended) == 1  # the check-in ended, recorded as it happened
    assert window.screen_count == 2


def test_f2_on_settings_leaves_it_alone(window, qtbot):
    settings = window.open_settings()
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert window.current_screen is settings


def test_the_rows_fit_and_nothing_is_cut_off(window):
    area = window.home.findChild(QScrollArea)
    assert not area.horizontalScrollBar().isVisible()
    viewport = area.viewport()
    row = window.home.feelings
    for button in [*row.buttons.values(), row.big_button]:
        left = button.mapTo(viewport, QPoint(0, 0)).x()
        assert left >= 0 and left + button.width() <= viewport.width()
        assert button.width() >= button.sizeHint().width() - 1
    assert clipped(window.home) == []


def _whole(button, viewport) -> bool:
    left = button.mapTo(viewport, QPoint(0, 0)).x()
    return (
        button.isVisibleTo(button.window())
        and left >= 0
        and left + button.width() <= viewport.width()
        and button.width() >= button.sizeHint().width() - 1
    )


def test_at_200_percent_set_live_the_big_button_moves_down_whole(window, qtbot):
    from kapcompanion.services.settings import TEXT_SIZE

    row = window.home.feelings
    area = window.home.findChild(QScrollArea)
    viewport = area.viewport()
    assert row.big_button.parentWidget() is not row  # by the title at 100 %
    # A feeling chosen before, so its other practices are offered too.
    _press(qtbot, row.buttons[Feeling.OVERWHELMED])
    window.current_screen.stop()
    assert len(row.also_buttons) == 4
    try:
        window.settings.set(TEXT_SIZE, 200)
        qtbot.waitUntil(lambda: row.big_button.parentWidget() is row, timeout=3000)
        qtbot.waitUntil(lambda: _whole(row.big_button, viewport), timeout=3000)
        for button in [*row.buttons.values(), *row.also_buttons]:
            assert _whole(button, viewport), button.text()
        assert not area.horizontalScrollBar().isVisible()
        assert clipped(window.home) == []
    finally:
        window.settings.set(TEXT_SIZE, 100)
    qtbot.waitUntil(lambda: row.big_button.parentWidget() is not row, timeout=3000)


def test_tab_reaches_every_feeling_and_the_arrows_start_nothing(window, qtbot):
    from PySide6.QtWidgets import QApplication

    home = window.home
    row = home.feelings
    last_situation = list(home.situation_buttons.values())[-1]
    last_situation.setFocus(Qt.FocusReason.TabFocusReason)
    reached = []
    for _ in range(len(row.buttons)):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached == list(row.buttons.values())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    assert window.current_screen is home  # moving is never choosing
    # The big button comes first of all, in the title row.
    home.about_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(home.about_button, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is row.big_button


def test_f2_on_home_leaves_a_practice_presented_elsewhere_alone(window, qtbot):
    from kapcompanion.domain.practice import Kind
    from kapcompanion.services.events import PracticeStart

    presented = PracticeStart(Kind.BREATHING, "resonance", "Breathing · Resonance", 300.0)
    window.practice.start(presented)  # as a presentation on the client's screen reports it
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert window.current_screen is window.home
    assert window.practice.running is presented
