"""The practice log's file when it is not what it should be (issue 18, items 4, 5 and 15): a
foreign SQLite database is refused untouched and practice is kept in memory; a damaged WAL is
kept aside and said; the log's path being a folder gets words, not an errno."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.storage import NoticeKind, open_log
from kapcompanion.storage.log_verify import expected_tables, foreign_schema
from kapcompanion.storage.migrations import CURRENT_VERSION
from tests.unit.storage.test_storage_support import Wall, practise

DB = "practice-log.sqlite3"


def foreign(path: Path, version: int, *, wal: bool = False) -> bytes:
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE notes (x)")
    conn.execute("INSERT INTO notes VALUES ('not yours')")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize("version", [0, 1, CURRENT_VERSION])
def test_a_foreign_database_is_refused_untouched_and_practice_kept_in_memory(
    tmp_path: Path, version: int
) -> None:
    path = tmp_path / DB
    before = foreign(path, version)
    with open_log(path, wall=Wall(), clock=MonotonicClock()) as log:
        notices = log.take_notices()
        assert [n.kind for n in notices] == [NoticeKind.NOT_SAVED]
        message = notices[0].message
        assert str(path) in message and "not a practice log kapcompanion wrote" in message
        assert "left exactly as it is" in message
        # The practice goes on and is kept in memory, to be saved elsewhere before closing.
        record = practise(log)
        assert [r.uuid for r in log.unsaved()] == [record.uuid]
        assert log.retry_unsaved() == 1  # never written into the foreign file
    assert path.read_bytes() == before  # not one byte changed, the header not made WAL
    assert not (tmp_path / (DB + "-wal")).exists()


def test_a_foreign_database_in_wal_mode_is_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / DB
    before = foreign(path, CURRENT_VERSION, wal=True)
    with open_log(path, wall=Wall(), clock=MonotonicClock()) as log:
        assert [n.kind for n in log.take_notices()] == [NoticeKind.NOT_SAVED]
    assert path.read_bytes() == before


def test_the_schema_check_knows_every_version_the_app_wrote(tmp_path: Path) -> None:
    for version in range(1, CURRENT_VERSION + 1):
        assert "practices" in expected_tables(version)
    # A log of today's version, as the app makes it, passes; its journal tables are its own.
    with open_log(tmp_path / DB, wall=Wall(), clock=MonotonicClock()) as log:
        practise(log)
    conn = sqlite3.connect(tmp_path / DB)
    assert foreign_schema(conn, CURRENT_VERSION) is None
    assert foreign_schema(conn, 0) is None
    conn.execute("ALTER TABLE practices RENAME TO gone")
    assert foreign_schema(conn, CURRENT_VERSION) == "it has no practices table"
    conn.close()


@pytest.mark.parametrize("version", [1, 2, 3])
def test_stored_logs_of_every_earlier_version_still_open(tmp_path: Path, version: int) -> None:
    source = Path(__file__).resolve().parents[2] / "data" / "db" / f"v{version}.sqlite3"
    path = tmp_path / DB
    path.write_bytes(source.read_bytes())
    with open_log(path, wall=Wall(), clock=MonotonicClock()) as log:
        assert NoticeKind.NOT_SAVED not in [n.kind for n in log.take_notices()]
        assert log.saves and log.count_practices() > 0


# --- item 10: rows that cannot be read never block History or exports -----------------------

BAD_ROWS = {
    "inputs that are not JSON": "UPDATE practices SET inputs = 'not json' WHERE id = ?",
    "inputs that are a list": "UPDATE practices SET inputs = '[1]' WHERE id = ?",
    "an unknown kind": "UPDATE practices SET kind = 'bogus' WHERE id = ?",
    "an unknown status": "UPDATE practices SET status = 'bogus' WHERE id = ?",
    "a start that is not a time": "UPDATE practices SET started_utc = 'garbage' WHERE id = ?",
    "the year 9999": "UPDATE practices SET started_utc = '9999-12-31T23:00:00+00:00', "
    "local_date = '9999-12-31' WHERE id = ?",
    "a day that is not a day": "UPDATE practices SET local_date = 'someday' WHERE id = ?",
}


def damaged_log(folder: Path) -> Path:
    path = folder / DB
    with open_log(path, wall=Wall(), clock=MonotonicClock()) as log:
        for minutes in range(1, 11):
            practise(log, minutes=minutes, rating_after=6)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")  # as another program might
    ids = [r[0] for r in conn.execute("SELECT id FROM practices ORDER BY id")]
    for row_id, sql in zip(ids, BAD_ROWS.values(), strict=False):
        conn.execute(sql, (row_id,))
    conn.commit()
    conn.close()
    return path


def test_rows_that_cannot_be_read_are_left_out_counted_and_told_once(tmp_path: Path) -> None:
    from datetime import date

    from kapcompanion.storage.export import export_csv, export_json, iter_csv_rows, read_backup

    path = damaged_log(tmp_path)
    good = 10 - len(BAD_ROWS)
    with open_log(path, wall=Wall(), clock=MonotonicClock()) as log:
        log.take_notices()
        assert len(log.list_practices(limit=None)) == good
        # Counts and pages agree with the list: the unreadable rows are left out of all.
        assert log.count_practices() == good
        assert len(log.list_practices(limit=2)) + len(log.list_practices(limit=2, offset=2)) == 3
        assert log.skipped_rows == len(BAD_ROWS)
        notices = log.take_notices()
        assert [n.kind for n in notices] == [NoticeKind.SKIPPED_ROWS]
        assert f"{len(BAD_ROWS)} practices in {path} could not be read" in notices[0].message
        assert "kept in the file" in notices[0].message
        # Reading them again tells nothing new.
        log.list_practices(limit=None)
        assert log.take_notices() == []
        # Exports carry every good row.
        assert export_csv(log, tmp_path / "out.csv") == good
        assert len(list(iter_csv_rows(tmp_path / "out.csv"))) == good
        assert export_json(log, tmp_path / "out.json") == good
        assert len(read_backup(tmp_path / "out.json")[0]) == good
        # History's charts and sums read past them too.
        log.ratings_over_time()
        log.ratings_per_day()
        log.minutes_per_day(date(2025, 1, 1), date(2025, 12, 31))
        log.days_practised_in_week(date(2025, 3, 3))
        # A new practice is saved as ever.
        practise(log)
        assert log.saves
    # The unreadable rows are still in the file, untouched.
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM practices").fetchone()[0] == 11
    conn.close()


# --- item 5: a damaged write-ahead journal ------------------------------------------------------

WRITER = """
import os, sys
from pathlib import Path
from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.storage import open_log
log = open_log(Path(sys.argv[1]), clock=MonotonicClock())
for i in range(6):
    pid = log.start_practice("breathing", "resonance", planned_s=60)
    log.finish_practice(pid, actual_s=60, note=f"practice {i}")
