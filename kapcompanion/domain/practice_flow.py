"""A practice's record through its life: begun, its progress kept, finished, and what the
person adds afterwards.

Each step checks what it is given (see :mod:`kapcompanion.domain.practice`) and returns a new
record; nothing is changed in place and nothing reads a clock.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from kapcompanion.domain.practice import (
    PracticeInputError,
    PracticeRecord,
    Status,
    check_answers,
    check_kind,
    check_rating,
    check_ref,
    check_seconds,
    check_steps,
    check_text,
    new_uuid,
    require_seconds,
)
from kapcompanion.i18n import _

#: While a practice runs, how far it has come is written about this often (seconds of
#: practice), so that a crash loses at most this much of it.
PROGRESS_EVERY_S = 30.0


def _aware(name: str, when: datetime) -> datetime:
    if when.tzinfo is None or when.utcoffset() is None:
        raise PracticeInputError(name, when, _("a date and time with its time zone"))
    return when


def begin_record(
    kind: object,
    ref: object,
    started: datetime,
    *,
    planned_s: object = None,
    rating_before: object = None,
    intention: object = None,
    record_uuid: str | None = None,
) -> PracticeRecord:
    """A new practice in progress. ``started`` is the local wall time with its time zone;
    its calendar day is the day the practice belongs to."""
    started = _aware("started", started)
    return PracticeRecord(
        uuid=record_uuid or new_uuid(),
        kind=check_kind(kind),
        ref=check_ref(ref),
        status=Status.IN_PROGRESS,
        started_utc=started.astimezone(UTC),
        local_date=started.date(),
        planned_s=check_seconds("planned_s", planned_s),
        rating_before=check_rating("rating_before", rating_before),
        intention=check_text("intention", intention),
    )


def with_progress(
    record: PracticeRecord, *, actual_s: object, steps: object = ()
) -> PracticeRecord:
    """The record of a practice still running, with how far it has come (kept so that an
    interrupted practice still shows how long it lasted)."""
    return replace(
        record,
        actual_s=require_seconds("actual_s", actual_s),
        steps=check_steps(steps),
    )


def finish_record(
    record: PracticeRecord,
    ended: datetime,
    *,
    status: object = Status.COMPLETED,
    actual_s: object,
    steps: object = (),
    rating_after: object = None,
    answers: object = None,
    note: object = None,
    intention: object = None,
) -> PracticeRecord:
    """The record of a practice that ended, completed or stopped early.

    ``intention``, ``answers`` and ``note`` replace what the record holds only when they are
    not None (a note may have been written while the practice was running).
    """
    ended = _aware("ended", ended)
    outcome = next((s for s in Status if s.finished and status == s.value), None)
    if outcome is None:
        raise PracticeInputError(
            "status",
            status,
            _("{first} or {second}").format(first=Status.COMPLETED, second=Status.STOPPED),
        )
    kept_intention = check_text("intention", intention)
    kept_note = check_text("note", note)
    return replace(
        record,
        status=outcome,
        ended_utc=ended.astimezone(UTC),
        actual_s=require_seconds("actual_s", actual_s),
        steps=check_steps(steps),
        rating_after=check_rating("rating_after", rating_after),
        answers=check_answers(answers) if answers is not None else record.answers,
        note=kept_note if kept_note is not None else record.note,
        intention=kept_intention if kept_intention is not None else record.intention,
    )


def with_after(
    record: PracticeRecord,
    *,
    rating_after: object = None,
    intention: object = None,
    answers: object = None,
    note: object = None,
) -> PracticeRecord:
    """The record of a practice that has ended, with what the person added afterwards: how
    they feel now and what of their answers they chose to keep.

    The row is finished when the practice ends (so its end time is the real one); this adds
    to it. Each value replaces what the record holds only when it is not None, so a skipped
    question changes nothing.
    """
    rating = check_rating("rating_after", rating_after)
    kept_intention = check_text("intention", intention)
    kept_answers = check_answers(answers) if answers is not None else None
    kept_note = check_text("note", note)
    return replace(
        record,
        rating_after=rating if rating is not None else record.rating_after,
        intention=kept_intention if kept_intention is not None else record.intention,
        answers=kept_answers if kept_answers is not None else record.answers,
        note=kept_note if kept_note is not None else record.note,
    )


def with_words_forgotten(record: PracticeRecord, note: object = None) -> PracticeRecord:
    """The record without the intention and answers the person chose not to keep, its note
    set back to ``note``."""
    return replace(record, intention=None, answers={}, note=check_text("note", note))


def with_note(record: PracticeRecord, note: object) -> PracticeRecord:
    """The record with its note replaced (None or blank text removes it)."""
    return replace(record, note=check_text("note", note))


def interrupted(record: PracticeRecord) -> PracticeRecord:
    """A record left running by a crash, as it is kept afterwards."""
    if record.status is not Status.IN_PROGRESS:
        return record
    return replace(record, status=Status.INTERRUPTED)


def next_progress_in(elapsed_s: float, saved_s: float, every_s: float = PROGRESS_EVERY_S) -> float:
    """Seconds of practice until its progress is next due to be written (0 when due now):
    ``every_s`` after the last time written (``saved_s``)."""
    return max(0.0, saved_s + every_s - elapsed_s)
