"""A minimised breathing window (openbox on Xvfb) draws no frames and wakes once a second for
the clock; shown again, it is at the clock's moment at once."""

from __future__ import annotations

import pytest

from tests.helpers.window_manager import desktop, desktop_available, run_child

pytestmark = [
    pytest.mark.xvfb,
    pytest.mark.skipif(desktop_available() is not None, reason=str(desktop_available())),
]


def test_a_minimised_practice_rests_its_frames_and_comes_back_on_time() -> None:
    with desktop() as display:
        seen = run_child(display, "tests.integration.wm_child", "minimized")
    assert seen["visible"] >= 40  # about 60 a second while it moves (2 s; a busy machine)
    assert seen["hidden"] <= 4  # once a second for the clock (3 s)
    assert seen["back"] >= 20
    assert abs(seen["behind_s"]) < 0.1  # the frame shown on return is the clock's own
