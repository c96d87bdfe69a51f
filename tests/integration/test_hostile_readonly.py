"""A data folder that cannot be written (issue 18, item 12): the log opens read-only, History
shows every earlier practice, and the person is told that nothing new can be saved there.

The folder is made read-only for real: the scenario runs in a child process inside a private
mount namespace on a read-only bind mount (``unshare``), with the app's window on Qt's
offscreen platform. Run as ``python -m tests.integration.test_hostile_readonly FOLDER`` it
prints its findings as one JSON line."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DB = "practice-log.sqlite3"
EARLIER = 41


def _scenario(folder: Path) -> dict[str, object]:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication, QLabel

    from kapcompanion.domain.clock import MonotonicClock
    from kapcompanion.storage import open_log
    from kapcompanion.storage.logs import PracticeLogs
    from kapcompanion.ui.log.history import HistoryScreen
    from kapcompanion.ui.shell.main_window import MainWindow

    app = QApplication([])
    clock = MonotonicClock()
    logs = PracticeLogs(lambda: open_log(folder / DB, clock=clock))
    win = MainWindow(clock, logs=logs)
    win.show()
    app.processEvents()
    history = win.open_history()
    app.processEvents()
    assert isinstance(history, HistoryScreen)
    shown = history.model.rowCount()
    counted = logs.current.count_practices()
    # Home shows the log's notices as they come (the rest, if any, are still to be taken).
    notices = [label.text() for label in win.home.findChildren(QLabel) if label.text()]
    notices += logs.take_notices()
    store = logs.current
    record = store.finish_practice(store.start_practice("breathing", "resonance"), actual_s=60)
    result = {
        "shown": shown,
        "counted": counted,
        "notices": notices,
        "guest": logs.guest,
        "finished": record.status.value,
        "after": logs.current.count_practices(),
    }
    win.hide()
    logs.close()
    return result


def test_a_read_only_data_folder_shows_every_earlier_practice(tmp_path: Path) -> None:
    if shutil.which("unshare") is None:
        pytest.skip("unshare (util-linux) is not installed")
    if subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode != 0:
        pytest.skip("private mount namespaces are not allowed here")
    from kapcompanion.domain.clock import MonotonicClock
    from kapcompanion.storage import open_log

    folder = tmp_path / "data"
    with open_log(folder / DB, clock=MonotonicClock()) as log:
        for _ in range(EARLIER):
            log.finish_practice(log.start_practice("breathing", "resonance"), actual_s=60)
    folder.chmod(0o500)
    before = sorted((p.name, p.stat().st_size) for p in folder.iterdir())
    script = (
        f"mount --bind -o ro {folder} {folder} && exec {sys.executable} -m "
        f"tests.integration.test_hostile_readonly {folder}"
    )
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    folder.chmod(0o700)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["counted"] == EARLIER and found["shown"] == EARLIER
    assert not found["guest"]
    assert any("nothing new can be saved" in n for n in found["notices"]), found["notices"]
    # New practice goes on in memory and is shown with the rest.
    assert found["finished"] == "completed" and found["after"] == EARLIER + 1
    assert sorted((p.name, p.stat().st_size) for p in folder.iterdir()) == before


if __name__ == "__main__":
    print(json.dumps(_scenario(Path(sys.argv[1]))))
