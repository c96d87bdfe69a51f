"""Issue 15, item 15: the words of the buttons say one thing each.

- Paused, "Carry on" (back to the practice) is never beside "Continue" (to the next step): the
  buttons that move to another step stand aside until the practice carries on.
- The last step's button says Finish, not Next.
- The sound switch says how sound is ("Sound: off"), not something that reads as an order.
- The first-start notice sends the person to the button by its own name ("Edit these").
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.crisis import CrisisRegion
from kapcompanion.ui.shell.first_start import crisis_text
from kapcompanion.ui.shell.volume import VolumeControl
from tests.gui.exercise.test_exercise import EXERCISE, begin, go_to, later, press, shown
from tests.helpers.windows import shown_window

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot):
    return shown_window(qtbot, FakeClock(50.0))


def visible_texts(screen) -> list[str]:
    c = screen.controls
    buttons = (c.back_button, c.pause_button, c.next_button, c.continue_button, c.stop_button)
    return [b.text() for b in buttons if b.isVisible()]


def test_paused_carry_on_is_the_one_way_forward(window, qtbot):
    screen = begin(window)
    go_to(window, screen, qtbot, "A word for right now?")  # a step that waits: Continue
    assert "Continue" in visible_texts(screen)
    screen.controls.continue_button.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert screen.paused
    texts = visible_texts(screen)
    assert "Carry on" in texts and "Continue" not in texts and "Next" not in texts
    assert QApplication.focusWidget() is screen.controls.pause_button  # focus is not lost
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert not screen.paused and "Continue" in visible_texts(screen)


def test_the_last_step_says_finish_and_the_others_next_or_continue(window, qtbot):
    screen = begin(window)
    assert "Next" in visible_texts(screen) and "Finish" not in visible_texts(screen)
    last = EXERCISE.steps[-1].text
    go_to(window, screen, qtbot, last)
    assert shown(screen) == last
    texts = visible_texts(screen)
    assert "Finish" in texts and "Next" not in texts and "Continue" not in texts
    press(qtbot, Qt.Key.Key_Right)
    later(window, screen, 0.1)
    assert screen.mode == "closing"


def test_the_sound_switch_says_how_sound_is(qtbot):
    control = VolumeControl()
    qtbot.addWidget(control)
    assert control.switch.text() in ("Sound: on", "Sound: off")
    assert control.switch.text() == "Sound: off"  # no sound controller yet: off


def test_the_notice_names_the_edit_button_by_its_own_words():
    text = crisis_text(CrisisRegion(key="nowhere", name="Nowhere"))
    assert text.endswith("You can add one with “Edit these”.")
