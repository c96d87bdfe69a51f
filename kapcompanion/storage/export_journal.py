"""The journal and the body map in the log's exports: their JSON form, read back checked, and
their rows in the CSV table.

In a JSON backup (``format_version`` 3) the journal's entries and the body map's marks follow
the practices::

    "journal_entries": [{"uuid": ..., "written_at": "2025-03-13T20:00:00+01:00",
                         "text": "...", "prompt_id": "day3-body" | null,
                         "follows": "2025-03-10" | null, "edited_at": ... | null}, ...],
    "body_marks": [{"uuid": ..., "region": "chest", "at": "2025-03-12T09:00:00+01:00",
                    "sensation": "warmth" | null, "own_word": null | "fizzing",
                    "intensity": 0-10 | null, "entry_uuid": ... | null,
                    "practice_uuid": ... | null}, ...]

Times keep the offset the person lived them in. Each item is checked as the journal checks
what is typed; a bad one names its place ("journal entry 3") and nothing is imported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any, TypeVar

from kapcompanion.domain.body_map import BodyMapInputError, Mark, Sensation, check_mark
from kapcompanion.domain.journal import (
    JournalEntry,
    JournalInputError,
    check_entry,
    check_entry_text,
    check_uuid,
)
from kapcompanion.i18n import _

T = TypeVar("T")

#: Columns the CSV table gains for journal entries and body-map marks (after the practices').
JOURNAL_CSV_COLUMNS = ("text", "felt", "intensity", "follows_session")
JOURNAL_KIND = "journal"
BODY_MAP_KIND = "body-map"


class BadItem(Exception):
    """One item of a backup that cannot be taken in: where, and what is wrong."""

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(problem)


def _iso(when: datetime | None) -> str | None:
    return when.isoformat(timespec="microseconds") if when else None


def entry_to_dict(entry: JournalEntry) -> dict[str, Any]:
    return {
        "uuid": entry.uuid,
        "written_at": _iso(entry.written_at),
        "text": entry.text,
        "prompt_id": entry.prompt_id,
        "follows": entry.follows.isoformat() if entry.follows else None,
        "edited_at": _iso(entry.edited_at),
    }


def mark_to_dict(mark: Mark) -> dict[str, Any]:
    return {
        "uuid": mark.uuid,
        "region": mark.region,
        "at": _iso(mark.at),
        "sensation": mark.sensation.value if mark.sensation else None,
        "own_word": mark.own_word,
        "intensity": mark.intensity,
        "entry_uuid": mark.entry_uuid,
        "practice_uuid": mark.practice_uuid,
    }


def aware_datetime(value: object, name: str, where: str, optional: bool = False) -> datetime | None:
    """``value`` read as a date and time with its time zone, as a backup keeps it (None when
    it may be missing and is); anything else is a :class:`BadItem` naming ``name``."""
    if value is None and optional:
        return None
    if isinstance(value, str):
        try:
            when = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if when.tzinfo is not None:
                return when
    raise BadItem(
        where,
        _("{name} must be a date and time with its time zone, not {value}").format(
            name=repr(name), value=repr(value)
        ),
    )


def _text_or_none(item: dict[str, Any], name: str, where: str) -> str | None:
    value = item.get(name)
    if value is None or isinstance(value, str):
        return value
    raise BadItem(
        where,
        _("{name} must be text or null, not {value}").format(name=repr(name), value=repr(value)),
    )


def entry_from_dict(item: object, where: str) -> JournalEntry:
    if not isinstance(item, dict):
        raise BadItem(where, _("each journal entry must be an object"))
    follows = item.get("follows")
    try:
        day = date.fromisoformat(follows) if isinstance(follows, str) else None
    except ValueError:
        day = None
    if follows is not None and day is None:
        raise BadItem(
            where,
            _("{name} must be a date like 2025-03-01, not {value}").format(
                name=repr("follows"), value=repr(follows)
            ),
        )
    written = aware_datetime(item.get("written_at"), "written_at", where)
    assert written is not None
    try:
        return check_entry(
            JournalEntry(
                uuid=check_uuid(item.get("uuid")),
                written_at=written,
                text=check_entry_text(item.get("text")),
                prompt_id=_text_or_none(item, "prompt_id", where),
                follows=day,
                edited_at=aware_datetime(item.get("edited_at"), "edited_at", where, optional=True),
            )
        )
    except JournalInputError as exc:
        raise BadItem(where, str(exc)) from None


def mark_from_dict(item: object, where: str) -> Mark:
    if not isinstance(item, dict):
        raise BadItem(where, _("each body-map mark must be an object"))
    at = aware_datetime(item.get("at"), "at", where)
    assert at is not None
    raw = item.get("sensation")
    try:
        sensation = Sensation(raw) if raw is not None else None
    except ValueError:
        known = ", ".join(s.value for s in Sensation)
        raise BadItem(
            where,
            _("{name} must be one of {allowed}, not {value}").format(
                name=repr("sensation"), allowed=known, value=repr(raw)
            ),
        ) from None
    try:
        return check_mark(
            Mark(
                uuid=str(item.get("uuid")),
                region=str(item.get("region")),
                at=at,
                sensation=sensation,
                own_word=_text_or_none(item, "own_word", where),
                intensity=item.get("intensity"),
                entry_uuid=_text_or_none(item, "entry_uuid", where),
                practice_uuid=_text_or_none(item, "practice_uuid", where),
            )
        )
    except BodyMapInputError as exc:
        raise BadItem(where, str(exc)) from None


def read_items(value: object, name: str, what: str, read: Callable[[object, str], T]) -> list[T]:
    """The list ``value`` (under ``name``; absent in older backups) read item by item;
    ``what`` names one item in the message of a bad one, with ``{n}`` for its number
    ("journal entry {n}", marked to be translated)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadItem(name, _("it must be a list"))
    out: list[T] = []
    seen: set[str] = set()
    for i, item in enumerate(value):
        where = _(what).format(n=i + 1)
        kept = read(item, where)
        uid = str(getattr(kept, "uuid", ""))
        if uid in seen:
            raise BadItem(where, _("the uuid {uuid} appears twice").format(uuid=uid))
        seen.add(uid)
        out.append(kept)
    return out


def journal_csv_rows(
    entries: Iterable[JournalEntry], marks: Iterable[Mark]
) -> Iterable[dict[str, object]]:
    """The journal's rows for the CSV table: one per entry, then one per mark."""
    for entry in entries:
        yield {
            "uuid": entry.uuid,
            "local_date": entry.written_on.isoformat(),
            "started_utc": entry.written_at.isoformat(),
            "kind": JOURNAL_KIND,
            "ref": entry.prompt_id or "",
            "text": entry.text,
            "follows_session": entry.follows.isoformat() if entry.follows else "",
        }
    for mark in marks:
        yield {
            "uuid": mark.uuid,
            "local_date": mark.day.isoformat(),
            "started_utc": mark.at.isoformat(),
            "kind": BODY_MAP_KIND,
            "ref": mark.region,
            "felt": mark.label,
            "intensity": mark.intensity,
        }
