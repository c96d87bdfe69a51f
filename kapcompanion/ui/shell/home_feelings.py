"""Home's ways in by how a person feels (the view; :class:`~kapcompanion.ui.shell.
home_controller.FeelingsController` holds what follows from a choice).

Under the situations, a row of quieter buttons names how a person may be feeling
(:data:`~kapcompanion.domain.feelings.FEELINGS`: overwhelmed, numb or far away, can't settle,
memories coming up, just checking in). :attr:`FeelingsRow.big_button` leads to the short "when
it gets big" practice; home shows it at the top, by the title (or last in this row when the
title row has no room), and its key (F2) works on home and on every practice screen. Choosing a
feeling starts its first practice, which always begins outside (the eyes, the feet, the room);
back on home, the entry's sentence and its other practices stay offered under the row.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.feelings import FEELINGS, Feeling, FeelingEntry
from kapcompanion.i18n import N_, _
from kapcompanion.ui.shell.theme import SMALL_PT, Theme, pt

HEADING = N_("Or begin from how you feel")
BIG_KEY = "F2"
#: Filled with the key where shown: ``_(BIG_TEXT).format(key=BIG_KEY)``.
BIG_TEXT = N_("When it gets big · {key}")
BIG_DESCRIPTION = N_(
    "Two minutes back to the room: eyes open, feet on the floor. "
    "{key} starts it from home and from any practice."
)
ALSO = N_("Or one of these:")
SPACING = 10


def feelings_styles(theme: Theme) -> str:
    t = theme
    edge = t.edge_colour() if t.outlined else t.surface
    return f"""
