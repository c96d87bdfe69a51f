"""The breathing screen: a soft disc that grows on the breath in and shrinks on the breath out.

Everything that moves is a pure function of time: a precise timer only asks the stopwatch how
much practice time has gone by and asks the pacer timeline where the breath is at that moment.
Nothing counts timer ticks, so a busy moment never makes the pacer fall behind.

Painting is kept cheap because it runs about sixty times a second for many minutes: the disc is
its own opaque widget, only the thin ring between the old and the new radius is repainted (see
:mod:`kapcompanion.ui.breathing.dirty`), frames where the edge would move less than a quarter
of a pixel are skipped, pens and pixmaps are made once, and text labels change only when their
text does.
"""

from __future__ import annotations

import math
import os
import time
from array import array
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
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
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.breathing_config import (
    BreathingConfig,
    format_time_left,
    whole_seconds_left,
)
from kapcompanion.domain.clock import Clock, Stopwatch
from kapcompanion.domain.pacing import PacerState
from kapcompanion.domain.practice import Kind, Status
from kapcompanion.services.events import PracticeEnd, PracticeEvents, PracticeStart
from kapcompanion.ui.breathing import dirty
from kapcompanion.ui.shell.theme import DARK, Theme
from kapcompanion.ui.shell.volume import VolumeControl

#: Timer interval while the shape moves (about 60 frames a second).
FRAME_MS = 16
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

ENDING_TEXT = "That is the end of this practice."
ENDING_INVITE = "You can stay here as long as you like."
PAUSED_TEXT = "paused"
PAUSED_HINT = "Whenever you are ready, Space or Carry on continues."
KEYS_HINT = "Space pauses · Esc ends the practice · F11 full screen"
INVITATION = "Let the breath stay low and slow, and follow the shape only as far as feels easy."


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
        self.setAccessibleName("breathing shape")
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


