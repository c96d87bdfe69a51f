"""The client's screen in presentation mode: the practice alone, full screen, dim and large.

With only one screen the control panel floats over the bottom of the practice while the mouse
moves or a key is pressed, and steps aside after :data:`IDLE_S` seconds, as the pointer does.
The idle timing reads the one clock (a timer only asks whether enough time has gone by), so
tests move a fake clock instead of waiting.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QCursor, QPainter, QPixmap, QResizeEvent, QWindow
from PySide6.QtWidgets import QApplication, QGraphicsOpacityEffect, QVBoxLayout, QWidget

from kapcompanion.domain.clock import Clock
from kapcompanion.ui.practice.look import present_overrides
from kapcompanion.ui.presentation.controls import ControlPanel, Driver, window_keys
from kapcompanion.ui.presentation.cue import CueBand
from kapcompanion.ui.shell.sound_output import SoundController
from kapcompanion.ui.shell.theme import DARK, PRESENT, Theme, stylesheet

#: Seconds without a mouse movement or a key before the floating controls and the pointer hide.
IDLE_S = 3.0
#: What counts as activity over the client's window.
ACTIVITY = frozenset(
    {QEvent.Type.MouseMove, QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.Wheel}
)
#: How often the idle time and the control panel are looked at (ms).
IDLE_CHECK_MS = 250
OVERLAY_WIDTH = 820
#: How visible the practice stays while it rests with the controls on another screen.
RESTING_OPACITY = 0.55


class PresentationWindow(QWidget):
    """The client's screen: the practice alone, full screen, in the present palette.

    ``floating`` adds the control panel over the bottom of the practice (one screen only); it
    shows while there is activity and hides after :data:`IDLE_S` seconds, as the pointer does.
    """

    def __init__(
        self,
        content: QWidget,
        driver: Driver,
        clock: Clock,
        *,
        theme: Theme = PRESENT,
        scale: float = 1.0,
        floating: bool = False,
        sound: SoundController | None = None,
        panel_theme: Theme = DARK,
    ) -> None:
        super().__init__(None)
        self.setObjectName("screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(stylesheet(theme) + present_overrides(scale))
        self.setWindowTitle(driver.status().title)
        self.content = content
        self.scale = scale
        self._clock = clock
        self._driver = driver
        self._last_activity = clock.now()
        self._idle = False
        self._closing_by_driver = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(content)
        self.overlay: ControlPanel | None = None
        if floating:
            self.overlay = ControlPanel(
                driver, panel_theme, sound=sound, floating=True, parent=self
            )
            self.overlay.hide()
        #: A grounding cue the therapist offers, over whatever runs.
        self.cue = CueBand(self, clock, scale=scale, theme=theme)
        self.keys = window_keys(self, driver, arrows=False)
        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(IDLE_CHECK_MS)
        self._idle_timer.timeout.connect(self.check_idle)
        self._watched: QObject | None = None

    def show_content(self, content: QWidget) -> None:
        """Show ``content`` in place of the practice shown now (which is kept, hidden, to come
        back to)."""
        layout = self.layout()
        if content is self.content or layout is None:
            return
        self.rest(False)
        self.content.hide()
        layout.removeWidget(self.content)
        layout.addWidget(content)
        content.show()
        self.content = content
        self.cue.raise_()
        content.setFocus(Qt.FocusReason.OtherFocusReason)

    def rest(self, resting: bool) -> None:
        """Dim the practice quietly while it rests (paused, or the therapist is asked
        "stop here?" on their own screen), and bring it back after."""
        if resting == self.resting:
            return
        effect = self.content.graphicsEffect()
        if effect is None:  # made once per practice shown; switched off, it costs nothing
            effect = QGraphicsOpacityEffect(self.content)
            effect.setOpacity(RESTING_OPACITY)
            self.content.setGraphicsEffect(effect)
        effect.setEnabled(resting)

    def snapshot(self, size: QSize) -> QPixmap:
        """A small picture of this screen as it shows now, drawn at ``size`` directly (so it
        costs little, however large the client's screen)."""
        picture = QPixmap(size)
        picture.fill(Qt.GlobalColor.black)
        if self.width() <= 0 or self.height() <= 0:
            return picture
        scale = min(size.width() / self.width(), size.height() / self.height())
        painter = QPainter(picture)
        painter.translate(
            (size.width() - self.width() * scale) / 2, (size.height() - self.height() * scale) / 2
        )
        painter.scale(scale, scale)
        self.render(painter, QPoint(0, 0))
        painter.end()
        return picture

    @property
    def resting(self) -> bool:
        effect = self.content.graphicsEffect()
        return effect is not None and effect.isEnabled()

    # -- activity and idleness ----------------------------------------------------------------

    @property
    def idle(self) -> bool:
        return self._idle

    @property
    def pointer_hidden(self) -> bool:
        return self.cursor().shape() == Qt.CursorShape.BlankCursor

    def start_watching(self) -> None:
        """Watch the window for mouse movement and keys (from when it is shown). The watch is
        on the application, for any widget in this window (a widget under the pointer gets
        the event first, so the window alone would not see it)."""
        app = QApplication.instance()
        if app is not None and self._watched is None:
            app.installEventFilter(self)
            self._watched = app
        self._idle_timer.start()
        self.activity()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and self._over_me(watched):
            self.activity()
        return False

    def _over_me(self, watched: QObject) -> bool:
        if isinstance(watched, QWidget):
            return watched.window() is self
        return isinstance(watched, QWindow) and watched is self.windowHandle()

    def activity(self) -> None:
        """The mouse moved or a key was pressed: show the pointer (and the controls)."""
        self._last_activity = self._clock.now()
        if self._idle:
            self._idle = False
            self.unsetCursor()
        overlay = self.overlay
        if overlay is not None and not overlay.isVisible():
            self._place_overlay()
            overlay.refresh()
            overlay.show()
            overlay.raise_()

    def check_idle(self) -> None:
        """The timer's slot: after :data:`IDLE_S` without activity, hide the pointer and the
        floating controls (the practice's own "stop here?" and closing words have buttons)."""
        if self.overlay is not None and self.overlay.isVisible():
            self.overlay.refresh()
        if self._idle or self._clock.now() - self._last_activity < IDLE_S:
            return
        self._idle = True
        self.setCursor(QCursor(Qt.CursorShape.BlankCursor))
        if self.overlay is not None:
            self.overlay.hide()

    def _place_overlay(self) -> None:
        overlay = self.overlay
        if overlay is None:
            return
        width = min(OVERLAY_WIDTH, self.width() - 48)
        overlay.setFixedWidth(max(320, width))
        overlay.adjustSize()
        x = (self.width() - overlay.width()) // 2
        y = self.height() - overlay.height() - 32
        overlay.move(max(0, x), max(0, y))

    def resizeEvent(self, event: QResizeEvent) -> None:
        if self.overlay is not None and self.overlay.isVisible():
            self._place_overlay()
        if self.cue.isVisible():
            self.cue.place()
        super().resizeEvent(event)

    def close_quietly(self) -> None:
        self._closing_by_driver = True
        self._idle_timer.stop()
        if self._watched is not None:
            self._watched.removeEventFilter(self)
            self._watched = None
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing_by_driver:
            self._driver.close()
        super().closeEvent(event)
