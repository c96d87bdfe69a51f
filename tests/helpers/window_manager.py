"""A private X display with a real window manager (openbox), for tests of what a desktop does to
a window: title bars, placement, focus.

:func:`desktop` starts Xvfb, then openbox on it, and waits until openbox has taken the screen
(it announces itself on the root window), so a window shown after that gets its frame.
:func:`run_child` runs a script of the tests in a process of its own on that display, with a
fresh data and config folder, and returns the JSON object its last line printed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.helpers.xvfb import xvfb, xvfb_available

ROOT = Path(__file__).resolve().parents[2]


def desktop_available() -> str | None:
    """None when Xvfb and openbox can both be started, else the reason they cannot."""
    reason = xvfb_available()
    if reason:
        return reason
    if shutil.which("openbox") is None:
        return "openbox is not installed (Debian package: openbox)"
    if shutil.which("xprop") is None:
        return "xprop is not installed (Debian package: x11-utils)"
    return None


def _manager_ready(display: str) -> bool:
    done = subprocess.run(
        ["xprop", "-root", "-display", display, "_NET_SUPPORTING_WM_CHECK"],
        capture_output=True,
        text=True,
        timeout=10,
    )
    return "window id #" in done.stdout


@contextmanager
def desktop(screens: tuple[str, ...] = ("1280x800x24",)) -> Iterator[str]:
    """Xvfb with openbox running on it; yields the DISPLAY string. Only what is started here is
    stopped."""
    with xvfb(screens) as display, tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, DISPLAY=display, HOME=home, XDG_CONFIG_HOME=home)
        manager = subprocess.Popen(
            ["openbox", "--sm-disable"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            give_up = time.monotonic() + 20
            while not _manager_ready(display):
                if manager.poll() is not None or time.monotonic() > give_up:
                    raise RuntimeError("openbox did not take the screen")
                time.sleep(0.05)
            yield display
        finally:
            manager.terminate()
            try:
                manager.wait(timeout=5)
            except subprocess.TimeoutExpired:
                manager.kill()
                manager.wait()


def run_child(
    display: str,
    module: str,
    *args: str,
    env: Mapping[str, str] | None = None,
    timeout: float = 120.0,
) -> dict[str, Any]:
    """``python -m module *args`` on ``display`` (the xcb platform, a fresh data and config
    folder); the JSON object on its last line of output."""
    with tempfile.TemporaryDirectory() as tmp:
        full_env = dict(
            os.environ,
            DISPLAY=display,
            QT_QPA_PLATFORM="xcb",
            KAPCOMPANION_DATA_DIR=str(Path(tmp) / "data"),
            XDG_CONFIG_HOME=str(Path(tmp) / "config"),
            **(env or {}),
        )
        done = subprocess.run(
            [sys.executable, "-m", module, *args],
            cwd=ROOT,
            env=full_env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    if done.returncode != 0 or not done.stdout.strip():
        raise AssertionError(f"{module} ended with {done.returncode}:\n{done.stdout}{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _xprop(display: str, *args: str) -> str:
    done = subprocess.run(
        ["xprop", "-display", display, *args], capture_output=True, text=True, timeout=10
    )
    return done.stdout


def _name_of(display: str, window_id: str) -> str:
    out = _xprop(display, "-id", window_id, "_NET_WM_NAME", "WM_NAME")
    for line in out.splitlines():
        if "=" in line and '"' in line:
            return line.split("=", 1)[1].strip().strip('"')
    return ""


def window_names(display: str) -> list[str]:
    """The titles of the windows the window manager is managing."""
    out = _xprop(display, "-root", "_NET_CLIENT_LIST")
    ids = [part.strip() for part in out.split("#", 1)[-1].split(",")] if "#" in out else []
    return [_name_of(display, i) for i in ids if i.startswith("0x")]


def active_window_name(display: str) -> str:
    """The title of the window that has the focus ("" for none)."""
    out = _xprop(display, "-root", "_NET_ACTIVE_WINDOW")
    window_id = out.split("#", 1)[-1].strip().split(",")[0].strip() if "#" in out else ""
    return _name_of(display, window_id) if window_id.startswith("0x") and window_id != "0x0" else ""


def wait_until(check: Callable[[], bool], seconds: float = 20.0) -> bool:
    give_up = time.monotonic() + seconds
    while not check():
        if time.monotonic() > give_up:
            return False
        time.sleep(0.1)
    return True