class BreathingScreen(QWidget):
    """One breathing practice. Emits ``closed`` when the person leaves it, and ``ended``
    (outcome "completed" or "stopped", practice seconds) once when the practice ends."""

    closed = Signal()
    ended = Signal(str, float)

    def __init__(
        self,
        config: BreathingConfig,
        clock: Clock,
        theme: Theme = DARK,
        parent: QWidget | None = None,
        *,
        events: PracticeEvents | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._events = events
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.config = config
        self.title = f"Breathing · {config.pattern.name}"
        self._timeline = config.timeline()
        self._watch = Stopwatch(clock)
        self.state: PacerState | None = None
        self._paused = False
        self._finished = False
        self._outcome: Status | None = None
        self._shown: dict[str, object] = {}

        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self.tick)
        self._interval = FRAME_MS

        about = QLabel(f"{config.pattern.name} · {config.pattern.summary()}")
        about.setObjectName("muted")
        about.setAlignment(Qt.AlignmentFlag.AlignCenter)
        invitation = QLabel(INVITATION)
        invitation.setObjectName("hint")
        invitation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        invitation.setWordWrap(True)

        self.phase_label = self._label("phase", "")
        self.disc = BreathDisc(theme, reduced_motion=config.reduced_motion, parent=self)
        self.count_label = self._label("count", "")
        self.count_label.setAccessibleName("seconds left in this part of the breath")
        self.time_left_label = self._label("muted", "")
        self.time_left_label.setAccessibleName("time left in the practice")
        self.hint_label = self._label("hint", KEYS_HINT)

        self.pause_button = QPushButton("Pause")
        self.pause_button.setAccessibleName("Pause the practice")
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button = QPushButton("End practice")
        self.stop_button.setAccessibleName("End the practice and go back home")
        self.stop_button.clicked.connect(self.stop)
        for button in (self.pause_button, self.stop_button):
            button.setAutoDefault(True)  # Enter activates the focused button
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        buttons = QHBoxLayout()
        buttons.setSpacing(16)  # spacing, not a spacer: a hidden button leaves no gap
        buttons.addStretch(1)
        buttons.addWidget(self.pause_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(VolumeControl())
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.setSpacing(6)
        layout.addWidget(about)
        layout.addWidget(invitation)
        layout.addSpacing(8)
        layout.addWidget(self.phase_label)
        layout.addWidget(self.disc, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.time_left_label)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        layout.addWidget(self.hint_label)
        self.setTabOrder(self.pause_button, self.stop_button)

    def _label(self, name: str, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Text changes never move the disc: the height is fixed by the font, the width by
        # the layout.
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        return label

    # -- state ------------------------------------------------------------------------------

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def finished(self) -> bool:
        return self._finished

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    @property
    def elapsed(self) -> float:
        return self._watch.elapsed()

    def start(self) -> None:
        """Begin the practice at time zero."""
        self._watch.start()
        if self._events is not None:
            pattern = self.config.pattern
            planned = self._timeline.end_time or self.config.minutes * 60.0
            self._events.start(
                PracticeStart(Kind.BREATHING, pattern.key, self.title, planned, self._watch.elapsed)
            )
            self._events.show_pacer(self._timeline, self._watch.origin())
        self._timer.start()
        self.tick()
        self.pause_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_beginning(self) -> None:
        """Before :meth:`start`: show the practice as it will begin (its time zero), so the
        first frame on the screen is the practice's own."""
        if not self._watch.running and self._outcome is None:
            self.tick()
            self.pause_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def tick(self) -> None:
        """The timer's slot: read the clock, ask the timeline, show the result."""
        state = self._timeline.state_at(self._watch.elapsed())
        self.state = state
        if state.finished:
            self._finish()
            return
        self.disc.set_level(state.level)
        self._show("phase", self.phase_label, state.label)
        count = whole_seconds_left(state.phase_remaining)
        if self._shown.get("count") != count:
            self._shown["count"] = count
            self.count_label.setText(str(count))
        left = 0 if state.time_left is None else math.ceil(state.time_left - 1e-9)
        if self._shown.get("left") != left:
            self._shown["left"] = left
            self.time_left_label.setText(f"{format_time_left(left)} left")
        self._pace_timer(state)

    def _pace_timer(self, state: PacerState) -> None:
        """While the breath rests (a hold) nothing moves, so wake only when a number changes."""
        if state.phase.start_level == state.phase.end_level:
            until_count = state.phase_remaining % 1.0 or 1.0
            left = state.time_left if state.time_left is not None else 1.0
            until_left = left % 1.0 or 1.0
            wait = max(FRAME_MS, min(1000, math.ceil(1000 * min(until_count, until_left)) + 2))
        else:
            wait = FRAME_MS
        if wait != self._interval:
            self._interval = wait
            self._timer.setInterval(wait)

    def _show(self, key: str, label: QLabel, text: str) -> None:
        if self._shown.get(key) != text:
            self._shown[key] = text
            label.setText(text)

    def toggle_pause(self) -> None:
        if self._finished:
            return
        if self._paused:
            self.resume()
        else:
            self.pause()

    def pause(self) -> None:
        if self._paused or self._finished:
            return
        self._paused = True
        self._watch.pause()
        self._timer.stop()
        if self._events is not None:
            self._events.paused.emit()
        self._shown.clear()
        self.phase_label.setText(PAUSED_TEXT)
        self.count_label.setText("")
        self.hint_label.setText(PAUSED_HINT)
        self.pause_button.setText("Carry on")
        self.pause_button.setAccessibleName("Carry on with the practice")

    def resume(self) -> None:
        if not self._paused or self._finished:
            return
        self._paused = False
        self._watch.resume()
        if self._events is not None:
            self._events.resumed.emit()
            self._events.show_pacer(self._timeline, self._watch.origin())
        self.hint_label.setText(KEYS_HINT)
        self.pause_button.setText("Pause")
        self.pause_button.setAccessibleName("Pause the practice")
        self._timer.start()
        self.tick()

    def _finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        self._timer.stop()
        self._watch.pause()
        self.disc.set_level(0.0)
        # Softer, smaller words for the end; the label keeps its height so nothing moves.
        self.phase_label.setMinimumHeight(self.phase_label.height())
        self.phase_label.setObjectName("ending")
        self.phase_label.style().unpolish(self.phase_label)
        self.phase_label.style().polish(self.phase_label)
        self.phase_label.setText(ENDING_TEXT)
        self.count_label.setText("")
        self.time_left_label.setText(ENDING_INVITE)
        self.hint_label.setText("Esc or Back home returns to the start.")
        self.pause_button.hide()
        self.stop_button.setText("Back home")
        self.stop_button.setAccessibleName("Go back home")
        self.stop_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self._end(Status.COMPLETED)

    def _end(self, outcome: Status) -> None:
        if self._outcome is None:
            self._outcome = outcome
            seconds = self._watch.elapsed()
            if self._events is not None:
                self._events.end(PracticeEnd(outcome, seconds))
            self.ended.emit(outcome, seconds)

    def stop(self) -> None:
        """End the practice (if it is still going) and leave the screen."""
        origin = self._watch.origin()
        self._timer.stop()
        self._watch.pause()
        self._end(Status.COMPLETED if self._finished else Status.STOPPED)
        self.disc.write_frame_log(origin)
        self.closed.emit()
