"""What of a practice goes into the log: its steps' times, the words the person gave, and
when they are asked how they feel.

An exercise reports its step visits and the answers typed or ticked inside it. The log keeps
the time spent on each step and every answer, with the practice, as soon as it ends (however
it ends: completed, stopped with Esc, the window closed). The person may say afterwards that
they would rather not keep them; until they do, nothing they wrote is dropped.

The question "how settled and present do you feel?" is asked at most once in a practice's
flow (:func:`rating_plan`): before the practice for most, after it for the two that begin or
end a medicine session, and not at all when the practice asks its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from kapcompanion.domain.practice import (
    ANSWER_KEY,
    MAX_ANSWER_ITEMS,
    MAX_ANSWER_KEY,
    MAX_ANSWER_KEYS,
    MAX_ANSWERS_TEXT,
    MAX_SECONDS,
    MAX_TEXT,
    StepTime,
)

#: The answer key an exercise uses for an intention.
INTENTION_KEY = "intention"


def clamp_seconds(value: float | None) -> float | None:
    """``value`` as seconds a record accepts (0 to a day); None for none or NaN."""
    if value is None or value != value:  # NaN
        return None
    return min(MAX_SECONDS, max(0.0, float(value)))


def step_times(visits: tuple[tuple[int, float], ...]) -> tuple[StepTime, ...]:
    """Per-step times from an exercise's visits ((step index, seconds) in the order they
    happened): each visit starts where the one before ended. Step ids count from 1."""
    steps = []
    at = 0.0
    for index, seconds in visits:
        duration = clamp_seconds(seconds) or 0.0
        start = min(at, MAX_SECONDS)
        steps.append(StepTime(f"step-{int(index) + 1}", start, duration))
        at += duration
    return tuple(steps)


def _label(key: str) -> str:
    words = key.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


@dataclass(frozen=True)
class KeptInputs:
    """What of a practice's answers goes into the log."""

    intention: str | None = None
    answers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Only for answers the log cannot hold under their key (see :func:`kept_inputs`).
    note: str | None = None


def has_intention(answers: Mapping[str, tuple[str, ...]]) -> bool:
    return any(t.strip() for t in answers.get(INTENTION_KEY, ()))


def has_other_answers(answers: Mapping[str, tuple[str, ...]]) -> bool:
    return any(
        any(str(t).strip() for t in texts) for key, texts in answers.items() if key != INTENTION_KEY
    )


def _loggable_key(key: object) -> bool:
    return isinstance(key, str) and len(key) <= MAX_ANSWER_KEY and bool(ANSWER_KEY.fullmatch(key))


def kept_inputs(
    answers: Mapping[str, tuple[str, ...]],
    *,
    keep_intention: bool = True,
    keep_others: bool = True,
) -> KeptInputs:
    """Sort a practice's answers into what the log holds (all of them, unless told otherwise).

    An intention becomes the record's intention; every other answer (a few words at the
    close of a session, the ticked items of a checklist, a rating asked inside an exercise,
    the senses of 5-4-3-2-1) is kept under its input key, trimmed to what the log accepts
    (:func:`~kapcompanion.domain.practice.check_answers`). Anything that still would not fit
    (a key no script could have, more answers than the log takes) is written into the note,
    one line each, so nothing chosen is lost.
    """
    intention = None
    if keep_intention:
        text = " ".join(t.strip() for t in answers.get(INTENTION_KEY, ()) if t.strip())
        intention = text[:MAX_TEXT] or None
    if not keep_others:
        return KeptInputs(intention=intention)
    kept: dict[str, tuple[str, ...]] = {}
    lines: list[str] = []
    room = MAX_ANSWERS_TEXT
    for key, raw in answers.items():
        if key == INTENTION_KEY:
            continue
        texts = tuple(str(t).strip() for t in raw if str(t).strip())
        if not texts:
            continue
        if _loggable_key(key) and len(kept) < MAX_ANSWER_KEYS:
            fitted: list[str] = []
            for text in texts[:MAX_ANSWER_ITEMS]:
                piece = text[: min(MAX_TEXT, room)]
                if not piece:
                    break
                fitted.append(piece)
                room -= len(piece)
            if fitted:
                kept[key] = tuple(fitted)
            texts = texts[len(fitted) :]
            if not texts:
                continue
        lines.append(f"{_label(str(key))}: {', '.join(texts)}")
    note = "\n".join(lines)[:MAX_TEXT] or None
    return KeptInputs(intention=intention, answers=kept, note=note)


def joined_note(earlier: str | None, added: str | None) -> str | None:
    """A record's note with ``added`` on a line of its own after what it held already."""
    if added is None or not earlier:
        return added
    return f"{earlier}\n{added}"[:MAX_TEXT]


@dataclass(frozen=True)
class AfterQuestion:
    """What the person is shown once a practice has ended: the rating (when it is this
    practice's one question), and the words they gave, which are already kept."""

    ask_rating: bool
    intention: str | None
    has_other_answers: bool

    @property
    def has_words(self) -> bool:
        return bool(self.intention) or self.has_other_answers

    @property
    def worth_asking(self) -> bool:
        return self.ask_rating or self.has_words


def after_question(answers: Mapping[str, tuple[str, ...]], *, ask_rating: bool) -> AfterQuestion:
    """The screen after a practice that gave ``answers``: the rating (when wanted), and
    whether there are words to say are kept (with the choice not to keep them)."""
    return AfterQuestion(
        ask_rating=ask_rating,
        intention=" ".join(answers.get(INTENTION_KEY, ())).strip() or None,
        has_other_answers=has_other_answers(answers),
    )


#: Practices that begin or close a medicine session start at once: no question before them.
STARTS_AT_ONCE = frozenset({"before-dosing", "session-close"})


@dataclass(frozen=True)
class RatingPlan:
    """Where in one practice's flow the person is asked how they feel: before it, after it,
    or neither; never both."""

    before: bool = False
    after: bool = False


def rating_plan(ref: str, *, asking: bool, asks_inside: bool) -> RatingPlan:
    """The one rating of a practice's flow. ``asking``: the person wants to be asked at all;
    ``asks_inside``: the practice has a rating step of its own (then that is the one)."""
    if not asking or asks_inside:
        return RatingPlan()
    if ref in STARTS_AT_ONCE:
        return RatingPlan(after=True)
    return RatingPlan(before=True)
