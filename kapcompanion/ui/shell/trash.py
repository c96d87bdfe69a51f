"""The computer's trash, where a script the person deletes (or an older copy that an updated one
replaces) goes, so it can be taken back from there as from any other deletion.

Qt's own move to the trash does the work on every system (on Linux, the freedesktop trash).
Qt does not make the trash folder when a fresh account has none yet; it is made here first, as
the freedesktop trash specification allows, private to the person.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QFile, QStandardPaths

from kapcompanion.i18n import N_, _

#: Why a move failed when the system gives no reason of its own.
REFUSED = N_("the trash did not take it")


def _make_home_trash() -> None:
    if sys.platform in ("win32", "darwin"):
        return
    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    if not data:
        return
    for part in ("files", "info"):
        Path(data, "Trash", part).mkdir(mode=0o700, parents=True, exist_ok=True)


def move_to_trash(path: Path) -> None:
    """Move a file or a folder (with all it holds) to the computer's trash. Raises OSError when
    it could not be moved; it is then where it was."""
    if not path.exists():
        raise FileNotFoundError(2, _("it is no longer there"), str(path))
    _make_home_trash()
    result: object = QFile.moveToTrash(str(path))
    # The binding's stub also allows (moved, where it went); at run time it is one answer.
    moved = bool(result[0] if isinstance(result, tuple) else result)
    if not moved or path.exists():
        raise OSError(_(REFUSED))
