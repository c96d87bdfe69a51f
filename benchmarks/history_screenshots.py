"""Screenshots of the practice log in the app, for docs/screenshots/.

A year of made-up practice (history_data.realistic_year: practice mostly mornings and evenings,
a holiday gap, a spring series of medicine sessions with practice clustered after each, ratings
a little higher after practice) is put in a fresh log; the app then runs under a private Xvfb
on the xcb platform with a fake clock, and each state is grabbed from the X server. The PDF
summary of the same year is rendered to PNG with pdftoppm (Debian: poppler-utils).

    python -m benchmarks.history_screenshots [--out docs/screenshots]

The last line of output is one JSON object listing the files written.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import _shots  # noqa: E402  (after the line above, for `python benchmarks/...`)


def child(out: Path) -> list[dict[str, object]]:
    from functools import partial

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from benchmarks.history_data import realistic_year
    from kapcompanion.app import create_application
    from kapcompanion.domain.clock import FakeClock, MonotonicClock
    from kapcompanion.domain.practice import Kind, Status
    from kapcompanion.services.events import PracticeEnd, PracticeStart
    from kapcompanion.storage import open_log
    from kapcompanion.storage.library import load_builtin
    from kapcompanion.storage.logs import PracticeLogs
    from kapcompanion.ui.exercise.screen import ExerciseScreen
    from kapcompanion.ui.log.history import HistoryScreen
    from kapcompanion.ui.log.history_dialogs import DeleteAllDialog
    from kapcompanion.ui.log.ratings import RatingPrompt
    from kapcompanion.ui.log.report import export_pdf
    from kapcompanion.ui.shell.main_window import MainWindow

    shots: list[dict[str, object]] = []
    today = date.today()
    records, sessions = realistic_year(today - timedelta(days=1), recent_session=1)
    log = open_log(clock=MonotonicClock())
    log.merge_records(records, sessions)
    log.close()

    create_application(theme="dark")
    out.mkdir(parents=True, exist_ok=True)

    def grab(window: MainWindow, name: str, what: str) -> None:
        _shots.settle(300)
        path = out / f"{name}.png"
        _shots.save(window, path)
        shots.append({"file": _shots.shown(path), "shows": what})

    def key(k: Qt.Key) -> None:
        from PySide6.QtTest import QTest

        window.activateWindow()
        screen = window.current_screen
        target = QApplication.focusWidget() or screen.focusWidget() or screen
        QTest.keyClick(target, k)

    clock = FakeClock(100.0)
    logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
    window = MainWindow(clock, logs=logs)
    window.show()
    _shots.settle(600)
    window.activateWindow()
    _shots.settle(300)
    grab(
        window,
        "home-practice-log",
        "home two days after a medicine session: the gentle "
        "line, a five-minute offer, History, Session dates and the guest switch",
    )

    history = window.open_history()
    assert isinstance(history, HistoryScreen)
    _shots.settle(800)
    grab(window, "history-3-months", "history, the last three months, minutes per day")
    history.range_combo.setCurrentText("Last 12 months")
    history.show_per_week(True)
    grab(
        window,
        "history-year",
        "history, a year of practice: minutes per week, ratings "
        "before and after, dashed lines on medicine-session days",
    )
    history.show_per_week(False)
    history.range_combo.setCurrentText("Last 3 months")
    for row in range(history.model.rowCount()):
        record = history.model.record(row)
        if record is not None and record.note and record.rating_after is not None:
            history.select_row(row)
            history.open_selected()
            break
    grab(window, "history-practice-open", "one practice opened from the list, its note editable")
    for row in range(history.model.rowCount()):
        record = history.model.record(row)
        if record is not None and record.ref == "session-close" and record.answers:
            history.select_row(row)
            history.open_selected()
            break
    grab(
        window,
        "history-practice-answers",
        "a session's close opened from the list: the first words and the ready-to-leave "
        "checklist kept under their own questions",
    )

    dialog = DeleteAllDialog(window.theme, window)
    dialog.show()
    _shots.settle(300)
    path = out / "history-delete-all.png"
    dialog.grab().save(str(path))
    shots.append({"file": _shots.shown(path), "shows": "delete all: type to confirm"})
    dialog.close()
    window.activateWindow()
    window.show_home()

    sessions_screen = window.log.open_sessions()
    sessions_screen.list.setCurrentRow(0)
    grab(window, "session-dates", "the medicine-session dates editor")
    window.show_home()

    window.home.minutes_spin.setValue(5)
    window.home.start_button.click()
    _shots.settle(300)
    assert isinstance(window.current_screen, RatingPrompt)
    key(Qt.Key.Key_4)
    grab(window, "rating-before", "the optional question before a practice, 4 chosen")
    key(Qt.Key.Key_Escape)  # begins the practice all the same
    _shots.settle(300)
    window.show_home()  # and stops it, back home

    exercises, _ = load_builtin()
    five = next(e for e in exercises if e.id == "five-senses")
    window.home.exercise_list.exercise_chosen.emit(five)
    _shots.settle(300)
    key(Qt.Key.Key_Return)  # skip the question before
    screen = window.current_screen
    assert isinstance(screen, ExerciseScreen)
    clock.advance(15.0)
    screen.tick()
    from PySide6.QtTest import QTest

    for words in ("the lamp, a green mug, the window", "the chair, my sleeve"):
        clock.advance(20.0)
        screen.tick()
        target = QApplication.focusWidget() or screen.focusWidget()
        assert target is not None
        QTest.keyClicks(target, words)
        key(Qt.Key.Key_Return)
    key(Qt.Key.Key_Escape)
    key(Qt.Key.Key_Escape)
    _shots.settle(300)
    assert isinstance(window.current_screen, RatingPrompt)
    grab(
        window,
        "after-words",
        "after an exercise stopped with Esc (its question came before it): what was written "
        "is kept, with the choice not to keep it (unticked)",
    )
    key(Qt.Key.Key_Escape)  # goes on, the words kept

    # A session's close asks its one question after it, beside the words it kept.
    window.log.recorder.set_rating_before(None, ask_after=True)
    window.practice.start(PracticeStart(Kind.EXERCISE, "session-close", "Closing", 900.0))
    window.practice.end(
        PracticeEnd(Status.COMPLETED, 900.0, answers={"first-words": ("lighter, a bit tired",)})
    )
    _shots.settle(300)
    assert isinstance(window.current_screen, RatingPrompt)
    key(Qt.Key.Key_7)
    grab(
        window,
        "rating-after",
        "after a session's close, its one question: 7 chosen; the first words are kept, with "
        "the choice not to keep them (unticked)",
    )
    key(Qt.Key.Key_Return)
    window.close()

    pdf = Path(tempfile.mkdtemp()) / "summary.pdf"
    first, last = today - timedelta(days=365), today - timedelta(days=1)
    export_pdf(logs.current, pdf, first, last, titles=window.library.titles())
    if shutil.which("pdftoppm"):
        stem = out / "summary-pdf"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "110", "-singlefile", str(pdf), str(stem)], check=True
        )
        shots.append({"file": _shots.shown(stem.with_suffix(".png")), "shows": "the PDF summary"})
    logs.close()
    return shots


def main() -> int:
    return _shots.main(__doc__ or "", "benchmarks.history_screenshots", child)


if __name__ == "__main__":
    sys.exit(main())
