"""Presentation on a real X server with two screens (Xvfb: 1280x800 and 1024x768): the practice
goes full screen on the chosen screen, the controls to the other, both windows take Space and
Esc, the control window's keys reach the runner, F1 there opens Help on the therapist's screen
while the practice waits, a cue key there puts a cue on the client's screen only, and the
command line names the screens.

The app runs in a child process (QT_QPA_PLATFORM=xcb), which reports what it saw as JSON and
saves a picture of each screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.xvfb import xvfb, xvfb_available

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
SCREENS = ("1280x800x24", "1024x768x24")

CHILD = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from kapcompanion.app import create_application
    from kapcompanion.domain.clock import MonotonicClock
    from kapcompanion.storage.library import load_builtin
    from kapcompanion.ui.shell.main_window import MainWindow
    from kapcompanion.ui.presentation.present import open_presentation

    out = Path(sys.argv[1])
    app = create_application()
    window = MainWindow(MonotonicClock())
    window.show()
    QTest.qWaitForWindowExposed(window)
    exercise = {e.id: e for e in load_builtin()[0]}["session-close"]
    p = open_presentation(window, exercise, 1)
    view, controls = p.view, p.controls
    QTest.qWaitForWindowExposed(view)
    QTest.qWaitForWindowExposed(controls)
    screens = QGuiApplication.screens()
    seen = {
        "screens": [[s.geometry().width(), s.geometry().height()] for s in screens],
        "view_screen": screens.index(view.screen()),
        "view_size": [view.width(), view.height()],
        "view_full": view.isFullScreen(),
        "controls_screen": screens.index(controls.screen()),
        "scale": p.scale,
        "overlay": view.overlay is not None,
    }

    def wait_for(condition, timeout_s):
        # Let events run until condition() holds (True) or timeout_s passes (False).
        deadline = time.monotonic() + timeout_s
        while not condition():
            if time.monotonic() > deadline:
                return False
            QTest.qWait(10)
        return True

    def settled():
        # Wait until the step has faded in and its last frame has reached the X server.
        assert wait_for(lambda: not p.content.fading, 5.0), "the fade never ended"
        view.repaint()
        QGuiApplication.sync()

    settled()
    for i, s in enumerate(screens):
        s.grabWindow(0).save(str(out / f"screen-{i}.png"))
    if len(sys.argv) > 2:  # pictures of later moments, for the docs
        p.next()
        settled()
        screens[1].grabWindow(0).save(str(out / "screen-1-step-2.png"))
        screens[0].grabWindow(0).save(str(out / "screen-0-step-2.png"))

    def step():
        return p.content.runner.state().step_index

    def mode():
        return str(p.content.mode)

    def paused():
        return p.content.paused

    def closed():
        return p.is_closed

    def key(widget, k, look):
        # Press k in widget's window; look() once it has changed (or after two seconds).
        widget.activateWindow()
        QTest.qWaitForWindowActive(widget, 3000)
        before = look()
        QTest.keyClick(widget.windowHandle(), k)
        wait_for(lambda: look() != before, 2.0)
        return look()

    keys = []
    keys.append(["controls right", key(controls, Qt.Key.Key_Right, step)])
    keys.append(["controls left", key(controls, Qt.Key.Key_Left, step)])
    keys.append(["controls space", key(controls, Qt.Key.Key_Space, paused)])
    keys.append(["controls space", key(controls, Qt.Key.Key_Space, paused)])
    keys.append(["controls esc", key(controls, Qt.Key.Key_Escape, mode)])
    from kapcompanion.ui.practice.stop_ask import StopAsk

    def asked_on_client():
        # What of "stop here?" and "paused" is visible on the client's screen.
        asks = [w.objectName() or "StopAsk" for w in view.findChildren(StopAsk) if w.isVisible()]
        return asks + (["paused"] if p.content.paused_label.isVisible() else [])

    view.repaint()
    QGuiApplication.sync()
    screens[1].grabWindow(0).save(str(out / "asked-client.png"))
    screens[0].grabWindow(0).save(str(out / "asked-controls.png"))
    seen["asked"] = {
        "on_client": asked_on_client(),
        "client_resting": view.resting,
        "on_controls": controls.panel.stop_here_button.isVisible(),
    }
    keys.append(["controls space", key(controls, Qt.Key.Key_Space, mode)])
    keys.append(["view space", key(view, Qt.Key.Key_Space, paused)])
    keys.append(["view space", key(view, Qt.Key.Key_Space, paused)])
    seen["keys"] = list(keys)

    # Key 1 in the therapist's window: a cue on the client's screen, and only there.
    before = screens[1].grabWindow(0).toImage()
    controls.activateWindow()
    QTest.qWaitForWindowActive(controls, 3000)
    QTest.keyClick(controls.windowHandle(), Qt.Key.Key_1)
    band = view.cue
    assert wait_for(lambda: band.opacity > 0.99, 5.0), "the cue never appeared in full"
    view.repaint()
    QGuiApplication.sync()
    shot = screens[1].grabWindow(0)
    shot.save(str(out / "cue.png"))
    after = shot.toImage()
    rect = band.geometry()
    changed = sum(
        before.pixel(x, y) != after.pixel(x, y)
        for x in range(rect.left(), rect.right(), 8)
        for y in range(rect.top(), rect.bottom(), 8)
    )
    seen["cue"] = {
        "screen": screens.index(band.screen()),
        "words": band.text(),
        "changed": changed > 50,
        "on_controls": [w.text() for w in controls.findChildren(type(band)) if w.isVisible()],
        "step": step(),
        "paused": paused(),
    }
    QTest.keyClick(controls.windowHandle(), Qt.Key.Key_0)
    seen["cue"]["faded"] = wait_for(lambda: not band.isVisible(), 5.0)

    # Step into orienting from the therapist's window, and back to the same step.
    outer = p.content
    before_step, before_time = step(), outer.runner.state().elapsed
    menu = controls.panel.into_button.menu()
    menu.actions()[0].trigger()
    QTest.qWait(300)
    inner_title = p.status().title
    inner_on = screens.index(p.content.screen())
    QTest.qWait(1000)
    controls.panel.back_to_button.click()
    QTest.qWait(100)
    seen["step_into"] = {
        "inner": inner_title,
        "inner_screen": inner_on,
        "back": p.content is outer,
        "same_step": step() == before_step,
        "time_kept": abs(outer.runner.state().elapsed - before_time) < 0.5,
    }

    # F1 in the therapist's window: Help opens there, the practice waits paused, Esc returns.
    from kapcompanion.ui.help.window import HelpWindow

    def helps():
        return [w for w in QApplication.topLevelWidgets()
                if isinstance(w, HelpWindow) and w.isVisible()]

    controls.activateWindow()
    QTest.qWaitForWindowActive(controls, 3000)
    QTest.keyClick(controls.windowHandle(), Qt.Key.Key_F1)
    assert wait_for(lambda: bool(helps()), 3.0), "Help did not open"
    help_window = helps()[0]
    QTest.qWaitForWindowExposed(help_window)
    QTest.qWait(200)
    QGuiApplication.sync()
    screens[0].grabWindow(0).save(str(out / "help-over-controls.png"))
    seen["help"] = {
        "screen": screens.index(help_window.screen()),
        "paused": paused(),
        "size": [help_window.width(), help_window.height()],
        "view_full": view.isFullScreen(),
    }
    QTest.keyClick(help_window.windowHandle(), Qt.Key.Key_Escape)
    wait_for(lambda: not helps(), 3.0)
    seen["help"]["closed"] = not helps()
    seen["help"]["still_paused"] = paused()
    seen["help"]["still_presenting"] = not closed()
    keys = []
    keys.append(["controls space", key(controls, Qt.Key.Key_Space, paused)])
    keys.append(["view esc", key(view, Qt.Key.Key_Escape, mode)])
    keys.append(["view esc", key(view, Qt.Key.Key_Escape, closed)])
    seen["keys"] += keys
    seen["outcome"] = p.content.outcome
    print(json.dumps(seen))
    window.close()
    """
)


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    reason = xvfb_available()
    if reason:
        pytest.skip(reason)
    with xvfb(screens=SCREENS) as name:
        yield name


