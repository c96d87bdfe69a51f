"""What the journal screen decides: what to list, what to offer, how words are kept.

The screen (:mod:`.screen`) builds widgets and forwards what the person does; this class holds
the decisions and talks to a :class:`JournalBackend` (in the app, a
:class:`kapcompanion.storage.journal.JournalStore` on the practice log's connection). It needs
no Qt. Storage problems never lose words: every method that writes answers with an
:class:`Outcome` carrying a message for the person, and the words stay where they were.
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Protocol

from kapcompanion.domain.body_map import Around, BodyMapInputError, Mark, RegionSummary, Sitting
from kapcompanion.domain.journal import (
    Draft,
    EntryGroup,
    EntryHead,
    JournalEntry,
    JournalInputError,
    Prompt,
    clean_text,
    day_words,
    days_since_session,
    edited,
    group_by_session,
    intention_line,
    new_entry,
    phase_for,
    prompt_by_id,
    session_for,
)
from kapcompanion.i18n import N_, _
from kapcompanion.storage import StorageFailure

FREE_HEADING = N_("Your words")
KEPT = N_("Kept.")
DRAFT_KEPT = N_("Your words are kept as a draft; they are waiting at the top of the list.")
LET_GO = N_("The draft is gone.")
DELETED = N_("The entry is gone.")


class JournalBackend(Protocol):
    """What the journal needs of its store."""

    def list_heads(self, limit: int | None = None) -> list[EntryHead]: ...

    def search(self, query: str, limit: int | None = None) -> list[EntryHead]: ...

    def get_entry(self, entry_uuid: str) -> JournalEntry | None: ...

    def add_entry(self, entry: JournalEntry) -> JournalEntry: ...

    def update_entry(self, entry: JournalEntry) -> bool: ...

    def delete_entry(self, entry_uuid: str) -> bool: ...

    def drafts(self) -> list[Draft]: ...

    def save_draft(self, draft: Draft) -> None: ...

    def discard_draft(self, entry_uuid: str) -> bool: ...

    def save_mark(self, mark: Mark) -> Mark: ...

    def delete_mark(self, mark_uuid: str) -> bool: ...

    def marks_for_entry(self, entry_uuid: str) -> list[Mark]: ...

    def summary(self, first: date, last: date) -> dict[str, RegionSummary]: ...

    def around_session(self, session: date, days: int = 7) -> Around: ...

    def session_days(self) -> list[date]: ...

    def intention_for(self, day: date) -> str | None: ...


@dataclass(frozen=True)
class Outcome:
    ok: bool
    message: str = ""


@dataclass(frozen=True)
class Listing:
    """What the list shows: drafts first (with whether each is a new entry), then the entries
    grouped by the session they follow. ``problem``: why it could not all be read."""

    drafts: tuple[tuple[Draft, bool], ...]
    groups: tuple[EntryGroup[EntryHead], ...]
    any_sessions: bool
    query: str = ""
    problem: str = ""


@dataclass
class Editing:
    """One entry open for writing: a new one (``kept_text`` empty) or one kept before."""

    entry_uuid: str
    text: str
    kept_text: str
    prompt: Prompt | None
    intention: str
    from_draft: bool
    sitting: Sitting
    entry: JournalEntry | None = None
    problem: str = ""

    @property
    def is_new(self) -> bool:
        return self.entry is None

    @property
    def heading(self) -> str:
        return _(self.prompt.text) if self.prompt is not None else _(FREE_HEADING)


class Span(Enum):
    """The spans of the body's summary; each value is its name, translated where shown."""

    MONTH = N_("The past month")
    THREE_MONTHS = N_("The past three months")
    YEAR = N_("The past year")
    AROUND = N_("The week before and after the last session")


_SPAN_DAYS = {Span.MONTH: 30, Span.THREE_MONTHS: 91, Span.YEAR: 365}


@dataclass
class _Cache:
    sessions: list[date] | None = None
    drafts: dict[str, Draft] = field(default_factory=dict)


