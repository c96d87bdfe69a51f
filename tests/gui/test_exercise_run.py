"""`kapcompanion run EXERCISE_ID` opens the real app straight into that exercise."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kapcompanion.__main__ import main
from kapcompanion.ui.exercise import ExerciseScreen
from kapcompanion.ui.main_window import MainWindow


def test_run_with_an_exercise_id_opens_straight_into_it(qtbot):
    seen: dict[str, object] = {}

    def look() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        window = windows[-1]
        screen = window.current_screen
        seen["screen"] = type(screen).__name__
        if isinstance(screen, ExerciseScreen):
            seen["id"] = screen.exercise.id
            seen["text"] = screen.step_text.text()
            seen["running"] = screen.runner.state().running
        window.practice.ended.connect(lambda end: seen.setdefault("outcome", end.outcome))

    QTimer.singleShot(150, look)
    assert main(["run", "five-senses", "--quit-after", "0.6"]) == 0
    assert seen["screen"] == "ExerciseScreen"
    assert seen["id"] == "five-senses"
    assert seen["text"] and seen["running"] is True
    # Closing the window mid-exercise ends the practice as stopped.
    assert seen["outcome"] == "stopped"
