"""What the practice log does when the disk, the file or another copy of the app gets in the
way: a clear message naming the file, and nothing already saved is lost.

The read-only folder and the full disk are real: the scenario runs in a child process inside a
private mount namespace (``unshare``) on a read-only bind mount or a tiny tmpfs. Run with
``python -m tests.unit.storage.test_storage_faults <scenario> <folder>``, a scenario prints its
findings as one JSON line.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kapcompanion.domain.clock import FakeClock, MonotonicClock
from kapcompanion.storage import (
    LogLockedError,
    NewerVersionError,
    NoticeKind,
    Problem,
    open_log,
)
from kapcompanion.storage.errors import problem_of
from kapcompanion.storage.log import RETRY_AFTER_S
from kapcompanion.storage.migrations import CURRENT_VERSION
from tests.unit.storage.test_storage_support import Wall, practise, raw_rows, snapshot

REPO = Path(__file__).resolve().parents[3]
DB = "practice-log.sqlite3"


def _fill(path: Path, count: int) -> list[str]:
    with open_log(path, wall=Wall(), clock=MonotonicClock()) as log:
        return [practise(log, minutes=i + 1, note=f"note {i}").uuid for i in range(count)]


# --- a damaged file -----------------------------------------------------------------------


def _check_set_aside(folder: Path, damaged: bytes) -> None:
    path = folder / DB
    with open_log(path, wall=Wall(), clock=MonotonicClock()) as log:
        notices = log.take_notices()
        assert [n.kind for n in notices] == [NoticeKind.SET_ASIDE]
        aside = notices[0].path
        assert aside is not None and aside.name.startswith(DB + ".corrupt-20250303T")
        # The message names both files and says what the person can do.
        assert str(path) in notices[0].message and str(aside) in notices[0].message
        assert "You might keep the old file" in notices[0].message
        # Nothing is lost: the damaged file is kept byte for byte.
        assert aside.read_bytes() == damaged
        # A new log has begun and works.
        assert log.list_practices() == []
        practise(log)
        assert log.count_practices() == 1 and log.saves
    assert raw_rows(path, "PRAGMA integrity_check") == [("ok",)]


def test_a_file_that_is_not_a_database_is_set_aside(tmp_path: Path) -> None:
    damaged = b"these are not the bytes of a database\n" * 100
    (tmp_path / DB).write_bytes(damaged)
    _check_set_aside(tmp_path, damaged)


def test_a_database_with_damaged_pages_is_set_aside(tmp_path: Path) -> None:
    _fill(tmp_path / DB, 40)
    data = bytearray((tmp_path / DB).read_bytes())
    assert len(data) >= 4 * 4096
    # Scribble over the b-tree pages after the first (the header stays valid).
    for page in range(1, len(data) // 4096):
        data[page * 4096 : page * 4096 + 64] = bytes(range(64))
    (tmp_path / DB).write_bytes(bytes(data))
    _check_set_aside(tmp_path, bytes(data))


def test_a_cut_off_database_is_set_aside(tmp_path: Path) -> None:
    _fill(tmp_path / DB, 40)
    damaged = (tmp_path / DB).read_bytes()[:5000]
    (tmp_path / DB).write_bytes(damaged)
    _check_set_aside(tmp_path, damaged)


def test_a_damaged_file_and_its_journal_are_set_aside_together(tmp_path: Path) -> None:
    damaged = b"\x00garbage" * 600
    (tmp_path / DB).write_bytes(damaged)
    (tmp_path / (DB + "-wal")).write_bytes(b"old journal")
    _check_set_aside(tmp_path, damaged)
    (wal,) = tmp_path.glob(DB + ".corrupt-*-wal")
    assert wal.read_bytes() == b"old journal"


# --- a newer version ----------------------------------------------------------------------


def test_a_log_from_a_newer_version_is_refused_and_untouched(tmp_path: Path) -> None:
    ids = _fill(tmp_path / DB, 3)
    conn = sqlite3.connect(tmp_path / DB)
    conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    conn.commit()
    conn.close()

    def database_files() -> dict:
        return {k: v for k, v in snapshot(tmp_path).items() if not k.endswith(".lock")}

    before = database_files()
    with pytest.raises(NewerVersionError) as info:
        open_log(tmp_path / DB, clock=MonotonicClock())
    message = str(info.value)
    assert str(tmp_path / DB) in message
    assert "newer version" in message and "left exactly as it is" in message
    assert "guest" in message
    assert info.value.found == CURRENT_VERSION + 1
    assert database_files() == before
    # The lock was let go: the newer version (or this one, later) can open it.
    assert raw_rows(tmp_path / DB, "SELECT count(*) FROM practices") == [(len(ids),)]


# --- a second running copy ----------------------------------------------------------------


def test_a_second_copy_in_the_same_process_is_told_and_nothing_is_lost(tmp_path: Path) -> None:
    first = open_log(tmp_path / DB, wall=Wall(), clock=MonotonicClock())
    kept = practise(first)
    with pytest.raises(LogLockedError) as info:
        open_log(tmp_path / DB, clock=MonotonicClock())
    assert str(tmp_path / DB) in str(info.value)
    assert f"process {os.getpid()}" in str(info.value)
    assert "already open in another copy" in str(info.value)
    # The first copy carries on.
    practise(first)
    assert first.count_practices() == 2
    first.close()
    with open_log(tmp_path / DB, clock=MonotonicClock()) as again:
        assert again.get(kept.uuid) == kept
        assert again.count_practices() == 2


def test_a_second_copy_in_another_process_is_told_and_a_killed_one_frees_the_log(
    tmp_path: Path,
) -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "tests.unit.storage.test_storage_faults", "hold", str(tmp_path)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        try:
            assert holder.stdout is not None
            assert holder.stdout.readline().strip() == "ready"
            with pytest.raises(LogLockedError) as info:
                open_log(tmp_path / DB, clock=MonotonicClock())
            assert info.value.pid == holder.pid
            assert f"process {holder.pid}" in info.value.message
        finally:
            holder.send_signal(signal.SIGKILL)
            holder.wait()
    # The practice the killed copy was in the middle of is kept, as interrupted.
    with open_log(tmp_path / DB, clock=MonotonicClock()) as log:
        (record,) = log.list_practices()
        assert record.status.value == "interrupted"
        assert [n.kind for n in log.take_notices()] == [NoticeKind.INTERRUPTED]


def _hold(folder: Path) -> dict[str, object]:
    log = open_log(folder / DB, clock=MonotonicClock())
    log.start_practice("breathing", "resonance")
    print("ready", flush=True)
    sys.stdin.read()
    return {}


def test_a_log_kept_busy_by_another_program_holds_the_practice_in_memory(
    tmp_path: Path,
) -> None:
    path = tmp_path / DB
    log = open_log(path, wall=Wall(), busy_timeout_s=0.05, clock=MonotonicClock())
    try:
        saved = practise(log)
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another program writing and taking its time
        pid = log.start_practice("exercise", "orienting")
        log.finish_practice(pid, actual_s=90)
        (notice,) = log.take_notices()
        assert notice.kind is NoticeKind.NOT_SAVED
        assert "busy" in notice.message and str(path) in notice.message
        assert not log.saves
        assert [r.uuid for r in log.unsaved()] == [pid]
        # What is in memory is shown with the rest.
        assert {r.uuid for r in log.list_practices()} == {saved.uuid, pid}
        assert log.count_practices() == 2
        other.execute("ROLLBACK")
        other.close()
        assert log.retry_unsaved() == 0
        assert [n.kind for n in log.take_notices()] == [NoticeKind.SAVED_AGAIN]
        assert log.saves
    finally:
        log.close()
    assert raw_rows(path, "SELECT count(*) FROM practices WHERE status = 'completed'") == [(2,)]


def test_a_data_folder_that_cannot_be_made_still_lets_a_practice_finish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    monkeypatch.setenv("KAPCOMPANION_DATA_DIR", str(tmp_path / "a-file" / "data"))
    log = open_log(wall=Wall(), clock=MonotonicClock())
    (notice,) = log.take_notices()
    assert notice.kind is NoticeKind.NOT_SAVED
    assert f"The folder {tmp_path / 'a-file' / 'data'} could not be made" in notice.message
    assert "kept in memory" in notice.message
    record = practise(log)
    assert record.status.value == "completed" and log.unsaved() == [record]
    assert log.list_practices() == [record]
    log.close()
    assert (tmp_path / "a-file").read_text() == "not a folder"


def test_after_a_failed_write_the_disk_is_tried_again_only_after_a_while(tmp_path: Path) -> None:
    # Each try on a busy file waits for the busy timeout, so tries are spaced out.
    path = tmp_path / DB
    clock = FakeClock()
    log = open_log(path, wall=Wall(), clock=clock, busy_timeout_s=0.05)
    try:
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        first = practise(log)
        other.execute("ROLLBACK")
        other.close()
        clock.advance(RETRY_AFTER_S / 2)
        second = practise(log)  # the file is free again, but it is not time to try yet
        assert {r.uuid for r in log.unsaved()} == {first.uuid, second.uuid}
        assert raw_rows(path, "SELECT count(*) FROM practices") == [(0,)]
        clock.advance(RETRY_AFTER_S / 2)
        third = practise(log)
        assert log.unsaved() == [] and log.saves
        saved = {r[0] for r in raw_rows(path, "SELECT uuid FROM practices")}
        assert saved == {first.uuid, second.uuid, third.uuid}
    finally:
        log.close()


# --- telling storage problems from bugs ---------------------------------------------------


def test_known_sqlite_errors_are_told_apart_from_bugs(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "a.sqlite3", isolation_level=None)
    conn.execute("CREATE TABLE t (x TEXT NOT NULL)")
    conn.execute("PRAGMA max_page_count = 3")
    with pytest.raises(sqlite3.Error) as full:
        conn.execute("INSERT INTO t VALUES (zeroblob(100000))")
    assert problem_of(full.value) is Problem.DISK_FULL
    with pytest.raises(sqlite3.Error) as bug:
        conn.execute("SELEC 1")
    assert problem_of(bug.value) is None
    with pytest.raises(sqlite3.Error) as constraint:
        conn.execute("INSERT INTO t VALUES (NULL)")
    assert problem_of(constraint.value) is None
    conn.close()

    (tmp_path / "b.sqlite3").write_bytes(b"not a database" * 300)
    garbage = sqlite3.connect(tmp_path / "b.sqlite3")
    with pytest.raises(sqlite3.Error) as corrupt:
        garbage.execute("SELECT * FROM sqlite_schema").fetchall()
    assert problem_of(corrupt.value) is Problem.CORRUPT
    garbage.close()

    ro = sqlite3.connect(f"{(tmp_path / 'a.sqlite3').as_uri()}?mode=ro", uri=True)
    with pytest.raises(sqlite3.Error) as read_only:
        ro.execute("INSERT INTO t VALUES ('x')")
    assert problem_of(read_only.value) is Problem.READ_ONLY
    ro.close()

    assert problem_of(OSError(28, "No space left on device")) is Problem.DISK_FULL
    assert problem_of(OSError(30, "Read-only file system")) is Problem.READ_ONLY
    assert problem_of(ValueError("a bug")) is None


# --- a read-only folder and a full disk (real ones, in a private mount namespace) ---------


def _namespace_reason() -> str | None:
    if shutil.which("unshare") is None:
        return "unshare (util-linux) is not installed"
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        return "private mount namespaces are not allowed here: " + probe.stderr.strip()
    return None


def _in_namespace(setup: str, scenario: str, folder: Path) -> dict:
    reason = _namespace_reason()
    if reason:
        pytest.skip(reason)
    module = "tests.unit.storage.test_storage_faults"
    script = f"{setup} && exec {sys.executable} -m {module} {scenario} {folder}"
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_read_only_folder_shows_what_was_saved_and_keeps_new_practice_in_memory(
    tmp_path: Path,
) -> None:
    ids = _fill(tmp_path / DB, 5)
    before = snapshot(tmp_path)
    found = _in_namespace(f"mount --bind -o ro {tmp_path} {tmp_path}", "readonly", tmp_path)
    assert found["notices"][0][0] == "read_only"
    message = found["notices"][0][1]
    assert str(tmp_path) in message and "cannot be written to" in message
    assert "kept in memory" in message
    assert found["saved_ids"] == sorted(ids)
    assert found["finished"] == "completed" and found["unsaved"] == 1 and not found["saves"]
    assert found["listed"] == 6
    assert snapshot(tmp_path) == before


def test_a_read_only_folder_without_a_log_still_lets_a_practice_finish(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    found = _in_namespace(f"mount --bind -o ro {folder} {folder}", "readonly", folder)
    assert found["notices"][0][0] == "not_saved"
    assert "cannot be written to" in found["notices"][0][1]
    assert found["finished"] == "completed" and found["unsaved"] == 1
    assert list(folder.iterdir()) == []


def _readonly(folder: Path) -> dict[str, object]:
    log = open_log(folder / DB, wall=Wall(), clock=MonotonicClock())
    notices = [(n.kind.value, n.message) for n in log.take_notices()]
    saved = sorted(r.uuid for r in log.list_practices(limit=None))
    record = practise(log, minutes=3)
    result = {
        "notices": notices,
        "saved_ids": saved,
        "finished": record.status.value,
        "unsaved": len(log.unsaved()),
        "saves": log.saves,
        "listed": log.count_practices(),
        "later_notices": [n.kind.value for n in log.take_notices()],
    }
    log.close()
    return result


def test_a_full_disk_keeps_the_practice_in_memory_and_saves_it_when_there_is_room(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "small"
    folder.mkdir()
    found = _in_namespace(
        f"mount -t tmpfs -o size=1m tmpfs {folder} && "
        f"dd if=/dev/zero of={folder}/filler bs=1k count=256 2>/dev/null",
        "full",
        folder,
    )
    assert found["first_notice"][0] == "not_saved"
    assert "no room left" in found["first_notice"][1] and str(folder) in found["first_notice"][1]
    assert found["saved_before_full"] >= 1
    assert found["unsaved_when_full"] == 1
    assert found["finished_in_memory"] == "completed"
    assert found["integrity_when_full"] == "ok"
    # The disk may fill between the practice's first row and its finish: that first row may
    # be there (as a practice begun), never a finished one that was not saved.
    assert found["rows_when_full"] - found["saved_before_full"] in (0, 1)
    assert found["finished_rows_when_full"] == found["saved_before_full"]
    assert found["remaining_after_room"] == 0
    assert found["after_room_notices"] == ["saved_again"]
    assert found["rows_at_end"] == found["saved_before_full"] + 1
    assert found["integrity_at_end"] == "ok"


def _full(folder: Path) -> dict[str, object]:
    path = folder / DB
    log = open_log(path, wall=Wall(), clock=MonotonicClock())
    saved = 0
    notice: tuple[str, str] = ("", "")
    for _ in range(10_000):
        pid = log.start_practice("breathing", "resonance", intention="i" * 3000)
        record = log.finish_practice(pid, actual_s=60, note="n" * 3000)
        notices = log.take_notices()
        if notices:
            notice = (notices[0].kind.value, notices[0].message)
            break
        saved += 1
    check = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    integrity = check.execute("PRAGMA integrity_check").fetchone()[0]
    rows = check.execute("SELECT count(*) FROM practices").fetchone()[0]
    finished = check.execute(
        "SELECT count(*) FROM practices WHERE status != 'in_progress'"
    ).fetchone()[0]
    check.close()
    unsaved = len(log.unsaved())
    (folder / "filler").unlink()
    remaining = log.retry_unsaved()
    after = [n.kind.value for n in log.take_notices()]
    log.close()
    check = sqlite3.connect(path)
    result = {
        "first_notice": notice,
        "saved_before_full": saved,
        "unsaved_when_full": unsaved,
        "finished_in_memory": record.status.value,
        "integrity_when_full": integrity,
        "rows_when_full": rows,
        "finished_rows_when_full": finished,
        "remaining_after_room": remaining,
        "after_room_notices": after,
        "rows_at_end": check.execute("SELECT count(*) FROM practices").fetchone()[0],
        "integrity_at_end": check.execute("PRAGMA integrity_check").fetchone()[0],
    }
    check.close()
    return result


SCENARIOS = {"hold": _hold, "readonly": _readonly, "full": _full}

if __name__ == "__main__":
    print(json.dumps(SCENARIOS[sys.argv[1]](Path(sys.argv[2]))))
