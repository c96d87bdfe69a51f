"""The parts of the plan test that run in processes of their own, each in its own data folder
(``KAPCOMPANION_DATA_DIR``) on a real X display; each prints one JSON object as its last line.

    python -m tests.integration.plan_child therapist OUT.kapscript SESSION
    python -m tests.integration.plan_child client PLAN.kapscript
    python -m tests.integration.plan_child home DATE [DATE ...]
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime, time
from typing import Any


def _settle(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def therapist(out: str, session: str) -> dict[str, Any]:
    """The therapist's data folder: the take-home card, then its plan, chosen by keys."""
    from pathlib import Path

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from kapcompanion.app import create_application
    from kapcompanion.storage.library import load_builtin
    from kapcompanion.ui.presentation.plan import PlanDialog
    from kapcompanion.ui.presentation.take_home import TakeHomeDialog
    from kapcompanion.ui.shell.theme import DARK

    create_application()
    card = TakeHomeDialog(load_builtin()[0], theme=DARK, today=date.fromisoformat(session))
    card.show()
    _settle(200)
    card.plan_button.click()
    dialog = card.plan_dialog
    assert isinstance(dialog, PlanDialog)
    _settle(200)
    dialog.choose(1, "orienting")
    dialog.choose(3, "weight-and-contact")
    dialog.choose(7, "body-scan-10")
    dialog.remind_check.setFocus()
    QTest.keyClick(dialog.remind_check, Qt.Key.Key_Space)
    QTest.keyClicks(dialog.note, "Go gently.")
    saved = dialog.save_to(Path(out))
    return {"saved": saved, "path": str(dialog.saved_to), "message": dialog.message.text()}


def client(bundle: str) -> dict[str, Any]:
    """The client's data folder: the plan file handed to the app, as a double-click does."""
    from functools import partial
    from pathlib import Path

    from PySide6.QtWidgets import QMessageBox

    from kapcompanion.app import create_application
    from kapcompanion.domain.clock import FakeClock, MonotonicClock
    from kapcompanion.storage import open_log
    from kapcompanion.storage.logs import PracticeLogs
    from kapcompanion.storage.plan_store import PlanStore
    from kapcompanion.ui.shell.main_window import MainWindow
    from kapcompanion.ui.shell.shared_file import offer_shared_file

    create_application()
    logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
    window = MainWindow(FakeClock(), logs=logs)
    window.show()
    _settle(300)
    box = offer_shared_file(window, window, Path(bundle))
    _settle(200)
    question = {"title": box.windowTitle(), "text": box.informativeText()}
    (take,) = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
    take.click()
    _settle(100)
    window.close()
    logs.close()
    return {"question": question, "states": PlanStore().states()}


def home(days: list[str]) -> dict[str, Any]:
    """The client's data folder again, in a new process: what home offers on each date."""
    from functools import partial

    from kapcompanion.app import create_application
    from kapcompanion.domain.clock import FakeClock, MonotonicClock
    from kapcompanion.storage import open_log
    from kapcompanion.storage.logs import PracticeLogs
    from kapcompanion.ui.shell.main_window import MainWindow

    create_application()
    clock = FakeClock(1000.0)
    logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
    window = MainWindow(clock, logs=logs)
    window.show()
    _settle(300)
    offered: dict[str, str] = {}
    for text in days:
        day = date.fromisoformat(text)
        window.plan.wall = partial(datetime.combine, day, time(9, 30))
        clock.advance(24 * 3600.0)
        window.plan.refresh()
        _settle(50)
        card = window.plan.card
        offered[text] = card.line.text() if card.isVisibleTo(window.home) else ""
    window.close()
    logs.close()
    return {"offered": offered}


def main(argv: list[str]) -> int:
    what, *args = argv
    if what == "therapist":
        result = therapist(*args)
    elif what == "client":
        result = client(*args)
    else:
        result = home(args)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
