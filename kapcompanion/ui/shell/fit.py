"""Keeping a window, with the title bar and border a desktop gives it, inside its screen.

A window manager draws a frame around a window, outside the size the app asks for: a
1280x800 window on a 1280x800 screen had its last buttons below the screen's edge. And the
screen's usable area may be smaller still (a panel, a dock). :class:`ScreenFit` watches one
top-level window and, when it is shown, when its frame first becomes known and when it moves to
another screen, shrinks it to what that area holds (never below its minimum size) and moves it
so the whole frame is inside. It never fights a person: a window they drag or resize is left
where they put it, as long as the frame it was given stays the same.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QRect, QSize, QTimer
from PySide6.QtGui import QGuiApplication, QScreen, QWindow
from PySide6.QtWidgets import QWidget


def frame_margins(window: QWidget) -> QMargins:
    """What the window manager adds around the window (none known yet: all zero)."""
    handle = window.windowHandle()
    # What the window system said, not a difference of two rectangles (a handle can come back
    # as a stale wrapper of something else, so it is checked).
    if isinstance(handle, QWindow):
        return handle.frameMargins()
    frame = window.frameGeometry()
    inner = window.geometry()
    return QMargins(
        inner.left() - frame.left(),
        inner.top() - frame.top(),
        frame.right() - inner.right(),
        frame.bottom() - inner.bottom(),
    )


def room_for(area: QRect, margins: QMargins, wanted: QSize, minimum: QSize) -> QSize:
    """The size a window of ``wanted`` size gets in ``area`` with ``margins`` around it."""
    room = QSize(
        area.width() - margins.left() - margins.right(),
        area.height() - margins.top() - margins.bottom(),
    )
    return wanted.boundedTo(room).expandedTo(minimum)


def place_in(area: QRect, frame: QRect) -> tuple[int, int]:
    """Where a frame of this size goes so that as much of it as can be is inside ``area``
    (its top-left corner always is, so the title bar can be reached)."""
    x = min(frame.x(), area.x() + area.width() - frame.width())
    y = min(frame.y(), area.y() + area.height() - frame.height())
    return max(x, area.x()), max(y, area.y())


class ScreenFit(QObject):
    """Keeps ``window`` (a top-level widget) and its frame inside its screen's usable area."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self._margins: QMargins | None = None
        self._screen: QScreen | None = None
        self._pending = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            kind = event.type()
            if kind == QEvent.Type.Show:
                self.fit()
                self._later()
            elif kind in (QEvent.Type.Move, QEvent.Type.Resize) and (
                frame_margins(self.window) != self._margins or self._moved_screen()
            ):
                self._later()
        return False

    def _moved_screen(self) -> bool:
        return self.window.screen() is not self._screen

    def _later(self) -> None:
        # After the window system's events of the moment are through (it sends a move and a
        # resize while it frames the window).
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._fit_now)

    def _fit_now(self) -> None:
        self._pending = False
        self.fit()

    def fit(self) -> None:
        """Shrink and move the window now so that it fits (full screen and maximised windows
        are the window manager's to size)."""
        window = self.window
        if QGuiApplication.platformName() == "offscreen":
            return  # drawn to no screen at all (tests): nothing to fit into
        if window.isFullScreen() or window.isMaximized() or window.isMinimized():
            return
        screen = window.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        self._screen = screen
        margins = frame_margins(window)
        self._margins = margins
        area = screen.availableGeometry()
        size = room_for(area, margins, window.size(), window.minimumSize())
        if size != window.size():
            window.resize(size)
        frame = QRect(
            window.frameGeometry().topLeft(),
            QSize(
                size.width() + margins.left() + margins.right(),
                size.height() + margins.top() + margins.bottom(),
            ),
        )
        x, y = place_in(area, frame)
        if (x, y) != (frame.x(), frame.y()):
            window.move(x, y)
