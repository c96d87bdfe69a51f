"""The days after a medicine session and what home says of them (pure domain)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kapcompanion.domain.integration import (
    IntegrationWindow,
    integration_window,
    session_line,
    suggest_short_practice,
    suggestion_text,
)
from kapcompanion.domain.practice import PracticeInputError

TODAY = date(2026, 3, 18)


def test_no_sessions_means_no_window() -> None:
    w = integration_window([], date(2025, 3, 10))
    assert w.days_since is None and not w.in_window and not w.is_session_day
    assert not suggest_short_practice(w, practised_today=False)
    assert suggestion_text(w, practised_today=False) is None


@pytest.mark.parametrize(
    ("today", "since", "in_window"),
    [
        (date(2025, 3, 5), 0, False),
        (date(2025, 3, 6), 1, True),
        (date(2025, 3, 8), 3, True),
        (date(2025, 3, 9), 4, False),
    ],
)
def test_window_counts_calendar_days_after_the_last_session(
    today: date, since: int, in_window: bool
) -> None:
    sessions = [date(2025, 2, 1), date(2025, 3, 5), date(2025, 4, 1)]
    w = integration_window(sessions, today)
    assert w.last_session == date(2025, 3, 5)
    assert w.next_session == date(2025, 4, 1)
    assert w.days_since == since
    assert w.in_window is in_window
    assert w.days_until_next == (date(2025, 4, 1) - today).days


def test_window_length_is_a_checked_setting() -> None:
    w = integration_window([date(2025, 3, 1)], date(2025, 3, 12), window_days=14)
    assert w.in_window
    wrong: tuple[Any, ...] = (0, 15, 2.5, True)  # of a wrong type on purpose: checked as it runs
    for bad in wrong:
        with pytest.raises(PracticeInputError):
            integration_window([], date(2025, 3, 1), window_days=bad)


def test_suggestion_is_an_invitation_and_disappears_once_practised() -> None:
    w = IntegrationWindow(date(2025, 3, 7), 3, date(2025, 3, 5), None)
    text = suggestion_text(w, practised_today=False)
    assert text is not None
    assert "2 days ago" in text and "you might" in text.lower()
    assert suggestion_text(w, practised_today=True) is None
    yesterday = IntegrationWindow(date(2025, 3, 6), 3, date(2025, 3, 5), None)
    assert "yesterday" in (suggestion_text(yesterday, practised_today=False) or "")
    session_day = IntegrationWindow(date(2025, 3, 5), 3, date(2025, 3, 5), None)
    assert (
        "if it feels right" in (suggestion_text(session_day, practised_today=False) or "").lower()
    )


@given(
    st.lists(st.dates(date(2020, 1, 1), date(2030, 1, 1)), max_size=8),
    st.dates(date(2020, 1, 1), date(2030, 1, 1)),
    st.integers(1, 14),
)
def test_window_facts_hold_for_any_dates(sessions: list[date], today: date, n: int) -> None:
    w = integration_window(sessions, today, n)
    if w.last_session is not None:
        assert w.last_session <= today and w.last_session in sessions
        assert not any(w.last_session < s <= today for s in sessions)
    if w.next_session is not None:
        assert w.next_session > today
    assert w.in_window == (w.days_since is not None and 1 <= w.days_since <= n)
    words = (suggestion_text(w, practised_today=False) or "").lower()
    for command in ("must", "should", "need to", "hold your breath", "treat", "cure"):
        assert command not in words


@pytest.mark.parametrize(
    ("since", "practised", "expected"),
    [
        (None, False, ""),
        (0, False, "Today is a medicine-session day."),
        (1, False, "Your last medicine session was yesterday."),
        (2, True, "Day 2 since your last medicine session."),
        (3, False, "Your last medicine session was 3 days ago."),
        (9, False, "Day 9 since your last medicine session."),
        (15, False, ""),
    ],
)
def test_home_speaks_of_the_last_session_gently(since, practised, expected):
    last = None if since is None else TODAY - timedelta(days=since)
    window = IntegrationWindow(TODAY, 3, last, None)
    line = session_line(window, practised)
    assert line.startswith(expected) if expected else line == ""
    for word in ("must", "should", "need to", "streak"):
        assert word not in line.lower()
