"""Screenshots of the home and breathing screens in a real X window, for docs/screenshots/.

The app runs under a private Xvfb on the xcb platform (not offscreen), with a fake clock so each
picture shows an exact moment of the breath; the window is grabbed from the X server as a person
would see it. Run from the repository root:

    python -m benchmarks.screenshots [--out docs/screenshots]

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
    """Runs inside the Xvfb display: opens the app and grabs each state."""
    from functools import partial

    from kapcompanion.app import create_application
    from kapcompanion.domain.breathing_config import BreathingConfig
    from kapcompanion.domain.clock import FakeClock, MonotonicClock
    from kapcompanion.domain.pacing import PRESETS, PacerTimeline
    from kapcompanion.storage import open_log
    from kapcompanion.storage.logs import PracticeLogs
    from kapcompanion.ui.breathing.screen import BreathingScreen
    from kapcompanion.ui.shell import theme as themes
    from kapcompanion.ui.shell.main_window import MainWindow

    shots: list[dict[str, object]] = []

    def grab(window: MainWindow, name: str, what: str) -> None:
        _shots.settle(250)
        path = out / f"{name}.png"
        _shots.save(window, path)
        shots.append({"file": _shots.shown(path), "shows": what})

    def back_home(window: MainWindow) -> None:
        # Leaving a practice may bring up the optional after-practice question; leave it too.
        window.show_home()
        _shots.settle(100)
        window.show_home()

    def practice(
        window: MainWindow, clock: FakeClock, config: BreathingConfig, t: float
    ) -> BreathingScreen:
        start = clock.now()
        screen = window.start_breathing(config)
        clock.set(start + t)
        screen.tick()
        return screen

    app = create_application(theme="dark")
    out.mkdir(parents=True, exist_ok=True)

    for theme_name in ("dark", "light"):
        themes.apply(app, themes.THEMES[theme_name])
        clock = FakeClock()
        # As the app opens it: with a practice log (in the private data folder set below).
        logs = PracticeLogs(partial(open_log, clock=MonotonicClock()), guest=False)
        window = MainWindow(clock, themes.THEMES[theme_name], logs=logs)
        window.show()
        _shots.settle(500)
        suffix = "" if theme_name == "dark" else "-light"
        grab(window, f"home{suffix}", f"home screen, {theme_name} theme")

        resonance = PRESETS["resonance"]
        inhale = resonance.phases[0].seconds
        config = BreathingConfig(resonance, minutes=5, glide=False)
        practice(window, clock, config, 0.6 * inhale)
        grab(window, f"breathing-in{suffix}", "resonance, 60% through the breath in")
        if theme_name == "light":
            back_home(window)
            window.close()
            logs.close()
            continue

        back_home(window)
        practice(window, clock, config, inhale + 0.5 * inhale)
        grab(window, "breathing-out", "resonance, halfway through the breath out")

        back_home(window)
        box = BreathingConfig(PRESETS["box"], minutes=2, glide=False, allow_holds=True)
        practice(window, clock, box, 5.5)
        grab(window, "breathing-rest", "box with holds allowed, 1.5 s into the hold after the in")

        back_home(window)
        still = BreathingConfig(resonance, minutes=5, glide=False, reduced_motion=True)
        practice(window, clock, still, 0.6 * inhale)
        grab(window, "breathing-reduced-motion", "reduced motion, 60% through the breath in")

        back_home(window)
        screen = practice(window, clock, config, 0.3 * inhale)
        screen.pause()
        grab(window, "breathing-paused", "paused during the breath in")

        back_home(window)
        short = BreathingConfig(PRESETS["longer-exhale"], minutes=1, glide=True)
        end = PacerTimeline(short.pattern, 60.0).end_time or 60.0
        practice(window, clock, short, end + 5.0)
        grab(window, "breathing-end", "the gentle end of a one-minute practice")
        back_home(window)
        window.close()
        logs.close()
    return shots


def main() -> int:
    return _shots.main(__doc__ or "", "benchmarks.screenshots", child)


if __name__ == "__main__":
    sys.exit(main())
