"""Practice that could not be saved: tried again every little while, and offered to be kept
elsewhere before the app closes.

When the practice log cannot be written (a full disk, a folder that became read-only), what is
practised is kept in memory (see :mod:`kapcompanion.storage.log`). :class:`RetryUnsaved` tries
the disk again every :data:`RETRY_EVERY_MS`, so space freed meanwhile is used without a word
from the person. If something is still held in memory when the window closes,
:func:`keep_before_closing` asks, calmly, whether to keep a copy somewhere else: a JSON backup
that Import adds to the log later. Esc keeps the app open; nothing is lost without a choice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from kapcompanion.i18n import N_, _, ngettext
from kapcompanion.storage.errors import StorageFailure
from kapcompanion.storage.export import write_records_json
from kapcompanion.storage.logs import PracticeLogs

log = logging.getLogger("kapcompanion")

RETRY_EVERY_MS = 30_000
TITLE = N_("Before you close")
KEEP = N_("Keep a copy…")
CLOSE_ANYWAY = N_("Close without a copy")
STAY = N_("Stay open")
CHOOSE_TITLE = N_("Keep a copy of what was not saved")


def offer_text(count: int) -> str:
    return ngettext(
        "One practice could not be saved to the practice log, and would be gone "
        "once the app closes.\n\nYou might keep a copy somewhere else, on another disk for "
        "instance. Import adds it to the log later.",
        "{n} practices could not be saved to the practice log, and would be gone "
        "once the app closes.\n\nYou might keep a copy somewhere else, on another disk for "
        "instance. Import adds it to the log later.",
        count,
    ).format(n=count)


def kept_text(count: int, path: Path) -> str:
    return ngettext(
        "The practice is kept in {path}. Import adds it to the log whenever you like.",
        "The {n} practices are kept in {path}. Import adds them to the log whenever you like.",
        count,
    ).format(n=count, path=path)


class RetryUnsaved(QObject):
    """Tries every little while to write what the practice log holds in memory."""

    def __init__(self, logs: PracticeLogs, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._logs = logs
        self.timer = QTimer(self)
        self.timer.setInterval(RETRY_EVERY_MS)
        self.timer.timeout.connect(self.retry)
        self.timer.start()

    def retry(self) -> int:
        try:
            return self._logs.retry_unsaved()
        except StorageFailure:
            return -1


def _choose_path(parent: QWidget) -> Path | None:
    suggested = Path.home() / f"kapcompanion-practice-{date.today().isoformat()}.json"
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        _(CHOOSE_TITLE),
        str(suggested),
        _("Practice backup (*.json)"),
        options=QFileDialog.Option.DontUseNativeDialog,
    )
    return Path(chosen) if chosen else None


def _ask(parent: QWidget, count: int) -> str:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(_(TITLE))
    box.setText(offer_text(count))
    keep = box.addButton(_(KEEP), QMessageBox.ButtonRole.AcceptRole)
    close = box.addButton(_(CLOSE_ANYWAY), QMessageBox.ButtonRole.DestructiveRole)
    stay = box.addButton(_(STAY), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(stay)
    box.exec()
    clicked = box.clickedButton()
    return "keep" if clicked is keep else "close" if clicked is close else "stay"


def _tell(parent: QWidget, text: str) -> None:
    QMessageBox.information(parent, _(TITLE), text)


def keep_before_closing(
    parent: QWidget,
    logs: PracticeLogs,
    *,
    ask: Callable[[QWidget, int], str] = _ask,
    choose: Callable[[QWidget], Path | None] = _choose_path,
    tell: Callable[[QWidget, str], None] = _tell,
) -> bool:
    """Whether the window may close: True when nothing is held in memory, when a copy was
    kept, or when the person chose to close without one; False to stay open."""
    try:
        records = logs.unsaved()
    except StorageFailure:
        return True
    while records:
        answer = ask(parent, len(records))
        if answer == "close":
            log.warning("Closed with %d practices not saved", len(records))
            return True
        if answer != "keep":
            return False
        path = choose(parent)
        if path is None:
            continue
        try:
            count = write_records_json(records, path)
        except StorageFailure as failure:
            tell(
                parent,
                _("A copy could not be kept there. {reason}").format(reason=failure.message),
            )
            continue
        tell(parent, kept_text(count, path))
        return True
    return True
