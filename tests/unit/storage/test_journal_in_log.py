"""The journal inside the practice log's own file: made when the log opens (from any earlier
version, every row kept), private, whole after a kill, gone with delete-all; a guest's journal
writes nothing. Child processes are this file run as a module:
``python -m tests.unit.storage.test_journal_in_log <scenario> <db>``."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kapcompanion.domain.body_map import new_mark
from kapcompanion.domain.clock import FakeClock, MonotonicClock
from kapcompanion.domain.journal import new_entry
from kapcompanion.storage import GuestLog, PracticeLogs, open_log
from kapcompanion.storage.journal_open import journal_for
from kapcompanion.storage.migrations import CURRENT_VERSION, migrate
from tests.unit.storage.test_storage_support import Wall, raw_rows

REPO = Path(__file__).resolve().parents[3]
ZONE = timezone(timedelta(hours=1))
AT = datetime(2025, 3, 13, 20, 0, tzinfo=ZONE)
SESSION = date(2025, 3, 10)


def _current_log_with_data(path: Path) -> None:
    """A log of the current version as the app before the journal left it: no journal tables."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn)
    conn.execute(
        "INSERT INTO practices (uuid, kind, ref, status, planned_s, actual_s, inputs, "
        "started_utc, ended_utc, local_date, note) VALUES ('p-1', 'exercise', 'before-dosing', "
        "'completed', 90, 90, '{\"intention\": \"to listen\"}', '2025-03-10T08:00:00+00:00', "
        "'2025-03-10T08:01:30+00:00', '2025-03-10', 'a quiet morning')"
    )
    conn.execute("INSERT INTO medicine_sessions VALUES ('2025-03-10')")
    conn.close()


def test_a_log_of_the_current_version_gains_the_journal_and_keeps_every_row(
    tmp_path: Path,
) -> None:
    path = tmp_path / "practice-log.sqlite3"
    _current_log_with_data(path)
    before = raw_rows(path, "SELECT * FROM practices")
    tables = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE '%journal%'"
    assert raw_rows(path, tables) == []
    with open_log(path, wall=Wall(), clock=MonotonicClock()) as log:
        journal = journal_for(log)
        assert journal is journal_for(log)
        assert journal.session_days() == [SESSION]
        assert journal.intention_for(SESSION) == "to listen"
        kept = journal.add_entry(new_entry("Slept long.", written_at=AT, session_days=[SESSION]))
        journal.save_mark(new_mark("chest", at=AT, sensation="warmth", intensity=3))
    assert raw_rows(path, "SELECT * FROM practices") == before
    assert raw_rows(path, "PRAGMA user_version") == [(CURRENT_VERSION,)]
    assert sorted(r[0] for r in raw_rows(path, tables)) == ["journal_drafts", "journal_entries"]
    # Another process reads what was written.
    out = subprocess.run(
        [sys.executable, "-m", "tests.unit.storage.test_journal_in_log", "read", str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.split()
    assert out == [kept.uuid, "2025-03-10", "1"]
    # Opening again changes nothing.
    with open_log(path, wall=Wall(), clock=MonotonicClock()) as log:
        assert [e.uuid for e in journal_for(log).list_entries()] == [kept.uuid]


def test_the_file_stays_private_and_delete_all_takes_the_journal_too(tmp_path: Path) -> None:
    path = tmp_path / "practice-log.sqlite3"
    with open_log(path, wall=Wall(), clock=MonotonicClock()) as log:
        journal = journal_for(log)
        entry = journal.add_entry(new_entry("Words.", written_at=AT))
        journal.save_mark(new_mark("neck", at=AT, sensation="ache", entry_uuid=entry.uuid))
        for name in (path.name, path.name + "-wal"):
            assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600
        log.delete_all()
        assert journal.count_entries() == 0
        assert journal.marks(date(2000, 1, 1), date(2100, 1, 1)) == []
    assert raw_rows(path, "SELECT count(*) FROM body_marks") == [(0,)]


def test_a_guest_journal_writes_nothing_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KAPCOMPANION_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    logs = PracticeLogs(lambda: open_log(clock=FakeClock()), guest=True)
    guest = logs.current
    assert isinstance(guest, GuestLog)
    guest.add_session_date(SESSION)
    journal = journal_for(guest)
    journal.add_entry(new_entry("Only in memory.", written_at=AT, session_days=[SESSION]))
    journal.save_mark(new_mark("belly", at=AT, sensation="lightness"))
    assert [e.text for e in journal_for(guest).list_entries()] == ["Only in memory."]
    assert journal.session_days() == [SESSION]
    assert journal.path == Path(":memory:")
    assert list(tmp_path.iterdir()) == []


def test_a_kill_while_writing_entries_loses_nothing_written_before(tmp_path: Path) -> None:
    path = tmp_path / "practice-log.sqlite3"
    with open_log(path, wall=Wall(), clock=MonotonicClock()) as log:
        earlier = journal_for(log).add_entry(new_entry("Written the day before.", written_at=AT))
    reported: list[str] = []
    for _ in range(3):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.unit.storage.test_journal_in_log", "writer", str(path)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        first = [child.stdout.readline() for _ in range(5)]
        time.sleep(0.15)
        child.send_signal(signal.SIGKILL)
        rest, err = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL, err
        reported += [line for line in "".join([*first, rest]).split("\n")[:-1] if line]
    assert len(reported) >= 15
    assert raw_rows(path, "PRAGMA integrity_check") == [("ok",)]
    with open_log(path, wall=Wall(), clock=MonotonicClock()) as log:
        kept = {e.uuid: e.text for e in journal_for(log).list_entries()}
    assert kept[earlier.uuid] == "Written the day before."
    for entry_uuid in reported:
        assert kept[entry_uuid].startswith("Entry written while")
    assert len(set(kept) - set(reported) - {earlier.uuid}) <= 3


def _child(scenario: str, db: Path) -> None:
    with open_log(db, clock=MonotonicClock()) as log:
        journal = journal_for(log)
        if scenario == "read":
            entries = journal.list_entries()
            marks = journal.marks(date(2000, 1, 1), date(2100, 1, 1))
            follows = entries[0].follows.isoformat() if entries[0].follows else "-"
            print(entries[0].uuid, follows, len(marks))
            return
        for i in range(1_000_000):
            text = f"Entry written while the app runs, number {i}. " * (1 + i % 5)
            entry = journal.add_entry(new_entry(text, written_at=datetime.now(UTC)))
            print(entry.uuid, flush=True)


if __name__ == "__main__":
    os.environ.setdefault("KAPCOMPANION_DATA_DIR", str(Path(sys.argv[2]).parent))
    _child(sys.argv[1], Path(sys.argv[2]))
