"""The breathing shape: a soft disc that grows on the breath in and shrinks on the breath out.

Painting is kept cheap because it runs about sixty times a second for many minutes: the disc is
its own opaque widget, only the thin ring between the old and the new radius is repainted (see
:mod:`kapcompanion.ui.breathing.dirty`), frames where the edge would move less than a quarter
of a pixel are skipped, and pens and pixmaps are made once.
"""

from __future__ import annotations

import math
import os
import time
from array import array
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QRegion,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from kapcompanion.i18n import _
from kapcompanion.ui.breathing import dirty
from kapcompanion.ui.shell.theme import DARK, Theme

#: A frame is skipped when the edge would move less than this many pixels since the last one
#: drawn, unless it is moving steadily (at least MOVING_STEP_PX since the previous tick): then
#: every tick is drawn, so a moving shape never stutters between painted and skipped frames.
MIN_STEP_PX = 0.25
MOVING_STEP_PX = 0.15
#: The smallest disc, as a share of the largest.
MIN_SHARE = 0.36
#: The fixed disc in reduced motion, as a share of the largest.
STILL_SHARE = 0.8

#: Environment variables read by the benchmarks; unset in normal use.
FRAME_LOG_ENV = "KAPCOMPANION_FRAME_LOG"
REPAINT_ENV = "KAPCOMPANION_REPAINT"
#: Measured on Xvfb (benchmarks/pacer.py --compare): one rectangle costs less than several
#: smaller ones, because each rectangle adds clipping and a separate transfer to the X server.
DEFAULT_REPAINT = "square"


