"""The exercise stage's gentle change from one step (or page) to the next, on the one clock.

A picture of what showed before is laid over the stage and fades out, then the new content
fades in: the words never overlap, and brightness only ever changes slowly. How far the fade
has gone is a function of the clock; the screen's timer only asks. With reduced motion asked
for, the change is a cut.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QGraphicsOpacityEffect, QStackedWidget, QWidget

from kapcompanion.domain.clock import Clock
from kapcompanion.domain.pacing import ease

#: How long one step takes to fade into the next, in seconds; the first part of it (a share of
#: FADE_OUT_SHARE) fades the old step out, the rest fades the new one in.
FADE_S = 1.0
FADE_OUT_SHARE = 0.4


class FadeCover(QWidget):
    """Paints a picture of what was shown before, at a given opacity, over the stage.

    It never takes the mouse or the keyboard; the fade sets its opacity from the clock.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._pixmap = QPixmap()
        self._opacity = 0.0
        self.hide()

    @property
    def opacity(self) -> float:
        return self._opacity

    def cover(self, pixmap: QPixmap) -> None:
        self._pixmap = pixmap
        self._opacity = 1.0
        self.show()
        self.raise_()
        self.update()

    def set_opacity(self, opacity: float) -> None:
        opacity = min(1.0, max(0.0, opacity))
        if abs(opacity - self._opacity) >= 1 / 512:
            self._opacity = opacity
            self.update()

    def clear(self) -> None:
        self._pixmap = QPixmap()
        self._opacity = 0.0
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._pixmap.isNull() or self._opacity <= 0:
            return
        p = QPainter(self)
        p.setOpacity(self._opacity)
        p.drawPixmap(0, 0, self._pixmap)
        p.end()


class CrossFade:
    """Fades ``stage`` (a child of ``screen``) from what it showed to what it shows next."""

    def __init__(
        self, screen: QWidget, stage: QStackedWidget, clock: Clock, *, reduced_motion: bool
    ) -> None:
        self._stage = stage
        self._clock = clock
        self._reduced_motion = reduced_motion
        self._opacity = QGraphicsOpacityEffect(stage)
        self._opacity.setOpacity(1.0)
        self._opacity.setEnabled(False)
        stage.setGraphicsEffect(self._opacity)
        self.cover = FadeCover(screen)
        self._start: float | None = None

    @property
    def fading(self) -> bool:
        return self._start is not None

    @property
    def stage_opacity(self) -> float:
        """How far the current content has faded in (1 when no fade is running)."""
        return self._opacity.opacity() if self._opacity.isEnabled() else 1.0

    def begin(self) -> bool:
        """Before the stage changes: cover it with a picture of what it shows now. Returns
        True when a fade began (not with reduced motion, nor while the screen is hidden)."""
        self.finish()
        stage = self._stage
        if self._reduced_motion or not stage.isVisible():
            return False
        page = stage.currentWidget()
        layout = page.layout() if page is not None else None
        if layout is not None:
            layout.activate()  # the picture shows the step as laid out, not half-way
        self.cover.setGeometry(stage.geometry())
        self.cover.cover(stage.grab())
        self._opacity.setOpacity(0.0)
        self._opacity.setEnabled(True)
        self._start = self._clock.now()
        return True

    def advance(self) -> None:
        """Show the fade as far as the clock says it has gone (it ends itself)."""
        if self._start is None:
            return
        progress = (self._clock.now() - self._start) / FADE_S
        if progress >= 1.0 - 1e-9:
            self.finish()
            return
        # The old step fades out first, then the new one fades in: words never overlap.
        progress = max(0.0, progress)
        if progress < FADE_OUT_SHARE:
            self.cover.set_opacity(1.0 - ease(progress / FADE_OUT_SHARE))
            self._opacity.setOpacity(0.0)
        else:
            self.cover.set_opacity(0.0)
            self._opacity.setOpacity(ease((progress - FADE_OUT_SHARE) / (1.0 - FADE_OUT_SHARE)))

    def finish(self) -> None:
        if self._start is None:
            return
        self._start = None
        self.cover.clear()
        self._opacity.setOpacity(1.0)
        self._opacity.setEnabled(False)

    def fit(self) -> None:
        """The screen changed size: the picture follows the stage."""
        if self.cover.isVisible():
            self.cover.setGeometry(self._stage.geometry())
