"""Practice records, ratings and the integration window.

A practice record says what a person practised, when, for how long, how it felt before and
after (if they chose to rate it) and what they chose to keep (an intention, the answers they
gave inside an exercise, a note). Records are plain values; storage lives elsewhere.

Everything here is pure: times and dates are passed in, nothing reads a clock. Wall-clock
dates matter here (for the history and the days after a medicine session); the monotonic
clock of :mod:`kapcompanion.domain.clock` measures how long a practice lasted.

The history never counts streaks: it can say which days of a week had some practice, and
that is all.
"""

from __future__ import annotations

import math
import re
import uuid as uuidlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

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

#: While a practice runs, how far it has come is written about this often (seconds of
#: practice), so that a crash loses at most this much of it.
PROGRESS_EVERY_S = 30.0

#: Days after a medicine session in which a short practice is suggested. Clinics speak of
#: "72 hours" or "two weeks"; there is no sharp evidence either way, so it is a setting.
DEFAULT_WINDOW_DAYS = 3
MIN_WINDOW_DAYS = 1
MAX_WINDOW_DAYS = 14


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
        super().__init__(f"{field}: {shown!r} is not accepted; allowed: {allowed}")


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
    allowed = f"a whole number from {RATING_MIN} to {RATING_MAX}, or nothing"
    if isinstance(value, bool) or not isinstance(value, int):
        raise PracticeInputError(name, value, allowed)
    if not RATING_MIN <= value <= RATING_MAX:
        raise PracticeInputError(name, value, allowed)
    return value


def check_seconds(name: str, value: object, *, optional: bool = True) -> float | None:
    allowed = f"a number of seconds from 0 to {MAX_SECONDS:g}" + (
        ", or nothing" if optional else ""
    )
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
        raise PracticeInputError(name, value, "a number of seconds")
    return seconds


