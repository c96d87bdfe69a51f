"""Print every built-in script's steps: words, reading time and step time.

Run: .venv/bin/python benchmarks/wording_table.py
"""

from __future__ import annotations

from pathlib import Path

from kapcompanion.domain.script_check import parse_script
from kapcompanion.domain.wording import reading_seconds, words

ROOT = Path(__file__).resolve().parent.parent / "resources" / "exercises"


def main() -> None:
    print("| script | step | words | reading s | step s |")
    print("|---|---|---|---|---|")
    for path in sorted(ROOT.glob("*.toml")):
        exercise = parse_script(path.read_text(encoding="utf-8"), str(path))
        for n, step in enumerate(exercise.steps, start=1):
            shown = "until continued" if step.seconds is None else f"{step.planned_seconds:.0f}"
            print(
                f"| {path.stem} | {n} | {len(words(step.text))} | "
                f"{reading_seconds(step.text):.1f} | {shown} |"
            )


if __name__ == "__main__":
    main()
