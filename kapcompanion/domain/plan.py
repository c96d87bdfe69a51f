"""An integration plan: practices for chosen days after a medicine session (plain Python).

At the close of a session the therapist may put together a small plan for the days after it:
which practice on which day (day 1 is the day after the session), perhaps a time of day for a
gentle reminder, and a short note in their own words. The client takes it in on their own
computer, and on a plan day home offers that day's practice.

A plan only offers. Nothing here counts, compares or keeps score: a day without practice is
simply a new day, and the next plan day offers its own practice as if nothing came before.

The plan travels inside a ``.kapscript`` bundle as JSON (:func:`plan_data`,
:func:`plan_from_data`); everything read from a file is checked here, and a
:class:`PlanError` names the key and what is wrong with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from kapcompanion.domain.reminders import ReminderMode, ReminderPlan
from kapcompanion.i18n import _, ngettext

#: The furthest day after a session a plan may reach.
MAX_DAY = 60
#: Plan days at most (one practice a day).
MAX_ENTRIES = MAX_DAY
#: The therapist's note, in characters.
MAX_NOTE = 600
#: Practice ids are short words of letters, digits, "-" and "_".
MAX_ID = 80
#: The days a therapist is offered first (the day after, the next two, a week, two weeks).
SUGGESTED_DAYS = (1, 2, 3, 7, 14)
#: The days the plan dialog offers, one row each.
OFFERED_DAYS = (1, 2, 3, 4, 5, 6, 7, 10, 14, 21, 28)


class PlanError(ValueError):
    """A plan that cannot be used; ``key`` names the part of it (``entries[2].day``)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}" if key else message)
        self.key = key
        self.message = message


@dataclass(frozen=True)
class PlanEntry:
    """One practice, ``day`` days after the session (1 = the day after)."""

    day: int
    practice: str


@dataclass(frozen=True)
class Plan:
    """What the therapist chose. ``entries`` are in order of day, at most one a day."""

    session: date
    entries: tuple[PlanEntry, ...]
    remind_at: time | None = None
    note: str = ""

    def __post_init__(self) -> None:
        check_entries(self.entries)
        if len(self.note) > MAX_NOTE:
            raise PlanError("note", _("is longer than {n} characters").format(n=MAX_NOTE))

    def date_of(self, entry: PlanEntry) -> date:
        return self.session + timedelta(days=entry.day)

    def practice_on(self, day: date) -> str | None:
        """The practice the plan offers on ``day``, or None on a day without one."""
        offset = (day - self.session).days
        for entry in self.entries:
            if entry.day == offset:
                return entry.practice
        return None

    def days(self) -> list[tuple[date, str]]:
        """Every plan day's date and practice, in order."""
        return [(self.date_of(e), e.practice) for e in self.entries]

    @property
    def last_day(self) -> date:
        return self.session + timedelta(days=max((e.day for e in self.entries), default=0))

    def practices(self) -> list[str]:
        """The practices the plan names, each once, in the order they first come."""
        return list(dict.fromkeys(e.practice for e in self.entries))


def check_entries(entries: tuple[PlanEntry, ...]) -> None:
    """Raise :class:`PlanError` unless every day is 1 to MAX_DAY, once, in order."""
    if not entries:
        raise PlanError("entries", _("names no practice for any day"))
    if len(entries) > MAX_ENTRIES:
        raise PlanError("entries", _("has more than {n} days").format(n=MAX_ENTRIES))
    previous = 0
    for i, entry in enumerate(entries):
        where = f"entries[{i}]"
        if isinstance(entry.day, bool) or not isinstance(entry.day, int):
            raise PlanError(f"{where}.day", _("is not a whole number of days"))
        if not 1 <= entry.day <= MAX_DAY:
            raise PlanError(
                f"{where}.day",
                _("is {day}; a plan day is 1 to {last} days after the session").format(
                    day=entry.day, last=MAX_DAY
                ),
            )
        if entry.day <= previous:
            raise PlanError(
                f"{where}.day",
                _("day {day} comes twice or out of order; one practice a day, in order").format(
                    day=entry.day
                ),
            )
        previous = entry.day
        if not _is_id(entry.practice):
            raise PlanError(
                f"{where}.practice",
                _("is not the id of a practice (letters, digits, '-' and '_')"),
            )