def check_text(name: str, value: object, *, limit: int = MAX_TEXT) -> str | None:
    """Optional free text; blank text counts as none."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise PracticeInputError(name, value, f"text of at most {limit} characters")
    if len(value) > limit:
        raise PracticeInputError(name, value, f"text of at most {limit} characters")
    if "\x00" in value:
        raise PracticeInputError(name, value, "text without NUL characters")
    return value if value.strip() else None


def check_ref(value: object) -> str:
    allowed = f"the key of a breathing pattern or the id of an exercise (1-{MAX_REF} characters)"
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_REF:
        raise PracticeInputError("ref", value, allowed)
    return value


def check_kind(value: object) -> Kind:
    for kind in Kind:
        if value == kind.value:
            return kind
    raise PracticeInputError("kind", value, " or ".join(k.value for k in Kind))


def check_answer_key(value: object) -> str:
    allowed = (
        f"the key of an exercise input: lowercase letters and digits, joined by single "
        f'"-" or "_", at most {MAX_ANSWER_KEY} characters'
    )
    if not isinstance(value, str) or len(value) > MAX_ANSWER_KEY:
        raise PracticeInputError("answers", value, allowed)
    if not ANSWER_KEY.fullmatch(value):
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
        raise PracticeInputError("answers", value, "a mapping from an input key to a list of texts")
    if len(value) > MAX_ANSWER_KEYS:
        raise PracticeInputError(
            "answers", f"{len(value)} keys", f"at most {MAX_ANSWER_KEYS} answered inputs"
        )
    answers: dict[str, tuple[str, ...]] = {}
    total = 0
    for raw_key, items in value.items():
        key = check_answer_key(raw_key)
        if isinstance(items, str) or not isinstance(items, Iterable):
            raise PracticeInputError(f"answers.{key}", items, "a list of texts")
        texts = [check_text(f"answers.{key}", item) for item in items]
        kept = tuple(t for t in texts if t is not None)
        if len(kept) > MAX_ANSWER_ITEMS:
            raise PracticeInputError(
                f"answers.{key}", f"{len(kept)} texts", f"at most {MAX_ANSWER_ITEMS} texts"
            )
        total += sum(len(t) for t in kept)
        if total > MAX_ANSWERS_TEXT:
            raise PracticeInputError(
                f"answers.{key}",
                f"{total} characters so far",
                f"at most {MAX_ANSWERS_TEXT} characters of answers in one practice",
            )
        if kept:
            answers[key] = kept
    return answers


def check_steps(value: object) -> tuple[StepTime, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise PracticeInputError("steps", value, "a list of step times")
    steps = []
    for i, step in enumerate(value):
        if not isinstance(step, StepTime):
            raise PracticeInputError(f"steps[{i}]", step, "a step time")
        if not isinstance(step.step_id, str) or not step.step_id or len(step.step_id) > MAX_REF:
            raise PracticeInputError(f"steps[{i}].step_id", step.step_id, "a step id")
        started = require_seconds(f"steps[{i}].started_s", step.started_s)
        duration = require_seconds(f"steps[{i}].duration_s", step.duration_s)
        steps.append(StepTime(step.step_id, started, duration, bool(step.skipped)))
    return tuple(steps)


def _aware(name: str, when: datetime) -> datetime:
    if when.tzinfo is None or when.utcoffset() is None:
        raise PracticeInputError(name, when, "a date and time with its time zone")
    return when


# --- making and finishing records ---------------------------------------------------------


def new_uuid() -> str:
    return str(uuidlib.uuid4())


def begin_record(
    kind: object,
    ref: object,
    started: datetime,
    *,
    planned_s: object = None,
    rating_before: object = None,
    intention: object = None,
    record_uuid: str | None = None,
) -> PracticeRecord:
    """A new practice in progress. ``started`` is the local wall time with its time zone;
    its calendar day is the day the practice belongs to."""
    started = _aware("started", started)
    return PracticeRecord(
        uuid=record_uuid or new_uuid(),
        kind=check_kind(kind),
        ref=check_ref(ref),
        status=Status.IN_PROGRESS,
        started_utc=started.astimezone(UTC),
        local_date=started.date(),
        planned_s=check_seconds("planned_s", planned_s),
        rating_before=check_rating("rating_before", rating_before),
        intention=check_text("intention", intention),
    )


def with_progress(
    record: PracticeRecord, *, actual_s: object, steps: object = ()
) -> PracticeRecord:
    """The record of a practice still running, with how far it has come (kept so that an
    interrupted practice still shows how long it lasted)."""
    return replace(
        record,
        actual_s=require_seconds("actual_s", actual_s),
        steps=check_steps(steps),
    )


def finish_record(
    record: PracticeRecord,
    ended: datetime,
    *,
    status: object = Status.COMPLETED,
    actual_s: object,
    steps: object = (),
    rating_after: object = None,
    answers: object = None,
    note: object = None,
    intention: object = None,
) -> PracticeRecord:
    """The record of a practice that ended, completed or stopped early.

    ``intention``, ``answers`` and ``note`` replace what the record holds only when they are
    not None (a note may have been written while the practice was running).
    """
    ended = _aware("ended", ended)
    outcome = next((s for s in Status if s.finished and status == s.value), None)
    if outcome is None:
        raise PracticeInputError("status", status, "completed or stopped")
    kept_intention = check_text("intention", intention)
    kept_note = check_text("note", note)
    return replace(
        record,
        status=outcome,
        ended_utc=ended.astimezone(UTC),
        actual_s=require_seconds("actual_s", actual_s),
        steps=check_steps(steps),
        rating_after=check_rating("rating_after", rating_after),
        answers=check_answers(answers) if answers is not None else record.answers,
        note=kept_note if kept_note is not None else record.note,
        intention=kept_intention if kept_intention is not None else record.intention,
    )


def with_after(
    record: PracticeRecord,
    *,
    rating_after: object = None,
    intention: object = None,
    answers: object = None,
    note: object = None,
) -> PracticeRecord:
    """The record of a practice that has ended, with what the person added afterwards: how
    they feel now and what of their answers they chose to keep.

    The row is finished when the practice ends (so its end time is the real one); this adds
    to it. Each value replaces what the record holds only when it is not None, so a skipped
    question changes nothing.
    """
    rating = check_rating("rating_after", rating_after)
    kept_intention = check_text("intention", intention)
    kept_answers = check_answers(answers) if answers is not None else None
    kept_note = check_text("note", note)
    return replace(
        record,
        rating_after=rating if rating is not None else record.rating_after,
        intention=kept_intention if kept_intention is not None else record.intention,
        answers=kept_answers if kept_answers is not None else record.answers,
        note=kept_note if kept_note is not None else record.note,
    )


def with_note(record: PracticeRecord, note: object) -> PracticeRecord:
    """The record with its note replaced (None or blank text removes it)."""
    return replace(record, note=check_text("note", note))


def interrupted(record: PracticeRecord) -> PracticeRecord:
    """A record left running by a crash, as it is kept afterwards."""
    if record.status is not Status.IN_PROGRESS:
        return record
    return replace(record, status=Status.INTERRUPTED)


# --- history ------------------------------------------------------------------------------


def days(first: date, last: date) -> list[date]:
    """Every calendar day from ``first`` to ``last``, both included."""
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def week_start(day: date) -> date:
    """The Monday of the ISO week ``day`` is in."""
    return day - timedelta(days=day.weekday())


def matches(
    record: PracticeRecord,
    first: date | None = None,
    last: date | None = None,
    kind: Kind | None = None,
) -> bool:
    if first is not None and record.local_date < first:
        return False
    if last is not None and record.local_date > last:
        return False
    return kind is None or record.kind == kind


def minutes_per_day(
    records: Iterable[PracticeRecord], first: date, last: date, kind: Kind | None = None
) -> dict[date, float]:
    """Minutes practised on each day from ``first`` to ``last`` (every day is present)."""
    totals = dict.fromkeys(days(first, last), 0.0)
    for r in records:
        if matches(r, first, last, kind):
            totals[r.local_date] += r.practised_s / 60.0
    return totals


def whole_weeks(first: date, last: date) -> tuple[date, date]:
    """The Monday on or before ``first`` and the Sunday on or after ``last``: a weekly total
    always covers a whole week."""
    return week_start(first), week_start(last) + timedelta(days=6)


def minutes_per_week(per_day: Mapping[date, float]) -> dict[date, float]:
    """Fold minutes per day into minutes per ISO week, keyed by the week's Monday."""
    weeks: dict[date, float] = {}
    for day, minutes in sorted(per_day.items()):
        monday = week_start(day)
        weeks[monday] = weeks.get(monday, 0.0) + minutes
    return weeks


