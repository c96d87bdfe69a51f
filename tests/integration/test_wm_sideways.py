"""200 % text set live, in Spanish, with a real window manager (openbox): no page that scrolls
runs off to the side.

At 200 % in Spanish, Settings scrolled sideways by about a scroll bar's width: check boxes and
buttons kept their words on one line, and rows of a caption and its control never broke, so the
page's least width was wider than the window (by 560 px at 720x560). The journal's list did the
same at 1280x800 by the width of its vertical scroll bar. In the least window (720x560) History
ran 305 px off to the side and the editor's two panels 224 and 203 px. Checked on every main
screen, on the whole screen and in the least window.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers.window_manager import desktop, desktop_available, run_child

pytestmark = [
    pytest.mark.xvfb,
    pytest.mark.skipif(desktop_available() is not None, reason=str(desktop_available())),
]

SCREENS = (
    "settings",
    "settings half way",
    "settings scrolled",
    "history",
    "journal",
    "editor",
    "plan",
    "help",
)


def _seen(size: str) -> dict[str, Any]:
    with desktop(("1280x800x24",)) as display:
        return run_child(
            display, "tests.integration.fit_child", "sideways", "--size", size, "--language", "es"
        )


@pytest.mark.parametrize("size", ["screen", "720x560"])  # on a 1280x800 screen
def test_no_page_scrolls_sideways_at_200_percent_in_spanish(size: str) -> None:
    seen = _seen(size)
    assert set(seen) == set(SCREENS)
    wide = {name: seen[name]["sideways"] for name in SCREENS}
    assert all(not found for found in wide.values()), wide
    cut = {name: seen[name]["clipped"] for name in SCREENS}
    assert all(not found for found in cut.values()), cut
