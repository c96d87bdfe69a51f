"""Practice summed per day and per week, and the ratings over time, for the history.

The history never counts streaks: it can say which days of a week had some practice, and
that is all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kapcompanion.domain.practice import Kind, PracticeRecord, RatingPoint


@dataclass(frozen=True)
class Filters:
    """Which practice the history shows: the days from ``first`` to ``last`` (None: no limit
    on that side) and one kind of practice (None: every kind)."""

    first: date | None
    last: date | None
    kind: Kind | None


def days(first: date, last: date) -> list[date]:
    """Every calendar day from ``first`` to ``last``, both included."""
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def local_midnight(day: date) -> float:
    """A day's place on a time axis: its local midnight, in seconds since the epoch."""
    return datetime(day.year, day.month, day.day).timestamp()


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


def days_practised_in_week(records: Iterable[PracticeRecord], day: date) -> list[date]:
    """The days of ``day``'s week (Monday to Sunday) with some practice, in order.

    This is all the history says about regularity: no streaks, no counting of missed days.
    """
    monday = week_start(day)
    sunday = monday + timedelta(days=6)
    return sorted(
        {r.local_date for r in records if r.practised_s > 0 and matches(r, monday, sunday)}
    )


def sort_newest_first(records: Iterable[PracticeRecord]) -> list[PracticeRecord]:
    return sorted(records, key=lambda r: (r.started_utc, r.uuid), reverse=True)
