"""The body map's drawing: a calm front or back outline whose regions can be reached by keys.

The canvas draws the regions of :mod:`kapcompanion.domain.body_regions` in the theme's colours,
the region that has the keyboard's attention outlined in the focus colour. It takes one Tab
stop; inside it the arrow keys move between regions, F turns the outline around. What the
other keys mean (a sensation, a strength) is decided by :class:`~.body_map.BodyMapWidget`;
the canvas only tells which region and which key (``key_for_region``).

How filled a region looks comes from ``fills`` (0 to 1 per region id): the strength of a mark
while marking, or how often a region was marked in a summary.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from kapcompanion.domain.body_map import (
    ASPECT,
    FIRST_REGION,
    Direction,
    Ellipse,
    Shape,
    Side,
    drawing_order,
    neighbour,
    on_side,
    region,
    region_at,
)
from kapcompanion.i18n import _, pgettext
from kapcompanion.ui.shell.theme import SMALL_PT, Theme, pt

_ARROWS = {
    Qt.Key.Key_Left: Direction.LEFT,
    Qt.Key.Key_Right: Direction.RIGHT,
    Qt.Key.Key_Up: Direction.UP,
    Qt.Key.Key_Down: Direction.DOWN,
}
#: Keys the canvas and its owner use: while it has focus they are not shortcuts elsewhere.
OWN_KEYS = frozenset(
    {
        *_ARROWS,
        Qt.Key.Key_F,
        Qt.Key.Key_Return,
        Qt.Key.Key_Enter,
        Qt.Key.Key_Plus,
        Qt.Key.Key_Equal,
        Qt.Key.Key_Minus,
        Qt.Key.Key_Delete,
        Qt.Key.Key_Backspace,
        *(Qt.Key(Qt.Key.Key_0.value + n) for n in range(10)),
    }
)
SIDE_NAMES = {Side.FRONT: "front", Side.BACK: "back"}


def side_name(side: Side) -> str:
    """The side's name, in the person's language."""
    if side is Side.FRONT:
        return pgettext("side of the body", "front")
    return pgettext("side of the body", "back")


class BodyCanvas(QWidget):
    """A front or back outline. Emits ``moved(region id)`` when the attention moves,
    ``key_for_region(region id, key)`` for a key the owner handles, ``clicked(region id)``."""

    moved = Signal(str)
    key_for_region = Signal(str, int)
    clicked = Signal(str)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._side = Side.FRONT
        self._region = FIRST_REGION
        self._fills: dict[str, float] = {}
        self._words = ""
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(170, 340)

    # -- state -------------------------------------------------------------------------------

    @property
    def side(self) -> Side:
        return self._side

    @property
    def region_id(self) -> str:
        return self._region

    def set_side(self, side: Side) -> None:
        if side is self._side:
            return
        self._side = side
        self._region = on_side(side, self._region)
        self.update()
        self.moved.emit(self._region)

    def turn(self) -> None:
        self.set_side(self._side.other)

    def go_to(self, region_id: str) -> None:
        """Give ``region_id`` the attention (turning the outline if it is on the other side)."""
        r = region(region_id)
        if self._side not in r.shapes:
            self._side = self._side.other
        if r.id != self._region:
            self._region = r.id
        self.update()
        self.moved.emit(self._region)

    def set_fills(self, fills: Mapping[str, float]) -> None:
        self._fills = {k: max(0.0, min(1.0, v)) for k, v in fills.items()}
        self.update()

    def set_words(self, words: str) -> None:
        """What the region with the attention holds, as a screen reader says it."""
        self._words = words
        self.setAccessibleName(
            _("Body map, {side}: {words}").format(side=side_name(self._side), words=words)
        )
        if self.hasFocus():
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.NameChanged))

    # -- geometry ----------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(240, 480)

    def box(self) -> QRectF:
        """Where the unit box is drawn: as large as fits, ASPECT wide to tall, centred."""
        margin = 10.0
        small = QFont(self.font())
        small.setPointSize(pt(SMALL_PT))
        label = QFontMetrics(small).height() + 8.0
        w = max(1.0, self.width() - 2 * margin)
        h = max(1.0, self.height() - 2 * margin - label)
        if w / h > ASPECT:
            w = h * ASPECT
        else:
            h = w / ASPECT
        return QRectF((self.width() - w) / 2, margin, w, h)

    def point_of(self, region_id: str) -> QPointF:
        """Where a region's anchor is drawn (for clicks in tests)."""
        x, y = region(region_id).anchors[self._side]
        b = self.box()
        return QPointF(b.left() + x * b.width(), b.top() + y * b.height())

    # -- input -------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.ShiftModifier,
            )
            if plain and event.key() in OWN_KEYS:
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in _ARROWS:
            there = neighbour(self._side, self._region, _ARROWS[Qt.Key(key)])
            if there is not None:
                self._region = there
                self.update()
                self.moved.emit(there)
        elif key == Qt.Key.Key_F:
            self.turn()
        elif key in OWN_KEYS:
            self.key_for_region.emit(self._region, int(key))
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        b = self.box()
        pos = event.position()
        found = region_at(
            self._side, (pos.x() - b.left()) / b.width(), (pos.y() - b.top()) / b.height()
        )
        if found is None:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.go_to(found.id)
        self.clicked.emit(found.id)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    # -- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        t = self._theme
        box = self.box()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        paths = paint_outline(p, box, self._side, self._fills, t, edge_alpha=150, line=1.0)
        current = paths.get(self._region)
        if current is not None:
            colour = QColor(t.focus if self.hasFocus() else t.muted)
            p.setPen(QPen(colour, 3.0 if self.hasFocus() else 1.5))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(current)
        self._paint_labels(p, box)
        p.end()

    def _paint_labels(self, p: QPainter, box: QRectF) -> None:
        font = QFont(self.font())
        font.setPointSize(pt(SMALL_PT))  # follows the text size, as every other word does
        p.setFont(font)
        p.setPen(QColor(self._theme.muted))
        below = QRectF(4, box.bottom() + 2, self.width() - 8, p.fontMetrics().height() + 4)
        # Seen from the front, the person's right is on the viewer's left.
        person_right = pgettext("side of the body", "right")
        person_left = pgettext("side of the body", "left")
        left, right = (
            (person_right, person_left) if self._side is Side.FRONT else (person_left, person_right)
        )
        name = side_name(self._side)
        metrics = p.fontMetrics()
        if metrics.horizontalAdvance(f"{left} {name} {right}") + 24 > below.width():
            short_right = pgettext("side of the body, one letter", "R")
            short_left = pgettext("side of the body, one letter", "L")
            left, right = (
                (short_right, short_left) if self._side is Side.FRONT else (short_left, short_right)
            )
        align = Qt.AlignmentFlag.AlignVCenter
        p.drawText(below, align | Qt.AlignmentFlag.AlignLeft, left)
        p.drawText(below, align | Qt.AlignmentFlag.AlignHCenter, name)
        p.drawText(below, align | Qt.AlignmentFlag.AlignRight, right)


