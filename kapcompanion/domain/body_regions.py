"""The regions of the body map: their shapes on a front and a back outline, and moving between them.

Shapes live in a unit box (x from 0 to 1 across, y from 0 to 1 down; the box is :data:`ASPECT` as
wide as it is tall), for drawing and for finding the region under a point. Seen from the front
the person's left is on the viewer's right, as when facing someone; seen from behind it is on
the viewer's left. Each region has an anchor point on each outline it is drawn on; the arrow
keys move to the nearest region in their direction (:func:`neighbour`).

Some regions are ones trauma-sensitive teachers offer but never insist on; ``sensitive_as``
names their group in :data:`kapcompanion.domain.wording.SENSITIVE_REGIONS`. Pure Python.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from kapcompanion.i18n import N_, _

#: Width of the drawing box divided by its height.
ASPECT = 0.5


class BodyMapInputError(ValueError):
    """A mark that cannot be kept; the message can be shown as it is."""


class Side(StrEnum):
    FRONT = "front"
    BACK = "back"

    @property
    def other(self) -> Side:
        return Side.BACK if self is Side.FRONT else Side.FRONT


class Direction(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    UP = "up"
    DOWN = "down"


# --- shapes -------------------------------------------------------------------------------------

Point = tuple[float, float]


@dataclass(frozen=True)
class Ellipse:
    cx: float
    cy: float
    rx: float
    ry: float

    def contains(self, x: float, y: float) -> bool:
        return ((x - self.cx) / self.rx) ** 2 + ((y - self.cy) / self.ry) ** 2 <= 1.0

    @property
    def area(self) -> float:
        return math.pi * self.rx * self.ry

    @property
    def centre(self) -> Point:
        return (self.cx, self.cy)

    def mirrored(self) -> Ellipse:
        return replace(self, cx=1.0 - self.cx)


@dataclass(frozen=True)
class Polygon:
    points: tuple[Point, ...]

    def contains(self, x: float, y: float) -> bool:
        inside = False
        pts = self.points
        j = len(pts) - 1
        for i in range(len(pts)):
            xi, yi = pts[i]
            xj, yj = pts[j]
            if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                inside = not inside
            j = i
        return inside

    def _cross_sums(self) -> tuple[float, float, float]:
        a = cx = cy = 0.0
        pts = self.points
        for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True):
            cross = x0 * y1 - x1 * y0
            a += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        return a / 2.0, cx, cy

    @property
    def area(self) -> float:
        return abs(self._cross_sums()[0])

    @property
    def centre(self) -> Point:
        a, cx, cy = self._cross_sums()
        return (cx / (6.0 * a), cy / (6.0 * a))

    def mirrored(self) -> Polygon:
        return Polygon(tuple((1.0 - x, y) for x, y in self.points))


Shape = Ellipse | Polygon


@dataclass(frozen=True)
class Region:
    """A part of the body on one or both outlines. ``sensitive_as`` names the group of
    :data:`~kapcompanion.domain.wording.SENSITIVE_REGIONS` it belongs to (None: not sensitive).
    ``words`` is its name as written (marked with ``N_``, and the form kept in an answer);
    :attr:`name` says it in the language in use."""

    id: str
    words: str
    shapes: Mapping[Side, Shape]
    anchors: Mapping[Side, Point]
    sensitive_as: str | None = None

    @property
    def name(self) -> str:
        return _(self.words)

    @property
    def sensitive(self) -> bool:
        return self.sensitive_as is not None

    @property
    def sides(self) -> tuple[Side, ...]:
        return tuple(s for s in Side if s in self.shapes)


def _central(
    rid: str,
    name: str,
    front: Shape | None,
    back: Shape | None,
    sensitive_as: str | None = None,
    anchor: Point | None = None,
) -> Region:
    shapes = {side: shape for side, shape in ((Side.FRONT, front), (Side.BACK, back)) if shape}
    anchors = {side: anchor or shape.centre for side, shape in shapes.items()}
    return Region(rid, name, shapes, anchors, sensitive_as)


def _pair(rid: str, names: tuple[str, str], left_from_behind: Shape) -> tuple[Region, Region]:
    """The left and right region of a pair (``names``: left, right), from the shape of the left
    one seen from behind (where the person's left is on the viewer's left; from the front it is
    mirrored)."""
    mirrored = left_from_behind.mirrored()
    left = {Side.BACK: left_from_behind, Side.FRONT: mirrored}
    right = {Side.BACK: mirrored, Side.FRONT: left_from_behind}
    return (
        Region(f"{rid}-left", names[0], left, {s: sh.centre for s, sh in left.items()}),
        Region(f"{rid}-right", names[1], right, {s: sh.centre for s, sh in right.items()}),
    )


_CHEST = Polygon(((0.37, 0.175), (0.63, 0.175), (0.625, 0.30), (0.375, 0.30)))
_BELLY = Polygon(((0.375, 0.30), (0.625, 0.30), (0.635, 0.41), (0.365, 0.41)))
_PELVIS = Polygon(((0.365, 0.41), (0.635, 0.41), (0.65, 0.485), (0.35, 0.485)))
_NECK = Polygon(((0.455, 0.126), (0.545, 0.126), (0.55, 0.168), (0.45, 0.168)))
_HEAD = Ellipse(0.5, 0.072, 0.085, 0.058)

#: Every region, from the top of the head down (the order a list or a scan follows).
REGIONS: tuple[Region, ...] = (
    _central("head", N_("Head"), _HEAD, _HEAD, anchor=(0.5, 0.03)),
    _central("eyes", N_("Eyes"), Ellipse(0.5, 0.066, 0.058, 0.011), None, "eyes"),
    _central("face", N_("Face"), Ellipse(0.5, 0.08, 0.07, 0.04), None, "face", anchor=(0.5, 0.088)),
    _central("jaw", N_("Jaw"), Ellipse(0.5, 0.113, 0.045, 0.013), None, "jaw"),
    _central("throat", N_("Throat"), _NECK, None, "throat"),
    _central("neck", N_("Back of the neck"), None, _NECK, "throat"),
    *_pair(
        "shoulder",
        (N_("Left shoulder"), N_("Right shoulder")),
        Ellipse(0.34, 0.182, 0.075, 0.022),
    ),
    _central("chest", N_("Chest"), _CHEST, None, "chest"),
    _central("upper-back", N_("Upper back"), None, _CHEST),
    *_pair(
        "arm",
        (N_("Left arm"), N_("Right arm")),
        Polygon(
            (
                (0.27, 0.19),
                (0.335, 0.205),
                (0.31, 0.33),
                (0.285, 0.44),
                (0.235, 0.44),
                (0.245, 0.32),
            )
        ),
    ),
    _central("belly", N_("Belly"), _BELLY, None, "belly"),
    _central("lower-back", N_("Lower back"), None, _BELLY),
    *_pair("hand", (N_("Left hand"), N_("Right hand")), Ellipse(0.26, 0.47, 0.032, 0.03)),
    _central("pelvis", N_("Pelvis and hips"), _PELVIS, None, "pelvis"),
    _central("hips", N_("Hips and seat"), None, _PELVIS, "pelvis"),
    *_pair(
        "leg",
        (N_("Left leg"), N_("Right leg")),
        Polygon(
            ((0.36, 0.485), (0.495, 0.485), (0.48, 0.70), (0.47, 0.90), (0.41, 0.90), (0.385, 0.70))
        ),
    ),
    *_pair("foot", (N_("Left foot"), N_("Right foot")), Ellipse(0.43, 0.925, 0.05, 0.018)),
)
REGION_IDS = {r.id: r for r in REGIONS}
#: Where the keyboard starts on the map: a hand, outside the tender regions.
FIRST_REGION = "hand-left"


def region(region_id: str) -> Region:
    try:
        return REGION_IDS[region_id]
    except KeyError:
        raise BodyMapInputError(
            _("{region} is not a part of the body map.").format(region=repr(region_id))
        ) from None


def regions_on(side: Side) -> tuple[Region, ...]:
    return tuple(r for r in REGIONS if side in r.shapes)


def _by_area(side: Side) -> tuple[Region, ...]:
    return tuple(sorted(regions_on(side), key=lambda r: r.shapes[side].area))


_HIT_ORDER = {side: _by_area(side) for side in Side}


def drawing_order(side: Side) -> tuple[Region, ...]:
    """The regions of ``side`` largest first, so smaller ones are drawn over the ones they sit
    in (the eyes over the face, the face over the head)."""
    return tuple(reversed(_HIT_ORDER[side]))


def region_at(side: Side, x: float, y: float) -> Region | None:
    """The region under the point (x, y) of the unit box (the smallest, where shapes overlap)."""
    for r in _HIT_ORDER[side]:
        if r.shapes[side].contains(x, y):
            return r
    return None


_STEPS = {
    Direction.LEFT: (-1.0, 0.0),
    Direction.RIGHT: (1.0, 0.0),
    Direction.UP: (0.0, -1.0),
    Direction.DOWN: (0.0, 1.0),
}


def _neighbour(side: Side, start: str, direction: Direction) -> str | None:
    """The nearest region whose anchor lies in ``direction`` from the anchor of ``start``,
    within about 63 degrees of it (distance along the way, plus twice the distance off it)."""
    here = region(start).anchors[side]
    dx, dy = _STEPS[direction]
    candidates: list[tuple[float, str]] = []
    for r in regions_on(side):
        if r.id == start:
            continue
        x, y = r.anchors[side]
        # Distances as drawn: the box is ASPECT as wide as it is tall.
        ex, ey = x - here[0], (y - here[1]) / ASPECT
        along = ex * dx + ey * dy
        across = abs(ex * dy - ey * dx)
        if along > 0.005 and along >= 0.5 * across:
            candidates.append((along + 2.0 * across, r.id))
    return min(candidates)[1] if candidates else None


_NEIGHBOURS = {
    (side, r.id, d): _neighbour(side, r.id, d)
    for side in Side
    for r in regions_on(side)
    for d in Direction
}


def neighbour(side: Side, region_id: str, direction: Direction) -> str | None:
    """The region an arrow key moves to from ``region_id`` on ``side`` (None at the edge)."""
    return _NEIGHBOURS.get((side, region_id, direction))


def on_side(side: Side, region_id: str) -> str:
    """``region_id`` if it is drawn on ``side``, else its counterpart there (the throat for the
    back of the neck, the chest for the upper back...), so switching sides keeps one's place."""
    r = region(region_id)
    if side in r.shapes:
        return r.id
    other = r.anchors[side.other]
    return min(
        regions_on(side),
        key=lambda c: math.dist(c.anchors[side], other),
    ).id
