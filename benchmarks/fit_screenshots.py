"""Screenshots of the app at 200 % text set live, with a window manager (openbox), in English
and in Spanish: what a person sees after raising the text size in Settings.

The app starts at 100 % text, as it does for anyone; the text size is then set to 200 % in
Settings, through its own number field, while the app runs. Then the screen is grabbed, title
bar and all, on home; Settings at the top and scrolled to the end; History with a few practices
in it; the script editor with a shipped script open on a step whose "Ends" list shows; and the
before-practice rating. Then the same in Spanish (chosen as Settings chooses it, the app
started again at 100 %). Runs under a private Xvfb (1280x800) with a fresh data and config
folder; the Spanish catalog is the compiled one (``make translations``). Prints one JSON object
as its last line: the files written and what each shows.

    python -m benchmarks.fit_screenshots [--out DIR]   (by default benchmarks/out/fit)
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import _shots  # noqa: E402  (after the line above, for `python benchmarks/...`)

DEFAULT_OUT = ROOT / "benchmarks" / "out" / "fit"
LANGUAGES = ("en", "es")
#: How many of the sample year's last practices History shows.
PRACTICES = 9


def grab_screen(window: Any, path: Path) -> None:
    """The whole screen as the person sees it: the window with its title bar (the window
    alone when the screen cannot be read)."""
    screen = window.screen()
    image = screen.grabWindow(0) if screen is not None else None
    if image is None or image.isNull():
        _shots.save(window, path)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG"):
        raise RuntimeError(f"could not write {path}")


def set_in_settings(window: Any, percent: int) -> Any:
    """Open Settings and set the text size in its number field, as a person does."""
    settings = window.open_settings()
    _shots.settle(300)
    spin = settings.general.text_spin
    spin.setFocus()
    spin.setValue(percent)  # the field saves it at once; the window follows, live
    _shots.settle(800)
    return settings


def open_script(window: Any) -> Any:
    """The editor with a shipped script open (a copy) on a step that ends after some
    seconds."""
    from kapcompanion.ui.editor.controller import LibraryEntry

    editor = window.open_editor()
    _shots.settle(300)
    combo = editor.open_combo
    for index in range(combo.count()):
        entry = combo.itemData(index)
        if isinstance(entry, LibraryEntry) and entry.exercise.id == "orienting":
            combo.setCurrentIndex(index)
            editor.controller.open_entry(entry)
            break
    _shots.settle(300)
    form = editor.step_form
    for row in range(editor.step_list.count()):
        editor.step_list.setCurrentRow(row)
        _shots.settle(50)
        if form.timing_combo.currentIndex() == 0:  # "After a number of seconds"
            break
    form.timing_combo.setFocus()
    _shots.settle(100)
    editor.right_scroll.ensureWidgetVisible(form.timing_combo, 20, 120)
    return editor


def one_language(language: str, out: Path, files: list[dict[str, str]]) -> None:
    from functools import partial

    from PySide6.QtWidgets import QAbstractScrollArea, QScrollArea

    from kapcompanion.domain.clock import FakeClock, MonotonicClock
    from kapcompanion.services.settings import TEXT_SIZE, SettingsStore
    from kapcompanion.storage import open_log
    from kapcompanion.storage.logs import PracticeLogs
    from kapcompanion.ui.log.ratings import RatingPrompt
    from kapcompanion.ui.shell.appearance import apply_appearance
    from kapcompanion.ui.shell.language import LANGUAGE, speak
    from kapcompanion.ui.shell.main_window import MainWindow

    store = SettingsStore()
    store.set(LANGUAGE, language)
    store.set(TEXT_SIZE, 100)
    speak(store)
    logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
    window = MainWindow(FakeClock(100.0), apply_appearance(store), settings=store, logs=logs)
    window.ask_before_closing = False
    window.show()
    _shots.settle(1000)

    def grab(name: str, what: str) -> None:
        _shots.settle(500)
        path = out / f"{name}-{language}-200.png"
        grab_screen(window, path)
        sideways = [
            area.horizontalScrollBar().maximum()
            for area in window.current_screen.findChildren(QAbstractScrollArea)
            if area.isVisible() and area.horizontalScrollBar().maximum() > 0
        ]
        files.append(
            {
                "file": _shots.shown(path),
                "shows": f"{what} ({language}, 200 % live)",
                "sideways_px": str(max(sideways, default=0)),
            }
        )

    settings = set_in_settings(window, 200)
    area = settings.findChild(QScrollArea)
    bar = area.verticalScrollBar() if area is not None else None
    if bar is not None:
        bar.setValue(0)
    grab("settings-top", "Settings from the top, just after the text size was set")
    if bar is not None:
        bar.setValue(bar.maximum())
    grab("settings-end", "Settings scrolled to the end: files and Back")
    window.pop()
    grab("home", "home")
    window.open_history()
    grab("history", f"History with the last {PRACTICES} practices of a sample year")
    window.pop()
    open_script(window)
    grab("editor", "the script editor: a copy of Orienting, a step that ends after seconds")
    window.pop()
    _shots.settle(200)
    window.push(RatingPrompt("before", window.theme))
    grab("rating", "the rating before a practice")
    window.pop()
    window.close()
    logs.close()


def child(out: Path) -> dict[str, object]:
    from datetime import date, timedelta

    from benchmarks.history_data import realistic_year
    from kapcompanion.app import create_application
    from kapcompanion.domain.clock import MonotonicClock
    from kapcompanion.services.settings import FIRST_START_DONE, SettingsStore
    from kapcompanion.storage import open_log
    from kapcompanion.ui.log.ratings import ASK_RATINGS

    records, sessions = realistic_year(date.today() - timedelta(days=1), recent_session=3)
    with open_log(clock=MonotonicClock()) as log:
        log.merge_records(records[-PRACTICES:], sessions[-2:])

    create_application()
    out.mkdir(parents=True, exist_ok=True)
    store = SettingsStore()
    store.set(FIRST_START_DONE, True)
    store.set(ASK_RATINGS, True)
    files: list[dict[str, str]] = []
    for language in LANGUAGES:
        one_language(language, out, files)
    return {
        "catalog_compiled": (
            ROOT / "resources" / "locale" / "es" / "LC_MESSAGES" / "kapcompanion.mo"
        ).is_file(),
        "files": files,
    }


def main() -> int:
    return _shots.main(
        __doc__ or "",
        "benchmarks.fit_screenshots",
        child,
        window_manager=True,
        unset=_shots.SYSTEM_LANGUAGE,
        out=DEFAULT_OUT,
    )


if __name__ == "__main__":
    sys.exit(main())
