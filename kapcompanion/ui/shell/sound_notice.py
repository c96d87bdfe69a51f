"""The one calm notice shown when sound becomes unavailable (or comes back)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kapcompanion import i18n
from kapcompanion.i18n import _
from kapcompanion.ui.shell.scaffold import styled_with_text_size
from kapcompanion.ui.shell.sound_settings import NOTICE_MARGIN, NOTICE_MS, NOTICE_WIDTH
from kapcompanion.ui.shell.theme import DARK, SMALL_PT, Theme, pt

if TYPE_CHECKING:
    from kapcompanion.ui.shell.sound_output import SoundController


class SoundNotice(QFrame):
    """A quiet note under the screen when sound becomes unavailable.

    The window lays it out below the screens (see ``MainWindow``), so it takes a place of its
    own for as long as it shows: it covers no button, no key hint and no words of a practice,
    whatever the size of the window or the text. It never takes the keyboard focus and goes by
    itself after :data:`NOTICE_MS`, when OK is pressed, or when sound comes back.
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
        styled_with_text_size(
            self,
            lambda: (
                f"QFrame#soundNotice {{ background: {t.surface};"
                f" border: 1px solid {t.button_hover};"
                f" border-radius: 12px; margin: 0px 0px {NOTICE_MARGIN // 2}px 0px; }}"
                f" QFrame#soundNotice QLabel {{ background: transparent; color: {t.text};"
                f" font-size: {pt(SMALL_PT + 1)}pt; }}"
                f" QFrame#soundNotice QPushButton {{ padding: 4px 16px; min-height: 22px; }}"
            ),
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
        self.setMaximumWidth(NOTICE_WIDTH * 2)
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

    def under(self, screens: QWidget) -> QWidget:
        """A widget holding ``screens`` with this notice under them, in a row of its own: while
        the notice is hidden the row is empty and the screens have all the room."""
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(screens, 1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(self, 8)
        row.addStretch(1)
        column.addLayout(row)
        return body

    @property
    def text(self) -> str:
        return self.label.text()

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self.show()
        self._timer.start()