def _is_id(text: object) -> bool:
    return (
        isinstance(text, str)
        and 0 < len(text) <= MAX_ID
        and text.isascii()
        and all(c.isalnum() or c in "-_" for c in text)
    )


def _time_text(moment: time) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def plan_data(plan: Plan) -> dict[str, object]:
    """The plan as JSON-ready values (ids and ISO dates only: no words of any language)."""
    return {
        "session": plan.session.isoformat(),
        "entries": [{"day": e.day, "practice": e.practice} for e in plan.entries],
        "remind_at": _time_text(plan.remind_at) if plan.remind_at is not None else None,
        "note": plan.note,
    }


_KEYS = {"session", "entries", "remind_at", "note"}


def plan_from_data(data: object) -> Plan:
    """A plan from values read from a file; :class:`PlanError` names what is wrong."""
    if not isinstance(data, dict):
        raise PlanError("", _("The plan is not a JSON object."))
    unknown = sorted(str(k) for k in data if k not in _KEYS)
    if unknown:
        raise PlanError(
            unknown[0],
            _("is not part of a plan (a plan has session, entries, remind_at and note)"),
        )
    session_text = data.get("session")
    try:
        if not isinstance(session_text, str):
            raise ValueError
        session = date.fromisoformat(session_text)
    except ValueError:
        raise PlanError("session", _("is not a date like 2026-03-28")) from None
    raw = data.get("entries")
    if not isinstance(raw, list):
        raise PlanError("entries", _("is not a list of days and practices"))
    if len(raw) > MAX_ENTRIES:
        raise PlanError("entries", _("has more than {n} days").format(n=MAX_ENTRIES))
    entries = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or set(item) != {"day", "practice"}:
            raise PlanError(f"entries[{i}]", _("needs exactly a day and a practice"))
        entries.append(PlanEntry(item["day"], item["practice"]))
    remind = data.get("remind_at")
    remind_at = None
    if remind is not None:
        remind_at = parse_clock_time(remind)
        if remind_at is None:
            raise PlanError("remind_at", _("is not a time of day like 18:30"))
    note = data.get("note", "")
    if not isinstance(note, str):
        raise PlanError("note", _("is not text"))
    return Plan(session, tuple(entries), remind_at, note.strip())


def parse_clock_time(text: object) -> time | None:
    """ "18:30" -> time(18, 30); None for anything else."""
    if not isinstance(text, str):
        return None
    hours, sep, minutes = text.partition(":")
    if not (sep and hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        return None
    h, m = int(hours), int(minutes)
    return time(h, m) if 0 <= h <= 23 and 0 <= m <= 59 else None


def day_words(day: int) -> str:
    """ "The day after the session", "3 days after the session"."""
    if day == 1:
        return _("The day after the session")
    return ngettext("{n} day after the session", "{n} days after the session", day).format(n=day)


def plan_reminder(
    plan: Plan | None,
    settings: ReminderPlan,
    now: datetime,
    practised: Iterable[date] = (),
) -> tuple[datetime, str] | None:
    """The next plan reminder strictly after ``now`` (naive local time) and its practice, or
    None: reminders switched off, a plan without a reminder time, or no plan day ahead. Quiet
    hours hold it back as they do every reminder; a day already practised has none."""
    if plan is None or plan.remind_at is None or settings.mode is ReminderMode.OFF:
        return None
    done = set(practised)
    for day, practice in plan.days():
        at = datetime.combine(day, plan.remind_at)
        if settings.quiet is not None and settings.quiet.contains(at):
            at = settings.quiet.end_after(at)
        if at > now and day not in done:
            return at, practice
    return None


def unknown_practices(plan: Plan, known: Iterable[str]) -> list[str]:
    """The plan's practices that are not among ``known`` ids, in plan order."""
    have = set(known)
    return [p for p in plan.practices() if p not in have]
