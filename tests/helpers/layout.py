"""Looking at a laid-out window as a reader would: is any text cut off?"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kapcompanion.ui.shell.wrapping import WrapButton, WrapCheck


def clipped(root: QWidget) -> list[str]:
    """Visible wrapped labels shorter than the height their text needs at their width."""
    out = []
    for label in root.findChildren(QLabel):
        if label.isVisible() and label.wordWrap() and label.text():
            need = label.heightForWidth(label.width())
            if label.height() + 1 < need:
                out.append(f"{label.text()[:40]!r}: {label.height()} < {need}")
    return out


def squeezed(root: QWidget) -> list[str]:
    """Visible one-line labels and buttons narrower or lower than their text needs."""
    out = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, QLabel | QAbstractButton):
            continue
        if not widget.text() or (isinstance(widget, QLabel) and widget.wordWrap()):
            continue
        if isinstance(widget, WrapCheck | WrapButton):
            # Its words wrap (ui/shell/wrapping.py): cut short only when lower than its lines.
            least = widget.minimumSizeHint().width()
            lines = widget.lines_height(widget.width())
            if widget.width() + 1 < least or widget.height() + 1 < lines:
                name = f"{type(widget).__name__} {widget.text()[:30]!r}"
                out.append(f"{name}: {widget.size().toTuple()} for {lines} px of lines")
            continue
        need = widget.sizeHint()
        if widget.width() + 1 < need.width() or widget.height() + 1 < need.height():
            name = f"{type(widget).__name__}#{widget.objectName()} {widget.text()[:30]!r}"
            out.append(f"{name}: {widget.size().toTuple()} < {need.toTuple()}")
    return out


def place_in(window: QWidget, widget: QWidget) -> QRect:
    """Where ``widget`` stands in ``window``."""
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def shown_part(window: QWidget, widget: QWidget) -> QRect:
    """Where ``widget`` shows in ``window``: its place cut to each of its parents' places (a
    line scrolled out of view shows nowhere)."""
    place = place_in(window, widget)
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        place = place.intersected(place_in(window, parent))
        parent = parent.parentWidget()
    return place
