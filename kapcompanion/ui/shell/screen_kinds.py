"""What the main window knows of the screens it shows: each is a plain QWidget that may also
have a ``closed`` signal, a title, a way to stop, to pause, or to ask before stopping.

The window asks with ``isinstance`` against these protocols, so a screen needs no base class and
no import of the window.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import SignalInstance


@runtime_checkable
class Closes(Protocol):
    """A screen that says when it is done (the window then leaves it)."""

    @property
    def closed(self) -> SignalInstance: ...


@runtime_checkable
class Titled(Protocol):
    """A screen with a title for the window's title bar."""

    title: str


@runtime_checkable
class Stoppable(Protocol):
    def stop(self) -> None: ...


@runtime_checkable
class Pausable(Protocol):
    def toggle_pause(self) -> None: ...


@runtime_checkable
class AsksBeforeStopping(Protocol):
    """A screen whose Esc first asks ("stop here?") and closes itself once confirmed."""

    def request_stop(self) -> None: ...


@runtime_checkable
class ShowsPause(Protocol):
    """A practice screen that can say whether it is paused (Help pauses one that is not)."""

    @property
    def paused(self) -> bool: ...

    def toggle_pause(self) -> None: ...


@runtime_checkable
class LeadsOn(Protocol):
    """A practice screen whose closing view can say that one more short page follows it (the
    page after a practice), so that its last button does not promise home."""

    def lead_on(self) -> None: ...
