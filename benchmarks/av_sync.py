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

Usage: python benchmarks/av_sync.py [--seconds 40] [--latency 0.04]
The last line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kapcompanion.domain.pacing import BreathPattern, Glide, PacerTimeline  # noqa: E402
from kapcompanion.sound import synth  # noqa: E402
from kapcompanion.sound.engine import AudioEngine  # noqa: E402
from kapcompanion.sound.mixer import PHASE_CUES  # noqa: E402
from tests.helpers.pulse import find_onset, private_pulse, pulse_available  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=40.0)
    parser.add_argument("--latency", type=float, default=0.04)
    args = parser.parse_args()
    reason = pulse_available()
    if reason:
        print(json.dumps({"skipped": reason}))
        return 0
    rate = synth.RATE
    pattern = BreathPattern.from_seconds("bench", "bench", inhale=2, exhale=3)
    timeline = PacerTimeline(pattern, args.seconds, glide=Glide(12.0, args.seconds / 3))
    with private_pulse() as server:
        engine = AudioEngine(latency=args.latency)
        if not engine.open():
            print(json.dumps({"error": engine.unavailable_reason}))
            return 1
        engine.set_cues(breath_tone=True, phase_cues=True, bells=True)
        with server.record() as rec:
            origin = time.monotonic() + 0.2
            engine.start_practice(timeline, origin)
            assert timeline.end_time is not None
            time.sleep(timeline.end_time + 0.6)
            statuses = engine.poll_status()
            underflows = engine.underflows
            load = engine.callback_load()
            engine.stop()
            time.sleep(0.3)
            latency = engine.output_latency
        engine.close()
    x = rec.samples
    due = [(0.0, "start_bell")]
    due += [(t, PHASE_CUES[pattern.phases[i].kind]) for t, i in timeline.phase_changes(0, 1e9)]
    due = [d for d in due if d[0] > 0 or d[1] == "start_bell"]
    due.append((timeline.end_time, "end_bell"))
    played, monitor = [], []
    for t, name in due:
        template = synth.CUES[name]()[: int(0.03 * rate)]
        at = find_onset(x, template, rec.index_of(origin + t), int(0.05 * rate))
        if at is None:
            continue
        played.append((float(rec.time_of(at)) - (origin + t)) * 1000)
        monitor.append((rec.monitor_start_time + at / rate - (origin + t)) * 1000)
    off = np.array(played)
    mon = np.array(monitor)
    result = {
        "run_s": round(float(timeline.end_time), 2),
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
        f"callback p99 {result['callback_p99_share']:.1%} of a block; {underflows} underflows"
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
