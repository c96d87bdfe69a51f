"""The integration journal: the person's own words between medicine sessions.

An entry is free text, written when the person likes, perhaps from a prompt. Each entry knows
the medicine session it follows (the most recent one on or before the day it was written), so
the journal can be read session by session. Prompts change with the days since a session: from
noticing (what is here, in the body, in sleep, with people, in how one speaks to oneself), to
what the session seemed to point toward, to one small choice. Every phase also offers a way back
out of the writing. Prompts are invitations: nothing counts days without writing, and nothing
here keeps score.

The prompts themselves are in :mod:`kapcompanion.domain.journal_prompts` (and can be imported
from here). Everything here is pure Python; :mod:`kapcompanion.storage.journal` keeps the
entries.
"""

from __future__ import annotations

import bisect
import unicodedata
import uuid as uuid_module
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Generic, Protocol, TypeVar

from kapcompanion.domain.journal_prompts import (
    ANY_TIME,
    PHASES,
    WAY_OUT,
    Phase,
    Prompt,
    phase_for,
    prompt_by_id,
    prompts_for,
)
from kapcompanion.domain.words import long_date
from kapcompanion.i18n import N_, _, pgettext

__all__ = [
    "ANY_TIME",
    "MAX_ENTRY_CHARS",
    "PHASES",
    "WAY_OUT",
    "Draft",
    "EntryGroup",
    "EntryHead",
    "JournalEntry",
    "JournalInputError",
    "Phase",
    "Prompt",
    "check_entry",
    "check_entry_text",
    "clean_text",
    "day_words",
    "days_since_session",
    "edited",
    "fold",
    "group_by_session",
    "group_heading",
    "head_of",
    "intention_line",
    "matches",
    "new_entry",
    "phase_for",
    "preview",
    "prompt_by_id",
    "prompts_for",
    "search",
    "search_terms",
    "session_for",
]

#: The most characters an entry holds (about ten printed pages).
MAX_ENTRY_CHARS = 20_000
#: The most characters of an intention quoted back to the person.
MAX_INTENTION_CHARS = 200

_KEPT_CONTROLS = frozenset("\n\t")
_LINE_BREAKS = {"\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n\n", "\x85": "\n"}


class JournalInputError(ValueError):
    """Something that cannot be kept as an entry; the message can be shown as it is."""


@dataclass(frozen=True)
class JournalEntry:
    """One entry. ``follows`` is the day of the medicine session it follows (None when it was
    written before any session noted); ``prompt_id`` the prompt it was written from, if any."""

    uuid: str
    written_at: datetime
    text: str
    prompt_id: str | None = None
    follows: date | None = None
    edited_at: datetime | None = None

    @property
    def written_on(self) -> date:
        """The day it was written, on the person's own calendar."""
        return self.written_at.date()


@dataclass(frozen=True)
class EntryHead:
    """What a list shows of an entry: its start (``preview``, on one line) and its length, so
    a long journal lists without reading every word."""

    uuid: str
    written_at: datetime
    preview: str
    length: int
    prompt_id: str | None = None
    follows: date | None = None
    edited_at: datetime | None = None


def head_of(entry: JournalEntry) -> EntryHead:
    return EntryHead(
        uuid=entry.uuid,
        written_at=entry.written_at,
        preview=preview(entry.text),
        length=len(entry.text),
        prompt_id=entry.prompt_id,
        follows=entry.follows,
        edited_at=entry.edited_at,
    )


@dataclass(frozen=True)
class Draft:
    """Words not yet kept, for the entry ``entry_uuid``: one being edited, or (when no entry
    has that id yet) one being written. One draft is kept for each entry."""

    entry_uuid: str
    text: str
    saved_at: datetime
    prompt_id: str | None = None


