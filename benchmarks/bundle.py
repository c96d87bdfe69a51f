"""The standalone build's size on disk and its start-up time to a first painted frame, next to the
``kapcompanion`` program of the virtual environment.

Size: the disk space the build's folder takes (as ``du`` counts it: allocated blocks), its
apparent size, its file count and its largest parts. Start-up: as benchmarks/startup.py measures
it: a fresh process under a private Xvfb (xcb, 1280x800) with KAPCOMPANION_REPORT_FIRST_PAINT set
prints the monotonic time of its first painted frame; the figure is that minus the moment just
before the process started. Each program runs once first (to warm the file cache and, for the
environment, Python's bytecode), then --runs times; the median is reported, for the home screen
and for ``breathe``.

Usage: python benchmarks/bundle.py [--bundle dist/kapcompanion] [--build] [--runs 5]
(--build runs PyInstaller first, as `make bundle` does.) The last line is one JSON object.
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


def size_of(folder: Path) -> dict[str, object]:
    """Disk usage (allocated blocks, as du), apparent size and files, with the largest parts of
    the folder's library folder."""
    disk = apparent = files = 0
    parts: dict[str, int] = {}
    inside = folder / "_internal"
    for path in folder.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        st = path.stat()
        disk += st.st_blocks * 512
        apparent += st.st_size
        files += 1
        if inside in path.parents:
            top = path.relative_to(inside).parts[0]
            parts[top] = parts.get(top, 0) + st.st_blocks * 512
    du = subprocess.run(["du", "-sk", str(folder)], capture_output=True, text=True, check=False)
    largest = sorted(parts.items(), key=lambda kv: -kv[1])[:8]
    return {
        "disk_mb": round(disk / 1e6, 1),
        "du_k": int(du.stdout.split()[0]) if du.returncode == 0 else None,
        "apparent_mb": round(apparent / 1e6, 1),
        "files": files,
        "largest_mb": {name: round(size / 1e6, 1) for name, size in largest},
    }


def one_run(display: str, program: list[str], args: list[str], data: Path) -> float:
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    env["KAPCOMPANION_REPORT_FIRST_PAINT"] = "1"
    env["KAPCOMPANION_DATA_DIR"] = str(data / "data")
    env["XDG_CONFIG_HOME"] = str(data / "config")
    before = time.monotonic()
    child = subprocess.Popen(
        [*program, *args, "--quit-after", "1.5"],
        cwd=data,
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
        raise RuntimeError(f"{program} never reported a painted frame ({child.returncode})\n{err}")
    return painted - before


def summary(times: list[float]) -> dict[str, object]:
    return {
        "median_s": round(statistics.median(times), 3),
        "min_s": round(min(times), 3),
        "max_s": round(max(times), 3),
        "runs": [round(t, 3) for t in times],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "kapcompanion")
    parser.add_argument("--build", action="store_true", help="build it first (PyInstaller)")
    parser.add_argument(
        "--venv-program",
        type=Path,
        default=Path(sys.executable).parent / "kapcompanion",
        help="the environment's program to compare with (default: beside this Python)",
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.build:
        work = ROOT / "build" / "pyinstaller"
        subprocess.run(
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
             "--distpath", str(args.bundle.parent), "--workpath", str(work),
             str(ROOT / "packaging" / "kapcompanion.spec")],
            check=True,
        )  # fmt: skip
    program = args.bundle / ("kapcompanion.exe" if os.name == "nt" else "kapcompanion")
    if not program.is_file():
        parser.error(f"no build at {args.bundle}: run `make bundle` first, or add --build")
    result: dict[str, object] = {"bundle": str(args.bundle), "size": size_of(args.bundle)}
    print(json.dumps({"size": result["size"]}), flush=True)
    programs = {"bundle": [str(program)], "venv": [str(args.venv_program)]}
    with tempfile.TemporaryDirectory() as tmp, xvfb(("1280x800x24",)) as display:
        data = Path(tmp)
        for words in programs.values():
            for command in COMMANDS.values():  # warm the file cache (and the bytecode)
                one_run(display, words, command, data)
        for name, words in programs.items():
            for what, command in COMMANDS.items():
                key = f"{name}_{what}"
                result[key] = summary(
                    [one_run(display, words, command, data) for _ in range(args.runs)]
                )
                print(json.dumps({key: result[key]}), flush=True)
    bundle_home, venv_home = result["bundle_home"], result["venv_home"]
    assert isinstance(bundle_home, dict) and isinstance(venv_home, dict)
    result["startup_bundle_s"] = bundle_home["median_s"]
    result["startup_venv_s"] = venv_home["median_s"]
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
