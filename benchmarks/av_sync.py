"""How closely the sound follows the pacer clock, on a real (private) PulseAudio server.

A private PulseAudio with a null sink is started (tests/helpers/pulse.py; only what is started
here is stopped). The real audio engine plays a practice (2 s in, 3 s out, gliding down from
12 breaths a minute, phase tones and bells on, breath tone on) for --seconds, while the sink's
monitor is recorded. Then:

- offset_*_ms: for every phase change (and the opening and closing bell) the pacer says is due
  at clock time origin + t, the recorded onset of its cue minus that time (the onset is where
  the cue's first 30 ms fit the recording best, to the sample). "Recorded" means when the null
  sink played the sample: the time it reached the monitor plus the sink's render lead (one sink
  block, its configured latency; a null sink hands each block to its monitor one block before
  it plays it). offset_monitor_* are the same offsets without that correction, i.e. against
  the moment the samples reached the monitor: a bound on how early the sound could be.
- callback_p99_share: 99th percentile of (time spent in the audio callback / the period of the
  block it rendered); callback_max_share the largest.
- underflows: output underflows PortAudio reported during the run.
- start_bell_offset_ms: the opening bell's recorded onset minus the practice's start, when the
  practice is placed as the app places it (now + the engine's start_lead).
- peak_dbfs: the highest sample of the whole mix (every sound on, a step's chime laid over the
  opening bell and over every turn), against the cues' ceiling (ceiling_dbfs).
- --stress: while it plays, a CPU hog runs in another process and the main thread stalls for
  50 ms every second (a slow slot in the window), as on a busy machine.

- --describe: instead, records each sound alone (full volume) and prints for each its length,
  peak and RMS level, dominant frequency, spectral centroid and flatness.

Usage: python benchmarks/av_sync.py [--seconds 40] [--latency 0.12] [--block 480] [--stress]
       python benchmarks/av_sync.py --describe
The last line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kapcompanion.domain.pacing import BreathPattern, Glide, PacerTimeline  # noqa: E402
from kapcompanion.sound import synth  # noqa: E402
from kapcompanion.sound.engine import BLOCK_FRAMES, DEFAULT_LATENCY_S, AudioEngine  # noqa: E402
from kapcompanion.sound.mixer import PHASE_CUES  # noqa: E402
from tests.helpers.pulse import find_onset, private_pulse, pulse_available  # noqa: E402


def _hog(stop_at: float) -> None:
    """Keep one core busy until ``stop_at`` (time.time(), shared across processes)."""
    x = 0
    while time.time() < stop_at:
        x = (x * 31 + 7) % 1_000_003


def _stall_every_second(until: float, stalls: list[float]) -> None:
    """The main thread busy for 50 ms once a second, as a slow slot in the window would be."""
    while time.monotonic() < until:
        began = time.monotonic()
        x = 0
        while time.monotonic() - began < 0.05:
            x += 1
        stalls.append(time.monotonic() - began)
        time.sleep(max(0.0, 1.0 - (time.monotonic() - began)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=40.0)
    parser.add_argument("--latency", type=float, default=DEFAULT_LATENCY_S)
    parser.add_argument("--block", type=int, default=BLOCK_FRAMES)
    parser.add_argument("--stress", action="store_true")
    parser.add_argument("--describe", action="store_true")
    args = parser.parse_args()
    if args.describe:
        return describe()
    reason = pulse_available()
    if reason:
        print(json.dumps({"skipped": reason}))
        return 0
    rate = synth.RATE
    pattern = BreathPattern.from_seconds("bench", "bench", inhale=2, exhale=3)
    timeline = PacerTimeline(pattern, args.seconds, glide=Glide(12.0, args.seconds / 3))
    with private_pulse() as server:
        engine = AudioEngine(latency=args.latency, block=args.block)
        if not engine.open():
            print(json.dumps({"error": engine.unavailable_reason}))
            return 1
        engine.set_volume(1.0)
        engine.set_cues(breath_tone=True, phase_cues=True, bells=True, breath_like=True)
        assert timeline.end_time is not None
        hog: multiprocessing.Process | None = None
        stalls: list[float] = []
        with server.record() as rec:
            origin = time.monotonic() + engine.start_lead
            engine.start_practice(timeline, origin)
            # A step's chime over the opening bell and over every turn: the loudest overlaps.
            engine.chime("step_chime", origin + 0.005)
            for t, _ in timeline.phase_changes(0.5, timeline.end_time):
                engine.chime("step_chime", origin + t + 0.005)
            if args.stress:
                hog = multiprocessing.Process(target=_hog, args=(time.time() + args.seconds,))
                hog.start()
                _stall_every_second(time.monotonic() + timeline.end_time + 0.6, stalls)
            else:
                time.sleep(timeline.end_time + 0.6)
            statuses = engine.poll_status()
            underflows = engine.underflows
            load = engine.callback_load()
            engine.stop()
            time.sleep(0.3)
            latency = engine.output_latency
            lead = engine.start_lead
        engine.close()
        if hog is not None:
            hog.join(5)
    x = rec.samples
    due = [(0.0, "start_bell")]
    due += [(t, PHASE_CUES[pattern.phases[i].kind]) for t, i in timeline.phase_changes(0, 1e9)]
    due = [d for d in due if d[0] > 0 or d[1] == "start_bell"]
    due.append((timeline.end_time, "end_bell"))
    played, monitor = [], []
    for t, name in due:
        template = synth.CUES[name]()[: int(0.03 * rate)]
        if name == "start_bell":
            template = template + synth.step_chime()[: len(template)]  # laid over it
        at = find_onset(x, template, rec.index_of(origin + t), int(0.05 * rate))
        if at is None:
            continue
        played.append((float(rec.time_of(at)) - (origin + t)) * 1000)
        monitor.append((rec.monitor_start_time + at / rate - (origin + t)) * 1000)
    off = np.array(played)
    mon = np.array(monitor)
    start_bell = off[0] if due[0][1] == "start_bell" and len(off) else float("nan")
    peak = 20 * np.log10(float(np.max(np.abs(x))))
    result = {
        "run_s": round(float(timeline.end_time), 2),
        "stress": bool(args.stress),
        "latency_request_ms": round(args.latency * 1000, 1),
        "block_frames": args.block,
        "start_lead_ms": round(lead * 1000, 3),
        "start_bell_offset_ms": round(float(start_bell), 3),
        "peak_dbfs": round(peak, 3),
        "ceiling_dbfs": synth.CUE_PEAK_DBFS,
        "stalls": len(stalls),
        "cues": len(off),
        "offset_mean_ms": round(float(off.mean()), 3),
        "offset_mean_abs_ms": round(float(np.abs(off).mean()), 3),
        "offset_max_abs_ms": round(float(np.abs(off).max()), 3),
        "offset_monitor_mean_ms": round(float(mon.mean()), 3),
        "offset_monitor_max_abs_ms": round(float(np.abs(mon).max()), 3),
        "sink_render_lead_ms": round(rec.render_ahead * 1000, 3),
        "stream_latency_ms": round(latency * 1000, 3),
        "callback_p99_share": round(float(np.percentile(load, 99)), 4),
        "callback_max_share": round(float(load.max()), 4),
        "blocks": len(load),
        "underflows": underflows,
        "status": [s.kind for s in statuses],
        "recording_timing_spread_ms": round(rec.timing_spread * 1000, 3),
    }
    print(
        f"{len(off)} cues: offset mean {off.mean():+.2f} ms, max |{np.abs(off).max():.2f}| ms; "
        f"callback p99 {result['callback_p99_share']:.1%} of a block; {underflows} underflows; "
        f"start bell {start_bell:+.2f} ms; peak {peak:.2f} dBFS"
    )
    print(json.dumps(result))
    return 0


def _figures(x: np.ndarray, rate: int) -> dict[str, float]:
    """Length above -60 dBFS, levels and spectrum of one recorded sound."""
    loud = np.flatnonzero(np.abs(x) > 10 ** (-60 / 20))
    x = x[loud[0] : loud[-1] + 1].astype(np.float64) if len(loud) else x.astype(np.float64)
    n = 8192
    frames = np.pad(x, (0, -len(x) % n)).reshape(-1, n) * np.hanning(n)
    psd = np.mean(np.abs(np.fft.rfft(frames, axis=1)) ** 2, axis=0)
    f = np.fft.rfftfreq(n, 1 / rate)
    band = (f > 100) & (f < 5000)
    p = psd[band]
    return {
        "seconds": round(len(x) / rate, 3),
        "peak_dbfs": round(float(20 * np.log10(np.max(np.abs(x)))), 2),
        "rms_dbfs": round(float(10 * np.log10(np.mean(x**2))), 2),
        "dominant_hz": round(float(f[np.argmax(psd)]), 1),
        "centroid_hz": round(float(np.sum(f * psd) / np.sum(psd)), 1),
        "flatness_100_5000": round(float(np.exp(np.mean(np.log(p))) / np.mean(p)), 4),
    }


def describe() -> int:
    """Record each sound alone from the sink and describe it."""
    rate = synth.RATE
    breath = PacerTimeline(BreathPattern.from_seconds("one", "one", inhale=3, exhale=5), 8.0)
    out: dict[str, dict[str, float]] = {}
    with private_pulse() as server:
        engine = AudioEngine()
        if not engine.open():
            print(json.dumps({"error": engine.unavailable_reason}))
            return 1
        engine.set_volume(1.0)
        engine.set_cues(breath_tone=False, phase_cues=False, bells=False, breath_like=False)
        for name, make in synth.CUES.items():
            with server.record() as rec:
                engine.chime(name)
                time.sleep(len(make()) / rate + 0.4)
            out[name] = _figures(rec.samples, rate)
        for label in ("breath_tone", "breath_like"):
            tone = label == "breath_tone"
            engine.set_cues(breath_tone=tone, breath_like=not tone)
            with server.record() as rec:
                engine.start_practice(breath, time.monotonic() + engine.start_lead)
                time.sleep(8.4)
                engine.stop()
                time.sleep(0.3)
            out[label] = _figures(rec.samples, rate)
        engine.close()
    for name, fig in out.items():
        print(f"{name:12s} {fig}")
    print(json.dumps({"sounds": out}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
