"""The words for dates, lengths of time, counts and names (pure, no Qt)."""

from __future__ import annotations

from datetime import date

import pytest

from kapcompanion.domain.practice import Kind, Status
from kapcompanion.domain.words import (
    OUTCOMES,
    answer_label,
    joined,
    long_date,
    minutes_text,
    plural,
    practice_length,
    practice_name,
    rating_text,
    relative_day,
    short_date,
    was_were,
)


def test_dates_read_naturally():
    assert long_date(date(2026, 3, 8)) == "8 March 2026"
    assert short_date(date(2026, 12, 25)) == "25 Dec"


def test_minutes_read_naturally():
    assert minutes_text(4.6) == "5 min"
    assert minutes_text(89) == "89 min"
    assert minutes_text(125) == "2 h 05 min"
    assert minutes_text(0) == "0 min"


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 practices"), (1, "1 practice"), (2, "2 practices")],
)
def test_counts_take_the_word_for_that_many(count, expected):
    assert plural(count, "practice") == expected


def test_a_word_with_its_own_plural_and_was_or_were():
    assert plural(3, "person", "people") == "3 people"
    assert plural(1, "session date") == "1 session date"
    assert (was_were(1), was_were(0), was_were(2)) == ("was", "were", "were")


def test_lists_are_joined_with_and():
    assert joined([]) == ""
    assert joined(["Monday"]) == "Monday"
    assert joined(["Monday", "Friday"]) == "Monday and Friday"
    assert joined(["Monday", "Tuesday", "Friday"]) == "Monday, Tuesday and Friday"


def test_a_practice_is_named_by_its_pattern_or_its_exercise_s_title():
    titles = {"my-evening": "My evening wind-down"}
    assert practice_name(Kind.BREATHING, "resonance", titles) == "Resonance"
    assert practice_name(Kind.EXERCISE, "my-evening", titles) == "My evening wind-down"
    # A title that is not known any more (a script removed): its id, never nothing.
    assert practice_name(Kind.EXERCISE, "gone", titles) == "gone"
    assert practice_name(Kind.BREATHING, "no-such-pattern", {}) == "no-such-pattern"
    # The titles are read each time: a renamed exercise is named anew.
    assert practice_name(Kind.EXERCISE, "my-evening", {"my-evening": "Evening"}) == "Evening"


def test_an_answer_s_key_reads_as_words():
    assert answer_label("first-words") == "First words"
    assert answer_label("ready_to_leave") == "Ready to leave"
    assert answer_label("see") == "See"


def test_ratings_before_and_after_with_a_dash_for_none():
    assert rating_text(None, None) == "—"
    assert rating_text(4, 7) == "4 → 7"
    assert rating_text(None, 8) == "– → 8"
    assert rating_text(3, None) == "3 → –"


@pytest.mark.parametrize(
    ("days", "expected"),
    [(0, "today"), (1, "yesterday"), (-1, "tomorrow"), (5, "5 days ago"), (-3, "in 3 days")],
)
def test_a_day_seen_from_today(days, expected):
    today = date(2026, 3, 18)
    assert relative_day(date.fromordinal(today.toordinal() - days), today) == expected


def test_how_a_practice_ended_is_said_as_what_happened_never_as_falling_short():
    assert set(OUTCOMES) == set(Status)
    assert OUTCOMES[Status.STOPPED] == "stopped when you chose"
    for words in OUTCOMES.values():
        for short in ("early", "short", "missed", "incomplete", "unfinished", "failed"):
            assert short not in words, (words, short)


def test_a_practice_s_length_never_reads_as_nothing():
    assert [practice_length(s) for s in (0.0, 9.0, 30.0, 59.9)] == ["under a minute"] * 4
    assert practice_length(60.0) == "1 min" and practice_length(89.0) == "1 min"
    assert practice_length(600.0) == "10 min"
    assert practice_length(9.0, short=True) == "< 1 min"
