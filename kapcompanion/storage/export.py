"""Export and backup of the practice log: CSV and JSON out, JSON back in.

Exports are written 0600, all or nothing (see :mod:`kapcompanion.storage.files`). A JSON
export is also a backup: importing it into any log adds the practices that log does not have
yet (matched by their UUID), so importing the same backup twice adds nothing. An import is
checked completely before anything is written; a bad file names the place and the problem and
changes nothing.

The JSON layout (``format_version`` 3)::

    {"format": "kapcompanion-practice-log", "format_version": 2,
     "exported_utc": "...", "first": null, "last": null,
     "medicine_sessions": ["2025-03-01", ...],
     "practices": [{"uuid": ..., "kind": "breathing", "ref": "resonance", ...,
                    "answers": {"first-words": ["heavy and warm"], "see": ["the lamp"]},
                    ...}, ...],
     "journal_entries": [...], "body_marks": [...]}

Format 3 adds the journal's entries and the body map's marks (see
:mod:`~kapcompanion.storage.export_journal`), so a version that cannot take them in says the
backup comes from a newer version instead of leaving them out unsaid. Format 2 differs from 1
only in what ``answers`` may hold: the kept answers of any exercise input, by its key, where
format 1 held only the senses of 5-4-3-2-1. All three are imported.

The CSV table lists the journal too: one row per entry (kind ``journal``, its words in
``text``) and one per body-map mark (kind ``body-map``, the region in ``ref``, what was felt
in ``felt``), after the practices.

CSV is for reading in a spreadsheet: dates and times on this computer's clock, minutes rounded
to a tenth, one column per answer. A spreadsheet runs a cell that begins with ``=``,
``+``, ``-`` or ``@`` (or with a tab or a carriage return before one) as a formula. So every
text cell whose first character (after any spaces) is one of ``= + - @``, a tab or a carriage
return is written with a leading apostrophe: the spreadsheet shows it as plain text, with the
apostrophe in front. Numbers are written as numbers. The JSON backup keeps every text exactly
as it was; it is the file to import.
"""

from __future__ import annotations

import csv
import json
import unicodedata
import uuid as uuidlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from kapcompanion.domain.body_map import Mark
from kapcompanion.domain.journal import JournalEntry
from kapcompanion.domain.limits import day_in_range, days_range_words
from kapcompanion.domain.practice import (
    PracticeInputError,
    PracticeRecord,
    Status,
    StepTime,
    check_answers,
    check_kind,
    check_rating,
    check_ref,
    check_seconds,
    check_steps,
    check_text,
)
from kapcompanion.i18n import N_, _

from .base import ImportResult, PracticeStore
from .errors import ImportFormatError
from .export_journal import (
    JOURNAL_CSV_COLUMNS,
    BadItem,
    aware_datetime,
    entry_from_dict,
    entry_to_dict,
    journal_csv_rows,
    mark_from_dict,
    mark_to_dict,
    read_items,
)
from .export_write import export_failed as export_failed
from .export_write import write_export as write_export
from .files import private_text_file
from .journal_open import journal_for
from .safe_read import FileFormatError, UnsafeFileError, decode_text, parse_json, read_limited

FORMAT = "kapcompanion-practice-log"
FORMAT_VERSION = 3
#: What a spreadsheet may take as the start of a formula (see the module's description).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: The CSV's columns before the answers (one column each, by key) and the practice's id.
#: The headings are for people, in the language in use; the cells hold the log's own values.
CSV_COLUMNS = (
    N_("Date"),
    N_("Start"),
    N_("End"),
    N_("Kind"),
    N_("Practice"),
    N_("How it ended"),
    N_("Planned (min)"),
    N_("Practised (min)"),
    N_("Settled before (0-10)"),
    N_("Settled after (0-10)"),
    N_("Intention"),
    N_("Note"),
)
#: The journal's own columns, after the answers, in the order of ``JOURNAL_CSV_COLUMNS``.
JOURNAL_COLUMNS = (N_("Words written"), N_("Felt"), N_("Intensity"), N_("After the session of"))
#: The heading of an answer's column: "Answer: see".
ANSWER_COLUMN = N_("Answer: {key}")
#: The last column: the practice's id, as in the JSON backup.
ID_COLUMN = "uuid"
#: Several texts kept for one answer share its cell, in this order, between these.
ANSWER_JOIN = "; "


