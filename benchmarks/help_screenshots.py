"""Screenshots of Help where a person reaches for it, on a desktop with a window manager.

Help over a running breathing practice in each theme, over the same at 200% text set while the
app runs (not at start), and over the therapist's control window while a practice is presented.
The whole screen is grabbed, title bars included (openbox runs on the private Xvfb when it is
installed). Run from the repository root:

    python -m benchmarks.help_screenshots [--out docs/screenshots]

The last line of output is one JSON object listing the files written.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import _shots  # noqa: E402  (after the line above, for `python benchmarks/...`)


def child(out: Path) -> list[dict[str, object]]:
    """Runs inside the Xvfb display: opens the app, starts a practice and opens Help."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from kapcompanion.app import create_application
    from kapcompanion.domain.breathing_config import BreathingConfig
    from kapcompanion.domain.clock import FakeClock
    from kapcompanion.domain.pacing import PRESETS
    from kapcompanion.services.settings import TEXT_SIZE, THEME
    from kapcompanion.storage.library import load_builtin
    from kapcompanion.ui.exercise.presented import ExercisePresented
    from kapcompanion.ui.exercise.screen import ExerciseScreen
    from kapcompanion.ui.help.window import HelpWindow
    from kapcompanion.ui.presentation.present import Presentation
    from kapcompanion.ui.shell import theme as themes
    from kapcompanion.ui.shell.main_window import MainWindow

    shots: list[dict[str, object]] = []
    out.mkdir(parents=True, exist_ok=True)

    def grab_screen(name: str, what: str) -> None:
        _shots.settle(400)
        QGuiApplication.sync()
        path = out / f"{name}.png"
        screen = QGuiApplication.primaryScreen()
        if not screen.grabWindow(0).save(str(path)):
            raise RuntimeError(f"could not write {path}")
        shots.append({"file": _shots.shown(path), "shows": what})

    def close_help() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, HelpWindow) and w.isVisible():
                w.reject()
        _shots.settle(200)

    app = create_application(theme="dark")
    clock = FakeClock()
    window = MainWindow(clock, themes.DARK)
    window.everyday.book.choose("gb")
    window.show()
    _shots.settle(600)
    config = BreathingConfig(PRESETS["resonance"], minutes=5, glide=False)
    screen = window.start_breathing(config)
    clock.advance(20.0)
    screen.tick()

    for name in ("dark", "light", "high-contrast"):
        window.settings.set(THEME, name)
        _shots.settle(300)
        window.open_help()
        grab_screen(f"help-over-breathing-{name}", f"Help over a paused breathing practice, {name}")
        close_help()

    window.settings.set(THEME, "dark")
    window.settings.set(TEXT_SIZE, 200)  # live, as a person would in Settings
    _shots.settle(400)
    window.open_help()
    grab_screen("help-over-breathing-200", "Help at 200% text set while the app runs, dark")
    close_help()
    window.settings.set(TEXT_SIZE, 100)
    window.show_home()
    _shots.settle(300)
    window.show_home()

    exercise = {e.id: e for e in load_builtin()[0]}["session-close"]
    content = ExerciseScreen(exercise, clock, themes.PRESENT, events=window.practice)
    presented = Presentation(
        ExercisePresented(content),
        clock,
        separate_controls=True,
        sound=window.sound,
        help_over=window.help_over,
        parent=window,
    )
    presented.show()
    controls = presented.controls
    assert controls is not None
    _shots.settle(500)
    presented.open_help(controls)
    grab_screen("help-over-controls", "Help over the therapist's control window (one screen)")
    close_help()
    presented.close()
    window.close()
    app.processEvents()
    return shots


if __name__ == "__main__":
    raise SystemExit(
        _shots.main(__doc__ or "", "benchmarks.help_screenshots", child, window_manager=True)
    )
