"""Starting with the computer, as the settings screen sees it.

The desktop's own way of doing it (an autostart entry) is written by the command-line layer,
which knows how this installation is started; the app hands it to the window as an
:class:`Autostart`. A window without one offers no such choice.
"""

from __future__ import annotations

from typing import Protocol


class Autostart(Protocol):
    def is_on(self) -> bool:
        """Whether the app starts with the computer now."""
        ...

    def set_on(self, on: bool) -> None:
        """Start with the computer from now on, or no longer. Raises OSError when the desktop's
        folder cannot be written."""
        ...
