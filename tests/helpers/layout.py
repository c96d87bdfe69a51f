"""Looking at a laid-out window as a reader would: is any text cut off?"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


def clipped(root: QWidget) -> list[str]:
    """Visible wrapped labels shorter than the height their text needs at their width."""
    out = []
    for label in root.findChildren(QLabel):
        if label.isVisible() and label.wordWrap() and label.text():
            need = label.heightForWidth(label.width())
            if label.height() + 1 < need:
                out.append(f"{label.text()[:40]!r}: {label.height()} < {need}")
    return out
