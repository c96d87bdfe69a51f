"""The days after a medicine session: where today stands, and the gentle offer on home.

Everything here is pure: today's date is passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kapcompanion.domain.practice import PracticeInputError
from kapcompanion.i18n import _, ngettext

#: Days after a medicine session in which a short practice is suggested. Clinics speak of
#: "72 hours" or "two weeks"; there is no sharp evidence either way, so it is a setting.
DEFAULT_WINDOW_DAYS = 3
MIN_WINDOW_DAYS = 1
MAX_WINDOW_DAYS = 14


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
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not MIN_WINDOW_DAYS <= value <= MAX_WINDOW_DAYS
    ):
        allowed = _("a whole number of days from {low} to {high}").format(
            low=MIN_WINDOW_DAYS, high=MAX_WINDOW_DAYS
        )
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
        return _(
            "Today is a medicine-session day. If it feels right, a few quiet minutes of "
            "settling may be welcome, before or afterwards."
        )
    since = window.days_since or 0
    if since == 1:
        return _(
            "Your last medicine session was yesterday. If you would like to, you might take "
            "five unhurried minutes for yourself today."
        )
    return ngettext(
        "Your last medicine session was {n} day ago. If you would like to, you might take "
        "five unhurried minutes for yourself today.",
        "Your last medicine session was {n} days ago. If you would like to, you might take "
        "five unhurried minutes for yourself today.",
        since,
    ).format(n=since)


def session_line(window: IntegrationWindow, practised_today: bool) -> str:
    """The gentle line for home: an offer in the first days after a session, else how many
    days it has been (for two weeks), else nothing."""
    offer = suggestion_text(window, practised_today)
    if offer:
        return offer
    since = window.days_since
    if since is None or since > MAX_WINDOW_DAYS:
        return ""
    if since == 0:
        return _("Today is a medicine-session day. Go gently.")
    return _("Day {n} since your last medicine session.").format(n=since)
