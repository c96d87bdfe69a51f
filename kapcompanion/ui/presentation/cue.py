"""A grounding cue on the client's screen: a few quiet words over whatever runs, fading in and out.

The words sit in a soft band in the upper part of the screen, clear of the practice's own text
in the middle; how visible they are is read from the one clock (:func:`cue_opacity`) on a
timer that runs only while a cue is on screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGraphicsOpacityEffect, QLabel, QWidget

from kapcompanion.domain.clock import Clock
from kapcompanion.domain.cues import Cue, cue_opacity, cue_over
from kapcompanion.i18n import _
from kapcompanion.ui.practice.look import STEP_TEXT_PT
from kapcompanion.ui.shell.theme import PRESENT, Theme

#: How often a fading cue is redrawn (ms): smooth enough for a slow fade, light on the machine.
FADE_STEP_MS = 40


class CueBand(QLabel):
    """The cue's words over the client's screen. :meth:`offer` shows a cue, :meth:`take_away`
    lets it fade sooner; it hides itself once faded."""

    def __init__(self, parent: QWidget, clock: Clock, *, scale: float, theme: Theme = PRESENT):
        super().__init__(parent)
        self.setObjectName("cue")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAccessibleName(_("A word from your therapist"))
        size = max(1, round(STEP_TEXT_PT * 1.1 * scale))
        self.setStyleSheet(
            f"QLabel#cue {{ color: {theme.text}; background: {theme.surface};"
            f" border: 1px solid {theme.button_hover}; border-radius: 18px;"
            f" padding: {round(18 * scale)}px {round(32 * scale)}px; font-size: {size}pt; }}"
        )
        self._clock = clock
        self._effect = QGraphicsOpacityEffect(self)
        self._effect.setOpacity(0.0)
        self.setGraphicsEffect(self._effect)
        self.cue: Cue | None = None
        self._shown_at = 0.0
        self._hidden_at: float | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(FADE_STEP_MS)
        self._timer.timeout.connect(self.refresh)
        self.hide()

    def offer(self, cue: Cue) -> None:
        self.cue = cue
        self._shown_at = self._clock.now()
        self._hidden_at = None
        self.setText(cue.words)
        self.place()
        self.show()
        self.raise_()
        self._timer.start()
        self.refresh()

    def take_away(self) -> None:
        if self.cue is not None and self._hidden_at is None:
            self._hidden_at = self._clock.now()
            self.refresh()

    @property
    def opacity(self) -> float:
        return self._effect.opacity() if self.isVisible() else 0.0

    @property
    def showing(self) -> Cue | None:
        """The cue on screen, until it has faded or is fading away."""
        return self.cue if self._hidden_at is None else None

    def refresh(self) -> None:
        if self.cue is None:
            return
        now = self._clock.now()
        if cue_over(self._shown_at, now, hidden_at=self._hidden_at):
            self.cue = None
            self._timer.stop()
            self.hide()
            return
        self._effect.setOpacity(cue_opacity(self._shown_at, now, hidden_at=self._hidden_at))

    def place(self) -> None:
        """In the upper part of the screen, centred, at most two thirds of its width."""
        parent = self.parentWidget()
        if parent is None:
            return
        width = max(200, parent.width() * 2 // 3)
        self.setFixedWidth(width)
        self.setFixedHeight(self.heightForWidth(width))
        self.move((parent.width() - width) // 2, parent.height() // 10)
