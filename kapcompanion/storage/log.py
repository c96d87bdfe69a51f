"""The saved practice log: one SQLite file in the private data folder.

A practice is written when it starts (in progress), every so often while it runs (how far it
has come) and again when it ends (completed or stopped early, with the real end time), so a
crash leaves a record, never a gap: the next time the log is opened, practices still marked in
progress become "interrupted". What the person adds once it has ended (how they feel now,
the answers they chose to keep) goes into the finished row (:meth:`PracticeLog.record_after`).
Every write is one transaction (WAL journal, synchronous=FULL), so a killed process never
leaves half a record.

When something stops the log from saving (a full disk, a read-only folder, a file in use),
nothing already saved is touched, the practice in progress carries on in memory and the
person is told once, in plain words (see :meth:`PracticeLog.take_notices`). What is kept in
memory is written as soon as saving works again (at the next write, or with
:meth:`PracticeLog.retry_unsaved`); the UI can offer an export of :meth:`PracticeLog.unsaved`
before closing.

This module writes; reading is :mod:`~kapcompanion.storage.log_read`'s part and opening (with
what it does about a damaged, locked, older or newer file) :mod:`~kapcompanion.storage.log_open`'s.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from kapcompanion.domain.clock import Clock
from kapcompanion.domain.practice import PracticeRecord
from kapcompanion.domain.practice_flow import interrupted, with_note
from kapcompanion.i18n import _

from .base import (
    ImportResult,
    Notice,
    NoticeKind,
    NotRunningError,
    PracticeFlow,
    UnknownPracticeError,
    local_now,
)
from .errors import StorageFailure, problem_of
from .journal import delete_everything as delete_journal
from .lock import InstanceLock
from .log_read import LogReader
from .log_rows import INSERT_NEW, record_params, upsert, write_steps
from .memory import MemoryRecords

T = TypeVar("T")

#: After a failed write, how long to keep new records in memory before trying the disk again
#: (a busy file makes every try wait for the busy timeout).
RETRY_AFTER_S = 30.0


class PracticeLog(LogReader, PracticeFlow):
    """The saved practice log. Open it with :func:`~kapcompanion.storage.log_open.open_log`;
    ``clock`` spaces out the tries to write again after a failed write."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection | None,
        lock: InstanceLock | None,
        *,
        clock: Clock,
        wall: Callable[[], datetime] = local_now,
        notices: Iterable[Notice] = (),
        offline: StorageFailure | None = None,
    ) -> None:
        self._path = path
        self._clock = clock
        self._retry_at = 0.0
        self._conn = conn
        self._lock = lock
        self._wall = wall
        self._notices = list(notices)
        # Practices started here and not yet ended (the latest state of each).
        self._running: dict[str, PracticeRecord] = {}
        # Records that could not be written yet (the latest state of each).
        self._unsaved = MemoryRecords()
        # Why saving does not work at the moment (None while it does).
        self._failure: StorageFailure | None = offline

    # --- state and notices ----------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self._path

    @property
    def saves(self) -> bool:
        return self._conn is not None and self._failure is None

    @property
    def connection(self) -> sqlite3.Connection | None:
        """The open file (the journal keeps its tables in it), None when there is none."""
        return self._conn

    def take_notices(self) -> list[Notice]:
        """What the person should be told since the last call (each notice once)."""
        notices, self._notices = self._notices, []
        return notices

    def _notify(self, kind: NoticeKind, message: str, path: Path | None = None) -> None:
        self._notices.append(Notice(kind, message, path or self._path))

    # --- writing ---------------------------------------------------------------------------

    def _write(self, action: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``action`` in one transaction; known storage problems become StorageFailure."""
        if self._conn is None:
            raise self._offline()
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = action(conn)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                raise
        except (sqlite3.Error, OSError) as exc:
            problem = problem_of(exc)
            if problem is None:
                raise
            raise StorageFailure(problem, self._path) from exc
        return result

    def _save(self, record: PracticeRecord, *, steps_known: bool = True) -> None:
        """Write ``record``, or keep it in memory when that is not possible."""
        if self._failure is not None and self._clock.now() < self._retry_at:
            self._keep(record)
            return
        if len(self._unsaved) and not self._flush():
            self._keep(record)
            return
        try:
            self._write(lambda c: upsert(c, record, steps_known=steps_known))
        except StorageFailure as failure:
            self._keep(record, failure)

    def _keep(self, record: PracticeRecord, failure: StorageFailure | None = None) -> None:
        self._unsaved.put(record)
        if failure is not None:
            self._retry_at = self._clock.now() + RETRY_AFTER_S
        if failure is not None and self._failure is None:
            self._failure = failure
            self._notify(
                NoticeKind.NOT_SAVED,
                _(
                    "Your practice cannot be saved right now, so it is being kept in memory; "
                    "you can carry on as usual. {why} It will be saved as soon as that works "
                    "again; if it cannot be, you might export it before closing."
                ).format(why=failure.message),
                failure.path,
            )

    def _flush(self) -> bool:
        """Try to write what is kept in memory; True when nothing is left there."""
        if not len(self._unsaved):
            return True
        if self._conn is None:
            return False
        records = self._unsaved.select()

        def write_all(conn: sqlite3.Connection) -> None:
            for record in records:
                upsert(conn, record, steps_known=True)

        try:
            self._write(write_all)
        except StorageFailure:
            self._retry_at = self._clock.now() + RETRY_AFTER_S
            return False
        for record in records:
            if self._unsaved.get(record.uuid) is record:
                self._unsaved.remove(record.uuid)
        if self._failure is not None:
            self._failure = None
            self._notify(
                NoticeKind.SAVED_AGAIN,
                _("Saving works again: the practice kept in memory is now saved in {path}.").format(
                    path=self._path
                ),
            )
        return not len(self._unsaved)

    def retry_unsaved(self) -> int:
        """Try again to write what is kept in memory; returns how many records remain."""
        self._flush()
        return len(self._unsaved)

    def unsaved(self) -> list[PracticeRecord]:
        """Records kept in memory because they could not be written (oldest first)."""
        return self._unsaved.select()

    # --- practising -----------------------------------------------------------------------

    # Where a practice's record goes at each stage (see PracticeFlow). None of these fails
    # for storage reasons: a record that cannot be written is kept in memory (see notices).

    def _running_record(self, practice_id: str) -> PracticeRecord:
        record = self._running.get(practice_id)
        if record is None:
            raise NotRunningError(practice_id)
        return record

    def _started(self, record: PracticeRecord) -> None:
        self._running[record.uuid] = record
        self._save(record)

    def _progressed(self, record: PracticeRecord) -> None:
        self._running[record.uuid] = record
        self._save(record)

    def _finished(self, record: PracticeRecord) -> None:
        del self._running[record.uuid]
        self._save(record)

    def _ended_or_running(self, practice_id: str) -> PracticeRecord | None:
        return self._running.get(practice_id) or self.get(practice_id)

    def _added_after(self, record: PracticeRecord) -> None:
        """What was added after goes into the finished row in one write (and into the running
        practice's state while it still runs)."""
        if record.uuid in self._running:
            self._running[record.uuid] = record
        self._save(record)

    def _scrub(self) -> None:
        """Words were removed: fold the write-ahead file into the log (where removed content
        is overwritten) so no copy of them stays behind in it."""
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # --- changing what is saved -----------------------------------------------------------

    def update_note(self, practice_id: str, note: str | None) -> None:
        """Replace a practice's note (None or blank removes it)."""
        if practice_id in self._running:
            self._running[practice_id] = with_note(self._running[practice_id], note)
        record = self.get(practice_id)
        if record is None:
            raise UnknownPracticeError(practice_id)
        self._save(with_note(record, note))

    def delete_practice(self, practice_id: str) -> bool:
        """Delete one practice for good; True when there was one."""
        removed = False
        if self._conn is not None:
            removed = (
                self._write(
                    lambda c: c.execute("DELETE FROM practices WHERE uuid = ?", (practice_id,))
                ).rowcount
                > 0
            )
        removed = self._unsaved.remove(practice_id) or removed
        self._running.pop(practice_id, None)
        return removed

    def delete_all(self) -> int:
        """Delete every practice and medicine-session date (the UI asks first). Deleted
        content is overwritten in the file, not only unlinked. Returns how many practices
        were deleted."""
        count = 0
        if self._conn is not None:

            def wipe(conn: sqlite3.Connection) -> int:
                n = conn.execute("DELETE FROM practices").rowcount
                conn.execute("DELETE FROM medicine_sessions")
                delete_journal(conn)  # the journal's words and marks go too
                return int(n)

            count = self._write(wipe)
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        count += self._unsaved.clear()
        self._running.clear()
        return count

    def merge_records(
        self, records: Iterable[PracticeRecord], sessions: Iterable[date] = ()
    ) -> ImportResult:
        """Add the records whose UUID the log does not know yet, in one transaction (all or
        nothing). A record that was in progress when it was exported comes in as interrupted."""
        incoming = list(records)
        dates = sorted(set(sessions))

        def merge(conn: sqlite3.Connection) -> ImportResult:
            added = present = 0
            for record in incoming:
                if record.uuid in self._unsaved:
                    present += 1
                    continue
                row = conn.execute(INSERT_NEW, record_params(interrupted(record))).fetchone()
                if row is None:
                    present += 1
                    continue
                added += 1
                if record.steps:
                    write_steps(conn, row[0], record.steps)
            before = conn.total_changes
            conn.executemany(
                "INSERT OR IGNORE INTO medicine_sessions (day) VALUES (?)",
                [(d.isoformat(),) for d in dates],
            )
            return ImportResult(added, present, conn.total_changes - before)

        return self._write(merge)

    # --- medicine-session dates -----------------------------------------------------------

    def add_session_date(self, day: date) -> bool:
        """Remember the date of a medicine session (only the date); True when it was new."""
        return bool(
            self._write(
                lambda c: (
                    c.execute(
                        "INSERT OR IGNORE INTO medicine_sessions (day) VALUES (?)",
                        (day.isoformat(),),
                    ).rowcount
                )
            )
        )

    def remove_session_date(self, day: date) -> bool:
        return bool(
            self._write(
                lambda c: (
                    c.execute(
                        "DELETE FROM medicine_sessions WHERE day = ?", (day.isoformat(),)
                    ).rowcount
                )
            )
        )

    # --- closing --------------------------------------------------------------------------

    def close(self) -> None:
        """Save what can be saved, then close the file and release the lock. Records that
        still cannot be written stay available from :meth:`unsaved` until the object goes."""
        with contextlib.suppress(StorageFailure):
            self._flush()
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("PRAGMA optimize")
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __del__(self) -> None:
        if getattr(self, "_lock", None) is not None or getattr(self, "_conn", None) is not None:
            with contextlib.suppress(Exception):
                self.close()