def ratings_over_time(
    records: Iterable[PracticeRecord],
    first: date | None = None,
    last: date | None = None,
    kind: Kind | None = None,
) -> list[RatingPoint]:
    """The practices that carry a rating, oldest first (of one kind, when given)."""
    points = [
        RatingPoint(r.uuid, r.started_utc, r.local_date, r.rating_before, r.rating_after)
        for r in records
        if (r.rating_before is not None or r.rating_after is not None)
        and matches(r, first, last, kind)
    ]
    points.sort(key=lambda p: (p.started_utc, p.uuid))
    return points


@dataclass(frozen=True)
class DayRatings:
    """The ratings of one day's practice, summed (for long ranges, where a chart shows one
    average a day and the period's averages come from these sums).

    ``rated`` counts the practices with any rating; ``paired`` those rated both before and
    after, with the sums of just their ratings (the fair comparison of before and after).
    """

    local_date: date
    rated: int = 0
    before_count: int = 0
    before_total: int = 0
    after_count: int = 0
    after_total: int = 0
    paired: int = 0
    paired_before_total: int = 0
    paired_after_total: int = 0

    @property
    def before_mean(self) -> float | None:
        return self.before_total / self.before_count if self.before_count else None

    @property
    def after_mean(self) -> float | None:
        return self.after_total / self.after_count if self.after_count else None

    def __add__(self, other: DayRatings) -> DayRatings:
        if other.local_date != self.local_date:
            raise ValueError("only the ratings of the same day add up")
        return DayRatings(
            self.local_date,
            self.rated + other.rated,
            self.before_count + other.before_count,
            self.before_total + other.before_total,
            self.after_count + other.after_count,
            self.after_total + other.after_total,
            self.paired + other.paired,
            self.paired_before_total + other.paired_before_total,
            self.paired_after_total + other.paired_after_total,
        )


def day_ratings_of(points: Iterable[RatingPoint]) -> list[DayRatings]:
    """Rating points summed per day, oldest day first (days without a rating are absent)."""
    days: dict[date, DayRatings] = {}
    for p in points:
        b, a = p.before, p.after
        if b is None and a is None:
            continue
        both = b is not None and a is not None
        one = DayRatings(
            p.local_date,
            rated=1,
            before_count=int(b is not None),
            before_total=b or 0,
            after_count=int(a is not None),
            after_total=a or 0,
            paired=int(both),
            paired_before_total=(b or 0) if both else 0,
            paired_after_total=(a or 0) if both else 0,
        )
        seen = days.get(p.local_date)
        days[p.local_date] = one if seen is None else seen + one
    return [days[d] for d in sorted(days)]


def merge_day_ratings(*groups: Iterable[DayRatings]) -> list[DayRatings]:
    """Per-day sums from several sources (a saved log and what it keeps in memory) as one."""
    days: dict[date, DayRatings] = {}
    for group in groups:
        for day in group:
            seen = days.get(day.local_date)
            days[day.local_date] = day if seen is None else seen + day
    return [days[d] for d in sorted(days)]


