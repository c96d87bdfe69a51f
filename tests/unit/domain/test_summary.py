"""The one-page summary's figures and sentences (pure, no Qt)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kapcompanion.domain.practice import Status
from kapcompanion.domain.summary import (
    after_session_text,
    figures,
    period_text,
    rating_change_text,
    summarize,
    title_text,
)
from tests.helpers.practices import RECORDS, SESSIONS, TODAY, practice

TITLES = {"body-scan-3": "A three-minute body scan", "five-senses": "5-4-3-2-1 senses"}


def test_the_summary_counts_what_was_practised_in_the_range():
    first = TODAY - timedelta(days=30)
    stopped = practice(TODAY - timedelta(days=5), 2, status=Status.STOPPED)
    s = summarize([*RECORDS, stopped], SESSIONS, first, TODAY, titles=TITLES)
    assert (s.first, s.last, s.days_in_range) == (first, TODAY, 31)
    assert s.practices == 7
    assert s.minutes == pytest.approx(40.0)
    assert s.days_practised == 6
    assert [(k.name, k.count) for k in s.kinds][:1] == [("Resonance", 5)]
    # How practices ended is not tallied and ratings are never compared on average.
    for tally in ("completed", "stopped", "interrupted", "mean_change"):
        assert not hasattr(s, tally), tally
    assert s.ratings_given == 7
    assert "average" not in rating_change_text(s) and "higher" not in rating_change_text(s)
    assert [line.day for line in s.sessions] == SESSIONS
    # In the three days after each session: two practices the day after the first, and one
    # on each of the three days after the second.
    assert [line.practices_after for line in s.sessions] == [2, 3]
    assert sum(m for _, m in s.weeks) == pytest.approx(s.minutes)


def test_a_summary_without_practice_says_so_plainly():
    s = summarize([], [], date(2026, 1, 1), date(2026, 1, 31), titles={})
    assert s.practices == 0 and s.ratings_given == 0
    assert rating_change_text(s) == "No ratings in these dates: the question is always optional."


def test_the_kinds_are_named_with_the_titles_given():
    first = TODAY - timedelta(days=30)
    s = summarize(RECORDS, SESSIONS, first, TODAY, titles=TITLES)
    assert [(k.name, k.count) for k in s.kinds] == [
        ("Resonance", 4),
        ("5-4-3-2-1 senses", 1),
        ("A three-minute body scan", 1),
    ]
    renamed = summarize(RECORDS, SESSIONS, first, TODAY, titles={"five-senses": "Five senses"})
    assert "Five senses" in [k.name for k in renamed.kinds]
    assert "body-scan-3" in [k.name for k in renamed.kinds]  # no title known: its id


def test_the_page_s_words():
    s = summarize(RECORDS, SESSIONS, TODAY - timedelta(days=30), TODAY, titles=TITLES)
    assert title_text(s) == "Practice summary, 16 February 2026 to 18 March 2026"
    assert period_text(s) == "16 February 2026 to 18 March 2026"  # no "· 31 days" to count against
    practices, time, days, rated = figures(s)
    assert (practices.label, practices.value) == ("Practices", "6")
    assert practices.detail == "Resonance 4 · 5-4-3-2-1 senses 1 · A three-minute body scan 1"
    assert (time.value, time.detail) == ("38 min", "about 6 min a practice")
    assert (days.value, days.detail) == ("5", "whenever it suited")
    assert (rated.label, rated.value) == ("Ratings given", "7")
    assert rated.detail == "0–10, only when the person chose to say"
    first, second = s.sessions
    assert after_session_text(first) == "2 practices, 8 min"
    assert after_session_text(second) == "3 practices, 20 min"


def test_a_page_without_ratings_or_practice_after_a_session_says_so():
    day = date(2026, 1, 10)
    s = summarize(
        [practice(day, 5, status=Status.INTERRUPTED)], [day + timedelta(days=5)], titles={}
    )
    practices, _time, _days, rated = figures(s)
    assert practices.detail == "Resonance 1"
    assert (rated.value, rated.detail) == ("0", "0–10, only when the person chose to say")
    assert s.sessions == ()  # after the last practice: outside the range the page covers
    lonely = summarize([], [day], day, day + timedelta(days=3), titles={})
    assert after_session_text(lonely.sessions[0]) == "—"
    assert lonely.kinds == () and lonely.practices == 0


def test_the_page_s_words_never_count_what_fell_short():
    """Stopping is invited, so it is never counted against the person: no "ended early", no
    days out of the period, no average change of ratings."""
    stopped = [practice(TODAY - timedelta(days=d), 2, status=Status.STOPPED) for d in range(4)]
    s = summarize([*RECORDS, *stopped], SESSIONS, TODAY - timedelta(days=364), TODAY, titles={})
    lonely = summarize([], [TODAY], TODAY - timedelta(days=9), TODAY, titles={})
    words = " ".join(
        [rating_change_text(s), period_text(s)]
        + [f"{f.label} {f.value} {f.detail}" for f in figures(s)]
        + [after_session_text(line) for line in (*s.sessions, *lonely.sessions)]
    )
    for counted in (
        "ended early",
        "of 365",
        "on average",
        "average change",
        "points higher",
        "no practice recorded",
        "stopped",
        "missed",
    ):
        assert counted not in words, counted
