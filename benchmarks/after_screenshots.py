"""Screenshots of the pages around a practice: the optional question before one, the end of an
exercise when one more short page follows, and the page after it (the question at a session's
close with the words kept, and the words kept alone), in the dark and light themes and at 200%
text, each change made live in the running window through its settings, as a person would;
and History and the session dates as the keyboard finds them (the list focused,
the chosen chart toggle focused, the dates list focused, and back from the dates).

    python -m benchmarks.after_screenshots [--out DIR]

The last line of output is one JSON object: the files written and what each shows.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import _shots  # noqa: E402  (after the line above, for `python benchmarks/...`)

#: (theme, text size in %), applied live one after another in the same window.
CASES = (("dark", 100), ("light", 100), ("dark", 200))

#: The script the after-practice pages follow (shared with their tests).
A_WORD = (ROOT / "tests" / "data" / "practice" / "a-word-and-a-pause.toml").read_text(
    encoding="utf-8"
)


def child(out: Path) -> list[dict[str, object]]:
    from datetime import date, timedelta
    from functools import partial

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from benchmarks.history_data import realistic_year
    from kapcompanion.app import create_application
    from kapcompanion.domain.clock import FakeClock, MonotonicClock
    from kapcompanion.domain.practice import Kind, Status
    from kapcompanion.domain.script_check import parse_script
    from kapcompanion.services.events import PracticeEnd, PracticeStart
    from kapcompanion.services.settings import TEXT_SIZE, THEME
    from kapcompanion.storage import open_log
    from kapcompanion.storage.logs import PracticeLogs
    from kapcompanion.ui.exercise.screen import ExerciseScreen
    from kapcompanion.ui.log.history import HistoryScreen
    from kapcompanion.ui.log.ratings import RatingPrompt
    from kapcompanion.ui.log.sessions import SessionsScreen
    from kapcompanion.ui.shell.main_window import MainWindow

    records, sessions = realistic_year(date.today() - timedelta(days=1), recent_session=1)
    log = open_log(clock=MonotonicClock())
    log.merge_records(records, sessions)
    log.close()
    create_application(theme="dark")
    out.mkdir(parents=True, exist_ok=True)
    shots: list[dict[str, object]] = []
    clock = FakeClock(100.0)
    logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
    window = MainWindow(clock, logs=logs)
    window.show()
    _shots.settle(600)
    window.activateWindow()
    _shots.settle(300)

    def grab(name: str, what: str) -> None:
        _shots.settle(300)
        path = out / f"{name}.png"
        _shots.save(window, path)
        shots.append({"file": _shots.shown(path), "shows": what})

    def key(k: Qt.Key) -> None:
        window.activateWindow()
        screen = window.current_screen
        target = QApplication.focusWidget() or screen.focusWidget() or screen
        QTest.keyClick(target, k)
        _shots.settle(50)

    def prompt() -> RatingPrompt:
        screen = window.current_screen
        assert isinstance(screen, RatingPrompt), type(screen)
        return screen

    exercise = parse_script(A_WORD, "a-word-and-a-pause.toml")
    for theme, percent in CASES:
        window.show_home()
        window.settings.set(THEME, theme)
        window.settings.set(TEXT_SIZE, percent)
        _shots.settle(300)
        suffix = theme if percent == 100 else f"{theme}-{percent}"
        live = f"{theme} theme, text {percent}% set live"

        window.home.minutes_spin.setValue(5)
        window.home.start_button.click()
        _shots.settle(300)
        prompt()
        key(Qt.Key.Key_4)
        grab(f"rating-before-{suffix}", f"the optional question before a practice, 4; {live}")
        key(Qt.Key.Key_Escape)  # begins all the same
        window.show_home()

        window.begin_exercise(exercise)
        _shots.settle(200)
        key(Qt.Key.Key_Return)  # the question before: no number
        screen = window.current_screen
        assert isinstance(screen, ExerciseScreen)
        screen.tick()
        typing = QApplication.focusWidget()
        assert typing is not None
        QTest.keyClicks(typing, "warm hands, a slow breath")
        key(Qt.Key.Key_Return)
        clock.advance(9.0)
        screen.tick()
        clock.advance(2.0)  # the fade to the closing words (the fake clock moves only here)
        screen.tick()
        grab(
            f"exercise-end-go-on-{suffix}",
            f"the end of an exercise whose words are kept: Go on, one more short page; {live}",
        )
        key(Qt.Key.Key_Return)
        _shots.settle(200)
        prompt()
        grab(
            f"after-words-{suffix}",
            f"after an exercise: what was written is kept, the tick to let it go unticked; {live}",
        )
        key(Qt.Key.Key_Escape)

        window.log.recorder.set_rating_before(None, ask_after=True)
        window.practice.start(
            PracticeStart(Kind.EXERCISE, "session-close", "Closing the session", 900.0)
        )
        window.practice.end(
            PracticeEnd(Status.COMPLETED, 900.0, answers={"first-words": ("lighter, tired",)})
        )
        _shots.settle(300)
        prompt()
        key(Qt.Key.Key_7)
        grab(
            f"rating-after-{suffix}",
            "after a session's close, its one question: 7 chosen, the first words kept, "
            f"the tick to let them go unticked; {live}",
        )
        key(Qt.Key.Key_Return)

        window.show_home()
        history = window.open_history()
        assert isinstance(history, HistoryScreen)
        _shots.settle(800)
        history.table.setFocus(Qt.FocusReason.TabFocusReason)
        key(Qt.Key.Key_Down)
        grab(f"history-list-focused-{suffix}", f"History, the list has the keys; {live}")
        history.charts.day_button.setFocus(Qt.FocusReason.TabFocusReason)
        grab(f"history-toggle-focused-{suffix}", f"History, the chosen Per day toggle; {live}")
        history.sessions_button.setFocus(Qt.FocusReason.TabFocusReason)
        key(Qt.Key.Key_Return)
        _shots.settle(300)
        dates_page = window.current_screen
        assert isinstance(dates_page, SessionsScreen)
        dates_page.list.setFocus(Qt.FocusReason.TabFocusReason)
        grab(f"sessions-list-focused-{suffix}", f"the session dates, the list has the keys; {live}")
        key(Qt.Key.Key_Escape)  # back to History, on the button that opened the dates
        grab(f"history-back-from-dates-{suffix}", f"History again, on Session dates; {live}")
    window.close()
    logs.close()
    return shots


def main() -> int:
    return _shots.main(__doc__ or "", "benchmarks.after_screenshots", child)


if __name__ == "__main__":
    sys.exit(main())
