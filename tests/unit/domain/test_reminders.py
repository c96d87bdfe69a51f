"""When the next reminder is due: daily, more often after a session, quiet hours, practised days."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kapcompanion.domain.reminders import (
    HORIZON_DAYS,
    QuietHours,
    ReminderError,
    ReminderMode,
    ReminderPlan,
    Suggestion,
    days_after_session,
    format_time,
    next_reminder,
    parse_time,
    wait_seconds,
)

NIGHT = QuietHours(time(22, 0), time(8, 0))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute)


def test_off_means_no_reminder():
    assert next_reminder(ReminderPlan(ReminderMode.OFF), at(10, 12)) is None


def test_daily_is_due_later_today_then_tomorrow():
    plan = ReminderPlan(ReminderMode.DAILY, daily_at=time(19, 0))
    assert next_reminder(plan, at(10, 12)).at == at(10, 19)
    # At the very moment or after it, the next one is tomorrow.
    assert next_reminder(plan, at(10, 19)).at == at(11, 19)
    assert next_reminder(plan, at(10, 23, 59)).at == at(11, 19)
    reminder = next_reminder(plan, at(10, 12))
    assert reminder.suggestion is Suggestion.BREATHE and not reminder.after_session
    assert "might" in reminder.text  # an invitation, never a command


def test_a_day_already_practised_gets_no_reminder():
    plan = ReminderPlan(ReminderMode.DAILY, daily_at=time(19, 0))
    today = date(2026, 3, 10)
    assert next_reminder(plan, at(10, 12), practised=[today]).at == at(11, 19)
    both = [today, today + timedelta(days=1)]
    assert next_reminder(plan, at(10, 12), practised=both).at == at(12, 19)


def test_quiet_hours_hold_a_reminder_back_until_they_end():
    plan = ReminderPlan(ReminderMode.DAILY, daily_at=time(23, 0), quiet=NIGHT)
    # 23:00 is inside 22:00-08:00, so it waits for 08:00 the next morning.
    assert next_reminder(plan, at(10, 12)).at == at(11, 8)
    # At 07:00 the reminder held from last night is still to come at 08:00.
    assert next_reminder(plan, at(11, 7)).at == at(11, 8)


def test_quiet_hours_within_one_day():
    lunch = QuietHours(time(12, 0), time(14, 0))
    plan = ReminderPlan(ReminderMode.DAILY, daily_at=time(12, 30), quiet=lunch)
    assert next_reminder(plan, at(10, 9)).at == at(10, 14)
    assert not lunch.contains(at(10, 14))
    assert lunch.contains(at(10, 12))


def test_equal_quiet_times_mean_no_quiet_hours():
    none = QuietHours(time(8, 0), time(8, 0))
    plan = ReminderPlan(ReminderMode.DAILY, daily_at=time(8, 0), quiet=none)
    assert next_reminder(plan, at(10, 7)).at == at(10, 8)


def test_more_often_in_the_days_after_a_session():
    plan = ReminderPlan(
        ReminderMode.AFTER_SESSIONS, daily_at=time(19, 0), extra_at=time(10, 0), window_days=3
    )
    session = [date(2026, 3, 10)]
    # The session day itself: only the usual evening reminder.
    first = next_reminder(plan, at(10, 6), session)
    assert first.at == at(10, 19) and first.suggestion is Suggestion.BREATHE
    # Days 1 to 3 after it: a morning reminder too, offering the check-in.
    for day in (11, 12, 13):
        morning = next_reminder(plan, at(day, 6), session)
        assert morning.at == at(day, 10)
        assert morning.suggestion is Suggestion.CHECK_IN and morning.after_session
        evening = next_reminder(plan, at(day, 10), session)
        assert evening.at == at(day, 19) and evening.after_session
    # Day 4: back to once a day.
    assert next_reminder(plan, at(14, 6), session).at == at(14, 19)
    assert not next_reminder(plan, at(14, 6), session).after_session


def test_daily_mode_ignores_sessions_for_timing():
    plan = ReminderPlan(ReminderMode.DAILY, daily_at=time(19, 0), extra_at=time(10, 0))
    reminder = next_reminder(plan, at(11, 6), [date(2026, 3, 10)])
    assert reminder.at == at(11, 19)


def test_two_reminders_moved_to_the_same_moment_become_one():
    plan = ReminderPlan(
        ReminderMode.AFTER_SESSIONS,
        daily_at=time(23, 0),
        extra_at=time(6, 0),
        quiet=NIGHT,
    )
    session = [date(2026, 3, 10)]
    first = next_reminder(plan, at(11, 1), session)
    assert first.at == at(11, 8)
    # The next one after that is not 08:00 again.
    assert next_reminder(plan, first.at, session).at > first.at


def test_window_days_must_be_reasonable():
    with pytest.raises(ReminderError, match="window_days: 0"):
        ReminderPlan(ReminderMode.DAILY, window_days=0)
    with pytest.raises(ReminderError, match="1 to 14"):
        ReminderPlan(ReminderMode.DAILY, window_days=True)


def test_times_are_read_and_written_as_hours_and_minutes():
    assert parse_time("7:05") == time(7, 5)
    assert format_time(time(7, 5)) == "07:05"
    for bad in ("25:00", "7", "07:5", "seven", "12:60"):
        with pytest.raises(ReminderError, match="like 19:30"):
            parse_time(bad, "reminder time")


def test_days_after_session():
    sessions = [date(2026, 3, 10)]
    assert not days_after_session(date(2026, 3, 10), sessions, 3)
    assert days_after_session(date(2026, 3, 13), sessions, 3)
    assert not days_after_session(date(2026, 3, 14), sessions, 3)


def test_the_timer_waits_at_most_an_hour():
    plan = ReminderPlan(ReminderMode.DAILY, daily_at=time(19, 0))
    now = at(10, 18, 30)
    assert wait_seconds(next_reminder(plan, now), now) == 30 * 60
    assert wait_seconds(next_reminder(plan, at(10, 9)), at(10, 9)) == 3600
    assert wait_seconds(None, now) == 3600


@given(
    mode=st.sampled_from([ReminderMode.DAILY, ReminderMode.AFTER_SESSIONS]),
    daily=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    extra=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    quiet=st.one_of(
        st.none(),
        st.tuples(st.integers(0, 23), st.integers(0, 23)).map(
            lambda h: QuietHours(time(h[0]), time(h[1]))
        ),
    ),
    now=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 1, 1)),
    session_offsets=st.lists(st.integers(-20, 5), max_size=4),
    practised_offsets=st.lists(st.integers(0, 3), max_size=3),
)
def test_the_next_reminder_is_after_now_outside_quiet_hours_and_never_on_a_practised_day(
    mode, daily, extra, quiet, now, session_offsets, practised_offsets
):
    plan = ReminderPlan(mode, daily_at=daily, extra_at=extra, quiet=quiet)
    sessions = [now.date() + timedelta(days=d) for d in session_offsets]
    practised = [now.date() + timedelta(days=d) for d in practised_offsets]
    reminder = next_reminder(plan, now, sessions, practised)
    assert reminder is not None  # a daily reminder always comes within the horizon
    assert now < reminder.at <= now + timedelta(days=HORIZON_DAYS + 1)
    assert quiet is None or not quiet.contains(reminder.at)
    assert reminder.at.date() not in practised
    # A pure function: the same question gives the same answer.
    again = next_reminder(plan, now, sessions, practised)
    assert again == reminder
