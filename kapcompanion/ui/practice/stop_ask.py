"""The gentle "stop here?" of every practice, and the quiet message page it is made of.

A :class:`MessagePage` is a title, a line of text, its buttons and a hint about the keys, one
under the other in the middle. :class:`StopAsk` is the one "stop here?": the exercise screen
shows it on its stage, a breathing practice over itself. It only says what the person chose
(``keep_going``, ``stop_here``); the screen decides what that does.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.i18n import N_, _
from kapcompanion.ui.practice.look import TEXT_WIDTH
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.theme import Theme

STOP_TITLE = N_("Stop here?")
STOP_HINT = N_("Enter keeps going · Esc again stops")


def words(name: str, text: str = "", width: int = TEXT_WIDTH) -> QLabel:
    """A centred label that wraps at ``width`` pixels, styled by its object name."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setMaximumWidth(width)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
    return label


def add_centred(layout: QVBoxLayout, label: QLabel, stretch: int = 0) -> None:
    """Add ``label`` centred and as wide as it may be (wrapped text keeps its height)."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addStretch(1)
    row.addWidget(label, 100)
    row.addStretch(1)
    layout.addLayout(row, stretch)


class MessagePage(QFrame):
    """A title, a line of text, ``buttons`` side by side and a hint about the keys."""

    def __init__(
        self,
        title: str,
        text: str,
        buttons: Sequence[QPushButton],
        hint: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = words("prompt", title)
        self.text = words("muted", text)
        self.hint = words("hint", hint)
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addStretch(1)
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setSpacing(18)
        layout.addStretch(1)
        add_centred(layout, self.title)
        add_centred(layout, self.text)
        layout.addSpacing(10)
        layout.addLayout(row)
        add_centred(layout, self.hint)
        layout.addStretch(1)

    def set_text_width(self, width: int) -> None:
        """Let the words wrap at ``width`` pixels (larger on the client's screen)."""
        for label in (self.title, self.text, self.hint):
            label.setMaximumWidth(width)


class StopAsk(MessagePage):
    """ "Stop here?", with Keep going (the primary action, and Enter's) and Stop here.

    ``text`` says what stopping keeps; ``stop_name`` is the Stop here button's accessible name.
    With a ``theme`` the page paints its own background, to lie over the practice itself.
    """

    keep_going = Signal()
    stop_here = Signal()

    def __init__(
        self,
        text: str,
        *,
        stop_name: str,
        theme: Theme | None = None,
        parent: QWidget | None = None,
    ) -> None:
        keep = scaffold.button(_("Keep going"), _("Keep going"), style="primary")
        stop = scaffold.button(_("Stop here"), stop_name)
        super().__init__(_(STOP_TITLE), text, (keep, stop), _(STOP_HINT), parent)
        self.keep_button = keep
        self.stop_button = stop
        self.setObjectName("stopAsk")
        if theme is not None:
            self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
            self.setStyleSheet(f"QFrame#stopAsk {{ background: {theme.background}; }}")
        self.keep_button.clicked.connect(self.keep_going)
        self.stop_button.clicked.connect(self.stop_here)

    def focus_keep_going(self) -> None:
        self.keep_button.setFocus(Qt.FocusReason.OtherFocusReason)
