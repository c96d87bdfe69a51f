"""Which screen is which: each screen shows its number and name, large, for a few seconds.

Before presenting, a therapist with a projector or a second monitor may not know which of
"Screen 0" and "Screen 1" the client faces. "Show screen numbers" on the present page puts a
quiet card with the number on every screen at once; the cards go by themselves after
:data:`SHOWN_S` seconds, or at a click or a key.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kapcompanion.i18n import _
from kapcompanion.ui.presentation.screens import ScreenInfo, current_screens
from kapcompanion.ui.shell.theme import Theme

#: How long the numbers stay (seconds).
SHOWN_S = 4.0
CARD_SIZE = (420, 260)


class ScreenCard(QWidget):
    """The number and name of one screen, in the middle of it."""

    def __init__(self, info: ScreenInfo, theme: Theme) -> None:
        super().__init__(None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.Tool)
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setObjectName("screenCard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            f"QWidget#screenCard {{ background: {theme.surface};"
            f" border: 2px solid {theme.accent}; border-radius: 18px; }}"
            f"QLabel {{ color: {theme.text}; background: transparent; }}"
            "QLabel#number { font-size: 72pt; }"
        )
        self.info = info
        number = QLabel(str(info.index))
        number.setObjectName("number")
        number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        name = QLabel(
            _("Screen {number} · {name} · {width} × {height}").format(
                number=info.index,
                name=info.name or _("screen"),
                width=info.width,
                height=info.height,
            )
        )
        name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        name.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(number, 1)
        layout.addWidget(name)
        self.setAccessibleName(name.text())
        self.resize(*CARD_SIZE)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.close()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.close()


def identify_screens(theme: Theme) -> list[ScreenCard]:
    """Show every screen's card, each centred on its screen; they close after
    :data:`SHOWN_S` seconds. Returns the cards (for tests)."""
    screens = QGuiApplication.screens()
    cards = []
    for info in current_screens():
        card = ScreenCard(info, theme)
        screen = screens[info.index]
        card.setScreen(screen)
        area = screen.geometry()
        card.move(
            area.x() + (area.width() - card.width()) // 2,
            area.y() + (area.height() - card.height()) // 2,
        )
        card.show()
        QTimer.singleShot(round(SHOWN_S * 1000), card, card.close)
        cards.append(card)
    return cards
