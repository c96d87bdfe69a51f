"""Practice summed per day and week, and ratings over time (pure domain)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from kapcompanion.domain.practice import (
    Kind,
    PracticeRecord,
)
from kapcompanion.domain.practice_flow import (
    begin_record,
    finish_record,
)
from kapcompanion.domain.practice_history import (
    DayRatings,
    days_practised_in_week,
    merge_day_ratings,
    minutes_per_day,
    minutes_per_week,
    ratings_over_time,
    ratings_per_day,
    week_start,
)


def _rec(day: date, minutes: float, kind: str = "breathing", **kw: object) -> PracticeRecord:
    start = datetime(day.year, day.month, day.day, 8, tzinfo=UTC)
    r = begin_record(kind, "x", start, rating_before=kw.pop("before", None))
    return finish_record(r, start, actual_s=minutes * 60, **kw)


def test_minutes_per_day_lists_every_day_and_sums() -> None:
    d = date(2025, 3, 3)  # a Monday
    records = [_rec(d, 5), _rec(d, 10, "exercise"), _rec(d + timedelta(days=2), 3)]
    per_day = minutes_per_day(records, d, d + timedelta(days=3))
    assert per_day == {
        d: 15.0,
        d + timedelta(days=1): 0.0,
        d + timedelta(days=2): 3.0,
        d + timedelta(days=3): 0.0,
    }
    assert minutes_per_day(records, d, d, Kind.EXERCISE) == {d: 10.0}


def test_minutes_per_week_folds_by_monday() -> None:
    monday = date(2025, 3, 3)
    per_day = {monday + timedelta(days=i): 1.0 for i in range(10)}
    assert minutes_per_week(per_day) == {monday: 7.0, monday + timedelta(days=7): 3.0}
    assert week_start(date(2025, 3, 9)) == monday  # Sunday belongs to the week before


def test_days_practised_counts_days_not_streaks() -> None:
    monday = date(2025, 3, 3)
    records = [
        _rec(monday, 5),
        _rec(monday, 5),
        _rec(monday + timedelta(days=3), 1),
        _rec(monday + timedelta(days=4), 0),  # a practice of no time is not a practice day
        _rec(monday + timedelta(days=7), 9),  # next week
    ]
    assert days_practised_in_week(records, monday + timedelta(days=5)) == [
        monday,
        monday + timedelta(days=3),
    ]


def test_ratings_over_time_only_rated_oldest_first() -> None:
    d = date(2025, 3, 3)
    records = [_rec(d + timedelta(days=1), 5, rating_after=7), _rec(d, 5, before=2), _rec(d, 1)]
    points = ratings_over_time(records)
    assert [(p.local_date, p.before, p.after) for p in points] == [
        (d, 2, None),
        (d + timedelta(days=1), None, 7),
    ]
    assert ratings_over_time(records, first=d + timedelta(days=1)) == points[1:]


def test_ratings_of_one_kind_and_summed_per_day() -> None:
    d = date(2025, 3, 3)
    records = [
        _rec(d, 5, before=2, rating_after=6),
        _rec(d, 5, "exercise", before=4, rating_after=9),
        _rec(d, 5, "exercise", before=5),
        _rec(d, 1),
        _rec(d + timedelta(days=2), 5, rating_after=3),
    ]
    exercise_points = ratings_over_time(records, kind=Kind.EXERCISE)
    # (Same start time: the order between them is by their uuid.)
    assert sorted((p.before, p.after or 0) for p in exercise_points) == [(4, 9), (5, 0)]
    per_day = ratings_per_day(records)
    assert per_day == [
        DayRatings(
            d,
            rated=3,
            before_count=3,
            before_total=11,
            after_count=2,
            after_total=15,
            paired=2,
            paired_before_total=6,
            paired_after_total=15,
        ),
        DayRatings(d + timedelta(days=2), rated=1, after_count=1, after_total=3),
    ]
    assert per_day[0].before_mean == pytest.approx(11 / 3) and per_day[1].before_mean is None
    assert ratings_per_day(records, kind=Kind.BREATHING)[0].paired_before_total == 2
    assert ratings_per_day(records, first=d + timedelta(days=1)) == per_day[1:]
    # Sums from two sources (a saved log and what it keeps in memory) add up per day.
    split = merge_day_ratings(ratings_per_day(records[:2]), ratings_per_day(records[2:]))
    assert split == per_day
