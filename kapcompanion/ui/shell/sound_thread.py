"""The sound thread: everything that touches the sound system (importing sounddevice, opening and
closing the stream, listing outputs) runs here, one job after another, so the window paints and
answers at once even when a sound server is slow or stuck. Each result comes back to the GUI
thread through a queued signal."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from kapcompanion.ui.shell.sound_engine import AudioOutput


@dataclass(frozen=True)
class Opened:
    engine: AudioOutput | None
    ok: bool
    reason: str | None
    announce: bool


class SoundThread(QObject):
    """Runs jobs one after another on a daemon thread; each result is handed to its callback
    on the GUI thread. With ``background=False`` jobs run at once (for tests)."""

    _done = Signal(object, object)

    def __init__(self, background: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._background = background
        self._jobs: queue.SimpleQueue[tuple[Callable[[], object], Callable[[Any], None]] | None]
        self._jobs = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._stopped = False
        self.busy = 0
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def run(self, job: Callable[[], object], then: Callable[[Any], None]) -> None:
        if self._stopped:
            return
        self.busy += 1
        if not self._background:
            self._deliver(then, job())
            return
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="sound", daemon=True)
            self._thread.start()
        self._jobs.put((job, then))

    def _loop(self) -> None:
        while True:
            item = self._jobs.get()
            if item is None:
                return
            job, then = item
            try:
                result = job()
            except Exception as exc:  # a job must never end the thread
                result = exc
            try:
                self._done.emit(then, result)
            except RuntimeError:
                return  # the controller is gone (the app is closing)

    def _deliver(self, then: Callable[[Any], None], result: object) -> None:
        self.busy -= 1
        then(result)

    def stop(self, timeout: float = 0.5) -> None:
        self._stopped = True
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join(timeout)
