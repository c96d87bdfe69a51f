"""The one calm notice shown when sound becomes unavailable (or comes back)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from kapcompanion import i18n
from kapcompanion.i18n import _
from kapcompanion.ui.shell.sound_settings import NOTICE_MARGIN, NOTICE_MS, NOTICE_WIDTH
from kapcompanion.ui.shell.theme import DARK, SMALL_PT, Theme

if TYPE_CHECKING:
    from kapcompanion.ui.shell.sound_output import SoundController


class SoundNotice(QFrame):
    """A quiet note in the window's lower right corner when sound becomes unavailable.

    It floats over the screen without moving anything, above the sound controls of a practice
    screen (never over the volume slider), never takes the keyboard focus and goes by itself
    after :data:`NOTICE_MS`, when OK is pressed, or when sound comes back.
    """

    def __init__(
        self,
        window: QWidget,
        controller: SoundController | None = None,
        theme: Theme = DARK,
        *,
        lasts_ms: int = NOTICE_MS,
    ) -> None:
        super().__init__(window)
        self.setObjectName("soundNotice")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        t = theme
        self.setStyleSheet(
            f"QFrame#soundNotice {{ background: {t.surface}; border: 1px solid {t.button_hover};"
            f" border-radius: 12px; }}"
            f" QFrame#soundNotice QLabel {{ background: transparent; color: {t.text};"
            f" font-size: {SMALL_PT + 1}pt; }}"
            f" QFrame#soundNotice QPushButton {{ padding: 4px 16px; min-height: 22px; }}"
        )
        self.label = QLabel("")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.ok_button = QPushButton()
        self.ok_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.ok_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 12, 14, 12)
        layout.setSpacing(16)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.ok_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(lasts_ms)
        self._timer.timeout.connect(self.hide)
        # The window's events are watched only while the notice shows: a filter on the
        # window sees every frame's update request, which costs the breathing animation.
        self._window = window
        self._say_own_words()
        # The window stays when the language changes, and so does the notice: its words follow.
        stop = i18n.on_change(lambda _code: self._say_own_words())
        self.destroyed.connect(lambda _obj=None: stop())
        self.hide()
        if controller is not None:
            controller.notice.connect(self.show_text)
            controller.recovered.connect(self.hide)  # sound is back: nothing left to say

    def _say_own_words(self) -> None:
        self.setAccessibleName(_("Sound notice"))
        self.ok_button.setText(_("OK"))
        self.ok_button.setAccessibleName(_("Close the sound notice"))

    @property
    def text(self) -> str:
        return self.label.text()

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self._place()
        self._window.installEventFilter(self)
        self.show()
        self.raise_()
        self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._window.removeEventFilter(self)
        super().hideEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        width = max(240, min(NOTICE_WIDTH, parent.width() - 2 * NOTICE_MARGIN))
        self.setFixedWidth(width)
        layout = self.layout()
        height = layout.heightForWidth(width) if layout is not None else -1
        self.setFixedHeight(max(height, self.minimumSizeHint().height()))
        x = parent.width() - width - NOTICE_MARGIN
        y = parent.height() - self.height() - NOTICE_MARGIN
        # Above the sound controls of the screen showing, never over them.
        for control in parent.findChildren(QWidget, "volumeControl"):
            if control.isVisible():
                top = control.mapTo(parent, QPoint(0, 0)).y()
                y = min(y, top - self.height() - NOTICE_MARGIN)
        self.move(max(0, x), max(0, y))