def _utc(when: datetime | None) -> str | None:
    return when.astimezone(UTC).isoformat(timespec="microseconds") if when else None


def record_to_dict(record: PracticeRecord) -> dict[str, Any]:
    return {
        "uuid": record.uuid,
        "kind": record.kind.value,
        "ref": record.ref,
        "status": record.status.value,
        "local_date": record.local_date.isoformat(),
        "started_utc": _utc(record.started_utc),
        "ended_utc": _utc(record.ended_utc),
        "planned_s": record.planned_s,
        "actual_s": record.actual_s,
        "rating_before": record.rating_before,
        "rating_after": record.rating_after,
        "intention": record.intention,
        "answers": {k: list(v) for k, v in record.answers.items()},
        "note": record.note,
        "steps": [
            {
                "step_id": s.step_id,
                "started_s": s.started_s,
                "duration_s": s.duration_s,
                "skipped": s.skipped,
            }
            for s in record.steps
        ],
    }


def _sessions_in(store: PracticeStore, first: date | None, last: date | None) -> list[date]:
    return [
        d
        for d in store.session_dates()
        if (first is None or d >= first) and (last is None or d <= last)
    ]


#: What could not be written, by the ``what`` of :func:`export_failed`: whole sentences.
def export_json(
    store: PracticeStore, target: Path, first: date | None = None, last: date | None = None
) -> int:
    """Write every practice (or those from ``first`` to ``last``), the medicine-session dates
    and the journal's entries and marks of those dates as JSON to ``target`` (0600). Returns
    the number of practices written."""
    target = Path(target)
    journal = journal_for(store)
    header = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_utc": _utc(datetime.now(UTC)),
        "first": first.isoformat() if first else None,
        "last": last.isoformat() if last else None,
        "medicine_sessions": [d.isoformat() for d in _sessions_in(store, first, last)],
    }
    count = 0
    try:
        with private_text_file(target) as out:
            out.write(json.dumps(header, ensure_ascii=False)[:-1] + ',\n"practices": [')
            for record in store.iter_records(first, last):
                out.write(",\n" if count else "\n")
                out.write(json.dumps(record_to_dict(record), ensure_ascii=False))
                count += 1
            out.write('\n],\n"journal_entries": [')
            for i, entry in enumerate(journal.all_entries(first, last)):
                out.write(",\n" if i else "\n")
                out.write(json.dumps(entry_to_dict(entry), ensure_ascii=False))
            out.write('\n],\n"body_marks": [')
            for i, mark in enumerate(journal.marks(first or date.min, last or date.max)):
                out.write(",\n" if i else "\n")
                out.write(json.dumps(mark_to_dict(mark), ensure_ascii=False))
            out.write("\n]}\n")
    except OSError as exc:
        raise export_failed(target, exc) from exc
    return count


def write_records_json(records: Iterable[PracticeRecord], target: Path) -> int:
    """Write ``records`` as a JSON backup to ``target`` (0600, all or nothing), to be imported
    later: practice that could not be saved to the log, kept elsewhere before closing."""
    target = Path(target)
    header = {"format": FORMAT, "format_version": FORMAT_VERSION}
    header["exported_utc"] = _utc(datetime.now(UTC))
    count = 0
    try:
        with private_text_file(target) as out:
            out.write(json.dumps(header, ensure_ascii=False)[:-1] + ',\n"practices": [')
            for record in records:
                out.write(",\n" if count else "\n")
                out.write(json.dumps(record_to_dict(record), ensure_ascii=False))
                count += 1
            out.write("\n]}\n")
    except OSError as exc:
        raise export_failed(target, exc) from exc
    return count


def _formula_like(text: str) -> bool:
    """Whether a spreadsheet might take ``text`` for a formula: it begins with a formula sign,
    in any width (fullwidth ``＝``), perhaps after spaces of any kind (a no-break or an
    ideographic space), line breaks or invisible characters; or it begins with a tab or a
    line break."""
    if text[:1] in ("\t", "\r", "\n"):
        return True
    for ch in text:
        if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf"):
            continue
        return unicodedata.normalize("NFKC", ch)[:1] in FORMULA_STARTS
    return False


