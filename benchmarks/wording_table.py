"""Print every built-in script's steps: words, reading time and how long the step is shown.

A timed step (or a breathing segment) is shown for its seconds and then moves on; the reading
time is the wording check's own (:func:`kapcompanion.domain.wording.reading_seconds`: 0.4 s a
word plus 5 s to settle). A step that waits for the person has no time limit.

Run: .venv/bin/python benchmarks/wording_table.py [--compact]

``--compact`` prints one row per script, each step as words/reading s/shown s ("w" for a step
that waits). The last line is one JSON object: scripts, steps, timed steps, and how many timed
steps move on before their words can be read (0 when every step fits).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kapcompanion.domain.script_check import parse_script  # noqa: E402
from kapcompanion.domain.scripts import Step  # noqa: E402
from kapcompanion.domain.wording import reading_seconds, words  # noqa: E402

SCRIPTS = ROOT / "resources" / "exercises"


def shown(step: Step) -> str:
    duration = step.duration
    if duration is None:
        return "waits"
    kind = " (breathing)" if step.breathing is not None else ""
    return f"{duration:.0f}{kind}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--compact", action="store_true", help="one row per script")
    args = parser.parse_args()

    totals = {"scripts": 0, "steps": 0, "timed_steps": 0, "too_short": 0, "most_words": 0}
    if args.compact:
        print("| script | steps | words per step (words/reading s/shown s, w = waits) |")
        print("|---|---|---|")
    else:
        print("| script | step | words | reading s | shown s | fits |")
        print("|---|---|---|---|---|---|")
    for path in sorted(SCRIPTS.glob("*.toml")):
        exercise = parse_script(path.read_text(encoding="utf-8"), str(path))
        totals["scripts"] += 1
        cells = []
        for n, step in enumerate(exercise.steps, start=1):
            count = len(words(step.text))
            reading = reading_seconds(step.text)
            duration = step.duration
            fits = duration is None or duration >= reading
            totals["steps"] += 1
            totals["timed_steps"] += duration is not None
            totals["too_short"] += not fits
            totals["most_words"] = max(totals["most_words"], count)
            if args.compact:
                time = "w" if duration is None else f"{duration:.0f}"
                cells.append(f"{count}/{reading:.0f}/{time}")
            else:
                print(
                    f"| {path.stem} | {n} | {count} | {reading:.1f} | {shown(step)} | "
                    f"{'yes' if fits else 'NO'} |"
                )
        if args.compact:
            print(f"| {path.stem} | {len(exercise.steps)} | {' · '.join(cells)} |")
    print(json.dumps(totals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
