"""How long the journal takes to show a long journal, and the body map a year of marks.

A practice log file gets medicine-session dates, --entries made-up journal entries over about
three years and --marks body-map marks over about two (in the journal's own tables, on the log's
own connection, as in the app). Then, offscreen:

- shown_ms: from asking for the journal until its screen is built, its list read and grouped,
  and the whole screen painted;
- search_ms: from a word typed in the search box until the found entries are painted;
- body_year_ms: from choosing "The past year" on the body page until the year's summary is read
  and the outline and the list of regions are painted;
- store figures without Qt: reading the list (list_ms) and summing a year of marks (sum_ms).

Each is timed --repeats times after a first ("cold") run; the figures are the median and the
maximum of the warm runs. The goal is under 300 ms for each, warm.

Usage: python benchmarks/journal.py [--entries 10000] [--marks 50000] [--repeats 7]
The last line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ZONE = timezone(timedelta(hours=1))
NOW = datetime(2026, 6, 30, 20, 0, tzinfo=ZONE)
GOAL_MS = 300.0
WORDS = tuple(
    " ".join(
        (
            "slept woke early tea window light rain walk shoulders softer breath chest warm",
            "quiet called my sister kitchen memory dream sea tired lighter tears laughed work",
            "meeting noticed jaw tight hands feet floor chair sat with it felt something shift",
            "gentle kinder voice inside afraid curious open heavy morning evening garden café",
            "Straße",
        )
    ).split(" ")
)


def fill(path: Path, entries: int, marks: int, seed: int = 7) -> dict[str, float]:
    from kapcompanion.domain.body_map import REGIONS, Sensation, new_mark
    from kapcompanion.domain.clock import MonotonicClock
    from kapcompanion.domain.journal import new_entry, session_for
    from kapcompanion.storage import open_log
    from kapcompanion.storage.journal import JournalStore, ensure_schema

    rng = random.Random(seed)
    began = time.perf_counter()
    sessions = [NOW.date() - timedelta(days=35 * n + rng.randrange(10)) for n in range(30)]
    log = open_log(path, clock=MonotonicClock())
    for day in sessions:
        log.add_session_date(day)
    conn = log._conn
    assert conn is not None
    ensure_schema(conn)
    store = JournalStore(conn)
    batch = []
    for n in range(entries):
        at = NOW - timedelta(minutes=rng.randrange(60 * 24 * 365 * 3))
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(10, 300))).capitalize()
        batch.append(
            new_entry(
                text + ".",
                written_at=at,
                session_days=sessions,
                prompt_id=None if n % 3 else "any-here",
            )
        )
        if len(batch) == 1000:
            store.add_entries(batch)
            batch = []
    store.add_entries(batch)
    ids = [r.id for r in REGIONS]
    feelings = list(Sensation)
    kept = []
    for _ in range(marks):
        at = NOW - timedelta(minutes=rng.randrange(60 * 24 * 365 * 2))
        if rng.random() < 0.1:
            kept.append(new_mark(rng.choice(ids), at=at, own_word=rng.choice(["fizzy", "still"])))
        else:
            kept.append(
                new_mark(
                    rng.choice(ids),
                    at=at,
                    sensation=rng.choice(feelings),
                    intensity=rng.choice([None, *range(11)]),
                )
            )
    for i in range(0, len(kept), 5000):
        store.save_marks(kept[i : i + 5000])
    log.close()
    assert session_for(NOW.date(), sessions) is not None
    return {"fill_s": round(time.perf_counter() - began, 2)}


def timed(action: Callable[[], object], repeats: int) -> dict[str, float]:
    """Milliseconds: the first ("cold") run, then the median and maximum of ``repeats`` more."""
    runs = []
    for _ in range(repeats + 1):
        began = time.perf_counter()
        action()
        runs.append((time.perf_counter() - began) * 1000)
    return {
        "cold": round(runs[0], 1),
        "median": round(statistics.median(runs[1:]), 1),
        "max": round(max(runs[1:]), 1),
    }


def run(path: Path, repeats: int) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from kapcompanion.domain.clock import MonotonicClock
    from kapcompanion.storage import open_log
    from kapcompanion.storage.journal import JournalStore
    from kapcompanion.ui.journal.controller import JournalController, Span
    from kapcompanion.ui.journal.screen import JournalScreen
    from kapcompanion.ui.shell import theme

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    theme.apply(app, theme.DARK)
    log = open_log(path, clock=MonotonicClock())
    conn = log._conn
    assert conn is not None
    store = JournalStore(conn)
    results: dict[str, Any] = {
        "entries": store.count_entries(),
        "marks": conn.execute("SELECT count(*) FROM body_marks").fetchone()[0],
    }
    year = (NOW.date() - timedelta(days=364), NOW.date())
    results["list_ms"] = timed(lambda: store.list_heads(), repeats)
    results["sum_ms"] = timed(lambda: store.summary(*year), repeats)

    screens: list[JournalScreen] = []

    def show() -> None:
        while screens:
            screens.pop().deleteLater()
        screen = JournalScreen(
            JournalController(store, now=lambda: NOW), theme.DARK, now=lambda: NOW
        )
        screen.resize(1100, 820)
        screen.show()
        screen.grab()  # painted, as the person would see it
        app.processEvents()
        screens.append(screen)

    results["shown_ms"] = timed(show, repeats)
    screen = screens[-1]
    rows = screen.model.rowCount()
    queries = iter(["tea", "sea", "café", "kinder voice", "garden", "strasse"] * (repeats + 1))

    def search() -> None:
        screen.search.setText(next(queries))
        screen.grab()

    results["search_ms"] = timed(search, repeats)
    screen.search.clear()
    screen.show_body()
    body = screen.body_page
    spans = iter([Span.YEAR, Span.MONTH] * (repeats + 2))

    def body_year() -> None:
        span = next(spans)
        while span is not Span.YEAR:
            body.show_span(span)  # another span first, so each run redraws the year
            span = next(spans)
        body.show_span(Span.YEAR)
        body.grab()

    results["body_year_ms"] = timed(body_year, repeats)
    results["rows_listed"] = rows
    results["regions_listed"] = body.regions.count()
    log.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--marks", type=int, default=50_000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory() as folder:
        os.environ["KAPCOMPANION_DATA_DIR"] = str(Path(folder) / "data")
        os.environ["XDG_CONFIG_HOME"] = str(Path(folder) / "config")
        path = Path(folder) / "data" / "practice-log.sqlite3"
        made = fill(path, args.entries, args.marks)
        result = {**made, **run(path, args.repeats)}
    result["goal_ms"] = GOAL_MS
    result["within_goal"] = all(
        result[k]["median"] < GOAL_MS for k in ("shown_ms", "search_ms", "body_year_ms")
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
