"""A small, quiet "Help" control that stays in a window's top right corner on every screen.

It is a child of the window, not of any screen, so every screen shows it without a line of its
own and none of their layouts change. It takes no keyboard focus (F1 opens Help from anywhere,
and the screens keep their own Tab order); its name tells a screen reader about F1.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractButton, QLabel, QPushButton, QWidget

from kapcompanion import i18n
from kapcompanion.i18n import N_, _
from kapcompanion.ui.shell.scaffold import RELAYOUT_EVENTS

LABEL = N_("Help  F1")
MARGIN = 10
#: The least clear space, in pixels, between the corner and the screen's own words and buttons.
GAP = 6


class HelpCorner(QPushButton):
    #: The window's size or layout changed: whether the corner covers a screen may have too.
    moved = Signal()

    def __init__(self, window: QWidget, opens: Callable[[], object]) -> None:
        super().__init__(window)
        self.setObjectName("helpCorner")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clicked.connect(opens)
        self._window = window
        self.speak()
        # It outlives the screens, which are built anew in a new language: it follows by itself.
        stop = i18n.on_change(lambda _code: self.speak())
        self.destroyed.connect(lambda: stop())
        window.installEventFilter(self)
        self._later = QTimer(self, singleShot=True, interval=0)  # once the layouts have settled
        self._later.timeout.connect(self.moved.emit)
        self.place()

    def speak(self) -> None:
        """Its words in the language in use."""
        self.setText(_(LABEL))
        self.setAccessibleName(_("Help: your people and crisis lines (F1)"))
        self.place()  # as wide as its words

    def place(self) -> None:
        self.adjustSize()
        self.move(self._window.width() - self.width() - MARGIN, MARGIN)
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() in RELAYOUT_EVENTS:
            self.place()
            self._later.start()
        return False

    def recheck(self) -> None:
        """Say :attr:`moved` once the layouts have settled (another screen shows)."""
        self._later.start()

    def covers(self, screen: QWidget, band: int) -> bool:
        """Whether a word or button of ``screen`` would come within :data:`GAP` pixels of the
        corner, were the band of ``band`` pixels the window keeps above its screens taken
        away."""
        keep_clear = self.geometry().adjusted(-GAP, -GAP, GAP, GAP)
        for widget in screen.findChildren(QWidget):
            # Words, and anything a person can reach: a list's arrow under the corner is lost.
            reachable = widget.focusPolicy() != Qt.FocusPolicy.NoFocus
            if not (reachable or isinstance(widget, QAbstractButton | QLabel)):
                continue
            if not widget.isVisible():
                continue
            where = QRect(widget.mapTo(self._window, widget.rect().topLeft()), widget.size())
            if where.translated(0, -band).intersects(keep_clear):
                return True
        return False
