"""The private practice log: SQLite in the data folder, guest practice in memory, export.

Nothing here imports Qt. The UI talks to a :class:`PracticeStore`:

- :func:`open_log` opens the saved log (:class:`PracticeLog`);
- :class:`GuestLog` is the same interface held in memory, writing nothing at all;
- :class:`PracticeLogs` says which of the two new practice goes to;
- :mod:`kapcompanion.storage.export` writes CSV and JSON and imports JSON backups.
"""

from .base import (
    PAGE_SIZE,
    ImportResult,
    Notice,
    NoticeKind,
    NotRunningError,
    PracticeStore,
    UnknownPracticeError,
)
from .errors import (
    ImportFormatError,
    LogLockedError,
    LogUnavailable,
    NewerVersionError,
    Problem,
    StorageFailure,
)
from .guest import GuestLog
from .log import PracticeLog
from .log_open import open_log
from .logs import PracticeLogs
from .paths import data_dir, database_path, user_scripts_dir

__all__ = [
    "PAGE_SIZE",
    "GuestLog",
    "ImportFormatError",
    "ImportResult",
    "LogLockedError",
    "LogUnavailable",
    "NewerVersionError",
    "NotRunningError",
    "Notice",
    "NoticeKind",
    "PracticeLog",
    "PracticeLogs",
    "PracticeStore",
    "Problem",
    "StorageFailure",
    "UnknownPracticeError",
    "data_dir",
    "database_path",
    "open_log",
    "user_scripts_dir",
]
