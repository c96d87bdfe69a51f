"""The screens before and after a practice: the one optional "how settled and present in my
body?" of a practice's flow, and what happens to the words the person gave.

The question is asked at most once in a practice's flow
(:func:`~kapcompanion.domain.answers.rating_plan`): before most practices, after the two that
begin and close a medicine session, never when the practice asks its own. Nothing has to be
answered: Enter or Esc goes on without a number, and the question can be switched off for good
with the tick at the bottom. Esc never cancels a practice and never drops a word.

Words typed or chosen in a practice are already in the log when the practice ends (see
:class:`~kapcompanion.services.log_recorder.PracticeRecorder`); the screen afterwards says so
and offers, unticked, not to keep them this time.

Keys: 0-9 choose a number (1 then 0 is 10), the arrows move it, Home/End choose 0/10, Delete
clears it, Tab moves between the scale, the tick boxes and the button, Enter or Esc goes on.

:class:`RatingFlow` puts the screens in the main window at the right moments: before a practice
starts and once the practice screen has been left.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from kapcompanion.domain.answers import AfterQuestion, rating_plan
from kapcompanion.domain.practice import RATING_MAX
from kapcompanion.domain.scripts import Exercise, RatingInput
from kapcompanion.i18n import N_, _
from kapcompanion.services.log_recorder import PracticeRecorder
from kapcompanion.services.settings import SettingsStore, bool_setting
from kapcompanion.ui.exercise.widgets import RATING_KEYS_ARROWS, RatingInputWidget, RatingScale
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.screen_kinds import Closes, LeadsOn
from kapcompanion.ui.shell.theme import DARK, Theme, width

BEFORE = "before"
AFTER = "after"

BEFORE_HEADING = N_("Before you begin")
AFTER_HEADING = N_("Before you go on")
BEFORE_QUESTION = N_("How settled and present in your body do you feel right now?")
AFTER_QUESTION = N_("And now, how settled and present in your body do you feel?")
SCALE_NOTE = N_("Only if you like: 0 is not at all, 10 is completely. There is no right answer.")
LOW_END = N_("not at all")
HIGH_END = N_("completely")
#: The scale the question uses, in English (its key is never stored: the number goes into the
#: record); :func:`rating_scale` gives it in the language in use.
SCALE = RatingInput(key="settled", low=LOW_END, high=HIGH_END)
BEFORE_GO = N_("Enter or Esc begins, with or without a number")
AFTER_GO = N_("Enter or Esc goes on, with or without a number")
#: The hints under the question, in English (shown through :func:`keys_hint`).
BEFORE_KEYS = f"{RATING_KEYS_ARROWS} · {BEFORE_GO}"
AFTER_KEYS = f"{RATING_KEYS_ARROWS} · {AFTER_GO}"
AFTER_KEYS_WORDS = N_("Enter or Esc goes on · your words stay kept")
WORDS_KEPT = N_("What you wrote or chose in this practice is kept with it in your log.")
INTENTION_KEPT = N_("Your intention is kept with it too: “{intention}”")
FORGET_WORDS = N_("Don't keep what I wrote or chose this time")
ASK_AGAIN = N_("Ask me how I feel, once with each practice")


def rating_scale() -> RatingInput:
    """The question's scale, its ends in the language in use."""
    return RatingInput(key=SCALE.key, low=_(LOW_END), high=_(HIGH_END))


def keys_hint(moment: str, ask_rating: bool = True) -> str:
    """The keys the screen before (``moment`` BEFORE) or after a practice answers to."""
    if not ask_rating:
        return _(AFTER_KEYS_WORDS)
    go = _(BEFORE_GO) if moment == BEFORE else _(AFTER_GO)
    return f"{_(RATING_KEYS_ARROWS)} · {go}"