def shape_path(shape: Shape, box: QRectF) -> QPainterPath:
    """``shape`` (in the unit box) drawn into ``box``."""
    path = QPainterPath()
    if isinstance(shape, Ellipse):
        centre = QPointF(box.left() + shape.cx * box.width(), box.top() + shape.cy * box.height())
        path.addEllipse(centre, shape.rx * box.width(), shape.ry * box.height())
    else:
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(box.left() + x * box.width(), box.top() + y * box.height())
                    for x, y in shape.points
                ]
            )
        )
        path.closeSubpath()
    return path


def paint_outline(
    p: QPainter,
    box: QRectF,
    side: Side,
    fills: Mapping[str, float],
    theme: Theme,
    *,
    edge_alpha: int = 150,
    line: float = 1.0,
) -> dict[str, QPainterPath]:
    """The ``side`` outline in ``box``, each region filled with the accent by ``fills`` (0 to 1);
    the path of each region by its id. Used on screen and on the page for the therapist."""
    edge = QColor(theme.edge_colour())
    edge.setAlpha(edge_alpha)
    base = QColor(theme.accent_dim)
    paths = {}
    for r in drawing_order(side):
        path = shape_path(r.shapes[side], box)
        paths[r.id] = path
        p.setPen(QPen(edge, line))
        p.setBrush(base)
        p.drawPath(path)
        fill = fills.get(r.id, 0.0)
        if fill > 0:
            colour = QColor(theme.accent)
            colour.setAlphaF(0.25 + 0.65 * min(1.0, fill))
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
            p.drawPath(path)
    return paths
