"""A second start of the app, with a window manager (openbox on Xvfb): the open window comes to
the front and takes the shared file it was given; no second window, no guest fallback."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kapcompanion.ui.shell.shared_file import CANNOT_TITLE
from tests.helpers.window_manager import (
    ROOT,
    active_window_name,
    desktop,
    desktop_available,
    wait_until,
    window_names,
)

pytestmark = [
    pytest.mark.xvfb,
    pytest.mark.skipif(desktop_available() is not None, reason=str(desktop_available())),
]

OTHER = "Another program"
OTHER_WINDOW = f"""
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel("something else")
label.setWindowTitle({OTHER!r})
label.resize(400, 200)
label.show()
label.activateWindow()
app.exec()
"""


@pytest.fixture
def env() -> Iterator[dict[str, str]]:
    with tempfile.TemporaryDirectory() as tmp, desktop() as display:
        yield dict(
            os.environ,
            DISPLAY=display,
            QT_QPA_PLATFORM="xcb",
            KAPCOMPANION_DATA_DIR=str(Path(tmp) / "data"),
            XDG_CONFIG_HOME=str(Path(tmp) / "config"),
        )


def start(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, *args], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def app_titles(display: str) -> list[str]:
    return [name for name in window_names(display) if name.endswith("kapcompanion")]


def test_a_second_start_brings_the_open_window_forward_and_hands_it_the_file(
    env: dict[str, str], tmp_path: Path
) -> None:
    display = env["DISPLAY"]
    first = start(env, "-m", "kapcompanion", "run", "--quit-after", "40")
    other = None
    try:
        assert wait_until(lambda: len(app_titles(display)) == 1)
        other = start(env, "-c", OTHER_WINDOW)
        assert wait_until(lambda: active_window_name(display) == OTHER)

        again = subprocess.run(
            [sys.executable, "-m", "kapcompanion"], cwd=ROOT, env=env, text=True,
            capture_output=True, timeout=60,
        )  # fmt: skip
        assert again.returncode == 0, again.stderr
        assert "already open" in again.stdout
        assert wait_until(lambda: active_window_name(display).endswith("kapcompanion"))
        assert len(app_titles(display)) == 1  # no second window

        # A shared script opened with the app goes to the open window, which says what it found.
        shared = tmp_path / "not really.kapscript"
        shared.write_text("not a shared script", encoding="utf-8")
        handed = subprocess.run(
            [sys.executable, "-m", "kapcompanion", str(shared)], cwd=ROOT, env=env, text=True,
            capture_output=True, timeout=60,
        )  # fmt: skip
        assert handed.returncode == 0, handed.stderr
        assert wait_until(lambda: any(CANNOT_TITLE in n for n in window_names(display)))
        assert first.poll() is None  # the first copy carries on
    finally:
        for process in (first, other):
            if process is not None:
                process.terminate()
                process.wait(timeout=10)


def test_a_copy_that_did_not_end_tidily_is_taken_over(env: dict[str, str]) -> None:
    """A socket left by a copy that was killed does not stop the next start."""
    first = start(env, "-m", "kapcompanion", "run", "--quit-after", "40")
    try:
        assert wait_until(lambda: len(app_titles(env["DISPLAY"])) == 1)
    finally:
        first.kill()
        first.wait(timeout=10)
    done = subprocess.run(
        [sys.executable, "-m", "kapcompanion", "run", "--quit-after", "1.5"], cwd=ROOT, env=env,
        text=True, capture_output=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "already open" not in done.stdout
