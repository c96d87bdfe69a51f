"""What the screenshot scripts share: running their app part in a private Xvfb, waiting for the
window system in real time, and saving what a window shows.

Each script has a ``child(out)`` that runs inside the X display and returns what it wrote; its
``main`` hands that to :func:`main`, which starts Xvfb (1280x800), runs the script again as
``--child`` there with a fresh data and config folder, and prints the child's JSON line as the
last line of output.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def settle(ms: int) -> None:
    """Let the window system catch up (real time passes here; a practice's fake clock does
    not)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shown(path: Path) -> str:
    """``path`` as the JSON line names it: from the repository root when it lies inside."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def save(window: Any, path: Path) -> None:
    """Save what ``window`` shows as a PNG, or raise."""
    from kapcompanion.app import save_screenshot

    if not save_screenshot(window, path):
        raise RuntimeError(f"could not write {path}")


#: The variables a system names its language by: taken out, so pictures come in the language
#: the script chooses.
SYSTEM_LANGUAGE = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def main(
    doc: str,
    module: str,
    child: Callable[[Path], object],
    *,
    env: Mapping[str, str] | None = None,
    unset: Iterable[str] = (),
    window_manager: bool = False,
    screens: tuple[str, ...] = ("1280x800x24",),
    out: Path | None = None,
) -> int:
    """The command line of a screenshot script: ``doc`` is its description, ``module`` its
    name for ``python -m``. ``env`` is added to the child's environment and ``unset`` taken
    out of it. ``window_manager`` runs openbox on the display (title bars and placement as on
    a desktop), when it is installed; ``screens`` are the X screens of the private display;
    ``out`` is where the pictures go unless ``--out`` says otherwise."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--out", type=Path, default=out or ROOT / "docs" / "screenshots")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    out = args.out.resolve()

    if args.child:
        print(json.dumps({"screenshots": child(out)}))
        return 0

    from tests.helpers.xvfb import xvfb

    with tempfile.TemporaryDirectory() as tmp, xvfb(screens) as display:
        child_env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", **(env or {}))
        for name in unset:
            child_env.pop(name, None)
        child_env["KAPCOMPANION_DATA_DIR"] = str(Path(tmp) / "data")
        child_env["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
        manager = None
        if window_manager and shutil.which("openbox"):
            manager = subprocess.Popen(
                ["openbox", "--sm-disable"],
                env=child_env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        result = subprocess.run(
            [sys.executable, "-m", module, "--child", "--out", str(out)],
            cwd=ROOT,
            env=child_env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if manager is not None:
            manager.terminate()
            manager.wait(timeout=5)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        return result.returncode
    print(result.stdout.strip().splitlines()[-1])
    return 0
