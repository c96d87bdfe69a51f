"""Seconds from starting the app to its first painted frame, in a real X window.

For each run a fresh process is started under a private Xvfb (xcb platform, 1280x800) with
KAPCOMPANION_REPORT_FIRST_PAINT set; the main window then prints the monotonic time once its first
frame has been painted and handed to the X server. The figure is that time minus the moment just
before the process was started (both read from the same system monotonic clock). Goal < 0.6 s,
aim < 0.3 s. The median of --runs runs is reported for the home screen and for `breathe`, and,
as the floor, for a minimal PySide6 program that shows a window of the same size with one label
and reports its first frame the same way.

Python's compiled bytecode is kept in a private cache folder (PYTHONPYCACHEPREFIX) that one
warm-up run fills, as an installed app has its bytecode compiled at install time; a run that
compiles every module from source first (PYTHONDONTWRITEBYTECODE=1 with no cache) is also
reported, as ``*_no_bytecode``, with --cold.

Usage: python benchmarks/startup.py [--runs 5] [--cold]
The last line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.helpers.xvfb import xvfb  # noqa: E402

COMMANDS = {
    "home": ["run"],
    "breathe": ["breathe", "--pattern", "resonance", "--minutes", "5"],
}

#: The floor: a minimal PySide6 program (a 1280x800 window with one label) that reports its
#: first painted frame the way the main window does. Nothing the app does can start faster.
FLOOR = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

def report():
    sys.stdout.write(f"first-paint {time.monotonic():.6f}\\n")
    sys.stdout.flush()

class Window(QMainWindow):
    reported = False

    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.reported:
            self.reported = True
            QTimer.singleShot(0, report)

app = QApplication(sys.argv[:1])
window = Window()
window.resize(1280, 800)
window.setCentralWidget(QLabel("kapcompanion"))
window.show()
QTimer.singleShot(1500, app.quit)
app.exec()
"""


def one_run(display: str, args: list[str], data: Path, bytecode: Path | None) -> float:
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    env.pop("PYTHONPYCACHEPREFIX", None)
    if bytecode is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(bytecode)
    env["KAPCOMPANION_REPORT_FIRST_PAINT"] = "1"
    env["KAPCOMPANION_DATA_DIR"] = str(data / "data")
    env["XDG_CONFIG_HOME"] = str(data / "config")
    command = ["-c", FLOOR] if args == ["floor"] else ["-m", "kapcompanion", *args]
    if args != ["floor"]:
        command += ["--quit-after", "1.5"]
    before = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, *command],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    painted: float | None = None
    assert child.stdout is not None
    for line in child.stdout:
        if line.startswith("first-paint "):
            painted = float(line.split()[1])
            break
    _, err = child.communicate(timeout=60)
    if painted is None:
        raise RuntimeError(
            f"the app never reported a painted frame (status {child.returncode})\n{err}"
        )
    return painted - before


def _summary(times: list[float]) -> dict[str, object]:
    return {
        "median_s": round(statistics.median(times), 3),
        "min_s": round(min(times), 3),
        "max_s": round(max(times), 3),
        "runs": [round(t, 3) for t in times],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--cold", action="store_true", help="also time starts that compile every module first"
    )
    args = parser.parse_args()
    result: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp, xvfb(("1280x800x24",)) as display:
        data, bytecode = Path(tmp), Path(tmp) / "bytecode"
        for command in COMMANDS.values():  # fill the bytecode cache and the file cache
            one_run(display, command, data, bytecode)
        for name, command in COMMANDS.items():
            result[name] = _summary(
                [one_run(display, command, data, bytecode) for _ in range(args.runs)]
            )
            print(json.dumps({name: result[name]}), flush=True)
        if args.cold:
            for name, command in COMMANDS.items():
                key = f"{name}_no_bytecode"
                result[key] = _summary(
                    [one_run(display, command, data, None) for _ in range(args.runs)]
                )
                print(json.dumps({key: result[key]}), flush=True)
        floor = _summary([one_run(display, ["floor"], data, bytecode) for _ in range(args.runs)])
        result["floor_minimal_pyside6"] = floor
        print(json.dumps({"floor_minimal_pyside6": floor}), flush=True)
    home = result["home"]
    assert isinstance(home, dict)
    result["startup_s"] = home["median_s"]
    result["goal"] = "< 0.6 s (aim < 0.3 s), process start to first painted frame"
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