def csv_safe(value: object) -> object:
    """A cell value a spreadsheet will not run: text that could start a formula gets a
    leading apostrophe; anything else (numbers, other text) is returned as it is."""
    if isinstance(value, str) and _formula_like(value):
        return "'" + value
    return value


def _local_time(when: datetime | None) -> str:
    """The time of day on this computer's clock ("14:05"); "" when not known."""
    return when.astimezone().strftime("%H:%M") if when is not None else ""


def _minutes(seconds: float | None) -> float | str:
    return round(seconds / 60.0, 1) if seconds is not None else ""


def _csv_row(record: PracticeRecord, answer_keys: list[str]) -> list[Any]:
    cells: list[Any] = [
        record.local_date.isoformat(),
        _local_time(record.started_utc),
        _local_time(record.ended_utc),
        record.kind.value,
        record.ref,
        record.status.value,
        _minutes(record.planned_s),
        _minutes(record.actual_s),
        record.rating_before,
        record.rating_after,
        record.intention,
        record.note,
    ]
    cells += [ANSWER_JOIN.join(record.answers.get(key, ())) for key in answer_keys]
    cells += [""] * len(JOURNAL_COLUMNS)
    cells.append(record.uuid)
    return ["" if c is None else csv_safe(c) for c in cells]


def _journal_row(row: Mapping[str, Any], answer_keys: list[str]) -> list[Any]:
    """A journal entry or a body-map mark in the same table: its date and time, its kind, its
    prompt or region under Practice, and its own columns."""
    written = row.get("started_utc")
    when = datetime.fromisoformat(str(written)) if written else None
    cells: list[Any] = [
        row.get("local_date"),
        _local_time(when),
        "",
        row.get("kind"),
        row.get("ref"),
    ]
    cells += [""] * (len(CSV_COLUMNS) - len(cells) + len(answer_keys))
    cells += [row.get(key, "") for key in JOURNAL_CSV_COLUMNS]
    cells.append(row.get("uuid"))
    return ["" if c is None else csv_safe(c) for c in cells]


def export_csv(
    store: PracticeStore, target: Path, first: date | None = None, last: date | None = None
) -> int:
    """Write the practices as a table for a spreadsheet (one row each, with a header) to
    ``target`` (0600): the local date and times, minutes rounded to a tenth, and one column per
    answer (texts kept for one answer share its cell). Text that a spreadsheet could take for a
    formula starts with an apostrophe (see :func:`csv_safe`). The journal's entries and body-map
    marks of the same dates follow, each in a row of its own. The JSON backup keeps everything
    exactly, per-step times too. Returns the number of practices."""
    target = Path(target)
    journal = journal_for(store)
    keys: set[str] = set()
    for record in store.iter_records(first, last):
        keys.update(record.answers)
    answer_keys = sorted(keys)
    count = 0
    try:
        with private_text_file(target, newline="") as out:
            writer = csv.writer(out)
            writer.writerow(
                [
                    *(_(c) for c in CSV_COLUMNS),
                    *(_(ANSWER_COLUMN).format(key=k) for k in answer_keys),
                    *(_(c) for c in JOURNAL_COLUMNS),
                    ID_COLUMN,
                ]
            )
            for record in store.iter_records(first, last):
                writer.writerow(_csv_row(record, answer_keys))
                count += 1
            entries = journal.all_entries(first, last)
            marks = journal.marks(first or date.min, last or date.max)
            for row in journal_csv_rows(entries, marks):
                writer.writerow(_journal_row(row, answer_keys))
    except OSError as exc:
        raise export_failed(target, exc) from exc
    return count


# --- import -------------------------------------------------------------------------------


_Bad = BadItem  # one item of a backup that cannot be taken in, practice or journal alike


def _field(item: Mapping[str, Any], name: str, where: str) -> Any:
    if name not in item:
        raise _Bad(where, _("the field {name} is missing").format(name=repr(name)))
    return item[name]


