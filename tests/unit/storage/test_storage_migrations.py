"""Every earlier schema version opens, upgrades and keeps every row (stored files under
tests/data/db/, made by tests/data/db/make.py)."""

from __future__ import annotations

import shutil
import sqlite3
import stat
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.domain.practice import Kind, Status, StepTime
from kapcompanion.domain.practice_history import ratings_per_day
from kapcompanion.storage import NoticeKind, open_log
from kapcompanion.storage.migrations import CURRENT_VERSION, MIGRATIONS, migrate
from tests.data.db import make
from tests.unit.storage.test_storage_support import Wall, raw_rows

STORED = Path(make.__file__).resolve().parent
EARLIER = list(range(1, CURRENT_VERSION))


def _schema(path: Path) -> list[tuple]:
    rows = raw_rows(path, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name")
    return [(t, n, tb, " ".join((sql or "").split())) for t, n, tb, sql in rows]


def test_there_is_a_stored_file_for_every_earlier_version() -> None:
    for version in EARLIER:
        path = STORED / f"v{version}.sqlite3"
        assert path.is_file(), f"run tests/data/db/make.py to add {path.name}"
        assert raw_rows(path, "PRAGMA user_version") == [(version,)]


@pytest.mark.parametrize("version", EARLIER)
def test_an_earlier_log_upgrades_and_keeps_every_row(version: int, tmp_path: Path) -> None:
    path = tmp_path / "practice-log.sqlite3"
    shutil.copy(STORED / f"v{version}.sqlite3", path)
    with open_log(path, wall=Wall(), clock=MonotonicClock()) as log:
        notices = log.take_notices()
        # The practice the old version left running is kept, as interrupted.
        assert [n.kind for n in notices] == [NoticeKind.INTERRUPTED]
        records = log.list_practices(newest_first=False, limit=None)
        assert len(records) == len(make.PRACTICES)
        for record, old in zip(records, make.PRACTICES, strict=True):
            uuid.UUID(record.uuid)
            if version >= 2:
                assert record.uuid == old["uuid"]
            assert record.kind is Kind(old["kind"])
            assert record.ref == old["ref"]
            expected_status = "interrupted" if old["status"] == "in_progress" else old["status"]
            assert record.status is Status(expected_status)
            assert record.planned_s == old["planned_s"]
            assert record.actual_s == old["actual_s"]
            assert record.rating_before == old["rating_before"]
            assert record.rating_after == old["rating_after"]
            assert record.intention == old["intention"]
            assert record.note == old["note"]
            assert record.answers == {k: tuple(v) for k, v in old["answers"].items()}
            assert record.steps == tuple(StepTime(*s) for s in old["steps"])
            assert record.started_utc == datetime.fromisoformat(old["started_utc"])
            assert record.started_utc.tzinfo is not None
            assert record.started_utc.utcoffset() == UTC.utcoffset(None)
            assert record.local_date == date.fromisoformat(old["local_date"])
        assert len({r.uuid for r in records}) == len(records)
        assert log.session_dates() == [date.fromisoformat(d) for d in make.SESSIONS]
        # The upgraded log works as a new one does, and keeps answers of any input.
        pid = log.start_practice("exercise", "session-close")
        log.finish_practice(pid, actual_s=60, note="after the upgrade")
        log.record_after(pid, rating_after=6, answers={"first-words": ["slow and warm"]})
        assert log.count_practices() == len(make.PRACTICES) + 1
        everything = log.list_practices(limit=None)
        assert log.ratings_per_day() == ratings_per_day(everything)
        assert len(log.ratings_per_day()) == 4
        upgraded = log.get(pid)
        assert upgraded is not None
        assert upgraded.answers == {"first-words": ("slow and warm",)}
    assert raw_rows(path, "PRAGMA user_version") == [(CURRENT_VERSION,)]
    assert raw_rows(path, "PRAGMA integrity_check") == [("ok",)]
    assert raw_rows(path, "PRAGMA foreign_key_check") == []


@pytest.mark.parametrize("version", EARLIER)
def test_an_upgraded_log_has_the_schema_of_a_new_one(version: int, tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite3"
    shutil.copy(STORED / f"v{version}.sqlite3", old)
    open_log(old, clock=MonotonicClock()).close()
    new = tmp_path / "new.sqlite3"
    open_log(new, clock=MonotonicClock()).close()
    assert _schema(old) == _schema(new)


@pytest.mark.parametrize("version", EARLIER)
def test_a_copy_is_kept_before_upgrading(version: int, tmp_path: Path) -> None:
    path = tmp_path / "practice-log.sqlite3"
    shutil.copy(STORED / f"v{version}.sqlite3", path)
    original = raw_rows(path, "SELECT * FROM practices ORDER BY id")
    open_log(path, clock=MonotonicClock()).close()
    copies = list(tmp_path.glob(f"practice-log.sqlite3.v{version}-backup-*"))
    assert len(copies) == 1
    assert stat.S_IMODE(copies[0].stat().st_mode) == 0o600
    assert raw_rows(copies[0], "PRAGMA user_version") == [(version,)]
    assert raw_rows(copies[0], "SELECT * FROM practices ORDER BY id") == original
    # Opening again makes no further copy: there is nothing left to upgrade.
    open_log(path, clock=MonotonicClock()).close()
    assert len(list(tmp_path.glob("practice-log.sqlite3.v*-backup-*"))) == 1


def test_a_new_log_is_not_copied(tmp_path: Path) -> None:
    open_log(tmp_path / "practice-log.sqlite3", clock=MonotonicClock()).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "practice-log.sqlite3",
        "practice-log.sqlite3.lock",
    ]


def test_an_upgrade_that_cannot_carry_a_row_changes_nothing(tmp_path: Path) -> None:
    # A v1 row whose step has no name cannot become a row of practice_steps (NOT NULL).
    path = tmp_path / "practice-log.sqlite3"
    shutil.copy(STORED / "v1.sqlite3", path)
    conn = sqlite3.connect(path)
    conn.execute("""UPDATE practices SET steps = '[{"start": 0, "seconds": 5}]' WHERE id = 1""")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with open_log(path, wall=Wall(), clock=MonotonicClock()) as log:
        (notice,) = log.take_notices()
        assert notice.kind is NoticeKind.NOT_SAVED
        assert str(path) in notice.message
        assert "left exactly as it was" in notice.message
        assert not log.saves
        # Practice still works, in memory.
        pid = log.start_practice("breathing", "box")
        log.finish_practice(pid, actual_s=5)
        assert len(log.unsaved()) == 1
    assert raw_rows(path, "PRAGMA user_version") == [(1,)]
    assert path.read_bytes() == before


def test_migrations_run_step_by_step_to_every_version(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "steps.sqlite3", isolation_level=None)
    for target in range(1, len(MIGRATIONS) + 1):
        assert migrate(conn, target=target) == target - 1
        assert conn.execute("PRAGMA user_version").fetchone() == (target,)
    assert migrate(conn) == CURRENT_VERSION
    conn.close()
