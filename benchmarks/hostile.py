"""Hostile files and faults: does the app start, and how soon is its first frame painted?

Each case makes a fresh config and data folder, puts one kind of hostile file at one of the
app's paths (a pipe, a link to /dev/zero, a 3 GB sparse file, a folder, text nested 10,000
levels deep, a foreign SQLite file, 1000 broken scripts...), and starts the app in a real
window under a private Xvfb, or runs the command that reads that file. No case may hang: each
has a time limit (``--limit``, 30 s by default) after which it is killed and counted as hung.

Per case it prints the outcome and, for the window, the time from starting the process to its
first painted frame (the app prints it with KAPCOMPANION_REPORT_FIRST_PAINT set). The problems
panel with 1000 broken scripts is also timed from the key press to the panel on screen. The last
line is one JSON object with every figure.

    .venv/bin/python benchmarks/hostile.py [--limit 30]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.data.hostile import corpus  # noqa: E402
from tests.helpers.xvfb import xvfb  # noqa: E402

Plant = Callable[[Path, Path], None]  # (config folder, data folder)

BROKEN = 'id = "broken-{n}"\ntitle = 3\n[[step]]\ntext = 5\nseconds = -1\n'


def _foreign(path: Path) -> Path:
    """Another program's SQLite file, with the log's user_version."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    return path


def _practised(config: Path, data: Path) -> None:
    """A log with a few practices, as the app writes it."""
    from kapcompanion.domain.clock import MonotonicClock
    from kapcompanion.storage import open_log

    with open_log(data / "practice-log.sqlite3", clock=MonotonicClock()) as store:
        for _ in range(3):
            store.finish_practice(store.start_practice("breathing", "resonance"), actual_s=60)


def _broken_scripts(data: Path) -> None:
    scripts = data / "scripts"
    scripts.mkdir(parents=True, exist_ok=True)
    for n in range(1000):
        (scripts / f"broken-{n:04d}.toml").write_text(BROKEN.format(n=n), encoding="utf-8")


def _in(folder: Callable[[Path, Path], Path], make: Callable[[Path], Path]) -> Plant:
    def plant(config: Path, data: Path) -> None:
        target = folder(config, data)
        target.parent.mkdir(parents=True, exist_ok=True)
        make(target)

    return plant


def crisis(c: Path, d: Path) -> Path:
    return c / "crisis" / "us.toml"


def settings(c: Path, d: Path) -> Path:
    return c / "settings.ini"


def log(c: Path, d: Path) -> Path:
    return d / "practice-log.sqlite3"


def script(c: Path, d: Path) -> Path:
    return d / "scripts" / "hostile.toml"


#: Cases started as the app's window: what is planted before the start.
WINDOW_CASES: dict[str, Plant] = {
    "nothing hostile": lambda c, d: None,
    "crisis file: pipe": _in(crisis, corpus.fifo),
    "crisis file: link to /dev/zero": _in(crisis, corpus.zero_link),
    "crisis file: 3 GB sparse": _in(crisis, corpus.sparse),
    "crisis file: nested 10,000 deep": _in(crisis, corpus.deep_toml),
    "settings.ini: pipe": _in(settings, corpus.fifo),
    "settings.ini: link to /dev/zero": _in(settings, corpus.zero_link),
    "settings.ini: 3 GB sparse": _in(settings, corpus.sparse),
    "settings.ini: binary": _in(settings, corpus.deep_ini),
    "practice log: pipe": _in(log, corpus.fifo),
    "practice log: link to /dev/zero": _in(log, corpus.zero_link),
    "practice log: 3 GB sparse": _in(log, corpus.sparse),
    "practice log: folder": _in(log, corpus.folder),
    "practice log: foreign SQLite": _in(log, _foreign),
    "script: pipe": _in(script, corpus.fifo),
    "script: link to /dev/zero": _in(script, corpus.zero_link),
    "script: 3 GB sparse": _in(script, corpus.sparse),
    "script: nested 10,000 deep": _in(script, corpus.deep_toml),
    "1000 broken scripts": lambda c, d: _broken_scripts(d),
}

#: Cases run as a command: (what is planted, the command's arguments given the folder).
COMMAND_CASES: dict[str, tuple[Plant, Callable[[Path], list[str]]]] = {
    "check-script: pipe": (
        lambda c, d: None,
        lambda t: ["check-script", str(corpus.fifo(t / "s.toml"))],
    ),
    "check-script: /dev/zero": (lambda c, d: None, lambda t: ["check-script", "/dev/zero"]),
    "check-script: 3 GB sparse": (
        lambda c, d: None,
        lambda t: ["check-script", str(corpus.sparse(t / "s.toml"))],
    ),
    "export: log is a pipe": (
        _in(log, corpus.fifo),
        lambda t: ["export", "--out", str(t / "x.json")],
    ),
    "export: foreign SQLite": (
        _in(log, _foreign),
        lambda t: ["export", "--out", str(t / "x.json")],
    ),
    "export: --to 9999-12-31": (
        _practised,
        lambda t: ["export", "--to", "9999-12-31", "--out", str(t / "x.pdf")],
    ),
    "import: pipe": (lambda c, d: None, lambda t: ["import", str(corpus.fifo(t / "b.json"))]),
    "import: link to /dev/zero": (
        lambda c, d: None,
        lambda t: ["import", str(corpus.zero_link(t / "b.json"))],
    ),
    "import: nested 10,000 deep": (
        lambda c, d: None,
        lambda t: ["import", str(corpus.deep_json(t / "b.json"))],
    ),
    "import: 3 GB sparse": (
        lambda c, d: None,
        lambda t: ["import", str(corpus.sparse(t / "b.json"))],
    ),
    "list: 1000 broken scripts": (lambda c, d: _broken_scripts(d), lambda t: ["list"]),
}