def child_env(display: str) -> dict[str, str]:
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    env.pop("WAYLAND_DISPLAY", None)
    return env


def run(display: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=child_env(display),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_the_practice_goes_to_the_chosen_screen_and_both_windows_answer_keys(
    display: str, tmp_path: Path
) -> None:
    done = run(display, "-c", CHILD, str(tmp_path))
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["screens"] == [[1280, 800], [1024, 768]]
    assert seen["view_screen"] == 1 and seen["view_size"] == [1024, 768] and seen["view_full"]
    assert seen["controls_screen"] == 0 and not seen["overlay"]
    assert seen["scale"] == 1.0  # 768 px high: the usual sizes
    assert seen["keys"] == [
        ["controls right", 1],
        ["controls left", 0],
        ["controls space", True],
        ["controls space", False],
        ["controls esc", "prompt"],
        ["controls space", "step"],
        ["view space", True],
        ["view space", False],
        ["controls space", False],  # after Help: Space carries on
        ["view esc", "prompt"],
        ["view esc", True],
    ]
    assert seen["help"] == {
        "screen": 0,  # the therapist's screen; the client's screen still shows the practice
        "paused": True,
        "size": [780, 720],
        "view_full": True,
        "closed": True,
        "still_paused": True,
        "still_presenting": True,
    }
    assert seen["asked"] == {"on_client": [], "client_resting": True, "on_controls": True}
    assert seen["cue"] == {
        "screen": 1,
        "words": "You might feel your feet on the floor.",
        "changed": True,  # it shows on the client's screen
        "on_controls": [],  # and nowhere on the therapist's
        "step": 0,
        "paused": False,  # the practice carries on under it
        "faded": True,  # 0 lets it go
    }
    assert seen["step_into"] == {
        "inner": "Orienting to the room",
        "inner_screen": 1,  # on the client's screen, in place of the practice
        "back": True,
        "same_step": True,
        "time_kept": True,  # the second spent orienting is not the practice's
    }
    assert seen["outcome"] == "stopped"
    for i in (0, 1):
        assert (tmp_path / f"screen-{i}.png").stat().st_size > 1000


def test_list_names_both_screens(display: str) -> None:
    done = run(display, "-m", "kapcompanion", "list")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.split("Screens (", 1)[1].splitlines()
    assert lines[1].startswith("  0  ") and "1280x800 at 0,0" in lines[1]
    assert lines[2].startswith("  1  ") and "1024x768 at 0,0" in lines[2]


def test_an_unknown_screen_is_refused_with_the_list_of_screens(display: str) -> None:
    done = run(display, "-m", "kapcompanion", "present", "session-close", "--screen", "2")
    assert done.returncode == 2
    assert "there is no screen 2 here; the screens are:" in done.stderr
    assert "1280x800 at 0,0  (main screen)" in done.stderr and "1024x768" in done.stderr


def test_present_opens_straight_into_presentation_and_quits(display: str) -> None:
    done = run(
        display,
        "-m",
        "kapcompanion",
        "present",
        "longer-exhale",
        "--screen",
        "1",
        "--guest",
        "--quit-after",
        "2",
    )
    assert done.returncode == 0, done.stderr


IDENTIFY = textwrap.dedent(
    """
    import json
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from kapcompanion.app import create_application
    from kapcompanion.ui.presentation.identify import identify_screens
    from kapcompanion.ui.presentation.setup import PresentSetup
    from kapcompanion.ui.shell.theme import DARK

    app = create_application()
    page = PresentSetup([], DARK)
    labels = [page.screen_combo.itemText(i) for i in range(page.screen_combo.count())]
    cards = identify_screens(DARK)
    for card in cards:
        QTest.qWaitForWindowExposed(card)
    screens = QGuiApplication.screens()
    print(json.dumps({
        "labels": labels,
        "cards": [[screens.index(c.screen()), c.accessibleName()] for c in cards],
    }))
    """
)


def test_the_present_page_names_the_screens_and_shows_each_its_number(display: str) -> None:
    done = run(display, "-c", IDENTIFY)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["labels"][0].startswith("Screen 0 · ") and "1280 × 800" in seen["labels"][0]
    assert seen["labels"][1].startswith("Screen 1 · ") and "1024 × 768" in seen["labels"][1]
    assert [screen for screen, _ in seen["cards"]] == [0, 1]  # each card on its own screen
    assert seen["cards"][1][1].startswith("Screen 1 · ") and "1024 × 768" in seen["cards"][1][1]
