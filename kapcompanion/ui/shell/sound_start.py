"""Practices waiting for sound before they begin (see ``SoundController.when_ready``).

A practice started while sound is still opening waits at its beginning, so that its opening
bell and the first movement of the shape can be placed at the same clock instant once the
output is open (or known absent); never longer than a limit, so a stuck sound server cannot
hold a practice back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

Begin = Callable[[float], None]


class ReadyGate(QObject):
    """Holds ``begin`` callbacks until :meth:`release` (or until ``wait_ms`` has passed, when
    ``on_timeout`` releases them)."""

    def __init__(self, wait_ms: int, on_timeout: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._waiting: list[Begin] = []
        self._limit = QTimer(self)
        self._limit.setSingleShot(True)
        self._limit.setInterval(wait_ms)
        self._limit.timeout.connect(on_timeout)

    def hold(self, begin: Begin) -> None:
        self._waiting.append(begin)
        if not self._limit.isActive():
            self._limit.start()

    def take(self) -> list[Begin]:
        """Everything waiting, which no longer waits."""
        self._limit.stop()
        waiting, self._waiting = self._waiting, []
        return waiting
