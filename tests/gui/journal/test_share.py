"""The summary for the therapist holds exactly what the person ticked, read back from the PDF
with pdftotext: the intention, single journal entries, a picture of the body map; nothing when
nothing is ticked."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kapcompanion.domain.body_map import new_mark
from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.journal import new_entry
from kapcompanion.storage import PracticeLog, open_log
from kapcompanion.storage.journal import JournalStore
from kapcompanion.storage.journal_open import journal_for
from kapcompanion.ui.journal.share import ShareScreen
from kapcompanion.ui.shell.a11y import unnamed
from kapcompanion.ui.shell.theme import DARK

ZONE = timezone(timedelta(hours=1))
SESSION = date(2025, 3, 10)
TODAY = date(2025, 3, 20)
WORDS = ("Marigold mornings again.", "Slept through the whole night.", "Called my sister.")


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return " ".join(done.stdout.decode("utf-8").split())


def pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", path.read_bytes()))


@pytest.fixture
def log(tmp_path: Path) -> Iterator[PracticeLog]:
    wall = datetime(2025, 3, 10, 9, 0, tzinfo=ZONE)
    practice_log = open_log(tmp_path / "practice-log.sqlite3", clock=FakeClock(), wall=lambda: wall)
    practice_log.add_session_date(SESSION)
    pid = practice_log.start_practice("exercise", "before-dosing")
    practice_log.finish_practice(pid, actual_s=90)
    practice_log.record_after(pid, intention="to be gentler with myself")
    journal = journal_for(practice_log)
    for n, words in enumerate(WORDS):
        written = datetime(2025, 3, 11 + 2 * n, 20, 0, tzinfo=ZONE)
        journal.add_entry(new_entry(words, written_at=written, session_days=[SESSION]))
    journal.save_mark(
        new_mark("chest", at=datetime(2025, 3, 12, 9, tzinfo=ZONE), sensation="warmth")
    )
    yield practice_log
    practice_log.close()


def make(qtbot: Any, log: PracticeLog, tmp_path: Path) -> ShareScreen:
    screen = ShareScreen(
        log, journal_for(log), DARK, titles={"before-dosing": "Settling"}, today=lambda: TODAY
    )
    screen.choose_target = lambda _suggested: tmp_path / "for-my-therapist.pdf"
    qtbot.addWidget(screen)
    screen.resize(1000, 800)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()  # keys reach it as they do for a person
    qtbot.waitUntil(screen.isActiveWindow)
    return screen


def test_only_what_was_ticked_by_keyboard_is_in_the_pdf(
    qtbot: Any, log: PracticeLog, tmp_path: Path
) -> None:
    screen = make(qtbot, log, tmp_path)
    assert unnamed(screen) == []
    assert screen.intention_check.isVisible() and not screen.intention_check.isChecked()
    assert screen.entry_list.count() == 3
    screen.intention_check.setFocus()
    qtbot.keyClick(screen.intention_check, Qt.Key.Key_Space)
    qtbot.keyClick(screen.intention_check, Qt.Key.Key_Tab)
    assert screen.body_check.hasFocus()
    qtbot.keyClick(screen.body_check, Qt.Key.Key_Space)
    qtbot.keyClick(screen.body_check, Qt.Key.Key_Tab)
    assert screen.entry_list.hasFocus()
    qtbot.keyClick(screen.entry_list, Qt.Key.Key_Down)
    qtbot.keyClick(screen.entry_list, Qt.Key.Key_Space)
    screen.save_button.setFocus()
    qtbot.keyClick(screen.save_button, Qt.Key.Key_Return)
    target = tmp_path / "for-my-therapist.pdf"
    assert "Saved the practice summary and what you ticked" in screen.status.text()
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    text = pdf_text(target)
    assert "Practice summary" in text
    assert "In their own words" in text
    assert "You came in with: “to be gentler with myself”" in text
    assert "Where they felt something, 20 December 2024 to 20 March 2025" in text
    assert "Chest: warmth 1" in text
    assert "13 March 2025, 3 days after the session of 10 March 2025" in text
    assert WORDS[1] in text
    assert WORDS[0] not in text and WORDS[2] not in text
    assert "weekly average" not in text


def test_nothing_ticked_leaves_the_journal_out(
    qtbot: Any, log: PracticeLog, tmp_path: Path
) -> None:
    screen = make(qtbot, log, tmp_path)
    screen.save_button.setFocus()
    qtbot.keyClick(screen.save_button, Qt.Key.Key_Return)
    target = tmp_path / "for-my-therapist.pdf"
    assert pages(target) == 1
    text = pdf_text(target)
    assert "Practice summary" in text
    for absent in (*WORDS, "In their own words", "gentler", "Chest", "Where they felt"):
        assert absent not in text


def test_dates_narrow_what_can_be_chosen(qtbot: Any, log: PracticeLog, tmp_path: Path) -> None:
    screen = make(qtbot, log, tmp_path)
    screen.first_edit.setDate(screen.first_edit.date().addDays(86))  # 16 March on
    assert screen.entry_list.isHidden() and screen.no_entries.isVisible()
    assert not screen.intention_check.isVisible()  # no session in these dates
    assert screen.picks().empty


def test_the_store_in_the_app_is_a_journal_store(log: PracticeLog) -> None:
    assert isinstance(journal_for(log), JournalStore)
