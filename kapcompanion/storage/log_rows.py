"""The saved log's rows: the SQL that reads and writes practices, and a record as a row.

Shared by the reading side (:mod:`~kapcompanion.storage.log_read`) and the writing side
(:mod:`~kapcompanion.storage.log`) of the saved practice log.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from kapcompanion.domain.practice import Kind, PracticeRecord, Status, StepTime

#: The columns every query of whole practices reads, in this order.
COLUMNS = (
    "id, uuid, kind, ref, status, planned_s, actual_s, rating_before, rating_after, "
    "inputs, note, started_utc, ended_utc, local_date"
)
#: Rows read from the file at a time when a whole range is read (an export).
BATCH = 500


def utc_text(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="microseconds")


def record_from_row(row: Sequence[Any], steps: Sequence[StepTime]) -> PracticeRecord:
    inputs = json.loads(row[9] or "{}")
    answers = {str(k): tuple(str(x) for x in v) for k, v in inputs.get("answers", {}).items()}
    return PracticeRecord(
        uuid=row[1],
        kind=Kind(row[2]),
        ref=row[3],
        status=Status(row[4]),
        planned_s=row[5],
        actual_s=row[6],
        rating_before=row[7],
        rating_after=row[8],
        intention=inputs.get("intention"),
        answers=answers,
        note=row[10],
        started_utc=datetime.fromisoformat(row[11]),
        ended_utc=datetime.fromisoformat(row[12]) if row[12] else None,
        local_date=date.fromisoformat(row[13]),
        steps=tuple(steps),
    )


def record_params(record: PracticeRecord) -> dict[str, Any]:
    inputs: dict[str, Any] = {}
    if record.intention is not None:
        inputs["intention"] = record.intention
    if record.answers:
        inputs["answers"] = {k: list(v) for k, v in record.answers.items()}
    return {
        "uuid": record.uuid,
        "kind": record.kind.value,
        "ref": record.ref,
        "status": record.status.value,
        "planned_s": record.planned_s,
        "actual_s": record.actual_s,
        "rating_before": record.rating_before,
        "rating_after": record.rating_after,
        "inputs": json.dumps(inputs, ensure_ascii=False, separators=(",", ":")),
        "note": record.note,
        "started_utc": utc_text(record.started_utc),
        "ended_utc": utc_text(record.ended_utc) if record.ended_utc else None,
        "local_date": record.local_date.isoformat(),
    }


UPSERT = """
INSERT INTO practices (uuid, kind, ref, status, planned_s, actual_s, rating_before,
                       rating_after, inputs, note, started_utc, ended_utc, local_date)
VALUES (:uuid, :kind, :ref, :status, :planned_s, :actual_s, :rating_before,
        :rating_after, :inputs, :note, :started_utc, :ended_utc, :local_date)
ON CONFLICT (uuid) DO UPDATE SET
    kind = excluded.kind, ref = excluded.ref, status = excluded.status,
    planned_s = excluded.planned_s, actual_s = excluded.actual_s,
    rating_before = excluded.rating_before, rating_after = excluded.rating_after,
    inputs = excluded.inputs, note = excluded.note, started_utc = excluded.started_utc,
    ended_utc = excluded.ended_utc, local_date = excluded.local_date
RETURNING id
"""

INSERT_NEW = """
INSERT INTO practices (uuid, kind, ref, status, planned_s, actual_s, rating_before,
                       rating_after, inputs, note, started_utc, ended_utc, local_date)
VALUES (:uuid, :kind, :ref, :status, :planned_s, :actual_s, :rating_before,
        :rating_after, :inputs, :note, :started_utc, :ended_utc, :local_date)
ON CONFLICT (uuid) DO NOTHING
RETURNING id
"""

INSERT_STEP = """
INSERT INTO practice_steps (practice_id, position, step_id, started_s, duration_s, skipped)
VALUES (?, ?, ?, ?, ?, ?)
"""


def write_steps(conn: sqlite3.Connection, practice_id: int, steps: Sequence[StepTime]) -> None:
    conn.executemany(
        INSERT_STEP,
        [
            (practice_id, i, s.step_id, s.started_s, s.duration_s, int(s.skipped))
            for i, s in enumerate(steps)
        ],
    )


def upsert(conn: sqlite3.Connection, record: PracticeRecord, *, steps_known: bool) -> None:
    (row_id,) = conn.execute(UPSERT, record_params(record)).fetchone()
    if steps_known:
        conn.execute("DELETE FROM practice_steps WHERE practice_id = ?", (row_id,))
        write_steps(conn, row_id, record.steps)


class Filter:
    """The WHERE clause shared by the history queries.

    With ``in_time_order`` the query will walk an index on ``started_utc``: the day range is
    then also given as a slightly wider range of UTC start times (local days begin between
    14 hours before and 12 hours after midnight UTC), which that index can seek to, while the
    exact test on ``local_date`` is kept out of the index choice (the unary ``+``).
    ``where_and(condition)`` adds one more condition.
    """

    def __init__(
        self,
        first: date | None = None,
        last: date | None = None,
        kind: Kind | None = None,
        exclude: Sequence[str] = (),
        *,
        in_time_order: bool = False,
        kind_in_index: bool = True,
    ) -> None:
        parts: list[str] = []
        self.params: list[Any] = []
        day = "+local_date" if in_time_order else "local_date"
        if first is not None:
            parts.append(f"{day} >= ?")
            self.params.append(first.isoformat())
            if in_time_order:
                parts.append("started_utc >= ?")
                self.params.append((first - timedelta(days=1)).isoformat())
        if last is not None:
            parts.append(f"{day} <= ?")
            self.params.append(last.isoformat())
            if in_time_order:
                parts.append("started_utc < ?")
                self.params.append((last + timedelta(days=2)).isoformat())
        if kind is not None:
            # ``+kind`` keeps the kind out of the index choice (for the ratings, whose
            # covering indexes hold the kind but do not begin with it).
            parts.append("kind = ?" if kind_in_index else "+kind = ?")
            self.params.append(Kind(kind).value)
        if exclude:
            parts.append("uuid NOT IN (SELECT value FROM json_each(?))")
            self.params.append(json.dumps(list(exclude)))
        self.where = (" WHERE " + " AND ".join(parts)) if parts else ""

    def where_and(self, condition: str) -> str:
        return f"{self.where} AND {condition}" if self.where else f" WHERE {condition}"


RATED = "(rating_before IS NOT NULL OR rating_after IS NOT NULL)"
RATINGS_PER_DAY = """
SELECT local_date, count(*),
       count(rating_before), total(rating_before),
       count(rating_after), total(rating_after),
       count(rating_before + rating_after),
       total(CASE WHEN rating_after IS NOT NULL THEN rating_before END),
       total(CASE WHEN rating_before IS NOT NULL THEN rating_after END)
FROM practices{where}
GROUP BY local_date
ORDER BY local_date
"""
