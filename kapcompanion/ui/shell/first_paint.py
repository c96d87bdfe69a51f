"""The window's first painted frame: what waits for it, and (for the start-up measurements) a
line on standard output when it has been handed to the window system."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QTimer

#: Set in the environment, the first frame is reported as "first-paint <monotonic seconds>".
FIRST_PAINT_ENV = "KAPCOMPANION_REPORT_FIRST_PAINT"


class FirstPaint:
    """Calls what waits for the first frame once it is painted (or when :meth:`done` is called
    because no frame will come)."""

    def __init__(self) -> None:
        self.painted = False
        self._waiting: list[Callable[[], object]] = []
        self._report = bool(os.environ.get(FIRST_PAINT_ENV))

    def after(self, call: Callable[[], object]) -> None:
        """Call ``call`` once the first frame has been painted (now, if it has)."""
        if self.painted:
            call()
        else:
            self._waiting.append(call)

    def frame_painted(self) -> None:
        """A frame was painted (from the window's paintEvent)."""
        if self._report:
            self._report = False
            # Reported once the frame has been handed to the window system.
            QTimer.singleShot(0, _report)
        if not self.painted:
            QTimer.singleShot(0, self.done)

    def done(self) -> None:
        self.painted = True
        while self._waiting:
            self._waiting.pop(0)()


def _report() -> None:
    sys.stdout.write(f"first-paint {time.monotonic():.6f}\n")
    sys.stdout.flush()
