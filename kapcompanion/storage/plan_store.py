"""The integration plan the person took in, kept in their data folder.

A small SQLite file of its own (``integration-plan.sqlite3``, 0600 in the private data folder),
so the plan never waits on the practice log and a damaged log never takes the plan with it. Its
schema version is kept in ``pragma user_version``:

- v1: ``plans``: each plan taken in (as the bundle's JSON, language-free), when it came, and
  whether it is current, replaced by a later one, or put aside by the person.

Nothing is ever deleted here: taking in a new plan marks the one before as replaced, and
putting a plan aside marks it so. A file made by a newer version is read by nobody and left
alone, with a clear message.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from kapcompanion.domain.plan import Plan, PlanError, plan_data, plan_from_data
from kapcompanion.i18n import _

from .paths import data_dir, make_private

log = logging.getLogger(__name__)

FILE_NAME = "integration-plan.sqlite3"
SCHEMA_VERSION = 1
_MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """
        CREATE TABLE plans (
            id INTEGER PRIMARY KEY,
            received_utc TEXT NOT NULL,
            plan TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'current'
                CHECK (state IN ('current', 'replaced', 'aside'))
        )
        """,
    ),
)


class PlanStoreError(OSError):
    """The plan file cannot be used; ``message`` says so for a person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def plan_path(*, create: bool = True) -> Path:
    return data_dir(create=create) / FILE_NAME


class PlanStore:
    """The plan file at ``path`` (the data folder's by default). Each call opens the file,
    does one thing in one transaction and closes it again."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path

    @property
    def path(self) -> Path:
        return self._path if self._path is not None else plan_path(create=False)

    @contextlib.contextmanager
    def _connect(self, *, create: bool) -> Iterator[sqlite3.Connection | None]:
        path = self.path
        if not create and not path.exists():
            yield None
            return
        try:
            if create:
                if self._path is None:
                    plan_path(create=True)
                path.parent.mkdir(parents=True, exist_ok=True)
                with contextlib.suppress(FileExistsError):
                    path.touch(mode=0o600, exist_ok=False)
            make_private(path)
            conn = sqlite3.connect(path, timeout=5.0, isolation_level=None)
        except (OSError, sqlite3.Error) as problem:
            raise PlanStoreError(
                _("The plan could not be kept in {path} ({why}).").format(path=path, why=problem)
            ) from None
        try:
            self._migrate(conn)
            yield conn
        except sqlite3.Error as problem:
            raise PlanStoreError(
                _("The plan file {path} could not be used ({why}). It was left as it is.").format(
                    path=path, why=problem
                )
            ) from None
        finally:
            conn.close()

    def _migrate(self, conn: sqlite3.Connection) -> None:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise PlanStoreError(
                _(
                    "The plan file {path} was made by a newer version of kapcompanion, so it "
                    "is left as it is."
                ).format(path=self.path)
            )
        if version == SCHEMA_VERSION:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            for number in range(version, SCHEMA_VERSION):
                for statement in _MIGRATIONS[number]:
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def current(self) -> Plan | None:
        """The plan taken in last and not put aside, or None."""
        with self._connect(create=False) as conn:
            if conn is None:
                return None
            row = conn.execute(
                "SELECT id, plan FROM plans WHERE state = 'current' ORDER BY id DESC LIMIT 1"
            ).fetchone()
        if row is None:
            return None
        try:
            return plan_from_data(json.loads(row[1]))
        except (ValueError, PlanError):
            log.warning("The stored plan %s cannot be read; it is left as it is", row[0])
            return None

    def keep(self, plan: Plan, now: datetime | None = None) -> None:
        """Keep ``plan`` as the current one; the plan before it (if any) becomes replaced."""
        received = (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
        text = json.dumps(plan_data(plan), ensure_ascii=False, sort_keys=True)
        with self._connect(create=True) as conn:
            assert conn is not None
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute("UPDATE plans SET state = 'replaced' WHERE state = 'current'")
                conn.execute(
                    "INSERT INTO plans (received_utc, plan) VALUES (?, ?)", (received, text)
                )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    def put_aside(self) -> bool:
        """Set the current plan aside (it stays in the file); False when there was none."""
        with self._connect(create=False) as conn:
            if conn is None:
                return False
            changed = conn.execute(
                "UPDATE plans SET state = 'aside' WHERE state = 'current'"
            ).rowcount
        return bool(changed)

    def states(self) -> list[str]:
        """Every plan's state, oldest first (for tests and the person's own look)."""
        with self._connect(create=False) as conn:
            if conn is None:
                return []
            return [r[0] for r in conn.execute("SELECT state FROM plans ORDER BY id")]