# --- validation ---------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """``text`` with line breaks made plain, control characters other than newlines and tabs
    removed (and halves of broken characters, which cannot be saved), and the blank space
    around it trimmed. Everything the person wrote stays as they wrote it."""
    for old, new in _LINE_BREAKS.items():
        text = text.replace(old, new)
    kept = [
        ch
        for ch in text
        if ch in _KEPT_CONTROLS
        or (unicodedata.category(ch) != "Cc" and not 0xD800 <= ord(ch) <= 0xDFFF)
    ]
    return "".join(kept).strip()


def check_entry_text(text: object) -> str:
    """The cleaned text of an entry, or :class:`JournalInputError` saying why it cannot be kept."""
    if not isinstance(text, str):
        raise JournalInputError(
            _("An entry is text; this is {kind}.").format(kind=type(text).__name__)
        )
    cleaned = clean_text(text)
    if not cleaned:
        raise JournalInputError(_("There are no words to keep yet."))
    if len(cleaned) > MAX_ENTRY_CHARS:
        raise JournalInputError(
            _(
                "An entry holds up to {most} characters, and this one has {n}. "
                "You might keep it as two entries."
            ).format(most=_thousands(MAX_ENTRY_CHARS), n=_thousands(len(cleaned)))
        )
    return cleaned


def _thousands(n: int) -> str:
    """``n`` with the thousands separator of the language in use (12,000; 12.000)."""
    return f"{n:,}".replace(",", pgettext("thousands separator in numbers such as 12,000", ","))


def _aware(name: str, when: datetime) -> datetime:
    """``when``, or JournalInputError naming it (``name`` marked with ``N_``)."""
    if not isinstance(when, datetime) or when.tzinfo is None or when.utcoffset() is None:
        raise JournalInputError(_("{what} needs a time with its time zone.").format(what=_(name)))
    return when


def check_uuid(value: object) -> str:
    if not isinstance(value, str):
        raise JournalInputError(_("An entry's id is text."))
    try:
        return str(uuid_module.UUID(value))
    except ValueError:
        raise JournalInputError(
            _("{value} is not an entry id.").format(value=repr(value))
        ) from None


def check_prompt_id(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value or len(value) > 40:
        raise JournalInputError(_("{value} is not a prompt id.").format(value=repr(value)))
    return value


def check_entry(entry: JournalEntry) -> JournalEntry:
    """``entry`` with its text cleaned, or :class:`JournalInputError`."""
    _aware(N_("The time of writing"), entry.written_at)
    if entry.edited_at is not None:
        _aware(N_("The time of an edit"), entry.edited_at)
    if entry.follows is not None and not isinstance(entry.follows, date):
        raise JournalInputError(_("The session an entry follows is a date."))
    return replace(
        entry,
        uuid=check_uuid(entry.uuid),
        text=check_entry_text(entry.text),
        prompt_id=check_prompt_id(entry.prompt_id),
    )


def new_entry(
    text: str,
    *,
    written_at: datetime,
    session_days: Iterable[date] = (),
    prompt_id: str | None = None,
    entry_uuid: str | None = None,
) -> JournalEntry:
    """A new entry, checked, following the latest session on or before the day it is written.
    ``entry_uuid`` is its id when one was chosen before (to link marks made while writing)."""
    when = _aware(N_("The time of writing"), written_at)
    return check_entry(
        JournalEntry(
            uuid=entry_uuid or str(uuid_module.uuid4()),
            written_at=when,
            text=text,
            prompt_id=prompt_id,
            follows=session_for(when.date(), session_days),
        )
    )


def edited(entry: JournalEntry, text: str, *, at: datetime) -> JournalEntry:
    """``entry`` with new words, marked as edited ``at``; the time of writing stays."""
    return check_entry(replace(entry, text=text, edited_at=_aware(N_("The time of an edit"), at)))


# --- sessions -----------------------------------------------------------------------------------


def session_for(written_on: date, session_days: Iterable[date]) -> date | None:
    """The most recent session day on or before ``written_on`` (None when there is none)."""
    best: date | None = None
    for day in session_days:
        if day <= written_on and (best is None or day > best):
            best = day
    return best


def days_since_session(today: date, session_days: Iterable[date]) -> int | None:
    """Calendar days since the most recent session on or before ``today`` (0 on the day)."""
    last = session_for(today, session_days)
    return None if last is None else (today - last).days


class _Dated(Protocol):
    @property
    def written_at(self) -> datetime: ...

    @property
    def follows(self) -> date | None: ...


T = TypeVar("T", bound=_Dated)


@dataclass(frozen=True)
class EntryGroup(Generic[T]):
    """Entries that follow one session (``session`` None: written before any session noted),
    newest first."""

    session: date | None
    entries: tuple[T, ...]


def group_by_session(
    entries: Iterable[T], session_days: Iterable[date] | None = None
) -> list[EntryGroup[T]]:
    """``entries`` grouped by the session they follow, newest session first, the entries of
    each newest first; those from before any session come last.

    With ``session_days`` each entry is placed by the sessions known now (a date noted later
    moves it); without, by the session it was written after.
    """
    days = sorted(set(session_days)) if session_days is not None else None
    groups: dict[date | None, list[T]] = {}
    for entry in entries:
        if days is None:
            key = entry.follows
        else:
            i = bisect.bisect_right(days, entry.written_at.date())
            key = days[i - 1] if i else None
        groups.setdefault(key, []).append(entry)
    ordered = sorted(groups, key=lambda d: (d is not None, d or date.min), reverse=True)
    return [
        EntryGroup(day, tuple(sorted(groups[day], key=lambda e: e.written_at, reverse=True)))
        for day in ordered
    ]


def day_words(day: date) -> str:
    """``day`` as "3 March 2025", in the language in use."""
    return long_date(day)


def group_heading(session: date | None, *, any_sessions: bool) -> str:
    """The heading of a group of entries on the journal screen."""
    if session is not None:
        return _("After the session of {date}").format(date=day_words(session))
    return _("Before the first session noted") if any_sessions else _("Your entries")


def intention_line(intention: str) -> str:
    """A gentle sentence quoting the intention the person came into a session with ("" when
    there is none)."""
    words = " ".join(clean_text(intention).split())
    if not words:
        return ""
    if len(words) > MAX_INTENTION_CHARS:
        words = words[: MAX_INTENTION_CHARS - 1].rstrip() + "…"
    return _("You came in with: “{words}”").format(words=words)


# --- search -------------------------------------------------------------------------------------

#: Letters that carry no separate accent in Unicode, folded to their plain forms.
_PLAIN_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)


def fold(text: str) -> str:
    """``text`` for searching: accents removed, case folded ("Café" and "cafe" match)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.translate(_PLAIN_LETTERS)


def search_terms(query: str) -> list[str]:
    """The folded words of ``query``, each looked for on its own (duplicates dropped)."""
    return list(dict.fromkeys(fold(clean_text(query)).split()))


def matches(text: str, terms: Sequence[str]) -> bool:
    """Whether every term appears in ``text`` (folded); no terms match everything."""
    folded = fold(text)
    return all(term in folded for term in terms)


def search(entries: Iterable[JournalEntry], query: str) -> list[JournalEntry]:
    """The entries whose words hold every word of ``query`` (case and accents aside), newest
    first."""
    terms = search_terms(query)
    found = [e for e in entries if matches(e.text, terms)]
    return sorted(found, key=lambda e: e.written_at, reverse=True)


def preview(text: str, limit: int = 120) -> str:
    """The start of ``text`` on one line, for a list."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
