"""The words the practice log uses for dates, lengths of time, counts and names.

Plain functions, the same on the history screen and on the one-page summary, so a practice
reads the same way wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from kapcompanion.domain.pacing import PRESETS
from kapcompanion.domain.practice import Kind, Status
from kapcompanion.i18n import N_, _, ngettext, pgettext

#: The days of the week, Monday first (``date.weekday()`` indexes them), in the English the
#: catalogs translate: ``_(WEEKDAYS[i])``, or :func:`weekday_name`.
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_NAMES = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)
#: The months, January first, as they stand in a date ("18 March 2026").
_MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)
#: How a practice ended, said as what happened: stopping is the person's choice to make, so
#: it is told as a choice, never as falling short of an end. Translated where shown
#: (:func:`outcome_text`).
OUTCOMES = {
    Status.COMPLETED: N_("went to its end"),
    Status.STOPPED: N_("stopped when you chose"),
    Status.INTERRUPTED: N_("the app closed during it"),
    Status.IN_PROGRESS: N_("still going"),
}


def outcome_text(status: Status) -> str:
    """How a practice ended, in the language in use."""
    return _(OUTCOMES[status])


def weekday_name(day: date) -> str:
    """ "Wednesday", in the language in use."""
    return _(_WEEKDAY_NAMES[day.weekday()])


def weekday_short(day: date) -> str:
    """ "Wed", in the language in use."""
    names = (
        pgettext("weekday, short", "Mon"),
        pgettext("weekday, short", "Tue"),
        pgettext("weekday, short", "Wed"),
        pgettext("weekday, short", "Thu"),
        pgettext("weekday, short", "Fri"),
        pgettext("weekday, short", "Sat"),
        pgettext("weekday, short", "Sun"),
    )
    return names[day.weekday()]


def month_name(day: date) -> str:
    """The month of ``day`` as it stands in a date ("March"), in the language in use."""
    return _(_MONTHS[day.month - 1])


def month_short(day: date) -> str:
    """The month of ``day`` shortened ("Mar"), in the language in use."""
    names = (
        pgettext("month, short", "Jan"),
        pgettext("month, short", "Feb"),
        pgettext("month, short", "Mar"),
        pgettext("month, short", "Apr"),
        pgettext("month, short", "May"),
        pgettext("month, short", "Jun"),
        pgettext("month, short", "Jul"),
        pgettext("month, short", "Aug"),
        pgettext("month, short", "Sep"),
        pgettext("month, short", "Oct"),
        pgettext("month, short", "Nov"),
        pgettext("month, short", "Dec"),
    )
    return names[day.month - 1]


def long_date(day: date) -> str:
    """ "18 March 2026"."""
    return _("{day} {month} {year}").format(day=day.day, month=month_name(day), year=day.year)


def short_date(day: date) -> str:
    """ "18 Mar"."""
    return pgettext("short date", "{day} {month}").format(day=day.day, month=month_short(day))


def minutes_text(minutes: float) -> str:
    """A length of time in whole minutes; from an hour and a half on, in hours and minutes."""
    if minutes >= 90:
        hours, rest = divmod(round(minutes), 60)
        return _("{hours} h {minutes} min").format(hours=hours, minutes=f"{rest:02d}")
    return _("{n} min").format(n=round(minutes))


def practice_length(seconds: float, *, short: bool = False) -> str:
    """How long one practice lasted: "under a minute" ("< 1 min" when ``short``) for less
    than one, never "0 min", which reads as if nothing happened; else as :func:`minutes_text`."""
    if seconds < 60.0:
        return _("< 1 min") if short else _("under a minute")
    return minutes_text(seconds / 60.0)


def plural(count: int, word: str, words: str | None = None) -> str:
    """``count`` and the English word for that many: "1 practice", "3 practices", "0 days".
    English only: a sentence a person reads takes :func:`~kapcompanion.i18n.ngettext`."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


def was_were(count: int) -> str:
    """English only, as :func:`plural`."""
    return "was" if count == 1 else "were"


def joined(words: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(words) <= 1:
        return "".join(words)
    return _("{items} and {last}").format(
        items=pgettext("between the items of a list", ", ").join(words[:-1]), last=words[-1]
    )


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
        return _("today")
    if n == 1:
        return _("yesterday")
    if n == -1:
        return _("tomorrow")
    if n > 0:
        return ngettext("{n} day ago", "{n} days ago", n).format(n=n)
    return ngettext("in {n} day", "in {n} days", -n).format(n=-n)
