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
    answer_label,
    joined,
    long_date,
    minutes_text,
    month_short,
    outcome_text,
    practice_length,
    practice_name,
    weekday_name,
    weekday_short,
)
from kapcompanion.i18n import N_, _, ngettext

NO_PRACTICE_THIS_WEEK = N_("This week so far: no practice yet. Whenever you like.")
DELETE_ONE = N_("Delete this practice from your log? This cannot be undone.")


def week_line(days: Sequence[date]) -> str:
    """Which days of this week had some practice; never a count of missed days."""
    if not days:
        return _(NO_PRACTICE_THIS_WEEK)
    return _("This week so far you practised on {days}.").format(
        days=joined([weekday_name(d) for d in days])
    )


# -- one practice ----------------------------------------------------------------------------


def list_day(day: date, today: date) -> str:
    """A practice's day in the list: "Wed 18 Mar", with the year when it is not this one."""
    names = {"weekday": weekday_short(day), "day": day.day, "month": month_short(day)}
    if day.year == today.year:
        return _("{weekday} {day} {month}").format(**names)
    return _("{weekday} {day} {month} {year}").format(**names, year=day.year)


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
    return f"{long_date(record.local_date)} · {outcome_text(record.status)}{note}"


def detail_title(record: PracticeRecord, titles: Mapping[str, str]) -> str:
    name = practice_name(record.kind, record.ref, titles)
    if record.kind is Kind.BREATHING:
        return _("{name} · breathing").format(name=name)
    return _("{name} · exercise").format(name=name)


def detail_text(r: PracticeRecord) -> str:
    """A practice opened from the list: the facts first, then what the person chose to keep."""
    lines = [
        _("{weekday} {date}, {time}").format(
            weekday=weekday_name(r.local_date), date=long_date(r.local_date), time=start_time(r)
        )
    ]
    lines.append(f"{practice_length(r.practised_s)} · {outcome_text(r.status)}")
    if r.rating_before is not None or r.rating_after is not None:
        b = _("not rated") if r.rating_before is None else str(r.rating_before)
        a = _("not rated") if r.rating_after is None else str(r.rating_after)
        lines.append(
            _("How settled and present: before {before}, after {after}").format(before=b, after=a)
        )
    if r.steps:
        # The steps seen, each once however often the person went back to it.
        seen = len({step.step_id for step in r.steps})
        lines.append(ngettext("{n} step", "{n} steps", seen).format(n=seen))
    # What the person chose to keep, set apart from the facts.
    words = [_("Intention: “{words}”").format(words=r.intention)] if r.intention else []
    words += [f"{answer_label(key)}: {', '.join(items)}" for key, items in r.answers.items()]
    if words:
        lines += ["", *words]
    return "\n".join(lines)


def delete_question(record: PracticeRecord, titles: Mapping[str, str]) -> str:
    when = f"{long_date(record.local_date)}, {practice_name(record.kind, record.ref, titles)}"
    return f"{when}\n\n{_(DELETE_ONE)}"


# -- the period shown ------------------------------------------------------------------------


def period_text(count: int, per_day: Mapping[date, float], ratings: Iterable[DayRatings]) -> str:
    """What happened in the dates shown: practices, time, the days with some practice, and how
    many times the person chose to say how they felt (no averages, nothing compared)."""
    minutes = math.fsum(per_day.values())
    days_with = sum(1 for m in per_day.values() if m > 0)
    parts = [
        ngettext("{n} practice", "{n} practices", count).format(n=count),
        minutes_text(minutes),
        ngettext("on {n} day", "on {n} days", days_with).format(n=days_with),
    ]
    rated = sum(day.before_count + day.after_count for day in ratings)
    if rated:
        parts.append(ngettext("{n} rating given", "{n} ratings given", rated).format(n=rated))
    return _("In these dates: {figures}").format(figures=" · ".join(parts))


# -- after a change --------------------------------------------------------------------------


def saved_text(count: int, target: Path) -> str:
    return ngettext(
        "Saved {n} practice to {file}.", "Saved {n} practices to {file}.", count
    ).format(n=count, file=target)


def imported_text(added: int, already_present: int, sessions_added: int) -> str:
    practices = ngettext("Added {n} practice", "Added {n} practices", added).format(n=added)
    present = ngettext(
        "{n} was already in your log", "{n} were already in your log", already_present
    ).format(n=already_present)
    sessions = ngettext("{n} session date", "{n} session dates", sessions_added).format(
        n=sessions_added
    )
    return _("{practices} ({already}) and {sessions}.").format(
        practices=practices, already=present, sessions=sessions
    )


def deleted_all_text(count: int) -> str:
    return ngettext(
        "Deleted {n} practice and every session date.",
        "Deleted {n} practices and every session date.",
        count,
    ).format(n=count)
