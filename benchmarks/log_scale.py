"""How the practice log holds up with 100,000 practices.

A log is filled with --practices synthetic practices spread over five years (about 55 a day:
far more than anyone practises, so a year of history is a heavy year), then measured:

- bulk_load_s: adding them all through merge_records (the import path, one transaction);
- open_ms: opening the full log (lock, header check, quick_check, marking interrupted ones);
- insert_ms: one practice written the way the app writes it, start_practice then
  finish_practice with three step times and a note (two transactions, each synchronous=FULL in
  WAL): p50, p99 and max over --inserts practices; progress_ms: one record_progress while it
  runs (every 30 s of practice); after_ms: record_after, the after rating and two kept answers
  added to the finished row (one more transaction);
- the queries the history screen needs, median and max of --repeats runs, in ms:
  minutes per day for the last 365 days, minutes per week for that year, ratings over time for
  that year and for all time (also of one kind), ratings summed per day for that year and for
  all time (also of one kind), the first page of the list (50, newest first; also filtered to
  one kind), the count for the pager, and the days practised this week;
- export_json_s / export_csv_s (everything), and import_json_s of that JSON into an empty log;
- plans: SQLite's query plan for each history query, to show which index serves it.

Usage: python benchmarks/log_scale.py [--practices 100000] [--inserts 300] [--repeats 15]
The last line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kapcompanion.domain.clock import MonotonicClock  # noqa: E402
from kapcompanion.domain.practice import (  # noqa: E402
    Kind,
    PracticeRecord,
    Status,
    StepTime,
    new_uuid,
)
from kapcompanion.storage import open_log  # noqa: E402
from kapcompanion.storage.export import export_csv, export_json, import_json  # noqa: E402

LOCAL = timezone(timedelta(hours=1))
TODAY = date(2025, 12, 31)
YEARS = 5


def synthetic(n: int, rng: random.Random) -> list[PracticeRecord]:
    first = datetime(TODAY.year - YEARS + 1, 1, 1, tzinfo=LOCAL)
    span = (datetime(TODAY.year, 12, 31, 22, tzinfo=LOCAL) - first).total_seconds()
    records = []
    for _ in range(n):
        started = first + timedelta(seconds=rng.uniform(0, span))
        kind = Kind.BREATHING if rng.random() < 0.6 else Kind.EXERCISE
        planned = rng.choice([60.0, 180.0, 300.0, 600.0, 1200.0])
        status = rng.choices(
            [Status.COMPLETED, Status.STOPPED, Status.INTERRUPTED], [0.85, 0.12, 0.03]
        )[0]
        actual = planned if status is Status.COMPLETED else round(rng.uniform(5, planned), 3)
        steps: tuple[StepTime, ...] = ()
        if kind is Kind.EXERCISE:
            count = rng.randint(2, 6)
            each = actual / count
            steps = tuple(StepTime(f"step-{i}", i * each, each) for i in range(count))
        answers = {}
        if kind is Kind.EXERCISE and rng.random() < 0.2:
            answers = {
                "first-words": ("heavy and warm",),
                "ready-to-leave": ("Water nearby", "Someone to take me home"),
                "settled": (str(rng.randint(0, 10)),),
            }
        records.append(
            PracticeRecord(
                uuid=new_uuid(),
                kind=kind,
                ref="resonance" if kind is Kind.BREATHING else "five-four-three-two-one",
                status=status,
                started_utc=started.astimezone(UTC),
                local_date=started.date(),
                planned_s=planned,
                actual_s=actual,
                ended_utc=(started + timedelta(seconds=actual)).astimezone(UTC),
                rating_before=rng.randint(0, 10) if rng.random() < 0.4 else None,
                rating_after=rng.randint(0, 10) if rng.random() < 0.4 else None,
                intention="to arrive" if rng.random() < 0.1 else None,
                answers=answers,
                note="a few words about how it went" if rng.random() < 0.15 else None,
                steps=steps,
            )
        )
    return records


def timed(fn: Callable[[], object], repeats: int) -> dict[str, float]:
    fn()  # warm the page cache and SQLite's statement cache
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return {"median_ms": round(statistics.median(times), 2), "max_ms": round(max(times), 2)}


def plan(db: Path, sql: str, params: tuple) -> str:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
    finally:
        conn.close()
    return " | ".join(r[-1] for r in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practices", type=int, default=100_000)
    parser.add_argument("--inserts", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    rng = random.Random(7)

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "practice-log.sqlite3"
        records = synthetic(args.practices, rng)

        log = open_log(db, clock=MonotonicClock())
        t0 = time.perf_counter()
        log.merge_records(records, [TODAY - timedelta(days=d) for d in range(0, 1800, 21)])
        bulk_load_s = time.perf_counter() - t0
        log.close()
        del records  # measure the app as it runs, not with 100,000 records held in memory
        gc.collect()
        print(f"loaded {args.practices} practices in {bulk_load_s:.1f} s", file=sys.stderr)

        t0 = time.perf_counter()
        log = open_log(db, clock=MonotonicClock())
        open_ms = (time.perf_counter() - t0) * 1000

        inserts, progress, after = [], [], []
        for i in range(args.inserts):
            t0 = time.perf_counter()
            pid = log.start_practice("exercise", "session-close", planned_s=300, rating_before=4)
            t1 = time.perf_counter()
            log.record_progress(pid, actual_s=30.0)
            t2 = time.perf_counter()
            log.finish_practice(
                pid,
                actual_s=300,
                steps=[
                    StepTime("settle", 0, 60),
                    StepTime("pace", 60, 200),
                    StepTime("end", 260, 40),
                ],
                note=f"practice {i}",
            )
            t3 = time.perf_counter()
            log.record_after(
                pid,
                rating_after=7,
                answers={"first-words": ["heavy and warm"], "ready-to-leave": ["Water", "A ride"]},
            )
            t4 = time.perf_counter()
            inserts.append((t1 - t0 + t3 - t2) * 1000)
            progress.append((t2 - t1) * 1000)
            after.append((t4 - t3) * 1000)

        def spread(values: list[float]) -> dict[str, float]:
            values = sorted(values)
            return {
                "p50": round(statistics.median(values), 2),
                "p99": round(values[min(len(values) - 1, int(len(values) * 0.99))], 2),
                "max": round(values[-1], 2),
            }

        insert_ms, progress_ms, after_ms = spread(inserts), spread(progress), spread(after)
        print(f"insert start+finish: {insert_ms}", file=sys.stderr)
        print(f"progress: {progress_ms}; after: {after_ms}", file=sys.stderr)

        year_first = TODAY - timedelta(days=364)
        queries = {
            "minutes_per_day_year": lambda: log.minutes_per_day(year_first, TODAY),
            "minutes_per_week_year": lambda: log.minutes_per_week(year_first, TODAY),
            "ratings_year": lambda: log.ratings_over_time(year_first, TODAY),
            "ratings_all": lambda: log.ratings_over_time(),
            "ratings_year_exercises": lambda: log.ratings_over_time(
                year_first, TODAY, Kind.EXERCISE
            ),
            "ratings_per_day_year": lambda: log.ratings_per_day(year_first, TODAY),
            "ratings_per_day_all": lambda: log.ratings_per_day(),
            "ratings_per_day_all_exercises": lambda: log.ratings_per_day(kind=Kind.EXERCISE),
            "list_first_page": lambda: log.list_practices(),
            "list_first_page_exercises": lambda: log.list_practices(kind=Kind.EXERCISE),
            "list_first_page_year_range": lambda: log.list_practices(first=year_first, last=TODAY),
            "count_all": lambda: log.count_practices(),
            "days_practised_this_week": lambda: log.days_practised_in_week(TODAY),
        }
        query_ms = {name: timed(fn, args.repeats) for name, fn in queries.items()}
        sizes = {
            "ratings_year_points": len(log.ratings_over_time(year_first, TODAY)),
            "ratings_all_points": len(log.ratings_over_time()),
            "ratings_all_days": len(log.ratings_per_day()),
            "practices_in_year": log.count_practices(first=year_first, last=TODAY),
        }
        for name, q in query_ms.items():
            print(f"{name}: {q}", file=sys.stderr)

        # The statements PracticeLog runs for these queries (see storage/log_rows.py, Filter).
        from kapcompanion.storage.log_rows import RATED, RATINGS_PER_DAY, Filter

        def ratings_plan(kind: Kind | None, first: date | None, per_day: bool) -> str:
            last = TODAY if first is not None else None
            if per_day:
                flt = Filter(first, last, kind, kind_in_index=False)
                sql = RATINGS_PER_DAY.format(where=flt.where_and(RATED))
            else:
                flt = Filter(first, last, kind, in_time_order=True, kind_in_index=False)
                sql = (
                    "SELECT uuid, started_utc, local_date, rating_before, rating_after "
                    f"FROM practices{flt.where_and(RATED)} ORDER BY started_utc, uuid"
                )
            return plan(db, sql, tuple(flt.params))

        y = (year_first.isoformat(), TODAY.isoformat())
        y_time = (
            year_first.isoformat(),
            (year_first - timedelta(days=1)).isoformat(),
            TODAY.isoformat(),
            (TODAY + timedelta(days=2)).isoformat(),
        )
        in_year = "+local_date >= ? AND started_utc >= ? AND +local_date <= ? AND started_utc < ?"
        page = "ORDER BY started_utc DESC, uuid DESC LIMIT 50 OFFSET 0"
        plans = {
            "minutes_per_day": plan(
                db,
                "SELECT local_date, total(actual_s) FROM practices "
                "WHERE local_date >= ? AND local_date <= ? GROUP BY local_date",
                y,
            ),
            "ratings_year": ratings_plan(None, year_first, per_day=False),
            "ratings_all": ratings_plan(None, None, per_day=False),
            "ratings_year_exercises": ratings_plan(Kind.EXERCISE, year_first, per_day=False),
            "ratings_per_day_year": ratings_plan(None, year_first, per_day=True),
            "ratings_per_day_all_exercises": ratings_plan(Kind.EXERCISE, None, per_day=True),
            "list_first_page": plan(db, f"SELECT * FROM practices {page}", ()),
            "list_kind": plan(db, f"SELECT * FROM practices WHERE kind = ? {page}", ("exercise",)),
            "list_year_range": plan(db, f"SELECT * FROM practices WHERE {in_year} {page}", y_time),
            "steps_of_page": plan(
                db,
                "SELECT * FROM practice_steps WHERE practice_id IN "
                "(SELECT value FROM json_each(?)) ORDER BY practice_id, position",
                ("[1,2,3]",),
            ),
        }

        json_path = Path(folder) / "export.json"
        csv_path = Path(folder) / "export.csv"
        t0 = time.perf_counter()
        exported = export_json(log, json_path)
        export_json_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        export_csv(log, csv_path)
        export_csv_s = time.perf_counter() - t0
        log.close()

        other = open_log(Path(folder) / "imported" / "practice-log.sqlite3", clock=MonotonicClock())
        t0 = time.perf_counter()
        result = import_json(other, json_path)
        import_json_s = time.perf_counter() - t0
        other.close()
        db_mb = db.stat().st_size / 2**20
        json_mb = json_path.stat().st_size / 2**20
        csv_mb = csv_path.stat().st_size / 2**20

    print(
        json.dumps(
            {
                "practices": args.practices,
                "bulk_load_s": round(bulk_load_s, 2),
                "open_ms": round(open_ms, 1),
                "insert_ms": insert_ms,
                "progress_ms": progress_ms,
                "after_ms": after_ms,
                "insert_samples": args.inserts,
                "queries": query_ms,
                "sizes": sizes,
                "export_json_s": round(export_json_s, 2),
                "export_csv_s": round(export_csv_s, 2),
                "export_json_mb": round(json_mb, 1),
                "export_csv_mb": round(csv_mb, 1),
                "exported": exported,
                "import_json_s": round(import_json_s, 2),
                "imported": result.added,
                "db_mb": round(db_mb, 1),
                "plans": plans,
            }
        )
    )


if __name__ == "__main__":
    main()
