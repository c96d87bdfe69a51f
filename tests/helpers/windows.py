"""The app's main window as the GUI tests open it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from kapcompanion.domain.clock import Clock, FakeClock, MonotonicClock
from kapcompanion.services.settings import SettingsStore
from kapcompanion.ui.shell.main_window import MainWindow
from kapcompanion.ui.shell.sound_output import SOUND_ON


def shown_window(
    qtbot: Any, clock: Clock | None = None, *, active: bool = True, **options: Any
) -> MainWindow:
    """A main window on ``clock`` (a fake clock at 0 when None), shown and exposed. ``active``
    also makes it the active window, so window shortcuts (Esc, Space) reach it as they do for a
    person. ``options`` go to :class:`MainWindow` (``logs=``...)."""
    win = MainWindow(clock if clock is not None else FakeClock(), **options)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    if active:
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow)
    return win


@contextmanager
def window_with_sound(qtbot: Any) -> Iterator[MainWindow]:
    """A main window on the real clock with sound switched on (as a person who switched it on
    before), once its sound works; closed on leaving. Needs a sound server (see pulse.py)."""
    SettingsStore().set(SOUND_ON, True)
    win = MainWindow(MonotonicClock())
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):
        win.show()
    win.sound.start()
    qtbot.waitUntil(lambda: not win.sound.busy, timeout=10_000)
    assert win.sound.available, win.sound.status_text
    yield win
    win.close()
