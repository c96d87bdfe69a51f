"""The app in a real X window (Xvfb, the xcb platform, not offscreen) grabs itself to a PNG."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtGui import QColor, QImage

from kapcompanion.ui.shell.theme import DARK
from tests.helpers.cli import run_app
from tests.helpers.xvfb import xvfb, xvfb_available

pytestmark = [
    pytest.mark.xvfb,
    pytest.mark.skipif(xvfb_available() is not None, reason=str(xvfb_available())),
]


def run_on(display: str, *args: str, timeout: float = 60.0) -> subprocess.CompletedProcess[str]:
    return run_app(*args, env={"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}, timeout=timeout)


def count_colour(image: QImage, colour: str, step: int = 2) -> int:
    wanted = QColor(colour).rgb()
    return sum(
        1
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
        if image.pixel(x, y) == wanted
    )


def test_the_breathing_screen_shows_the_disc_in_a_real_window(tmp_path):
    shot = tmp_path / "breathing.png"
    with xvfb() as display:
        result = run_on(
            display, "breathe", "--pattern", "resonance", "--minutes", "1",
            "--screenshot", str(shot), "--quit-after", "2.5",
        )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert shot.exists()
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1280, 800)
    # The disc is there, in its colour, and fills a good part of the window (a quarter of
    # pixels sampled on a 2 px grid is ~64,000 pixels; the smallest disc alone is ~20,000).
    disc = count_colour(image, DARK.accent)
    assert disc > 2_000
    background = count_colour(image, DARK.background)
    assert background > 20_000
    assert "Traceback" not in result.stderr
    assert "Error calling Python override" not in result.stderr


def test_the_home_screen_opens_in_a_real_window(tmp_path):
    shot = tmp_path / "home.png"
    with xvfb() as display:
        result = run_on(display, "--screenshot", str(shot), "--quit-after", "1.0")
        assert result.returncode == 2  # hidden options belong to a command
        result = run_on(display, "run", "--screenshot", str(shot), "--quit-after", "1.0")
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1280, 800)
    # Not blank: the start button is drawn in the accent colour, the page in the background
    # colour, and the card and text in others.
    assert count_colour(image, DARK.accent, step=1) > 1_000
    samples = (1280 // 2) * (800 // 2)
    assert samples // 2 < count_colour(image, DARK.background) < samples - 10_000
    assert "Traceback" not in result.stderr
    assert "Error calling Python override" not in result.stderr
