"""Where the app keeps its private files.

The data folder is ``$KAPCOMPANION_DATA_DIR`` when that is set, else the platform's user
data folder for "kapcompanion". It is created readable by its owner only (0700) and every
file in it is made 0600. Code asks here for paths and never builds them itself.

Nothing here is created until it is asked for with ``create=True`` (the default), so guest
practice, which writes nothing, can look up paths without leaving a trace.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

APP_NAME = "kapcompanion"
ENV_DATA_DIR = "KAPCOMPANION_DATA_DIR"
DATABASE_NAME = "practice-log.sqlite3"
SCRIPTS_FOLDER = "scripts"
DIR_MODE = 0o700
FILE_MODE = 0o600


def data_dir(*, create: bool = True) -> Path:
    """The private data folder (created 0700 when ``create`` is true)."""
    configured = os.environ.get(ENV_DATA_DIR, "").strip()
    folder = Path(configured).expanduser() if configured else Path(user_data_dir(APP_NAME))
    if create:
        ensure_private_dir(folder)
    return folder


def config_dir() -> Path:
    """The folder for settings and the person's own lists (not created here)."""
    return Path(user_config_dir(APP_NAME))


def database_path(*, create: bool = True) -> Path:
    """The practice log's database file (its folder is created when ``create`` is true)."""
    return data_dir(create=create) / DATABASE_NAME


def user_scripts_dir(*, create: bool = True) -> Path:
    """The folder for the person's own exercise scripts."""
    folder = data_dir(create=create) / SCRIPTS_FOLDER
    if create:
        ensure_private_dir(folder)
    return folder


def ensure_private_dir(folder: Path) -> Path:
    """Create ``folder`` (and missing parents) and make it 0700.

    Folders that already exist are left as they are (the person may have chosen one on
    purpose); folders created here are private. Raises OSError when the folder cannot be
    created (a read-only or full disk).
    """
    missing = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=DIR_MODE)
        os.chmod(path, DIR_MODE)  # mkdir's mode is reduced by the umask
    return folder


def make_private(path: Path) -> None:
    """Make an existing file 0600 (a file that is gone or cannot be changed is left alone)."""
    try:
        if stat.S_IMODE(path.stat().st_mode) != FILE_MODE:
            os.chmod(path, FILE_MODE)
    except OSError:
        pass