#: Whether to ask how the person feels before and after a practice (in the app's settings).
ASK_RATINGS = bool_setting(
    "practice/ask_ratings", N_("Asking how you feel before and after a practice"), True
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
    forget_words: bool
    ask_again: bool


class RatingPrompt(QWidget):
    """The screen before or after a practice. Emits ``closed`` and then ``answered`` (a
    :class:`PromptAnswer`) when the person goes on, with Enter, the button or Esc."""

    closed = Signal()
    answered = Signal(object)

    def __init__(
        self,
        moment: str,
        theme: Theme = DARK,
        *,
        ask_rating: bool = True,
        intention: str | None = None,
        has_words: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if moment not in (BEFORE, AFTER):
            raise ValueError(f"moment must be {BEFORE!r} or {AFTER!r}, not {moment!r}")
        scaffold.as_screen(self)
        self.moment = moment
        self.title = _(BEFORE_HEADING) if moment == BEFORE else _(AFTER_HEADING)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._done = False
        self.ask_rating = ask_rating
        words = moment == AFTER and (has_words or bool(intention))

        heading = scaffold.label(self.title, "title")
        self.question = scaffold.label(
            _(BEFORE_QUESTION) if moment == BEFORE else _(AFTER_QUESTION), "heading", wrap=True
        )
        note = scaffold.label(_(SCALE_NOTE), "muted", wrap=True)
        self.rating = RatingInputWidget(rating_scale(), theme, None, arrows_choose=True)
        self.scale: RatingScale = self.rating.scale
        self.scale.changed.connect(self._scale_changed)

        self.words_label = scaffold.label(
            _(WORDS_KEPT), "heading" if not ask_rating else "", wrap=True
        )
        self.intention_label = scaffold.label(
            _(INTENTION_KEPT).format(intention=intention) if intention else "", "muted", wrap=True
        )
        self.forget = QCheckBox(_(FORGET_WORDS))
        self.forget.setChecked(False)
        self.forget.setAccessibleDescription(
            _("Unticked, your words stay with this practice in your log")
        )

        self.go_button = scaffold.button("", slot=self.confirm, style="primary")
        self.ask_again = QCheckBox(_(ASK_AGAIN))
        self.ask_again.setChecked(True)
        self.keys = scaffold.label(keys_hint(moment, ask_rating), "hint", wrap=True)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.go_button)

        column = QWidget()
        scaffold.follow_text_size(column, lambda: column.setMaximumWidth(width(820)))
        col = QVBoxLayout(column)
        col.setSpacing(14)
        col.addWidget(heading)
        col.addWidget(self.question)
        col.addWidget(note)
        col.addSpacing(8)
        col.addWidget(self.rating, 0, Qt.AlignmentFlag.AlignLeft)
        col.addSpacing(12)
        col.addWidget(self.words_label)
        col.addWidget(self.intention_label)
        col.addWidget(self.forget)
        col.addSpacing(8)
        col.addLayout(buttons)
        col.addSpacing(20)
        col.addWidget(self.ask_again)
        col.addWidget(self.keys)

        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.addStretch(2)
        outer.addLayout(scaffold.centre(column, side=0))
        outer.addStretch(3)
        # Large text in a window with a title bar: the page scrolls rather than squeezing.
        scaffold.key_free_scroll(self, page)
        # Tab: the scale, what to do with the words, the button, the question's switch.
        self.setTabOrder(self.scale, self.forget)
        self.setTabOrder(self.forget, self.go_button)
        self.setTabOrder(self.go_button, self.ask_again)
        self._scale_changed(None)
        self.setFocusProxy(self.scale if ask_rating else self.go_button)
        # Only now, inside their layouts (a widget without a parent would open a window).
        for widget in (self.question, note, self.rating, self.ask_again):
            widget.setVisible(ask_rating)
        self.words_label.setVisible(words)
        self.intention_label.setVisible(words and bool(intention))
        self.forget.setVisible(words)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        first = self.scale if self.ask_rating else self.go_button
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- choosing --------------------------------------------------------------------------

    def _scale_changed(self, value: object) -> None:
        before = self.moment == BEFORE
        text = _("Begin") if before else _("Done")
        if not self.ask_rating:
            name = text
        elif value is None:
            name = _("Begin, without a number") if before else _("Done, without a number")
        else:
            name = (
                _("Begin, with {value} out of {most}")
                if before
                else _("Done, with {value} out of {most}")
            ).format(value=value, most=RATING_MAX)
        self.go_button.setText(text)
        self.go_button.setAccessibleName(name)

    def choose(self, value: int | None) -> None:
        if self.ask_rating:
            self.scale.set_value(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirm()
            event.accept()
        elif self.ask_rating and (event.text().isdigit() or key in _ARROWS):
            # A number or an arrow pressed elsewhere on the screen goes to the scale.
            self.scale.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scale.keyPressEvent(event)
        else:
            super().keyPressEvent(event)

    # -- leaving ---------------------------------------------------------------------------

    def answer(self) -> PromptAnswer:
        return PromptAnswer(
            rating=self.scale.value if self.ask_rating else None,
            forget_words=self.forget.isVisibleTo(self) and self.forget.isChecked(),
            ask_again=self.ask_again.isChecked() or not self.ask_rating,
        )

    def confirm(self) -> None:
        """Go on with what is chosen (no number: the question is skipped)."""
        if self._done:
            return
        self._done = True
        answer = self.answer()
        self.closed.emit()
        self.answered.emit(answer)

    def stop(self) -> None:
        """Esc: go on without a number. Before a practice it begins all the same; after one,
        the words stay kept unless the person had ticked not to keep them."""
        if self._done:
            return
        self.choose(None)
        self.confirm()


_ARROWS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)


class Navigator(Protocol):
    """What the flow needs of the main window (its theme is the one in use now: a change in
    Settings replaces it)."""

    theme: Theme

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
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._recorder = recorder
        self._settings = settings
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

    def before(self, start: Callable[[], object], exercise: Exercise | None = None) -> None:
        """Ask (when this practice's one question comes before it), then call ``start`` to
        begin the practice; Esc on the question begins it too. ``exercise``: the exercise
        about to start (None: breathing)."""
        asks_inside = exercise is not None and any(
            isinstance(step.input, RatingInput) for step in exercise.steps
        )
        plan = rating_plan(
            exercise.id if exercise is not None else "",
            asking=self._recorder.asks_ratings,
            asks_inside=asks_inside,
        )
        if not plan.before:
            self._recorder.set_rating_before(None, ask_after=plan.after)
            start()
            return
        prompt = RatingPrompt(BEFORE, self._window.theme)

        def go(answer: PromptAnswer) -> None:
            self.prompt = None
            self._remember(answer)
            self._recorder.set_rating_before(answer.rating, ask_after=False)
            start()

        prompt.answered.connect(go)
        self.prompt = prompt
        self._window.push(prompt)

    # -- after -------------------------------------------------------------------------------

    def _after_wanted(self, question: AfterQuestion) -> None:
        self._question = question
        screen = self._window.current_screen
        if isinstance(screen, LeadsOn):
            screen.lead_on()  # its last button no longer promises home
        if isinstance(screen, Closes) and not isinstance(screen, RatingPrompt):
            # Ask once the practice screen has been left (it may show a closing view first).
            screen.closed.connect(self._ask_soon)
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
            self._window.theme,
            ask_rating=question.ask_rating,
            intention=question.intention,
            has_words=question.has_words,
        )

        def done(answer: PromptAnswer) -> None:
            self.prompt = None
            self._remember(answer)
            self._recorder.finish(answer.rating, forget_words=answer.forget_words)

        prompt.answered.connect(done)
        self.prompt = prompt
        self._window.push(prompt)