QPushButton#feeling, QPushButton#big {{
    background: {t.surface}; border: 2px solid {edge}; border-radius: 10px; padding: 6px 16px;
}}
QPushButton#feeling:hover, QPushButton#big:hover {{ border-color: {t.button_hover}; }}
QPushButton#feeling[chosen="true"] {{ background: {t.button}; border-color: {t.accent}; }}
QPushButton#feeling:focus, QPushButton#big:focus {{ border-color: {t.focus}; }}
QLabel#feelingshead, QLabel#feelingline {{ color: {t.muted}; font-size: {pt(SMALL_PT)}pt; }}
QPushButton#also {{ padding: 4px 12px; }}
"""


class FeelingsRow(QWidget):
    """Emits ``feeling_chosen(str)`` with a :class:`Feeling` value, ``practice_chosen(str)``
    with an exercise id from the offered line, and ``big_requested`` for "when it gets big"."""

    feeling_chosen = Signal(str)
    practice_chosen = Signal(str)
    big_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(_(HEADING))
        self.heading.setObjectName("feelingshead")
        # Plain buttons, each its own Tab stop: choosing one starts a practice, so moving
        # between them (as the arrows do in a group) must never choose.
        self.buttons: dict[Feeling, QPushButton] = {}
        self.chosen: Feeling | None = None
        for entry in FEELINGS:
            title = _(entry.title)
            button = QPushButton(title)
            button.setObjectName("feeling")
            button.setAutoDefault(True)
            button.setAccessibleName(title)
            button.setAccessibleDescription(
                _("{sentence} Starts a practice that helps.").format(sentence=_(entry.sentence))
            )
            button.clicked.connect(lambda _=False, f=entry.feeling: self.feeling_chosen.emit(f))
            self.buttons[entry.feeling] = button
        self.big_button = QPushButton(_(BIG_TEXT).format(key=BIG_KEY))
        self.big_button.setObjectName("big")
        self.big_button.setAutoDefault(True)
        self.big_button.setAccessibleName(_("When it gets big"))
        self.big_button.setAccessibleDescription(_(BIG_DESCRIPTION).format(key=BIG_KEY))
        self.big_button.clicked.connect(self.big_requested.emit)

        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(SPACING)
        self.grid.setVerticalSpacing(SPACING)
        self._per_row: tuple[int, bool] = (0, False)

        # What the chosen entry offers, once the person comes back to home.
        self.line = QLabel("")
        self.line.setObjectName("feelingline")
        self.line.setWordWrap(True)
        self.also_label = QLabel(_(ALSO))
        self.also_label.setObjectName("feelingline")
        # The label and the buttons flow onto as many lines as the width needs (see arrange).
        self.also_lines = QVBoxLayout()
        self.also_lines.setContentsMargins(0, 0, 0, 0)
        self.also_lines.setSpacing(6)
        self.also_buttons: list[QPushButton] = []
        self._width = 10_000
        self._flowed: tuple[int, ...] = ()
        self.offer_box = QWidget()
        offer = QVBoxLayout(self.offer_box)
        offer.setContentsMargins(0, 0, 0, 0)
        offer.setSpacing(4)
        offer.addWidget(self.line)
        offer.addLayout(self.also_lines)
        self.offer_box.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addLayout(self.grid)  # home places the big button (see arrange)
        layout.addWidget(self.offer_box)
        self.arrange(10_000)

    def controls(self) -> list[QWidget]:
        """The row's controls in reading order (for home's Tab order; the big button is in
        home's title row and comes first there)."""
        return [*self.buttons.values(), *self.also_buttons]

    def show_offer(self, entry: FeelingEntry, others: Sequence[tuple[str, str]]) -> None:
        """Mark ``entry`` chosen and offer its sentence and ``others`` (id, title) under the
        row."""
        self.chosen = entry.feeling
        for feeling, button in self.buttons.items():
            button.setProperty("chosen", feeling is entry.feeling)
            button.style().unpolish(button)
            button.style().polish(button)
        self.line.setText(_(entry.sentence))
        for button in self.also_buttons:
            button.hide()
            button.deleteLater()
        self.also_buttons = []
        for exercise_id, title in others:
            button = QPushButton(title)
            button.setObjectName("also")
            button.setAutoDefault(True)
            button.setAccessibleName(title)
            button.setAccessibleDescription(
                _("Starts {practice}. Offered for: {feeling}.").format(
                    practice=title, feeling=_(entry.title)
                )
            )
            button.clicked.connect(lambda _=False, i=exercise_id: self.practice_chosen.emit(i))
            self.also_buttons.append(button)
        self.also_label.setVisible(bool(others))
        self._flowed = ()
        self._flow_also()
        self.offer_box.show()
        previous: QWidget = list(self.buttons.values())[-1]
        for button in self.also_buttons:
            QWidget.setTabOrder(previous, button)
            previous = button

    def needed_width(self, *, with_big: bool = False) -> int:
        """The width the feelings (and the big button, ``with_big``) need on one line, each
        title whole."""
        hints = [b.sizeHint().width() for b in self._placed(with_big)]
        return sum(hints) + (len(hints) - 1) * SPACING

    def _placed(self, with_big: bool) -> list[QPushButton]:
        return [*self.buttons.values(), *([self.big_button] if with_big else [])]

    def arrange(self, width: int, *, with_big: bool = False) -> None:
        """The feelings on one line when they fit in ``width``, else in even columns, three or
        two to a row (large text, narrow windows). ``with_big``: the big button goes last in
        the row too (home puts it here when its title row has no room for it)."""
        buttons = self._placed(with_big)
        widest = max(b.sizeHint().width() for b in buttons)
        if self.needed_width(with_big=with_big) <= width:
            per_row = len(buttons)
        else:
            per_row = next((n for n in (3, 2) if n * widest + (n - 1) * SPACING <= width), 1)
        self._width = width
        self._flow_also()
        if (per_row, with_big) == self._per_row:
            return
        self._per_row = (per_row, with_big)
        for b in [*self.buttons.values(), self.big_button]:
            self.grid.removeWidget(b)
        for i, b in enumerate(buttons):
            self.grid.addWidget(b, i // per_row, i % per_row)
        one_line = per_row == len(buttons)
        columns = len(self.buttons) + 2
        for column in range(columns):
            stretch = 0 if one_line else 1 if column < per_row else 0
            self.grid.setColumnStretch(column, stretch)
        # On one line the buttons keep their own widths and the rest of the line stays empty.
        self.grid.setColumnStretch(columns - 1, 1 if one_line else 0)

    def _flow_also(self) -> None:
        """The label and the other practices on lines no wider than the row, each button
        whole (large text puts them on more lines)."""
        items: list[QWidget] = [self.also_label, *self.also_buttons]
        lines: list[list[QWidget]] = [[]]
        used = 0
        for item in items:
            need = item.sizeHint().width()
            if lines[-1] and used + SPACING + need > self._width:
                lines.append([])
                used = 0
            used += need + (SPACING if lines[-1] else 0)
            lines[-1].append(item)
        shape = tuple(len(line) for line in lines)
        if shape == self._flowed:
            return
        self._flowed = shape
        while (old := self.also_lines.takeAt(0)) is not None:
            layout = old.layout()
            if layout is not None:
                while layout.takeAt(0) is not None:
                    pass
                layout.deleteLater()
        for line in lines:
            row = QHBoxLayout()
            row.setSpacing(8)
            for item in line:
                row.addWidget(item)
            row.addStretch(1)
            self.also_lines.addLayout(row)
