"""The client's screen rests dimmed (a pause, or "stop here?" asked on the therapist's screen)
and comes back exactly as it was, however often it rests."""

from __future__ import annotations

from PySide6.QtGui import QImage

from kapcompanion.domain.clock import FakeClock
from kapcompanion.storage.library import load_builtin
from kapcompanion.ui.exercise.presented import ExercisePresented
from kapcompanion.ui.exercise.screen import ExerciseScreen
from kapcompanion.ui.presentation import present as pr
from kapcompanion.ui.shell.theme import PRESENT


def brightness(image: QImage) -> int:
    """The lightness of the picture's lightest pixel (0 black, 255 white): its words."""
    return max(
        image.pixelColor(x, y).lightness()
        for x in range(image.width())
        for y in range(image.height())
    )


def test_the_clients_screen_dims_while_it_rests_and_comes_back_as_it_was(qtbot):
    clock = FakeClock(10.0)
    exercise = next(e for e in load_builtin()[0] if e.id == "session-close")
    content = ExerciseScreen(exercise, clock, PRESENT)
    p = pr.Presentation(ExercisePresented(content), clock, separate_controls=True)
    p.show()
    view = p.view
    qtbot.waitExposed(view)
    awake = view.grab().toImage()
    for _round in range(2):
        p.toggle_pause()
        p.refresh()
        assert view.resting
        rested = view.grab().toImage()
        assert brightness(rested) < brightness(awake) * 0.8  # dimmed, not hidden
        p.toggle_pause()
        p.refresh()
        assert not view.resting
        assert view.grab().toImage() == awake  # the same pixels as before it rested
    p.close()