def ratings_per_day(
    records: Iterable[PracticeRecord],
    first: date | None = None,
    last: date | None = None,
    kind: Kind | None = None,
) -> list[DayRatings]:
    """The ratings of the practices in the range (of one kind, when given), summed per day."""
    return day_ratings_of(ratings_over_time(records, first, last, kind))


@dataclass(frozen=True)
class RatingSummary:
    """The ratings of a whole period: how many practices were rated, and the averages before
    and after over the practices rated both times."""

    rated: int
    paired: int
    before_mean: float | None
    after_mean: float | None


def summarise_ratings(days: Iterable[DayRatings]) -> RatingSummary:
    rated = paired = before = after = 0
    for d in days:
        rated += d.rated
        paired += d.paired
        before += d.paired_before_total
        after += d.paired_after_total
    if not paired:
        return RatingSummary(rated, 0, None, None)
    return RatingSummary(rated, paired, before / paired, after / paired)


def days_practised_in_week(records: Iterable[PracticeRecord], day: date) -> list[date]:
    """The days of ``day``'s week (Monday to Sunday) with some practice, in order.

    This is all the history says about regularity: no streaks, no counting of missed days.
    """
    monday = week_start(day)
    sunday = monday + timedelta(days=6)
    return sorted(
        {r.local_date for r in records if r.practised_s > 0 and matches(r, monday, sunday)}
    )


def next_progress_in(elapsed_s: float, saved_s: float, every_s: float = PROGRESS_EVERY_S) -> float:
    """Seconds of practice until its progress is next due to be written (0 when due now):
    ``every_s`` after the last time written (``saved_s``)."""
    return max(0.0, saved_s + every_s - elapsed_s)


def sort_newest_first(records: Iterable[PracticeRecord]) -> list[PracticeRecord]:
    return sorted(records, key=lambda r: (r.started_utc, r.uuid), reverse=True)


# --- the days after a medicine session ----------------------------------------------------


@dataclass(frozen=True)
class IntegrationWindow:
    """Where ``today`` stands relative to the person's medicine sessions.

    ``days_since`` counts calendar days since the most recent session on or before today
    (0 on the day itself); ``in_window`` is true on days 1 to ``window_days`` after it.
    """

    today: date
    window_days: int
    last_session: date | None
    next_session: date | None

    @property
    def days_since(self) -> int | None:
        if self.last_session is None:
            return None
        return (self.today - self.last_session).days

    @property
    def is_session_day(self) -> bool:
        return self.days_since == 0

    @property
    def in_window(self) -> bool:
        since = self.days_since
        return since is not None and 1 <= since <= self.window_days

    @property
    def days_until_next(self) -> int | None:
        if self.next_session is None:
            return None
        return (self.next_session - self.today).days


def check_window_days(value: object) -> int:
    allowed = f"a whole number of days from {MIN_WINDOW_DAYS} to {MAX_WINDOW_DAYS}"
    if isinstance(value, bool) or not isinstance(value, int):
        raise PracticeInputError("window_days", value, allowed)
    if not MIN_WINDOW_DAYS <= value <= MAX_WINDOW_DAYS:
        raise PracticeInputError("window_days", value, allowed)
    return value


def integration_window(
    sessions: Iterable[date], today: date, window_days: int = DEFAULT_WINDOW_DAYS
) -> IntegrationWindow:
    window = check_window_days(window_days)
    dates = sorted(set(sessions))
    past = [d for d in dates if d <= today]
    future = [d for d in dates if d > today]
    return IntegrationWindow(
        today=today,
        window_days=window,
        last_session=past[-1] if past else None,
        next_session=future[0] if future else None,
    )


def days_since_last_session(sessions: Iterable[date], today: date) -> int | None:
    return integration_window(sessions, today).days_since


def suggest_short_practice(window: IntegrationWindow, practised_today: bool) -> bool:
    """Whether to offer a short practice today: in the days after a session, or on a session
    day, and only when nothing has been practised yet today. It is an offer, never a task."""
    return (window.in_window or window.is_session_day) and not practised_today


def suggestion_text(window: IntegrationWindow, practised_today: bool) -> str | None:
    """A gentle line for the home screen, or None when there is nothing to offer."""
    if not suggest_short_practice(window, practised_today):
        return None
    if window.is_session_day:
        return (
            "Today is a medicine-session day. If it feels right, a few quiet minutes of "
            "settling may be welcome, before or afterwards."
        )
    since = window.days_since
    when = "yesterday" if since == 1 else f"{since} days ago"
    return (
        f"Your last medicine session was {when}. If you would like to, you might take "
        "five unhurried minutes for yourself today."
    )