def _out_of_range(name: str, where: str, value: object) -> _Bad:
    return _Bad(
        where,
        _("{name} is {value}, outside the days a practice may be on ({days})").format(
            name=repr(name), value=repr(value), days=days_range_words()
        ),
    )


def _datetime(value: object, name: str, where: str, optional: bool = False) -> datetime | None:
    """A backup's date and time, in UTC and within the days a practice may be on."""
    when = aware_datetime(value, name, where, optional)
    if when is None:
        return None
    try:
        when = when.astimezone(UTC)
    except OverflowError:
        raise _out_of_range(name, where, value) from None
    if not day_in_range(when.date()):
        raise _out_of_range(name, where, value)
    return when


def _date(value: object, name: str, where: str) -> date:
    if isinstance(value, str):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if not day_in_range(day):
                raise _out_of_range(name, where, value)
            return day
    raise _Bad(
        where,
        _("{name} must be a date like 2025-03-01, not {value}").format(
            name=repr(name), value=repr(value)
        ),
    )


def _steps(value: object, where: str) -> tuple[StepTime, ...]:
    if not isinstance(value, list):
        raise _Bad(where, _("{name} must be a list").format(name=repr("steps")))
    steps = []
    for i, step in enumerate(value):
        if not isinstance(step, dict):
            raise _Bad(where, _("{name} must be an object").format(name=f"steps[{i}]"))
        skipped = step.get("skipped", False)
        if not isinstance(skipped, bool):
            raise _Bad(where, _("{name} must be true or false").format(name=f"steps[{i}].skipped"))
        steps.append(
            StepTime(
                _field(step, "step_id", where),
                _field(step, "started_s", where),
                _field(step, "duration_s", where),
                skipped,
            )
        )
    return check_steps(steps)


def record_from_dict(item: object, where: str = "") -> PracticeRecord:
    """A practice record from its JSON form, checked field by field."""
    if not isinstance(item, dict):
        raise _Bad(where, _("each practice must be an object"))
    try:
        raw_uuid = _field(item, "uuid", where)
        try:
            record_uuid = str(uuidlib.UUID(str(raw_uuid)))
        except ValueError:
            raise _Bad(
                where,
                _("{name} must be a UUID, not {value}").format(
                    name=repr("uuid"), value=repr(raw_uuid)
                ),
            ) from None
        raw_status = _field(item, "status", where)
        status = next((s for s in Status if s.value == raw_status), None)
        if status is None:
            allowed = ", ".join(s.value for s in Status)
            raise _Bad(
                where,
                _("{name} must be one of {allowed}, not {value}").format(
                    name=repr("status"), allowed=allowed, value=repr(raw_status)
                ),
            )
        started = _datetime(_field(item, "started_utc", where), "started_utc", where)
        if started is None:
            raise _Bad(where, _("{name} is missing").format(name=repr("started_utc")))
        ended = _datetime(item.get("ended_utc"), "ended_utc", where, optional=True)
        if ended is not None and ended < started:
            raise _Bad(
                where,
                _("it ends ({end}) before it starts ({start})").format(
                    end=item.get("ended_utc"), start=item.get("started_utc")
                ),
            )
        return PracticeRecord(
            uuid=record_uuid,
            kind=check_kind(_field(item, "kind", where)),
            ref=check_ref(_field(item, "ref", where)),
            status=status,
            started_utc=started,
            local_date=_date(_field(item, "local_date", where), "local_date", where),
            ended_utc=ended,
            planned_s=check_seconds("planned_s", item.get("planned_s")),
            actual_s=check_seconds("actual_s", item.get("actual_s")),
            rating_before=check_rating("rating_before", item.get("rating_before")),
            rating_after=check_rating("rating_after", item.get("rating_after")),
            intention=check_text("intention", item.get("intention")),
            answers=check_answers(item.get("answers") or {}),
            note=check_text("note", item.get("note")),
            steps=_steps(item.get("steps", []), where),
        )
    except PracticeInputError as exc:
        raise _Bad(
            where,
            _("{name} is not accepted ({allowed})").format(
                name=repr(exc.field), allowed=exc.allowed
            ),
        ) from None


#: A backup of years of daily practice is a few megabytes; this leaves room for far more.
MAX_BACKUP_BYTES = 256 * 1024 * 1024