class BreathDisc(QWidget):
    """The breathing shape: a soft disc whose radius (or, in reduced motion, fill) follows the
    breath's level from 0 (empty) to 1 (full)."""

    def __init__(
        self,
        theme: Theme = DARK,
        *,
        reduced_motion: bool = False,
        repaint: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setAutoFillBackground(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)
        self.setAccessibleName(_("breathing shape"))
        self._theme = theme
        self.reduced_motion = reduced_motion
        self._repaint = repaint or os.environ.get(REPAINT_ENV) or DEFAULT_REPAINT
        dirty.ring(self._repaint, 0.0, 0.0, 2.0, 1.0)  # fails early on an unknown strategy
        self._brush = QBrush(QColor(theme.accent))
        self._background = QPixmap()
        self._background_rect = QRect()  # where the pixmap sits: the square around the disc
        self._background_corner = QPoint()
        self._centre = QPointF()
        self._background_colour = QColor(theme.background)
        self._cx = 0.0
        self._cy = 0.0
        self._r_min = 0.0
        self._r_max = 0.0
        self._level = 0.0
        self._drawn = 0.0  # radius (or fill line) last asked for: what the next paint shows
        self._previous = 0.0  # radius (or fill line) at the previous call of set_level
        self.frames = 0
        log_path = os.environ.get(FRAME_LOG_ENV)
        self._frame_log: array[float] | None = array("d") if log_path else None
        self._frame_log_path = Path(log_path) if log_path else None
        self._layout_geometry()

    # -- geometry ---------------------------------------------------------------------------

    @property
    def level(self) -> float:
        return self._level

    @property
    def center(self) -> QPointF:
        return QPointF(self._cx, self._cy)

    @property
    def radius(self) -> float:
        """The disc's radius in pixels as it is drawn now."""
        if self.reduced_motion:
            return self._r_max * STILL_SHARE
        return self._radius_for(self._level)

    @property
    def radius_range(self) -> tuple[float, float]:
        return self._r_min, self._r_max

    @property
    def fill_line(self) -> float:
        """Reduced motion: the y of the fill's top edge (the disc fills from the bottom)."""
        r = self._r_max * STILL_SHARE
        return self._cy + r - 2.0 * r * self._level

    def _radius_for(self, level: float) -> float:
        return self._r_min + (self._r_max - self._r_min) * level

    def _measure(self) -> float:
        return self.fill_line if self.reduced_motion else self.radius

    def _layout_geometry(self) -> None:
        w, h = self.width(), self.height()
        self._cx = w / 2.0
        self._cy = h / 2.0
        self._centre = QPointF(self._cx, self._cy)
        self._r_max = max(8.0, min(w, h) / 2.0 - 6.0)
        self._r_min = self._r_max * MIN_SHARE
        self._drawn = self._previous = self._measure()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._layout_geometry()
        self._background = self._paint_background()
        super().resizeEvent(event)

    def _paint_background(self) -> QPixmap:
        """Everything that never moves, in the square around the disc (outside it there is only
        the background colour): a faint ring at the largest size and, in reduced motion, the
        unfilled disc."""
        half = math.ceil(self._r_max + 2 * dirty.MARGIN + 1)
        left, top = math.floor(self._cx) - half, math.floor(self._cy) - half
        self._background_rect = QRect(left, top, 2 * half + 2, 2 * half + 2)
        self._background_corner = self._background_rect.topLeft()
        pixmap = QPixmap(self._background_rect.size())
        pixmap.fill(self._background_colour)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        centre = QPointF(self._cx - left, self._cy - top)
        if self.reduced_motion:
            r = self._r_max * STILL_SHARE
            p.setPen(QPen(QColor(self._theme.guide), 2.0))
            p.setBrush(QBrush(QColor(self._theme.accent_dim)))
            p.drawEllipse(centre, r, r)
        else:
            p.setPen(QPen(QColor(self._theme.guide), 2.0))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(centre, self._r_max - 1.0, self._r_max - 1.0)
        p.end()
        return pixmap

    # -- animation --------------------------------------------------------------------------

    def set_level(self, level: float) -> bool:
        """Show the breath at ``level`` (0..1). Returns True when a repaint was asked for;
        slow movements under a quarter of a pixel wait until they add up."""
        level = min(1.0, max(0.0, level))
        self._level = level
        new = self._measure()
        old = self._drawn
        step = abs(new - self._previous)
        self._previous = new
        if abs(new - old) < MIN_STEP_PX and (step < MOVING_STEP_PX or new == old):
            return False
        self._drawn = new
        if self.reduced_motion:
            rects = dirty.fill_band(self._cx, self._cy, self._r_max * STILL_SHARE, old, new)
        else:
            rects = dirty.ring(self._repaint, self._cx, self._cy, old, new)
        # Paint now, inside the timer's slot: the frame reaches the screen at the tick, not
        # one trip through the event queue later (measured: steadier frame intervals).
        if len(rects) == 1:
            x, y, w, h = rects[0]
            self.repaint(x, y, w, h)
        else:
            region = QRegion()
            for r in rects:
                region += QRect(*r)
            self.repaint(region)
        return True

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        bounds = event.rect()
        if not self._background_rect.contains(bounds):
            p.fillRect(bounds, self._background_colour)
        # Qt clips both to the region being painted: only its pixels are copied.
        p.drawPixmap(self._background_corner, self._background)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self._brush)
        if self.reduced_motion:
            r = self._r_max * STILL_SHARE
            top = self.fill_line
            p.setClipRect(
                QRectF(self._cx - r - 2.0, top, 2.0 * r + 4.0, self._cy + r + 2.0 - top),
                Qt.ClipOperation.IntersectClip,
            )
            p.drawEllipse(QPointF(self._cx, self._cy), r, r)
        else:
            r = self._radius_for(self._level)
            p.drawEllipse(self._centre, r, r)
        p.end()
        self.frames += 1
        if self._frame_log is not None:
            self._frame_log.append(time.monotonic())
            self._frame_log.append(self._drawn)

    def write_frame_log(self, origin: float | None = None) -> None:
        """Benchmarks: write (time, radius or fill line) of every painted frame, if asked.
        ``origin`` is the clock time at which the practice's elapsed time was zero."""
        if self._frame_log is None or self._frame_log_path is None:
            return
        header = (
            f"# r_min={self._r_min:.3f} r_max={self._r_max:.3f} repaint={self._repaint}"
            f" origin={origin if origin is not None else 'none'}\n"
        )
        pairs = zip(self._frame_log[0::2], self._frame_log[1::2], strict=True)
        lines = "".join(f"{t:.6f} {v:.3f}\n" for t, v in pairs)
        self._frame_log_path.write_text(header + lines)
