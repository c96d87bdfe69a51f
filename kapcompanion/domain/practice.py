"""Practice records and the checks on what goes into them.

A practice record says what a person practised, when, for how long, how it felt before and
after (if they chose to rate it) and what they chose to keep (an intention, the answers they
gave inside an exercise, a note). Records are plain values; storage lives elsewhere.

Everything here is pure: times and dates are passed in, nothing reads a clock. Wall-clock
dates matter for the history and the days after a medicine session; the monotonic clock of
:mod:`kapcompanion.domain.clock` measures how long a practice lasted.

Beside this module: :mod:`~kapcompanion.domain.practice_flow` makes and finishes records,
:mod:`~kapcompanion.domain.practice_history` sums them per day and week, and
:mod:`~kapcompanion.domain.integration` says where today stands after a medicine session.
"""

from __future__ import annotations

import math
import re
import uuid as uuidlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from kapcompanion.i18n import _

RATING_MIN = 0
RATING_MAX = 10
#: The longest practice a record accepts (a whole day), in seconds.
MAX_SECONDS = 24 * 3600.0
#: The longest piece of text kept (a note, an intention, one answer), in characters.
MAX_TEXT = 4000
MAX_REF = 200
#: The key of a kept answer: the key of the exercise input it answers, written the way the
#: script loader accepts input keys ("first-words", "ready_to_leave", "see").
ANSWER_KEY = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
MAX_ANSWER_KEY = 64
#: At most this many kept answers in one practice (as many inputs as a script may have steps).
MAX_ANSWER_KEYS = 200
#: At most this many texts under one key (the most items a checklist may have).
MAX_ANSWER_ITEMS = 12
#: All the kept answers of one practice together, in characters.
MAX_ANSWERS_TEXT = 64_000


class Kind(StrEnum):
    BREATHING = "breathing"
    EXERCISE = "exercise"


