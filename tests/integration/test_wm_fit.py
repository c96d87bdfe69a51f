"""With a real window manager (openbox on Xvfb), every window and its frame fit the screen.

openbox puts a title bar above a window, outside the size the app asks for: the 1280x800 main
window on a 1280x800 screen had its frame 825 px high, and the editor's Save and Preview,
History's Export and home's last buttons were below the screen's edge.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers.window_manager import desktop, desktop_available, run_child

pytestmark = [
    pytest.mark.xvfb,
    pytest.mark.skipif(desktop_available() is not None, reason=str(desktop_available())),
]

WINDOWS = (
    "home",
    "editor",
    "settings",
    "rating",
    "first start",
    "history",
    "export",
    "delete all",
    "help",
)


def inside(frame: list[int], area: list[int]) -> bool:
    x, y, w, h = frame
    ax, ay, aw, ah = area
    return ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah


def check_fit(seen: dict[str, Any]) -> None:
    assert set(seen) == set(WINDOWS)
    for name, where in seen.items():
        assert where["framed"], f"{name}: openbox gave it no title bar"
        assert inside(where["frame"], where["area"]), f"{name}: {where}"
        assert where["outside"] == [], f"{name}: {where['outside']}"
        assert where["squeezed"] == [], f"{name}: {where['squeezed']}"


@pytest.mark.parametrize("text_size", [100, 200])
def test_every_window_with_its_title_bar_fits_an_800_px_screen(text_size: int) -> None:
    with desktop(("1280x800x24",)) as display:
        seen = run_child(
            display, "tests.integration.wm_child", "fit", "--text-size", str(text_size)
        )
    check_fit(seen)
    # The main window keeps as much of its usual size as the screen allows.
    _x, _y, w, h = seen["home"]["frame"]
    assert h == 800 and w >= 1270
