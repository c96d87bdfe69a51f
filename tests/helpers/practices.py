"""A small practice log for the history's and the summary's tests: a few weeks of practice
around two medicine sessions, with ratings, a note and two exercises."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from kapcompanion.domain.practice import Kind, PracticeRecord, Status, new_uuid

TODAY = date(2026, 3, 18)  # a Wednesday
ZONE = timezone(timedelta(hours=1))


def practice(
    day: date,
    minutes: float,
    *,
    kind: Kind = Kind.BREATHING,
    ref: str = "resonance",
    hour: int = 8,
    before: int | None = None,
    after: int | None = None,
    note: str | None = None,
    status: Status = Status.COMPLETED,
) -> PracticeRecord:
    started = datetime(day.year, day.month, day.day, hour, 0, tzinfo=ZONE)
    return PracticeRecord(
        uuid=new_uuid(),
        kind=kind,
        ref=ref,
        status=status,
        started_utc=started.astimezone(UTC),
        local_date=day,
        planned_s=minutes * 60,
        actual_s=minutes * 60,
        ended_utc=(started + timedelta(minutes=minutes)).astimezone(UTC),
        rating_before=before,
        rating_after=after,
        note=note,
    )


SESSIONS = [TODAY - timedelta(days=20), TODAY - timedelta(days=3)]
RECORDS = [
    practice(TODAY - timedelta(days=30), 10, before=3, after=5),
    practice(TODAY - timedelta(days=19), 5, before=4, after=6),
    practice(TODAY - timedelta(days=19), 3, kind=Kind.EXERCISE, ref="body-scan-3", hour=20),
    practice(TODAY - timedelta(days=2), 5, before=5, after=7, note="Warm hands."),
    practice(TODAY - timedelta(days=1), 10, kind=Kind.EXERCISE, ref="five-senses", after=8),
    practice(TODAY, 5, hour=7),
    practice(TODAY - timedelta(days=200), 20),  # outside the default range
]