os._exit(0)  # as a crash would: the journal is left as it is, not folded into the log
"""


def crashed_log(folder: Path) -> Path:
    import subprocess
    import sys

    path = folder / DB
    repo = Path(__file__).resolve().parents[3]
    subprocess.run([sys.executable, "-c", WRITER, str(path)], cwd=repo, check=True, timeout=30)
    assert (folder / (DB + "-wal")).stat().st_size > 0
    return path


def test_a_whole_journal_after_a_crash_is_replayed_and_nothing_is_said(tmp_path: Path) -> None:
    path = crashed_log(tmp_path)
    with open_log(path, wall=Wall(), clock=MonotonicClock()) as log:
        assert NoticeKind.JOURNAL_KEPT not in [n.kind for n in log.take_notices()]
        assert log.count_practices() == 6


def test_a_damaged_journal_is_kept_aside_with_the_log_and_said(tmp_path: Path) -> None:
    from kapcompanion.storage.wal_check import wal_damage

    path = crashed_log(tmp_path)
    wal = tmp_path / (DB + "-wal")
    data = bytearray(wal.read_bytes())
    data[32 + 24 + 100] ^= 0xFF  # one byte of the first frame's page
    wal.write_bytes(bytes(data))
    damaged = (path.read_bytes(), bytes(data))
    found = wal_damage(wal)
    assert found is not None and found.frame == 0 and found.lost_commits >= 6
    with open_log(path, wall=Wall(), clock=MonotonicClock()) as log:
        notices = [n for n in log.take_notices() if n.kind is NoticeKind.JOURNAL_KEPT]
        assert len(notices) == 1
        message = notices[0].message
        assert str(wal) in message and "is damaged" in message and "may be missing" in message
        aside = notices[0].path
        assert aside is not None and aside.name.startswith(DB + ".journal-damaged-")
        assert str(aside) in message
        # The pair as it was, byte for byte, to recover from.
        assert (aside.read_bytes(), aside.with_name(aside.name + "-wal").read_bytes()) == damaged
        assert aside.stat().st_mode & 0o777 == 0o600
        practise(log)
        assert log.saves
    # Opening again says nothing more: the journal was folded in at the close.
    with open_log(path, wall=Wall(), clock=MonotonicClock()) as log:
        assert NoticeKind.JOURNAL_KEPT not in [n.kind for n in log.take_notices()]


def test_a_torn_last_frame_is_not_damage(tmp_path: Path) -> None:
    from kapcompanion.storage.wal_check import wal_damage

    path = crashed_log(tmp_path)
    wal = tmp_path / (DB + "-wal")
    data = wal.read_bytes()
    wal.write_bytes(data[:-100])  # the last frame cut short, as a crash mid-write leaves it
    assert wal_damage(wal) is None
    with open_log(path, wall=Wall(), clock=MonotonicClock()) as log:
        assert NoticeKind.JOURNAL_KEPT not in [n.kind for n in log.take_notices()]
