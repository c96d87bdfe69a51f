"""Which pixels can change when a disc's radius changes (plain Python, no Qt).

Painting costs in proportion to the area repainted, so the breathing disc asks Qt to repaint
only rectangles that cover the ring between the old and the new radius (plus a margin for the
antialiased edge). Each function returns integer rectangles ``(x, y, width, height)`` in the
widget's pixels; together they cover every pixel whose centre lies within ``margin`` of the
ring ``min(r_a, r_b) <= distance <= max(r_a, r_b)`` around ``(cx, cy)``.

Strategies, from the largest area to the smallest:

- ``square``: the bounding square of the larger circle.
- ``frame``: that square without the inscribed square of the smaller circle (4 rectangles).
- ``arcs``: each quarter of the ring cut into ``segments`` arcs, each arc's bounding box.
- ``fill_band``: for the reduced-motion fill, the horizontal band between two fill heights.
"""

from __future__ import annotations

import math

Rect = tuple[int, int, int, int]

#: Extra pixels around the ring: the antialiased edge touches pixels up to ~0.71 px away.
MARGIN = 1.5


def _box(x0: float, y0: float, x1: float, y1: float) -> Rect:
    left = math.floor(x0)
    top = math.floor(y0)
    return (left, top, math.ceil(x1) - left, math.ceil(y1) - top)


def square(cx: float, cy: float, r_a: float, r_b: float, margin: float = MARGIN) -> list[Rect]:
    r = max(r_a, r_b) + margin
    return [_box(cx - r, cy - r, cx + r, cy + r)]


def frame(cx: float, cy: float, r_a: float, r_b: float, margin: float = MARGIN) -> list[Rect]:
    outer = max(r_a, r_b) + margin
    inner = min(r_a, r_b) - margin
    half = inner / math.sqrt(2.0)
    if half < 1.0:
        return square(cx, cy, r_a, r_b, margin)
    x0, y0, w, h = _box(cx - outer, cy - outer, cx + outer, cy + outer)
    x1, y1 = x0 + w, y0 + h
    # The inscribed square, shrunk to whole pixels that are surely inside the smaller circle.
    ix0 = math.ceil(cx - half)
    iy0 = math.ceil(cy - half)
    ix1 = math.floor(cx + half)
    iy1 = math.floor(cy + half)
    if ix1 <= ix0 or iy1 <= iy0:
        return [(x0, y0, w, h)]
    return [
        (x0, y0, w, iy0 - y0),  # above
        (x0, iy1, w, y1 - iy1),  # below
        (x0, iy0, ix0 - x0, iy1 - iy0),  # left
        (ix1, iy0, x1 - ix1, iy1 - iy0),  # right
    ]


def arcs(
    cx: float,
    cy: float,
    r_a: float,
    r_b: float,
    margin: float = MARGIN,
    segments: int = 6,
) -> list[Rect]:
    """Bounding boxes of ``4 * segments`` pieces of the ring (fewer where pieces merge)."""
    outer = max(r_a, r_b) + margin
    inner = max(0.0, min(r_a, r_b) - margin)
    if inner <= 0.0:
        return square(cx, cy, r_a, r_b, margin)
    rects: list[Rect] = []
    step = (math.pi / 2) / segments
    for i in range(segments):
        a0 = i * step
        a1 = (i + 1) * step
        # In the first quarter x = r cos(a) falls and y = r sin(a) rises with the angle.
        dx0 = inner * math.cos(a1)
        dx1 = outer * math.cos(a0)
        dy0 = inner * math.sin(a0)
        dy1 = outer * math.sin(a1)
        rects.append(_box(cx + dx0, cy + dy0, cx + dx1, cy + dy1))
        rects.append(_box(cx - dx1, cy + dy0, cx - dx0, cy + dy1))
        rects.append(_box(cx + dx0, cy - dy1, cx + dx1, cy - dy0))
        rects.append(_box(cx - dx1, cy - dy1, cx - dx0, cy - dy0))
    return rects


def fill_band(
    cx: float, cy: float, radius: float, y_a: float, y_b: float, margin: float = MARGIN
) -> list[Rect]:
    """The band between two fill lines (y in widget pixels) across a disc of ``radius``."""
    top = min(y_a, y_b) - margin
    bottom = max(y_a, y_b) + margin
    return [_box(cx - radius - margin, top, cx + radius + margin, bottom)]


def area(rects: list[Rect]) -> int:
    """Sum of the rectangles' areas (overlaps counted twice)."""
    return sum(w * h for _, _, w, h in rects)


STRATEGIES = ("square", "frame", "arcs")


def ring(
    strategy: str, cx: float, cy: float, r_a: float, r_b: float, margin: float = MARGIN
) -> list[Rect]:
    """The rectangles for one of :data:`STRATEGIES`."""
    if strategy == "square":
        return square(cx, cy, r_a, r_b, margin)
    if strategy == "frame":
        return frame(cx, cy, r_a, r_b, margin)
    if strategy.startswith("arcs"):
        count = int(strategy[4:] or 6)
        return arcs(cx, cy, r_a, r_b, margin, segments=count)
    raise ValueError(f"unknown repaint strategy {strategy!r}; known: {', '.join(STRATEGIES)}")
