"""Which journal goes with which practice log.

The saved log's journal keeps its tables in the log's own file, on the log's own connection
(written when made, private, whole rows only). A guest's journal, and the journal of a log that
could not open its file, are held in memory only: nothing is written anywhere, and the words are
gone when the app closes. The same log always gets the same journal back.
"""

from __future__ import annotations

import weakref
from datetime import date

from .base import PracticeStore
from .journal import JournalStore, memory_store
from .log import PracticeLog

_journals: weakref.WeakKeyDictionary[PracticeStore, JournalStore] = weakref.WeakKeyDictionary()


def journal_for(store: PracticeStore) -> JournalStore:
    """The journal that goes with ``store``."""
    journal = _journals.get(store)
    if journal is None:
        conn = store.connection if isinstance(store, PracticeLog) else None
        if conn is not None and isinstance(store, PracticeLog):
            journal = JournalStore(conn, path=store.path)
        else:
            journal = memory_store(store.session_dates, lambda day: _intention(store, day))
        _journals[store] = journal
    return journal


def _intention(store: PracticeStore, day: date) -> str | None:
    """The intention kept with the latest practice of ``day`` in a log held in memory."""
    for record in store.list_practices(first=day, last=day, limit=None):
        if record.intention:
            return record.intention
    return None