class Status(StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    #: The person stopped before the planned end (always their choice to make).
    STOPPED = "stopped"
    #: The app ended (a crash, a power cut) while the practice was running.
    INTERRUPTED = "interrupted"

    @property
    def finished(self) -> bool:
        return self in (Status.COMPLETED, Status.STOPPED)


class PracticeInputError(ValueError):
    """A value for a practice record is not acceptable.

    ``field`` names the value, ``value`` is what was given and ``allowed`` says what would be
    accepted; the message can be shown as it is.
    """

    def __init__(self, field: str, value: object, allowed: str) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        shown = value if not isinstance(value, str) or len(value) <= 40 else value[:40] + "…"
        super().__init__(
            _("{field}: {value} is not accepted; allowed: {allowed}").format(
                field=field, value=repr(shown), allowed=allowed
            )
        )


@dataclass(frozen=True)
class StepTime:
    """When one step of a practice began (seconds after the practice began) and how long it
    lasted. ``skipped`` is true when the person moved on before the step's end."""

    step_id: str
    started_s: float
    duration_s: float
    skipped: bool = False


@dataclass(frozen=True)
class PracticeRecord:
    """One practice, as kept in the log.

    ``uuid`` identifies the record everywhere (in the database, in backups, between copies of
    the log). ``started_utc`` and ``ended_utc`` are aware UTC datetimes; ``local_date`` is the
    calendar day where the person was when it began, used to group practice by day.
    """

    uuid: str
    kind: Kind
    ref: str
    status: Status
    started_utc: datetime
    local_date: date
    planned_s: float | None = None
    actual_s: float | None = None
    ended_utc: datetime | None = None
    rating_before: int | None = None
    rating_after: int | None = None
    intention: str | None = None
    answers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    note: str | None = None
    steps: tuple[StepTime, ...] = ()

    @property
    def practised_s(self) -> float:
        """Seconds actually practised (0 when not known)."""
        return self.actual_s or 0.0


@dataclass(frozen=True)
class RatingPoint:
    """The ratings of one practice, for a chart of ratings over time."""

    uuid: str
    started_utc: datetime
    local_date: date
    before: int | None
    after: int | None


# --- validation ---------------------------------------------------------------------------


def check_rating(name: str, value: object) -> int | None:
    """A rating is optional; when given it is a whole number from 0 to 10."""
    if value is None:
        return None
    allowed = _("a whole number from {low} to {high}, or nothing").format(
        low=RATING_MIN, high=RATING_MAX
    )
    if isinstance(value, bool) or not isinstance(value, int):
        raise PracticeInputError(name, value, allowed)
    if not RATING_MIN <= value <= RATING_MAX:
        raise PracticeInputError(name, value, allowed)
    return value


def check_seconds(name: str, value: object, *, optional: bool = True) -> float | None:
    most = f"{MAX_SECONDS:g}"
    if optional:
        allowed = _("a number of seconds from 0 to {most}, or nothing").format(most=most)
    else:
        allowed = _("a number of seconds from 0 to {most}").format(most=most)
    if value is None:
        if optional:
            return None
        raise PracticeInputError(name, value, allowed)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PracticeInputError(name, value, allowed)
    seconds = float(value)
    if not math.isfinite(seconds) or not 0.0 <= seconds <= MAX_SECONDS:
        raise PracticeInputError(name, value, allowed)
    return seconds


def require_seconds(name: str, value: object) -> float:
    seconds = check_seconds(name, value, optional=False)
    if seconds is None:  # pragma: no cover - check_seconds refuses None here
        raise PracticeInputError(name, value, _("a number of seconds"))
    return seconds


def check_text(name: str, value: object, *, limit: int = MAX_TEXT) -> str | None:
    """Optional free text; blank text counts as none."""
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise PracticeInputError(name, value, _("text of at most {n} characters").format(n=limit))
    if "\x00" in value:
        raise PracticeInputError(name, value, _("text without NUL characters"))
    return value if value.strip() else None


def check_ref(value: object) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_REF:
        allowed = _(
            "the key of a breathing pattern or the id of an exercise (1-{most} characters)"
        ).format(most=MAX_REF)
        raise PracticeInputError("ref", value, allowed)
    return value


def check_kind(value: object) -> Kind:
    for kind in Kind:
        if value == kind.value:
            return kind
    raise PracticeInputError(
        "kind", value, _("{first} or {second}").format(first=Kind.BREATHING, second=Kind.EXERCISE)
    )


def check_answer_key(value: object) -> str:
    if not isinstance(value, str) or len(value) > MAX_ANSWER_KEY or not ANSWER_KEY.fullmatch(value):
        allowed = _(
            "the key of an exercise input: lowercase letters and digits, joined by single "
            '"-" or "_", at most {most} characters'
        ).format(most=MAX_ANSWER_KEY)
        raise PracticeInputError("answers", value, allowed)
    return value


def check_answers(value: object) -> dict[str, tuple[str, ...]]:
    """The answers given inside an exercise that a person chose to keep: for each input key
    (the words of a session's close, the ticked items of a checklist, the things seen in
    5-4-3-2-1, a rating asked inside an exercise), a few short texts, in the order given.

    Blank answers are dropped, and a key left with none is dropped too. Refused, naming the
    key: a key the script loader would not accept, more than :data:`MAX_ANSWER_KEYS` keys,
    more than :data:`MAX_ANSWER_ITEMS` texts under one key, a text longer than
    :data:`MAX_TEXT`, or more than :data:`MAX_ANSWERS_TEXT` characters in all.
    """
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise PracticeInputError(
            "answers", value, _("a mapping from an input key to a list of texts")
        )
    if len(value) > MAX_ANSWER_KEYS:
        raise PracticeInputError(
            "answers",
            _("{n} keys").format(n=len(value)),
            _("at most {most} answered inputs").format(most=MAX_ANSWER_KEYS),
        )
    answers: dict[str, tuple[str, ...]] = {}
    total = 0
    for raw_key, items in value.items():
        key = check_answer_key(raw_key)
        if isinstance(items, str) or not isinstance(items, Iterable):
            raise PracticeInputError(f"answers.{key}", items, _("a list of texts"))
        texts = [check_text(f"answers.{key}", item) for item in items]
        kept = tuple(t for t in texts if t is not None)
        if len(kept) > MAX_ANSWER_ITEMS:
            raise PracticeInputError(
                f"answers.{key}",
                _("{n} texts").format(n=len(kept)),
                _("at most {most} texts").format(most=MAX_ANSWER_ITEMS),
            )
        total += sum(len(t) for t in kept)
        if total > MAX_ANSWERS_TEXT:
            raise PracticeInputError(
                f"answers.{key}",
                _("{n} characters so far").format(n=total),
                _("at most {most} characters of answers in one practice").format(
                    most=MAX_ANSWERS_TEXT
                ),
            )
        if kept:
            answers[key] = kept
    return answers


def check_steps(value: object) -> tuple[StepTime, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise PracticeInputError("steps", value, _("a list of step times"))
    steps = []
    for i, step in enumerate(value):
        if not isinstance(step, StepTime):
            raise PracticeInputError(f"steps[{i}]", step, _("a step time"))
        if not isinstance(step.step_id, str) or not step.step_id or len(step.step_id) > MAX_REF:
            raise PracticeInputError(f"steps[{i}].step_id", step.step_id, _("a step id"))
        started = require_seconds(f"steps[{i}].started_s", step.started_s)
        duration = require_seconds(f"steps[{i}].duration_s", step.duration_s)
        steps.append(StepTime(step.step_id, started, duration, bool(step.skipped)))
    return tuple(steps)


def new_uuid() -> str:
    return str(uuidlib.uuid4())
