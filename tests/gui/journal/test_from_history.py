"""The journal is reached from History by keyboard, and shows the entries of the same log: one
written three days after a recorded session is listed under that session."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.domain.journal import new_entry
from kapcompanion.storage import open_log
from kapcompanion.storage.journal_open import journal_for
from kapcompanion.storage.logs import PracticeLogs
from kapcompanion.ui.journal.screen import JournalScreen
from kapcompanion.ui.journal.share import ShareScreen
from kapcompanion.ui.log.history import HistoryScreen
from kapcompanion.ui.shell.main_window import MainWindow
from tests.gui.services.recording import make_window


@pytest.fixture
def window(qtbot: Any) -> Iterator[MainWindow]:
    logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
    win = make_window(qtbot, logs)
    yield win
    win.log.shutdown()
    logs.close()


def test_history_opens_the_journal_by_keyboard_and_esc_comes_back(
    window: MainWindow, qtbot: Any
) -> None:
    store = window.log.logs.current
    session = date.today() - timedelta(days=3)
    store.add_session_date(session)
    journal = journal_for(store)
    written = datetime.now().astimezone()
    journal.add_entry(new_entry("Sleep came easier.", written_at=written, session_days=[session]))
    history = window.log.open_history()
    history.journal_button.setFocus()
    qtbot.keyClick(history.journal_button, Qt.Key.Key_Space)
    screen = window.current_screen
    assert isinstance(screen, JournalScreen)
    rows = [r.text for r in screen.model.rows()]
    heading = f"After the session of {session.day} {session.strftime('%B %Y')}"
    assert rows[0] == heading
    assert "Sleep came easier." in rows[1]
    screen.share_button.setFocus()
    qtbot.keyClick(screen.share_button, Qt.Key.Key_Space)
    share = window.current_screen
    assert isinstance(share, ShareScreen)
    assert share.entry_list.count() == 1 and share.picks().empty  # nothing ticked to begin
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.current_screen is screen
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: isinstance(window.current_screen, HistoryScreen), timeout=2000)
    assert history.journal_button.accessibleName()


def test_importing_a_backup_in_history_says_what_came_from_the_journal(
    window: MainWindow, tmp_path: Path
) -> None:
    from kapcompanion.domain.body_map import new_mark
    from kapcompanion.storage.export import export_json

    source = open_log(tmp_path / "elsewhere.sqlite3", clock=MonotonicClock())
    try:
        written = datetime.now().astimezone()
        journal_for(source).add_entry(new_entry("From the old laptop.", written_at=written))
        journal_for(source).save_mark(new_mark("belly", at=written, sensation="lightness"))
        export_json(source, tmp_path / "backup.json")
    finally:
        source.close()
    history = window.log.open_history()
    message = history.controller.import_from(tmp_path / "backup.json")
    assert message.endswith("From the journal: 1 journal entry and 1 body-map mark.")
    texts = [e.text for e in journal_for(window.log.logs.current).all_entries()]
    assert texts == ["From the old laptop."]
