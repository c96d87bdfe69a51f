"""The words the practice log uses for dates, lengths of time, counts and names.

Plain functions, the same on the history screen and on the one-page summary, so a practice
reads the same way wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from kapcompanion.domain.pacing import PRESETS
from kapcompanion.domain.practice import Kind, Status

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: How a practice ended, said as what happened: stopping is the person's choice to make, so
#: it is told as a choice, never as falling short of an end.
OUTCOMES = {
    Status.COMPLETED: "went to its end",
    Status.STOPPED: "stopped when you chose",
    Status.INTERRUPTED: "the app closed during it",
    Status.IN_PROGRESS: "still going",
}


def long_date(day: date) -> str:
    """ "18 March 2026"."""
    return f"{day.day} {day.strftime('%B')} {day.year}"


def short_date(day: date) -> str:
    """ "18 Mar"."""
    return f"{day.day} {day.strftime('%b')}"


def minutes_text(minutes: float) -> str:
    """A length of time in whole minutes; from an hour and a half on, in hours and minutes."""
    if minutes >= 90:
        hours, rest = divmod(round(minutes), 60)
        return f"{hours} h {rest:02d} min"
    return f"{round(minutes)} min"


def practice_length(seconds: float, *, short: bool = False) -> str:
    """How long one practice lasted: "under a minute" ("< 1 min" when ``short``) for less
    than one, never "0 min", which reads as if nothing happened; else as :func:`minutes_text`."""
    if seconds < 60.0:
        return "< 1 min" if short else "under a minute"
    return minutes_text(seconds / 60.0)


def plural(count: int, word: str, words: str | None = None) -> str:
    """``count`` and the word for that many: "1 practice", "3 practices", "0 days"."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


def was_were(count: int) -> str:
    return "was" if count == 1 else "were"


def joined(words: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def practice_name(kind: Kind, ref: str, titles: Mapping[str, str]) -> str:
    """A person's word for what was practised: the breathing pattern's name, or the
    exercise's title in ``titles`` (by id); the id itself when neither is known."""
    if kind is Kind.BREATHING:
        pattern = PRESETS.get(ref)
        return pattern.name if pattern is not None else ref
    return titles.get(ref, ref)


def answer_label(key: str) -> str:
    """A kept answer's input key as words: "first-words" becomes "First words"."""
    words = " ".join(key.replace("_", " ").replace("-", " ").split())
    return words[:1].upper() + words[1:]


def rating_text(before: int | None, after: int | None) -> str:
    """The ratings before and after a practice, "4 → 7"; a dash for one not given."""
    if before is None and after is None:
        return "—"
    b = "–" if before is None else str(before)
    a = "–" if after is None else str(after)
    return f"{b} → {a}"


def relative_day(day: date, today: date) -> str:
    """``day`` as seen from ``today``: "today", "yesterday", "3 days ago", "in 5 days"."""
    n = (today - day).days
    if n == 0:
        return "today"
    if n == 1:
        return "yesterday"
    if n == -1:
        return "tomorrow"
    return f"{n} days ago" if n > 0 else f"in {-n} days"
