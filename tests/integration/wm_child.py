"""The app's part of the window-manager tests (tests/integration/test_wm_*.py), run by them in a
process of its own on a display with openbox (see tests/helpers/window_manager.py).

``python -m tests.integration.wm_child fit [--text-size N]`` opens the app as a person starts
it and visits home, the editor, History (with its dialogs), Settings and Help. For each it
prints where the window's frame is, the screen's usable area, and every visible control that is
not inside the window's usable area, as one JSON line.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QRect, QTimer
from PySide6.QtWidgets import QAbstractButton, QScrollArea, QWidget

from kapcompanion.app import create_application
from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.services.library import ExerciseLibrary
from kapcompanion.services.preferences import PracticePreferences
from kapcompanion.services.settings import FIRST_START_DONE, TEXT_SIZE, SettingsStore
from kapcompanion.storage import open_log
from kapcompanion.storage.logs import PracticeLogs
from kapcompanion.ui.shell.a11y import system_reduced_motion
from kapcompanion.ui.shell.appearance import apply_appearance
from kapcompanion.ui.shell.fit import frame_margins
from kapcompanion.ui.shell.language import LANGUAGE, speak
from kapcompanion.ui.shell.main_window import MainWindow
from tests.helpers.layout import clipped, squeezed


def settle(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(check: Callable[[], bool], seconds: float = 10.0) -> bool:
    give_up = time.monotonic() + seconds
    while not check():
        if time.monotonic() > give_up:
            return False
        settle(20)
    return True


def shown_framed(window: QWidget) -> bool:
    """Show ``window`` and wait for its title bar. A dialog shown just as another closes now and
    then is not told its frame; shown once more, it is."""
    for _ in range(2):
        window.show()
        if wait_for(lambda: framed(window), 5.0):
            return True
        window.hide()
        settle(100)
    return False


def rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def framed(window: QWidget) -> bool:
    """The window manager has framed the window (it has a title bar above it)."""
    return frame_margins(window).top() > 0


def scrolls(widget: QWidget) -> bool:
    """Inside a scrolling area, where a person can reach it by scrolling."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def look(window: QWidget) -> dict[str, Any]:
    """Where ``window`` and its controls are, against its screen's usable area."""
    area = window.screen().availableGeometry()
    outside = []
    for control in window.findChildren(QAbstractButton):
        if not control.isVisible() or scrolls(control) or control.window() is not window:
            continue
        top_left = control.mapToGlobal(control.rect().topLeft())
        where = QRect(top_left, control.size())
        if not area.contains(where):
            outside.append(f"{control.text() or control.accessibleName()!r} at {rect(where)}")
    return {
        "squeezed": squeezed(window) + clipped(window),
        "frame": rect(window.windowHandle().frameGeometry()),
        "area": rect(area),
        "framed": framed(window),
        "outside": outside,
    }


def visit_fit(text_size: int) -> dict[str, Any]:
    from kapcompanion.ui.log.ratings import RatingPrompt

    window, logs = build(text_size)
    theme = window.theme
    seen: dict[str, Any] = {"home": look(window)}

    def visit(name: str, open_it: Callable[[], object]) -> None:
        open_it()
        settle(250)
        seen[name] = look(window)
        window.pop()
        settle(50)

    visit("editor", window.open_editor)
    visit("settings", window.open_settings)
    visit("rating", lambda: window.push(RatingPrompt("before", theme)))
    visit("first start", window.everyday.open_first_start)
    history: Any = window.open_history()
    settle(250)
    seen["history"] = look(window)
    from kapcompanion.ui.log.history_dialogs import DeleteAllDialog, ExportDialog

    for name, dialog in (
        ("export", ExportDialog((None, None), theme, history)),
        ("delete all", DeleteAllDialog(theme, history)),
    ):
        shown_framed(dialog)
        settle(150)
        seen[name] = look(dialog)
        dialog.close()
    window.pop()
    settle(50)
    help_window = window.open_help()
    wait_for(lambda: framed(help_window))
    settle(200)
    seen["help"] = look(help_window)
    help_window.close()
    window.close()
    logs.close()
    return seen


def build(text_size: int, language: str | None = None) -> tuple[MainWindow, PracticeLogs]:
    """The app as a person starts it, past the first-start notice, at ``text_size`` %, in
    ``language`` as chosen in Settings (or as the system says)."""
    create_application()
    store = SettingsStore()
    store.set(FIRST_START_DONE, True)
    store.set(TEXT_SIZE, text_size)
    if language is not None:
        store.set(LANGUAGE, language)
        speak(store)
    theme = apply_appearance(store, None)
    clock = MonotonicClock()
    logs = PracticeLogs(lambda: open_log(clock=clock), guest=False)
    window = MainWindow(
        clock,
        theme,
        logs=logs,
        library=ExerciseLibrary(),
        settings=store,
        preferences=PracticePreferences(store, system_reduced_motion),
    )
    window.show()
    wait_for(lambda: framed(window))
    settle(300)
    return window, logs


def shots(out: Path, live: bool = True) -> dict[str, Any]:
    """Start at 100 %, set 200 % as Settings does, and picture each main screen (``live``
    False: start at 200 %)."""
    from kapcompanion.app import save_screenshot
    from kapcompanion.ui.log.ratings import RatingPrompt

    window, logs = build(100 if live else 200)
    window.settings.set(TEXT_SIZE, 200)
    settle(400)
    out.mkdir(parents=True, exist_ok=True)
    saved: dict[str, Any] = {}

    def picture(name: str) -> None:
        settle(400)
        path = out / f"{name}-200-{'live' if live else 'start'}.png"
        save_screenshot(window, path)
        saved[name] = {"path": str(path), **look(window)}

    picture("home")
    for name, open_it in (
        ("settings", window.open_settings),
        ("history", window.open_history),
        ("editor", window.open_editor),
        ("rating", lambda: window.push(RatingPrompt("before", window.theme))),
    ):
        open_it()
        picture(name)
        window.pop()
    window.close()
    logs.close()
    return saved


def minimized() -> dict[str, Any]:
    """A breathing practice, visible, then minimised, then shown again: how often the screen
    woke in each, and whether it showed the clock's moment as soon as it was back."""
    from kapcompanion.domain.breathing_config import BreathingConfig
    from kapcompanion.domain.pacing import find_pattern

    window, logs = build(100)
    config = BreathingConfig(find_pattern("resonance", allow_holds=False), 1)
    screen = window.open_breathing(config)
    window.start_breathing(config, screen)
    ticks = [0]
    screen._timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))

    def count(seconds: float) -> int:
        before = ticks[0]
        settle(round(seconds * 1000))
        return ticks[0] - before

    visible = count(2.0)
    window.showMinimized()
    wait_for(lambda: not window.windowHandle().isExposed())
    settle(200)
    hidden = count(3.0)
    window.showNormal()
    wait_for(lambda: window.windowHandle().isExposed())
    settle(50)
    state = screen.state
    behind = screen.elapsed - (state.elapsed if state is not None else 0.0)
    back = count(1.0)
    screen.stop()
    window.close()
    logs.close()
    return {"visible": visible, "hidden": hidden, "back": back, "behind_s": behind}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("fit", "shots", "minimized"))
    parser.add_argument("--text-size", type=int, default=100)
    parser.add_argument("--out", type=Path, default=Path("shots"))
    parser.add_argument("--at-start", action="store_true", help="200 % from the start")
    args = parser.parse_args()
    if args.what == "minimized":
        result = minimized()
    elif args.what == "fit":
        result = visit_fit(args.text_size)
    else:
        result = shots(args.out, not args.at_start)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
