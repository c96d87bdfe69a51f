"""The figures of the one-page summary of practice, and the sentences that go with them.

:func:`summarize` turns practice records and medicine-session dates into a :class:`Summary`;
the rest says it in words. Drawing the page is :mod:`kapcompanion.ui.log.report`'s part.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from kapcompanion.domain.integration import DEFAULT_WINDOW_DAYS
from kapcompanion.domain.practice import Kind, PracticeRecord
from kapcompanion.domain.practice_history import minutes_per_day, minutes_per_week, whole_weeks
from kapcompanion.domain.words import long_date, minutes_text, practice_name
from kapcompanion.i18n import _, ngettext


@dataclass(frozen=True)
class KindLine:
    name: str
    count: int
    minutes: float


@dataclass(frozen=True)
class SessionLine:
    day: date
    practices_after: int
    minutes_after: float


@dataclass(frozen=True)
class Summary:
    """What happened in the dates chosen. Nothing here counts what fell short: how a practice
    ended is not tallied, and ratings are counted as given, never compared on average."""

    first: date
    last: date
    practices: int
    minutes: float
    days_practised: int
    kinds: tuple[KindLine, ...]
    weeks: tuple[tuple[date, float], ...]
    week_ratings: tuple[tuple[date, float | None, float | None], ...]
    sessions: tuple[SessionLine, ...]
    window_days: int = DEFAULT_WINDOW_DAYS
    #: Ratings given, before or after a practice (each one optional).
    ratings_given: int = 0

    @property
    def days_in_range(self) -> int:
        return (self.last - self.first).days + 1


def _mean(values: Sequence[float]) -> float | None:
    return math.fsum(values) / len(values) if values else None


def summarize(
    records: Iterable[PracticeRecord],
    sessions: Iterable[date],
    first: date | None = None,
    last: date | None = None,
    *,
    titles: Mapping[str, str],
    window_days: int = DEFAULT_WINDOW_DAYS,
    today: date | None = None,
) -> Summary:
    """The page's figures for the practices from ``first`` to ``last`` (both included; when
    not given, from the first practice, and to the last practice or today). ``titles`` names
    the exercises by id."""
    chosen = [
        r
        for r in records
        if (first is None or r.local_date >= first) and (last is None or r.local_date <= last)
    ]
    if first is None:
        first = min((r.local_date for r in chosen), default=today or date.today())
    if last is None:
        last = max((r.local_date for r in chosen), default=today or date.today())
    if last < first:
        first, last = last, first
    per_day = minutes_per_day(chosen, first, last)
    weeks = minutes_per_week(minutes_per_day(chosen, *whole_weeks(first, last)))

    by_kind: dict[tuple[Kind, str], list[float]] = {}
    for r in chosen:
        by_kind.setdefault((r.kind, r.ref), []).append(r.practised_s / 60.0)
    kinds = sorted(
        (
            KindLine(practice_name(k, ref, titles), len(m), math.fsum(m))
            for (k, ref), m in by_kind.items()
        ),
        key=lambda line: (-line.count, -line.minutes, line.name),
    )

    week_ratings: dict[date, tuple[list[float], list[float]]] = {}
    for r in chosen:
        monday = r.local_date - timedelta(days=r.local_date.weekday())
        before, after = week_ratings.setdefault(monday, ([], []))
        if r.rating_before is not None:
            before.append(r.rating_before)
        if r.rating_after is not None:
            after.append(r.rating_after)

    in_range = sorted(d for d in set(sessions) if first <= d <= last)
    session_lines = []
    for day in in_range:
        after_window = [
            r for r in chosen if day < r.local_date <= day + timedelta(days=window_days)
        ]
        session_lines.append(
            SessionLine(
                day, len(after_window), math.fsum(r.practised_s for r in after_window) / 60.0
            )
        )

    return Summary(
        first=first,
        last=last,
        practices=len(chosen),
        minutes=math.fsum(per_day.values()),
        days_practised=sum(1 for m in per_day.values() if m > 0),
        kinds=tuple(kinds),
        weeks=tuple(sorted(weeks.items())),
        week_ratings=tuple(
            (monday, _mean(b), _mean(a)) for monday, (b, a) in sorted(week_ratings.items())
        ),
        sessions=tuple(session_lines),
        window_days=window_days,
        ratings_given=sum(
            (r.rating_before is not None) + (r.rating_after is not None) for r in chosen
        ),
    )


# -- in words -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One of the figures at the top of the page: what it is, the value, a line under it."""

    label: str
    value: str
    detail: str


def title_text(summary: Summary) -> str:
    return _("Practice summary, {first} to {last}").format(
        first=long_date(summary.first), last=long_date(summary.last)
    )


def period_text(summary: Summary) -> str:
    """The dates the page covers, and no count of their days: beside "days with some
    practice" a count would read as so many days out of so many."""
    s = summary
    return _("{first} to {last}").format(first=long_date(s.first), last=long_date(s.last))


def figures(summary: Summary) -> tuple[Figure, ...]:
    """The four figures at the top of the page: what happened, nothing that falls short (no
    count of practices stopped, no days out of the period, no change of ratings on average)."""
    s = summary
    per = s.minutes / s.practices if s.practices else 0.0
    return (
        Figure(_("Practices"), str(s.practices), kinds_text(s)),
        Figure(
            _("Time practised"),
            minutes_text(s.minutes),
            _("about {n} min a practice").format(n=round(per)),
        ),
        Figure(_("Days with some practice"), str(s.days_practised), _("whenever it suited")),
        Figure(
            _("Ratings given"),
            str(s.ratings_given),
            _("0–10, only when the person chose to say"),
        ),
    )


def kinds_text(summary: Summary) -> str:
    """The practices by kind, most practised first: "breathing 12 · five senses 3"."""
    if not summary.kinds:
        return _("none in these dates")
    return " · ".join(f"{k.name} {k.count}" for k in summary.kinds[:3])


def rating_change_text(summary: Summary) -> str:
    """The line under the ratings chart: what it shows, never a comparison on average."""
    if not summary.ratings_given:
        return _("No ratings in these dates: the question is always optional.")
    return _(
        "Each week's ratings as the person gave them, before or after a practice; "
        "a number says how settled they felt then, not how well they did."
    )


def after_session_text(line: SessionLine) -> str:
    """What was practised in the days after one medicine session (nothing is said of days
    without practice)."""
    n = line.practices_after
    if not n:
        return "—"
    return ngettext("{n} practice, {time}", "{n} practices, {time}", n).format(
        n=n, time=minutes_text(line.minutes_after)
    )
