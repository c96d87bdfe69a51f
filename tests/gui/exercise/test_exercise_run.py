"""`kapcompanion run EXERCISE_ID` opens the real app straight into that exercise.

The app runs its own event loop until it quits, so it runs in a child process (on the
offscreen platform, like every gui test) and reports what it showed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PROBE = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from kapcompanion.__main__ import main
    from kapcompanion.ui.exercise.screen import ExerciseScreen
    from kapcompanion.ui.shell.main_window import MainWindow

    seen = {}

    def look():
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        screen = window.current_screen
        seen["screen"] = type(screen).__name__
        if isinstance(screen, ExerciseScreen):
            seen["id"] = screen.exercise.id
            seen["text"] = screen.step_text.text()
            seen["running"] = screen.runner.state().running
        window.practice.ended.connect(lambda end: seen.setdefault("outcome", end.outcome))

    app = QApplication(sys.argv[:1])  # the app reuses it; the timer needs it to exist
    QTimer.singleShot(300, look)
    seen["status"] = main(sys.argv[1:])
    print(json.dumps(seen))
    """
)


def test_run_with_an_exercise_id_opens_straight_into_it():
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "run", "five-senses", "--quit-after", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["status"] == 0
    assert seen["screen"] == "ExerciseScreen"
    assert seen["id"] == "five-senses"
    assert seen["text"] and seen["running"] is True
    # Closing the window mid-exercise ends the practice as stopped.
    assert seen["outcome"] == "stopped"
