"""The repaint rectangles cover every pixel the moving edge can touch."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kapcompanion.ui.breathing import dirty

STRATEGIES = ["square", "frame", "arcs", "arcs3", "arcs12"]


def covered(rects, x: int, y: int) -> bool:
    return any(rx <= x < rx + w and ry <= y < ry + h for rx, ry, w, h in rects)


def ring_pixels(cx, cy, r_a, r_b, reach=1.0):
    """Pixels whose centre lies within ``reach`` of the ring between the two radii."""
    lo, hi = min(r_a, r_b) - reach, max(r_a, r_b) + reach
    for y in range(math.floor(cy - hi) - 1, math.ceil(cy + hi) + 2):
        for x in range(math.floor(cx - hi) - 1, math.ceil(cx + hi) + 2):
            d = math.hypot(x + 0.5 - cx, y + 0.5 - cy)
            if lo <= d <= hi:
                yield x, y


@pytest.mark.parametrize("strategy", STRATEGIES)
@settings(max_examples=40, deadline=None)
@given(
    cx=st.floats(60, 200),
    cy=st.floats(60, 200),
    r_a=st.floats(2, 50),
    step=st.floats(-6, 6),
)
def test_every_pixel_the_edge_touches_is_repainted(strategy, cx, cy, r_a, step):
    r_b = max(1.0, r_a + step)
    rects = dirty.ring(strategy, cx, cy, r_a, r_b)
    for w_h in rects:
        assert w_h[2] >= 0 and w_h[3] >= 0
    for x, y in ring_pixels(cx, cy, r_a, r_b):
        assert covered(rects, x, y), (strategy, x, y)


def test_thinner_strategies_repaint_less_of_a_large_disc():
    args = (640.0, 400.0, 250.0, 251.0)
    areas = {s: dirty.area(dirty.ring(s, *args)) for s in STRATEGIES}
    assert areas["arcs12"] < areas["arcs"] < areas["arcs3"] < areas["frame"] < areas["square"]
    # Six arcs a quarter repaint under a sixth of the bounding square.
    assert areas["arcs"] < areas["square"] / 6


def test_the_fill_band_covers_the_line_between_two_fill_heights():
    rects = dirty.fill_band(100.0, 100.0, 40.0, 120.2, 118.7)
    assert covered(rects, 60, 119) and covered(rects, 139, 118)
    assert not covered(rects, 100, 110)


def test_an_unknown_strategy_is_named():
    with pytest.raises(ValueError, match="unknown repaint strategy 'blur'"):
        dirty.ring("blur", 0, 0, 1, 2)
