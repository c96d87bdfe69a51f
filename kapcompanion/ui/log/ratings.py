"""The optional question before and after a practice: "how settled and present in my body?"

A small, quiet screen with a 0-10 scale. Nothing has to be answered: Enter alone skips it, and
the scale can be switched off for good with the tick at the bottom. After a practice that asked
for answers (an intention, what was noticed), the same screen offers to keep them in the log:
an intention is kept unless the person unticks it (it is a line they chose to name and may like
to find again); other answers are kept only when the person ticks it, because they were typed
to ground in the moment, not necessarily to be kept.

Keys: 0-9 choose a number, Left/Right move it, Home/End choose 0/10, Delete clears it,
Enter goes on, Esc goes back (before) or skips (after).

:class:`RatingFlow` puts the screens in the main window at the right moments: before a practice
starts and once the practice screen has been left.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.answers import AfterQuestion
from kapcompanion.domain.practice import RATING_MAX, RATING_MIN
from kapcompanion.services.log_recorder import PracticeRecorder
from kapcompanion.services.settings import SettingsStore, bool_setting
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.theme import DARK, Theme

BEFORE = "before"
AFTER = "after"

BEFORE_HEADING = "Before you begin"
AFTER_HEADING = "Before you go on"
BEFORE_QUESTION = "How settled and present in your body do you feel right now?"
AFTER_QUESTION = "And now, how settled and present in your body do you feel?"
SCALE_NOTE = "Only if you like: 0 is not at all, 10 is completely. There is no right answer."
LOW_END = "not at all"
HIGH_END = "completely"
KEYS_CHOOSE = "Keys 0–9 or the arrows choose · Enter goes on, with or without a number"
BEFORE_KEYS = f"{KEYS_CHOOSE} · Esc goes back"
AFTER_KEYS = f"{KEYS_CHOOSE} · Esc skips"
KEEP_INTENTION = "Keep my intention in my log"
KEEP_OTHERS = "Keep my other answers in my log (what I noticed, my words)"
ASK_AGAIN = "Ask me this before and after practices"
AFTER_ANSWERS_ONLY = "You wrote a few things during this practice. What would you like to keep?"

#: Whether to ask how the person feels before and after a practice (in the app's settings).
ASK_RATINGS = bool_setting(
    "practice/ask_ratings", "Asking how you feel before and after a practice", True
)


class RatingSettings:
    """Whether to ask for ratings, kept between runs in the app's settings file (a value that
    cannot be read counts as "yes", and the settings store says so)."""

    def __init__(self, store: SettingsStore) -> None:
        self._store = store

    @property
    def ask(self) -> bool:
        return self._store.get(ASK_RATINGS)

    def set_ask(self, ask: bool) -> None:
        self._store.set(ASK_RATINGS, bool(ask))


@dataclass(frozen=True)
class PromptAnswer:
    rating: int | None
    keep_intention: bool
    keep_others: bool
    ask_again: bool


class RatingScale(QWidget):
    """Eleven quiet buttons, 0 to 10; at most one is chosen."""

    changed = Signal(object)  # int | None

    def __init__(self, theme: Theme = DARK, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ratingScale")
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)
        self._value: int | None = None
        row = QHBoxLayout()
        row.setSpacing(8)
        self.buttons: list[QPushButton] = []
        for n in range(RATING_MIN, RATING_MAX + 1):
            button = QPushButton(str(n))
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAccessibleName(f"{n} out of {RATING_MAX}")
            self._group.addButton(button, n)
            row.addWidget(button)
            self.buttons.append(button)
        self._group.idClicked.connect(self._clicked)
        ends = QHBoxLayout()
        low = QLabel(LOW_END)
        low.setObjectName("hint")
        high = QLabel(HIGH_END)
        high.setObjectName("hint")
        high.setAlignment(Qt.AlignmentFlag.AlignRight)
        ends.addWidget(low)
        ends.addStretch(1)
        ends.addWidget(high)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(row)
        layout.addLayout(ends)
        t = theme
        self.setStyleSheet(
            f"""
            QWidget#ratingScale QPushButton {{
                border-radius: 24px; padding: 0px;
                min-width: 48px; max-width: 48px; min-height: 48px; max-height: 48px;
                background: {t.button}; border: 2px solid {t.button};
            }}
            QWidget#ratingScale QPushButton:hover {{
                background: {t.button_hover}; border-color: {t.button_hover};
            }}
            QWidget#ratingScale QPushButton:checked {{
                background: {t.accent}; border-color: {t.focus}; color: {t.accent_text};
            }}
            """
        )

    @property
    def value(self) -> int | None:
        return self._value

    def set_value(self, value: int | None) -> None:
        if value is not None:
            value = min(RATING_MAX, max(RATING_MIN, int(value)))
        self._value = value
        for n, button in enumerate(self.buttons):
            button.setChecked(n == value)
        self.setAccessibleDescription(
            "nothing chosen" if value is None else f"{value} out of {RATING_MAX}"
        )
        self.changed.emit(value)

    def _clicked(self, n: int) -> None:
        self.set_value(None if self._value == n else n)

    def step(self, by: int) -> None:
        start = (RATING_MAX + RATING_MIN) // 2 if self._value is None else self._value + by
        self.set_value(start)


class RatingPrompt(QWidget):
    """One question before or after a practice. Emits ``closed`` and then ``answered``
    (a :class:`PromptAnswer`) when the person goes on, or ``closed`` and then ``cancelled``
    when they go back with Esc before a practice."""

    closed = Signal()
    answered = Signal(object)
    cancelled = Signal()

    def __init__(
        self,
        moment: str,
        theme: Theme = DARK,
        *,
        ask_rating: bool = True,
        intention: str | None = None,
        has_other_answers: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if moment not in (BEFORE, AFTER):
            raise ValueError(f"moment must be {BEFORE!r} or {AFTER!r}, not {moment!r}")
        scaffold.as_screen(self)
        self.moment = moment
        self.title = BEFORE_HEADING if moment == BEFORE else AFTER_HEADING
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._done = False

        heading = scaffold.label(self.title, "title")
        self.question = scaffold.label(
            BEFORE_QUESTION if moment == BEFORE else AFTER_QUESTION, "heading", wrap=True
        )
        note = scaffold.label(SCALE_NOTE, "muted", wrap=True)
        self.scale = RatingScale(theme)
        self.scale.changed.connect(self._scale_changed)
        self.ask_rating = ask_rating

        self.keep_intention = QCheckBox(KEEP_INTENTION)
        self.keep_intention.setChecked(True)
        self.intention_label = scaffold.label(
            f"“{intention}”" if intention else "", "muted", wrap=True
        )
        self.keep_others = QCheckBox(KEEP_OTHERS)
        self.keep_others.setChecked(False)
        answers_intro = scaffold.label(
            AFTER_ANSWERS_ONLY, "heading" if not ask_rating else "muted", wrap=True
        )

        self.go_button = scaffold.button("", slot=self.confirm, style="primary")
        self.ask_again = QCheckBox(ASK_AGAIN)
        self.ask_again.setChecked(True)
        keys = scaffold.label(BEFORE_KEYS if moment == BEFORE else AFTER_KEYS, "hint", wrap=True)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.go_button)

        column = QWidget()
        column.setMaximumWidth(760)
        col = QVBoxLayout(column)
        col.setSpacing(14)
        col.addWidget(heading)
        col.addWidget(self.question)
        col.addWidget(note)
        col.addSpacing(8)
        col.addWidget(self.scale)
        col.addSpacing(12)
        col.addWidget(answers_intro)
        col.addWidget(self.keep_intention)
        col.addWidget(self.intention_label)
        col.addWidget(self.keep_others)
        col.addSpacing(8)
        col.addLayout(buttons)
        col.addSpacing(20)
        col.addWidget(self.ask_again)
        col.addWidget(keys)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.addStretch(2)
        outer.addLayout(scaffold.centre(column, side=0))
        outer.addStretch(3)
        self.setTabOrder(self.go_button, self.keep_intention)
        self.setTabOrder(self.keep_intention, self.keep_others)
        self.setTabOrder(self.keep_others, self.ask_again)
        self._scale_changed(None)
        self.setFocusProxy(self.go_button)
        # Only now, inside their layouts (a widget without a parent would open a window).
        for widget in (self.question, note, self.scale, self.ask_again):
            widget.setVisible(ask_rating)
        self.keep_intention.setVisible(bool(intention))
        self.intention_label.setVisible(bool(intention))
        self.keep_others.setVisible(has_other_answers)
        answers_intro.setVisible(bool(intention) or has_other_answers)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.go_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- choosing --------------------------------------------------------------------------

    def _scale_changed(self, value: object) -> None:
        if value is None:
            text = "Skip" if self.ask_rating else "Go on"
            name = "Go on without a number" if self.ask_rating else "Go on"
        else:
            text = "Begin" if self.moment == BEFORE else "Done"
            name = f"{text}, with {value} out of {RATING_MAX}"
        self.go_button.setText(text)
        self.go_button.setAccessibleName(name)

    def choose(self, value: int | None) -> None:
        if self.ask_rating:
            self.scale.set_value(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text()
        if self.ask_rating and text.isdigit() and len(text) == 1:
            self.choose(int(text))
        elif self.ask_rating and key in (Qt.Key.Key_Left, Qt.Key.Key_Down, Qt.Key.Key_Minus):
            self.scale.step(-1)
        elif self.ask_rating and key in (Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Plus):
            self.scale.step(1)
        elif self.ask_rating and key == Qt.Key.Key_Home:
            self.choose(RATING_MIN)
        elif self.ask_rating and key == Qt.Key.Key_End:
            self.choose(RATING_MAX)
        elif self.ask_rating and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.choose(None)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirm()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # -- leaving ---------------------------------------------------------------------------

    def answer(self) -> PromptAnswer:
        return PromptAnswer(
            rating=self.scale.value if self.ask_rating else None,
            keep_intention=self.keep_intention.isChecked(),
            keep_others=self.keep_others.isChecked(),
            ask_again=self.ask_again.isChecked() or not self.ask_rating,
        )

    def confirm(self) -> None:
        """Go on with what is chosen (no number means skipped)."""
        if self._done:
            return
        self._done = True
        answer = self.answer()
        self.closed.emit()
        self.answered.emit(answer)

    def skip(self) -> None:
        self.choose(None)
        self.confirm()

    def stop(self) -> None:
        """Esc: before a practice, go back without starting it; after one, skip."""
        if self._done:
            return
        if self.moment == AFTER:
            self.skip()
            return
        self._done = True
        self.closed.emit()
        self.cancelled.emit()


class Navigator(Protocol):
    """What the flow needs of the main window."""

    @property
    def current_screen(self) -> QWidget: ...

    def push(self, screen: QWidget) -> None: ...


class RatingFlow(QObject):
    """Shows the question before a practice and, once its screen has been left, after it."""

    def __init__(
        self,
        window: Navigator,
        recorder: PracticeRecorder,
        settings: RatingSettings,
        theme: Theme = DARK,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._recorder = recorder
        self._settings = settings
        self._theme = theme
        recorder.ask_ratings = settings.ask
        recorder.after_wanted.connect(self._after_wanted)
        self._question: AfterQuestion | None = None
        self.prompt: RatingPrompt | None = None

    def _remember(self, answer: PromptAnswer) -> None:
        if answer.ask_again != self._recorder.ask_ratings:
            self._recorder.ask_ratings = answer.ask_again
            self._settings.set_ask(answer.ask_again)

    def set_asking(self, ask: bool) -> None:
        self._recorder.ask_ratings = ask
        self._settings.set_ask(ask)

    # -- before ------------------------------------------------------------------------------

    def before(self, start: Callable[[], object]) -> None:
        """Ask (if wanted), then call ``start`` to begin the practice."""
        if not self._recorder.asks_ratings:
            self._recorder.set_rating_before(None)
            start()
            return
        prompt = RatingPrompt(BEFORE, self._theme)

        def go(answer: PromptAnswer) -> None:
            self.prompt = None
            self._remember(answer)
            self._recorder.set_rating_before(answer.rating)
            start()

        def back() -> None:
            self.prompt = None

        prompt.answered.connect(go)
        prompt.cancelled.connect(back)
        self.prompt = prompt
        self._window.push(prompt)

    # -- after -------------------------------------------------------------------------------

    def _after_wanted(self, question: AfterQuestion) -> None:
        self._question = question
        screen = self._window.current_screen
        closed = getattr(screen, "closed", None)
        if isinstance(closed, SignalInstance) and not isinstance(screen, RatingPrompt):
            # Ask once the practice screen has been left (it may show a closing view first).
            closed.connect(self._ask_soon)
            screen.destroyed.connect(self._ask_soon)
        else:
            self._ask_soon()

    def _ask_soon(self) -> None:
        QTimer.singleShot(0, self._ask_after)

    def _ask_after(self) -> None:
        question, self._question = self._question, None
        if question is None or not self._recorder.waiting_for_after:
            return
        prompt = RatingPrompt(
            AFTER,
            self._theme,
            ask_rating=question.ask_rating,
            intention=question.intention,
            has_other_answers=question.has_other_answers,
        )

        def done(answer: PromptAnswer) -> None:
            self.prompt = None
            self._remember(answer)
            self._recorder.finish(
                answer.rating,
                keep_intention=answer.keep_intention,
                keep_others=answer.keep_others,
            )

        prompt.answered.connect(done)
        self.prompt = prompt
        self._window.push(prompt)
