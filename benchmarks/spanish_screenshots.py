"""Screenshots of the app in Spanish: home, a breathing practice, a guided exercise, settings
and history, at 100% and 200% text, with a window manager (openbox) as on a desktop.

The language is chosen as a person chooses it, in the settings file ("Español"), and the app
then starts as it always does: the words, Qt's own buttons and the dates follow before the
first window is built. Runs under a private Xvfb (1280x800) with a fresh data and config folder
and a few months of practice in the log; the Spanish catalog is the compiled one
(``make translations``). Prints one JSON object as its last line: the files written, the
language spoken, and whether the compiled catalog is there.

    python -m benchmarks.spanish_screenshots [--out DIR]   (by default benchmarks/out/spanish)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import _shots  # noqa: E402  (after the line above, for `python benchmarks/...`)

DEFAULT_OUT = ROOT / "benchmarks" / "out" / "spanish"
SIZES = (100, 200)


def child(out: Path) -> dict[str, object]:
    from datetime import date, timedelta
    from functools import partial

    from PySide6.QtWidgets import QScrollArea

    from benchmarks.history_data import realistic_year
    from kapcompanion import i18n
    from kapcompanion.app import create_application
    from kapcompanion.domain.clock import FakeClock, MonotonicClock
    from kapcompanion.services.settings import FIRST_START_DONE, TEXT_SIZE, SettingsStore
    from kapcompanion.storage import open_log
    from kapcompanion.storage.logs import PracticeLogs
    from kapcompanion.ui.log.ratings import ASK_RATINGS
    from kapcompanion.ui.shell.appearance import apply_appearance
    from kapcompanion.ui.shell.language import LANGUAGE, speak
    from kapcompanion.ui.shell.main_window import MainWindow

    records, sessions = realistic_year(date.today() - timedelta(days=1), recent_session=1)
    with open_log(clock=MonotonicClock()) as log:
        log.merge_records(records[-120:], sessions)

    create_application()
    out.mkdir(parents=True, exist_ok=True)
    files: list[dict[str, str]] = []
    store = SettingsStore()
    store.set(LANGUAGE, "es")
    store.set(FIRST_START_DONE, True)
    store.set(ASK_RATINGS, False)  # straight into the practices (their pages are shown elsewhere)
    spoken = speak(store)

    for percent in SIZES:
        store.set(TEXT_SIZE, percent)
        clock = FakeClock(100.0)
        logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
        window = MainWindow(clock, apply_appearance(store), settings=store, logs=logs)
        window.ask_before_closing = False
        window.show()
        _shots.settle(600)
        suffix = "" if percent == 100 else f"-{percent}"

        def grab(name: str, what: str, window: MainWindow = window, suffix: str = suffix) -> None:
            _shots.settle(300)
            path = out / f"{name}{suffix}.png"
            _shots.save(window, path)
            files.append({"file": _shots.shown(path), "shows": what})

        grab("home", "home, the situations and the breathing card")
        settings = window.open_settings()
        grab("settings", "settings, from the top: the sound")
        general = getattr(settings, "general", None)
        combo = getattr(general, "language_combo", None)
        page = settings.findChild(QScrollArea)
        if combo is not None and page is not None:
            page.verticalScrollBar().setValue(combo.mapTo(page.widget(), combo.pos()).y() - 120)
            grab("settings-language", "settings: the language, each named in its own words")
        window.show_home()
        window.open_history()
        _shots.settle(600)
        grab("history", "history: the last months of practice, minutes per day")
        window.show_home()
        logs.set_guest(True)  # the practices pictured are not kept: history shows only its own
        breathing = window.start_breathing(window.home.config())
        _shots.settle(200)
        clock.advance(7.0)
        breathing.tick()
        grab("breathing", "a breathing practice, a few seconds in")
        window.show_home()
        exercise = window.library.find("orienting")
        if exercise is not None:
            screen = window.start_exercise(exercise)
            _shots.settle(200)
            clock.advance(5.0)
            screen.tick()
            grab("exercise", "a guided exercise: orienting to the room, its first step")
            window.show_home()
        window.close()
        logs.close()

    return {
        "language": spoken,
        "catalog_compiled": (
            ROOT / "resources" / "locale" / "es" / "LC_MESSAGES" / "kapcompanion.mo"
        ).is_file(),
        "sample": i18n._("Settings"),
        "files": files,
    }


def main() -> int:
    return _shots.main(
        __doc__ or "",
        "benchmarks.spanish_screenshots",
        child,
        window_manager=True,
        unset=_shots.SYSTEM_LANGUAGE,
        out=DEFAULT_OUT,
    )


if __name__ == "__main__":
    sys.exit(main())
