"""Made-up practice logs that look like a real person's, for screenshots and benchmarks.

:func:`realistic_year` gives one person's year: practice mostly in the morning or the evening,
weeks with more and weeks with less, a holiday with none, a series of medicine sessions in
spring with a couple of later ones, practice clustered in the days after each session (the
before-dosing and session-close exercises on the day itself), and ratings that are a little
higher after a practice than before it, drifting up slowly over the year.

:func:`heavy_log` gives any number of practices over several years for timing the history
screen with far more data than anyone keeps.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

from kapcompanion.domain.practice import (
    Kind,
    PracticeRecord,
    Status,
    StepTime,
    new_uuid,
)

NOTES = (
    "My shoulders came down a little near the end.",
    "Hard to settle at first. The longer breath out helped.",
    "Felt the warmth of the mug in both hands.",
    "Sleepy, but glad I sat down for it.",
    "Busy head today; the counting gave it something to hold.",
    "Feet on the floor felt solid. Will try this before work.",
    "Noticed I was holding my jaw.",
    "Rain on the window was a good sound to rest on.",
    "Stopped early, and that was fine.",
    "Quieter afterwards than I expected.",
)
INTENTIONS = (
    "To stay curious about whatever shows up.",
    "To be kind to the part of me that is scared.",
    "To let things be as they are for a while.",
    "To notice what my body wants to say.",
)
SEEN = ("the lamp", "a green mug", "the window frame", "my hands", "the plant")
TOUCHED = ("the chair", "my sleeve", "the cool table", "my knee")
HEARD = ("a car outside", "the fridge", "my breath")
FIRST_WORDS = (
    "Heavy and warm, like after a long swim.",
    "Far away at first, then the room came back.",
    "Tired, and somehow lighter.",
    "Tender. I want to be gentle with myself tonight.",
)
READY = ("Water nearby", "Something to eat", "Someone to take me home", "No plans this evening")

BREATHING = (("longer-exhale", 0.45), ("resonance", 0.4), ("cyclic-sigh", 0.15))
EVERYDAY = (
    ("body-scan-10", 0.22),
    ("body-scan-3", 0.22),
    ("five-senses", 0.14),
    ("orienting", 0.14),
    ("weight-and-contact", 0.14),
    ("daily-check-in", 0.08),
    ("containment", 0.06),
)
LENGTHS = {
    "body-scan-10": 600.0,
    "body-scan-20": 1200.0,
    "body-scan-3": 180.0,
    "five-senses": 300.0,
    "orienting": 300.0,
    "weight-and-contact": 240.0,
    "daily-check-in": 180.0,
    "containment": 360.0,
    "before-dosing": 420.0,
    "session-close": 600.0,
}


def _pick(rng: random.Random, choices: tuple[tuple[str, float], ...]) -> str:
    names = [c[0] for c in choices]
    return rng.choices(names, [c[1] for c in choices])[0]


def _clamp(value: float) -> int:
    return max(0, min(10, round(value)))


def _time_of_day(rng: random.Random) -> time:
    slot = rng.random()
    if slot < 0.42:
        hours = rng.gauss(7.6, 0.6)
    elif slot < 0.52:
        hours = rng.gauss(12.8, 0.5)
    else:
        hours = rng.gauss(21.0, 0.8)
    hours = min(23.5, max(5.5, hours))
    minutes = int(hours * 60)
    return time(minutes // 60, minutes % 60, rng.randrange(60))


def _record(
    rng: random.Random,
    day: date,
    zone: tzinfo,
    kind: Kind,
    ref: str,
    planned: float,
    progress: float,
    *,
    lift: float = 0.0,
    at: time | None = None,
) -> PracticeRecord:
    started = datetime.combine(day, at or _time_of_day(rng), zone)
    status = rng.choices([Status.COMPLETED, Status.STOPPED, Status.INTERRUPTED], [0.88, 0.1, 0.02])[
        0
    ]
    actual = planned if status is Status.COMPLETED else round(planned * rng.uniform(0.2, 0.9), 1)
    before = after = None
    if rng.random() < 0.62:
        before = _clamp(rng.gauss(4.2 + 1.6 * progress + lift, 1.4))
        if status is not Status.INTERRUPTED and rng.random() < 0.9:
            after = _clamp(before + rng.gauss(1.2 if status is Status.COMPLETED else 0.5, 0.9))
    steps: tuple[StepTime, ...] = ()
    if kind is Kind.EXERCISE:
        count = rng.randint(4, 9)
        each = actual / count
        steps = tuple(StepTime(f"step-{i + 1}", i * each, each) for i in range(count))
    answers: dict[str, tuple[str, ...]] = {}
    if ref == "five-senses" and rng.random() < 0.5:
        answers = {
            "see": tuple(rng.sample(SEEN, 3)),
            "touch": tuple(rng.sample(TOUCHED, 2)),
            "hear": tuple(rng.sample(HEARD, 1)),
        }
    if ref == "session-close":
        # Chosen by the day, not the random stream, so the rest of the year stays as it was.
        n = day.toordinal()
        answers = {
            "first-words": (FIRST_WORDS[n % len(FIRST_WORDS)],),
            "ready-to-leave": READY[: 2 + n % 3],
        }
    return PracticeRecord(
        uuid=new_uuid(),
        kind=kind,
        ref=ref,
        status=status,
        started_utc=started.astimezone(UTC),
        local_date=day,
        planned_s=planned,
        actual_s=actual,
        ended_utc=(started + timedelta(seconds=actual)).astimezone(UTC),
        rating_before=before,
        rating_after=after,
        intention=rng.choice(INTENTIONS) if ref == "before-dosing" else None,
        answers=answers,
        note=rng.choice(NOTES) if rng.random() < 0.12 else None,
        steps=steps,
    )


def _everyday(rng: random.Random, day: date, zone: tzinfo, progress: float) -> PracticeRecord:
    if rng.random() < 0.55:
        ref = _pick(rng, BREATHING)
        planned = float(rng.choice([180, 300, 300, 300, 600, 600]))
        return _record(rng, day, zone, Kind.BREATHING, ref, planned, progress)
    ref = _pick(rng, EVERYDAY)
    return _record(rng, day, zone, Kind.EXERCISE, ref, LENGTHS[ref], progress)


def session_days(today: date) -> list[date]:
    """A spring series of six sessions, then two later ones."""
    start = today - timedelta(days=364)
    offsets = (52, 63, 74, 88, 102, 123, 206, 299)
    return [start + timedelta(days=o) for o in offsets]


def realistic_year(
    today: date,
    seed: int = 11,
    zone: tzinfo | None = None,
    *,
    recent_session: int | None = None,
) -> tuple[list[PracticeRecord], list[date]]:
    """One person's year of practice up to ``today`` and their medicine-session dates
    (with ``recent_session``, one more session that many days before ``today``)."""
    rng = random.Random(seed)
    zone = zone or timezone(timedelta(hours=1))
    sessions = session_days(today)
    if recent_session is not None:
        sessions.append(today - timedelta(days=recent_session))
    first = today - timedelta(days=364)
    holiday = (first + timedelta(days=160), first + timedelta(days=174))
    records: list[PracticeRecord] = []
    for i in range(365):
        day = first + timedelta(days=i)
        progress = i / 364
        if holiday[0] <= day <= holiday[1]:
            continue
        since = min(((day - s).days for s in sessions if s <= day), default=None)
        if since == 0:
            records.append(
                _record(
                    rng,
                    day,
                    zone,
                    Kind.EXERCISE,
                    "before-dosing",
                    LENGTHS["before-dosing"],
                    progress,
                    lift=-0.8,
                    at=time(9, 40 + rng.randrange(10)),
                )
            )
            records.append(
                _record(
                    rng,
                    day,
                    zone,
                    Kind.EXERCISE,
                    "session-close",
                    LENGTHS["session-close"],
                    progress,
                    lift=0.6,
                    at=time(12, 50 + rng.randrange(8)),
                )
            )
            continue
        # Some weeks are fuller than others; the first weeks are tentative.
        week_mood = 0.75 + 0.5 * random.Random(seed * 1000 + i // 7).random()
        chance = (0.22 + 0.28 * min(1.0, progress * 2.5)) * week_mood
        if since is not None and 1 <= since <= 3:
            chance = 0.9
        elif since is not None and 4 <= since <= 7:
            chance = min(0.9, chance + 0.2)
        if rng.random() < chance:
            records.append(_everyday(rng, day, zone, progress))
            if since is not None and since <= 3 and rng.random() < 0.35:
                records.append(_everyday(rng, day, zone, progress))
    return records, sessions


def heavy_log(
    n: int, today: date, years: int = 5, seed: int = 7, zone: tzinfo | None = None
) -> tuple[list[PracticeRecord], list[date]]:
    """``n`` practices spread evenly over ``years`` years up to ``today``, with a medicine
    session every three weeks (far more than anyone keeps: for timing only)."""
    rng = random.Random(seed)
    zone = zone or timezone(timedelta(hours=1))
    span = years * 365
    first = today - timedelta(days=span - 1)
    records = []
    for _ in range(n):
        day = first + timedelta(days=rng.randrange(span))
        records.append(_everyday(rng, day, zone, rng.random()))
    sessions = [today - timedelta(days=d) for d in range(3, span, 21)]
    return records, sessions
