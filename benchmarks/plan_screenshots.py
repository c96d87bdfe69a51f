"""Screenshots of the integration plan: the therapist's plan dialog and home's card for the
day, in a real X window with a window manager (openbox), at 100% and 200% text.

    python -m benchmarks.plan_screenshots --out DIR
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from benchmarks import _shots

SESSION = "2026-01-30"


def child(out: Path) -> list[dict[str, object]]:
    from datetime import date, datetime, time
    from functools import partial

    from kapcompanion.app import create_application
    from kapcompanion.domain.clock import FakeClock, MonotonicClock
    from kapcompanion.domain.plan import Plan, PlanEntry
    from kapcompanion.services.settings import TEXT_SIZE, SettingsStore
    from kapcompanion.storage import open_log
    from kapcompanion.storage.bundle_plan import export_plan
    from kapcompanion.storage.library import load_builtin
    from kapcompanion.storage.logs import PracticeLogs
    from kapcompanion.storage.plan_store import PlanStore
    from kapcompanion.ui.presentation.plan import PlanDialog
    from kapcompanion.ui.shell.appearance import apply_appearance
    from kapcompanion.ui.shell.main_window import MainWindow

    session = date.fromisoformat(SESSION)
    PlanStore().keep(
        Plan(
            session,
            (PlanEntry(1, "orienting"), PlanEntry(3, "weight-and-contact"),
             PlanEntry(7, "body-scan-10")),
            time(18, 30),
            "Go gently. One practice on a day is plenty, and none is fine too.",
        )
    )  # fmt: skip
    create_application()
    out.mkdir(parents=True, exist_ok=True)
    shots: list[dict[str, object]] = []
    for percent in (100, 200):
        store = SettingsStore()
        store.set(TEXT_SIZE, percent)
        theme = apply_appearance(store)
        logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
        window = MainWindow(FakeClock(), theme, logs=logs, settings=store)
        window.plan.wall = partial(datetime.combine, date(2026, 1, 31), time(9, 30))
        window.plan.refresh()
        window.show()
        _shots.settle(800)
        path = out / f"home-plan-card-{percent}.png"
        _shots.save(window, path)
        shots.append({"file": _shots.shown(path), "shows": f"home on plan day 1, text {percent}%"})

        if percent == 100:  # the question a plan file brings, over home
            with tempfile.TemporaryDirectory() as folder:
                later = Plan(
                    date(2026, 2, 27),
                    (PlanEntry(1, "orienting"), PlanEntry(2, "resource"),
                     PlanEntry(7, "body-scan-10")),
                    time(18, 30),
                    "Any of these, on the day or not at all.",
                )  # fmt: skip
                box = window.plan.offer(window, export_plan(later, Path(folder) / "plan"))
                _shots.settle(600)
                path = out / "plan-question-100.png"
                _shots.save(window, path)
                shots.append({"file": _shots.shown(path), "shows": "the question a plan brings"})
                box.reject()
                _shots.settle(200)

        dialog = PlanDialog(load_builtin()[0], theme=theme, today=session, parent=window)
        dialog.choose(1, "orienting")
        dialog.choose(3, "weight-and-contact")
        dialog.choose(7, "body-scan-10")
        dialog.remind_check.setChecked(True)
        dialog.note.setPlainText("Go gently. One practice on a day is plenty.")
        dialog.show()
        _shots.settle(800)
        path = out / f"plan-dialog-{percent}.png"
        image = dialog.screen().grabWindow(0) if dialog.screen() is not None else None
        if image is not None and not image.isNull():
            image.save(str(path), "PNG")
        else:
            dialog.grab().save(str(path), "PNG")
        shots.append({"file": _shots.shown(path), "shows": f"the plan dialog, text {percent}%"})
        dialog.close()
        window.ask_before_closing = False
        window.close()
        logs.close()
    return shots


if __name__ == "__main__":
    sys.exit(_shots.main(__doc__ or "", "benchmarks.plan_screenshots", child, window_manager=True))