def _line_of(text: str, item: object) -> int | None:
    """The line of ``text`` where the practice ``item`` (found by its uuid) begins."""
    raw = item.get("uuid") if isinstance(item, dict) else None
    if not isinstance(raw, str) or not raw:
        return None
    at = text.find(json.dumps(raw))
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def read_backup(source: Path) -> tuple[list[PracticeRecord], list[date]]:
    """Read and check a JSON backup completely; raises :class:`ImportFormatError`."""
    backup = read_whole_backup(source)
    return backup.records, backup.days


@dataclass(frozen=True)
class Backup:
    """What a backup holds, every item checked."""

    records: list[PracticeRecord]
    days: list[date]
    entries: list[JournalEntry] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)


def read_whole_backup(source: Path) -> Backup:
    """Read and check a JSON backup completely, the journal too; raises
    :class:`ImportFormatError`.

    The file is read safely (a pipe, a device or a file over :data:`MAX_BACKUP_BYTES` is
    refused before reading; a byte-order mark is allowed; deep nesting is refused)."""
    source = Path(source)
    try:
        text = decode_text(source, read_limited(source, MAX_BACKUP_BYTES, follow_links=True))
        data = parse_json(source, text)
    except UnsafeFileError as exc:
        raise ImportFormatError(source, "", _("it {reason}").format(reason=exc.reason)) from None
    except FileFormatError as exc:
        raise ImportFormatError(source, exc.where, exc.cause) from None
    except OSError as exc:
        raise ImportFormatError(
            source, "", _("it could not be read ({why})").format(why=exc.strerror)
        ) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFormatError(source, "", _("it is not a kapcompanion practice backup"))
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFormatError(
            source,
            "format_version",
            _("{value} is not a known version").format(value=repr(version)),
        )
    if version > FORMAT_VERSION:
        raise ImportFormatError(
            source,
            "format_version",
            _(
                "it was made by a newer version of kapcompanion (format {version}); "
                "you might import it with that version"
            ).format(version=version),
        )
    practices = data.get("practices")
    sessions = data.get("medicine_sessions", [])
    if not isinstance(practices, list):
        raise ImportFormatError(source, "practices", _("there is no list of practices"))
    if not isinstance(sessions, list):
        raise ImportFormatError(source, "medicine_sessions", _("it must be a list of dates"))
    records = []
    seen: set[str] = set()
    try:
        for i, item in enumerate(practices):
            line = _line_of(text, item)
            where = (
                _("practice {n}, line {line}").format(n=i + 1, line=line)
                if line
                else _("practice {n}").format(n=i + 1)
            )
            record = record_from_dict(item, where)
            if record.uuid in seen:
                raise _Bad(where, _("the uuid {uuid} appears twice").format(uuid=record.uuid))
            seen.add(record.uuid)
            records.append(record)
        days = [
            _date(d, "medicine_sessions", _("session {n}").format(n=i + 1))
            for i, d in enumerate(sessions)
        ]
        entries = read_items(
            data.get("journal_entries"),
            "journal_entries",
            N_("journal entry {n}"),
            entry_from_dict,
        )
        marks = read_items(
            data.get("body_marks"), "body_marks", N_("body-map mark {n}"), mark_from_dict
        )
    except BadItem as bad:
        raise ImportFormatError(source, bad.where, bad.problem) from None
    return Backup(records, days, entries, marks)


def import_json(store: PracticeStore, source: Path) -> ImportResult:
    """Merge a JSON backup into ``store``: practices whose UUID is new are added (all in one
    transaction), the others are left as they are; then the journal's entries and marks
    whose UUID is new (in one more transaction)."""
    backup = read_whole_backup(source)
    result = store.merge_records(backup.records, backup.days)
    if not backup.entries and not backup.marks:
        return result
    entries, marks = journal_for(store).merge(backup.entries, backup.marks)
    return replace(result, journal_added=entries, marks_added=marks)


def iter_csv_rows(source: Path) -> Iterator[dict[str, str]]:
    """Read an exported CSV back as rows of text (for checking an export by eye or in tests)."""
    with open(source, encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)
