"""How exact the pacer is, and what the breathing screen costs to animate in a real window.

1. Drift: every breath-cycle start the timeline reports over 8 simulated hours, against exact
   arithmetic (fractions for a plain pattern; 50-digit decimals for a glide, whose curve has a
   sine in it). drift_ms is the largest difference.
2. A real window: the app runs under a private Xvfb (xcb platform) at 1280x800, animating the
   resonance pattern (no holds, no glide) for --seconds after a warm-up. The disc writes the
   time of every painted frame (KAPCOMPANION_FRAME_LOG). Reported:
   - fps_moving: frames painted per second while the shape moves visibly, i.e. while its edge
     travels at least 0.25 px per 60 Hz frame (slower than that, frames are skipped on purpose);
   - p99_interval_error_ms: 99th percentile of |interval between painted frames - 16 ms| while
     moving;
   - cpu_percent: user+system CPU of the app process over the measured seconds, in % of one core
     (/proc/<pid>/stat; the X server's own work is not included);
   - peak_rss_mb: the app's peak resident memory (VmHWM), MiB.

3. With --floor, the same figures for programs that do less, under the same Xvfb, to show what
   no change to the app can go below: a minimal PySide6 window whose 16 ms precise timer only
   computes a radius from the clock (``timer``); the same timer repainting a 4x4 px square of an
   opaque widget from a Python paintEvent (``tiny_repaint``); that widget drawing the breathing
   disc the way the app does, the background square and an antialiased disc, painted when the
   edge moves as the app paints it (``disc``); and the app's breathing screen alone in a bare
   window, without home, the practice log, sound or the everyday services
   (``breathing_screen``).

4. Under a window manager (openbox), the CPU of the app breathing in a window that is shown,
   and of one minimised a second in (``minimized``): while nothing of it can be seen it draws no
   frames and looks at the clock once a second. Skipped with --no-minimized or without openbox.

Usage: python benchmarks/pacer.py [--seconds 20] [--repaint arcs6] [--compare square,frame,...]
       [--floor]
The last line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal, getcontext
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kapcompanion.domain.pacing import PRESETS, Glide, PacerTimeline  # noqa: E402
from tests.helpers.xvfb import xvfb  # noqa: E402

HOURS = 8
FRAME_S = 0.016
MOVING_PX_PER_S = 0.25 * 60  # a quarter pixel per 60 Hz frame
GOALS = {
    "fps_moving": ">= 55",
    "p99_interval_error_ms": "< 4",
    "cpu_percent": "<= 2.4",
    "peak_rss_mb": "< 80",
    "minimized.minimized_cpu_percent": "<= 0.3",
}

# -- exact arithmetic -------------------------------------------------------------------------

getcontext().prec = 50


def _pi() -> Decimal:
    """pi from Machin's formula: 16 atan(1/5) - 4 atan(1/239)."""

    def atan_inv(n: int) -> Decimal:
        x = Decimal(1) / n
        x2 = x * x
        term, total, k = x, x, 1
        while True:
            term *= -x2
            k += 2
            step = term / k
            if abs(step) < Decimal(10) ** -60:
                return total
            total += step

    return 16 * atan_inv(5) - 4 * atan_inv(239)


PI = _pi()


def _sin(x: Decimal) -> Decimal:
    x = x % (2 * PI)
    term, total, k = x, x, 1
    while abs(term) > Decimal(10) ** -60:
        term *= -x * x / ((k + 1) * (k + 2))
        k += 2
        total += term
    return total


def _cos(x: Decimal) -> Decimal:
    return _sin(x + PI / 2)


def _dec(f: Fraction) -> Decimal:
    return Decimal(f.numerator) / Decimal(f.denominator)


def exact_cycle_starts(
    pattern_key: str, hours: float, glide: Glide | None
) -> tuple[list[Decimal], Fraction]:
    """Start times of cycles 1, 2, ... up to ``hours``, computed without floating point."""
    pattern = PRESETS[pattern_key]
    cycle = sum((Fraction(str(p.seconds)) for p in pattern.phases), Fraction(0))
    r1 = Fraction(60) / cycle
    total = Fraction(str(hours)) * 3600 + Fraction(1, 2)  # as the timeline is asked below
    if glide is None or Fraction(str(glide.start_bpm)) <= r1:
        n = 1
        starts: list[Decimal] = []
        while n * cycle < total:
            starts.append(_dec(n * cycle))
            n += 1
        return starts, cycle
    r0 = Fraction(str(glide.start_bpm))
    big_t = Fraction(str(glide.seconds))
    cycles_at_glide_end = (r1 * big_t + (r0 - r1) * big_t / 2) / 60
    d_r0, d_r1, d_t = _dec(r0), _dec(r1), _dec(big_t)

    def cycles(t: Decimal) -> Decimal:
        ramp = (t + d_t / PI * _sin(PI * t / d_t)) / 2
        return (d_r1 * t + (d_r0 - d_r1) * ramp) / 60

    def rate(t: Decimal) -> Decimal:
        return d_r1 + (d_r0 - d_r1) * (1 + _cos(PI * t / d_t)) / 2

    starts = []
    n = 1
    while n < cycles_at_glide_end:
        t = Decimal(n) * 60 / d_r0
        for _ in range(60):
            step = (cycles(t) - n) / (rate(t) / 60)
            t -= step
            if abs(step) < Decimal(10) ** -40:
                break
        starts.append(t)
        n += 1
    while True:
        t_exact = big_t + (n - cycles_at_glide_end) * cycle
        if t_exact >= total:
            break
        starts.append(_dec(t_exact))
        n += 1
    return starts, cycle


