"""The exercise screen's parts: the step page on its stage (a step's words, the breathing shape
with the breath's word on a breathing step, and the step's input, if it has one) and the row of
buttons under it.

Inputs only report what the person did (``answered(key, value)``); the screen hands answers to
its controller, which keeps them in the runner.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kapcompanion.domain.body_map import Sitting, answer_text, marks_from_answer
from kapcompanion.domain.runner import Answer
from kapcompanion.domain.scripts import BodyMapInput, ChecklistInput, RatingInput, Step, TextInput
from kapcompanion.i18n import _
from kapcompanion.ui.breathing.disc import BreathDisc
from kapcompanion.ui.exercise.widgets import (
    ChecklistInputWidget,
    RatingInputWidget,
    TextInputWidget,
)
from kapcompanion.ui.journal.body_map import BodyMapWidget
from kapcompanion.ui.practice.look import DISC_MAX_HEIGHT
from kapcompanion.ui.practice.stop_ask import add_centred, words
from kapcompanion.ui.shell.theme import Theme


def _now() -> datetime:
    return datetime.now().astimezone()


def set_text(label: QLabel, text: str) -> None:
    """Change ``label``'s text only when it differs (no needless relayout or repaint)."""
    if label.text() != text:
        label.setText(text)


def make_button(text: str, name: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.clicked.connect(slot)
    return button


class StepControls(QWidget):
    """Back, Pause (or Carry on), Next or Continue, and Stop, in a row."""

    def __init__(
        self,
        *,
        back: Callable[[], None],
        pause: Callable[[], None],
        move_on: Callable[[], None],
        stop: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.back_button = make_button(_("Back"), _("Go back to the previous step"), back)
        self.pause_button = make_button(_("Pause"), _("Pause the exercise"), pause)
        self.next_button = make_button(_("Next"), _("Move on to the next step"), move_on)
        self.continue_button = make_button(_("Continue"), _("Continue to the next step"), move_on)
        self.continue_button.setObjectName("primary")
        self.stop_button = make_button(_("Stop"), _("Stop the exercise"), stop)
        self._waits = False
        self._paused = False
        buttons = (
            self.back_button,
            self.pause_button,
            self.next_button,
            self.continue_button,
            self.stop_button,
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        row.addStretch(1)
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        for before, after in itertools.pairwise(buttons):
            QWidget.setTabOrder(before, after)

    def show_step(self, step: Step, *, last: bool = False) -> None:
        """A step that waits for the person offers Continue; a timed one Next. On the last step
        either says Finish: it ends the practice."""
        self._waits = step.until_continue
        self.next_button.setText(_("Finish") if last else _("Next"))
        self.next_button.setAccessibleName(
            _("Finish the exercise") if last else _("Move on to the next step")
        )
        self.continue_button.setText(_("Finish") if last else _("Continue"))
        self.continue_button.setAccessibleName(
            _("Finish the exercise") if last else _("Continue to the next step")
        )
        self._show_move_on()
        self.back_button.setEnabled(True)

    def show_paused(self, paused: bool) -> None:
        """While paused, Carry on is the one way forward: the buttons that move to another step
        stand aside, so "Carry on" and "Continue" are never side by side."""
        self._paused = paused
        moving_on = self.next_button.hasFocus() or self.continue_button.hasFocus()
        self.pause_button.setText(_("Carry on") if paused else _("Pause"))
        self.pause_button.setAccessibleName(
            _("Carry on with the exercise") if paused else _("Pause the exercise")
        )
        self._show_move_on()
        if paused and moving_on:
            self.pause_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_move_on(self) -> None:
        self.continue_button.setVisible(self._waits and not self._paused)
        self.next_button.setVisible(not self._waits and not self._paused)

    def focus_move_on(self) -> None:
        """The focus on the button that moves on: Continue on a waiting step, else Next."""
        waits = self.continue_button.isVisibleTo(self)
        target = self.continue_button if waits else self.next_button
        target.setFocus(Qt.FocusReason.OtherFocusReason)


class StepPage(QWidget):
    answered = Signal(str, object)  # the input's key, and a value (None, "" or no ticks clear)

    def __init__(self, theme: Theme, *, reduced_motion: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self._theme = theme
        self.step_text = words("steptext")
        self.step_text.setAccessibleName(_("step"))
        self.breath_word = words("breathword")
        self.breath_word.setAccessibleName(_("breath"))
        self.disc = BreathDisc(theme, reduced_motion=reduced_motion)
        self.disc.setMaximumHeight(DISC_MAX_HEIGHT)
        self.input_box = QWidget()
        self._input_layout = QVBoxLayout(self.input_box)
        self._input_layout.setContentsMargins(0, 12, 0, 0)
        self._input_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.input_widget: QWidget | None = None
        #: A line the person brought with them (the intention a session began with), shown
        #: quietly on the steps that ask for their words.
        self.carried = words("carried")
        self.carried.setAccessibleName(_("what you came in with"))
        self.carried.hide()
        self._step: Step | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 12)
        layout.setSpacing(14)
        layout.addStretch(1)
        add_centred(layout, self.step_text)
        add_centred(layout, self.breath_word)
        add_centred(layout, self.carried)
        layout.addWidget(self.disc, 6)  # the disc centres itself in whatever room it gets
        layout.addWidget(self.input_box)
        layout.addStretch(1)

    def show_step(self, step: Step, answers: Mapping[str, Answer], *, then: QWidget) -> None:
        """Show ``step`` with what was answered so far; Tab goes from its input to ``then``."""
        self._step = step
        set_text(self.step_text, step.text)
        self.step_text.setAccessibleDescription(step.text)
        self._show_carried()
        breathing = step.breathing is not None
        self.disc.setVisible(breathing)
        self.breath_word.setVisible(breathing)
        if breathing:
            self.show_breath(0.0, "")
        self._build_input(step, answers, then)

    def carry(self, line: str) -> None:
        """Show ``line`` quietly on every step that asks for the person's own words."""
        set_text(self.carried, line)
        self._show_carried()

    def _show_carried(self) -> None:
        asks_words = self._step is not None and isinstance(self._step.input, TextInput)
        self.carried.setVisible(asks_words and bool(self.carried.text()))

    def show_breath(self, level: float, word: str) -> None:
        self.disc.set_level(level)
        set_text(self.breath_word, word)

    def focus_input(self) -> bool:
        """Give the step's input the keyboard focus; False when the step has none."""
        if self.input_widget is None:
            return False
        self.input_widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def set_text_width(self, width: int) -> None:
        for label in (self.step_text, self.breath_word, self.carried):
            label.setMaximumWidth(width)

    def _body_map(self, spec: BodyMapInput, answer: Answer | None) -> BodyMapWidget:
        """A body map whose marks are the step's answer, a line each (marks made before, when
        the person comes back to the step, are shown again)."""
        before = marks_from_answer(
            [answer] if isinstance(answer, str) else [], at=_now(), practice_uuid="", key=spec.key
        )
        body = BodyMapWidget(self._theme, now=_now, sitting=Sitting(marks=before))
        body.setMinimumSize(560, 360)

        def changed(_mark: object) -> None:
            self.answered.emit(spec.key, answer_text(body.sitting.marks()))

        body.marked.connect(changed)
        body.unmarked.connect(changed)
        return body

    def _build_input(self, step: Step, answers: Mapping[str, Answer], then: QWidget) -> None:
        if self.input_widget is not None:
            self._input_layout.removeWidget(self.input_widget)
            self.input_widget.hide()
            self.input_widget.deleteLater()
            self.input_widget = None
        spec = step.input
        widget: QWidget | None = None
        chain: list[QWidget] = []
        if isinstance(spec, RatingInput):
            rating = answers.get(spec.key)
            rating_widget = RatingInputWidget(
                spec, self._theme, rating if isinstance(rating, int) else None
            )
            rating_widget.changed.connect(lambda v, key=spec.key: self.answered.emit(key, v))
            widget, chain = rating_widget, [rating_widget.scale]
        elif isinstance(spec, TextInput):
            text = answers.get(spec.key)
            text_widget = TextInputWidget(spec, text if isinstance(text, str) else "")
            text_widget.changed.connect(lambda v, key=spec.key: self.answered.emit(key, v))
            widget, chain = text_widget, [text_widget.edit]
        elif isinstance(spec, ChecklistInput):
            ticks = answers.get(spec.key)
            check_widget = ChecklistInputWidget(spec, ticks if isinstance(ticks, tuple) else ())
            check_widget.changed.connect(lambda v, key=spec.key: self.answered.emit(key, v))
            widget, chain = check_widget, list(check_widget.boxes)
        elif isinstance(spec, BodyMapInput):
            body = self._body_map(spec, answers.get(spec.key))
            widget, chain = body, [body.canvas]
        self.input_box.setVisible(widget is not None)
        if widget is None:
            return
        self._input_layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        widget.show()  # a child added to a shown box stays hidden until asked (a first step)
        self.input_widget = widget
        # Tab goes from the answer to the buttons below it.
        for before, after in zip(chain, [*chain[1:], then], strict=True):
            QWidget.setTabOrder(before, after)
