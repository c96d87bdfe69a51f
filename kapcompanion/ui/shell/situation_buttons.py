"""Home's situation buttons: a large choice each, with a title and a quieter line under it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kapcompanion.domain.situations import Situation
from kapcompanion.i18n import _
from kapcompanion.ui.shell.theme import BASE_PT, SMALL_PT, Theme, pt


def situation_styles(theme: Theme) -> str:
    t = theme
    edge = t.edge_colour() if t.outlined else t.surface
    return f"""
QPushButton#situation {{
    background: {t.surface}; border: 2px solid {edge}; border-radius: 14px; padding: 0px;
}}
QLabel#situationtitle {{ font-size: {pt(BASE_PT + 1)}pt; background: transparent; }}
QLabel#situationline {{
    font-size: {pt(SMALL_PT)}pt; color: {t.muted}; background: transparent;
}}
QPushButton#situation:hover {{ border-color: {t.button_hover}; }}
QPushButton#situation:checked {{ background: {t.button}; border-color: {t.accent}; }}
QPushButton#situation:focus {{ border-color: {t.focus}; }}
QPushButton#again {{ text-align: left; padding: 6px 18px; }}
QLabel#againhint {{ color: {t.muted}; font-size: {pt(SMALL_PT)}pt; }}
"""


class SituationButton(QPushButton):
    """A large choice: a title and a quieter line under it (both wrap when space is short)."""

    def __init__(self, title: str, line: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("situation")
        self.title_label = QLabel(title)
        self.title_label.setObjectName("situationtitle")
        self.line_label = QLabel(line)
        self.line_label.setObjectName("situationline")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.setSpacing(2)
        for label in (self.title_label, self.line_label):
            label.setWordWrap(True)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
            layout.addWidget(label)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    @classmethod
    def for_situation(cls, situation: Situation) -> SituationButton:
        """A checkable button for ``situation``, named for screen readers."""
        title, line = _(situation.title), _(situation.line)
        button = cls(title, line)
        button.setCheckable(True)
        button.setAutoDefault(True)
        button.setAccessibleName(title)
        button.setAccessibleDescription(
            _(
                "{line}. Shows the matching exercises and sets the breathing card. "
                "Arrow keys move between the situations."
            ).format(line=line)
        )
        return button

    def sizeHint(self) -> QSize:
        layout = self.layout()
        hint = layout.sizeHint() if layout is not None else super().sizeHint()
        return QSize(hint.width(), hint.height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        return layout.totalHeightForWidth(width) if layout is not None else -1

    def needed_width(self) -> int:
        """The width at which the title fits on one line."""
        return self.title_label.sizeHint().width() + 40