PANEL = """
import sys, time
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from kapcompanion.app import create_application
from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.ui.shell.main_window import MainWindow
app = create_application()
win = MainWindow(MonotonicClock())
win.resize(1280, 800)
win.show()
QTest.qWaitForWindowExposed(win)
button = win.home.exercise_list.problems_button
button.setFocus()
started = time.monotonic()
QTest.keyClick(button, Qt.Key.Key_Return)
panel = win.current_screen
QTest.qWaitForWindowExposed(panel)
app.processEvents()
print("panel", time.monotonic() - started, type(panel).__name__, panel.cards_shown, flush=True)
"""


def _env(home: Path, display: str) -> dict[str, str]:
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    env["KAPCOMPANION_REPORT_FIRST_PAINT"] = "1"
    env["KAPCOMPANION_DATA_DIR"] = str(home / "data")
    env["XDG_CONFIG_HOME"] = str(home / "config")
    return env


def _folders(home: Path) -> tuple[Path, Path]:
    config, data = home / "config" / "kapcompanion", home / "data"
    config.mkdir(parents=True)
    data.mkdir()
    return config, data


def _run(args: list[str], env: dict[str, str], limit: float) -> tuple[str, int | None, str, str]:
    """(outcome, status, stdout, stderr); outcome "hung" when the limit passed."""
    child = subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        out, err = child.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        child.kill()
        out, err = child.communicate()
        return "hung", None, out, err
    if "Traceback" in err or child.returncode < 0:
        return "crashed", child.returncode, out, err
    return "ok", child.returncode, out, err


def window_case(plant: Plant, display: str, limit: float) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        plant(*_folders(home))
        before = time.monotonic()
        args = [sys.executable, "-m", "kapcompanion", "run", "--quit-after", "1.5"]
        outcome, status, out, err = _run(args, _env(home, display), limit)
        painted = next(
            (float(line.split()[1]) for line in out.splitlines() if line.startswith("first-paint")),
            None,
        )
    if outcome == "ok" and (status != 0 or painted is None):
        outcome = "no window"
    result: dict[str, object] = {"outcome": "started" if outcome == "ok" else outcome}
    if painted is not None:
        result["first_frame_s"] = round(painted - before, 3)
    if outcome != "ok":
        result["stderr"] = err.strip().splitlines()[-1:] if err.strip() else []
    return result


def command_case(
    plant: Plant, args: Callable[[Path], list[str]], display: str, limit: float
) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        plant(*_folders(home))
        before = time.monotonic()
        command = [sys.executable, "-m", "kapcompanion", *args(home)]
        outcome, status, out, err = _run(command, _env(home, display), limit)
        took = time.monotonic() - before
    said = (err.strip() or out.strip()).splitlines()
    return {
        "outcome": "answered" if outcome == "ok" else outcome,
        "status": status,
        "seconds": round(took, 3),
        "said": said[0][:160] if said else "",
    }


def panel_case(display: str, limit: float) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        _broken_scripts(_folders(home)[1])
        outcome, _, out, err = _run([sys.executable, "-c", PANEL], _env(home, display), limit)
    line = next((x for x in out.splitlines() if x.startswith("panel ")), None)
    if outcome != "ok" or line is None:
        return {"outcome": outcome if outcome != "ok" else "no panel", "stderr": err[-300:]}
    _, seconds, kind, cards = line.split()
    return {"outcome": "opened", "panel_open_s": round(float(seconds), 3), "screen": kind,
            "cards_made": int(cards)}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=float, default=30.0, help="seconds a case may take")
    options = parser.parse_args()
    results: dict[str, dict[str, object]] = {}
    with xvfb(("1280x800x24",)) as display:
        window_case(WINDOW_CASES["nothing hostile"], display, options.limit)  # warm the caches
        for name, plant in WINDOW_CASES.items():
            results[f"window, {name}"] = window_case(plant, display, options.limit)
            print(f"{'window, ' + name:<48} {json.dumps(results[f'window, {name}'])}", flush=True)
        for name, (plant, args) in COMMAND_CASES.items():
            results[name] = command_case(plant, args, display, options.limit)
            print(f"{name:<48} {json.dumps(results[name])}", flush=True)
        results["problems panel, 1000 broken scripts"] = panel_case(display, options.limit)
        print(
            f"{'problems panel, 1000 broken scripts':<48} "
            f"{json.dumps(results['problems panel, 1000 broken scripts'])}",
            flush=True,
        )
    bad = [k for k, v in results.items() if v["outcome"] in ("hung", "crashed", "no window")]
    frames = [float(str(v["first_frame_s"])) for v in results.values() if "first_frame_s" in v]
    summary = {
        "cases": len(results),
        "hung_or_crashed": bad,
        "limit_s": options.limit,
        "slowest_first_frame_s": max(frames) if frames else None,
        "results": results,
    }
    print(json.dumps(summary))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
