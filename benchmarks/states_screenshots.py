"""Screenshots of home by how a person feels, the practices it leads to, and the breathing
screen's words, in the dark and light themes and at 200% text.

Runs the app's own window in a private Xvfb (1280x800, xcb) with a fresh data and config folder
and saves PNGs to the folder given (docs/screenshots/ by default). Prints one JSON object as its
last line: the files written, and for home whether its page needs scrolling.

    python -m benchmarks.states_screenshots --out DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import _shots  # noqa: E402  (after the line above, for `python benchmarks/...`)

CASES = (("dark", 100), ("light", 100), ("dark", 200))
PRACTICES = ("when-it-gets-big", "coming-back", "resource")


def child(out: Path) -> dict[str, object]:
    from functools import partial

    from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

    from kapcompanion.app import create_application, save_screenshot
    from kapcompanion.domain.breathing_config import BreathingConfig
    from kapcompanion.domain.clock import FakeClock
    from kapcompanion.domain.feelings import Feeling
    from kapcompanion.domain.pacing import PRESETS
    from kapcompanion.services.settings import TEXT_SIZE, THEME, SettingsStore
    from kapcompanion.storage import open_log
    from kapcompanion.storage.logs import PracticeLogs
    from kapcompanion.ui.shell.appearance import apply_appearance
    from kapcompanion.ui.shell.main_window import MainWindow

    app = create_application()
    shots: dict[str, object] = {}

    def settle() -> None:
        for _ in range(5):
            QApplication.processEvents()
        _shots.settle(150)

    def scrolls(screen: QWidget) -> int:
        areas = [a for a in screen.findChildren(QScrollArea) if a.isVisible()]
        return max((a.verticalScrollBar().maximum() for a in areas), default=0)

    for theme, percent in CASES:
        store = SettingsStore()
        store.set(THEME, theme)
        store.set(TEXT_SIZE, percent)
        apply_appearance(store)
        clock = FakeClock()
        logs = PracticeLogs(partial(open_log, clock=clock))
        window = MainWindow(clock, apply_appearance(store), logs=logs)
        window.show()
        settle()
        suffix = f"{theme}" + ("" if percent == 100 else f"-{percent}")

        def shoot(
            name: str, screen: QWidget, window: MainWindow = window, suffix: str = suffix
        ) -> None:
            settle()
            path = out / f"{name}-{suffix}.png"
            save_screenshot(window, path)
            shots[path.name] = {"scroll_range_px": scrolls(screen)}

        shoot("home-by-feeling", window.home)
        # A feeling chosen: its first practice, then home offering the others.
        window.home.feelings.buttons[Feeling.OVERWHELMED].click()
        window.show_home()
        shoot("home-by-feeling-chosen", window.home)
        # The feelings and what the chosen one offers, scrolled to the top of the page.
        area = next(a for a in window.home.findChildren(QScrollArea) if a.isVisible())
        row = window.home.feelings
        page = area.widget()
        assert page is not None
        area.verticalScrollBar().setValue(row.mapTo(page, row.rect().topLeft()).y() - 20)
        shoot("home-by-feeling-offer", window.home)
        area.verticalScrollBar().setValue(0)
        for exercise_id in PRACTICES:
            exercise = window.library.find(exercise_id)
            assert exercise is not None
            screen = window.start_exercise(exercise)
            clock.advance(2.0)  # past the step's fade-in
            screen.tick()
            shoot(f"practice-{exercise_id}", screen)
            screen.next()
            clock.advance(2.0)
            screen.tick()
            shoot(f"practice-{exercise_id}-2", screen)
            window.show_home()
        config = BreathingConfig(pattern=PRESETS["longer-exhale"], minutes=5, glide=False)
        breathing = window.start_breathing(config)
        began = clock.now()
        for at, name in ((1.5, "in"), (6.5, "out")):
            clock.advance(began + at - clock.now())
            breathing.tick()
            shoot(f"breathing-{name}", breathing)
        window.show_home()
        box = BreathingConfig(pattern=PRESETS["box"], minutes=5, glide=False, allow_holds=True)
        breathing = window.start_breathing(box)
        clock.advance(5.5)
        breathing.tick()
        shoot("breathing-hold", breathing)
        window.show_home()
        settle()
        window.close()
        logs.close()
    app.quit()
    return shots


def main() -> int:
    return _shots.main(__doc__ or "", "benchmarks.states_screenshots", child)


if __name__ == "__main__":
    sys.exit(main())
