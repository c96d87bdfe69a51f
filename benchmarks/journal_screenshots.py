"""Screenshots of the journal, the body map and the summary for a therapist.

A fresh log gets three medicine sessions, the last three days ago with a before-dosing
intention, a handful of journal entries and a year of body-map marks. The app then runs under a
private Xvfb on the xcb platform, and each state is grabbed from the X server: the journal's
list, the short integration practice (grounding, then the day's prompt), the body map while
writing (dark, light, and dark at 200 % text set while the app runs), the body over time, a
body-map step inside a script, the intention at a session's close, the choice of what to share,
and both pages of the PDF (rendered with pdftoppm, Debian: poppler-utils).

    python -m benchmarks.journal_screenshots [--out DIR]

The last line of output is one JSON object listing the files written.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import _shots  # noqa: E402  (after the line above, for `python benchmarks/...`)

BODY_STEP = """\
id = "where-it-is"
title = "Where it is"
description = "Noticing where something is felt, and naming it."
for = ["between-sessions"]
minutes = 2

[[step]]
text = "You might notice where in your body something is here. Your feet are on the floor."
until_continue = true

[step.input]
type = "body-map"
key = "felt"
"""
ENTRIES = (
    (20, "Slept badly, but woke up curious rather than tired."),
    (17, "My jaw was tight all morning. By the afternoon it had let go a little."),
    (3, "Something about my father came up. I don't want to make sense of it yet."),
    (1, "Walked to the river. Noticed my shoulders were lower than usual."),
)


def fill(today: date) -> None:
    from kapcompanion.domain.body_map import REGIONS, Sensation, new_mark
    from kapcompanion.domain.clock import MonotonicClock
    from kapcompanion.domain.journal import new_entry
    from kapcompanion.storage import open_log
    from kapcompanion.storage.journal_open import journal_for

    zone = datetime.now().astimezone().tzinfo
    session = today - timedelta(days=3)

    def at(day: date, hour: int = 9) -> datetime:
        return datetime.combine(day, time(hour, 0), tzinfo=zone)

    days = {"before": session}
    log = open_log(clock=MonotonicClock(), wall=lambda: at(days["before"], 9))
    try:
        for back in (45, 21):
            log.add_session_date(today - timedelta(days=back))
        log.add_session_date(session)
        pid = log.start_practice("exercise", "before-dosing")
        log.finish_practice(pid, actual_s=300)
        log.record_after(pid, intention="to meet whatever comes with some kindness")
        days["before"] = today  # and today, before a session closed later on
        pid = log.start_practice("exercise", "before-dosing")
        log.finish_practice(pid, actual_s=300)
        log.record_after(pid, intention="to let my body lead")
        journal = journal_for(log)
        sessions = log.session_dates()
        for back, text in ENTRIES:
            written = at(today - timedelta(days=back), 21)
            journal.add_entry(new_entry(text, written_at=written, session_days=sessions))
        rng = random.Random(11)
        often = ("chest", "belly", "jaw", "shoulder-left", "hand-left", "hand-right", "throat")
        listed = list(Sensation)
        marks = []
        for n in range(900):
            region_id = rng.choice(often) if n % 3 else rng.choice(REGIONS).id
            day = today - timedelta(days=rng.randrange(0, 365))
            marks.append(
                new_mark(
                    region_id,
                    at=at(day, rng.randrange(7, 22)),
                    sensation=rng.choice(listed),
                    intensity=rng.choice((None, 2, 4, 6, 8)),
                )
            )
        journal.save_marks(marks)
    finally:
        log.close()


def child(out: Path) -> list[dict[str, object]]:
    from functools import partial

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from kapcompanion.app import create_application
    from kapcompanion.domain.clock import FakeClock, MonotonicClock
    from kapcompanion.domain.script_check import parse_script
    from kapcompanion.services.settings import TEXT_SIZE, THEME
    from kapcompanion.storage import open_log
    from kapcompanion.storage.library import load_builtin
    from kapcompanion.storage.logs import PracticeLogs
    from kapcompanion.ui.exercise.screen import ExerciseScreen
    from kapcompanion.ui.journal.controller import Span
    from kapcompanion.ui.journal.screen import JournalScreen
    from kapcompanion.ui.journal.share import ShareScreen
    from kapcompanion.ui.log.ratings import RatingPrompt
    from kapcompanion.ui.shell.main_window import MainWindow

    shots: list[dict[str, object]] = []
    today = date.today()
    fill(today)
    create_application(theme="dark")
    out.mkdir(parents=True, exist_ok=True)

    clock = FakeClock(100.0)
    logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
    window = MainWindow(clock, logs=logs)
    window.resize(1280, 800)
    window.show()
    _shots.settle(700)
    window.activateWindow()

    def grab(name: str, what: str) -> None:
        _shots.settle(400)
        path = out / f"{name}.png"
        _shots.save(window, path)
        shots.append({"file": _shots.shown(path), "shows": what})

    def key(k: Qt.Key, times: int = 1) -> None:
        window.activateWindow()
        for _ in range(times):
            target = QApplication.focusWidget() or window.current_screen
            QTest.keyClick(target, k)

    def no_questions() -> None:
        _shots.settle(300)
        while isinstance(window.current_screen, RatingPrompt):
            key(Qt.Key.Key_Escape)  # the question after a practice goes on without an answer
            _shots.settle(200)
        window.show_home()

    def journal_screen() -> JournalScreen:
        window.show_home()
        screen = window.log.open_journal()
        assert isinstance(screen, JournalScreen)
        return screen

    def marking(screen: JournalScreen) -> None:
        screen.write()
        QTest.keyClicks(screen.editor, "A warmth in my chest, and my hands are a little shaky.")
        screen.body_toggle.click()
        screen.body_map.canvas.setFocus()
        key(Qt.Key.Key_4)
        key(Qt.Key.Key_Return)
        key(Qt.Key.Key_Return)  # warmth in the left hand, 4 of 10
        key(Qt.Key.Key_Up, 3)
        key(Qt.Key.Key_Return)
        key(Qt.Key.Key_Down, 5)  # trembling
        key(Qt.Key.Key_Return)

    grab("home-days-after", "home three days after a session: the intention and the offer")
    screen = journal_screen()
    grab("journal-list-dark", "the journal's list: prompts for these days, entries by session")
    screen.integrate()
    grab("journal-grounding-dark", "the integration practice: a moment of grounding first")
    screen.ground_done()
    QTest.keyClicks(screen.editor, "Something softer in how I spoke to myself at work.")
    grab("journal-prompt-dark", "the day's prompt, with the intention carried through")
    screen.request_stop()
    window.show_home()

    screen = journal_screen()
    marking(screen)
    grab("journal-body-map-dark", "the body map while writing, marked by keyboard, dark")
    screen.request_stop()

    window.settings.set(THEME, "light")
    _shots.settle(300)
    screen = journal_screen()
    marking(screen)
    grab("journal-body-map-light", "the body map while writing, light")
    screen.request_stop()
    screen = journal_screen()
    screen.show_body()
    screen.body_page.span.setCurrentIndex(list(Span).index(Span.YEAR))
    grab("journal-body-over-time-light", "the body over the past year, light")
    window.settings.set(THEME, "dark")
    _shots.settle(300)

    screen = journal_screen()
    marking(screen)
    window.settings.set(TEXT_SIZE, 200)  # live, as a person would in Settings
    grab("journal-body-map-200", "the body map at 200 % text set while it is open, dark")
    screen.request_stop()
    window.settings.set(TEXT_SIZE, 100)
    _shots.settle(300)

    window.show_home()
    exercise = parse_script(BODY_STEP, "where-it-is.toml")
    step = window.start_exercise(exercise)
    assert isinstance(step, ExerciseScreen)
    clock.advance(3.0)  # past the page's gentle fade-in
    step.tick()
    key(Qt.Key.Key_Return)
    key(Qt.Key.Key_Return)
    grab("exercise-body-map-step", "a body-map step inside a script, a mark being named")
    step.stop()
    no_questions()

    close = {e.id: e for e in load_builtin()[0]}["session-close"]
    window.log.before_practice(lambda: window.start_exercise(close), close)
    running = window.current_screen
    assert isinstance(running, ExerciseScreen)
    for _ in range(len(close.steps)):
        if running.step_page.carried.isVisible():
            break
        running.next()
    clock.advance(3.0)
    running.tick()
    grab("session-close-intention", "closing a session: the intention, quietly, by first words")
    running.stop()
    no_questions()

    share = window.log.open_share()
    assert isinstance(share, ShareScreen)
    share.intention_check.setChecked(True)
    share.body_check.setChecked(True)
    for row in (1, 2):
        share.entry_list.item(row).setCheckState(Qt.CheckState.Checked)
    grab("share-choose", "a summary for the therapist: only what is ticked goes with it")
    pdf = out / "for-my-therapist.pdf"
    share.choose_target = lambda _suggested: pdf
    share.save()
    if shutil.which("pdftoppm"):
        stem = out / "pdf-page"
        subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(stem)], check=True)
        for page in sorted(out.glob("pdf-page-*.png")):
            shots.append({"file": _shots.shown(page), "shows": f"the PDF, {page.stem}"})
    window.close()
    return shots


if __name__ == "__main__":
    raise SystemExit(_shots.main(__doc__ or "", "benchmarks.journal_screenshots", child))
