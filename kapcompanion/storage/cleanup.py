"""Removing what an interrupted run left behind, and only that.

A write that is killed midway leaves its temporary file (``.NAME.PID.tmp``, see
:func:`kapcompanion.storage.files.replacing`); an import that is killed leaves its ``.import-*``
folder in the scripts folder; a run that ends suddenly leaves its ``kapcompanion-*`` folder in the
system's temporary folder. At the next start these are removed, chosen by name, by owner and by
age (and, for a temporary file, only when the process that made it is gone), so nothing in use
and nothing the app did not make is ever touched.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

_TEMP_FILE = re.compile(r"^\..+\.(\d+)\.tmp$")
IMPORT_PREFIX = ".import-"
TEMP_DIR_PREFIX = "kapcompanion-"
#: A folder younger than this may belong to a run that is still going.
MIN_AGE_S = 3600.0


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: leave its file alone
    return True


def _ours(info: os.stat_result) -> bool:
    return info.st_uid == os.getuid()


def _old(info: os.stat_result, now: float) -> bool:
    return now - info.st_mtime >= MIN_AGE_S


def leftovers(
    folders: Iterable[Path],
    *,
    temp_root: Path | None = None,
    now: float | None = None,
    alive: Callable[[int], bool] = pid_alive,
) -> list[Path]:
    """What an interrupted run left in ``folders`` (the app's own) and in ``temp_root``."""
    when = time.time() if now is None else now
    found: list[Path] = []
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if not _ours(info):
                continue
            m = _TEMP_FILE.match(entry.name)
            if (m and stat.S_ISREG(info.st_mode) and not alive(int(m.group(1)))) or (
                entry.name.startswith(IMPORT_PREFIX)
                and stat.S_ISDIR(info.st_mode)
                and _old(info, when)
            ):
                found.append(Path(entry.path))
    root = temp_root if temp_root is not None else Path(tempfile.gettempdir())
    try:
        temps = list(os.scandir(root))
    except OSError:
        temps = []
    for entry in temps:
        if not entry.name.startswith(TEMP_DIR_PREFIX):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISDIR(info.st_mode) and _ours(info) and _old(info, when):
            found.append(Path(entry.path))
    return found


def remove_leftovers(
    folders: Iterable[Path],
    *,
    temp_root: Path | None = None,
    now: float | None = None,
    alive: Callable[[int], bool] = pid_alive,
) -> list[Path]:
    """Remove :func:`leftovers`; returns what was removed (what could not be is left)."""
    removed: list[Path] = []
    for path in leftovers(folders, temp_root=temp_root, now=now, alive=alive):
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed
