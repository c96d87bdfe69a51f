"""The built wheel, installed in a fresh virtual environment, puts itself in the applications menu:
``kapcompanion install-desktop`` into a private XDG home writes a valid entry whose Exec line
starts that installed app to a first painted frame in a real X window, and the file type names
the entry as its default; ``--uninstall`` then leaves the home as it was.

The wheel is installed without its dependencies, which the new environment reads from this one's
(a .pth file), so the test needs no download; kapcompanion itself comes from the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import time
import venv
from pathlib import Path

import pytest

from kapcompanion.cli.desktop import APP_ID, DESKTOP_FILE, MIME_TYPE, exec_words
from tests.helpers.xvfb import xvfb, xvfb_available

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.xvfb,
    pytest.mark.skipif(xvfb_available() is not None, reason=str(xvfb_available())),
    pytest.mark.skipif(
        not (shutil.which("xdg-mime") and shutil.which("update-mime-database")),
        reason="xdg-mime and update-mime-database are needed (Debian: xdg-utils, shared-mime-info)",
    ),
]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed; its folder."""
    tmp = tmp_path_factory.mktemp("wheel")
    dist = tmp / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)],
        check=True,
        cwd=tmp,
    )
    (wheel,) = dist.glob("kapcompanion-*.whl")
    env_dir = tmp / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    subprocess.run(
        [str(py), "-m", "pip", "install", "--no-deps", "--quiet", str(wheel)], check=True
    )
    site = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    Path(site, "dependencies-from-the-test-environment.pth").write_text(
        "".join(f"{p}\n" for p in sorted(ours))
    )
    return env_dir


def environment(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    for name in ("PYTHONPATH", "DESKTOP_SESSION", "KDE_FULL_SESSION", "GNOME_DESKTOP_SESSION_ID"):
        env.pop(name, None)
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        KAPCOMPANION_DATA_DIR=str(home / "kapcompanion"),
        **extra,
    )
    return env


def desktop_value(text: str, key: str) -> str:
    group = ""
    for line in text.splitlines():
        if line.startswith("["):
            group = line
        elif group == "[Desktop Entry]" and line.startswith(f"{key}="):
            return line.partition("=")[2]
    raise KeyError(key)


def first_frame(command: list[str], env: dict[str, str], timeout: float = 60.0) -> float:
    """Start ``command`` as a launcher does and wait for the window's first painted frame;
    seconds from start to that frame. The app is then closed."""
    started = time.monotonic()
    child = subprocess.Popen(
        command,
        env=env,
        cwd=env["HOME"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        deadline = started + timeout
        for line in child.stdout:
            if line.startswith("first-paint "):
                return float(line.split()[1]) - started
            if time.monotonic() > deadline:
                break
        child.kill()
        _, err = child.communicate(timeout=10)
        raise AssertionError(f"no first frame from {command} (status {child.returncode}):\n{err}")
    finally:
        if child.poll() is None:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        for stream in (child.stdout, child.stderr):
            if stream is not None:
                stream.close()


def test_the_installed_app_installs_its_menu_entry_and_starts_from_it(
    installed: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    (home / "config").mkdir()
    before = sorted(str(p.relative_to(home)) for p in home.rglob("*"))
    program = installed / "bin" / "kapcompanion"
    env = environment(home)

    done = subprocess.run(
        [str(program), "install-desktop"], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    entry_file = home / "data" / "applications" / DESKTOP_FILE
    assert f"wrote {entry_file}" in done.stdout
    assert (home / "data" / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
    assert (home / "data" / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()

    # The entry is valid as written, and starts the installed console script.
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(
            ["desktop-file-validate", str(entry_file)], capture_output=True, text=True
        )
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout
    text = entry_file.read_text(encoding="utf-8")
    command = exec_words(desktop_value(text, "Exec"))
    assert command == [str(program)]
    assert desktop_value(text, "TryExec") == str(program)

    # The desktop knows the file type and opens it with this entry.
    assert "*.kapscript" in (home / "data" / "mime" / "globs2").read_text()
    answer = subprocess.run(
        ["xdg-mime", "query", "default", MIME_TYPE],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert answer.stdout.strip() == DESKTOP_FILE

    # The Exec line, run as a launcher runs it, opens the app to a first painted frame.
    with xvfb() as display:
        shown = dict(env, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        shown["KAPCOMPANION_REPORT_FIRST_PAINT"] = "1"
        seconds = first_frame(command, shown)
    assert 0 < seconds < 60
    # The app it started is the installed one: its resources come from the new environment.
    probe = subprocess.run(
        [str(installed / "bin" / "python"), "-c",
         "from kapcompanion.resources import resources_dir; print(resources_dir())"],
        env=env, cwd=home, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert str(installed) in probe.stdout

    gone = subprocess.run(
        [str(program), "install-desktop", "--uninstall"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert gone.returncode == 0, gone.stderr
    assert f"removed {entry_file}" in gone.stdout
    after = sorted(
        str(p.relative_to(home)) for p in home.rglob("*") if "kapcompanion" not in p.parts
    )
    assert after == before
