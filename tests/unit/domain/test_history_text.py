"""What the history says about practice (pure, no Qt)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from kapcompanion.domain.history_text import (
    delete_question,
    deleted_all_text,
    detail_text,
    detail_title,
    imported_text,
    list_day,
    list_length,
    list_name,
    list_tooltip,
    period_text,
    saved_text,
    week_line,
)
from kapcompanion.domain.practice import Kind, Status, StepTime
from kapcompanion.domain.practice_history import ratings_per_day
from tests.helpers.practices import RECORDS, TODAY, practice

TITLES = {"session-close": "Closing a session"}


def test_no_streaks_only_the_days_of_this_week():
    assert week_line([]) == "This week so far: no practice yet. Whenever you like."
    text = week_line([date(2026, 3, 16), date(2026, 3, 18)])
    assert text == "This week so far you practised on Monday and Wednesday."
    for word in ("streak", "missed", "broken", "in a row"):
        assert word not in text.lower()


def test_a_practice_in_the_list():
    assert list_day(TODAY, TODAY) == "Wed 18 Mar"
    assert list_day(date(2025, 12, 31), TODAY) == "Wed 31 Dec 2025"
    noted = RECORDS[3]
    assert list_name(noted, {}) == "Resonance  ✎"
    assert list_name(RECORDS[5], {}) == "Resonance"
    assert list_length(RECORDS[0]) == "10 min"
    stopped = replace(RECORDS[0], status=Status.STOPPED, actual_s=150.0)
    assert list_length(stopped) == "2 min"  # how long it was, not how far short of 10
    brief = replace(RECORDS[0], status=Status.STOPPED, actual_s=9.0)
    assert list_length(brief) == "< 1 min"  # never "0 min": something did happen
    assert detail_text(brief).splitlines()[1] == "under a minute · stopped when you chose"
    assert list_tooltip(noted) == "16 March 2026 · went to its end\nWarm hands."
    assert list_tooltip(stopped).endswith(" · stopped when you chose")


def test_a_practice_opened_sets_what_was_kept_apart_from_the_facts():
    closing = replace(
        practice(TODAY, 8, kind=Kind.EXERCISE, ref="session-close", hour=18, after=7),
        planned_s=600.0,
        intention="to stay curious",
        answers={"first-words": ("heavy and warm",), "ready_to_leave": ("Water", "A ride")},
    )
    assert detail_title(closing, TITLES) == "Closing a session · exercise"
    assert detail_title(RECORDS[0], TITLES) == "Resonance · breathing"
    # Back, then on again: a step seen twice is still one step of the practice.
    visits = [StepTime(f"step-{n}", 10.0 * i, 10.0) for i, n in enumerate((1, 2, 3, 2, 3, 4))]
    assert "4 steps" in detail_text(replace(closing, steps=tuple(visits))).splitlines()
    assert "1 step" in detail_text(replace(closing, steps=tuple(visits[:1]))).splitlines()
    lines = detail_text(closing).splitlines()
    assert lines[0].startswith("Wednesday 18 March 2026, ")
    assert lines[1:3] == [
        "8 min · went to its end",
        "How settled and present: before not rated, after 7",
    ]
    assert lines[3:] == [
        "",
        "Intention: “to stay curious”",
        "First words: heavy and warm",
        "Ready to leave: Water, A ride",
    ]


def test_the_period_s_figures_say_what_happened_and_never_average_the_ratings():
    shown = [r for r in RECORDS if r.local_date >= TODAY - timedelta(days=90)]
    per_day = {r.local_date: 0.0 for r in shown}
    for r in shown:
        per_day[r.local_date] += r.practised_s / 60.0
    text = period_text(len(shown), per_day, ratings_per_day(shown))
    assert text == ("In these dates: 6 practices · 38 min · on 5 days · 7 ratings given")
    assert period_text(1, {TODAY: 4.0}, []) == "In these dates: 1 practice · 4 min · on 1 day"


def test_the_messages_after_a_change():
    assert saved_text(1, Path("/tmp/x.csv")) == "Saved 1 practice to /tmp/x.csv."
    assert imported_text(7, 0, 2) == (
        "Added 7 practices (0 were already in your log) and 2 session dates."
    )
    assert imported_text(1, 1, 1) == (
        "Added 1 practice (1 was already in your log) and 1 session date."
    )
    assert deleted_all_text(3) == "Deleted 3 practices and every session date."
    question = delete_question(RECORDS[5], TITLES)
    assert question.startswith("18 March 2026, Resonance\n\n")
    assert question.endswith("This cannot be undone.")
