"""Screenshots of presenting in the room, on two screens with a window manager.

The therapist's screen (1280x800, screen 0) and the client's (1024x768, screen 1): the present
page in each theme and at 200% text set while the app runs; a grounding cue on the client's
screen with the therapist's window beside it; "stop here?" asked on the therapist's side while
the client's screen rests; breathing together after the therapist has tapped the client's
breath. Run from the repository root:

    python -m benchmarks.present_screenshots [--out docs/screenshots]

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
    """Runs inside the Xvfb display: the present page, then three moments of presenting."""
    from PySide6.QtGui import QGuiApplication

    from kapcompanion.app import create_application
    from kapcompanion.domain.clock import FakeClock
    from kapcompanion.services.settings import TEXT_SIZE, THEME
    from kapcompanion.storage.library import load_builtin
    from kapcompanion.ui.presentation.present import open_presentation
    from kapcompanion.ui.presentation.setup import PresentSetup, open_setup
    from kapcompanion.ui.presentation.together import TogetherPresented
    from kapcompanion.ui.shell import theme as themes
    from kapcompanion.ui.shell.main_window import MainWindow

    shots: list[dict[str, object]] = []
    out.mkdir(parents=True, exist_ok=True)

    def grab(index: int, name: str, what: str) -> None:
        _shots.settle(500)
        QGuiApplication.sync()
        path = out / f"{name}.png"
        if not screens[index].grabWindow(0).save(str(path)):
            raise RuntimeError(f"could not write {path}")
        shots.append({"file": _shots.shown(path), "shows": what})

    app = create_application(theme="dark")
    screens = QGuiApplication.screens()
    clock = FakeClock(100.0)
    window = MainWindow(clock, themes.DARK)
    window.show()
    _shots.settle(600)

    page = open_setup(window, "session-close")
    assert isinstance(page, PresentSetup)
    page.cue_edits[0].setText("The blanket is here if you'd like it.")
    for name in ("dark", "light"):
        window.settings.set(THEME, name)
        what = f"The present page, {name}, with one cue of the therapist's"
        grab(0, f"present-page-{name}", what)
    window.settings.set(THEME, "dark")
    window.settings.set(TEXT_SIZE, 200)  # live, as in Settings
    grab(0, "present-page-200", "The present page at 200% text set while the app runs")
    window.settings.set(TEXT_SIZE, 100)
    page.stop()
    _shots.settle(300)

    close = {e.id: e for e in load_builtin()[0]}["session-close"]
    p = open_presentation(window, close, 1)
    controls = p.controls
    assert controls is not None
    _shots.settle(800)
    p.offer_cue(1)
    clock.advance(3.0)
    p.view.cue.refresh()
    p.refresh()
    grab(1, "present-cue-client", "A grounding cue on the client's screen over the first step")
    grab(0, "present-cue-controls", "The therapist's window while the cue shows")
    p.take_away_cue()
    clock.advance(5.0)
    p.view.cue.refresh()
    p.request_stop()
    p.refresh()
    grab(1, "present-asked-client", "The client's screen while 'stop here?' is asked elsewhere")
    grab(0, "present-asked-controls", "'Stop here?' on the therapist's side")
    p.close()
    _shots.settle(300)

    from kapcompanion.domain.together import TogetherPace

    q = open_presentation(window, TogetherPace(6.0), 1)
    practice = q.practice
    assert isinstance(practice, TogetherPresented)
    _shots.settle(500)
    for gap in (1.0, 5.0, 5.0):
        clock.advance(gap)
        practice.tap()
    clock.advance(1.2)
    practice.tick()
    q.refresh()
    grab(1, "together-client", "Breathing together on the client's screen: the shape, one line")
    grab(0, "together-controls", "Breathing together on the therapist's side after three taps")
    q.close()
    _shots.settle(300)

    window.settings.set(TEXT_SIZE, 200)  # the therapist's text size, set while the app runs
    r = open_presentation(window, close, 1)
    _shots.settle(800)
    grab(0, "present-controls-200", "The therapist's window at 200% text")
    r.close()
    window.settings.set(TEXT_SIZE, 100)
    window.close()
    app.processEvents()
    return shots


if __name__ == "__main__":
    raise SystemExit(
        _shots.main(
            __doc__ or "",
            "benchmarks.present_screenshots",
            child,
            window_manager=True,
            screens=("1280x800x24", "1024x768x24"),
        )
    )
