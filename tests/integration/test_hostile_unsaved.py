"""Practice the log cannot save until the app closes (issue 18, item 6): on a real full disk the
finished practice is held in memory, tried again on a timer, and before the window closes the
person is offered to keep a copy elsewhere; the copy imports into the log with the practice
whole. The offer is answered from the keyboard, as a person would."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.storage import open_log
from kapcompanion.storage.export import read_backup
from kapcompanion.storage.logs import PracticeLogs
from kapcompanion.ui.shell import unsaved
from tests.helpers.windows import shown_window

REPO = Path(__file__).resolve().parents[2]
DB = "practice-log.sqlite3"


def _full_disk(folder: Path, copy: Path) -> dict[str, object]:
    """Inside a tiny tmpfs: fill it, practise, offer to keep a copy, then free some room."""
    from kapcompanion.storage.logs import PracticeLogs

    clock = MonotonicClock()
    logs = PracticeLogs(lambda: open_log(folder / DB, clock=clock))
    store = logs.current
    store.finish_practice(store.start_practice("breathing", "resonance"), actual_s=60)
    filler = folder / "filler"
    with filler.open("wb") as f:  # the disk is full from here on
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass
    pid = store.start_practice("breathing", "resonance", planned_s=300)
    store.finish_practice(pid, actual_s=300, note="after the full disk")
    notices = logs.take_notices()
    answers: list[str] = []

    def ask(_parent: object, count: int) -> str:
        answers.append(str(count))
        return "keep"

    closing = unsaved.keep_before_closing(
        # No window in this child process (it has no QApplication): the answers below stand in
        # for the dialogs and never look at their parent.
        None,  # type: ignore[arg-type]
        logs,
        ask=ask,
        choose=lambda _p: copy,
        tell=lambda _p, text: answers.append(text),
    )
    filler.unlink()
    remaining = logs.retry_unsaved()
    logs.close()
    return {"notices": notices, "answers": answers, "closing": closing, "remaining": remaining}


def _namespace_reason() -> str | None:
    if shutil.which("unshare") is None:
        return "unshare (util-linux) is not installed"
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True, text=True)
    return None if probe.returncode == 0 else "private mount namespaces are not allowed here"


def test_on_a_full_disk_the_finished_practice_is_offered_and_kept_whole(tmp_path: Path) -> None:
    reason = _namespace_reason()
    if reason:
        pytest.skip(reason)
    folder = tmp_path / "small"
    folder.mkdir()
    copy = tmp_path / "kept.json"
    script = (
        f"mount -t tmpfs -o size=512k tmpfs {folder} && exec {sys.executable} -m "
        f"tests.integration.test_hostile_unsaved {folder} {copy}"
    )
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert any("no room left" in n for n in found["notices"]), found["notices"]
    assert found["answers"][0] == "1" and found["closing"] is True
    assert str(copy) in found["answers"][1]
    # The copy holds the finished practice whole: its status, its time and its note.
    records, _ = read_backup(copy)
    assert [(r.status.value, r.actual_s, r.note) for r in records] == [
        ("completed", 300, "after the full disk")
    ]
    assert found["remaining"] == 0  # with room again, the timer's next try saves it too


# --- the offer from the keyboard ---------------------------------------------------------------


def _busy_logs(path: Path) -> tuple[PracticeLogs, sqlite3.Connection]:
    logs = PracticeLogs(lambda: open_log(path, clock=MonotonicClock(), busy_timeout_s=0.05))
    logs.current.start_practice("breathing", "resonance")  # the log is open and works
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the file from now on
    store = logs.current
    store.finish_practice(store.start_practice("exercise", "orienting"), actual_s=90)
    return logs, other


def _press_in_turn(keys: list[Any]) -> list[str]:
    """Answer each modal window as it comes, one key (or text, then Enter) each."""
    seen: list[str] = []

    def act() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or not keys:
            if keys:
                QTimer.singleShot(50, act)
            return
        key = keys.pop(0)
        seen.append(type(modal).__name__ + ": " + modal.windowTitle())
        target: QWidget = modal.focusWidget() or modal
        if isinstance(key, str):
            edit = next(e for e in modal.findChildren(QLineEdit) if e.isVisible())
            edit.setText(key)
            key = Qt.Key.Key_Return
            target = edit
        from PySide6.QtTest import QTest

        QTest.keyClick(target, key)
        QTimer.singleShot(100, act)

    QTimer.singleShot(100, act)
    return seen


def test_closing_with_practice_unsaved_asks_esc_stays_and_enter_keeps_a_copy(
    qtbot: Any, tmp_path: Path
) -> None:
    logs, other = _busy_logs(tmp_path / DB)
    win = shown_window(qtbot, logs=logs)
    seen = _press_in_turn([Qt.Key.Key_Escape])
    win.close()
    assert win.isVisible()  # Esc: the app stays open, nothing lost
    assert seen == [f"QMessageBox: {unsaved.TITLE}"]
    copy = tmp_path / "kept.json"
    seen = _press_in_turn([Qt.Key.Key_Return, str(copy), Qt.Key.Key_Return])
    win.close()
    assert not win.isVisible()
    assert seen == [
        f"QMessageBox: {unsaved.TITLE}",
        f"QFileDialog: {unsaved.CHOOSE_TITLE}",
        f"QMessageBox: {unsaved.TITLE}",
    ]
    records, _ = read_backup(copy)
    assert [(r.ref, r.actual_s) for r in records] == [("orienting", 90)]
    other.execute("ROLLBACK")
    other.close()
    logs.close()


def test_the_offer_reads_calmly() -> None:
    text = unsaved.offer_text(2)
    assert text.startswith("2 practices could not be saved to the practice log")
    assert "You might keep a copy" in text and "Import adds it to the log later" in text


if __name__ == "__main__":
    print(json.dumps(_full_disk(Path(sys.argv[1]), Path(sys.argv[2]))))
