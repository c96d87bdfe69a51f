"""Screenshots of home, settings and the first-start notice in every theme and at 200% text.

Runs the app's own window in a private Xvfb (1280x800, xcb) with a fresh data and config folder,
sets the theme and text size through the settings store as a person would, and saves PNGs to
docs/screenshots/. Prints one JSON object as its last line: the files written, and for each
screen whether its page needs scrolling at that size.

    python -m benchmarks.everyday_screenshots [--out DIR]
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import _shots  # noqa: E402  (after the line above, for `python benchmarks/...`)

CASES = (("dark", 100), ("light", 100), ("high-contrast", 100), ("dark", 200))


def child(out: Path) -> dict[str, object]:
    from functools import partial

    from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

    from kapcompanion.app import create_application, save_screenshot
    from kapcompanion.domain.clock import MonotonicClock
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

    def scrolls(screen: QWidget) -> int:
        areas = [a for a in screen.findChildren(QScrollArea) if a.isVisible()]
        return max((a.verticalScrollBar().maximum() for a in areas), default=0)

    for theme, percent in CASES:
        store = SettingsStore()
        store.set(THEME, theme)
        store.set(TEXT_SIZE, percent)
        apply_appearance(store)
        logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
        window = MainWindow(MonotonicClock(), apply_appearance(store), logs=logs)
        window.show()
        settle()
        window.home.show_again("Gentle settle · 5 min")
        suffix = f"{theme}" + ("" if percent == 100 else f"-{percent}")

        def home(shown: MainWindow = window) -> QWidget:
            return shown.home

        screens: dict[str, Callable[[], QWidget]] = {
            "home": home,
            "settings": window.open_settings,
            "first-start": window.everyday.open_first_start,
        }
        for name, opener in screens.items():
            screen = opener()
            settle()
            path = out / f"everyday-{name}-{suffix}.png"
            save_screenshot(window, path)
            shots[path.name] = {"scroll_range_px": scrolls(screen)}
            general = getattr(screen, "general", None)
            if general is not None:
                # The general sections, further down the page.
                area = next(a for a in screen.findChildren(QScrollArea) if a.isVisible())
                top = general.mapTo(area.widget(), general.rect().topLeft()).y()
                area.verticalScrollBar().setValue(top - 20)
                settle()
                path = out / f"everyday-settings-general-{suffix}.png"
                save_screenshot(window, path)
                shots[path.name] = {"scroll_range_px": scrolls(screen)}
            window.show_home()
            settle()
        window.close()
        logs.close()
    app.quit()
    return shots


def main() -> int:
    # The region guess on the first-start notice follows LANG, as on a person's desktop.
    return _shots.main(
        __doc__ or "",
        "benchmarks.everyday_screenshots",
        child,
        env={"LANG": "en_US.UTF-8"},
        unset=("LC_ALL",),
    )


if __name__ == "__main__":
    sys.exit(main())
