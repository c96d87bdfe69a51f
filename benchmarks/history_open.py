"""How long the history screen takes to open on a log of 100,000 practices.

A log is filled with --practices made-up practices over five years (see history_data.py), then
the real main window is opened on it (offscreen, or on a private Xvfb with --xvfb) and the
History button's action is timed:

- shown_ms: from asking for the history until the screen has been painted with the list, the
  figures and this week's days (what the person sees first);
- charts_ms: until the charts have been built and painted as well; the first time this includes
  importing pyqtgraph, which the app never loads before the history is opened;
- both for the first opening in a fresh process ("cold") and for later openings ("warm", median
  and max of --repeats), and the same for one year shown ("Last 12 months"), for everything,
  and for everything of one kind (exercises only).

Usage: python benchmarks/history_open.py [--practices 100000] [--repeats 7] [--xvfb]
The last line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TODAY = date(2026, 6, 30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practices", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--xvfb", action="store_true", help="use a private Xvfb, not offscreen")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder, contextlib.ExitStack() as stack:
        os.environ["KAPCOMPANION_DATA_DIR"] = str(Path(folder) / "data")
        os.environ["XDG_CONFIG_HOME"] = str(Path(folder) / "config")
        if args.xvfb:
            from tests.helpers.xvfb import xvfb

            os.environ["DISPLAY"] = stack.enter_context(xvfb())
            os.environ["QT_QPA_PLATFORM"] = "xcb"
        else:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        result = run(args.practices, args.repeats)
        result["platform"] = os.environ["QT_QPA_PLATFORM"]
    print(json.dumps(result))


def run(practices: int, repeats: int) -> dict[str, object]:
    from functools import partial

    from benchmarks.history_data import heavy_log
    from kapcompanion.domain.clock import MonotonicClock
    from kapcompanion.domain.practice import Kind
    from kapcompanion.storage import open_log

    records, sessions = heavy_log(practices, TODAY)
    t0 = time.perf_counter()
    log = open_log(clock=MonotonicClock())
    log.merge_records(records, sessions)
    log.close()
    print(f"loaded {practices} practices in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    del records

    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from kapcompanion.app import create_application
    from kapcompanion.domain.clock import MonotonicClock
    from kapcompanion.storage.logs import PracticeLogs
    from kapcompanion.ui.shell.main_window import MainWindow

    assert "pyqtgraph" not in sys.modules
    app = create_application()
    logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
    window = MainWindow(MonotonicClock(), logs=logs)
    window.log._today = lambda: TODAY
    window.resize(1280, 800)
    window.show()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and logs.current is None:
        app.processEvents()
    for _ in range(20):
        app.processEvents()

    class Painted(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.at: float | None = None

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and self.at is None:
                self.at = time.perf_counter()
            return False

    def wait_for(test: Callable[[], bool], limit: float = 30.0) -> None:
        end = time.monotonic() + limit
        while not test():
            if time.monotonic() > end:
                raise TimeoutError("the history screen did not finish in time")
            app.processEvents()

    def open_once(range_text: str | None, kind: Kind | None = None) -> dict[str, float]:
        t0 = time.perf_counter()
        screen = window.open_history()
        from kapcompanion.ui.log.history import HistoryScreen  # loaded by the opening above

        assert isinstance(screen, HistoryScreen)
        if range_text is not None:
            screen.range_combo.setCurrentText(range_text)
        if kind is not None:
            screen.set_kind(kind)
        table_painted = Painted()
        screen.table.viewport().installEventFilter(table_painted)
        wait_for(lambda: table_painted.at is not None)
        assert table_painted.at is not None
        shown = table_painted.at - t0
        wait_for(lambda: screen.charts.minutes_plot is not None)
        plot = screen.charts.minutes_plot
        assert plot is not None
        chart_painted = Painted()
        plot.viewport().installEventFilter(chart_painted)
        plot.viewport().update()
        wait_for(lambda: chart_painted.at is not None)
        assert chart_painted.at is not None
        charts = chart_painted.at - t0
        rows = screen.model.rowCount()
        window.pop()
        for _ in range(5):
            app.processEvents()
        return {"shown_ms": shown * 1000, "charts_ms": charts * 1000, "rows": rows}

    cold = open_once(None)
    print(f"cold: {cold}", file=sys.stderr)
    out: dict[str, object] = {
        "practices": practices,
        "cold_default_range": {k: round(v, 1) for k, v in cold.items()},
    }
    for name, range_text, kind in (
        ("warm_default_range", None, None),
        ("warm_last_12_months", "Last 12 months", None),
        ("warm_everything", "Everything", None),
        ("warm_everything_exercises", "Everything", Kind.EXERCISE),
    ):
        runs = [open_once(range_text, kind) for _ in range(repeats)]
        summary: dict[str, object] = {}
        for key in ("shown_ms", "charts_ms"):
            values = [r[key] for r in runs]
            summary[key] = {
                "median": round(statistics.median(values), 1),
                "max": round(max(values), 1),
            }
        summary["rows"] = runs[0]["rows"]
        out[name] = summary
        print(f"{name}: {summary}", file=sys.stderr)
    out["goal_ms"] = 300
    out["repeats"] = repeats
    window.close()
    logs.close()
    QApplication.processEvents()
    return out


if __name__ == "__main__":
    main()
