"""No flashing (WCAG 2.3.1): the breathing screen's real frames, rendered offscreen on a fake clock
at 30 frames a second over whole cycles of every preset, never swing in luminance more than three
times in any second.

A swing is a change of at least 0.1 in relative luminance between a lighter and a darker state,
where the darker state is below 0.80, measured as the mean over a large area (the whole screen and
a block around the disc a quarter of the screen in size).
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.pacing import PRESETS
from kapcompanion.ui.breathing.screen import BreathingScreen
from kapcompanion.ui.shell import theme as themes
from kapcompanion.ui.shell.theme import CHOOSABLE, DARK, Theme

FPS = 30
SIZE = (960, 600)
MAX_SWINGS_PER_SECOND = 3


def _linear_table() -> np.ndarray:
    c = np.arange(256) / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


#: sRGB channel value (0-255) to linear light, as WCAG defines it.
LINEAR = _linear_table()


def luminance(image: QImage) -> np.ndarray:
    """Relative luminance of every pixel of ``image``."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    w, h = image.width(), image.height()
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    pixels = data.reshape(h, image.bytesPerLine() // 4, 4)[:, :w, :3]
    b, g, r = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    return 0.2126 * LINEAR[r] + 0.7152 * LINEAR[g] + 0.0722 * LINEAR[b]


def swings(series: list[float], threshold: float = 0.1, dark: float = 0.8) -> list[int]:
    """Frame indices at which a swing completes: the luminance has moved by at least
    ``threshold`` away from the last turning point, and the darker of the two states is below
    ``dark``. Small wobbles never add up to a swing; a slow breath is one swing per half-cycle."""
    found: list[int] = []
    turn = series[0]  # the last turning point (or the start)
    trend = 0  # +1 rising, -1 falling, 0 not yet moved enough
    for i, value in enumerate(series[1:], start=1):
        if (trend > 0 and value > turn) or (trend < 0 and value < turn):
            turn = value  # still going the same way: the turning point moves with it
            continue
        moved = value - turn
        if abs(moved) >= threshold and min(value, turn) < dark:
            found.append(i)
            trend = 1 if moved > 0 else -1
            turn = value
    return found


def most_in_one_second(frames: list[int], fps: int = FPS) -> int:
    best = 0
    for k, start in enumerate(frames):
        best = max(best, sum(1 for f in frames[k:] if f - start < fps))
    return best


def render_cycles(qtbot, key: str, theme: Theme, reduced_motion: bool) -> dict[str, list[float]]:
    # A known look, whatever earlier tests did to the application's style.
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    themes.set_text_scale(100)
    themes.apply(app, theme)
    pattern = PRESETS[key]
    clock = FakeClock()
    config = BreathingConfig(
        pattern=pattern,
        minutes=1,
        glide=False,
        reduced_motion=reduced_motion,
        allow_holds=pattern.has_holds,
    )
    screen = BreathingScreen(config, clock, theme)
    qtbot.addWidget(screen)
    screen.resize(*SIZE)
    screen.show()
    qtbot.waitExposed(screen)
    screen.start()
    screen._timer.stop()  # the fake clock drives every frame here
    # A block a quarter of the screen's area, centred on the disc (WCAG's "large area" is about
    # a quarter of the central field of view).
    w, h = screen.width(), screen.height()
    centre_point = screen.disc.mapTo(screen, screen.disc.rect().center())
    cx = min(max(centre_point.x(), w // 4), w - w // 4)
    cy = min(max(centre_point.y(), h // 4), h - h // 4)
    block = (slice(cy - h // 4, cy + h // 4), slice(cx - w // 4, cx + w // 4))
    whole: list[float] = []
    centre: list[float] = []
    # One whole cycle and a little more: every turn of the breath is seen once.
    frames = int((1.25 * pattern.cycle_seconds) * FPS)
    for n in range(frames):
        clock.set(n / FPS)
        screen.tick()
        if screen.finished:
            break
        lum = luminance(screen.grab().toImage())
        whole.append(float(lum.mean()))
        centre.append(float(lum[block].mean()))
    screen.stop()
    themes.apply(app, DARK)
    return {"whole screen": whole, "centre block": centre}


def test_the_swing_counter_catches_a_flash():
    # Alternating dark and light frames at 30 a second: 30 swings a second.
    flashing = [0.05, 0.6] * 30
    assert most_in_one_second(swings(flashing)) > MAX_SWINGS_PER_SECOND
    # Two slow changes a second apart are two swings, never more in one second.
    slow = [0.05] * 15 + [0.6] * 30 + [0.05] * 30
    assert len(swings(slow)) == 2
    assert most_in_one_second(swings(slow)) == 1
    # Changes that stay small are no swings at all, nor are changes among very light states.
    assert swings([0.1, 0.15] * 30) == []
    assert swings([0.85, 0.99] * 30) == []


@pytest.mark.parametrize("key", list(PRESETS))
@pytest.mark.parametrize("reduced_motion", [False, True], ids=["moving", "reduced-motion"])
def test_no_preset_flashes(qtbot, key, reduced_motion):
    series = render_cycles(qtbot, key, DARK, reduced_motion)
    for area, values in series.items():
        assert len(values) >= FPS * PRESETS[key].cycle_seconds, "too few frames"
        found = swings(values)
        worst = most_in_one_second(found)
        assert worst <= MAX_SWINGS_PER_SECOND, f"{key}, {area}: {worst} swings in one second"
        # The frames really changed (the test watched a moving shape, not a frozen one).
        assert max(values) - min(values) > 0.005, f"{key}, {area}: nothing changed"


@pytest.mark.parametrize("palette", [t for t in CHOOSABLE if t is not DARK], ids=lambda t: t.name)
def test_no_flash_in_the_other_themes(qtbot, palette):
    for key in ("cyclic-sigh",):  # the quickest turn of all the presets (1 s)
        series = render_cycles(qtbot, key, palette, reduced_motion=False)
        for area, values in series.items():
            worst = most_in_one_second(swings(values))
            assert worst <= MAX_SWINGS_PER_SECOND, f"{palette.name} {key}, {area}: {worst}"
