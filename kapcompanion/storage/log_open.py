"""Opening the saved practice log (:func:`open_log`), whatever state its file is in:

- a damaged file is moved aside to ``<name>.corrupt-<time>`` (never deleted or overwritten)
  and a new log is begun; the notice says where the old file is;
- a file from a newer version is left untouched and :class:`NewerVersionError` is raised;
- a log already open in another running copy raises :class:`LogLockedError`;
- an older file is copied to ``<name>.v<N>-backup-<time>`` and then upgraded;
- practices a crash left running are marked interrupted.

The two refusals leave guest practice (:class:`~kapcompanion.storage.guest.GuestLog`) open.
Every other problem is told through the log's notices, and the log returned always accepts
practice, in memory if it cannot write.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from kapcompanion.domain.clock import Clock
from kapcompanion.i18n import _, ngettext

from .base import Notice, NoticeKind, local_now
from .errors import NewerVersionError, Problem, StorageFailure, problem_of
from .journal import ensure_schema as ensure_journal_schema
from .lock import InstanceLock
from .log import PracticeLog
from .log_verify import foreign_schema
from .migrations import CURRENT_VERSION, migrate, user_version
from .paths import FILE_MODE, database_path, ensure_private_dir, make_private
from .safe_read import UnsafeFileError, create_new, open_plain
from .wal_check import wal_damage

_logger = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"


def _stamp(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _unused(path: Path) -> Path:
    """``path``, or ``path`` with a number added when that name is taken."""
    if not path.exists():
        return path
    n = 2
    while path.with_name(f"{path.name}-{n}").exists():
        n += 1
    return path.with_name(f"{path.name}-{n}")


def _companions(path: Path) -> list[Path]:
    """The database file and the journal files SQLite keeps beside it."""
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


class _NotAFile(StorageFailure):
    """Where the log should be there is something else: ``what`` names it ("a pipe"), or is
    empty when it is a plain file after all that cannot be read."""

    def __init__(self, path: Path, message: str, what: str) -> None:
        super().__init__(Problem.CORRUPT, path, message)
        self.what = what


def _header_version(path: Path) -> int | None:
    """The schema version written in the file's header, without opening it with SQLite.

    Returns None for an empty file (SQLite treats it as a new database) and raises
    :class:`StorageFailure` (corrupt) for a file that is not an SQLite database.
    """
    try:
        fd = open_plain(path)
    except UnsafeFileError as exc:
        raise _NotAFile(path, _("it {reason}").format(reason=exc.reason), exc.what) from None
    except FileNotFoundError:
        if not path.is_symlink():
            raise
        raise _NotAFile(path, _("it is a link to nothing"), _("a link to nothing")) from None
    try:
        header = os.pread(fd, 100, 0)
    finally:
        os.close(fd)
    if not header:
        return None
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise StorageFailure(Problem.CORRUPT, path, _("not an SQLite database"))
    return int.from_bytes(header[60:64], "big", signed=True)


def _connect(path: Path, busy_timeout_s: float, *, read_only: bool) -> sqlite3.Connection:
    if read_only:
        uri = path.resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=busy_timeout_s)
        try:
            conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        except sqlite3.OperationalError as exc:
            if problem_of(exc) is not Problem.CANNOT_OPEN:
                conn.close()
                raise
            # A WAL database in a folder nobody can write (no shared-memory file can be
            # made): nothing can change it, so it may be read as an immutable file.
            conn.close()
            conn = sqlite3.connect(
                uri + "&immutable=1", uri=True, isolation_level=None, timeout=busy_timeout_s
            )
    else:
        conn = sqlite3.connect(path, isolation_level=None, timeout=busy_timeout_s)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return conn


def _check(conn: sqlite3.Connection, path: Path) -> None:
    """Raise StorageFailure (corrupt) unless SQLite finds the file sound."""
    try:
        result = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        if problem_of(exc) is Problem.CORRUPT:
            raise StorageFailure(Problem.CORRUPT, path, str(exc)) from exc
        raise
    # Rows that break a table's rules (changed by another program) are not damage to the
    # file: they are left out when read (see LogReader._records), the rest stays in use.
    damage = [r for r in result if not _row_rule(str(r))]
    if result != ["ok"] and damage:
        raise StorageFailure(Problem.CORRUPT, path, "; ".join(map(str, damage[:3])))


def _row_rule(finding: str) -> bool:
    return finding.startswith(("CHECK constraint failed", "NULL value in"))


def _set_aside(path: Path, now: datetime) -> Path:
    """Move a damaged database (and its journal files) to ``<name>.corrupt-<time>``."""
    aside = _unused(path.with_name(f"{path.name}.corrupt-{_stamp(now)}"))
    for suffix in ("-wal", "-shm"):
        journal = path.with_name(path.name + suffix)
        if journal.exists():
            os.replace(journal, aside.with_name(aside.name + suffix))
    os.replace(path, aside)
    return aside


def _copy_private(source: Path, target: Path) -> None:
    """Copy ``source`` to a new 0600 file ``target`` (never through a link), synced."""
    fd = create_new(target, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            target.unlink()
        raise


def _backup_before_upgrade(conn: sqlite3.Connection, path: Path, found: int) -> None:
    copy = _unused(path.with_name(f"{path.name}.v{found}-backup-{_stamp(datetime.now(UTC))}"))
    fd = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    os.close(fd)
    target = sqlite3.connect(copy)
    try:
        conn.backup(target)
    except BaseException:
        target.close()
        with contextlib.suppress(OSError):
            copy.unlink()
        raise
    with contextlib.suppress(sqlite3.Error):
        target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    target.close()
    make_private(copy)


def _create_private(path: Path) -> None:
    """Create the database file 0600 before SQLite does (its journals copy the mode)."""
    os.close(create_new(path, FILE_MODE))  # never through a link, exactly 0600


def open_log(
    path: Path | None = None,
    *,
    clock: Clock,
    wall: Callable[[], datetime] = local_now,
    busy_timeout_s: float = 2.0,
) -> PracticeLog:
    """Open the practice log (by default the one in the private data folder).

    Raises :class:`LogLockedError` or :class:`NewerVersionError` (both :class:`LogUnavailable`,
    with a message for the person) when the log must not be used from here. Every other
    problem is handled and told through :meth:`PracticeLog.take_notices`: the returned log
    always accepts practice, in memory if it cannot write.

    ``clock`` is the app's one monotonic clock, which spaces out retries after a failed
    write; ``wall`` gives the local wall time (the day a practice belongs to).
    """
    opening = _Opening(
        database_path(create=False) if path is None else Path(path),
        wall,
        clock,
        busy_timeout_s,
    )
    try:
        ensure_private_dir(opening.path.parent)
    except OSError as exc:
        return opening.memory_only(_folder_failure(opening.path, exc))
    opening.lock = InstanceLock.acquire(opening.path)
    try:
        return opening.open()
    except BaseException:
        opening.lock.release()
        raise


def _folder_failure(path: Path, exc: OSError) -> StorageFailure | OSError:
    problem = problem_of(exc)
    if problem is None:
        return exc
    if problem is not Problem.CANNOT_OPEN:
        return StorageFailure(problem, path)
    return StorageFailure(
        problem,
        path,
        _(
            "The folder {folder} could not be made ({why}). You might check that "
            "the place it should be in exists and is a folder."
        ).format(folder=path.parent, why=exc.strerror),
    )


class _Opening:
    """The steps of opening a log, and what they gather on the way."""

    def __init__(
        self, path: Path, wall: Callable[[], datetime], clock: Clock, busy_timeout_s: float
    ) -> None:
        self.path = path
        self.wall = wall
        self.clock = clock
        self.busy_timeout_s = busy_timeout_s
        self.notices: list[Notice] = []
        self.lock: InstanceLock | None = None

    def log(
        self, conn: sqlite3.Connection | None, offline: StorageFailure | None = None
    ) -> PracticeLog:
        return PracticeLog(
            self.path,
            conn,
            self.lock,
            wall=self.wall,
            clock=self.clock,
            notices=self.notices,
            offline=offline,
        )

    def memory_only(self, exc: OSError | sqlite3.Error | StorageFailure) -> PracticeLog:
        if isinstance(exc, StorageFailure):
            failure = exc
        else:
            problem = problem_of(exc)
            if problem is None:
                raise exc
            failure = StorageFailure(problem, self.path)
        self.notices.append(
            Notice(
                NoticeKind.NOT_SAVED,
                _(
                    "The practice log {path} cannot be used right now, so what you practise "
                    "is kept in memory while the app is open. {why}"
                ).format(path=self.path, why=failure.message),
                self.path,
            )
        )
        return self.log(None, failure)

    def open(self) -> PracticeLog:
        path = self.path
        folder_writable = os.access(path.parent, os.W_OK)
        # 1. Look at the header before SQLite touches anything (a pipe, a device, a folder
        # or a link to nothing there is set aside, never opened).
        if os.path.lexists(path):
            try:
                version = _header_version(path)
            except StorageFailure as failure:
                version = -1
                cause = failure.what if isinstance(failure, _NotAFile) else ""
            except OSError as exc:
                return self.memory_only(exc)
            else:
                cause = ""
            if version is not None and version > CURRENT_VERSION:
                raise NewerVersionError(path, version, CURRENT_VERSION)
            if version == -1:
                refused = self.set_aside(cause)
                if refused is not None:
                    return refused

        # 1b. A damaged journal would lose committed practice unseen: keep a copy first.
        self.keep_damaged_journal()

        # 2. Open it (read-only when the folder cannot be written).
        read_only = path.exists() and not (folder_writable and os.access(path, os.W_OK))
        conn: sqlite3.Connection | None = None
        try:
            if not path.exists():
                _create_private(path)
            conn = _connect(path, self.busy_timeout_s, read_only=read_only)
        except StorageFailure as failure:
            return self.memory_only(failure)
        except (OSError, sqlite3.Error) as exc:
            if problem_of(exc) is not Problem.CORRUPT:
                return self.memory_only(exc)

        # 3. Check it is sound; set it aside if not.
        try:
            if conn is None:
                raise StorageFailure(Problem.CORRUPT, path)
            _check(conn, path)
        except StorageFailure as failure:
            if conn is not None:
                conn.close()
            if failure.problem is not Problem.CORRUPT:
                return self.memory_only(failure)
            return self.set_aside() or self.open()

        # 4. Upgrade it (once it is known to be a log), then mark what a crash left running.
        try:
            found = user_version(conn)
            if found > CURRENT_VERSION:
                conn.close()
                raise NewerVersionError(path, found, CURRENT_VERSION)
            # 5. Make sure it is a practice log before anything is written to it.
            foreign = foreign_schema(conn, found)
            if foreign is not None:
                conn.close()
                return self.memory_only(
                    StorageFailure(
                        Problem.CANNOT_OPEN,
                        path,
                        _(
                            "It is a database, but not a practice log kapcompanion wrote "
                            "({why}), so it has been left exactly as it is. You might move it "
                            "elsewhere; the app will then begin a new log there."
                        ).format(why=foreign),
                    )
                )
            if read_only:
                return self.read_only(conn, found)
            try:
                migrate(conn, before=lambda v: _backup_before_upgrade(conn, path, v) if v else None)
            except sqlite3.Error as exc:
                if problem_of(exc) is not None:
                    raise
                # Rows the upgrade cannot carry: keep the file as it is and say so.
                _logger.exception("the practice log %s could not be upgraded", path)
                conn.close()
                return self.memory_only(
                    StorageFailure(
                        Problem.CANNOT_OPEN,
                        path,
                        _(
                            "It could not be brought up to date for this version of "
                            "kapcompanion ({why}), so it has been left exactly as it was. You "
                            "might keep a copy of it safe."
                        ).format(why=exc),
                    )
                )
            # The integration journal's tables live in the same file; they are only ever
            # added to (never versioned), so a file of any version gains them here.
            ensure_journal_schema(conn)
            # WAL only once the file is known to be ours and up to date (switching changes
            # the header, and a file that could not be upgraded is left exactly as it was).
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StorageFailure(Problem.LOCKED, path)
            conn.execute("BEGIN IMMEDIATE")
            marked = conn.execute(
                "UPDATE practices SET status = 'interrupted' WHERE status = 'in_progress'"
            ).rowcount
            conn.execute("COMMIT")
        except (OSError, sqlite3.Error, StorageFailure) as exc:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            conn.close()
            return self.memory_only(exc)
        for companion in _companions(path):
            make_private(companion)
        if marked:
            said = ngettext(
                "A practice that was running when the app last closed unexpectedly is kept in "
                "your history, marked as interrupted.",
                "{n} practices that were running when the app closed unexpectedly are kept in "
                "your history, marked as interrupted.",
                marked,
            ).format(n=marked)
            self.notices.append(Notice(NoticeKind.INTERRUPTED, said, path))
        return self.log(conn)

    def keep_damaged_journal(self) -> None:
        """Copy the log and a damaged ``-wal`` journal aside, untouched, before SQLite replays
        what it can of it (and drops the rest), and say what was done."""
        path = self.path
        wal = path.with_name(path.name + "-wal")
        if not path.is_file() or not wal.is_file():
            return
        damage = wal_damage(wal)
        if damage is None:
            return
        aside = _unused(path.with_name(f"{path.name}.journal-damaged-{_stamp(self.wall())}"))
        try:
            _copy_private(path, aside)
            _copy_private(wal, aside.with_name(aside.name + "-wal"))
        except OSError as exc:
            with contextlib.suppress(OSError):
                aside.unlink()
            kept = _(
                "A copy could not be kept ({why}); you might copy {path} and "
                "{wal} somewhere safe before closing the app."
            ).format(why=exc.strerror or exc, path=path, wal=wal)
        else:
            kept = _(
                "Both were copied, unchanged, to {aside} and {name}-wal beside it, so "
                "they may still be recovered from there."
            ).format(aside=aside, name=aside.name)
        damaged = (
            _(
                "The practice log's journal {wal} is damaged, so the last practice saved may "
                "be missing from History. {kept}"
            )
            if damage.lost_commits == 1
            else _(
                "The practice log's journal {wal} is damaged, so the last few practices may "
                "be missing from History. {kept}"
            )
        )
        self.notices.append(
            Notice(NoticeKind.JOURNAL_KEPT, damaged.format(wal=wal, kept=kept), aside)
        )

    def set_aside(self, cause: str = "") -> PracticeLog | None:
        """Move a damaged file aside; None when done, else the log to use instead. ``cause``
        names what was found there, when it is more than damage ("a pipe", "a folder")."""
        path = self.path
        try:
            aside = _set_aside(path, self.wall())
        except OSError as exc:
            return self.memory_only(
                StorageFailure(
                    Problem.CORRUPT,
                    path,
                    _(
                        "It looks damaged and could not be moved aside ({why}); it has "
                        "been left exactly as it is. You might move it elsewhere yourself; the "
                        "app will then begin a new log."
                    ).format(why=exc.strerror),
                )
            )
        self.notices.append(
            Notice(
                NoticeKind.SET_ASIDE,
                (
                    # A pipe, a device link or a folder: not a damaged log, nothing to recover.
                    _(
                        "The practice log {path} could not be read: it is {what}, not a "
                        "file. It has been left as it was, under the name {aside}, and a new, "
                        "empty log has been begun so you can go on practising."
                    ).format(path=path, what=cause, aside=aside)
                )
                if cause
                else _(
                    "The practice log {path} could not be read; it looks damaged. It has been "
                    "kept, unchanged, as {aside}, and a new, empty log has been begun so you "
                    "can go on practising. You might keep the old file somewhere safe: earlier "
                    "entries may still be recoverable from it."
                ).format(path=path, aside=aside),
                aside,
            )
        )
        return None

    def read_only(self, conn: sqlite3.Connection, found: int) -> PracticeLog:
        failure = StorageFailure(Problem.READ_ONLY, self.path)
        if found != CURRENT_VERSION:
            conn.close()
            return self.memory_only(failure)
        self.notices.append(
            Notice(
                NoticeKind.READ_ONLY,
                _(
                    "Your earlier practice can be seen, but nothing new can be saved to "
                    "{path} right now; what you practise is kept in memory while the app is "
                    "open. {why}"
                ).format(path=self.path, why=failure.message),
                self.path,
            )
        )
        return self.log(conn, failure)
