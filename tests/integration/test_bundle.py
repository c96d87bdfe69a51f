"""The standalone build (PyInstaller, packaging/kapcompanion.spec): built once per test run, it
carries the resources and sounds, answers on the command line, opens its window to a first painted
frame in a real X window, and can put itself in the applications menu."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from kapcompanion.cli.desktop import DESKTOP_FILE, exec_words
from kapcompanion.ui.shell.theme import DARK
from tests.helpers.xvfb import xvfb, xvfb_available

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "kapcompanion.spec"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.xvfb,
    pytest.mark.skipif(xvfb_available() is not None, reason=str(xvfb_available())),
]


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built folder (one build per test session)."""
    pytest.importorskip("PyInstaller", reason="PyInstaller is a dev dependency: make setup")
    work = tmp_path_factory.mktemp("pyinstaller")
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"), str(SPEC)],
        cwd=work, capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-4000:]
    folder = work / "dist" / "kapcompanion"
    assert (folder / "kapcompanion").is_file()
    return folder


def environment(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "PYTHON"))}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        KAPCOMPANION_DATA_DIR=str(home / "kapcompanion"),
        **extra,
    )
    return env


def test_the_build_carries_its_resources_and_sounds(bundle: Path) -> None:
    inside = bundle / "_internal" / "kapcompanion"
    for folder in ("resources", "audio"):
        shipped = sorted(p.relative_to(ROOT / folder) for p in (ROOT / folder).rglob("*.*"))
        carried = sorted(p.relative_to(inside / folder) for p in (inside / folder).rglob("*.*"))
        assert shipped and carried == shipped
    plugins = bundle / "_internal" / "PySide6" / "Qt" / "plugins"
    assert list((plugins / "platforms").glob("*xcb*")), "the X11 platform plugin is missing"


def test_the_build_answers_on_the_command_line(bundle: Path, tmp_path: Path) -> None:
    env = environment(tmp_path)
    listed = subprocess.run(
        [str(bundle / "kapcompanion"), "list"],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    assert "body-scan-10" in listed.stdout and "resonance" in listed.stdout
    version = subprocess.run(
        [str(bundle / "kapcompanion"), "--version"],
        env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    from kapcompanion import __version__

    assert version.stdout.strip() == f"kapcompanion {__version__}"


def count_colour(image: QImage, colour: str, step: int = 4) -> int:
    wanted = QColor(colour).rgb()
    return sum(
        1
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
        if image.pixel(x, y) == wanted
    )


def test_the_build_opens_its_window_to_a_first_frame(bundle: Path, tmp_path: Path) -> None:
    shot = tmp_path / "breathing.png"
    with xvfb() as display:
        env = environment(tmp_path, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        env["KAPCOMPANION_REPORT_FIRST_PAINT"] = "1"
        started = time.monotonic()
        result = subprocess.run(
            [str(bundle / "kapcompanion"), "breathe", "--minutes", "1",
             "--quit-after", "2.5", "--screenshot", str(shot)],
            env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr
    painted = [line for line in result.stdout.splitlines() if line.startswith("first-paint ")]
    assert painted, result.stdout + result.stderr
    assert 0 < float(painted[0].split()[1]) - started < 60
    assert "Traceback" not in result.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1280, 800)
    assert count_colour(image, DARK.accent) > 500  # the disc, drawn
    assert count_colour(image, DARK.background) > 5_000


def test_the_build_puts_itself_in_the_menu(bundle: Path, tmp_path: Path) -> None:
    env = environment(tmp_path)
    done = subprocess.run(
        [str(bundle / "kapcompanion"), "install-desktop"],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    entry = (tmp_path / "data" / "applications" / DESKTOP_FILE).read_text(encoding="utf-8")
    lines = entry.splitlines()
    (exec_line,) = [line for line in lines if line.startswith("Exec=") and "%f" in line]
    assert exec_words(exec_line.removeprefix("Exec="), ["/x.kapscript"]) == [
        str(bundle / "kapcompanion"),
        "/x.kapscript",
    ]