def drift(pattern_key: str, glide: Glide | None, hours: float = HOURS) -> dict[str, float]:
    """Largest |timeline - exact| over every cycle start in ``hours``, in ms."""
    seconds = hours * 3600
    timeline = PacerTimeline(PRESETS[pattern_key], None, glide)
    exact, _ = exact_cycle_starts(pattern_key, hours, glide)
    reported = [t for t, index in timeline.phase_changes(0.5, seconds + 0.5) if index == 0]
    assert len(reported) == len(exact), (len(reported), len(exact))
    worst = 0.0
    for n, (t, t_exact) in enumerate(zip(reported, exact, strict=True), start=1):
        worst = max(worst, abs(float(Decimal(repr(t)) - t_exact)))
        # state_at agrees with the reported boundary: a hair after it is cycle n, phase 0.
        after = timeline.state_at(t + 1e-6)
        before = timeline.state_at(t - 1e-6)
        assert (after.cycle, after.phase_index) == (n, 0), (n, after.cycle)
        assert before.cycle == n - 1
    return {
        "cycles": len(exact),
        "drift_ms": worst * 1000.0,
        "last_cycle_error_ms": abs(float(Decimal(repr(reported[-1])) - exact[-1])) * 1000.0,
    }


# -- the real window ----------------------------------------------------------------------------


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime = int(fields[11]), int(fields[12])
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024.0
    return float("nan")


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = math.floor(k), math.ceil(k)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def window_run(
    display: str, seconds: float, warmup: float, repaint: str | None, keep: Path | None = None
) -> dict[str, object]:
    pattern = "resonance"
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "frames.txt"
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        env["KAPCOMPANION_FRAME_LOG"] = str(log)
        env["KAPCOMPANION_DATA_DIR"] = str(Path(tmp) / "data")
        env["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
        if repaint:
            env["KAPCOMPANION_REPAINT"] = repaint
        args = [
            sys.executable, "-m", "kapcompanion", "breathe", "--pattern", pattern,
            "--minutes", "30", "--no-glide", "--quit-after", f"{warmup + seconds + 1.0:.3f}",
        ]  # fmt: skip
        child = subprocess.Popen(args, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
        time.sleep(warmup)
        t0, cpu0 = time.monotonic(), _cpu_seconds(child.pid)
        time.sleep(seconds)
        t1, cpu1 = time.monotonic(), _cpu_seconds(child.pid)
        rss = _peak_rss_mb(child.pid)
        _, err = child.communicate(timeout=60)
        if child.returncode != 0 or not log.exists():
            raise RuntimeError(f"the app failed (status {child.returncode}):\n{err}")
        text = log.read_text()
        if keep is not None:
            keep.write_text(text)
        header, *lines = text.splitlines()
    meta = dict(part.split("=", 1) for part in header.lstrip("# ").split())
    r_min, r_max = float(meta["r_min"]), float(meta["r_max"])
    origin = float(meta["origin"])
    frames = [float(line.split()[0]) for line in lines]
    frames = [t for t in frames if t0 <= t <= t1]

    timeline = PacerTimeline(PRESETS[pattern], 30 * 60.0)
    span = r_max - r_min

    def moving(t: float) -> bool:
        e = t - origin
        h = 0.002
        speed = abs(timeline.state_at(e + h).level - timeline.state_at(e - h).level) / (2 * h)
        return speed * span >= MOVING_PX_PER_S

    # Moving time, sampled every millisecond.
    samples = int((t1 - t0) * 1000)
    moving_ms = sum(1 for i in range(samples) if moving(t0 + i / 1000.0))
    moving_frames = [t for t in frames if moving(t)]
    errors = [
        abs((b - a) - FRAME_S) * 1000.0
        for a, b in itertools.pairwise(frames)
        if moving(a) and moving(b)
    ]
    wall = t1 - t0
    return {
        "repaint": meta.get("repaint", repaint or "default"),
        "seconds": round(wall, 3),
        "radius_px": [round(r_min, 1), round(r_max, 1)],
        "moving_share": round(moving_ms / max(1, samples), 3),
        "fps_moving": round(len(moving_frames) / (moving_ms / 1000.0), 2) if moving_ms else 0.0,
        "fps_all": round(len(frames) / wall, 2),
        "p99_interval_error_ms": round(_percentile(errors, 0.99), 3),
        "max_interval_error_ms": round(max(errors), 3) if errors else float("nan"),
        "cpu_percent": round(100.0 * (cpu1 - cpu0) / wall, 3),
        "peak_rss_mb": round(rss, 1),
    }


#: The floor programs (see the module's docstring). Each runs until killed.
FLOOR_COMMON = """
import math, sys, time
from PySide6.QtCore import QPointF, QRect, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

MODE = sys.argv[1]
app = QApplication(sys.argv[:1])
HALF = 60 / 5.5 / 2  # resonance: seconds in, the same out
R_MAX = 236.5  # the app's largest disc in a 1280x800 window


def level(t):
    return 0.5 - 0.5 * math.cos(math.pi * (t % (2 * HALF)) / HALF)


class Disc(QWidget):
    def __init__(self):
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.colour = QColor("#11151a")
        self.brush = QBrush(QColor("#7fb3c9"))
        self.r = self.drawn = self.previous = 0.0

    def resizeEvent(self, event):
        self.cx, self.cy = self.width() / 2, self.height() / 2
        self.r_max = min(R_MAX, min(self.width(), self.height()) / 2 - 6)
        self.r_min = 0.36 * self.r_max
        half = math.ceil(self.r_max + 4)
        self.square = QRect(int(self.cx) - half, int(self.cy) - half, 2 * half + 2, 2 * half + 2)
        self.background = QPixmap(self.square.size())
        self.background.fill(self.colour)
        p = QPainter(self.background)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(QPen(QColor("#2b3440"), 2.0))
        c = QPointF(self.cx - self.square.left(), self.cy - self.square.top())
        p.drawEllipse(c, self.r_max - 1, self.r_max - 1)
        p.end()

    def paintEvent(self, event):
        p = QPainter(self)
        if MODE == "tiny_repaint":
            p.fillRect(event.rect(), self.colour)
        else:
            p.fillRect(event.rect(), self.colour)
            p.drawPixmap(self.square.topLeft(), self.background)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self.brush)
            p.drawEllipse(QPointF(self.cx, self.cy), self.r, self.r)
        p.end()


window = QMainWindow()
window.resize(1280, 800)
disc = Disc()
window.setCentralWidget(disc)
window.show()
start = time.monotonic()


def tick():
    new = disc.r_min + (disc.r_max - disc.r_min) * level(time.monotonic() - start)
    step, disc.previous = abs(new - disc.previous), new
    if MODE == "timer":
        return
    if MODE == "tiny_repaint":
        disc.repaint(100, 100, 4, 4)
        return
    if abs(new - disc.drawn) < 0.25 and (step < 0.15 or new == disc.drawn):
        return
    half = math.ceil(max(new, disc.drawn) + 1.5)
    disc.r = disc.drawn = new
    disc.repaint(int(disc.cx) - half, int(disc.cy) - half, 2 * half + 1, 2 * half + 1)


timer = QTimer()
timer.setTimerType(Qt.TimerType.PreciseTimer)
timer.setInterval(16)
timer.timeout.connect(tick)
timer.start()
app.exec()
"""

FLOOR_SCREEN = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.domain.pacing import PRESETS
from kapcompanion.ui.shell import theme
from kapcompanion.ui.breathing.screen import BreathingScreen
from kapcompanion.domain.breathing_config import BreathingConfig

app = QApplication(sys.argv[:1])
theme.apply(app, theme.DARK)
window = QMainWindow()
window.resize(1280, 800)
config = BreathingConfig(pattern=PRESETS["resonance"], minutes=30, glide=False)
screen = BreathingScreen(config, MonotonicClock(), theme.DARK)
window.setCentralWidget(screen)
window.show()
screen.start()
app.exec()
"""

FLOORS = ("timer", "tiny_repaint", "disc", "breathing_screen")


def floor_run(display: str, mode: str, seconds: float, warmup: float) -> dict[str, object]:
    """CPU (% of one core) and peak RSS (MiB) of one floor program."""
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    code = FLOOR_SCREEN if mode == "breathing_screen" else FLOOR_COMMON
    with tempfile.TemporaryDirectory() as tmp:
        env["KAPCOMPANION_DATA_DIR"] = str(Path(tmp) / "data")
        env["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
        child = subprocess.Popen([sys.executable, "-c", code, mode], cwd=ROOT, env=env)
        try:
            time.sleep(warmup)
            t0, cpu0 = time.monotonic(), _cpu_seconds(child.pid)
            time.sleep(seconds)
            t1, cpu1 = time.monotonic(), _cpu_seconds(child.pid)
            rss = _peak_rss_mb(child.pid)
        finally:
            child.terminate()
            child.wait(timeout=30)
    return {
        "cpu_percent": round(100.0 * (cpu1 - cpu0) / (t1 - t0), 3),
        "peak_rss_mb": round(rss, 1),
    }


#: The app breathing under a window manager, shown or minimised after a second (sys.argv[1]),
#: for sys.argv[2] seconds.
MINIMISED_APP = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from kapcompanion.app import LaunchOptions, create_application, run
from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.pacing import find_pattern
from kapcompanion.ui.shell.main_window import MainWindow

create_application()
if sys.argv[1] == "minimized":
    def minimise():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow):
                widget.showMinimized()
    QTimer.singleShot(1000, minimise)
config = BreathingConfig(find_pattern("resonance", allow_holds=False), 30, glide=False)
sys.exit(run(config, LaunchOptions(quit_after=float(sys.argv[2]))))
"""


def minimized_run(seconds: float, warmup: float) -> dict[str, object]:
    """CPU of the app breathing in a window under openbox, shown and then minimised (one run
    each, one after the other, each with its own data folder)."""
    from tests.helpers.window_manager import desktop

    out: dict[str, object] = {}
    with desktop(("1280x800x24",)) as display:
        for mode in ("visible", "minimized"):
            with tempfile.TemporaryDirectory() as tmp:
                env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
                env["KAPCOMPANION_DATA_DIR"] = str(Path(tmp) / "data")
                env["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
                total = warmup + seconds + 1.0
                child = subprocess.Popen(
                    [sys.executable, "-c", MINIMISED_APP, mode, f"{total:.3f}"],
                    cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True,
                )  # fmt: skip
                time.sleep(warmup)
                t0, cpu0 = time.monotonic(), _cpu_seconds(child.pid)
                time.sleep(seconds)
                t1, cpu1 = time.monotonic(), _cpu_seconds(child.pid)
                _, err = child.communicate(timeout=60)
                if child.returncode != 0:
                    raise RuntimeError(f"the app failed (status {child.returncode}):\n{err}")
                out[f"{mode}_cpu_percent"] = round(100.0 * (cpu1 - cpu0) / (t1 - t0), 3)
    out["measured_with"] = (
        f"openbox on Xvfb 1280x800x24, xcb, resonance without glide, {seconds:g} s after "
        f"{warmup:g} s (minimised 1 s in)"
    )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--repaint", default=None, help="repaint strategy (default: the app's)")
    parser.add_argument("--compare", default="", help="comma-separated strategies to compare")
    parser.add_argument("--no-window", action="store_true", help="only the drift figures")
    parser.add_argument("--frame-log", type=Path, default=None, help="keep the frame log here")
    parser.add_argument("--floor", action="store_true", help="also measure the floor programs")
    parser.add_argument(
        "--no-minimized",
        action="store_true",
        help="skip the shown-and-minimised figures (they need openbox)",
    )
    args = parser.parse_args()

    result: dict[str, object] = {}
    preset = drift("resonance", None)
    glide = Glide(start_bpm=10.0, seconds=180.0)
    glided = drift("resonance", glide)
    result["drift_ms"] = round(max(preset["drift_ms"], glided["drift_ms"]), 9)
    result["drift_preset"] = {"pattern": "resonance", "hours": HOURS, **preset}
    result["drift_glide"] = {
        "pattern": "resonance",
        "glide": {"start_bpm": glide.start_bpm, "seconds": glide.seconds},
        "hours": HOURS,
        **glided,
    }
    print(json.dumps({"drift": result}), flush=True)

    if not args.no_window:
        with xvfb(("1280x800x24",)) as display:
            if args.compare:
                runs = {}
                for strategy in args.compare.split(","):
                    runs[strategy] = window_run(display, args.seconds, args.warmup, strategy)
                    print(json.dumps({strategy: runs[strategy]}), flush=True)
                result["compare"] = runs
            window = window_run(display, args.seconds, args.warmup, args.repaint, args.frame_log)
            if args.floor:
                floors = {}
                for mode in FLOORS:
                    floors[mode] = floor_run(display, mode, args.seconds, args.warmup)
                    print(json.dumps({f"floor_{mode}": floors[mode]}), flush=True)
                result["floor"] = floors
        result.update(window)
        if not args.no_minimized and shutil.which("openbox"):
            minimised = minimized_run(min(args.seconds, 10.0), args.warmup)
            print(json.dumps({"minimized": minimised}), flush=True)
            result["minimized"] = minimised
        result["goals"] = GOALS
        result["measured_with"] = (
            "Xvfb 1280x800x24, xcb platform, resonance 5.5/min without glide, "
            f"{args.seconds:g} s after {args.warmup:g} s warm-up"
        )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
