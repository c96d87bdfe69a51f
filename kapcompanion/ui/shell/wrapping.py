"""Check boxes and buttons whose words go onto more lines when their row is narrow (large text,
a small window, a longer language), instead of holding the whole page wider than the window.

A plain :class:`QCheckBox` or :class:`QPushButton` keeps its words on one line and asks for
their whole width as its least width: at 200 % in Spanish one such line made Settings scroll
sideways. These ask only for their longest word, tell their layout how tall they are at a given
width, and paint their words broken at spaces to fit. While there is room they are exactly
the usual one-line control; their text, tick and keys are always the usual ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QSize
from PySide6.QtGui import QFontMetrics, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QWidget,
)


def wrapped(text: str, metrics: QFontMetrics, room: int) -> list[str]:
    """``text`` in lines no wider than ``room`` pixels, broken at spaces (a word longer than
    the room keeps a line of its own)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            tried = f"{line} {word}" if line else word
            if line and metrics.horizontalAdvance(tried.replace("&", "")) > room:
                lines.append(line)
                line = word
            else:
                line = tried
        lines.append(line)
    return lines


def _frame(button: QAbstractButton, one_line: QSize) -> int:
    """What the control adds around its words (tick box, padding)."""
    return max(0, one_line.width() - button.fontMetrics().horizontalAdvance(
        button.text().replace("&", "")
    ))  # fmt: skip


def _lines(button: QAbstractButton, one_line: QSize, width: int) -> list[str]:
    return wrapped(button.text(), button.fontMetrics(), max(1, width - _frame(button, one_line)))


def _least(button: QAbstractButton, one_line: QSize) -> QSize:
    words = button.text().replace("&", "").split() or [""]
    widest = max(button.fontMetrics().horizontalAdvance(word) for word in words)
    return QSize(min(one_line.width(), _frame(button, one_line) + widest), one_line.height())


def _height(button: QAbstractButton, one_line: QSize, width: int) -> int:
    extra = len(_lines(button, one_line, width)) - 1
    return one_line.height() + extra * button.fontMetrics().lineSpacing()


def _may_wrap(button: QAbstractButton) -> None:
    # A check box or button only grows by default: it may shrink now (down to its longest word).
    # Its height is set from its width (see _fit), never guessed by a layout: a form guessed
    # it at another width and left lines of empty space under it.
    button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)


def _fit(button: QAbstractButton, one_line: QSize) -> None:
    """Exactly as tall as its lines at its width."""
    high = _height(button, one_line, button.width())
    if button.minimumHeight() != high or button.maximumHeight() != high:
        button.setFixedHeight(high)


# The shared part is a plain mixin at run time (a second Qt base class would crash the
# bindings); the type checker reads it as the button it always stands beside.
if TYPE_CHECKING:
    _Mixin = QAbstractButton
else:
    _Mixin = object


class _Wraps(_Mixin):
    """What a wrapping check box and a wrapping button share; ``_ELEMENT`` is what the style
    draws for it. Listed before the Qt class it goes with, so ``super()`` reaches that class."""

    _ELEMENT: QStyle.ControlElement

    def _one_line(self) -> QSize:
        return super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        return _least(self, self._one_line())

    def lines_height(self, width: int) -> int:
        """How tall its words are at ``width``."""
        return _height(self, self._one_line(), width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        _fit(self, self._one_line())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            _fit(self, self._one_line())

    def setText(self, text: str) -> None:
        super().setText(text)
        _fit(self, self._one_line())

    def paintEvent(self, event: QPaintEvent) -> None:
        one_line = self._one_line()
        if self.width() >= one_line.width():
            super().paintEvent(event)
            return
        option = QStyleOptionButton()
        self._style_option(option)
        option.text = "\n".join(_lines(self, one_line, self.width()))
        QStylePainter(self).drawControl(self._ELEMENT, option)

    def _style_option(self, option: QStyleOptionButton) -> None:
        raise NotImplementedError

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)


class WrapCheck(_Wraps, QCheckBox):
    """A check box whose words wrap when it is narrower than one line of them."""

    _ELEMENT = QStyle.ControlElement.CE_CheckBox

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        QCheckBox.__init__(self, text, parent)
        _may_wrap(self)

    def _style_option(self, option: QStyleOptionButton) -> None:
        QCheckBox.initStyleOption(self, option)


class WrapButton(_Wraps, QPushButton):
    """A push button whose words wrap when it is narrower than one line of them."""

    _ELEMENT = QStyle.ControlElement.CE_PushButton

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        QPushButton.__init__(self, text, parent)
        _may_wrap(self)

    def _style_option(self, option: QStyleOptionButton) -> None:
        QPushButton.initStyleOption(self, option)
