"""What the history screen says: the week's line, a practice in the list and opened, the
period's figures and the messages after a change.

There are no streaks here and nothing that falls short: the history says what happened (on
which days of this week there was some practice, how long a practice lasted, how it ended in
plain words), never how much was missed, how far short a practice stopped, or whether ratings
went up on average.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path

from kapcompanion.domain.practice import Kind, PracticeRecord
from kapcompanion.domain.practice_history import DayRatings
from kapcompanion.domain.words import (
    OUTCOMES,
    WEEKDAYS,
    answer_label,
    joined,
    long_date,
    minutes_text,
    plural,
    practice_length,
    practice_name,
    was_were,
)

NO_PRACTICE_THIS_WEEK = "This week so far: no practice yet. Whenever you like."
DELETE_ONE = "Delete this practice from your log? This cannot be undone."


def week_line(days: Sequence[date]) -> str:
    """Which days of this week had some practice; never a count of missed days."""
    if not days:
        return NO_PRACTICE_THIS_WEEK
    return (
        "This week so far you practised on " + joined([WEEKDAYS[d.weekday()] for d in days]) + "."
    )


# -- one practice ----------------------------------------------------------------------------


def list_day(day: date, today: date) -> str:
    """A practice's day in the list: "Wed 18 Mar", with the year when it is not this one."""
    year = "" if day.year == today.year else f" {day.year}"
    return f"{WEEKDAYS[day.weekday()][:3]} {day.day} {day.strftime('%b')}{year}"


def start_time(record: PracticeRecord) -> str:
    """When it began, on this computer's clock: "07:30"."""
    return record.started_utc.astimezone().strftime("%H:%M")


def list_name(record: PracticeRecord, titles: Mapping[str, str]) -> str:
    """Its name in the list, marked when it has a note."""
    mark = "  ✎" if record.note else ""
    return practice_name(record.kind, record.ref, titles) + mark


def list_length(record: PracticeRecord) -> str:
    """How long it lasted (never measured against how long it might have been)."""
    return practice_length(record.practised_s, short=True)


def list_tooltip(record: PracticeRecord) -> str:
    note = f"\n{record.note}" if record.note else ""
    return f"{long_date(record.local_date)} · {OUTCOMES[record.status]}{note}"


def detail_title(record: PracticeRecord, titles: Mapping[str, str]) -> str:
    what = "breathing" if record.kind is Kind.BREATHING else "exercise"
    return f"{practice_name(record.kind, record.ref, titles)} · {what}"


def detail_text(r: PracticeRecord) -> str:
    """A practice opened from the list: the facts first, then what the person chose to keep."""
    lines = [f"{WEEKDAYS[r.local_date.weekday()]} {long_date(r.local_date)}, {start_time(r)}"]
    lines.append(f"{practice_length(r.practised_s)} · {OUTCOMES[r.status]}")
    if r.rating_before is not None or r.rating_after is not None:
        b = "not rated" if r.rating_before is None else str(r.rating_before)
        a = "not rated" if r.rating_after is None else str(r.rating_after)
        lines.append(f"How settled and present: before {b}, after {a}")
    if r.steps:
        # The steps seen, each once however often the person went back to it.
        lines.append(plural(len({step.step_id for step in r.steps}), "step"))
    # What the person chose to keep, set apart from the facts.
    words = [f"Intention: “{r.intention}”"] if r.intention else []
    words += [f"{answer_label(key)}: {', '.join(items)}" for key, items in r.answers.items()]
    if words:
        lines += ["", *words]
    return "\n".join(lines)


def delete_question(record: PracticeRecord, titles: Mapping[str, str]) -> str:
    when = f"{long_date(record.local_date)}, {practice_name(record.kind, record.ref, titles)}"
    return f"{when}\n\n{DELETE_ONE}"


# -- the period shown ------------------------------------------------------------------------


def period_text(count: int, per_day: Mapping[date, float], ratings: Iterable[DayRatings]) -> str:
    """What happened in the dates shown: practices, time, the days with some practice, and how
    many times the person chose to say how they felt (no averages, nothing compared)."""
    minutes = math.fsum(per_day.values())
    days_with = sum(1 for m in per_day.values() if m > 0)
    parts = [plural(count, "practice"), minutes_text(minutes), f"on {plural(days_with, 'day')}"]
    rated = sum(day.before_count + day.after_count for day in ratings)
    if rated:
        parts.append(f"{plural(rated, 'rating')} given")
    return "In these dates: " + " · ".join(parts)


# -- after a change --------------------------------------------------------------------------


def saved_text(count: int, target: Path) -> str:
    return f"Saved {plural(count, 'practice')} to {target}."


def imported_text(added: int, already_present: int, sessions_added: int) -> str:
    return (
        f"Added {plural(added, 'practice')} "
        f"({already_present} {was_were(already_present)} already in your log) "
        f"and {plural(sessions_added, 'session date')}."
    )


def deleted_all_text(count: int) -> str:
    return f"Deleted {plural(count, 'practice')} and every session date."
