"""When the next gentle reminder is due (plain Python, no Qt).

Reminders are optional and quiet. A person chooses one of:

- ``off``: none at all;
- ``daily``: once a day at a time they pick;
- ``after-sessions``: once a day at that time and, in the first days after a medicine session
  (the days the practice log's session dates mark), once more at a second time.

Quiet hours (for example 22:00 to 08:00) hold a reminder back until they end. A day on which
the person has already practised gets no further reminder: a reminder is an offer, never a
streak to keep.

:func:`next_reminder` is a pure function of the plan, the local time now, the session dates and
the days practised, so the app only sets one single-shot timer for the answer and asks again
when it fires (or when anything changes).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from kapcompanion.i18n import N_, _

#: How far ahead to look for the next reminder.
HORIZON_DAYS = 8
MIN_WINDOW_DAYS = 1
MAX_WINDOW_DAYS = 14


class ReminderMode(StrEnum):
    OFF = "off"
    DAILY = "daily"
    AFTER_SESSIONS = "after-sessions"


class Suggestion(StrEnum):
    """What a reminder offers to open when it is clicked."""

    BREATHE = "breathe"  # a short breathing practice with the person's default pattern
    CHECK_IN = "check-in"  # the short daily check-in exercise, in the days after a session
    PLAN = "plan"  # the practice of the day from an integration plan (domain/plan.py)


class ReminderError(ValueError):
    """A reminder setting that cannot be used; the message names it and what is allowed."""


def parse_time(text: str, what: str = "time") -> time:
    """ "19:30" -> time(19, 30); a clear ReminderError for anything else."""
    hours, sep, minutes = text.strip().partition(":")
    if sep and hours.isdigit() and minutes.isdigit() and len(minutes) == 2:
        h, m = int(hours), int(minutes)
        if 0 <= h <= 23 and 0 <= m <= 59:
            return time(h, m)
    raise ReminderError(
        _("{what}: {text} is not a time of day like 19:30").format(what=what, text=repr(text))
    )


def format_time(moment: time) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


@dataclass(frozen=True)
class QuietHours:
    """A stretch of the day without reminders, from ``start`` up to ``end``; it may run past
    midnight (22:00-08:00). Equal times mean no quiet hours."""

    start: time
    end: time

    def contains(self, moment: datetime) -> bool:
        t = moment.time()
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= t < self.end
        return t >= self.start or t < self.end

    def end_after(self, moment: datetime) -> datetime:
        """When the quiet stretch that contains ``moment`` ends."""
        end = datetime.combine(moment.date(), self.end)
        return end if end > moment else end + timedelta(days=1)


@dataclass(frozen=True)
class ReminderPlan:
    mode: ReminderMode = ReminderMode.OFF
    daily_at: time = time(19, 0)
    #: The second time of day in the days after a session (after-sessions mode).
    extra_at: time = time(10, 0)
    #: How many days after a session count as "the days after" (1-14).
    window_days: int = 3
    quiet: QuietHours | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.mode, ReminderMode):
            raise ReminderError(
                _("reminders: {mode} is not one of {modes}").format(
                    mode=repr(self.mode), modes=", ".join(m.value for m in ReminderMode)
                )
            )
        if isinstance(self.window_days, bool) or not (
            isinstance(self.window_days, int)
            and MIN_WINDOW_DAYS <= self.window_days <= MAX_WINDOW_DAYS
        ):
            raise ReminderError(
                _("window_days: {value} is not a whole number of days from {low} to {high}").format(
                    value=repr(self.window_days), low=MIN_WINDOW_DAYS, high=MAX_WINDOW_DAYS
                )
            )


@dataclass(frozen=True)
class Reminder:
    """One reminder: when it is due (local time), what it offers and the words it shows (in the
    language in use when it was made)."""

    at: datetime
    suggestion: Suggestion
    title: str
    text: str
    #: True when it falls in the days after a session.
    after_session: bool
    #: The exercise a plan reminder offers (its id; "" for the others).
    practice: str = ""


# A reminder's words, translated when a reminder is made.
TITLE = N_("A moment for yourself")
DAILY_TEXT = N_("If it feels right, you might take a few quiet minutes to breathe.")
AFTER_TEXT = N_(
    "In the days after a session some people like a short, gentle check-in. "
    "If you would like to, it is here."
)


def days_after_session(day: date, sessions: Iterable[date], window_days: int) -> bool:
    """True when ``day`` is 1 to ``window_days`` days after one of ``sessions``."""
    return any(1 <= (day - s).days <= window_days for s in sessions)


def _candidates(plan: ReminderPlan, day: date, sessions: list[date]) -> list[tuple[datetime, bool]]:
    after = days_after_session(day, sessions, plan.window_days)
    times = [(datetime.combine(day, plan.daily_at), after)]
    if plan.mode is ReminderMode.AFTER_SESSIONS and after and plan.extra_at != plan.daily_at:
        times.append((datetime.combine(day, plan.extra_at), True))
    return times


def next_reminder(
    plan: ReminderPlan,
    now: datetime,
    sessions: Iterable[date] = (),
    practised: Iterable[date] = (),
) -> Reminder | None:
    """The first reminder strictly after ``now`` (naive local time), or None when reminders
    are off or nothing falls within the next :data:`HORIZON_DAYS` days.

    A reminder in quiet hours moves to their end (two that land together become one); a day
    with practice already in ``practised`` has no reminder left.
    """
    if plan.mode is ReminderMode.OFF:
        return None
    session_days = sorted(set(sessions))
    done = set(practised)
    found: list[tuple[datetime, bool]] = []
    for offset in range(-1, HORIZON_DAYS + 1):  # the day before: quiet hours may carry over
        day = now.date() + timedelta(days=offset)
        for at, after in _candidates(plan, day, session_days):
            if plan.quiet is not None and plan.quiet.contains(at):
                at = plan.quiet.end_after(at)
            if at <= now or at.date() in done:
                continue
            found.append((at, after))
    if not found:
        return None
    at = min(t for t, _ in found)
    after = any(a for t, a in found if t == at)
    if after:
        return Reminder(at, Suggestion.CHECK_IN, _(TITLE), _(AFTER_TEXT), True)
    return Reminder(at, Suggestion.BREATHE, _(TITLE), _(DAILY_TEXT), False)


def wait_seconds(reminder: Reminder | None, now: datetime, cap: float = 3600.0) -> float:
    """How long a single-shot timer should wait: until the reminder, but at most ``cap``
    seconds, so a suspended computer or a changed clock is noticed within the hour."""
    if reminder is None:
        return cap
    return max(1.0, min(cap, (reminder.at - now).total_seconds()))