class JournalController:
    """The journal's decisions. ``now`` gives the local time with its zone."""

    def __init__(self, store: JournalBackend, *, now: Callable[[], datetime]) -> None:
        self._store = store
        self._now = now
        self._cache = _Cache()

    # -- reading -----------------------------------------------------------------------------

    def today(self) -> date:
        return self._now().date()

    def session_days(self) -> list[date]:
        if self._cache.sessions is None:
            try:
                self._cache.sessions = self._store.session_days()
            except StorageFailure:
                return []
        return self._cache.sessions

    def forget_sessions(self) -> None:
        """The dates may have changed elsewhere: read them again next time."""
        self._cache.sessions = None

    def listing(self, query: str = "") -> Listing:
        query = clean_text(query)
        sessions = self.session_days()
        try:
            heads = self._store.search(query) if query else self._store.list_heads()
            drafts = self._store.drafts()
        except StorageFailure as failure:
            return Listing((), (), bool(sessions), query, failure.message)
        self._cache.drafts = {d.entry_uuid: d for d in drafts}
        kept = set() if query else {h.uuid for h in heads}
        return Listing(
            # While searching, only entries are listed (their drafts open with them).
            () if query else tuple((d, d.entry_uuid not in kept) for d in drafts),
            tuple(group_by_session(heads, sessions)),
            bool(sessions),
            query,
        )

    def last_session(self) -> date | None:
        return session_for(self.today(), self.session_days())

    def prompts(self) -> tuple[Prompt, ...]:
        return phase_for(days_since_session(self.today(), self.session_days())).prompts

    def prompt_intro(self) -> str:
        """A line above the prompts: where today stands, and that they are only offers."""
        last = self.last_session()
        if last is None:
            return _("Some prompts, if you would like one. Or write freely.")
        phase = phase_for((self.today() - last).days)
        return _(
            "The session of {day}: {phase}. Some prompts, if you would like one. Or write freely."
        ).format(day=day_words(last), phase=_(phase.title).lower())

    # -- writing -----------------------------------------------------------------------------

    def _intention(self, day: date) -> str:
        session = session_for(day, self.session_days())
        if session is None:
            return ""
        try:
            return intention_line(self._store.intention_for(session) or "")
        except StorageFailure:
            return ""

    def start_new(self, prompt_id: str | None = None) -> Editing:
        """A new entry, perhaps from a prompt."""
        entry_uuid = str(uuid_module.uuid4())
        return Editing(
            entry_uuid=entry_uuid,
            text="",
            kept_text="",
            prompt=prompt_by_id(prompt_id),
            intention=self._intention(self.today()),
            from_draft=False,
            sitting=Sitting(entry_uuid=entry_uuid),
        )

    def open(self, entry_uuid: str) -> Editing:
        """An entry kept before, or a draft: its newest words, and the marks made with it."""
        problem = ""
        try:
            entry = self._store.get_entry(entry_uuid)
            marks = self._store.marks_for_entry(entry_uuid)
        except StorageFailure as failure:
            entry, marks, problem = None, [], failure.message
        draft = self._cache.drafts.get(entry_uuid)
        kept_text = entry.text if entry is not None else ""
        prompt_id = entry.prompt_id if entry is not None else (draft.prompt_id if draft else None)
        day = entry.written_on if entry is not None else self.today()
        return Editing(
            entry_uuid=entry_uuid,
            text=draft.text if draft is not None else kept_text,
            kept_text=kept_text,
            prompt=prompt_by_id(prompt_id),
            intention=self._intention(day),
            from_draft=draft is not None,
            sitting=Sitting(entry_uuid=entry_uuid, marks=marks),
            entry=entry,
            problem=problem,
        )

    def keep(self, editing: Editing, text: str) -> Outcome:
        """Keep the words as the entry (a new one, or the entry's new words)."""
        now = self._now()
        try:
            if editing.entry is None:
                entry = self._store.add_entry(
                    new_entry(
                        text,
                        written_at=now,
                        session_days=self.session_days(),
                        prompt_id=editing.prompt.id if editing.prompt else None,
                        entry_uuid=editing.entry_uuid,
                    )
                )
            elif clean_text(text) == editing.entry.text:
                entry = editing.entry
                self._store.discard_draft(entry.uuid)
            else:
                entry = edited(editing.entry, text, at=now)
                self._store.update_entry(entry)
        except JournalInputError as error:
            return Outcome(False, str(error))
        except StorageFailure as failure:
            return Outcome(
                False,
                _("Your words could not be kept just now. {problem}").format(
                    problem=failure.message
                ),
            )
        self._cache.drafts.pop(entry.uuid, None)
        editing.entry, editing.kept_text, editing.text = entry, entry.text, entry.text
        editing.from_draft = False
        return Outcome(True, _(KEPT))

    def has_unkept_words(self, editing: Editing, text: str) -> bool:
        return clean_text(text) != clean_text(editing.kept_text)

    def put_aside(self, editing: Editing, text: str) -> Outcome:
        """Leave the entry for now: words not yet kept become its draft (nothing is lost)."""
        try:
            if not self.has_unkept_words(editing, text) or not clean_text(text):
                if editing.from_draft:
                    self._store.discard_draft(editing.entry_uuid)
                return Outcome(True)
            prompt_id = editing.prompt.id if editing.prompt else None
            self._store.save_draft(Draft(editing.entry_uuid, text, self._now(), prompt_id))
        except StorageFailure as failure:
            return Outcome(
                False,
                _(
                    "Your words could not be kept as a draft just now. {problem} You might copy"
                    " them somewhere before leaving."
                ).format(problem=failure.message),
            )
        return Outcome(True, _(DRAFT_KEPT))

    def let_go(self, editing: Editing) -> Outcome:
        """Let go of the draft: a new entry's words are gone, an edit goes back to what was
        kept."""
        try:
            self._store.discard_draft(editing.entry_uuid)
        except StorageFailure as failure:
            return Outcome(False, failure.message)
        self._cache.drafts.pop(editing.entry_uuid, None)
        editing.text, editing.from_draft = editing.kept_text, False
        return Outcome(True, _(LET_GO))

    # -- deleting ----------------------------------------------------------------------------

    def delete_question(self, entry_uuid: str, is_draft: bool) -> str:
        if is_draft:
            return _("Let go of this draft? Its words cannot be brought back.")
        try:
            entry = self._store.get_entry(entry_uuid)
        except StorageFailure:
            entry = None
        if entry is None:
            return _("Delete the entry? Its words cannot be brought back.")
        return _("Delete the entry from {day}? Its words cannot be brought back.").format(
            day=day_words(entry.written_on)
        )

    def delete(self, entry_uuid: str, is_draft: bool) -> Outcome:
        try:
            if is_draft:
                self._store.discard_draft(entry_uuid)
                self._cache.drafts.pop(entry_uuid, None)
                return Outcome(True, _(LET_GO))
            self._store.delete_entry(entry_uuid)
        except StorageFailure as failure:
            return Outcome(
                False, _("Nothing was deleted. {problem}").format(problem=failure.message)
            )
        return Outcome(True, _(DELETED))

    # -- the body ----------------------------------------------------------------------------

    def save_mark(self, mark: Mark) -> Outcome:
        try:
            self._store.save_mark(mark)
        except (StorageFailure, BodyMapInputError) as problem:
            return Outcome(
                False, _("The mark could not be kept. {problem}").format(problem=problem)
            )
        return Outcome(True)

    def remove_mark(self, mark: Mark) -> Outcome:
        try:
            self._store.delete_mark(mark.uuid)
        except StorageFailure as failure:
            return Outcome(
                False,
                _("The mark could not be taken back. {problem}").format(problem=failure.message),
            )
        return Outcome(True)

    def spans(self) -> list[Span]:
        """The spans the body's summary offers (around a session only when one is noted)."""
        spans = [Span.MONTH, Span.THREE_MONTHS, Span.YEAR]
        return [*spans, Span.AROUND] if self.last_session() is not None else spans

    def summary(self, span: Span) -> tuple[dict[str, RegionSummary], Around | None, str]:
        """(summary of the span, the comparison around the last session or None, problem)."""
        today = self.today()
        try:
            last = self.last_session()
            if span is Span.AROUND and last is not None:
                around = self._store.around_session(last)
                return dict(around.after), around, ""
            days = _SPAN_DAYS.get(span, 30)
            return self._store.summary(today - timedelta(days=days - 1), today), None, ""
        except StorageFailure as failure:
            return {}, None, failure.message
