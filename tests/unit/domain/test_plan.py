"""The integration plan: which practice a date offers, across month and year ends, and the
checks a plan read from a file goes through."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from kapcompanion.domain.plan import (
    MAX_DAY,
    Plan,
    PlanEntry,
    PlanError,
    day_words,
    plan_data,
    plan_from_data,
    plan_reminder,
)
from kapcompanion.domain.reminders import QuietHours, ReminderMode, ReminderPlan


def plan(session: date, *days: tuple[int, str], remind: time | None = None) -> Plan:
    return Plan(session, tuple(PlanEntry(d, p) for d, p in days), remind, "")


def test_the_practice_of_a_plan_day_across_a_month_end() -> None:
    p = plan(date(2026, 1, 30), (1, "orienting"), (2, "weight-and-contact"), (7, "body-scan-10"))
    assert p.practice_on(date(2026, 1, 31)) == "orienting"
    assert p.practice_on(date(2026, 2, 1)) == "weight-and-contact"
    assert p.practice_on(date(2026, 2, 6)) == "body-scan-10"
    assert p.last_day == date(2026, 2, 6)


def test_days_without_an_entry_offer_nothing() -> None:
    p = plan(date(2026, 1, 30), (1, "orienting"), (3, "daily-check-in"))
    assert p.practice_on(date(2026, 1, 30)) is None  # the session's own day
    assert p.practice_on(date(2026, 2, 2)) == "daily-check-in"
    for empty in (date(2026, 1, 29), date(2026, 2, 1), date(2026, 2, 3), date(2027, 1, 31)):
        assert p.practice_on(empty) is None


def test_a_day_without_practice_changes_nothing_after_it() -> None:
    # A plan is the same on every date whatever was done: nothing is counted or carried over.
    p = plan(date(2026, 2, 26), (1, "orienting"), (2, "resource"), (5, "five-senses"))
    offered = [p.practice_on(date(2026, 2, 26) + timedelta(days=n)) for n in range(7)]
    assert offered == [None, "orienting", "resource", None, None, "five-senses", None]


def test_february_in_a_leap_year_and_a_year_end() -> None:
    leap = plan(date(2028, 2, 27), (2, "orienting"), (14, "body-scan-3"))
    assert leap.practice_on(date(2028, 2, 29)) == "orienting"
    assert leap.practice_on(date(2028, 3, 12)) == "body-scan-3"
    new_year = plan(date(2026, 12, 28), (7, "body-scan-10"))
    assert new_year.practice_on(date(2027, 1, 4)) == "body-scan-10"


def test_the_data_round_trip_keeps_everything_and_holds_no_words_of_a_language() -> None:
    p = Plan(date(2026, 3, 28), (PlanEntry(1, "orienting"), PlanEntry(14, "body-scan-10")),
             time(18, 30), "Go gently; one practice is plenty.")  # fmt: skip
    data = plan_data(p)
    assert data == {
        "session": "2026-03-28",
        "entries": [{"day": 1, "practice": "orienting"}, {"day": 14, "practice": "body-scan-10"}],
        "remind_at": "18:30",
        "note": "Go gently; one practice is plenty.",
    }
    assert plan_from_data(data) == p


@pytest.mark.parametrize(
    ("change", "key", "words"),
    [
        ({"session": "28/03/2026"}, "session", "like 2026-03-28"),
        ({"entries": []}, "entries", "no practice"),
        ({"entries": "orienting"}, "entries", "not a list"),
        ({"entries": [{"day": 0, "practice": "orienting"}]}, "entries[0].day", "1 to 60"),
        ({"entries": [{"day": MAX_DAY + 1, "practice": "x"}]}, "entries[0].day", "1 to 60"),
        ({"entries": [{"day": True, "practice": "x"}]}, "entries[0].day", "whole number"),
        ({"entries": [{"day": 2, "practice": "a"}, {"day": 2, "practice": "b"}]},
         "entries[1].day", "twice or out of order"),
        ({"entries": [{"day": 3, "practice": "a"}, {"day": 1, "practice": "b"}]},
         "entries[1].day", "out of order"),
        ({"entries": [{"day": 1, "practice": "../etc"}]}, "entries[0].practice", "not the id"),
        ({"entries": [{"day": 1}]}, "entries[0]", "a day and a practice"),
        ({"remind_at": "25:00"}, "remind_at", "like 18:30"),
        ({"note": 3}, "note", "not text"),
        ({"note": "x" * 601}, "note", "longer than 600"),
        ({"dose": "never"}, "dose", "not part of a plan"),
    ],
)  # fmt: skip
def test_a_bad_plan_names_the_key_and_what_is_wrong(
    change: dict[str, object], key: str, words: str
) -> None:
    data: dict[str, object] = {
        "session": "2026-03-28",
        "entries": [{"day": 1, "practice": "orienting"}],
        "remind_at": None,
        "note": "",
    }
    data.update(change)
    with pytest.raises(PlanError) as caught:
        plan_from_data(data)
    assert caught.value.key == key
    assert words in caught.value.message


def test_not_an_object_at_all() -> None:
    with pytest.raises(PlanError, match="not a JSON object"):
        plan_from_data(["orienting"])


ON = ReminderPlan(ReminderMode.DAILY)


def test_the_next_plan_reminder_is_on_the_next_plan_day_at_its_time() -> None:
    p = plan(date(2026, 3, 28), (1, "orienting"), (3, "resource"), remind=time(18, 30))
    assert plan_reminder(p, ON, datetime(2026, 3, 28, 20, 0)) == (
        datetime(2026, 3, 29, 18, 30), "orienting")  # fmt: skip
    assert plan_reminder(p, ON, datetime(2026, 3, 29, 18, 30)) == (
        datetime(2026, 3, 31, 18, 30), "resource")  # fmt: skip
    assert plan_reminder(p, ON, datetime(2026, 3, 31, 19, 0)) is None
    no_time = plan(date(2026, 3, 28), (1, "orienting"))
    assert plan_reminder(no_time, ON, datetime(2026, 3, 28)) is None
    assert plan_reminder(None, ON, datetime(2026, 3, 28)) is None


def test_plan_reminders_follow_the_persons_reminder_settings() -> None:
    p = plan(date(2026, 3, 28), (1, "orienting"), (3, "resource"), remind=time(22, 30))
    now = datetime(2026, 3, 28, 12, 0)
    assert plan_reminder(p, ReminderPlan(ReminderMode.OFF), now) is None
    quiet = ReminderPlan(ReminderMode.DAILY, quiet=QuietHours(time(22, 0), time(8, 0)))
    assert plan_reminder(p, quiet, now) == (datetime(2026, 3, 30, 8, 0), "orienting")
    # A day already practised has no reminder left: the next plan day's comes instead.
    assert plan_reminder(p, ON, now, practised=[date(2026, 3, 29)]) == (
        datetime(2026, 3, 31, 22, 30), "resource")  # fmt: skip


def test_day_words_count_in_days() -> None:
    assert day_words(1) == "The day after the session"
    assert day_words(3) == "3 days after the session"
