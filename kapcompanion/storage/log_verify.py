"""Is this SQLite file a practice log? Asked before anything is written to it.

A file at the practice log's path may be any SQLite database (another program's, or one made
to look like ours with the right ``user_version``). Writing to it, or even switching it to WAL,
would change someone else's file. :func:`foreign_schema` compares the file's tables and
columns with what the migrations make for the version it claims: a log of that version has
them all. A file of version 0 (new) may hold nothing but the app's own tables.
"""

from __future__ import annotations

import sqlite3
from functools import cache

from kapcompanion.i18n import _

from .journal import SCHEMA as JOURNAL_SCHEMA
from .migrations import MIGRATIONS, install_functions

Tables = dict[str, frozenset[str]]


def _tables(conn: sqlite3.Connection) -> Tables:
    names = [
        str(row[0])
        for row in conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: frozenset(str(col[1]) for col in conn.execute(f'PRAGMA table_info("{name}")'))
        for name in names
    }


@cache
def expected_tables(version: int) -> Tables:
    """The tables (and their columns) the migrations make up to ``version``."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        install_functions(conn)
        for step in MIGRATIONS[:version]:
            for statement in step:
                conn.execute(statement)
        return _tables(conn)
    finally:
        conn.close()


@cache
def _journal_tables() -> frozenset[str]:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for statement in JOURNAL_SCHEMA:
            conn.execute(statement)
        return frozenset(_tables(conn))
    finally:
        conn.close()


def foreign_schema(conn: sqlite3.Connection, version: int) -> str | None:
    """None when ``conn``'s file has what a practice log of ``version`` has; otherwise what
    is missing or out of place, in words."""
    found = _tables(conn)
    if version <= 0:
        own = set(expected_tables(len(MIGRATIONS))) | _journal_tables()
        strange = sorted(set(found) - own)
        if strange:
            return _("it holds tables a practice log never has ({tables})").format(
                tables=", ".join(strange[:3])
            )
        return None
    for table, columns in expected_tables(version).items():
        if table not in found:
            return _("it has no {table} table").format(table=table)
        missing = sorted(columns - found[table])
        if missing:
            return _("its {table} table has no {columns} column").format(
                table=table, columns=", ".join(missing[:3])
            )
    return None
